# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# The licence knowledge. The tables are generated at build time from the
# human-editable files in data/ by lib/license/gen-table.py (python3).
TRO_LICENSE_TSV = \
	data/spdx-licenses.tsv \
	data/spdx-exceptions.tsv \
	data/trulyopen-licenses.tsv \
	data/hf-license-ids.tsv \
	data/license-names.tsv \
	data/license-urls.tsv \
	data/license-clauses.tsv \
	data/license-fingerprints.tsv \
	data/template-names.tsv \
	data/mof-open-licenses.tsv

trulyopeninclude_HEADERS += include/trulyopen/license.h
libtrulyopen_impl_la_SOURCES += \
	lib/license/license.h \
	lib/license/namekey.c \
	lib/license/lookup.c \
	lib/license/spdx.c \
	lib/license/result.c \
	lib/license/classify.c \
	lib/license/words.c \
	lib/license/clauses.c \
	lib/license/identify.c \
	lib/license/match.c
nodist_libtrulyopen_tables_la_SOURCES += lib/license/license-table.c
BUILT_SOURCES += lib/license/license-table.c
CLEANFILES += lib/license/license-table.c
EXTRA_DIST += lib/license/gen-table.py $(TRO_LICENSE_TSV)

lib/license/license-table.c: $(srcdir)/lib/license/gen-table.py $(TRO_LICENSE_TSV:%=$(srcdir)/%)
	$(AM_V_GEN)if test -z "$(PYTHON3)"; then \
	  echo "python3 is needed to generate $@ (on Debian: apt-get install python3)" >&2; exit 1; fi; \
	$(MKDIR_P) lib/license && \
	$(PYTHON3) $(srcdir)/lib/license/gen-table.py $(srcdir)/data > $@.tmp && mv $@.tmp $@


# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# The licence knowledge. The tables are generated at build time from the
# human-editable files in data/ by lib/license/gen-table.py (python3).
TRO_LICENSE_TSV = \
	data/spdx-licenses.tsv \
	data/spdx-exceptions.tsv \
	data/trulyopen-licenses.tsv \
	data/hf-license-ids.tsv \
	data/scancode-keys.tsv \
	data/scancode-licenses.tsv \
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
	lib/license/resolve.c \
	lib/license/result.h \
	lib/license/result.c \
	lib/license/result_json.c \
	lib/license/classify.c \
	lib/license/prose.c \
	lib/license/phrase.c \
	lib/license/clauses.c \
	lib/license/identify.h \
	lib/license/hints.c \
	lib/license/identify.c \
	lib/license/textmatch.c \
	lib/license/added.h \
	lib/license/added.c \
	lib/license/words.c \
	lib/license/terms.c \
	lib/license/grant.c \
	lib/license/titles.c \
	lib/license/tmatch.h \
	lib/license/normal.c \
	lib/license/tmatch.c \
	lib/license/match.c
nodist_libtrulyopen_tables_la_SOURCES += lib/license/license-table.c lib/license/template-table.c
BUILT_SOURCES += lib/license/license-table.c lib/license/template-table.c
CLEANFILES += lib/license/license-table.c lib/license/template-table.c
# The SPDX License List, reduced to the words the text matcher needs
# (lib/license/spdx-import.py writes it from the SPDX sources; see its notice).
TRO_SPDX_TEXTS = data/spdx-texts.txt.gz
EXTRA_DIST += lib/license/gen-table.py $(TRO_LICENSE_TSV) \
	lib/license/gen-templates.py lib/license/licwords.py lib/license/spdx-import.py \
	lib/license/scancode-import.py \
	$(TRO_SPDX_TEXTS) data/spdx-texts.NOTICE

lib/license/license-table.c: $(srcdir)/lib/license/gen-table.py $(srcdir)/lib/license/licwords.py \
		$(TRO_LICENSE_TSV:%=$(srcdir)/%) $(srcdir)/$(TRO_SPDX_TEXTS)
	$(AM_V_GEN)if test -z "$(PYTHON3)"; then \
	  echo "python3 is needed to generate $@ (on Debian: apt-get install python3)" >&2; exit 1; fi; \
	$(MKDIR_P) lib/license && \
	$(PYTHON3) $(srcdir)/lib/license/gen-table.py $(srcdir)/data > $@.tmp && mv $@.tmp $@


lib/license/template-table.c: $(srcdir)/lib/license/gen-templates.py $(srcdir)/lib/license/licwords.py \
		$(srcdir)/$(TRO_SPDX_TEXTS) $(srcdir)/data/spdx-licenses.tsv $(srcdir)/data/spdx-exceptions.tsv
	$(AM_V_GEN)if test -z "$(PYTHON3)"; then \
	  echo "python3 is needed to generate $@ (on Debian: apt-get install python3)" >&2; exit 1; fi; \
	$(MKDIR_P) lib/license && \
	$(PYTHON3) $(srcdir)/lib/license/gen-templates.py $(srcdir)/data > $@.tmp && mv $@.tmp $@

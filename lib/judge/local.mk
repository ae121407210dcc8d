# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# The openness evaluation: criteria, lineage, catalogs, MOF classes, policy.
trulyopeninclude_HEADERS += include/trulyopen/check.h
libtrulyopen_impl_la_SOURCES += \
	lib/judge/judgement.h \
	lib/judge/judge.h \
	lib/judge/prose.h \
	lib/judge/prose.c \
	lib/judge/cardview.c \
	lib/judge/wordindex.c \
	lib/judge/terms.h \
	lib/judge/terms.c \
	lib/judge/bases.c \
	lib/judge/mof_class.c \
	lib/judge/mof_open.c \
	lib/judge/policy.h \
	lib/judge/policy.c \
	lib/judge/policy_read.h \
	lib/judge/policy_parse.c \
	lib/judge/policy_lists.c \
	lib/judge/policy_waivers.c \
	lib/judge/policy_licenses.c \
	lib/judge/util.c \
	lib/judge/crit.c \
	lib/judge/lics.c \
	lib/judge/links.c \
	lib/judge/check.c \
	lib/judge/use.c \
	lib/judge/method.h \
	lib/judge/method.c \
	lib/judge/method_code.c \
	lib/judge/method_paper.c \
	lib/judge/method_proc.c \
	lib/judge/data.c \
	lib/judge/dataset.h \
	lib/judge/datatext.c \
	lib/judge/dsaccess.c \
	lib/judge/lineage.c \
	lib/judge/resolve.c \
	lib/judge/catalog.c \
	lib/judge/builtin.c \
	lib/judge/builtin.h \
	lib/judge/builtin_datasets.c \
	lib/judge/mof_evidence.c \
	lib/judge/weights.c \
	lib/judge/topass.c

# Built-in knowledge of base model families, generated from data/.
nodist_libtrulyopen_tables_la_SOURCES += lib/judge/base-models-table.c
BUILT_SOURCES += lib/judge/base-models-table.c
CLEANFILES += lib/judge/base-models-table.c
EXTRA_DIST += lib/judge/gen-base-models.py lib/judge/gen_tables.py data/base-models.tsv \
	data/model-names.tsv

lib/judge/base-models-table.c: $(srcdir)/lib/judge/gen-base-models.py \
		$(srcdir)/lib/judge/gen_tables.py $(srcdir)/data/base-models.tsv \
		$(srcdir)/data/model-names.tsv
	$(AM_V_GEN)if test -z "$(PYTHON3)"; then \
	  echo "python3 is needed to generate $@ (on Debian: apt-get install python3)" >&2; exit 1; fi; \
	$(MKDIR_P) lib/judge && \
	$(PYTHON3) $(srcdir)/lib/judge/gen-base-models.py $(srcdir)/data/base-models.tsv \
	  $(srcdir)/data/model-names.tsv > $@.tmp && mv $@.tmp $@

# Built-in knowledge of training datasets, generated from data/ (checked row
# by row by the generator).
nodist_libtrulyopen_tables_la_SOURCES += lib/judge/datasets-table.c
BUILT_SOURCES += lib/judge/datasets-table.c
CLEANFILES += lib/judge/datasets-table.c
EXTRA_DIST += lib/judge/gen-datasets.py data/datasets.tsv

lib/judge/datasets-table.c: $(srcdir)/lib/judge/gen-datasets.py \
		$(srcdir)/lib/judge/gen_tables.py $(srcdir)/data/datasets.tsv
	$(AM_V_GEN)if test -z "$(PYTHON3)"; then \
	  echo "python3 is needed to generate $@ (on Debian: apt-get install python3)" >&2; exit 1; fi; \
	$(MKDIR_P) lib/judge && \
	$(PYTHON3) $(srcdir)/lib/judge/gen-datasets.py $(srcdir)/data/datasets.tsv > $@.tmp && mv $@.tmp $@

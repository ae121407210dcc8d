# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Unit tests: tests/unit/<layer>/test_<file>.c tests lib/<layer>/<file>.c (or
# the component named), with cases written TRO_TEST(name) (tests/unit/test.h).
# tests/unit/gen-list.sh lists them, at build time, for the runner
# (tests/unit/main.c), which prints TAP: Automake's TAP driver counts each case
# (LOG_DRIVER, Makefile.am). Four programs share that runner, because their
# cases cannot share one link:
#   tests/unit/runner       the internal tests: the convenience library, with
#                           TRO_BUILDING and the layers' private headers
#   tests/unit/runner-api   tests of the public API alone, linked to the
#                           shared library as a user's program is, so that
#                           they can only use what it exports
#   tests/unit/runner-oom-access, runner-oom-policy
#                           cases that replace malloc for the whole program
#                           (tests/unit/failalloc.h: each defines it, and the
#                           others must keep the C library's, and a sanitizer's)
TRO_UNIT_TESTS = \
	tests/unit/core/test_toolkit.c tests/unit/core/test_escape.c tests/unit/core/test_utf8.c \
	tests/unit/read/test_safetensors.c tests/unit/read/test_gguf.c tests/unit/read/test_index.c \
	tests/unit/read/test_config.c tests/unit/read/test_croissant.c \
	tests/unit/read/test_datapackage.c tests/unit/read/test_manifest_corpus.c \
	tests/unit/read/test_lfs.c tests/unit/read/test_yaml.c \
	tests/unit/read/test_text.c tests/unit/read/test_card.c tests/unit/read/test_card_bytes.c \
	tests/unit/read/test_card_md.c tests/unit/read/test_card_plain.c tests/unit/read/test_card_facts.c \
	tests/unit/read/test_card_corpus.c tests/unit/read/test_mof.c \
	tests/unit/read/test_mof_corpus.c tests/unit/read/test_license_file.c \
	tests/unit/read/test_pickle.c tests/unit/read/test_numpy.c tests/unit/read/test_pytorch_cd.c \
	tests/unit/license/test_license.c tests/unit/license/test_strings.c \
	tests/unit/scan/test_detect.c tests/unit/scan/test_scan.c tests/unit/scan/test_archive.c \
	tests/unit/scan/test_hash.c \
	tests/unit/hub/test_hub.c \
	tests/unit/judge/test_check.c tests/unit/judge/test_mof_class.c \
	tests/unit/judge/test_builtin_datasets.c tests/unit/judge/test_builtin_models.c \
	tests/unit/judge/test_dsaccess.c tests/unit/judge/test_data_phrases.c \
	tests/unit/judge/test_weights.c tests/unit/judge/test_method.c tests/unit/judge/test_policy.c \
	tests/unit/judge/test_wordindex.c \
	tests/unit/report/test_sarif.c tests/unit/report/test_access.c tests/unit/report/test_human.c \
	tests/unit/report/test_table.c
TRO_UNIT_API_TESTS = tests/unit/core/test_ctx.c tests/unit/scan/test_buffer.c \
	tests/unit/scan/test_manifest.c tests/unit/judge/test_hostile.c tests/unit/batch/test_batch.c
TRO_UNIT_OOM_ACCESS_TESTS = tests/unit/report/test_access_oom.c
TRO_UNIT_OOM_POLICY_TESTS = tests/unit/judge/test_policy_apply.c
TRO_UNIT_INCLUDES = tests/unit/test.h tests/unit/fixture.h tests/unit/read_test.h \
	tests/unit/wtest.h tests/unit/report_fixture.h tests/unit/failalloc.h

TRO_TEST_INTERNAL_CPPFLAGS = $(AM_CPPFLAGS) -DTRO_BUILDING -I$(top_srcdir)/tests/unit \
	-I$(top_srcdir)/lib/read -I$(top_srcdir)/lib/license -I$(top_srcdir)/lib/scan \
	-I$(top_srcdir)/lib/hub -I$(top_srcdir)/lib/judge -I$(top_srcdir)/lib/report
TRO_TEST_INTERNAL_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(LIBARCHIVE_CFLAGS) $(LIBCRYPTO_CFLAGS) $(YAML_CFLAGS)
TRO_TEST_INTERNAL_LDADD = libtrulyopen-impl.la $(TRO_DEP_LIBS)
TRO_UNIT_RUNNERS = tests/unit/runner tests/unit/runner-api tests/unit/runner-oom-access \
	tests/unit/runner-oom-policy
check_PROGRAMS += $(TRO_UNIT_RUNNERS)
TESTS += $(TRO_UNIT_RUNNERS)
EXTRA_DIST += tests/unit/gen-list.sh tests/unit/README.md

tests_unit_runner_SOURCES = tests/unit/main.c $(TRO_UNIT_TESTS) $(TRO_UNIT_INCLUDES)
nodist_tests_unit_runner_SOURCES = tests/unit/list-runner.c
tests_unit_runner_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS)
tests_unit_runner_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_runner_LDADD = $(TRO_TEST_INTERNAL_LDADD) -lm

tests_unit_runner_api_SOURCES = tests/unit/main.c $(TRO_UNIT_API_TESTS) $(TRO_UNIT_INCLUDES)
nodist_tests_unit_runner_api_SOURCES = tests/unit/list-runner-api.c
tests_unit_runner_api_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
tests_unit_runner_api_LDADD = libtrulyopen.la

tests_unit_runner_oom_access_SOURCES = tests/unit/main.c $(TRO_UNIT_OOM_ACCESS_TESTS) \
	$(TRO_UNIT_INCLUDES)
nodist_tests_unit_runner_oom_access_SOURCES = tests/unit/list-runner-oom-access.c
tests_unit_runner_oom_access_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS)
tests_unit_runner_oom_access_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_runner_oom_access_LDADD = $(TRO_TEST_INTERNAL_LDADD)

tests_unit_runner_oom_policy_SOURCES = tests/unit/main.c $(TRO_UNIT_OOM_POLICY_TESTS) \
	$(TRO_UNIT_INCLUDES)
nodist_tests_unit_runner_oom_policy_SOURCES = tests/unit/list-runner-oom-policy.c
tests_unit_runner_oom_policy_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS)
tests_unit_runner_oom_policy_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_runner_oom_policy_LDADD = $(TRO_TEST_INTERNAL_LDADD)

# The lists of cases, remade when a test file changes.
TRO_UNIT_LIST = $(AM_V_GEN)$(MKDIR_P) tests/unit && \
	$(SHELL) $(srcdir)/tests/unit/gen-list.sh $(srcdir)
tests/unit/list-runner.c: $(srcdir)/tests/unit/gen-list.sh $(TRO_UNIT_TESTS)
	$(TRO_UNIT_LIST) $(TRO_UNIT_TESTS) >$@-t && mv -f $@-t $@
tests/unit/list-runner-api.c: $(srcdir)/tests/unit/gen-list.sh $(TRO_UNIT_API_TESTS)
	$(TRO_UNIT_LIST) $(TRO_UNIT_API_TESTS) >$@-t && mv -f $@-t $@
tests/unit/list-runner-oom-access.c: $(srcdir)/tests/unit/gen-list.sh $(TRO_UNIT_OOM_ACCESS_TESTS)
	$(TRO_UNIT_LIST) $(TRO_UNIT_OOM_ACCESS_TESTS) >$@-t && mv -f $@-t $@
tests/unit/list-runner-oom-policy.c: $(srcdir)/tests/unit/gen-list.sh $(TRO_UNIT_OOM_POLICY_TESTS)
	$(TRO_UNIT_LIST) $(TRO_UNIT_OOM_POLICY_TESTS) >$@-t && mv -f $@-t $@
CLEANFILES += tests/unit/list-runner.c tests/unit/list-runner-api.c \
	tests/unit/list-runner-oom-access.c tests/unit/list-runner-oom-policy.c

# The library's exported symbols, public header, layers and binary interface.
TESTS += tests/unit/symbols.sh tests/unit/header.sh tests/unit/layers.sh tests/unit/abi.sh
EXTRA_DIST += tests/unit/symbols.sh tests/unit/header.sh tests/unit/symbols.txt \
	tests/unit/layers.sh tests/unit/abi.sh tests/unit/abi_list.py tests/unit/abi.txt

# Records the public headers' binary interface in tests/unit/abi.txt, which
# tests/unit/abi.sh compares with: run it after a change that is meant.
abi-update:
	$(PYTHON3) $(srcdir)/tests/unit/abi_list.py record $(srcdir) '$(CC)' $(srcdir)/tests/unit/abi.txt
.PHONY: abi-update

# Command-line tests: shell scripts using $TRULYOPEN (see AM_TESTS_ENVIRONMENT);
# output, integrity, escape and limits: what a hostile release or a full
# disk must not get away with.
TRO_CLI_TESTS = tests/cli/hash.sh tests/cli/verify.sh tests/cli/archive.sh tests/cli/inspect.sh \
	tests/cli/hub.sh \
	tests/cli/archive-checkpoint.sh tests/cli/output.sh tests/cli/integrity.sh \
	tests/cli/escape.sh tests/cli/limits.sh
TESTS += $(TRO_CLI_TESTS)
EXTRA_DIST += $(TRO_CLI_TESTS) tests/cli/lib.sh tests/cli/zipbomb.py
EXTRA_DIST += tests/data/license/strings.tsv
TESTS += tests/cli/license.sh tests/cli/license-corpus.sh tests/cli/license-cards.sh \
	tests/cli/license-common.sh
EXTRA_DIST += tests/cli/license.sh tests/cli/license-corpus.sh tests/cli/license-cards.sh \
	tests/cli/license-common.sh
# Pickle / PyTorch readers: a driver that prints what a reader extracted,
# and a Python suite that builds fixtures with the standard library.
check_PROGRAMS += tests/unit/pickle_dump
tests_unit_pickle_dump_SOURCES = tests/unit/pickle_dump.c
tests_unit_pickle_dump_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS)
tests_unit_pickle_dump_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_pickle_dump_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TRO_PICKLE_PY_TESTS = tests/read/pickle_scan.py tests/read/pickle_malformed.py \
	tests/read/pytorch_ckpt.py tests/read/pytorch_tail.py tests/read/unsafe_suite.py
if HAVE_PYTHON3
TESTS += $(TRO_PICKLE_PY_TESTS)
endif
# unsafe_suite.py: the samples of peer_samples.py (those the test suites of
# other model scanners load, rebuilt with the standard library, and ours),
# written by samplegen.py, each scanned and judged malicious or safe.
EXTRA_DIST += $(TRO_PICKLE_PY_TESTS) tests/read/pkltest.py tests/read/samplegen.py \
	tests/read/peer_samples.py

# The SARIF logs of tests/unit/report/test_sarif.c checked against the
# structure SARIF 2.1.0 asks for.
if HAVE_PYTHON3
TESTS += tests/report/sarif_validate.py
endif
EXTRA_DIST += tests/report/sarif_validate.py
# trulyopen check: the CLI, the data-driven suite (tests/data/check/cases/*:
# a release and expected.json each) and the real cards of the corpus.
TESTS += tests/cli/check.sh tests/cli/check-cases.py tests/cli/check-corpus.py \
	tests/cli/check-render.sh tests/cli/batch.sh
EXTRA_DIST += tests/cli/check.sh tests/cli/check-cases.py tests/cli/check-corpus.py \
	tests/cli/check-render.sh tests/cli/batch.sh \
	tests/data/check

# Every licence of the built-in tables (data/datasets.tsv,
# data/base-models.tsv) recognised.
if HAVE_PYTHON3
TESTS += tests/cli/builtin-licenses.py
endif
EXTRA_DIST += tests/cli/builtin-licenses.py

# The Hugging Face Hub client against a fake Hub (tests/hub/fakehub.py, on
# 127.0.0.1 and 127.0.0.2 with random ports, started by each test).
TRO_HUB_TESTS = tests/hub/remote.py tests/hub/faults.py tests/hub/cachedirs.py
if HAVE_PYTHON3
TESTS += $(TRO_HUB_TESTS)
endif
EXTRA_DIST += $(TRO_HUB_TESTS) tests/hub/fakehub.py tests/hub/hubtest.py tests/hub/pyt_hub.py

# Out of memory: every allocation of check, inspect and hash fails in turn
# (an LD_PRELOAD shim, built as a module, and the driver that runs them).
check_LTLIBRARIES = tests/oom/libfailmalloc.la
tests_oom_libfailmalloc_la_SOURCES = tests/oom/failmalloc.c
tests_oom_libfailmalloc_la_CFLAGS = -std=c11 -D_GNU_SOURCE $(TRO_WARN_CFLAGS) $(PTHREAD_CFLAGS)
tests_oom_libfailmalloc_la_LDFLAGS = -module -avoid-version -shared -rpath $(abs_builddir)/tests/oom
tests_oom_libfailmalloc_la_LIBADD = -ldl
check_PROGRAMS += tests/oom/oomrun
tests_oom_oomrun_SOURCES = tests/oom/oomrun.c
TESTS += tests/oom/oom.sh
EXTRA_DIST += tests/oom/oom.sh
# The cases of the rules of method transparency (tests/unit/judge/test_method.c).
EXTRA_DIST += tests/data/judge

# Agreement with the real cards labelled by the judging rubric
# (../shared/corpus/JUDGEMENTS.tsv), with floors per criterion.
if HAVE_PYTHON3
TESTS += tests/judge/agreement.py
endif
EXTRA_DIST += tests/judge/agreement.py

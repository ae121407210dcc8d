# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Unit tests of the public API link the shared library; tests of internal
# modules link the convenience library and define TRO_BUILDING.
TRO_TEST_INTERNAL_CPPFLAGS = $(AM_CPPFLAGS) -DTRO_BUILDING -I$(top_srcdir)/tests/unit \
	-I$(top_srcdir)/lib/read -I$(top_srcdir)/lib/license
TRO_TEST_INTERNAL_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(LIBARCHIVE_CFLAGS) $(LIBCRYPTO_CFLAGS) $(YAML_CFLAGS)
TRO_TEST_INTERNAL_LDADD = libtrulyopen-impl.la $(TRO_DEP_LIBS)

check_PROGRAMS += tests/unit/test_core
tests_unit_test_core_SOURCES = tests/unit/test_core.c tests/unit/test.h
tests_unit_test_core_LDADD = libtrulyopen.la

check_PROGRAMS += tests/unit/test_toolkit
tests_unit_test_toolkit_SOURCES = tests/unit/test_toolkit.c
tests_unit_test_toolkit_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS)
tests_unit_test_toolkit_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_toolkit_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_toolkit

check_PROGRAMS += tests/unit/test_detect
tests_unit_test_detect_SOURCES = tests/unit/test_detect.c
tests_unit_test_detect_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS)
tests_unit_test_detect_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_detect_LDADD = $(TRO_TEST_INTERNAL_LDADD)

# Readers of weights, shard indexes, config.json and dataset manifests.
TRO_READ_TESTS = tests/unit/test_safetensors tests/unit/test_gguf \
	tests/unit/test_index tests/unit/test_config tests/unit/test_croissant \
	tests/unit/test_datapackage tests/unit/test_manifests
check_PROGRAMS += $(TRO_READ_TESTS)
tests_unit_test_safetensors_SOURCES = tests/unit/test_safetensors.c tests/unit/wtest.h
tests_unit_test_safetensors_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS)
tests_unit_test_safetensors_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_safetensors_LDADD = $(TRO_TEST_INTERNAL_LDADD)
tests_unit_test_gguf_SOURCES = tests/unit/test_gguf.c tests/unit/wtest.h
tests_unit_test_gguf_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS)
tests_unit_test_gguf_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_gguf_LDADD = $(TRO_TEST_INTERNAL_LDADD)
tests_unit_test_index_SOURCES = tests/unit/test_index.c tests/unit/wtest.h
tests_unit_test_index_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS)
tests_unit_test_index_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_index_LDADD = $(TRO_TEST_INTERNAL_LDADD)
tests_unit_test_config_SOURCES = tests/unit/test_config.c tests/unit/wtest.h
tests_unit_test_config_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS)
tests_unit_test_config_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_config_LDADD = $(TRO_TEST_INTERNAL_LDADD)
tests_unit_test_croissant_SOURCES = tests/unit/test_croissant.c tests/unit/wtest.h
tests_unit_test_croissant_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS)
tests_unit_test_croissant_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_croissant_LDADD = $(TRO_TEST_INTERNAL_LDADD)
tests_unit_test_datapackage_SOURCES = tests/unit/test_datapackage.c tests/unit/wtest.h
tests_unit_test_datapackage_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS)
tests_unit_test_datapackage_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_datapackage_LDADD = $(TRO_TEST_INTERNAL_LDADD)
tests_unit_test_manifests_SOURCES = tests/unit/test_manifests.c tests/unit/wtest.h
tests_unit_test_manifests_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS)
tests_unit_test_manifests_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_manifests_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += $(TRO_READ_TESTS)

TESTS += tests/unit/test_core tests/unit/test_detect \
	tests/unit/symbols.sh tests/unit/header.sh tests/unit/layers.sh tests/unit/abi.sh

EXTRA_DIST += tests/unit/symbols.sh tests/unit/header.sh tests/unit/symbols.txt \
	tests/unit/layers.sh tests/unit/abi.sh tests/unit/abi_list.py tests/unit/abi.txt

# Records the public headers' binary interface in tests/unit/abi.txt, which
# tests/unit/abi.sh compares with: run it after a change that is meant.
abi-update:
	$(PYTHON3) $(srcdir)/tests/unit/abi_list.py record $(srcdir) '$(CC)' $(srcdir)/tests/unit/abi.txt
.PHONY: abi-update

check_PROGRAMS += tests/unit/test_scan
tests_unit_test_scan_SOURCES = tests/unit/test_scan.c tests/unit/fixture.h
tests_unit_test_scan_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS)
tests_unit_test_scan_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_scan_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_scan

check_PROGRAMS += tests/unit/test_archive
tests_unit_test_archive_SOURCES = tests/unit/test_archive.c tests/unit/fixture.h
tests_unit_test_archive_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS)
tests_unit_test_archive_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_archive_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_archive

check_PROGRAMS += tests/unit/test_manifest
tests_unit_test_manifest_SOURCES = tests/unit/test_manifest.c tests/unit/fixture.h
tests_unit_test_manifest_LDADD = libtrulyopen.la
TESTS += tests/unit/test_manifest

check_PROGRAMS += tests/unit/test_lfs
tests_unit_test_lfs_SOURCES = tests/unit/test_lfs.c
tests_unit_test_lfs_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS) -I$(top_srcdir)/lib/read
tests_unit_test_lfs_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_lfs_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_lfs

check_PROGRAMS += tests/unit/test_escape
tests_unit_test_escape_SOURCES = tests/unit/test_escape.c
tests_unit_test_escape_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS)
tests_unit_test_escape_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_escape_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_escape

check_PROGRAMS += tests/unit/test_buffers
tests_unit_test_buffers_SOURCES = tests/unit/test_buffers.c
tests_unit_test_buffers_LDADD = libtrulyopen.la
TESTS += tests/unit/test_buffers

# Command-line tests: shell scripts using $TRULYOPEN (see AM_TESTS_ENVIRONMENT);
# output, integrity, escape and limits: what a hostile release or a full
# disk must not get away with.
TRO_CLI_TESTS = tests/cli/hash.sh tests/cli/verify.sh tests/cli/archive.sh tests/cli/inspect.sh \
	tests/cli/hub.sh \
	tests/cli/archive-checkpoint.sh tests/cli/output.sh tests/cli/integrity.sh \
	tests/cli/escape.sh tests/cli/limits.sh
TESTS += $(TRO_CLI_TESTS)
EXTRA_DIST += $(TRO_CLI_TESTS) tests/cli/lib.sh tests/cli/zipbomb.py
check_PROGRAMS += tests/unit/test_license
tests_unit_test_license_SOURCES = tests/unit/test_license.c
tests_unit_test_license_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS)
tests_unit_test_license_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_license_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_license
check_PROGRAMS += tests/unit/test_license_strings
tests_unit_test_license_strings_SOURCES = tests/unit/test_license_strings.c
tests_unit_test_license_strings_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS)
tests_unit_test_license_strings_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_license_strings_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_license_strings
EXTRA_DIST += tests/data/license/strings.tsv
TESTS += tests/cli/license.sh tests/cli/license-corpus.sh tests/cli/license-cards.sh \
	tests/cli/license-common.sh
EXTRA_DIST += tests/cli/license.sh tests/cli/license-corpus.sh tests/cli/license-cards.sh \
	tests/cli/license-common.sh
# Readers of cards, YAML, MOF and license files (lib/read).
TRO_TEST_READ_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS) -I$(top_srcdir)/lib/read
check_PROGRAMS += tests/unit/test_yaml
tests_unit_test_yaml_SOURCES = tests/unit/test_yaml.c tests/unit/read_test.h tests/fuzz/yaml_diff.h
tests_unit_test_yaml_CPPFLAGS = $(TRO_TEST_READ_CPPFLAGS)
tests_unit_test_yaml_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_yaml_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_yaml
check_PROGRAMS += tests/unit/test_text_find
tests_unit_test_text_find_SOURCES = tests/unit/test_text_find.c tests/unit/read_test.h
tests_unit_test_text_find_CPPFLAGS = $(TRO_TEST_READ_CPPFLAGS)
tests_unit_test_text_find_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_text_find_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_text_find
check_PROGRAMS += tests/unit/test_yaml_defer
tests_unit_test_yaml_defer_SOURCES = tests/unit/test_yaml_defer.c tests/unit/read_test.h \
	tests/fuzz/yaml_diff.h
tests_unit_test_yaml_defer_CPPFLAGS = $(TRO_TEST_READ_CPPFLAGS)
tests_unit_test_yaml_defer_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_yaml_defer_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_yaml_defer
check_PROGRAMS += tests/unit/test_card
tests_unit_test_card_SOURCES = tests/unit/test_card.c tests/unit/read_test.h
tests_unit_test_card_CPPFLAGS = $(TRO_TEST_READ_CPPFLAGS)
tests_unit_test_card_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_card_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_card
check_PROGRAMS += tests/unit/test_utf8
tests_unit_test_utf8_SOURCES = tests/unit/test_utf8.c
tests_unit_test_utf8_CPPFLAGS = $(TRO_TEST_READ_CPPFLAGS)
tests_unit_test_utf8_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_utf8_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_utf8
check_PROGRAMS += tests/unit/test_card_bytes
tests_unit_test_card_bytes_SOURCES = tests/unit/test_card_bytes.c
tests_unit_test_card_bytes_CPPFLAGS = $(TRO_TEST_READ_CPPFLAGS)
tests_unit_test_card_bytes_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_card_bytes_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_card_bytes
check_PROGRAMS += tests/unit/test_card_md
tests_unit_test_card_md_SOURCES = tests/unit/test_card_md.c tests/unit/read_test.h
tests_unit_test_card_md_CPPFLAGS = $(TRO_TEST_READ_CPPFLAGS)
tests_unit_test_card_md_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_card_md_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_card_md
check_PROGRAMS += tests/unit/test_card_facts
tests_unit_test_card_facts_SOURCES = tests/unit/test_card_facts.c tests/unit/read_test.h
tests_unit_test_card_facts_CPPFLAGS = $(TRO_TEST_READ_CPPFLAGS) -I$(top_srcdir)/lib/judge
tests_unit_test_card_facts_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_card_facts_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_card_facts
check_PROGRAMS += tests/unit/test_mof
tests_unit_test_mof_SOURCES = tests/unit/test_mof.c tests/unit/read_test.h
tests_unit_test_mof_CPPFLAGS = $(TRO_TEST_READ_CPPFLAGS)
tests_unit_test_mof_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_mof_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_mof
check_PROGRAMS += tests/unit/test_license_file
tests_unit_test_license_file_SOURCES = tests/unit/test_license_file.c tests/unit/read_test.h
tests_unit_test_license_file_CPPFLAGS = $(TRO_TEST_READ_CPPFLAGS)
tests_unit_test_license_file_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_license_file_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_license_file
check_PROGRAMS += tests/unit/test_card_corpus
tests_unit_test_card_corpus_SOURCES = tests/unit/test_card_corpus.c tests/unit/read_test.h
tests_unit_test_card_corpus_CPPFLAGS = $(TRO_TEST_READ_CPPFLAGS)
tests_unit_test_card_corpus_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_card_corpus_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_card_corpus
check_PROGRAMS += tests/unit/test_mof_corpus
tests_unit_test_mof_corpus_SOURCES = tests/unit/test_mof_corpus.c tests/unit/read_test.h
tests_unit_test_mof_corpus_CPPFLAGS = $(TRO_TEST_READ_CPPFLAGS)
tests_unit_test_mof_corpus_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_mof_corpus_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_mof_corpus
# Pickle / PyTorch readers: a driver that prints what a reader extracted,
# and a Python suite that builds fixtures with the standard library.
check_PROGRAMS += tests/unit/pickle_dump
tests_unit_pickle_dump_SOURCES = tests/unit/pickle_dump.c
tests_unit_pickle_dump_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS)
tests_unit_pickle_dump_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_pickle_dump_LDADD = $(TRO_TEST_INTERNAL_LDADD)
check_PROGRAMS += tests/unit/test_pickle
tests_unit_test_pickle_SOURCES = tests/unit/test_pickle.c
tests_unit_test_pickle_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS) -I$(top_srcdir)/lib/read
tests_unit_test_pickle_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_pickle_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_pickle
check_PROGRAMS += tests/unit/test_numpy
tests_unit_test_numpy_SOURCES = tests/unit/test_numpy.c
tests_unit_test_numpy_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS) -I$(top_srcdir)/lib/read
tests_unit_test_numpy_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_numpy_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_numpy
# The zip side of the PyTorch reader, central directory included, on zips
# the test builds.
check_PROGRAMS += tests/unit/test_pytorch_cd
tests_unit_test_pytorch_cd_SOURCES = tests/unit/test_pytorch_cd.c tests/unit/read_test.h
tests_unit_test_pytorch_cd_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS)
tests_unit_test_pytorch_cd_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_pytorch_cd_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_pytorch_cd
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

check_PROGRAMS += tests/unit/test_mof_class
tests_unit_test_mof_class_SOURCES = tests/unit/test_mof_class.c
tests_unit_test_mof_class_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS) -I$(top_srcdir)/lib/judge
tests_unit_test_mof_class_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_mof_class_LDADD = $(TRO_TEST_INTERNAL_LDADD) -lm
TESTS += tests/unit/test_mof_class

# Release gates and report writers (lib/judge/policy*.c, lib/report): unit
# tests on synthetic reports, and a SARIF 2.1.0 structure check.
TRO_TEST_JUDGE_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS) -I$(top_srcdir)/lib/judge \
	-I$(top_srcdir)/lib/report
TRO_REPORT_TESTS = tests/unit/test_policy tests/unit/test_policy_apply tests/unit/test_sarif
check_PROGRAMS += $(TRO_REPORT_TESTS)
tests_unit_test_policy_SOURCES = tests/unit/test_policy.c tests/unit/report_fixture.h
tests_unit_test_policy_CPPFLAGS = $(TRO_TEST_JUDGE_CPPFLAGS)
tests_unit_test_policy_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_policy_LDADD = $(TRO_TEST_INTERNAL_LDADD)
tests_unit_test_policy_apply_SOURCES = tests/unit/test_policy_apply.c tests/unit/report_fixture.h \
	tests/unit/failalloc.h
tests_unit_test_policy_apply_CPPFLAGS = $(TRO_TEST_JUDGE_CPPFLAGS)
tests_unit_test_policy_apply_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_policy_apply_LDADD = $(TRO_TEST_INTERNAL_LDADD)
tests_unit_test_sarif_SOURCES = tests/unit/test_sarif.c tests/unit/report_fixture.h
tests_unit_test_sarif_CPPFLAGS = $(TRO_TEST_JUDGE_CPPFLAGS)
tests_unit_test_sarif_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_sarif_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += $(TRO_REPORT_TESTS)
# The report's accessors against its JSON document, over the check suite's
# releases, and the rendering options.
check_PROGRAMS += tests/unit/test_access
tests_unit_test_access_SOURCES = tests/unit/test_access.c tests/unit/report_fixture.h
tests_unit_test_access_CPPFLAGS = $(TRO_TEST_JUDGE_CPPFLAGS)
tests_unit_test_access_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_access_LDADD = $(TRO_TEST_INTERNAL_LDADD)
check_PROGRAMS += tests/unit/test_access_oom
tests_unit_test_access_oom_SOURCES = tests/unit/test_access_oom.c tests/unit/report_fixture.h \
	tests/unit/failalloc.h
tests_unit_test_access_oom_CPPFLAGS = $(TRO_TEST_JUDGE_CPPFLAGS)
tests_unit_test_access_oom_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_access_oom_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_access tests/unit/test_access_oom
if HAVE_PYTHON3
TESTS += tests/report/sarif_validate.py
endif
EXTRA_DIST += tests/report/sarif_validate.py
# The openness evaluation: resolver callbacks, catalogs shared by threads,
# reports (internal: it also tests link classification).
check_PROGRAMS += tests/unit/test_check
tests_unit_test_check_SOURCES = tests/unit/test_check.c tests/unit/fixture.h
tests_unit_test_check_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS) -I$(top_srcdir)/lib/judge
tests_unit_test_check_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_check_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_check

# trulyopen check: the CLI, the data-driven suite (tests/data/check/cases/*:
# a release and expected.json each) and the real cards of the corpus.
TESTS += tests/cli/check.sh tests/cli/check-cases.py tests/cli/check-corpus.py \
	tests/cli/check-render.sh tests/cli/batch.sh
EXTRA_DIST += tests/cli/check.sh tests/cli/check-cases.py tests/cli/check-corpus.py \
	tests/cli/check-render.sh tests/cli/batch.sh \
	tests/data/check

# The built-in tables (data/datasets.tsv, data/base-models.tsv): lookups by
# Hub id and by name in prose, and every licence of both recognised.
check_PROGRAMS += tests/unit/test_builtin_datasets
tests_unit_test_builtin_datasets_SOURCES = tests/unit/test_builtin_datasets.c tests/unit/test.h
tests_unit_test_builtin_datasets_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS) -I$(top_srcdir)/lib/judge
tests_unit_test_builtin_datasets_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_builtin_datasets_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_builtin_datasets

check_PROGRAMS += tests/unit/test_dsaccess
tests_unit_test_dsaccess_SOURCES = tests/unit/test_dsaccess.c tests/unit/test.h
tests_unit_test_dsaccess_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS) -I$(top_srcdir)/lib/judge
tests_unit_test_dsaccess_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_dsaccess_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_dsaccess

check_PROGRAMS += tests/unit/test_data_phrases
tests_unit_test_data_phrases_SOURCES = tests/unit/test_data_phrases.c tests/unit/test.h
tests_unit_test_data_phrases_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS) -I$(top_srcdir)/lib/judge
tests_unit_test_data_phrases_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_data_phrases_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_data_phrases
check_PROGRAMS += tests/unit/test_builtin_models
tests_unit_test_builtin_models_SOURCES = tests/unit/test_builtin_models.c tests/unit/test.h
tests_unit_test_builtin_models_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS) -I$(top_srcdir)/lib/judge
tests_unit_test_builtin_models_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_builtin_models_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_builtin_models
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
check_PROGRAMS += tests/unit/test_hub
tests_unit_test_hub_SOURCES = tests/unit/test_hub.c tests/unit/test.h
tests_unit_test_hub_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS) -I$(top_srcdir)/lib/hub \
	-I$(top_srcdir)/lib/scan
tests_unit_test_hub_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_hub_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_hub

# Which files the judge takes for weights (lib/judge/weights.c).
check_PROGRAMS += tests/unit/test_weights
tests_unit_test_weights_SOURCES = tests/unit/test_weights.c tests/unit/test.h
tests_unit_test_weights_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS) -I$(top_srcdir)/lib/judge
tests_unit_test_weights_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_weights_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_weights

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
# The rules of method transparency on cases written for each of them
# (tests/data/judge/method-cases.txt), firing and not firing.
check_PROGRAMS += tests/unit/test_method_rules
tests_unit_test_method_rules_SOURCES = tests/unit/test_method_rules.c tests/unit/test.h
tests_unit_test_method_rules_CPPFLAGS = $(TRO_TEST_READ_CPPFLAGS) -I$(top_srcdir)/lib/judge
tests_unit_test_method_rules_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_method_rules_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_method_rules
EXTRA_DIST += tests/data/judge

# Agreement with the real cards labelled by the judging rubric
# (../shared/corpus/JUDGEMENTS.tsv), with floors per criterion.
if HAVE_PYTHON3
TESTS += tests/judge/agreement.py
endif
EXTRA_DIST += tests/judge/agreement.py

# The judge on hostile cards (1 MiB of a repeated unit), in bounded time.
check_PROGRAMS += tests/unit/test_judge_hostile
tests_unit_test_judge_hostile_SOURCES = tests/unit/test_judge_hostile.c tests/unit/test.h
tests_unit_test_judge_hostile_LDADD = libtrulyopen.la
TESTS += tests/unit/test_judge_hostile

# Hashing files: reader thread, changed and sparse files, OpenSSL failures.
check_PROGRAMS += tests/unit/test_hash
tests_unit_test_hash_SOURCES = tests/unit/test_hash.c tests/unit/fixture.h
tests_unit_test_hash_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS) -I$(top_srcdir)/lib/scan
tests_unit_test_hash_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_hash_LDADD = $(TRO_TEST_INTERNAL_LDADD)
TESTS += tests/unit/test_hash

# The batch API and compact JSON rendering (public API only).
check_PROGRAMS += tests/unit/test_batch
tests_unit_test_batch_SOURCES = tests/unit/test_batch.c tests/unit/fixture.h
tests_unit_test_batch_LDADD = libtrulyopen.la
TESTS += tests/unit/test_batch

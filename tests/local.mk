# Unit tests of the public API link the shared library; tests of internal
# modules link the convenience library and define TRO_BUILDING.
TRO_TEST_INTERNAL_CPPFLAGS = $(AM_CPPFLAGS) -DTRO_BUILDING -I$(top_srcdir)/tests/unit
TRO_TEST_INTERNAL_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(LIBARCHIVE_CFLAGS) $(LIBCRYPTO_CFLAGS) $(YAML_CFLAGS)
TRO_TEST_INTERNAL_LDADD = libtrulyopen-impl.la $(TRO_DEP_LIBS)

check_PROGRAMS += tests/unit/test_core
tests_unit_test_core_SOURCES = tests/unit/test_core.c tests/unit/test.h
tests_unit_test_core_LDADD = libtrulyopen.la

check_PROGRAMS += tests/unit/test_detect
tests_unit_test_detect_SOURCES = tests/unit/test_detect.c
tests_unit_test_detect_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS)
tests_unit_test_detect_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_detect_LDADD = $(TRO_TEST_INTERNAL_LDADD)

TESTS += tests/unit/test_core tests/unit/test_detect \
	tests/unit/symbols.sh tests/unit/header.sh

EXTRA_DIST += tests/unit/symbols.sh tests/unit/header.sh tests/unit/symbols.txt

# Readers of cards, YAML, MOF and license files (lib/read).
TRO_TEST_READ_CPPFLAGS = $(TRO_TEST_INTERNAL_CPPFLAGS) -I$(top_srcdir)/lib/read

check_PROGRAMS += tests/unit/test_yaml
tests_unit_test_yaml_SOURCES = tests/unit/test_yaml.c tests/unit/read_test.h tests/fuzz/yaml_diff.h
tests_unit_test_yaml_CPPFLAGS = $(TRO_TEST_READ_CPPFLAGS)
tests_unit_test_yaml_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_yaml_LDADD = $(TRO_TEST_INTERNAL_LDADD)

TESTS += tests/unit/test_yaml

check_PROGRAMS += tests/unit/test_card
tests_unit_test_card_SOURCES = tests/unit/test_card.c tests/unit/read_test.h
tests_unit_test_card_CPPFLAGS = $(TRO_TEST_READ_CPPFLAGS)
tests_unit_test_card_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_card_LDADD = $(TRO_TEST_INTERNAL_LDADD)

TESTS += tests/unit/test_card

check_PROGRAMS += tests/unit/test_card_md
tests_unit_test_card_md_SOURCES = tests/unit/test_card_md.c tests/unit/read_test.h
tests_unit_test_card_md_CPPFLAGS = $(TRO_TEST_READ_CPPFLAGS)
tests_unit_test_card_md_CFLAGS = $(TRO_TEST_INTERNAL_CFLAGS)
tests_unit_test_card_md_LDADD = $(TRO_TEST_INTERNAL_LDADD)

TESTS += tests/unit/test_card_md

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

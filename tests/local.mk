# Unit tests of the public API link the shared library; tests of internal
# modules link the convenience library and define TRO_BUILDING.
TRO_TEST_INTERNAL_CPPFLAGS = $(AM_CPPFLAGS) -DTRO_BUILDING -I$(top_srcdir)/tests/unit \
	-I$(top_srcdir)/lib/read
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
	tests/unit/symbols.sh tests/unit/header.sh

EXTRA_DIST += tests/unit/symbols.sh tests/unit/header.sh tests/unit/symbols.txt

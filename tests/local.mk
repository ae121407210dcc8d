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

TRO_PICKLE_PY_TESTS = tests/read/pickle_scan.py tests/read/pickle_malformed.py \
	tests/read/pytorch_ckpt.py
if HAVE_PYTHON3
TESTS += $(TRO_PICKLE_PY_TESTS)
endif
EXTRA_DIST += $(TRO_PICKLE_PY_TESTS) tests/read/pkltest.py

# Fuzz harnesses. Each tests/fuzz/fuzz_NAME.c is built:
#  - always, linked with replay.c as tests/fuzz/replay_NAME, which `make check`
#    runs over the seed corpus tests/fuzz/corpus/NAME/ (tests/fuzz/replay.sh);
#  - with --enable-fuzzers (CC=clang), as the libFuzzer binary tests/fuzz/fuzz_NAME.
# To add a harness, copy the block for `buffer` and add NAME to TRO_FUZZ_NAMES.
TRO_FUZZ_NAMES = buffer pickle pytorch
TRO_FUZZ_CPPFLAGS = $(AM_CPPFLAGS) -DTRO_BUILDING -I$(top_srcdir)/tests/fuzz
TRO_FUZZ_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(LIBARCHIVE_CFLAGS) $(LIBCRYPTO_CFLAGS) $(YAML_CFLAGS)
TRO_FUZZ_LDADD = libtrulyopen-impl.la $(TRO_DEP_LIBS)
TRO_FUZZ_ENGINE_CFLAGS = $(TRO_FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined
TRO_FUZZ_ENGINE_LDFLAGS = -fsanitize=fuzzer,address,undefined

check_PROGRAMS += tests/fuzz/replay_buffer
tests_fuzz_replay_buffer_SOURCES = tests/fuzz/fuzz_buffer.c tests/fuzz/replay.c tests/fuzz/fuzz.h
tests_fuzz_replay_buffer_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_replay_buffer_CFLAGS = $(TRO_FUZZ_CFLAGS)
tests_fuzz_replay_buffer_LDADD = $(TRO_FUZZ_LDADD)
if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_buffer
tests_fuzz_fuzz_buffer_SOURCES = tests/fuzz/fuzz_buffer.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_buffer_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_buffer_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_buffer_LDFLAGS = $(TRO_FUZZ_ENGINE_LDFLAGS)
tests_fuzz_fuzz_buffer_LDADD = $(TRO_FUZZ_LDADD)
endif

check_PROGRAMS += tests/fuzz/replay_pickle
tests_fuzz_replay_pickle_SOURCES = tests/fuzz/fuzz_pickle.c tests/fuzz/replay.c tests/fuzz/fuzz.h
tests_fuzz_replay_pickle_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_replay_pickle_CFLAGS = $(TRO_FUZZ_CFLAGS)
tests_fuzz_replay_pickle_LDADD = $(TRO_FUZZ_LDADD)
if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_pickle
tests_fuzz_fuzz_pickle_SOURCES = tests/fuzz/fuzz_pickle.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_pickle_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_pickle_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_pickle_LDFLAGS = $(TRO_FUZZ_ENGINE_LDFLAGS)
tests_fuzz_fuzz_pickle_LDADD = $(TRO_FUZZ_LDADD)
endif

check_PROGRAMS += tests/fuzz/replay_pytorch
tests_fuzz_replay_pytorch_SOURCES = tests/fuzz/fuzz_pytorch.c tests/fuzz/replay.c tests/fuzz/fuzz.h
tests_fuzz_replay_pytorch_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_replay_pytorch_CFLAGS = $(TRO_FUZZ_CFLAGS)
tests_fuzz_replay_pytorch_LDADD = $(TRO_FUZZ_LDADD)
if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_pytorch
tests_fuzz_fuzz_pytorch_SOURCES = tests/fuzz/fuzz_pytorch.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_pytorch_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_pytorch_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_pytorch_LDFLAGS = $(TRO_FUZZ_ENGINE_LDFLAGS)
tests_fuzz_fuzz_pytorch_LDADD = $(TRO_FUZZ_LDADD)
endif

TESTS += tests/fuzz/replay.sh
EXTRA_DIST += tests/fuzz/replay.sh tests/fuzz/corpus
AM_TESTS_ENVIRONMENT += TRO_FUZZ_NAMES='$(TRO_FUZZ_NAMES)'; export TRO_FUZZ_NAMES;

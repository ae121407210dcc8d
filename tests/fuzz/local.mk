# Fuzz harnesses. Each tests/fuzz/fuzz_NAME.c is built:
#  - always, linked with replay.c as tests/fuzz/replay_NAME, which `make check`
#    runs over the seed corpus tests/fuzz/corpus/NAME/ (tests/fuzz/replay.sh);
#  - with --enable-fuzzers (CC=clang), as the libFuzzer binary tests/fuzz/fuzz_NAME.
# To add a harness, copy the block for `buffer` and add NAME to TRO_FUZZ_NAMES.
TRO_FUZZ_NAMES = buffer safetensors gguf index config croissant datapackage
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

check_PROGRAMS += tests/fuzz/replay_safetensors
tests_fuzz_replay_safetensors_SOURCES = tests/fuzz/fuzz_safetensors.c tests/fuzz/replay.c tests/fuzz/fuzz.h tests/fuzz/fuzz_weights.h
tests_fuzz_replay_safetensors_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_replay_safetensors_CFLAGS = $(TRO_FUZZ_CFLAGS)
tests_fuzz_replay_safetensors_LDADD = $(TRO_FUZZ_LDADD)
if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_safetensors
tests_fuzz_fuzz_safetensors_SOURCES = tests/fuzz/fuzz_safetensors.c tests/fuzz/fuzz.h tests/fuzz/fuzz_weights.h
tests_fuzz_fuzz_safetensors_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_safetensors_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_safetensors_LDFLAGS = $(TRO_FUZZ_ENGINE_LDFLAGS)
tests_fuzz_fuzz_safetensors_LDADD = $(TRO_FUZZ_LDADD)
endif

check_PROGRAMS += tests/fuzz/replay_gguf
tests_fuzz_replay_gguf_SOURCES = tests/fuzz/fuzz_gguf.c tests/fuzz/replay.c tests/fuzz/fuzz.h tests/fuzz/fuzz_weights.h
tests_fuzz_replay_gguf_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_replay_gguf_CFLAGS = $(TRO_FUZZ_CFLAGS)
tests_fuzz_replay_gguf_LDADD = $(TRO_FUZZ_LDADD)
if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_gguf
tests_fuzz_fuzz_gguf_SOURCES = tests/fuzz/fuzz_gguf.c tests/fuzz/fuzz.h tests/fuzz/fuzz_weights.h
tests_fuzz_fuzz_gguf_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_gguf_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_gguf_LDFLAGS = $(TRO_FUZZ_ENGINE_LDFLAGS)
tests_fuzz_fuzz_gguf_LDADD = $(TRO_FUZZ_LDADD)
endif

check_PROGRAMS += tests/fuzz/replay_index
tests_fuzz_replay_index_SOURCES = tests/fuzz/fuzz_index.c tests/fuzz/replay.c tests/fuzz/fuzz.h
tests_fuzz_replay_index_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_replay_index_CFLAGS = $(TRO_FUZZ_CFLAGS)
tests_fuzz_replay_index_LDADD = $(TRO_FUZZ_LDADD)
if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_index
tests_fuzz_fuzz_index_SOURCES = tests/fuzz/fuzz_index.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_index_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_index_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_index_LDFLAGS = $(TRO_FUZZ_ENGINE_LDFLAGS)
tests_fuzz_fuzz_index_LDADD = $(TRO_FUZZ_LDADD)
endif

check_PROGRAMS += tests/fuzz/replay_config
tests_fuzz_replay_config_SOURCES = tests/fuzz/fuzz_config.c tests/fuzz/replay.c tests/fuzz/fuzz.h tests/fuzz/fuzz_weights.h
tests_fuzz_replay_config_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_replay_config_CFLAGS = $(TRO_FUZZ_CFLAGS)
tests_fuzz_replay_config_LDADD = $(TRO_FUZZ_LDADD)
if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_config
tests_fuzz_fuzz_config_SOURCES = tests/fuzz/fuzz_config.c tests/fuzz/fuzz.h tests/fuzz/fuzz_weights.h
tests_fuzz_fuzz_config_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_config_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_config_LDFLAGS = $(TRO_FUZZ_ENGINE_LDFLAGS)
tests_fuzz_fuzz_config_LDADD = $(TRO_FUZZ_LDADD)
endif

check_PROGRAMS += tests/fuzz/replay_croissant
tests_fuzz_replay_croissant_SOURCES = tests/fuzz/fuzz_croissant.c tests/fuzz/replay.c tests/fuzz/fuzz.h tests/fuzz/fuzz_weights.h
tests_fuzz_replay_croissant_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_replay_croissant_CFLAGS = $(TRO_FUZZ_CFLAGS)
tests_fuzz_replay_croissant_LDADD = $(TRO_FUZZ_LDADD)
if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_croissant
tests_fuzz_fuzz_croissant_SOURCES = tests/fuzz/fuzz_croissant.c tests/fuzz/fuzz.h tests/fuzz/fuzz_weights.h
tests_fuzz_fuzz_croissant_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_croissant_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_croissant_LDFLAGS = $(TRO_FUZZ_ENGINE_LDFLAGS)
tests_fuzz_fuzz_croissant_LDADD = $(TRO_FUZZ_LDADD)
endif

check_PROGRAMS += tests/fuzz/replay_datapackage
tests_fuzz_replay_datapackage_SOURCES = tests/fuzz/fuzz_datapackage.c tests/fuzz/replay.c tests/fuzz/fuzz.h tests/fuzz/fuzz_weights.h
tests_fuzz_replay_datapackage_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_replay_datapackage_CFLAGS = $(TRO_FUZZ_CFLAGS)
tests_fuzz_replay_datapackage_LDADD = $(TRO_FUZZ_LDADD)
if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_datapackage
tests_fuzz_fuzz_datapackage_SOURCES = tests/fuzz/fuzz_datapackage.c tests/fuzz/fuzz.h tests/fuzz/fuzz_weights.h
tests_fuzz_fuzz_datapackage_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_datapackage_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_datapackage_LDFLAGS = $(TRO_FUZZ_ENGINE_LDFLAGS)
tests_fuzz_fuzz_datapackage_LDADD = $(TRO_FUZZ_LDADD)
endif

TESTS += tests/fuzz/replay.sh
EXTRA_DIST += tests/fuzz/replay.sh tests/fuzz/corpus
AM_TESTS_ENVIRONMENT += TRO_FUZZ_NAMES='$(TRO_FUZZ_NAMES)'; export TRO_FUZZ_NAMES;

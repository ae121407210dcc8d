# Fuzz harnesses. Each tests/fuzz/fuzz_NAME.c is built:
#  - always, linked with replay.c as tests/fuzz/replay_NAME, which `make check`
#    runs over the seed corpus tests/fuzz/corpus/NAME/ (tests/fuzz/replay.sh);
#  - with --enable-fuzzers (CC=clang), as the libFuzzer binary tests/fuzz/fuzz_NAME.
# To add a harness, copy the block for `buffer` and add NAME to TRO_FUZZ_NAMES.
TRO_FUZZ_NAMES = buffer
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

TESTS += tests/fuzz/replay.sh
EXTRA_DIST += tests/fuzz/replay.sh tests/fuzz/corpus
AM_TESTS_ENVIRONMENT += TRO_FUZZ_NAMES='$(TRO_FUZZ_NAMES)'; export TRO_FUZZ_NAMES;

# Readers of cards, YAML, MOF and license files (lib/read).
TRO_FUZZ_NAMES += card yaml mof license_file
EXTRA_DIST += tests/fuzz/yaml.dict tests/fuzz/card.dict

check_PROGRAMS += tests/fuzz/replay_card
tests_fuzz_replay_card_SOURCES = tests/fuzz/fuzz_card.c tests/fuzz/replay.c tests/fuzz/fuzz.h
tests_fuzz_replay_card_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS) -I$(top_srcdir)/lib/read
tests_fuzz_replay_card_CFLAGS = $(TRO_FUZZ_CFLAGS)
tests_fuzz_replay_card_LDADD = $(TRO_FUZZ_LDADD)
if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_card
tests_fuzz_fuzz_card_SOURCES = tests/fuzz/fuzz_card.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_card_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS) -I$(top_srcdir)/lib/read
tests_fuzz_fuzz_card_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_card_LDFLAGS = $(TRO_FUZZ_ENGINE_LDFLAGS)
tests_fuzz_fuzz_card_LDADD = $(TRO_FUZZ_LDADD)
endif

check_PROGRAMS += tests/fuzz/replay_yaml
tests_fuzz_replay_yaml_SOURCES = tests/fuzz/fuzz_yaml.c tests/fuzz/replay.c tests/fuzz/fuzz.h tests/fuzz/yaml_diff.h
tests_fuzz_replay_yaml_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS) -I$(top_srcdir)/lib/read
tests_fuzz_replay_yaml_CFLAGS = $(TRO_FUZZ_CFLAGS)
tests_fuzz_replay_yaml_LDADD = $(TRO_FUZZ_LDADD)
if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_yaml
tests_fuzz_fuzz_yaml_SOURCES = tests/fuzz/fuzz_yaml.c tests/fuzz/fuzz.h tests/fuzz/yaml_diff.h
tests_fuzz_fuzz_yaml_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS) -I$(top_srcdir)/lib/read
tests_fuzz_fuzz_yaml_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_yaml_LDFLAGS = $(TRO_FUZZ_ENGINE_LDFLAGS)
tests_fuzz_fuzz_yaml_LDADD = $(TRO_FUZZ_LDADD)
endif

check_PROGRAMS += tests/fuzz/replay_mof
tests_fuzz_replay_mof_SOURCES = tests/fuzz/fuzz_mof.c tests/fuzz/replay.c tests/fuzz/fuzz.h
tests_fuzz_replay_mof_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS) -I$(top_srcdir)/lib/read
tests_fuzz_replay_mof_CFLAGS = $(TRO_FUZZ_CFLAGS)
tests_fuzz_replay_mof_LDADD = $(TRO_FUZZ_LDADD)
if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_mof
tests_fuzz_fuzz_mof_SOURCES = tests/fuzz/fuzz_mof.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_mof_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS) -I$(top_srcdir)/lib/read
tests_fuzz_fuzz_mof_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_mof_LDFLAGS = $(TRO_FUZZ_ENGINE_LDFLAGS)
tests_fuzz_fuzz_mof_LDADD = $(TRO_FUZZ_LDADD)
endif

check_PROGRAMS += tests/fuzz/replay_license_file
tests_fuzz_replay_license_file_SOURCES = tests/fuzz/fuzz_license_file.c tests/fuzz/replay.c tests/fuzz/fuzz.h
tests_fuzz_replay_license_file_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS) -I$(top_srcdir)/lib/read
tests_fuzz_replay_license_file_CFLAGS = $(TRO_FUZZ_CFLAGS)
tests_fuzz_replay_license_file_LDADD = $(TRO_FUZZ_LDADD)
if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_license_file
tests_fuzz_fuzz_license_file_SOURCES = tests/fuzz/fuzz_license_file.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_license_file_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS) -I$(top_srcdir)/lib/read
tests_fuzz_fuzz_license_file_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_license_file_LDFLAGS = $(TRO_FUZZ_ENGINE_LDFLAGS)
tests_fuzz_fuzz_license_file_LDADD = $(TRO_FUZZ_LDADD)
endif

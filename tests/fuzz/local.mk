# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Fuzz harnesses. Each tests/fuzz/fuzz_NAME.c is built:
#  - always, into the one replay binary tests/fuzz/replay (with every other
#    harness), which `make check` runs as `replay NAME tests/fuzz/corpus/NAME/`
#    for each NAME of TRO_FUZZ_NAMES (tests/fuzz/replay.sh);
#  - with --enable-fuzzers (CC=clang), as the libFuzzer binary tests/fuzz/fuzz_NAME.
# To add a harness, add NAME to TRO_FUZZ_NAMES and its file to
# TRO_FUZZ_HARNESSES, and copy the libFuzzer block for `buffer`.
TRO_FUZZ_NAMES = buffer lfs manifest escape archive spdx license_text license_name safetensors gguf index config croissant datapackage pickle pytorch
TRO_FUZZ_CPPFLAGS = $(AM_CPPFLAGS) -DTRO_BUILDING -I$(top_srcdir)/tests/fuzz -I$(top_srcdir)/lib/read \
	-I$(top_srcdir)/lib/license
TRO_FUZZ_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(LIBARCHIVE_CFLAGS) $(LIBCRYPTO_CFLAGS) $(YAML_CFLAGS)
TRO_FUZZ_LDADD = libtrulyopen-impl.la $(TRO_DEP_LIBS)
TRO_FUZZ_ENGINE_CFLAGS = $(TRO_FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined
TRO_FUZZ_ENGINE_LINK = -fsanitize=fuzzer,address,undefined

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_buffer
tests_fuzz_fuzz_buffer_SOURCES = tests/fuzz/fuzz_buffer.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_buffer_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_buffer_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_buffer_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_buffer_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_lfs
tests_fuzz_fuzz_lfs_SOURCES = tests/fuzz/fuzz_lfs.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_lfs_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_lfs_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_lfs_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_lfs_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_manifest
tests_fuzz_fuzz_manifest_SOURCES = tests/fuzz/fuzz_manifest.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_manifest_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_manifest_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_manifest_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_manifest_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_escape
tests_fuzz_fuzz_escape_SOURCES = tests/fuzz/fuzz_escape.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_escape_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_escape_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_escape_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_escape_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_archive
tests_fuzz_fuzz_archive_SOURCES = tests/fuzz/fuzz_archive.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_archive_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS) -I$(top_srcdir)/lib/scan
tests_fuzz_fuzz_archive_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_archive_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_archive_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_safetensors
tests_fuzz_fuzz_safetensors_SOURCES = tests/fuzz/fuzz_safetensors.c tests/fuzz/fuzz.h tests/fuzz/fuzz_weights.h
tests_fuzz_fuzz_safetensors_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_safetensors_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_safetensors_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_safetensors_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_gguf
tests_fuzz_fuzz_gguf_SOURCES = tests/fuzz/fuzz_gguf.c tests/fuzz/fuzz.h tests/fuzz/fuzz_weights.h
tests_fuzz_fuzz_gguf_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_gguf_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_gguf_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_gguf_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_index
tests_fuzz_fuzz_index_SOURCES = tests/fuzz/fuzz_index.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_index_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_index_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_index_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_index_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_config
tests_fuzz_fuzz_config_SOURCES = tests/fuzz/fuzz_config.c tests/fuzz/fuzz.h tests/fuzz/fuzz_weights.h
tests_fuzz_fuzz_config_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_config_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_config_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_config_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_croissant
tests_fuzz_fuzz_croissant_SOURCES = tests/fuzz/fuzz_croissant.c tests/fuzz/fuzz.h tests/fuzz/fuzz_weights.h
tests_fuzz_fuzz_croissant_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_croissant_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_croissant_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_croissant_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_datapackage
tests_fuzz_fuzz_datapackage_SOURCES = tests/fuzz/fuzz_datapackage.c tests/fuzz/fuzz.h tests/fuzz/fuzz_weights.h
tests_fuzz_fuzz_datapackage_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_datapackage_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_datapackage_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_datapackage_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_pickle
tests_fuzz_fuzz_pickle_SOURCES = tests/fuzz/fuzz_pickle.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_pickle_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_pickle_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_pickle_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_pickle_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_pytorch
tests_fuzz_fuzz_pytorch_SOURCES = tests/fuzz/fuzz_pytorch.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_pytorch_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_pytorch_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_pytorch_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_pytorch_LDADD = $(TRO_FUZZ_LDADD)
endif

TESTS += tests/fuzz/replay.sh
EXTRA_DIST += tests/fuzz/replay.sh tests/fuzz/corpus
AM_TESTS_ENVIRONMENT += TRO_FUZZ_NAMES='$(TRO_FUZZ_NAMES)'; export TRO_FUZZ_NAMES;

# The replay binary: every harness, each entry point renamed trof_fuzz_NAME
# (TROF_REPLAY, see fuzz.h), chosen by the name in harness_list.h.
TRO_FUZZ_HARNESSES = tests/fuzz/fuzz_archive.c \
	tests/fuzz/fuzz_attest.c \
	tests/fuzz/fuzz_check_card.c \
	tests/fuzz/fuzz_buffer.c \
	tests/fuzz/fuzz_card.c \
	tests/fuzz/fuzz_config.c \
	tests/fuzz/fuzz_croissant.c \
	tests/fuzz/fuzz_datapackage.c \
	tests/fuzz/fuzz_datasets_prose.c \
	tests/fuzz/fuzz_escape.c \
	tests/fuzz/fuzz_gguf.c \
	tests/fuzz/fuzz_hdf5.c \
	tests/fuzz/fuzz_hub_link.c \
	tests/fuzz/fuzz_hub_ref.c \
	tests/fuzz/fuzz_hub_revision.c \
	tests/fuzz/fuzz_hub_tree.c \
	tests/fuzz/fuzz_hub_zip.c \
	tests/fuzz/fuzz_index.c \
	tests/fuzz/fuzz_judge.c \
	tests/fuzz/fuzz_keras.c \
	tests/fuzz/fuzz_lfs.c \
	tests/fuzz/fuzz_license_file.c \
	tests/fuzz/fuzz_license_name.c \
	tests/fuzz/fuzz_license_text.c \
	tests/fuzz/fuzz_manifest.c \
	tests/fuzz/fuzz_mof.c \
	tests/fuzz/fuzz_numpy.c \
	tests/fuzz/fuzz_pickle.c \
	tests/fuzz/fuzz_policy.c \
	tests/fuzz/fuzz_pytorch.c \
	tests/fuzz/fuzz_render.c \
	tests/fuzz/fuzz_safetensors.c \
	tests/fuzz/fuzz_saved_model.c \
	tests/fuzz/fuzz_spdx.c \
	tests/fuzz/fuzz_yaml.c
check_PROGRAMS += tests/fuzz/replay
tests_fuzz_replay_SOURCES = tests/fuzz/replay.c $(TRO_FUZZ_HARNESSES) tests/fuzz/fuzz.h \
	tests/fuzz/fuzz_weights.h
nodist_tests_fuzz_replay_SOURCES = tests/fuzz/harness_list.h
tests_fuzz_replay_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS) -DTROF_REPLAY -I$(top_builddir)/tests/fuzz \
	-I$(top_srcdir)/lib/judge -I$(top_srcdir)/lib/report -I$(top_srcdir)/lib/hub \
	-I$(top_srcdir)/lib/scan
tests_fuzz_replay_CFLAGS = $(TRO_FUZZ_CFLAGS)
tests_fuzz_replay_LDADD = $(TRO_FUZZ_LDADD)
BUILT_SOURCES += tests/fuzz/harness_list.h
CLEANFILES += tests/fuzz/harness_list.h
tests/fuzz/replay-replay.$(OBJEXT): tests/fuzz/harness_list.h
tests/fuzz/harness_list.h: Makefile
	$(AM_V_GEN)$(MKDIR_P) tests/fuzz && \
	for n in $(TRO_FUZZ_NAMES); do echo "TROF_HARNESS($$n)"; done > $@.tmp && mv $@.tmp $@

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_spdx
tests_fuzz_fuzz_spdx_SOURCES = tests/fuzz/fuzz_spdx.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_spdx_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_spdx_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_spdx_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_spdx_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_license_text
tests_fuzz_fuzz_license_text_SOURCES = tests/fuzz/fuzz_license_text.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_license_text_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_license_text_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_license_text_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_license_text_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_license_name
tests_fuzz_fuzz_license_name_SOURCES = tests/fuzz/fuzz_license_name.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_license_name_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_license_name_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_license_name_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_license_name_LDADD = $(TRO_FUZZ_LDADD)
endif

# Readers of cards, YAML, MOF and license files (lib/read).
TRO_FUZZ_NAMES += card yaml mof license_file
if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_card
tests_fuzz_fuzz_card_SOURCES = tests/fuzz/fuzz_card.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_card_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS) -I$(top_srcdir)/lib/read
tests_fuzz_fuzz_card_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_card_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_card_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_yaml
tests_fuzz_fuzz_yaml_SOURCES = tests/fuzz/fuzz_yaml.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_yaml_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS) -I$(top_srcdir)/lib/read
tests_fuzz_fuzz_yaml_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_yaml_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_yaml_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_mof
tests_fuzz_fuzz_mof_SOURCES = tests/fuzz/fuzz_mof.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_mof_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS) -I$(top_srcdir)/lib/read
tests_fuzz_fuzz_mof_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_mof_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_mof_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_license_file
tests_fuzz_fuzz_license_file_SOURCES = tests/fuzz/fuzz_license_file.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_license_file_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS) -I$(top_srcdir)/lib/read
tests_fuzz_fuzz_license_file_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_license_file_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_license_file_LDADD = $(TRO_FUZZ_LDADD)
endif

# Release-gate policies (lib/judge/policy_parse.c).
TRO_FUZZ_NAMES += policy
if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_policy
tests_fuzz_fuzz_policy_SOURCES = tests/fuzz/fuzz_policy.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_policy_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS) -I$(top_srcdir)/lib/judge \
	-I$(top_srcdir)/lib/report
tests_fuzz_fuzz_policy_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_policy_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_policy_LDADD = $(TRO_FUZZ_LDADD)
endif

EXTRA_DIST += tests/fuzz/yaml.dict tests/fuzz/card.dict

# Dataset names found in prose (lib/judge/builtin_datasets.c).
TRO_FUZZ_NAMES += datasets_prose
if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_datasets_prose
tests_fuzz_fuzz_datasets_prose_SOURCES = tests/fuzz/fuzz_datasets_prose.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_datasets_prose_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS) -I$(top_srcdir)/lib/judge
tests_fuzz_fuzz_datasets_prose_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_datasets_prose_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_datasets_prose_LDADD = $(TRO_FUZZ_LDADD)
endif

# The Hub client's parsers of what the network sends (lib/hub).
TRO_FUZZ_NAMES += hub_tree hub_revision hub_link hub_ref hub_zip
if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_hub_tree
tests_fuzz_fuzz_hub_tree_SOURCES = tests/fuzz/fuzz_hub_tree.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_hub_tree_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS) -I$(top_srcdir)/lib/hub -I$(top_srcdir)/lib/scan
tests_fuzz_fuzz_hub_tree_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_hub_tree_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_hub_tree_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_hub_revision
tests_fuzz_fuzz_hub_revision_SOURCES = tests/fuzz/fuzz_hub_revision.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_hub_revision_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS) -I$(top_srcdir)/lib/hub -I$(top_srcdir)/lib/scan
tests_fuzz_fuzz_hub_revision_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_hub_revision_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_hub_revision_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_hub_link
tests_fuzz_fuzz_hub_link_SOURCES = tests/fuzz/fuzz_hub_link.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_hub_link_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS) -I$(top_srcdir)/lib/hub -I$(top_srcdir)/lib/scan
tests_fuzz_fuzz_hub_link_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_hub_link_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_hub_link_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_hub_ref
tests_fuzz_fuzz_hub_ref_SOURCES = tests/fuzz/fuzz_hub_ref.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_hub_ref_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS) -I$(top_srcdir)/lib/hub -I$(top_srcdir)/lib/scan
tests_fuzz_fuzz_hub_ref_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_hub_ref_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_hub_ref_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_hub_zip
tests_fuzz_fuzz_hub_zip_SOURCES = tests/fuzz/fuzz_hub_zip.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_hub_zip_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS) -I$(top_srcdir)/lib/hub -I$(top_srcdir)/lib/scan
tests_fuzz_fuzz_hub_zip_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_hub_zip_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_hub_zip_LDADD = $(TRO_FUZZ_LDADD)
endif

# Readers of files whose loading can run code: NumPy, Keras, HDF5, SavedModel.
TRO_FUZZ_NAMES += numpy keras hdf5 saved_model
if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_numpy
tests_fuzz_fuzz_numpy_SOURCES = tests/fuzz/fuzz_numpy.c tests/fuzz/fuzz.h tests/fuzz/fuzz_weights.h
tests_fuzz_fuzz_numpy_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_numpy_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_numpy_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_numpy_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_keras
tests_fuzz_fuzz_keras_SOURCES = tests/fuzz/fuzz_keras.c tests/fuzz/fuzz.h tests/fuzz/fuzz_weights.h
tests_fuzz_fuzz_keras_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_keras_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_keras_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_keras_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_hdf5
tests_fuzz_fuzz_hdf5_SOURCES = tests/fuzz/fuzz_hdf5.c tests/fuzz/fuzz.h tests/fuzz/fuzz_weights.h
tests_fuzz_fuzz_hdf5_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_hdf5_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_hdf5_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_hdf5_LDADD = $(TRO_FUZZ_LDADD)
endif

if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_saved_model
tests_fuzz_fuzz_saved_model_SOURCES = tests/fuzz/fuzz_saved_model.c tests/fuzz/fuzz.h tests/fuzz/fuzz_weights.h
tests_fuzz_fuzz_saved_model_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_saved_model_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_saved_model_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_saved_model_LDADD = $(TRO_FUZZ_LDADD)
endif

# The whole judge on a card (lib/judge: card view, prose rules, lineage, report).
TRO_FUZZ_NAMES += judge
if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_judge
tests_fuzz_fuzz_judge_SOURCES = tests/fuzz/fuzz_judge.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_judge_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_judge_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_judge_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_judge_LDADD = $(TRO_FUZZ_LDADD)
endif

# A release of one card, judged (the judge's rules over card prose: lib/judge).
TRO_FUZZ_NAMES += check_card
if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_check_card
tests_fuzz_fuzz_check_card_SOURCES = tests/fuzz/fuzz_check_card.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_check_card_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_check_card_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_check_card_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_check_card_LDADD = $(TRO_FUZZ_LDADD)
endif

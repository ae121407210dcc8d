# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
libtrulyopen_impl_la_SOURCES += \
	lib/read/readers.h \
	lib/read/readers.c \
	lib/read/lfs.c \
	lib/read/text.h \
	lib/read/text.c \
	lib/read/yaml.h \
	lib/read/yaml.c \
	lib/read/yaml_scalar.c \
	lib/read/yaml_marks.c \
	lib/read/yaml_defer.c \
	lib/read/yaml_libyaml.c \
	lib/read/yaml_event.h \
	lib/read/yaml_fast.h \
	lib/read/yaml_fast.c \
	lib/read/yaml_fast_scalar.c \
	lib/read/card.h \
	lib/read/card.c \
	lib/read/card_md.c \
	lib/read/card_inline.c lib/read/card_bytes.h \
	lib/read/card_links.c \
	lib/read/card_body.c \
	lib/read/card_blocks.c \
	lib/read/facts.h \
	lib/read/facts.c \
	lib/read/meta.c \
	lib/read/mof_table.c \
	lib/read/mof.c \
	lib/read/license_file.c \
	lib/read/json.h \
	lib/read/json.c \
	lib/read/shards.h \
	lib/read/safetensors.c \
	lib/read/index.c \
	lib/read/crosscheck.c \
	lib/read/gguf.h \
	lib/read/gguf.c \
	lib/read/gguf_tensors.c \
	lib/read/gguf_meta.c \
	lib/read/config.c \
	lib/read/croissant.c \
	lib/read/datapackage.c \
	lib/read/pickle.h \
	lib/read/pickle_vm.h \
	lib/read/pickle.c \
	lib/read/pickle_vm.c \
	lib/read/pickle_imports.c \
	lib/read/pickle_in.c \
	lib/read/pickle_text.c \
	lib/read/pickle_globals.c \
	lib/read/pickle_reader.c \
	lib/read/pytorch.h \
	lib/read/pytorch.c \
	lib/read/pytorch_archive.c \
	lib/read/pytorch_cd.c \
	lib/read/pytorch_tar.c

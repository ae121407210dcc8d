# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# The readers, one folder a format (or family of formats), each with one
# header the other folders include; at the top, what all readers share and
# the layer's interface (facts.h).
libtrulyopen_impl_la_SOURCES += \
	lib/read/facts.h \
	lib/read/facts.c \
	lib/read/readers.h \
	lib/read/readers.c \
	lib/read/meta.c \
	lib/read/crosscheck.c \
	lib/read/text/text.h \
	lib/read/text/text.c \
	lib/read/json/json.h \
	lib/read/json/json.c \
	lib/read/yaml/yaml.h \
	lib/read/yaml/event.h \
	lib/read/yaml/yaml.c \
	lib/read/yaml/scalar.c \
	lib/read/yaml/marks.c \
	lib/read/yaml/libyaml.c \
	lib/read/card/card.h \
	lib/read/card/bytes.h \
	lib/read/card/card.c \
	lib/read/card/md.c \
	lib/read/card/inline.c \
	lib/read/card/links.c \
	lib/read/card/body.c \
	lib/read/card/blocks.c \
	lib/read/card/plain.c \
	lib/read/manifest/lfs.c \
	lib/read/manifest/license_file.c \
	lib/read/manifest/mof_table.c \
	lib/read/manifest/mof.c \
	lib/read/manifest/config.c \
	lib/read/manifest/croissant.c \
	lib/read/manifest/datapackage.c \
	lib/read/safetensors/shards.h \
	lib/read/safetensors/safetensors.c \
	lib/read/safetensors/index.c \
	lib/read/gguf/gguf.h \
	lib/read/gguf/gguf.c \
	lib/read/gguf/tensors.c \
	lib/read/gguf/meta.c \
	lib/read/pickle/pickle.h \
	lib/read/pickle/vm.h \
	lib/read/pickle/pickle.c \
	lib/read/pickle/vm.c \
	lib/read/pickle/frame.c \
	lib/read/pickle/sniff.c \
	lib/read/pickle/joblib.c \
	lib/read/pickle/imports.c \
	lib/read/pickle/in.c \
	lib/read/pickle/text.c \
	lib/read/pickle/globals.c \
	lib/read/pickle/reader.c \
	lib/read/pytorch/pytorch.h \
	lib/read/pytorch/pytorch.c \
	lib/read/pytorch/archive.c \
	lib/read/pytorch/cd.c \
	lib/read/pytorch/tar.c \
	lib/read/numpy/numpy.h \
	lib/read/numpy/numpy.c \
	lib/read/numpy/header.c \
	lib/read/keras/keras.h \
	lib/read/keras/config.c \
	lib/read/keras/keras.c \
	lib/read/keras/hdf5.c \
	lib/read/keras/saved_model.c

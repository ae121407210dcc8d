libtrulyopen_impl_la_SOURCES += \
	lib/read/readers.h \
	lib/read/readers.c \
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
	lib/read/datapackage.c

libtrulyopen_impl_la_SOURCES += \
	lib/scan/scan.h \
	lib/scan/sha256.c \
	lib/scan/detect.c \
	lib/scan/process.c \
	lib/scan/buffer.c

libtrulyopen_impl_la_SOURCES += \
	lib/scan/scan.h \
	lib/scan/sha256.c \
	lib/scan/detect.c \
	lib/scan/process.c \
	lib/scan/buffer.c \
	lib/scan/scan.c \
	lib/scan/walk.c \
	lib/scan/hfcache.c \
	lib/scan/ignore.c \
	lib/scan/pool.c \
	lib/scan/archive.c \
	lib/scan/archive_name.c \
	lib/scan/archive_plain.c \
	lib/scan/manifest_parse.c \
	lib/scan/manifest.c \
	lib/scan/verify.c

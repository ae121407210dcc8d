libtrulyopen_impl_la_SOURCES += \
	lib/read/readers.h \
	lib/read/readers.c \
	lib/read/lfs.c

libtrulyopen_impl_la_SOURCES += \
	lib/read/readers.h \
	lib/read/readers.c \
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
	lib/read/pytorch_tar.c

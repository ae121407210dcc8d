bin_PROGRAMS += trulyopen
trulyopen_SOURCES = \
	cli/cli.h \
	cli/main.c \
	cli/util.c \
	cli/cmd_license.c
trulyopen_CFLAGS = $(AM_CFLAGS)
trulyopen_LDADD = libtrulyopen.la

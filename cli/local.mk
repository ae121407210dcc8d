bin_PROGRAMS += trulyopen
trulyopen_SOURCES = \
	cli/cli.h \
	cli/main.c \
	cli/util.c \
	cli/jsontext.c \
	cli/scan.c \
	cli/progress.c \
	cli/cmd_hash.c \
	cli/cmd_verify.c \
	cli/cmd_license.c \
	cli/cmd_inspect.c \
	cli/cmd_check.c
trulyopen_CFLAGS = $(AM_CFLAGS)
trulyopen_LDADD = libtrulyopen.la

# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
bin_PROGRAMS += trulyopen
trulyopen_SOURCES = \
	cli/cli.h \
	cli/main.c \
	cli/util.c \
	cli/jsontext.c \
	cli/scan.c \
	cli/progress.c \
	cli/where.c \
	cli/cmd_hash.c \
	cli/cmd_verify.c \
	cli/cmd_license.c \
	cli/cmd_inspect.c \
	cli/cmd_check.c \
	cli/cmd_attest.c \
	cli/files.c \
	cli/formats.c \
	cli/cmd_badge.c \
	cli/batch.c
trulyopen_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
trulyopen_LDADD = libtrulyopen.la $(JANSSON_LIBS)

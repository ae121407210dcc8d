# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
trulyopeninclude_HEADERS += \
	include/trulyopen/common.h \
	include/trulyopen/ctx.h \
	include/trulyopen/release.h \
	include/trulyopen/manifest.h
libtrulyopen_impl_la_SOURCES += \
	lib/core/internal.h \
	lib/core/toolkit.h \
	lib/core/toolkit.c \
	lib/core/jw.h \
	lib/core/jw.c \
	lib/core/error.c \
	lib/core/util.c \
	lib/core/hf_ref.c \
	lib/core/utf8.c \
	lib/core/escape.c \
	lib/core/nameset.c \
	lib/core/json_pull.h \
	lib/core/json_pull.c \
	lib/core/src.c \
	lib/core/ctx.c \
	lib/core/findings.c \
	lib/core/release.c

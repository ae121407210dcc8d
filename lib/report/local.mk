# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Reports: tro_check() wraps the judge's record; accessors read its parts;
# writers render it as JSON, text, SARIF 2.1.0, CycloneDX 1.6 and SPDX 3.0.1,
# and for people as HTML, Markdown and badges.
trulyopeninclude_HEADERS += include/trulyopen/report.h include/trulyopen/attest.h
libtrulyopen_impl_la_SOURCES += \
	lib/report/report.h \
	lib/report/report.c \
	lib/report/index.c \
	lib/report/access.c \
	lib/report/access_lineage.c \
	lib/report/table.c \
	lib/report/render.c \
	lib/report/json.c \
	lib/report/text.c \
	lib/report/sarif.h \
	lib/report/sarif.c \
	lib/report/sarif_rules.c \
	lib/report/sarif_gate.c \
	lib/report/sbom.h \
	lib/report/sbom.c \
	lib/report/cyclonedx.c \
	lib/report/spdx.c \
	lib/report/dsse.h \
	lib/report/dsse.c \
	lib/report/attest.c \
	lib/report/attest_verify.c \
	lib/report/escape.h \
	lib/report/escape.c \
	lib/report/human.h \
	lib/report/human.c \
	lib/report/html.h \
	lib/report/html.c \
	lib/report/html_parts.c \
	lib/report/html_lineage.c \
	lib/report/html_style.c \
	lib/report/markdown.c \
	lib/report/badge.c

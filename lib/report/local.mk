# Report writers: JSON, text and SARIF 2.1.0, each rendering the report document.
libtrulyopen_impl_la_SOURCES += \
	lib/report/json.c \
	lib/report/text.c \
	lib/report/sarif.h \
	lib/report/sarif.c \
	lib/report/sarif_rules.c

# Report writers: JSON, text (and SARIF): each renders the report document.
libtrulyopen_impl_la_SOURCES += \
	lib/report/json.c \
	lib/report/text.c

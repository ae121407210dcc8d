# Reports: tro_check() wraps the judge's record; writers render it as JSON,
# text and SARIF 2.1.0.
libtrulyopen_impl_la_SOURCES += \
	lib/report/report.h \
	lib/report/report.c \
	lib/report/json.c \
	lib/report/text.c \
	lib/report/sarif.h \
	lib/report/sarif.c \
	lib/report/sarif_rules.c

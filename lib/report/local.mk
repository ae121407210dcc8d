# Writers of reports: SARIF 2.1.0 (text and JSON come with the check).
libtrulyopen_impl_la_SOURCES += \
	lib/report/sarif.h \
	lib/report/sarif.c \
	lib/report/sarif_rules.c

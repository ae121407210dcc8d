# The openness evaluation: criteria, lineage, MOF classes, policy.
trulyopeninclude_HEADERS += include/trulyopen/check.h
libtrulyopen_impl_la_SOURCES += \
	lib/judge/judge.h \
	lib/judge/report.h \
	lib/judge/report.c \
	lib/judge/mof_class.c \
	lib/judge/mof_open.c \
	lib/judge/policy.h \
	lib/judge/policy.c \
	lib/judge/policy_read.h \
	lib/judge/policy_parse.c \
	lib/judge/policy_lists.c \
	lib/judge/policy_licenses.c

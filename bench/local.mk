# Benchmarks: built and run by hand (`make bench`), never installed and never
# run by `make check`. Each prints the ratio against the tool users would use
# instead, measured in the same run.
EXTRA_DIST += bench/hash.sh bench/inspect.sh bench/license.sh bench/check.sh bench/sqlite.sh \
	bench/hub.py bench/limits.sh
.PHONY: bench
bench: trulyopen
	TRULYOPEN='$(abs_top_builddir)/trulyopen' $(SHELL) '$(top_srcdir)/bench/hash.sh'

# Licence identification and classification (bench/license.sh runs it).
EXTRA_PROGRAMS += bench/license_bench
bench_license_bench_SOURCES = bench/license_bench.c
bench_license_bench_CPPFLAGS = $(AM_CPPFLAGS) -DTRO_BUILDING -I$(top_srcdir)/lib/license
bench_license_bench_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
bench_license_bench_LDADD = libtrulyopen-impl.la $(TRO_DEP_LIBS)
CLEANFILES += bench/license_bench$(EXEEXT)
bench: bench/license_bench$(EXEEXT)

# The card reader alone (internal API).
EXTRA_PROGRAMS += bench/bench_card
bench_bench_card_SOURCES = bench/bench_card.c
bench_bench_card_CPPFLAGS = $(AM_CPPFLAGS) -DTRO_BUILDING -I$(top_srcdir)/lib/read
bench_bench_card_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(YAML_CFLAGS)
bench_bench_card_LDADD = libtrulyopen-impl.la $(TRO_DEP_LIBS)
CLEANFILES += bench/bench_card$(EXEEXT)
bench: bench/bench_card$(EXEEXT)

# Report rendering (internal API).
EXTRA_PROGRAMS += bench/bench_report
bench_bench_report_SOURCES = bench/bench_report.c
bench_bench_report_CPPFLAGS = $(AM_CPPFLAGS) -DTRO_BUILDING -I$(top_srcdir)/lib/judge \
	-I$(top_srcdir)/lib/report
bench_bench_report_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
bench_bench_report_LDADD = libtrulyopen-impl.la $(TRO_DEP_LIBS)
CLEANFILES += bench/bench_report$(EXEEXT)
bench: bench/bench_report$(EXEEXT)

# Cards checked per second (bench/check.sh runs it against Python's libyaml).
EXTRA_PROGRAMS += bench/bench_check
bench_bench_check_SOURCES = bench/bench_check.c
bench_bench_check_LDADD = libtrulyopen.la
CLEANFILES += bench/bench_check$(EXEEXT)
bench: bench/bench_check$(EXEEXT)

# Buffers added from memory at scale (bench/limits.sh runs it).
EXTRA_PROGRAMS += bench/bench_buffers
bench_bench_buffers_SOURCES = bench/bench_buffers.c
bench_bench_buffers_CFLAGS = $(AM_CFLAGS) $(LIBCRYPTO_CFLAGS)
bench_bench_buffers_LDADD = libtrulyopen.la $(LIBCRYPTO_LIBS)
CLEANFILES += bench/bench_buffers$(EXEEXT)
bench: bench/bench_buffers$(EXEEXT)

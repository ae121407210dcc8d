# Benchmarks: run by hand (`make bench`), never by `make check`.
EXTRA_DIST += bench/hash.sh bench/inspect.sh

bench: trulyopen
	TRULYOPEN='$(abs_top_builddir)/trulyopen' $(SHELL) '$(top_srcdir)/bench/hash.sh'
.PHONY: bench
# Benchmarks: built with `make bench`, never installed or run by make check.
EXTRA_PROGRAMS += bench/bench_card
bench_bench_card_SOURCES = bench/bench_card.c
bench_bench_card_CPPFLAGS = $(AM_CPPFLAGS) -DTRO_BUILDING -I$(top_srcdir)/lib/read
bench_bench_card_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(YAML_CFLAGS)
bench_bench_card_LDADD = libtrulyopen-impl.la $(TRO_DEP_LIBS)
CLEANFILES += bench/bench_card$(EXEEXT)
.PHONY: bench
bench: bench/bench_card$(EXEEXT)
EXTRA_PROGRAMS += bench/bench_report
bench_bench_report_SOURCES = bench/bench_report.c
bench_bench_report_CPPFLAGS = $(AM_CPPFLAGS) -DTRO_BUILDING -I$(top_srcdir)/lib/judge
bench_bench_report_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
bench_bench_report_LDADD = libtrulyopen-impl.la $(TRO_DEP_LIBS)
CLEANFILES += bench/bench_report$(EXEEXT)
bench: bench/bench_report$(EXEEXT)

# Cards checked per second (bench/check.sh runs it against Python's libyaml).
EXTRA_PROGRAMS += bench/bench_check
bench_bench_check_SOURCES = bench/bench_check.c
bench_bench_check_LDADD = libtrulyopen.la
CLEANFILES += bench/bench_check$(EXEEXT)
EXTRA_DIST += bench/check.sh
bench: bench/bench_check$(EXEEXT)

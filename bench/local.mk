# Benchmarks: built with `make bench`, never installed or run by make check.
EXTRA_PROGRAMS += bench/bench_card
bench_bench_card_SOURCES = bench/bench_card.c
bench_bench_card_CPPFLAGS = $(AM_CPPFLAGS) -DTRO_BUILDING -I$(top_srcdir)/lib/read
bench_bench_card_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(YAML_CFLAGS)
bench_bench_card_LDADD = libtrulyopen-impl.la $(TRO_DEP_LIBS)
CLEANFILES += bench/bench_card$(EXEEXT)

.PHONY: bench
bench: bench/bench_card$(EXEEXT)

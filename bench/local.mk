# Benchmarks: run by hand (`make bench`), never by `make check`.
EXTRA_DIST += bench/hash.sh

bench: trulyopen
	TRULYOPEN='$(abs_top_builddir)/trulyopen' $(SHELL) '$(top_srcdir)/bench/hash.sh'
.PHONY: bench

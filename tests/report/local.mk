# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# The formats people look at (HTML, Markdown, badges): the escapers and the
# writers on synthetic reports (tests/unit/report/test_human.c); the HTML in
# headless Chromium, the Markdown through Markdown parsers, the badges as XML
# and shields.io JSON. The browser and parser tests skip (77) when what they
# need is not installed.
TRO_PEOPLE_TESTS = tests/report/html_browser.py tests/report/markdown_render.py \
	tests/report/badge.py
if HAVE_PYTHON3
TESTS += $(TRO_PEOPLE_TESTS)
endif
EXTRA_DIST += $(TRO_PEOPLE_TESTS) tests/report/browser.py tests/report/hostile.py \
	doc/badge-open-model.svg doc/report-restricted-finetune.png
# The HTML test's screenshots, kept for a person to look at.
CLEANFILES += tests/report/screenshot-*.png
EXTRA_DIST += tests/report/screenshot.py
# Remakes the README's picture of the restricted fine-tune's HTML report.
doc-screenshot: trulyopen
	$(AM_V_GEN)(cd $(srcdir) && $(abs_builddir)/trulyopen check -c examples/catalog -f html \
	  -o $(abs_builddir)/doc-screenshot.html examples/releases/restricted-finetune; \
	  test $$? -le 1) && \
	$(PYTHON3) $(srcdir)/tests/report/screenshot.py doc-screenshot.html \
	  $(srcdir)/doc/report-restricted-finetune.png 1000 1060 && rm -f doc-screenshot.html
.PHONY: doc-screenshot
TESTS += tests/cli/check-people.sh
EXTRA_DIST += tests/cli/check-people.sh
# The writers on the report of any card (tests/fuzz/fuzz_render.c).
TRO_FUZZ_NAMES += render
if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_render
tests_fuzz_fuzz_render_SOURCES = tests/fuzz/fuzz_render.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_render_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_render_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_render_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_render_LDADD = $(TRO_FUZZ_LDADD)
endif

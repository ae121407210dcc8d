# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Tests of the manual, of `make install`, and of the CI gate example.
TRO_DOC_TESTS = tests/man/lint.sh tests/man/examples.sh tests/man/formats.sh tests/install.sh \
	tests/cli/ci-gate.sh
TESTS += $(TRO_DOC_TESTS)
EXTRA_DIST += $(TRO_DOC_TESTS) tests/man/extract.sh tests/man/policy_doc.py
# The examples and the installed-library program are compiled by the tests
# themselves: they need the sanitizer flags the library was built with, and
# the tools the build uses.
AM_TESTS_ENVIRONMENT += \
	TRO_SAN_CFLAGS='$(TRO_SAN_CFLAGS)'; export TRO_SAN_CFLAGS; \
	TRO_SAN_LDFLAGS='$(TRO_SAN_LDFLAGS)'; export TRO_SAN_LDFLAGS; \
	LIBTOOL='$(SHELL) $(abs_top_builddir)/libtool'; export LIBTOOL; \
	MANDOC='$(MANDOC)'; export MANDOC; \
	PKG_CONFIG='$(PKG_CONFIG)'; export PKG_CONFIG; \
	MAKE='$(MAKE)'; export MAKE;
# Gives files to tro_policy_new(): formats.sh and ci-gate.sh check with it
# that the policies the documentation shows parse, and that the errors it
# shows are the ones the library gives.
check_PROGRAMS += tests/man/policy-parse
tests_man_policy_parse_SOURCES = tests/man/policy_parse.c
tests_man_policy_parse_LDADD = libtrulyopen.la
AM_TESTS_ENVIRONMENT += \
	TRO_POLICY_PARSE='$(abs_top_builddir)/tests/man/policy-parse'; export TRO_POLICY_PARSE;

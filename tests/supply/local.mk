# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# What compliance and CI teams need around the verdict: waivers, SARIF for a
# release in a folder of a repository, bills of materials validated against
# the official JSON schemas (tests/schemas), attestations, the licence of
# the project itself, and the CI gate.
TESTS += tests/cli/waiver.sh tests/cli/sarif-root.sh
EXTRA_DIST += tests/cli/waiver.sh tests/cli/sarif-root.sh examples/policies/waiver.json
if HAVE_PYTHON3
TESTS += tests/report/sbom_validate.py
endif
EXTRA_DIST += tests/report/sbom_validate.py \
	tests/schemas/cyclonedx/bom-1.6.SNAPSHOT.schema.json \
	tests/schemas/cyclonedx/spdx.SNAPSHOT.schema.json \
	tests/schemas/cyclonedx/jsf-0.82.SNAPSHOT.schema.json \
	tests/schemas/spdx/spdx-3.0.1.schema.json \
	tests/schemas/README.md
TESTS += tests/cli/attest.sh
EXTRA_DIST += tests/cli/attest.sh tests/report/dsse_check.py

# Fuzz harness of the attestation reader (see tests/fuzz/local.mk).
TRO_FUZZ_NAMES += attest
if TRO_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_attest
tests_fuzz_fuzz_attest_SOURCES = tests/fuzz/fuzz_attest.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_attest_CPPFLAGS = $(TRO_FUZZ_CPPFLAGS)
tests_fuzz_fuzz_attest_CFLAGS = $(TRO_FUZZ_ENGINE_CFLAGS)
tests_fuzz_fuzz_attest_LDFLAGS = $(TRO_FUZZ_ENGINE_LINK)
tests_fuzz_fuzz_attest_LDADD = $(TRO_FUZZ_LDADD)
endif

# The project's licence: every file's copyright and licence (reuse lint,
# when Debian's reuse is installed), LICENSE read as Apache-2.0, and the
# check of the source tree finding it.
TESTS += tests/supply/reuse.sh tests/supply/license.sh
EXTRA_DIST += tests/supply/reuse.sh tests/supply/license.sh

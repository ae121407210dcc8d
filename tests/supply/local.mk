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

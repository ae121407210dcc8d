#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# The GitHub Actions composite action without GitHub: gate/action.sh run
# with the variables a runner sets (GITHUB_WORKSPACE, GITHUB_OUTPUT,
# GITHUB_STEP_SUMMARY, RUNNER_TEMP, INPUT_*) on the examples laid out as
# releases in folders of a repository; its cache key; action.yml runs it.
. "$top_srcdir/tests/cli/lib.sh"
command -v bash >/dev/null 2>&1 || { echo "action: no bash: skip"; exit 77; }
action=$top_srcdir/gate/action.sh
repo=$T/repo
mkdir -p "$repo/models" "$T/tmp"
cp -R "$top_srcdir/examples/releases/restricted-finetune" "$repo/models/foo"
cp -R "$top_srcdir/examples/releases/open-model" "$repo/models/bar"
export TRULYOPEN GITHUB_WORKSPACE="$repo" RUNNER_TEMP="$T/tmp" GITHUB_STEP_SUMMARY="$T/summary.md"
export INPUT_CATALOG="$top_srcdir/examples/catalog"
export TRULYOPEN_GATE="$top_srcdir/examples/ci-gate/trulyopen-gate.sh"

gate() { # gate RELEASE OUTPUT-FILE [VAR=VALUE...]: the action's run step
    rel=$1 out=$2
    shift 2
    : >"$out"
    (cd "$repo" && env INPUT_RELEASE="$rel" GITHUB_OUTPUT="$out" "$@" bash "$action" run) \
        >"$T/log" 2>&1
    checks=$((checks + 1))
    [ $? -eq 0 ] || fail "action.sh run $rel failed"
}

gate models/foo "$T/foo.out" INPUT_SARIF="$T/foo.sarif"
has "$T/foo.out" "status=1"
has "$T/foo.out" "sarif=$T/foo.sarif"
has "$T/foo.out" "report=$T/tmp/trulyopen-report.json"
has "$T/foo.out" "category=trulyopen/models/foo"
has "$T/foo.sarif" '"uri": "models/foo/README.md"'
has "$T/foo.sarif" '"id": "trulyopen/models/foo/"'
has "$T/summary.md" "policy NOT met: models/foo does not pass"
has "$T/summary.md" "| Use freedom | ✗ **fail** |"
has "$T/log" "not-truly-open"

gate ./models/bar/ "$T/bar.out" INPUT_SARIF="$T/bar.sarif" INPUT_CYCLONEDX="$T/bar.cdx.json"
has "$T/bar.out" "status=0"
has "$T/bar.out" "category=trulyopen/models/bar"
has "$T/bar.sarif" '"uri": "models/bar/README.md"'
has "$T/bar.cdx.json" '"bomFormat": "CycloneDX"'
has "$T/summary.md" "policy met: ./models/bar/ may pass"

# With the waiver policy of the examples (naming this release), the fine-tune passes;
# the example's own waiver names another release and does not apply.
gate models/foo "$T/other.out" INPUT_POLICY="$top_srcdir/examples/policies/waiver.json"
has "$T/other.out" "status=1"
sed 's|"release": "restricted-finetune"|"release": "models/foo"|' \
    "$top_srcdir/examples/policies/waiver.json" >"$T/policy.json"
gate models/foo "$T/waived.out" INPUT_SARIF="$T/waived.sarif" INPUT_POLICY="$T/policy.json"
has "$T/waived.out" "status=0"
has "$T/waived.sarif" '"justification": "Relicensing agreed'

# A release that cannot be checked: status 2, the step itself succeeds.
gate models/none "$T/none.out"
has "$T/none.out" "status=2"

# The cache key: the runner's OS and a digest of the sources, stable.
run 0 env RUNNER_OS=Linux bash "$action" key
cp "$T/out" "$T/key1"
run 0 env RUNNER_OS=Linux bash "$action" key
same "$T/out" "$T/key1"
checks=$((checks + 1))
grep -Eq '^trulyopen-Linux-[0-9a-f]{16}$' "$T/key1" || fail "cache key: $(cat "$T/key1")"
run 2 bash "$action" bogus

# action.yml runs these steps, uploads the SARIF under the category and fails by the policy.
yml=$top_srcdir/action.yml
has "$yml" 'using: composite'
has "$yml" 'gate/action.sh" install'
has "$yml" 'gate/action.sh" build'
has "$yml" 'gate/action.sh" run'
has "$yml" 'uses: actions/cache@'
has "$yml" 'uses: github/codeql-action/upload-sarif@'
has "$yml" 'category: ${{ steps.gate.outputs.category }}'
if "${PYTHON3:-python3}" -c 'import yaml' 2>/dev/null; then
    checks=$((checks + 1))
    "${PYTHON3:-python3}" -c 'import sys, yaml
a = yaml.safe_load(open(sys.argv[1]))
assert a["runs"]["using"] == "composite"
assert {"release", "policy", "upload-sarif"} <= set(a["inputs"])' "$yml" || fail "action.yml"
fi
finish

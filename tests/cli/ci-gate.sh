#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# examples/ci-gate: the gate script handles its options and refuses to run
# without `trulyopen check`; the workflow is valid YAML that runs it; the
# policies of the README and of this test are ones tro_policy_new() reads
# (tests/man/policy-parse), and the malformed one is refused; and,
# once `trulyopen check` exists, the gate passes the example release with
# its dataset resolved, fails a copy whose dataset cannot be, writes SARIF
# and a summary, and exits 2 on unusable input.
. "$top_srcdir/tests/cli/lib.sh"
gate=$top_srcdir/examples/ci-gate/trulyopen-gate.sh
workflow=$top_srcdir/examples/ci-gate/github-workflow.yml
release=$top_srcdir/examples/releases/open-model
if ! command -v bash >/dev/null 2>&1; then
    echo "ci-gate: bash not found: skip"
    exit 77
fi

# The script's own behaviour, which needs no check command.
run 0 bash "$gate" --help
has "$T/out" "Usage: trulyopen-gate.sh"
run 2 bash "$gate"
has "$T/err" "Usage: trulyopen-gate.sh"
run 2 bash "$gate" --bogus "$release"
has "$T/err" "unknown option '--bogus'"
run 2 bash "$gate" --sarif
has "$T/err" "--sarif needs an argument"
run 2 bash "$gate" "$release" extra-argument
# A trulyopen without the check command: exit 2, saying why.
printf '#!/bin/sh\nexit 2\n' >"$T/no-check"
chmod +x "$T/no-check"
run 2 bash "$gate" --trulyopen "$T/no-check" "$release"
has "$T/err" "check' is not available"
if command -v shellcheck >/dev/null 2>&1; then
    run 0 shellcheck "$gate"
fi

# The workflow runs the gate and uploads its SARIF.
has "$workflow" "examples/ci-gate/trulyopen-gate.sh"
has "$workflow" "github/codeql-action/upload-sarif@"
has "$workflow" "security-events: write"
if ${PYTHON3:-python3} -c 'import yaml' 2>/dev/null; then
    cat >"$T/wf.py" <<'PY'
import sys, yaml
wf = yaml.safe_load(open(sys.argv[1]))
steps = wf["jobs"]["gate"]["steps"]
names = [s.get("name", "") for s in steps]
gate = next(s for s in steps if s.get("id") == "gate")
upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
last = steps[-1]
assert "trulyopen-gate.sh" in gate["run"], "gate step does not run the script"
assert upload["if"].startswith("always()"), "SARIF is not uploaded when the gate fails"
assert "steps.gate.outputs.status" in last["if"] and "exit 1" in last["run"], "job does not fail"
assert names.index(upload["name"]) > names.index(gate["name"]) < names.index(last["name"])
print("workflow: %d steps" % len(steps))
PY
    run 0 "${PYTHON3:-python3}" "$T/wf.py" "$workflow"
    has "$T/out" "workflow:"
fi

# The policy the README shows, the one this test gates with, and a
# malformed one, given to the library's policy reader.
parse=${TRO_POLICY_PARSE:-${top_builddir:-.}/tests/man/policy-parse}
awk '/^```json$/ { inside = 1; next } inside && /^```$/ { exit } inside' \
    "$top_srcdir/examples/ci-gate/README.md" >"$T/readme-policy.json"
checks=$((checks + 1))
[ -s "$T/readme-policy.json" ] || fail "examples/ci-gate/README.md shows no policy"
# A policy that asks only for use freedom (and, as every policy file, no
# error finding).
cat >"$T/policy.json" <<'POLICY'
{
  "format": "trulyopen-policy",
  "format_version": 1,
  "criteria": { "use_freedom": "pass" }
}
POLICY
printf '{"format": "trulyopen-policy", "format_version": 1, "no_such_key": 1}\n' >"$T/bad.json"
checks=$((checks + 1))
if [ ! -x "$parse" ]; then
    fail "$parse: not built (make check builds it)"
else
    run 0 "$parse" "$T/readme-policy.json" "$T/policy.json"
    has "$T/out" "readme-policy.json: ok"
    has "$T/out" "$T/policy.json: ok"
    run 1 "$parse" "$T/bad.json"
    has "$T/out" "TRO_EFORMAT: policy: no_such_key: unknown key"
    has "$T/out" "(line 1, column 53, byte 52)"
fi

if ! "$TRULYOPEN" check --help >/dev/null 2>&1; then
    echo "ci-gate: $checks checks, $failures failed; 'trulyopen check' not available yet: skip the gate runs"
    [ "$failures" -eq 0 ] || exit 1
    exit 77
fi

# The bundled catalog, in which the example release's dataset resolves.
catalog="$top_srcdir/examples/catalog"

# Truly open with its dataset resolved: status 0, SARIF, summary.
: >"$T/summary.md"
run 0 env TRULYOPEN="$TRULYOPEN" GITHUB_STEP_SUMMARY="$T/summary.md" bash "$gate" \
    --catalog "$catalog" --sarif "$T/ok.sarif" --json "$T/ok.json" "$release"
has "$T/out" "policy met"
has "$T/out" "truly-open"
has "$T/summary.md" "### trulyopen: policy met"
# the job summary is the Markdown report of the same check, not text in a fence
has "$T/summary.md" "| Use freedom | ✓ **pass** |"
has "$T/summary.md" "<details>"
lacks "$T/summary.md" '```'
checks=$((checks + 1))
"${PYTHON3:-python3}" - "$T/ok.sarif" "$T/ok.json" <<'PY' || fail "SARIF or JSON report malformed"
import json, sys
sarif = json.load(open(sys.argv[1]))
assert sarif["version"] == "2.1.0" and sarif["runs"], "not SARIF 2.1.0"
report = json.load(open(sys.argv[2]))
assert report["format"] == "trulyopen-report", report.get("format")
assert report["verdict"] == "truly-open", report["verdict"]
assert all(a["sha256"] for a in report["artifacts"]), "artifacts not hashed"
PY

# A dataset that neither the catalog nor the built-in table knows is
# unresolved: not truly open, status 1, and the SARIF is still written.
mkdir -p "$T/private-data"
cp "$release/"* "$T/private-data/"
sed 's|wikimedia/wikipedia|example-org/private-corpus|g' "$release/README.md" \
    >"$T/private-data/README.md"
run 1 env TRULYOPEN="$TRULYOPEN" bash "$gate" --catalog "$catalog" --sarif "$T/nok.sarif" \
    "$T/private-data"
has "$T/out" "policy NOT met"
checks=$((checks + 1))
[ -s "$T/nok.sarif" ] || fail "no SARIF written when the policy is not met"

# A policy that asks only for use freedom lets it pass.
run 0 env TRULYOPEN="$TRULYOPEN" bash "$gate" --policy "$T/policy.json" \
    --no-hash --sarif "$T/policy.sarif" "$release"

# Unusable input: status 2.
run 2 env TRULYOPEN="$TRULYOPEN" bash "$gate" --sarif "$T/missing.sarif" "$T/no-such-release"
run 2 env TRULYOPEN="$TRULYOPEN" bash "$gate" --policy "$T/bad.json" --sarif "$T/bad.sarif" "$release"

finish

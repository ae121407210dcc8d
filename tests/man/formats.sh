#!/bin/sh
# The examples of the file-format pages are true: the manifest shown in
# trulyopen-report(5) verifies the example release, and every policy shown
# in trulyopen-policy(5) is JSON whose keys the page documents and, once
# `trulyopen check` exists, a policy the check accepts.
. "$top_srcdir/tests/cli/lib.sh"
PY=${PYTHON3:-python3}
if ! command -v "$PY" >/dev/null 2>&1; then
    echo "formats: python3 not found: skip"
    exit 77
fi
man=$top_srcdir/man
release=$top_srcdir/examples/releases/open-model

# blocks PAGE PREFIX: writes each literal display of the EXAMPLES section
# that holds a JSON object to PREFIX.N.json, undoing the roff escapes.
blocks() {
    awk -v prefix="$2" '
        /^\.Sh / { in_ex = ($2 == "EXAMPLES"); next }
        in_ex && /^\.Bd -literal/ { inside = 1; text = ""; next }
        inside && /^\.Ed/ {
            inside = 0
            if (text ~ /^[ \t]*\{/) { n++; printf "%s", text > (prefix "." n ".json"); close(prefix "." n ".json") }
            next
        }
        inside { text = text $0 "\n" }
        END { print n + 0 }
    ' "$1" | { read -r n; echo "$n"; }
}

# The manifest in trulyopen-report(5) is the example release's.
n=$(blocks "$man/trulyopen-report.5" "$T/report")
checks=$((checks + 1))
[ "$n" -ge 2 ] || fail "trulyopen-report(5): expected a manifest example, found $n JSON blocks"
run 0 "$TRULYOPEN" verify -q "$release" "$T/report.1.json"

# The policies in trulyopen-policy(5).
n=$(blocks "$man/trulyopen-policy.5" "$T/policy")
checks=$((checks + 1))
[ "$n" -ge 3 ] || fail "trulyopen-policy(5): expected 3 policy examples, found $n"
i=1
while [ "$i" -le "$n" ]; do
    run 0 "$PY" - "$T/policy.$i.json" "$man/trulyopen-policy.5" <<'PYCHECK'
import json, re, sys
policy = json.load(open(sys.argv[1]))
page = open(sys.argv[2]).read()
documented = set(re.findall(r"^\.(?:It )?Li ([a-z_]+)", page, re.M))
documented |= set(re.findall(r"\.Li ([a-z_]+)", page))
assert policy["format"] == "trulyopen-policy", policy.get("format")
assert policy["format_version"] == 1
def keys(obj, where):
    for k, v in obj.items():
        assert k in documented, "%s%s: key not documented" % (where, k)
        if isinstance(v, dict):
            keys(v, where + k + ".")
keys(policy, "")
print("ok", sys.argv[1])
PYCHECK
    i=$((i + 1))
done

if "$TRULYOPEN" check --help >/dev/null 2>&1; then
    i=1
    while [ "$i" -le "$n" ]; do
        checks=$((checks + 1))
        "$TRULYOPEN" check -q --no-hash --policy "$T/policy.$i.json" "$release" >"$T/out" 2>"$T/err"
        status=$?
        [ "$status" -le 1 ] || fail "trulyopen check refuses policy example $i (status $status): $(cat "$T/err")"
        i=$((i + 1))
    done
else
    echo "formats: 'trulyopen check' not available yet: policies not given to it"
fi
finish

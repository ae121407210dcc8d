#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# The examples of the file-format pages are true: the manifest shown in
# trulyopen-report(5) verifies the example release; the policy page
# documents exactly the keys and names the library's policy reader knows,
# every policy it shows (and those of the README and examples/policies)
# parses with tro_policy_new(), every error message it shows is one the
# reader gives, at the position shown; and, once `trulyopen check` exists,
# the check accepts every policy the page shows.
. "$top_srcdir/tests/cli/lib.sh"
PY=${PYTHON3:-python3}
if ! command -v "$PY" >/dev/null 2>&1; then
    echo "formats: python3 not found: skip"
    exit 77
fi
man=$top_srcdir/man
release=$top_srcdir/examples/releases/open-model

# blocks PAGE PREFIX: writes each literal display of the EXAMPLES section
# that holds a JSON object to PREFIX.N.json (these hold no roff escapes).
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

# The policy page, the README's policy section and examples/policies agree
# with the policy reader of the library (tests/man/policy_doc.py says how).
parse=${TRO_POLICY_PARSE:-${top_builddir:-.}/tests/man/policy-parse}
checks=$((checks + 1))
if [ ! -x "$parse" ]; then
    fail "$parse: not built (make check builds it)"
else
    run 0 "$PY" "$top_srcdir/tests/man/policy_doc.py" "$man/trulyopen-policy.5" \
        "$top_srcdir/README.md" "$top_srcdir/examples/policies" \
        "$top_srcdir/include/trulyopen/license.h" "$parse" "$T"
    cat "$T/out"
    has "$T/out" "policy_doc.py:"
fi

# The examples of the page, once more, given to `trulyopen check`.
n=$(blocks "$man/trulyopen-policy.5" "$T/policy")
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

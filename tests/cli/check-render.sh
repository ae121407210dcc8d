#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# trulyopen check --compact and --no-artifacts: the JSON and SARIF documents
# on one line and without the artifact list, with the same content
# otherwise (compared by python3 when there is one), refused for text.
. "$top_srcdir/tests/cli/lib.sh"
rel=$top_srcdir/examples/releases/open-model
cat=$top_srcdir/examples/catalog

run 0 "$TRULYOPEN" check -c "$cat" -f json "$rel"
cp "$T/out" "$T/pretty.json"
run 0 "$TRULYOPEN" check -c "$cat" -f json --compact "$rel"
cp "$T/out" "$T/compact.json"
lines "$T/compact.json" 1
has "$T/compact.json" '{"format":"trulyopen-report","format_version":1,'
has "$T/compact.json" '"sha256_source":"computed"'
run 0 "$TRULYOPEN" check -c "$cat" -f json --compact --no-artifacts "$rel"
cp "$T/out" "$T/bare.json"
lines "$T/bare.json" 1
lacks "$T/bare.json" '"artifacts"'
has "$T/bare.json" '"findings":['
run 0 "$TRULYOPEN" check -c "$cat" -f sarif --compact --no-artifacts "$rel"
lines "$T/out" 1
has "$T/out" '"version":"2.1.0"'
lacks "$T/out" '"hashes"'
# text has no compact form; --no-artifacts changes nothing there
run 2 "$TRULYOPEN" check --compact "$rel"
has "$T/err" "--compact applies to --format json, sarif, cyclonedx, spdx and shields"
run 0 "$TRULYOPEN" check -c "$cat" "$rel"
cp "$T/out" "$T/text"
run 0 "$TRULYOPEN" check -c "$cat" --no-artifacts "$rel"
same "$T/out" "$T/text"
if command -v "${PYTHON3:-python3}" >/dev/null 2>&1; then
    checks=$((checks + 1))
    "${PYTHON3:-python3}" - "$T/pretty.json" "$T/compact.json" "$T/bare.json" <<'PYEOF' ||
import json, sys
pretty, compact, bare = (json.load(open(p)) for p in sys.argv[1:])
assert pretty == compact, "compact differs from pretty"
assert list(pretty) == list(compact), "key order differs"
del pretty["artifacts"]
assert pretty == bare, "--no-artifacts changed more than the artifacts"
PYEOF
        fail "the three documents do not hold the same content"
fi
finish

#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# trulyopen check --batch: one JSON line per release, in input order, each
# report the one `check --format json` gives; errors recorded, not fatal;
# the exit status over all; the summary; options.
. "$top_srcdir/tests/cli/lib.sh"
PY=${PYTHON3:-python3}
ex="$top_srcdir/examples"
cat="$ex/catalog"
open="$ex/releases/open-model"
restricted="$ex/releases/restricted-finetune"

mkdir "$T/cards"
i=0
for lic in apache-2.0 mit llama2 cc-by-nc-4.0 gpl-3.0; do
    i=$((i + 1))
    printf -- '---\nlicense: %s\ndatasets:\n- wikimedia/wikipedia\n---\n# Model %s\n' "$lic" "$i" \
        >"$T/cards/card-$i.md"
done
{
    echo "$open"
    echo "$restricted"
    echo ""
    echo "$T/missing-release"
    for i in 1 2 3 4 5; do echo "$T/cards/card-$i.md"; done
    printf '%s\r\n' "$T/cards/card-1.md" # a CRLF line
} >"$T/list"

# one line per non-empty input line, in input order, tagged with the line
run 2 "$TRULYOPEN" check --batch "$T/list" -c "$cat" -j 2
cp "$T/out" "$T/batch.ndjson"
lines "$T/batch.ndjson" 9
has "$T/batch.ndjson" "{\"line\":4,\"input\":\"$T/missing-release\",\"error\":\"$T/missing-release: No such file or directory\"}"
has "$T/err" 'trulyopen: batch: 9 releases: 1 met the policy, 7 did not, 1 could not be checked; 1 truly open;'
lines "$T/err" 1

# each report is the one a single check gives (compact JSON of the same document)
for n in 1 2 5 6 7 8 9 10; do
    p=$(sed -n "${n}p" "$T/list" | tr -d '\r')
    "$TRULYOPEN" check -q -f json -c "$cat" "$p" >"$T/single-$n.json" 2>/dev/null
done
"$PY" - "$T/batch.ndjson" "$T" <<'PYEOF' || fail "batch lines differ from single checks"
import json, sys
want_lines = [1, 2, 4, 5, 6, 7, 8, 9, 10]
got = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert [g["line"] for g in got] == want_lines, [g["line"] for g in got]
for g in got:
    if g["line"] == 4:
        assert set(g) == {"line", "input", "error"}, g
        continue
    assert set(g) == {"line", "input", "report"}, g.keys()
    single = json.load(open("%s/single-%d.json" % (sys.argv[2], g["line"]), encoding="utf-8"))
    assert g["report"] == single, g["line"]
    assert g["report"]["release"]["name"] == g["input"]
# the restricted fine-tune's base was found in the catalog shared by all
lin = got[1]["report"]["lineage"][0]
assert lin["resolved"] and lin["source"].startswith("catalog:"), lin
PYEOF
# compact: no space after a colon outside strings, one line per report
lacks "$T/batch.ndjson" '"format": "trulyopen-report"'
has "$T/batch.ndjson" '"format":"trulyopen-report"'

# --no-artifacts: the same reports without their artifact list
run 2 "$TRULYOPEN" check --batch "$T/list" -c "$cat" -j 2 -q --no-artifacts --compact
"$PY" - "$T/batch.ndjson" "$T/out" <<'PYEOF' || fail "--no-artifacts: not the reports without artifacts"
import json, sys
full = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
bare = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(full) == len(bare) == 9
for f, b in zip(full, bare):
    if "report" in f:
        assert f["report"]["artifacts"] and "artifacts" not in b["report"], b
        del f["report"]["artifacts"]
    assert f == b, (f, b)
PYEOF

# the same bytes whatever the number of threads, and from standard input
run 2 "$TRULYOPEN" check --batch - -c "$cat" -j 1 -q <"$T/list"
same "$T/out" "$T/batch.ndjson"
lines "$T/err" 0
run 2 "$TRULYOPEN" check --batch "$T/list" --catalog "$cat" --jobs 4 -q -o "$T/o.ndjson"
same "$T/o.ndjson" "$T/batch.ndjson"
lines "$T/out" 0

# exit status over all: 0 when every release meets the policy, 1 when one does not
echo "$open" >"$T/good"
run 0 "$TRULYOPEN" check --batch "$T/good" -c "$cat" -q
printf '%s\n%s\n' "$open" "$restricted" >"$T/mixed"
run 1 "$TRULYOPEN" check --batch "$T/mixed" -c "$cat" -q
# the policy applies to every release
printf '%s\n%s\n' "$T/cards/card-1.md" "$T/cards/card-2.md" >"$T/free"
run 0 "$TRULYOPEN" check --batch "$T/free" -q --policy "$ex/policies/open-weights.json"
has "$T/out" '"policy":{"passed":true'
run 1 "$TRULYOPEN" check --batch "$T/free" -q

# a line too long to be a path is an error line, and the batch goes on
"$PY" -c 'import sys; sys.stdout.write("x" * 70000 + "\n" + sys.argv[1] + "\n")' "$open" >"$T/long"
run 2 "$TRULYOPEN" check --batch "$T/long" -c "$cat" -q
has "$T/out" '{"line":1,"input":null,"error":"line 1 is longer than 65536 bytes; not read"}'
has "$T/out" '{"line":2,"input":'
lines "$T/out" 2

# an empty list checks nothing and meets the policy
: >"$T/empty"
run 0 "$TRULYOPEN" check --batch "$T/empty"
lines "$T/out" 0
has "$T/err" 'batch: 0 releases'

# usage errors
run 2 "$TRULYOPEN" check --batch "$T/list" "$open"
has "$T/err" '--batch takes no PATH'
run 2 "$TRULYOPEN" check --batch "$T/list" -f text
run 2 "$TRULYOPEN" check --batch "$T/no-such-list"
has "$T/err" "$T/no-such-list: cannot open"
run 0 "$TRULYOPEN" check --help
has "$T/out" '--batch FILE'
finish

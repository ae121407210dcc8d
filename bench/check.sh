#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Cards checked per second, against Python's libyaml parsing only the same
# cards' front matter, in the same run. One thread, no hashing, a catalog
# (made here from the corpus's dataset cards) resolving declared datasets.
# Usage: bench/check.sh [CARDS_DIR] [SECONDS]   (from the build tree;
# BENCH_CHECK may name the bench_check program)
set -eu
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
cards=${1:-$top_srcdir/../shared/corpus/cards}
secs=${2:-3}
prog=${BENCH_CHECK:-bench/bench_check}
[ -d "$cards" ] || { echo "check.sh: no cards in $cards"; exit 77; }
[ -x "$prog" ] || { echo "check.sh: build it first: make bench/bench_check"; exit 2; }
T=$(mktemp -d "${TMPDIR:-/tmp}/trobench.XXXXXX")
trap 'rm -rf "$T"' EXIT

# The catalog: Hub id -> the corpus card that is its card (symbolic links).
. "$top_srcdir/bench/catalog.sh"
make_catalog "$cards" "$T/catalog"

echo "trulyopen check over $(ls "$cards"/*.md | wc -l) cards of $cards"
# The machine may be shared: C and Python run in alternating slices and the
# best slice of each counts, so both are measured under the same conditions.
py=/usr/bin/python3
havepy=no
if [ -x "$py" ] && "$py" -c 'import yaml; yaml.CSafeLoader' 2>/dev/null; then
    havepy=yes
    cat >"$T/fm.py" <<'PYEOF'
import os, sys, time, yaml
d, secs = sys.argv[1], float(sys.argv[2])
docs = []
for n in sorted(os.listdir(d)):
    if not n.endswith('.md'):
        continue
    t = open(os.path.join(d, n), encoding='utf-8', errors='replace').read().lstrip('\ufeff')
    e = t.find('\n---', 4) if t.startswith('---\n') else -1
    docs.append(t[4:e] if e > 0 else '')
t0, done = time.perf_counter(), 0
while time.perf_counter() - t0 < secs:
    for s in docs:
        try:
            yaml.load(s, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            pass
        done += 1
print('%.0f' % (done / (time.perf_counter() - t0)))
PYEOF
fi
best() { [ "$2" -gt "$1" ] && echo "$2" || echo "$1"; }
rate=0 jrate=0 prate=0
slice=$(awk -v s="$secs" 'BEGIN { printf "%.2f", s / 5 }')
for i in 1 2 3 4 5; do
    out=$("$prog" "$cards" "$T/catalog" "$slice" 0)
    rate=$(best "$rate" "$(echo "$out" | sed -n 's/^check: .*: \([0-9]*\) cards\/s$/\1/p')")
    jrate=$(best "$jrate" "$(echo "$out" | sed -n 's/^check + JSON report: .*: \([0-9]*\) cards\/s$/\1/p')")
    [ $havepy = yes ] && prate=$(best "$prate" "$("$py" "$T/fm.py" "$cards" "$slice")")
done
echo "trulyopen check (one thread, no hashing, catalog): $rate cards/s; with the JSON report: $jrate cards/s"
"$prog" "$cards" "$T/catalog" 0.01 100000 | grep '^memory'
if [ $havepy = yes ]; then
    echo "python3 yaml.load(CSafeLoader), front matter only: $prate cards/s"
    awk -v a="$rate" -v j="$jrate" -v p="$prate" 'BEGIN {
        printf "ratio: check %.1fx, check + JSON %.1fx the Python YAML-only rate\n", a / p, j / p }'
else
    echo "no /usr/bin/python3 with python3-yaml (CSafeLoader): no comparison"
fi

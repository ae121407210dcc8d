#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Time per card of storing reports in SQLite without JSON, in C
# (examples/report_sqlite) and in Python (examples/report_sqlite.py, typed
# objects), against the in-process check benchmark (bench/bench_check) on
# the same 1,000 generated cards (tests/examples/make_cards.py), in the same
# run. The programs are timed whole, start-up included: a process per
# 1,000 cards. Then, in one Python process, what reading the parts costs:
# typed objects from the accessors against json.loads() of the document.
# Usage: bench/sqlite.sh [ROUNDS]   (from the build tree, after
# `make bench/bench_check examples/report_sqlite`)
set -eu
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-.}
rounds=${1:-5}
py=${PYTHON3:-python3}
for p in bench/bench_check examples/report_sqlite; do
    [ -x "$top_builddir/$p" ] || { echo "sqlite.sh: build it first: make $p"; exit 2; }
done
T=$(mktemp -d "${TMPDIR:-/tmp}/trobench.XXXXXX")
trap 'rm -rf "$T"' EXIT
n=1000
"$py" "$top_srcdir/tests/examples/make_cards.py" $n "$T"
export TRULYOPEN_LIBRARY="$top_builddir/.libs/libtrulyopen.so"
export PYTHONPATH="$top_srcdir/bindings/python"

# us_per_card CMD...: one run over the n cards: "WALL CPU", in us a card
# (CPU: user + system time of the process and its threads).
us_per_card() {
    rm -f "$T/out.db"
    "$py" - "$n" "$@" <<'PYEOF'
import resource, subprocess, sys, time
n, cmd = int(sys.argv[1]), sys.argv[2:]
r0, t0 = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
t1, r1 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
print(f"{(t1 - t0) * 1e6 / n:.1f} {cpu * 1e6 / n:.1f}")
PYEOF
}
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == 0 || b < a) ? b : a }'; }
c=0 cc=0 p=0 pc=0 k=0 j=0
# Rounds alternate the programs, so that they share the machine's load;
# the best round of each counts.
for i in $(seq "$rounds"); do
    set -- $(us_per_card "$top_builddir/examples/report_sqlite" "$T/out.db" "$T/catalog" \
        "$T"/cards/*.md)
    c=$(best "$c" "$1") cc=$(best "$cc" "$2")
    set -- $(us_per_card "$py" "$top_srcdir/examples/report_sqlite.py" "$T/out.db" \
        "$T/catalog" "$T"/cards/*.md)
    p=$(best "$p" "$1") pc=$(best "$pc" "$2")
    out=$("$top_builddir/bench/bench_check" "$T/cards" "$T/catalog" 1 0)
    rate=$(echo "$out" | sed -n 's/^check: .*: \([0-9]*\) cards\/s$/\1/p')
    jrate=$(echo "$out" | sed -n 's/^check + JSON report: .*: \([0-9]*\) cards\/s$/\1/p')
    k=$(best "$k" "$(awk -v r="$rate" 'BEGIN { printf "%.1f", 1e6 / r }')")
    j=$(best "$j" "$(awk -v r="$jrate" 'BEGIN { printf "%.1f", 1e6 / r }')")
done
echo "$n generated cards, best of $rounds rounds, one thread each:"
echo "  bench_check, check only (buffers, no hashing): $k us/card"
echo "  bench_check, check + JSON report:             $j us/card"
awk -v c="$c" -v cc="$cc" -v p="$p" -v pc="$pc" -v k="$k" -v j="$j" 'BEGIN {
    printf "  report_sqlite (C: scan, check, gate, 18 tables):%s us/card (processor %s): %.1fx check only, %.1fx check + JSON\n", c, cc, c / k, c / j
    printf "  report_sqlite.py (typed objects):            %s us/card (processor %s): %.1fx check only, %.1fx the C program\n", p, pc, p / k, p / c }'

# Reading the parts in Python, the checks made once beforehand.
"$py" - "$T/cards" "$T/catalog" <<'PYEOF'
import json, os, sys, time
import trulyopen
cards, catalog = sys.argv[1], sys.argv[2]
paths = sorted(os.path.join(cards, f) for f in os.listdir(cards))[:300]
with trulyopen.Context(threads=1) as ctx, trulyopen.Catalog(catalog, ctx=ctx) as cat:
    reports = [trulyopen.check(p, catalogs=cat, ctx=ctx) for p in paths]
    t0 = time.perf_counter()
    for r in reports:
        r._parts.clear()
        (r.release, r.verdict, r.mof, r.criteria, r.findings, r.licenses, r.lineage,
         r.datasets, r.artifacts, r.to_pass)
    typed = (time.perf_counter() - t0) * 1e6 / len(reports)
    t0 = time.perf_counter()
    for r in reports:
        d = json.loads(r.to_json())
        (d["release"], d["verdict"], d["mof"], d["criteria"], d["findings"], d["licenses"],
         d["lineage"], d["datasets"], d["artifacts"], d["to_pass"])
    parsed = (time.perf_counter() - t0) * 1e6 / len(reports)
    for r in reports:
        r.close()
print(f"  Python, parts stored by the examples, {len(reports)} reports: typed objects "
      f"{typed:.1f} us/report, json.loads(to_json()) {parsed:.1f} us/report "
      f"({typed / parsed:.1f}x)")
PYEOF

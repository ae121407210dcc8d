#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Cards checked per second through `trulyopen check --batch` (1 and 2
# threads) against the in-process rate of bench/bench_check (the C API on
# one thread, cards already in memory, each checked, judged by the default
# policy and rendered as JSON as the batch does; the rates without the
# policy and without JSON are printed too), in the same run; the batch's peak
# memory over 10,000 and 1,000,000 lines; and through trulyopen.dask on a
# LocalCluster of two worker processes against a plain Python loop over the
# same cards. Not a test.
#
#   bench/batch.sh [ROUNDS]    (from the build tree; 5 rounds; LINES=10000 lines per
#                               batch run, MEMLINES=1000000, MEMLINES=0 skips)
#
# Cards: ../shared/corpus/cards and real-cards (skipped when absent). No
# hashing, a catalog of the corpus's dataset and base model cards, the
# default policy, a JSON report per card for every contender. The machine
# may be shared: each round runs every contender once, and the best round
# of each counts; the load average is printed.
# Targets: batch on one thread >= 80% of the in-process rate; on two
# threads >= 1.7x it.
set -eu
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
corpus=${CORPUS:-$top_srcdir/../shared/corpus}
ROUNDS=${1:-5}
LINES=${LINES:-10000}
MEMLINES=${MEMLINES:-1000000}
TRULYOPEN=${TRULYOPEN:-./trulyopen}
prog=${BENCH_CHECK:-bench/bench_check}
[ -d "$corpus/cards" ] || { echo "batch.sh: no corpus at $corpus"; exit 77; }
[ -x "$prog" ] || { echo "batch.sh: build it first: make bench/bench_check"; exit 2; }
[ -x "$TRULYOPEN" ] || { echo "batch.sh: $TRULYOPEN not built"; exit 2; }
T=$(mktemp -d "${TMPDIR:-/tmp}/trobench.XXXXXX")
trap 'rm -rf "$T"' EXIT
. "$top_srcdir/bench/catalog.sh"
make_catalog "$corpus/cards" "$T/catalog"
mkdir "$T/cards"
for f in "$corpus/cards"/*.md "$corpus"/real-cards/*.md; do
    [ -f "$f" ] && ln -s "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")" \
        "$T/cards/$(basename "$(dirname "$f")")-$(basename "$f")"
done
ncards=$(ls "$T/cards" | wc -l)
# LINES lines cycling through the cards
ls "$T/cards"/*.md | awk -v n="$LINES" '{ p[NR] = $0 } END { for (i = 0; i < n; i++) print p[i % NR + 1] }' >"$T/list"

now() { date +%s.%N; }
rate() { awk -v n="$1" -v s="$2" -v e="$3" 'BEGIN { printf "%.0f", n / (e - s) }'; }
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (b > a ? b : a) }'; }
batch_rate() { # THREADS
    s=$(now)
    "$TRULYOPEN" check --batch "$T/list" -c "$T/catalog" --no-hash -q -j "$1" >"$T/out" || [ $? -eq 1 ]
    e=$(now)
    [ "$(wc -l <"$T/out")" -eq "$LINES" ] || { echo "batch.sh: wrong line count" >&2; exit 1; }
    rate "$LINES" "$s" "$e"
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
inproc=0 inproc_json=0 inproc_pol=0 b1=0 b2=0
r=0
while [ "$r" -lt "$ROUNDS" ]; do
    out=$("$prog" "$T/cards" "$T/catalog" 1 0)
    inproc=$(best "$inproc" "$(echo "$out" | sed -n 's/^check: .*: \([0-9]*\) cards\/s$/\1/p')")
    inproc_json=$(best "$inproc_json" "$(echo "$out" | sed -n 's/^check + JSON report: .*: \([0-9]*\) cards\/s$/\1/p')")
    inproc_pol=$(best "$inproc_pol" "$(echo "$out" | sed -n 's/^check + policy + JSON report: .*: \([0-9]*\) cards\/s$/\1/p')")
    b1=$(best "$b1" "$(batch_rate 1)")
    b2=$(best "$b2" "$(batch_rate 2)")
    r=$((r + 1))
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "cards: $ncards ($corpus/cards, real-cards), $LINES lines per batch run; best of $ROUNDS rounds"
echo "load average before: $load_before; after: $load_after"
echo "in-process (bench_check, one thread): check + policy + JSON report $inproc_pol cards/s" \
    "(check alone $inproc, check + JSON report $inproc_json)"
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
ratio_x() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
echo "check --batch -j 1: $b1 cards/s = $(pct "$b1" "$inproc_pol") of in-process (target >= 80%);" \
    "$(pct "$b1" "$inproc_json") of check + JSON without the policy"
echo "check --batch -j 2: $b2 cards/s = $(ratio_x "$b2" "$inproc_pol") in-process (target >= 1.7x);" \
    "$(ratio_x "$b2" "$inproc_json") check + JSON without the policy"

# Memory: peak RSS of the batch over few and many lines.
if [ "$MEMLINES" -gt 0 ] && [ -x /usr/bin/time ]; then
    for n in 10000 "$MEMLINES"; do
        ls "$T/cards"/*.md | awk -v n="$n" '{ p[NR] = $0 } END { for (i = 0; i < n; i++) print p[i % NR + 1] }' >"$T/mem"
        s=$(now)
        kib=$( { /usr/bin/time -f %M "$TRULYOPEN" check --batch "$T/mem" -c "$T/catalog" --no-hash -q -j 2 >/dev/null; } 2>&1 | tail -n 1)
        e=$(now)
        echo "check --batch -j 2 over $n lines: peak RSS $(awk -v k="$kib" 'BEGIN { printf "%.1f", k / 1024 }') MiB, $(rate "$n" "$s" "$e") cards/s"
    done
fi

# Dask on a LocalCluster against a plain Python loop over the same cards.
py=
for p in "${PYTHON3:-python3}" /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import dask.bag, distributed' 2>/dev/null; then
        py=$p
        break
    fi
done
lib=${TRULYOPEN_LIBRARY:-$(dirname "$TRULYOPEN")/.libs/libtrulyopen.so}
if [ -z "$py" ] || [ ! -f "$lib" ]; then
    echo "no python with dask.distributed, or no shared library: no Dask comparison"
    exit 0
fi
# (a file, not standard input: the worker processes import it again)
cat >"$T/dask_bench.py" <<'PYEOF'
import os, sys, time
from distributed import Client, LocalCluster
import trulyopen
import trulyopen.dask as tdask


def plain(paths, catalog):
    with trulyopen.Catalog(catalog) as cat:
        return [tdask.check_record(trulyopen.check(p, catalogs=cat, no_hash=True, threads=1))
                for p in paths]


def many(paths, catalog):
    return [tdask.check_record(r) for r in
            trulyopen.check_many(paths, jobs=2, catalogs=catalog, no_hash=True)]


def on_dask(paths, catalog):
    return tdask.check_bag(paths, catalogs=catalog, no_hash=True, npartitions=4).compute()


def main(cards, catalog, rounds):
    paths = sorted(os.path.join(cards, n) for n in os.listdir(cards)) * 50
    t0 = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster):
        start = time.perf_counter() - t0
        best = {"plain": 0.0, "many": 0.0, "dask": 0.0}
        for _ in range(rounds):
            for name, fn in (("plain", plain), ("many", many), ("dask", on_dask)):
                t = time.perf_counter()
                recs = fn(paths, catalog)
                rate = len(paths) / (time.perf_counter() - t)
                assert len(recs) == len(paths) and all(r["ok"] for r in recs)
                best[name] = max(best[name], rate)
    print("python, %d cards: plain loop of trulyopen.check %.0f cards/s; check_many(jobs=2) "
          "%.0f cards/s (%.2fx); trulyopen.dask on a LocalCluster of 2 workers %.0f cards/s "
          "(%.2fx the loop; cluster start %.1f s, not counted)"
          % (len(paths), best["plain"], best["many"], best["many"] / best["plain"],
             best["dask"], best["dask"] / best["plain"], start))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
PYEOF
PYTHONPATH="$top_srcdir/bindings/python" TRULYOPEN_LIBRARY="$lib" "$py" "$T/dask_bench.py" \
    "$T/cards" "$T/catalog" "$ROUNDS"

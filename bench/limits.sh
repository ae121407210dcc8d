#!/bin/sh
# Decompression bombs: how soon `trulyopen hash` stops a 10 MB zip holding
# a 10 GiB entry (and a 10 GiB tar.gz), against what it costs to read the
# entry whole with unzip and sha256sum, in the same run; and buffers added
# from memory (bench/bench_buffers). Not a test.
#
#   TRULYOPEN=./trulyopen sh bench/limits.sh      (or: make bench)
#
# SKIP_UNZIP=1 leaves out the whole read (about half a minute).
set -eu

TRULYOPEN=${TRULYOPEN:-./trulyopen}
RUNS=${RUNS:-3}
PY=${PYTHON3:-python3}
here=$(dirname "$0")
[ -x "$TRULYOPEN" ] || { echo "bench: $TRULYOPEN not built (set TRULYOPEN)" >&2; exit 2; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/trobench.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM

now() { date +%s.%N; }
best() { # best SECONDS of RUNS runs of a command (its status ignored)
    b=
    i=0
    while [ $i -lt "$RUNS" ]; do
        t0=$(now)
        "$@" >/dev/null 2>&1 || true
        t=$(echo "$(now) - $t0" | bc)
        if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
        i=$((i + 1))
    done
    echo "$b"
}

"$PY" "$here/../tests/cli/zipbomb.py" zip "$dir/bomb.zip" 10737418240
"$PY" "$here/../tests/cli/zipbomb.py" tgz "$dir/bomb.tar.gz" 10737418240
echo "bench: bomb.zip $(wc -c <"$dir/bomb.zip") bytes, bomb.tar.gz $(wc -c <"$dir/bomb.tar.gz") bytes, 10 GiB of zeros each"
"$TRULYOPEN" hash "$dir/bomb.zip" 2>&1 >/dev/null | grep archive-bomb || "$TRULYOPEN" hash "$dir/bomb.zip" 2>&1 | head -3
zip_t=$(best "$TRULYOPEN" hash "$dir/bomb.zip")
tgz_t=$(best "$TRULYOPEN" hash "$dir/bomb.tar.gz")
echo "trulyopen hash bomb.zip: stopped in $zip_t s; bomb.tar.gz: $tgz_t s"
if [ -z "${SKIP_UNZIP:-}" ] && command -v unzip >/dev/null; then
    t0=$(now)
    unzip -p "$dir/bomb.zip" | sha256sum >/dev/null
    whole=$(echo "$(now) - $t0" | bc)
    echo "unzip -p bomb.zip | sha256sum: $whole s; ratio $(echo "scale=1; $whole / $zip_t" | bc)"
fi

if [ -x "$here/bench_buffers" ]; then
    "$here/bench_buffers" 100000
else
    echo "bench: make bench/bench_buffers for the buffers"
fi

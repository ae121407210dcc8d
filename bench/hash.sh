#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Hashing throughput of `trulyopen hash` against `openssl dgst -sha256` (and
# sha256sum, for reference), and trulyopen's peak memory. Not a test.
#
#   TRULYOPEN=./trulyopen sh bench/hash.sh      (or: make bench)
#
# Writes one 512 MiB file and four 128 MiB files of random bytes in a
# temporary folder (removed afterwards; TMPDIR chooses where: 1 GiB free
# needed), reads them once so every tool starts from a warm page cache, then
# runs ROUNDS rounds (default 7); each round times every tool on the same
# files, one after the other, so a busy moment of the machine hits them
# alike. The figures are the medians. The four files are hashed by openssl
# and sha256sum one after another, as a script would; trulyopen uses its
# default thread pool (one worker per CPU).
# Targets: one file >= 1.15x openssl; four files >= 1.8x openssl (2 cores);
# peak RSS < 64 MiB. The load average before and after is printed: run it
# when the machine is otherwise idle.
set -eu

TRULYOPEN=${TRULYOPEN:-./trulyopen}
ROUNDS=${ROUNDS:-7}
[ -x "$TRULYOPEN" ] || { echo "bench: $TRULYOPEN not built (set TRULYOPEN)" >&2; exit 2; }
for tool in sha256sum openssl /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "bench: $tool not found" >&2; exit 2; }
done

dir=$(mktemp -d "${TMPDIR:-/tmp}/trobench.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
mkdir "$dir/one" "$dir/four"
echo "bench: writing 1 x 512 MiB and 4 x 128 MiB of random bytes in $dir"
head -c 536870912 /dev/urandom >"$dir/one/big.bin"
for i in 1 2 3 4; do
    head -c 134217728 /dev/urandom >"$dir/four/part-$i.bin"
done
cat "$dir/one/big.bin" "$dir/four"/*.bin >/dev/null # warm the page cache
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

now() { date +%s.%N; }
# seconds one run takes, appended to the file $1
timed() {
    out=$1
    shift
    s=$(now)
    "$@" >/dev/null
    e=$(now)
    awk -v s="$s" -v e="$e" 'BEGIN { printf "%.4f\n", e - s }' >>"$out"
}
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2); if (NR % 2) print v[m]; else printf "%.4f\n", (v[m] + v[m + 1]) / 2 }'; }
spread() { sort -n "$1" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.3f-%.3f", lo, hi }'; }

r=0
while [ "$r" -lt "$ROUNDS" ]; do
    timed "$dir/t1_tro" "$TRULYOPEN" hash -q "$dir/one/big.bin"
    timed "$dir/t1_ssl" openssl dgst -sha256 "$dir/one/big.bin"
    timed "$dir/t1_sum" sha256sum "$dir/one/big.bin"
    timed "$dir/t4_tro" "$TRULYOPEN" hash -q "$dir/four"
    timed "$dir/t4_ssl" openssl dgst -sha256 "$dir/four"/*.bin
    timed "$dir/t4_sum" sha256sum "$dir/four"/*.bin
    r=$((r + 1))
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# peak resident set of one run, in MiB
rss() {
    /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1 | awk '{ printf "%.1f", $1 / 1024 }'
}
rss1=$(rss "$TRULYOPEN" hash -q "$dir/one/big.bin")
rss4=$(rss "$TRULYOPEN" hash -q "$dir/four")
rss_ssl=$(rss openssl dgst -sha256 "$dir/one/big.bin")

cpus=$(nproc 2>/dev/null || echo 1)
# What the CPUs give in memory: SHA-256 of 1 MiB blocks, one process, then
# one per CPU.
speed() {
    openssl speed -seconds 2 -bytes 1048576 "$@" -evp sha256 2>/dev/null | tail -n 1 |
        awk '{ sub(/k$/, "", $2); printf "%.0f", $2 * 1000 / 1048576 }'
}
speed1=$(speed)
speedn=$(speed -multi "$cpus")

mibs() { awk -v b="$1" -v t="$2" 'BEGIN { printf "%.0f", b / 1048576 / t }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b / a }'; }
met() { awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t ? "met" : "NOT met") }'; }
bytes=536870912
for k in t1_tro t1_ssl t1_sum t4_tro t4_ssl t4_sum; do
    eval "$k=\$(median \"\$dir/$k\")"
done
r1=$(ratio "$t1_tro" "$t1_ssl")
r4=$(ratio "$t4_tro" "$t4_ssl")

echo
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'), $cpus online;" \
    "SHA-NI: $(grep -q -m1 sha_ni /proc/cpuinfo 2>/dev/null && echo yes || echo no)"
echo "load average before: $load_before; after: $load_after; medians of $ROUNDS rounds"
printf '%-26s %18s %18s %18s\n' "" "trulyopen" "openssl dgst" "sha256sum"
for k in 1 4; do
    [ $k = 1 ] && label="1 x 512 MiB" || label="4 x 128 MiB (others serial)"
    eval "a=\$t${k}_tro b=\$t${k}_ssl c=\$t${k}_sum"
    printf '%-26s %7ss %4s MiB/s %7ss %4s MiB/s %7ss %4s MiB/s\n' "$label" \
        "$a" "$(mibs $bytes "$a")" "$b" "$(mibs $bytes "$b")" "$c" "$(mibs $bytes "$c")"
done
echo "  (range of the rounds: trulyopen $(spread "$dir/t1_tro"), openssl $(spread "$dir/t1_ssl") one file;" \
    "trulyopen $(spread "$dir/t4_tro"), openssl $(spread "$dir/t4_ssl") four files)"
echo
echo "1 x 512 MiB: trulyopen = ${r1}x openssl dgst (target >= 1.15: $(met "$r1" 1.15))," \
    "$(ratio "$t1_tro" "$t1_sum")x sha256sum"
echo "4 x 128 MiB: trulyopen = ${r4}x openssl dgst run one after another (target >= 1.8: $(met "$r4" 1.8))," \
    "$(ratio "$t4_tro" "$t4_sum")x sha256sum"
echo "peak RSS: trulyopen ${rss1} MiB (one file), ${rss4} MiB (four files); openssl dgst ${rss_ssl} MiB" \
    "(target < 64: $(awk -v a="$rss1" -v b="$rss4" 'BEGIN { print (a < 64 && b < 64 ? "met" : "NOT met") }'))"
echo "openssl speed -evp sha256 (1 MiB blocks, in memory): ${speed1} MiB/s with 1 process," \
    "${speedn} MiB/s with $cpus ($(ratio "$speed1" "$speedn")x)"

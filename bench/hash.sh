#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Hashing throughput of `trulyopen hash` against sha256sum and
# `openssl dgst -sha256`, and trulyopen's peak memory. Not a test.
#
#   TRULYOPEN=./trulyopen sh bench/hash.sh      (or: make bench)
#
# Generates one 1 GiB file and eight 256 MiB files in a temporary folder
# (removed afterwards; set TMPDIR to choose where: 3 GiB free needed), reads
# them once so every tool starts with a warm page cache, then times each
# tool on the same files: the 1 GiB file alone, and the eight files (the
# other tools one after the other, as a script would run them; trulyopen
# with its default thread pool). Each timing is the best of RUNS (default 3).
# Targets: single file >= 0.9x openssl; eight files >= 1.7x openssl on 2
# cores; peak RSS < 64 MiB.
set -eu

TRULYOPEN=${TRULYOPEN:-./trulyopen}
RUNS=${RUNS:-3}
[ -x "$TRULYOPEN" ] || { echo "bench: $TRULYOPEN not built (set TRULYOPEN)" >&2; exit 2; }
for tool in sha256sum openssl /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "bench: $tool not found" >&2; exit 2; }
done

dir=$(mktemp -d "${TMPDIR:-/tmp}/trobench.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
mkdir "$dir/one" "$dir/eight"

echo "bench: generating 1 x 1 GiB and 8 x 256 MiB of random data in $dir"
head -c 1073741824 /dev/urandom >"$dir/one/big.bin"
for i in 1 2 3 4 5 6 7 8; do
    head -c 268435456 /dev/urandom >"$dir/eight/part-$i.bin"
done
cat "$dir/one/big.bin" "$dir/eight"/*.bin >/dev/null # warm the page cache

now() { date +%s.%N; }

# best SECONDS of RUNS runs of a command
best() {
    b=
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        s=$(now)
        "$@" >/dev/null
        e=$(now)
        b=$(awk -v s="$s" -v e="$e" -v b="$b" 'BEGIN { t = e - s; if (b == "" || t < b) b = t; printf "%.3f", b }')
        i=$((i + 1))
    done
    echo "$b"
}

# peak resident set of one run, in MiB
rss() {
    /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1 | awk '{ printf "%.1f", $1 / 1024 }'
}

mibs() { awk -v b="$1" -v t="$2" 'BEGIN { printf "%.0f", b / 1048576 / t }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b / a }'; }

one_bytes=1073741824
eight_bytes=2147483648
cpus=$(nproc 2>/dev/null || echo "?")

t1_tro=$(best "$TRULYOPEN" hash -q "$dir/one/big.bin")
t1_sum=$(best sha256sum "$dir/one/big.bin")
t1_ssl=$(best openssl dgst -sha256 "$dir/one/big.bin")
t8_tro=$(best "$TRULYOPEN" hash -q "$dir/eight")
t8_sum=$(best sha256sum "$dir/eight"/*.bin)
t8_ssl=$(best openssl dgst -sha256 "$dir/eight"/*.bin)
rss1=$(rss "$TRULYOPEN" hash -q "$dir/one/big.bin")
rss8=$(rss "$TRULYOPEN" hash -q "$dir/eight")
# What the CPUs give right now (other load on the machine shows here): SHA-256
# of 1 MiB blocks in memory, one process, then one per CPU.
speed() {
    openssl speed -seconds 2 -bytes 1048576 "$@" -evp sha256 2>/dev/null | tail -n 1 |
        awk '{ sub(/k$/, "", $2); printf "%.0f", $2 * 1000 / 1048576 }'
}
speed1=$(speed)
speedn=$(speed -multi "$cpus")

echo
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'), $cpus online;" \
    "SHA-NI: $(grep -q -m1 sha_ni /proc/cpuinfo 2>/dev/null && echo yes || echo no); best of $RUNS runs"
printf '%-28s %10s %10s %10s\n' "" "trulyopen" "sha256sum" "openssl"
printf '%-28s %7s MiB/s %5s MiB/s %5s MiB/s\n' "1 x 1 GiB" \
    "$(mibs $one_bytes "$t1_tro")" "$(mibs $one_bytes "$t1_sum")" "$(mibs $one_bytes "$t1_ssl")"
printf '%-28s %7s MiB/s %5s MiB/s %5s MiB/s\n' "8 x 256 MiB (others: serial)" \
    "$(mibs $eight_bytes "$t8_tro")" "$(mibs $eight_bytes "$t8_sum")" "$(mibs $eight_bytes "$t8_ssl")"
echo
echo "1 x 1 GiB:   trulyopen ${t1_tro}s = $(ratio "$t1_tro" "$t1_ssl")x openssl (target >= 0.9)," \
    "$(ratio "$t1_tro" "$t1_sum")x sha256sum"
echo "8 x 256 MiB: trulyopen ${t8_tro}s = $(ratio "$t8_tro" "$t8_ssl")x openssl (target >= 1.7)," \
    "$(ratio "$t8_tro" "$t8_sum")x sha256sum"
echo "peak RSS of trulyopen: ${rss1} MiB (1 GiB file), ${rss8} MiB (eight files) (target < 64)"
echo "openssl speed sha256 in memory: ${speed1} MiB/s with 1 process, ${speedn} MiB/s with $cpus" \
    "($(ratio "$speed1" "$speedn")x: the parallelism available)"

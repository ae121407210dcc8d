#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Licence benchmark (not a test): texts identified per second over the corpus
# licence texts, without and with reference texts, and expressions per second.
#   bench/license.sh [BUILD_DIR] [TEXT_DIR] [LICENSE_DIR]
# With BASELINE=OTHER_BUILD_DIR (another build of trulyopen, such as one of
# an earlier commit), that build's bench/license_bench runs on the same texts
# in the same run, and the ratio of processor time a text is printed: on a
# machine other jobs share, processor time is the figure to compare.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here}
texts=${2:-$here/../shared/corpus/licenses}
refs=${3:-/usr/share/common-licenses}
[ -d "$texts" ] || { echo "no licence texts at $texts (give TEXT_DIR)" >&2; exit 2; }
run() { # BUILD: prints its figures
    bin="$1/bench/license_bench"
    [ -x "$bin" ] || make -C "$1" bench/license_bench >/dev/null
    if [ -d "$refs" ]; then "$bin" "$texts" "$refs"; else "$bin" "$texts"; fi
}
echo "texts: $texts ($(ls "$texts" | grep -vc '\.tsv$') files)"
run "$build" | tee "${TMPDIR:-/tmp}/license-bench.$$"
if [ -n "${BASELINE:-}" ]; then
    echo "baseline: $BASELINE"
    run "$BASELINE" | tee "${TMPDIR:-/tmp}/license-bench-base.$$"
    for what in "(no reference texts)" "(with --license-dir)" "classify (parse"; do
        new=$(grep -F "$what" "${TMPDIR:-/tmp}/license-bench.$$" | sed -n 's/.*; \([0-9.]*\) us processor.*/\1/p')
        old=$(grep -F "$what" "${TMPDIR:-/tmp}/license-bench-base.$$" | sed -n 's/.*; \([0-9.]*\) us processor.*/\1/p')
        [ -n "$new" ] && [ -n "$old" ] &&
            awk -v n="$new" -v o="$old" -v w="$what" 'BEGIN { printf "%s: %.2f us each, baseline %.2f us: %.2fx\n", w, n, o, n / o }'
    done
fi
rm -f "${TMPDIR:-/tmp}/license-bench.$$" "${TMPDIR:-/tmp}/license-bench-base.$$"

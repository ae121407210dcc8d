#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Cards checked per second, against Python's libyaml parsing only the same
# cards' front matter, in the same run. One thread, no hashing, a catalog
# (made here from the corpus's dataset cards) resolving declared datasets.
# Two more figures in the same run put the card's body in the picture: the
# Markdown body alone parsed by cmark-gfm (C, through ctypes, no judging),
# and what a Python script reading the whole card would do (the front
# matter with libyaml, the body with python3-markdown).
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
havepy=no havemd=no
if [ -x "$py" ] && "$py" -c 'import yaml; yaml.CSafeLoader' 2>/dev/null; then
    havepy=yes
    cat >"$T/fm.py" <<'PYEOF'
import ctypes, ctypes.util, os, sys, time, yaml
d, secs, mode = sys.argv[1], float(sys.argv[2]), sys.argv[3]
parts = []
for n in sorted(os.listdir(d)):
    if not n.endswith('.md'):
        continue
    t = open(os.path.join(d, n), encoding='utf-8', errors='replace').read().lstrip('\ufeff')
    e = t.find('\n---', 4) if t.startswith('---\n') else -1
    parts.append((t[4:e], t[e + 4:]) if e > 0 else ('', t))

def front(p):
    try:
        yaml.load(p[0], Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        pass

if mode == 'fm':
    one = front
elif mode == 'md':
    import markdown
    md = markdown.Markdown(extensions=['tables'])
    def one(p):
        front(p)
        md.reset()
        md.convert(p[1])
else:  # cmark: the body only, in C
    name = ctypes.util.find_library('cmark-gfm')
    if not name:
        print(0)
        sys.exit(0)
    lib, libc = ctypes.CDLL(name), ctypes.CDLL(None)
    lib.cmark_markdown_to_html.restype = ctypes.c_void_p
    lib.cmark_markdown_to_html.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int]
    libc.free.argtypes = [ctypes.c_void_p]
    parts = [(None, p[1].encode()) for p in parts]
    def one(p):
        libc.free(lib.cmark_markdown_to_html(p[1], len(p[1]), 0))
t0, done = time.perf_counter(), 0
while time.perf_counter() - t0 < secs:
    for p in parts:
        one(p)
        done += 1
print('%.0f' % (done / (time.perf_counter() - t0)))
PYEOF
    "$py" -c 'import markdown' 2>/dev/null && havemd=yes
fi
best() { [ "$2" -gt "$1" ] && echo "$2" || echo "$1"; }
rate=0 jrate=0 prate=0 crate=0 mrate=0
slice=$(awk -v s="$secs" 'BEGIN { printf "%.2f", s / 5 }')
for i in 1 2 3 4 5; do
    out=$("$prog" "$cards" "$T/catalog" "$slice" 0)
    rate=$(best "$rate" "$(echo "$out" | sed -n 's/^check: .*: \([0-9]*\) cards\/s$/\1/p')")
    jrate=$(best "$jrate" "$(echo "$out" | sed -n 's/^check + JSON report: .*: \([0-9]*\) cards\/s$/\1/p')")
    if [ $havepy = yes ]; then
        prate=$(best "$prate" "$("$py" "$T/fm.py" "$cards" "$slice" fm)")
        crate=$(best "$crate" "$("$py" "$T/fm.py" "$cards" "$slice" cmark)")
        [ $havemd = yes ] && mrate=$(best "$mrate" "$("$py" "$T/fm.py" "$cards" "$slice" md)")
    fi
done
echo "trulyopen check (one thread, no hashing, catalog): $rate cards/s; with the JSON report: $jrate cards/s"
"$prog" "$cards" "$T/catalog" 0.01 100000 | grep '^memory'
if [ $havepy = yes ]; then
    echo "python3 yaml.load(CSafeLoader), front matter only: $prate cards/s"
    awk -v a="$rate" -v j="$jrate" -v p="$prate" 'BEGIN {
        printf "ratio: check %.1fx, check + JSON %.1fx the Python YAML-only rate\n", a / p, j / p }'
    if [ "$crate" -gt 0 ]; then
        echo "cmark-gfm (C) parsing only the Markdown body, no judging: $crate cards/s"
        awk -v a="$rate" -v c="$crate" -v p="$prate" 'BEGIN {
            printf "ratio: check %.2fx the cmark-gfm body-only rate, which is %.1fx the Python YAML-only rate\n", a / c, c / p }'
    fi
    if [ "$mrate" -gt 0 ]; then
        echo "python3 front matter (libyaml) + Markdown body (python3-markdown): $mrate cards/s"
        awk -v a="$rate" -v m="$mrate" 'BEGIN {
            printf "ratio: check %.1fx the Python whole-card rate\n", a / m }'
    fi
else
    echo "no /usr/bin/python3 with python3-yaml (CSafeLoader): no comparison"
fi

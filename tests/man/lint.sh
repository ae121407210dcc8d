#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Every man page passes `mandoc -Tlint` without a warning or error, and
# without style messages except for references to pages this machine lacks;
# every page trulyopen's pages refer to (.Xr) exists in man/; every public
# function of the headers is documented in a SYNOPSIS and reachable by its
# name through the links make install writes (man/mlinks.sh).
set -u
: "${top_srcdir:?}"
MANDOC=${MANDOC:-mandoc}
if ! command -v "$MANDOC" >/dev/null 2>&1; then
    echo "lint: mandoc not found: skip"
    exit 77
fi
man=$top_srcdir/man
T=$(mktemp -d "${TMPDIR:-/tmp}/trolint.XXXXXX")
trap 'rm -rf "$T"' EXIT
failures=0
checks=0
fail() { failures=$((failures + 1)); echo "FAIL: $*" >&2; }

pages=$(ls "$man"/*.[1-9] 2>/dev/null)
[ -n "$pages" ] || { echo "lint: no pages in $man"; exit 1; }

for page in $pages; do
    checks=$((checks + 1))
    # -Wstyle: everything down to style; the Xr lookups depend on what this
    # machine has installed, so they are left to the check below.
    "$MANDOC" -Tlint -Wstyle "$page" 2>&1 |
        grep -v 'STYLE: referenced manual not found' |
        grep -v 'mandoc.db lacks' >"$T/lint"
    if [ -s "$T/lint" ]; then
        fail "$(basename "$page"):"
        sed 's/^/  /' "$T/lint" >&2
    fi
    # Pages of this project must exist; others are the system's business.
    awk '/^\.Xr / {print $2 "." $3}' "$page" | sed 's/[ ,.]*$//' |
        sed -n '/^\(tro_\|libtrulyopen\|trulyopen\)/p' | sort -u >"$T/xr"
    while read -r ref; do
        checks=$((checks + 1))
        target=$ref
        [ -f "$man/$target" ] && continue
        # A function documented in another page is reached by its link.
        sh "$man/mlinks.sh" "$man"/*.3 | awk -v l="$target" '$2 == l {f = 1} END {exit !f}' ||
            fail "$(basename "$page"): .Xr to $ref: no such page or link"
    done <"$T/xr"
done

# Every TRO_API function of the public headers is in the NAME and SYNOPSIS
# of exactly one section-3 page.
sed -n 's/.*TRO_API[^(]*[ *]\(tro_[a-z0-9_]*\)(.*/\1/p' "$top_srcdir"/include/trulyopen/*.h |
    LC_ALL=C sort -u >"$T/api"
[ -s "$T/api" ] || fail "no TRO_API function found in the headers"
sh "$man/mlinks.sh" "$man"/*.3 >"$T/links"
for f in $(cat "$T/api"); do
    checks=$((checks + 1))
    named=$(grep -l "^\.Nm $f\( ,\)\{0,1\}\$" "$man"/*.3 | wc -l)
    [ "$named" -eq 1 ] || fail "$f: named in $named section-3 pages, expected 1"
    grep -q "^\.\(Fn\|Fo\) $f\( \|\$\)" "$man"/*.3 || fail "$f: in no SYNOPSIS (.Fn or .Fo)"
    [ -f "$man/$f.3" ] || grep -q " $f.3\$" "$T/links" || fail "$f: no page and no link"
done

echo "lint.sh: $(echo "$pages" | wc -l) pages, $(wc -l <"$T/api") functions; $checks checks, $failures failed"
[ "$failures" -eq 0 ]

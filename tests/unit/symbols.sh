#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# The shared library exports exactly the symbols of tests/unit/symbols.txt,
# each with the version of the node it is listed under (TRULYOPEN_0.1...),
# all with the tro_ prefix; and the list names exactly the functions the
# public headers declare with TRO_API.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
list=$top_srcdir/tests/unit/symbols.txt
T=$(mktemp -d "${TMPDIR:-/tmp}/trosym.XXXXXX")
trap 'rm -rf "$T"' EXIT
status=0

# The list as "name@@NODE" lines, sorted.
awk '{ sub(/#.*/, "") } NF == 0 { next } /^@/ { node = substr($1, 2); next }
     { print $1 "@@" node }' "$list" | LC_ALL=C sort >"$T/listed"
sed 's/@@.*//' "$T/listed" >"$T/listed.names"

# Declared in the headers: every TRO_API function name.
cat "$top_srcdir"/include/trulyopen.h "$top_srcdir"/include/trulyopen/*.h |
    tr '\n' ' ' | sed 's/;/;\n/g' | grep 'TRO_API' |
    sed -n 's/.*[^A-Za-z0-9_]\(tro_[A-Za-z0-9_]*\) *(.*/\1/p' | LC_ALL=C sort -u >"$T/declared"
if ! cmp -s "$T/declared" "$T/listed.names"; then
    echo "the headers' TRO_API functions differ from tests/unit/symbols.txt (< declared, > listed):"
    diff "$T/declared" "$T/listed.names"
    status=1
fi

lib=$(ls "$top_builddir"/.libs/libtrulyopen.so.*.*.* 2>/dev/null | head -n 1)
if [ -z "$lib" ]; then
    echo "symbols: no shared library built (static-only build?): only the headers checked"
    [ $status -eq 0 ] && exit 77
    exit $status
fi
# nm -D prints "name@@NODE" for a versioned definition, "name" otherwise;
# the nodes themselves are absolute symbols (A).
${NM:-nm} -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' | LC_ALL=C sort >"$T/exported"
bad=$(grep -v '^tro_' "$T/exported")
if [ -n "$bad" ]; then
    echo "symbols without the tro_ prefix are exported:"; echo "$bad"; status=1
fi
want=$T/listed
if ! grep -q '@@' "$T/exported"; then
    echo "symbols: the library carries no symbol versions (a linker without --version-script)"
    want=$T/listed.names
fi
if ! cmp -s "$want" "$T/exported"; then
    echo "exported symbols differ from tests/unit/symbols.txt (< listed, > exported):"
    diff "$want" "$T/exported"
    status=1
fi
[ $status -eq 0 ] && echo "symbols: $(wc -l <"$T/exported") exported, all listed with their version"
exit $status

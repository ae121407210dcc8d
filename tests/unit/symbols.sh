#!/bin/sh
# The shared library exports exactly the symbols in tests/unit/symbols.txt,
# and every one of them carries the tro_ prefix.
lib=$(ls "$top_builddir"/.libs/libtrulyopen.so.*.*.* 2>/dev/null | head -n 1)
if [ -z "$lib" ]; then
    echo "symbols: no shared library built (static-only build?): skip"
    exit 77
fi
actual=$(${NM:-nm} -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' | LC_ALL=C sort)
expected=$(LC_ALL=C sort "$top_srcdir/tests/unit/symbols.txt")
status=0
bad=$(printf '%s\n' "$actual" | grep -v '^tro_' || true)
if [ -n "$bad" ]; then
    echo "symbols without the tro_ prefix are exported:"; echo "$bad"; status=1
fi
if [ "$actual" != "$expected" ]; then
    echo "exported symbols differ from tests/unit/symbols.txt (< expected, > actual):"
    printf '%s\n' "$expected" > symbols.expected.$$
    printf '%s\n' "$actual" > symbols.actual.$$
    diff symbols.expected.$$ symbols.actual.$$
    rm -f symbols.expected.$$ symbols.actual.$$
    status=1
fi
[ $status -eq 0 ] && echo "symbols: $(printf '%s\n' "$actual" | wc -l) exported, all listed"
exit $status

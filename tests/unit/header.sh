#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# The public header compiles on its own as strict C99 and as C++.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#include <trulyopen.h>\nint main(void) { return tro_version_number() > 0 ? 0 : 1; }\n' > "$tmp/t.c"
${CC:-cc} -std=c99 -pedantic -Wall -Wextra -Werror -I"$top_srcdir/include" -c "$tmp/t.c" -o "$tmp/t.o" || {
    echo "header: does not compile alone as C99"; exit 1; }
if command -v c++ >/dev/null 2>&1; then
    cp "$tmp/t.c" "$tmp/t.cc"
    c++ -std=c++11 -pedantic -Wall -Wextra -Werror -I"$top_srcdir/include" -c "$tmp/t.cc" -o "$tmp/t2.o" || {
        echo "header: does not compile as C++"; exit 1; }
fi
# The sub-headers refuse to be included directly.
printf '#include <trulyopen/common.h>\n' > "$tmp/u.c"
if ${CC:-cc} -I"$top_srcdir/include" -c "$tmp/u.c" -o "$tmp/u.o" 2>/dev/null; then
    echo "header: trulyopen/common.h compiled without the umbrella header"; exit 1
fi
echo "header: compiles alone (C99 -pedantic, C++11)"

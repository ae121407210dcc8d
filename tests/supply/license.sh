#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# trulyopen's own licence, as its own commands read it: LICENSE is
# identified as Apache-2.0, free; `trulyopen check` on the source tree
# finds that licence and does not say license-missing.
. "$top_srcdir/tests/cli/lib.sh"
run 0 "$TRULYOPEN" license --file "$top_srcdir/LICENSE" -f json
has "$T/out" '"expression": "Apache-2.0"'
has "$T/out" '"free": true'
run 0 "$TRULYOPEN" license --file "$top_srcdir/LICENSE"
has "$T/out" "expression:        Apache-2.0"
# -f is --format: a file name given to it is refused with a hint.
run 2 "$TRULYOPEN" license -f "$top_srcdir/LICENSE"
has "$T/err" "a licence file is given with --file FILE"
"$TRULYOPEN" check -q --no-hash -f json -o "$T/self.json" "$top_srcdir" >/dev/null 2>&1
checks=$((checks + 1))
[ -s "$T/self.json" ] || fail "check of the source tree wrote no report"
has "$T/self.json" '"source": "license-file"'
has "$T/self.json" '"path": "LICENSE"'
has "$T/self.json" '"expression": "Apache-2.0"'
lacks "$T/self.json" '"code": "license-missing"'
finish

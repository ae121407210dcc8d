#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Debian's /usr/share/common-licenses texts are free licences: each must be
# identified (not unknown) and come out free, without reference texts: the
# clause detector must not mistake their wording (GPL-2's "noncommercial
# distribution", Apache's "commercial damages") for restrictions. With the
# directory as reference texts, each must match itself at a score of 1.
set -u
dir=/usr/share/common-licenses
[ -d "$dir" ] || { echo "$dir absent: skip"; exit 77; }
status=0 n=0
for f in "$dir"/*; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    out=$("$TRULYOPEN" license --file "$f") || { echo "FAIL: $f: exit $?"; status=1; continue; }
    expr=$(printf '%s\n' "$out" | sed -n 's/^expression: *//p')
    free=$(printf '%s\n' "$out" | sed -n 's/^free: *//p')
    printf '%-12s %-20s free=%s\n' "$(basename "$f")" "$expr" "$free"
    case $expr in LicenseRef-trulyopen-custom|LicenseRef-trulyopen-unknown|"") echo "FAIL: $f not identified"; status=1 ;; esac
    [ "$free" = yes ] || { echo "FAIL: $f not free:"; printf '%s\n' "$out"; status=1; }
    out=$("$TRULYOPEN" license --file "$f" --license-dir "$dir") || { echo "FAIL: $f with --license-dir"; status=1; continue; }
    printf '%s\n' "$out" | grep -q "template: closest reference text .*: score 1.000" \
        || { echo "FAIL: $f does not match itself:"; printf '%s\n' "$out" | grep template; status=1; }
done
echo "$n texts checked"
exit $status

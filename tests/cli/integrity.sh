#!/bin/sh
# hash and verify never leave out what they cannot name or read: a file name
# that is not UTF-8 is recorded with its bytes escaped, and a file that
# cannot be read makes hash fail (2) and verify fail (1), naming it.
. "$top_srcdir/tests/cli/lib.sh"

r="$T/release"
mkdir -p "$r"
printf 'abc' >"$r/ok.txt"
printf 'abc' >"$r/bad$(printf '\377').txt"
printf 'abc' >"$r/lit\\xff.txt" # a backslash, then "xff": a name of its own

run 0 "$TRULYOPEN" hash -o "$T/m.json" "$r"
lines "$T/err" 0
has "$T/m.json" "{\"path\": \"bad\\\\xff.txt\", \"size\": 3, \"sha256\": \"$(sha256_of "$r/ok.txt")\""
has "$T/m.json" '"path": "lit\\\\xff.txt"'
run 0 "$TRULYOPEN" verify "$r" "$T/m.json"
has "$T/err" "all 3 artifacts match"

# extra content under a name that is not UTF-8 is seen
printf 'x' >"$r/new$(printf '\376\200').bin"
run 1 "$TRULYOPEN" verify -q "$r" "$T/m.json"
has "$T/out" 'extra new\xfe\x80.bin'
lines "$T/out" 1
rm "$r/new$(printf '\376\200').bin"
printf 'xyz' >"$r/bad$(printf '\377').txt"
run 1 "$TRULYOPEN" verify -q "$r" "$T/m.json"
has "$T/out" 'changed bad\xff.txt: sha256 '

# a file that cannot be read, even by root: its path is longer than PATH_MAX
printf 'abc' >"$r/bad$(printf '\377').txt"
long=nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn
long="$long$long"
"${PYTHON3:-python3}" - "$r" "$long" <<'EOF' || fail "making the deep file"
import os, sys
os.chdir(sys.argv[1])
for _ in range(24):  # one level at a time: no path given is too long
    os.mkdir(sys.argv[2])
    os.chdir(sys.argv[2])
with open("deep.txt", "w") as f:
    f.write("abc")
EOF
run 2 "$TRULYOPEN" hash -o "$T/m2.json" "$r"
has "$T/err" "trulyopen: $long/"
has "$T/err" ": error: File name too long"
has "$T/err" "not all of the release could be read, and a manifest would leave out what was not"
checks=$((checks + 1))
[ ! -e "$T/m2.json" ] || fail "a manifest was written"
run 2 "$TRULYOPEN" hash -q "$r"
lines "$T/out" 0
has "$T/err" "a manifest would leave out what was not"

# verify: the manifest made before, without the deep file, no longer matches
run 1 "$TRULYOPEN" verify -q "$r" "$T/m.json"
has "$T/out" "unreadable $long/"
has "$T/out" ": File name too long"
lines "$T/out" 1
run 1 "$TRULYOPEN" verify "$r" "$T/m.json"
has "$T/err" "1 difference from"

finish

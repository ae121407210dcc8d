#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# trulyopen verify: differences, exit codes, LFS pointers, bad manifests.
. "$top_srcdir/tests/cli/lib.sh"

r="$T/release"
mkdir -p "$r/w"
printf 'abc' >"$r/w/a.bin"
printf 'keep' >"$r/keep.txt"
printf 'gone' >"$r/gone.txt"
printf -- '---\nlicense: mit\n---\n' >"$r/README.md"
"$TRULYOPEN" hash -q -o "$T/m.json" "$r" || fail "hash failed"

# identical: exit 0, nothing on stdout
run 0 "$TRULYOPEN" verify "$r" "$T/m.json"
lines "$T/out" 0
has "$T/err" "trulyopen: $r: all 4 artifacts match $T/m.json"
run 0 "$TRULYOPEN" verify -q -j 3 "$r" "$T/m.json"
lines "$T/err" 0
# the manifest from standard input
checks=$((checks + 1))
"$TRULYOPEN" verify -q "$r" - <"$T/m.json" >/dev/null 2>&1 || fail "verify from stdin"

# different: one line per difference, sorted by path, exit 1
printf 'abd' >"$r/w/a.bin"
printf 'new' >"$r/new.txt"
rm "$r/gone.txt"
run 1 "$TRULYOPEN" verify "$r" "$T/m.json"
lines "$T/out" 3
has "$T/out" 'missing gone.txt'
has "$T/out" 'extra new.txt'
has "$T/out" "changed w/a.bin: sha256 $(printf abc | sha256sum | cut -d' ' -f1) != $(sha256_of "$r/w/a.bin")"
checks=$((checks + 1))
[ "$(cut -d' ' -f2 "$T/out" | tr -d :)" = "$(printf 'gone.txt\nnew.txt\nw/a.bin')" ] \
    || fail "differences not sorted by path"
has "$T/err" "3 differences from $T/m.json"
run 1 "$TRULYOPEN" verify -q "$r" "$T/m.json"
lines "$T/out" 3
lines "$T/err" 0
printf 'abcd' >"$r/w/a.bin"
run 1 "$TRULYOPEN" verify -q "$r" "$T/m.json"
has "$T/out" 'changed w/a.bin: size 3 != 4, sha256 '

# the same options as when hashing: ignored files are not "extra"
rm "$r/new.txt"
printf 'abc' >"$r/w/a.bin"
printf 'gone' >"$r/gone.txt"
printf 'x' >"$r/scratch.tmp"
run 1 "$TRULYOPEN" verify -q "$r" "$T/m.json"
has "$T/out" 'extra scratch.tmp'
run 0 "$TRULYOPEN" verify -q --ignore '*.tmp' "$r" "$T/m.json"

# Git LFS: a clone without LFS content and the downloaded files verify
# against each other's manifests, in both directions
clone="$T/clone"
full="$T/full"
mkdir -p "$clone" "$full"
head -c 100000 /dev/zero | tr '\0' 'w' >"$full/model.safetensors"
printf 'card' >"$full/README.md"
cp "$full/README.md" "$clone/README.md"
printf 'version https://git-lfs.github.com/spec/v1\noid sha256:%s\nsize %s\n' \
    "$(sha256_of "$full/model.safetensors")" 100000 >"$clone/model.safetensors"
"$TRULYOPEN" hash -q -o "$T/clone.json" "$clone"
"$TRULYOPEN" hash -q -o "$T/full.json" "$full"
has "$T/clone.json" '"lfs": {"oid": "'
run 0 "$TRULYOPEN" verify "$full" "$T/clone.json"
lines "$T/out" 0
run 0 "$TRULYOPEN" verify "$clone" "$T/full.json"
has "$T/err" 'warning: content not present: Git LFS pointer to 100000 bytes'
printf 'W' | dd of="$full/model.safetensors" bs=1 seek=500 conv=notrunc 2>/dev/null
run 1 "$TRULYOPEN" verify -q "$full" "$T/clone.json"
has "$T/out" 'changed model.safetensors: sha256 '
has "$T/out" '(the manifest records an LFS pointer)'

# an archive of the release verifies against the folder's manifest, with
# the same ignore rules
(cd "$T" && tar czf release.tar.gz release)
run 1 "$TRULYOPEN" verify -q "$T/release.tar.gz" "$T/m.json"
has "$T/out" 'extra scratch.tmp'
lines "$T/out" 1
run 0 "$TRULYOPEN" verify -q --ignore '*.tmp' "$T/release.tar.gz" "$T/m.json"

# malformed manifests: exit 2, "trulyopen: MANIFEST: what at byte N",
# reported before the release is scanned
printf '{"format": "trulyopen-manifest", "format_version": 1, "artifacts": [' >"$T/cut.json"
run 2 "$TRULYOPEN" verify "$r" "$T/cut.json"
has "$T/err" "trulyopen: $T/cut.json: unexpected end of the text at byte 68"
lines "$T/out" 0
printf '{"format": "trulyopen-manifest", "format_version": 1, "artifacts": [{"path": "a", "size": -3, "sha256": "x"}]}' >"$T/neg.json"
run 2 "$TRULYOPEN" verify "$r" "$T/neg.json"
has "$T/err" 'artifacts[0].size: expected a whole number at byte 90'
printf '{"format": "trulyopen-manifest", "format_version": 7, "artifacts": []}' >"$T/new.json"
run 2 "$TRULYOPEN" verify "$r" "$T/new.json"
has "$T/err" 'format_version 7 is newer'
printf '{"hello": "world"}' >"$T/other.json"
run 2 "$TRULYOPEN" verify "$r" "$T/other.json"
has "$T/err" 'not a trulyopen manifest'
printf '' >"$T/empty.json"
run 2 "$TRULYOPEN" verify "$r" "$T/empty.json"
has "$T/err" 'at byte 0'
head -c 3000 /dev/urandom >"$T/random.json"
run 2 "$TRULYOPEN" verify "$r" "$T/random.json"
run 2 "$TRULYOPEN" verify "$r" "$T/none.json"
has "$T/err" "trulyopen: $T/none.json: No such file or directory"
run 2 "$TRULYOPEN" verify "$T/nowhere" "$T/m.json"
has "$T/err" "trulyopen: $T/nowhere: No such file or directory"

# usage
run 2 "$TRULYOPEN" verify "$r"
has "$T/err" 'expected PATH and MANIFEST'
run 2 "$TRULYOPEN" verify --output x "$r" "$T/m.json"
has "$T/err" "unknown option '--output'"
run 0 "$TRULYOPEN" verify --help
for opt in --jobs --quiet --ignore --no-default-ignores --help missing extra changed 'Exit status'; do
    has "$T/out" "$opt"
done

finish

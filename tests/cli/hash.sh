#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# trulyopen hash: manifests of folders and files, options, errors, warnings.
. "$top_srcdir/tests/cli/lib.sh"

r="$T/release"
mkdir -p "$r/weights/sub" "$r/.git" "$r/cache" "$r/docs"
printf -- '---\nlicense: apache-2.0\n---\n# A model\n' >"$r/README.md"
printf 'abc' >"$r/weights/a.bin"
printf 'nested' >"$r/weights/sub/b.bin"
printf '[core]\n' >"$r/.git/config"
printf 'tmp' >"$r/scratch.tmp"
printf 'c' >"$r/cache/c.bin"
printf 'd' >"$r/docs/notes.md"
ln -s weights/a.bin "$r/alias.bin"
ln -s /etc/passwd "$r/escape"
ln -s missing "$r/dangling"
mkfifo "$r/pipe"
printf 'version https://git-lfs.github.com/spec/v1\noid sha256:%s\nsize 1048576\n' \
    4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393 >"$r/big.safetensors"

# the manifest on stdout; a FIFO in the tree must not block
run 0 timeout 60 "$TRULYOPEN" hash "$r"
cp "$T/out" "$T/m1.json"
has "$T/out" '"format": "trulyopen-manifest"'
has "$T/out" '"format_version": 1'
has "$T/out" '"tool": "trulyopen '
has "$T/out" "{\"path\": \"weights/a.bin\", \"size\": 3, \"sha256\": \"$(sha256_of "$r/weights/a.bin")\", \"type\": \"other\"}"
has "$T/out" "{\"path\": \"alias.bin\", \"size\": 3,"
has "$T/out" '"type": "model-card"'
has "$T/out" '"lfs": {"oid": "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393", "size": 1048576}'
lacks "$T/out" '.git'
lacks "$T/out" "$T"
lacks "$T/out" '"escape"'
lacks "$T/out" '"pipe"'
"${PYTHON3:-python3}" -c 'import json,sys; m=json.load(open(sys.argv[1])); assert [a["path"] for a in m["artifacts"]] == sorted(a["path"] for a in m["artifacts"])' "$T/out" \
    || fail "the manifest is not JSON sorted by path"
# warnings on stderr, one line each, as "trulyopen: PATH: warning: message"
has "$T/err" 'trulyopen: escape: warning: symbolic link points outside the release; not followed'
has "$T/err" 'trulyopen: dangling: warning: symbolic link does not resolve'
has "$T/err" 'trulyopen: pipe: warning: a named pipe, not a regular file; skipped'
has "$T/err" 'trulyopen: big.safetensors: warning: content not present: Git LFS pointer to 1048576 bytes'
lines "$T/err" 4
# never a progress bar when stderr is not a terminal
lacks "$T/err" "$(printf '\r')"

# byte-identical for the same content, whatever the thread count
run 0 "$TRULYOPEN" hash -j 1 -q "$r"
same "$T/out" "$T/m1.json"
lines "$T/err" 0
run 0 "$TRULYOPEN" hash --jobs 4 --quiet "$r"
same "$T/out" "$T/m1.json"

# -o writes the file, nothing on stdout
run 0 "$TRULYOPEN" hash -q -o "$T/m2.json" "$r"
same "$T/m2.json" "$T/m1.json"
lines "$T/out" 0
run 0 "$TRULYOPEN" hash -q "$r" --output "$T/m3.json"
same "$T/m3.json" "$T/m1.json"

# ignore patterns: globs on the path and on the name; '/' means folders only
run 0 "$TRULYOPEN" hash -q --ignore '*.tmp' --ignore 'cache/' --ignore 'docs/*.md' "$r"
lacks "$T/out" 'scratch.tmp'
lacks "$T/out" 'cache/c.bin'
lacks "$T/out" 'docs/notes.md'
has "$T/out" 'weights/sub/b.bin'
run 0 "$TRULYOPEN" hash -q --ignore 'sub' "$r"
lacks "$T/out" 'weights/sub/b.bin'
run 0 "$TRULYOPEN" hash -q --no-default-ignores "$r"
has "$T/out" '"path": ".git/config"'

# a single file: one artifact named by its basename
run 0 "$TRULYOPEN" hash "$r/weights/sub/b.bin"
has "$T/out" "{\"path\": \"b.bin\", \"size\": 6, \"sha256\": \"$(sha256_of "$r/weights/sub/b.bin")\""
lines "$T/err" 0

# errors: "trulyopen: PATH: message", exit 2
run 2 "$TRULYOPEN" hash "$T/does-not-exist"
has "$T/err" "trulyopen: $T/does-not-exist: No such file or directory"
lines "$T/out" 0
run 2 "$TRULYOPEN" hash "$r/pipe"
has "$T/err" 'not a regular file or directory'
run 2 "$TRULYOPEN" hash -q -o "$T/no/such/dir/m.json" "$r"
has "$T/err" "trulyopen: $T/no/such/dir/m.json: cannot create"
run 2 "$TRULYOPEN" hash
has "$T/err" 'expected one PATH'
run 2 "$TRULYOPEN" hash "$r" "$r"
run 2 "$TRULYOPEN" hash --frobnicate "$r"
has "$T/err" "unknown option '--frobnicate'"
run 2 "$TRULYOPEN" hash -j 0 "$r"
has "$T/err" '--jobs: expected a number from 1 to 256'
run 2 "$TRULYOPEN" hash -j many "$r"
run 2 "$TRULYOPEN" hash "$r" -j
has "$T/err" "needs a value"

# help documents every option and the exit codes
run 0 "$TRULYOPEN" hash --help
for opt in --output --jobs --quiet --ignore --no-default-ignores --help 'Exit status'; do
    has "$T/out" "$opt"
done
run 0 "$TRULYOPEN" help hash
has "$T/out" 'Usage: trulyopen hash'
run 0 "$TRULYOPEN" --help
has "$T/out" 'hash'
has "$T/out" 'verify'

# on a terminal (script(1) provides one) a long hash shows a progress bar on
# stderr, erased at the end; --quiet hides it
if command -v script >/dev/null 2>&1 && command -v truncate >/dev/null 2>&1; then
    mkdir "$T/tty"
    truncate -s 2G "$T/tty/zeros.bin" # holes: read as zeros, without disk I/O
    script -qec "'$TRULYOPEN' hash --hash-sparse -j 1 -o '$T/tty.json' '$T/tty'" /dev/null >"$T/tty.out" 2>&1 \
        || fail "hash on a terminal"
    has "$T/tty.json" '"size": 2147483648'
    has "$T/tty.out" 'ETA'
    has "$T/tty.out" ' / 2.0 GiB'
    has "$T/tty.out" 'MiB/s'
    has "$T/tty.out" "$(printf '\r\033[K')"
    script -qec "'$TRULYOPEN' hash --hash-sparse -q -j 1 -o '$T/tty.json' '$T/tty'" /dev/null >"$T/tty.out" 2>&1
    lacks "$T/tty.out" 'ETA'
    rm -r "$T/tty"
fi

# a sparse file is not hashed unless --hash-sparse: an error, exit 1, no manifest
if command -v truncate >/dev/null 2>&1; then
    mkdir "$T/sparse"
    printf 'card\n' >"$T/sparse/README.md"
    truncate -s 32M "$T/sparse/weights.bin"
    run 1 "$TRULYOPEN" hash -o "$T/sparse.json" "$T/sparse"
    has "$T/err" 'trulyopen: weights.bin: error: sparse file: 33554432 bytes, of which'
    has "$T/err" '1 file could not be hashed (changed while read, or sparse); no manifest written'
    [ ! -e "$T/sparse.json" ] || fail "a manifest was written despite a sparse file"
    run 0 "$TRULYOPEN" hash --hash-sparse "$T/sparse"
    has "$T/out" "\"sha256\": \"$(head -c 33554432 /dev/zero | sha256_of /dev/stdin)\""
    lines "$T/err" 0
fi

# the README's command: the bundled example release
run 0 "$TRULYOPEN" hash "$top_srcdir/examples/releases/open-model"
has "$T/out" '"path": "README.md"'
has "$T/out" '"path": "model.safetensors"'
has "$T/out" '"type": "safetensors"'
has "$T/out" '"type": "license"'

finish

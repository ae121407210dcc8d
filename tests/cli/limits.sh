#!/bin/sh
# Work bounded by the input: decompression bombs stop early with
# archive-bomb (deflate's 1032:1 included), and a weights file whose header
# is corrupt is an error, not an "other" file nobody looks at.
. "$top_srcdir/tests/cli/lib.sh"

PY=${PYTHON3:-python3}
command -v "$PY" >/dev/null 2>&1 || { echo "no python3: skip"; exit 77; }
bomb() {
    "$PY" "$top_srcdir/tests/cli/zipbomb.py" "$@" || fail "zipbomb.py $*"
}

# a 10 MB zip holding a 10 GiB entry of zeros: stopped, named, no manifest
bomb zip "$T/bomb.zip" 10737418240
run 2 timeout 300 "$TRULYOPEN" hash "$T/bomb.zip"
has "$T/err" "trulyopen: zeros.bin: error: archive expands to over 100 times the"
has "$T/err" "(limits.max_expand_ratio): reading stopped"
has "$T/err" "a manifest would leave out what was not"
lines "$T/out" 0
run 0 timeout 300 "$TRULYOPEN" inspect --no-hash "$T/bomb.zip"
has "$T/out" "error archive-bomb: zeros.bin: archive expands to over 100 times"
run 1 timeout 300 "$TRULYOPEN" check "$T/bomb.zip"
has "$T/out" "archive-bomb"
printf '{"format": "trulyopen-manifest", "format_version": 1, "artifacts": []}' >"$T/empty.json"
run 1 timeout 300 "$TRULYOPEN" verify -q "$T/bomb.zip" "$T/empty.json"
has "$T/out" "unreadable zeros.bin: archive expands to over 100 times"

# the same in a tar.gz, after a small entry that is kept
bomb tgz "$T/bomb.tar.gz" 4294967296
run 2 timeout 300 "$TRULYOPEN" hash "$T/bomb.tar.gz"
has "$T/err" "trulyopen: zeros.bin: error: archive expands to over 100 times the"

# what compresses well but stays small is read: 32 MiB of zeros in 33 KB
bomb zip "$T/small.zip" 33554432
run 0 "$TRULYOPEN" hash "$T/small.zip"
has "$T/out" "\"path\": \"zeros.bin\", \"size\": 33554432, \"sha256\": \"$(head -c 33554432 /dev/zero | sha256sum | cut -d' ' -f1)\""
lines "$T/err" 0

# weights files with a corrupt header: typed by name or magic, an error each
r="$T/weights"
mkdir "$r"
"$PY" - "$r" <<'EOF' || fail "writing the weights"
import struct, sys
d = sys.argv[1]
hdr = b'{"w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}'
with open(d + "/huge.safetensors", "wb") as f:   # a length of 2^63
    f.write(struct.pack("<Q", 1 << 63) + hdr + bytes(4))
with open(d + "/past-end.bin", "wb") as f:       # no telling name: the magic says it
    f.write(struct.pack("<Q", 4096) + hdr + bytes(4))
with open(d + "/empty.safetensors", "wb") as f:  # the name alone says it
    pass
with open(d + "/model.gguf", "wb") as f:         # an error page saved under the name
    f.write(b"<html>rate limited</html>\n")
EOF
run 1 "$TRULYOPEN" check --no-hash "$r"
run 0 "$TRULYOPEN" inspect --no-hash "$r"
for f in huge.safetensors past-end.bin empty.safetensors; do
    checks=$((checks + 1))
    grep -A1 -x "$f" "$T/out" | grep -q 'type: safetensors' || fail "$f is not typed safetensors"
done
checks=$((checks + 1))
grep -A1 -x model.gguf "$T/out" | grep -q 'type: gguf' || fail "model.gguf is not typed gguf"
has "$T/out" "error safetensors-header-too-large: huge.safetensors"
has "$T/out" "error safetensors-bad-header-length: past-end.bin"
has "$T/out" "error safetensors-too-small: empty.safetensors"
has "$T/out" "error gguf-bad-magic: model.gguf"

finish

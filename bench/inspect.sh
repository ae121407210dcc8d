#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Readers read only what they need: `trulyopen inspect --no-hash` on a release
# holding a 4 GiB safetensors file touches the header, not the tensors.
# Prints the wall time and the bytes the process read (counted by strace over
# read/pread64), next to `trulyopen hash` of the same file for scale.
# Usage: bench/inspect.sh [path/to/trulyopen]
set -eu
TRULYOPEN=${1:-${TRULYOPEN:-./trulyopen}}
PY=${PYTHON3:-python3}
command -v strace >/dev/null || { echo "inspect.sh: needs strace (apt-get install strace)"; exit 2; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/tro-bench-inspect.XXXXXX")
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/release"
"$PY" - "$dir/release/model.safetensors" <<'PYEOF'
import json, struct, sys
n = 1 << 30  # F32 elements: 4 GiB of tensor data
hdr = {"__metadata__": {"format": "pt"}}
for i in range(64):  # 64 tensors of 64 MiB, a realistic header
    hdr["layer.%d.weight" % i] = {"dtype": "F32", "shape": [4096, 4096],
                                   "data_offsets": [i * 64 << 20, (i + 1) * 64 << 20]}
raw = json.dumps(hdr).encode()
raw += b" " * (-len(raw) % 8)
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<Q", len(raw)) + raw)
    f.truncate(8 + len(raw) + (64 * 64 << 20))
PYEOF
printf -- '---\nlicense: apache-2.0\n---\n# Big model\n' >"$dir/release/README.md"

bytes_read() { # sum of successful read/pread64 results in an strace log
    awk '/^[0-9]+ +(read|pread64)\(/ { n = $NF; if (n ~ /^[0-9]+$/) s += n } END { print s + 0 }' "$1"
}
elapsed() { # seconds, with nanoseconds
    start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N)
    echo "$start $end" | awk '{ printf "%.3f", $2 - $1 }'
}

size=$(stat -c %s "$dir/release/model.safetensors")
t_inspect=$(elapsed "$TRULYOPEN" inspect --no-hash "$dir/release")
strace -f -qq -e trace=read,pread64 -o "$dir/trace" "$TRULYOPEN" inspect --no-hash "$dir/release" >/dev/null
r_inspect=$(bytes_read "$dir/trace")
echo "safetensors file:        $size bytes (sparse)"
echo "inspect --no-hash:       ${t_inspect} s, read $r_inspect bytes (incl. shared libraries)"
t_hash=$(elapsed "$TRULYOPEN" hash -q --hash-sparse "$dir/release")
echo "hash (reads everything): ${t_hash} s"
[ "$r_inspect" -lt 1048576 ] && echo "inspect read < 1 MiB: yes" || { echo "inspect read < 1 MiB: NO"; exit 1; }

#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# examples/registry-census on a LocalCluster of two worker processes: the
# table counts what single checks say, the PNG is a real image, the per-
# release table has a row each. Skipped (77) without a python that has
# dask.distributed, and in sanitizer builds (the library is loaded by python).
. "$top_srcdir/tests/cli/lib.sh"
[ "${TRO_SANITIZERS:-}" = yes ] && { echo "SKIP: sanitizer build"; exit 77; }
py=
for p in "${PYTHON3:-python3}" /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 &&
        "$p" -c 'import sys, dask.bag, distributed; sys.exit(sys.version_info < (3, 9))' 2>/dev/null; then
        py=$p
        break
    fi
done
[ -n "$py" ] || { echo "SKIP: no python with dask.distributed"; exit 77; }
[ -f "$top_builddir/.libs/libtrulyopen.so" ] || { echo "SKIP: no shared library"; exit 77; }
ex="$top_srcdir/examples"
mkdir "$T/releases"
cp -r "$ex/releases/open-model" "$ex/releases/restricted-finetune" "$T/releases/"
printf -- '---\nlicense: cc-by-nc-4.0\n---\n# NC\n' >"$T/releases/nc.md"
printf -- '---\nlicense: mit\n---\n# MIT\n' >"$T/releases/mit.md"
mkfifo "$T/releases/not-a-release" # cannot be checked: recorded, not fatal

cd "$ex/registry-census" || exit 99
run 0 env PYTHONPATH="$top_srcdir/bindings/python" \
    TRULYOPEN_LIBRARY="$top_builddir/.libs/libtrulyopen.so" \
    "$py" census.py --workers 2 --catalog "$ex/catalog" -o "$T/out-dir" "$T/releases"
has "$T/out" '5 releases, 4 checked, 1 truly open'
md="$T/out-dir/census.md"
has "$md" '# Census of 5 releases'
has "$md" '| not-truly-open | 3 |'
has "$md" '| truly-open | 1 |'
has "$md" '| not checked | 1 |'
has "$md" '| permissive | 3 |'
has "$md" '| non-commercial | 1 |'
has "$md" '| met | 1 |'
has "$md" '| not met | 3 |'
lines "$T/out-dir/releases.tsv" 6
has "$T/out-dir/releases.tsv" "$T/releases/open-model	True		truly-open	True	pass	pass	pass	True"
"$py" - "$T/out-dir/census.png" <<'PYEOF' || fail "census.png is not a valid PNG"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
pos, idat, size = 8, b"", None
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    assert struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])[0] == zlib.crc32(kind + body)
    if kind == b"IHDR":
        size = struct.unpack(">II", body[:8])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
w, h = size
raw = zlib.decompress(idat)
assert len(raw) == h * (1 + 3 * w), (len(raw), w, h)
assert w > 200 and h > 200
PYEOF
finish

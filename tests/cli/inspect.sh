#!/bin/sh
# trulyopen inspect: artifacts with what their readers extracted, text and JSON.
. "$top_srcdir/tests/cli/lib.sh"
PY=${PYTHON3:-python3}
ex="$top_srcdir/examples/releases/open-model"

run 0 "$TRULYOPEN" inspect "$ex"
has "$T/out" 'README.md'
has "$T/out" '  type: model-card'
has "$T/out" '  license: ["apache-2.0"]'
has "$T/out" '  type: safetensors'
has "$T/out" "  sha256: $(sha256_of "$ex/config.json")"
has "$T/out" '4 artifacts, '

run 0 "$TRULYOPEN" inspect --format json "$ex"
"$PY" - "$T/out" <<'PYEOF' || fail "JSON view"
import json, sys
doc = json.load(open(sys.argv[1]))
arts = {a["path"]: a for a in doc["artifacts"]}
assert set(arts) == {"LICENSE", "README.md", "config.json", "model.safetensors"}, arts.keys()
assert arts["README.md"]["type"] == "model-card"
assert arts["README.md"]["metadata"]["license"] == ["apache-2.0"]
assert arts["model.safetensors"]["metadata"]["tensor_count"] >= 1
assert len(arts["config.json"]["sha256"]) == 64
assert isinstance(doc["findings"], list)
PYEOF

# --no-hash: no digests, same metadata
run 0 "$TRULYOPEN" inspect --no-hash -f json -o "$T/nohash.json" "$ex"
lines "$T/out" 0
"$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert all(a["sha256"] is None for a in d["artifacts"])' \
    "$T/nohash.json" || fail "--no-hash still hashed"

# a 4 GiB safetensors (sparse): the header is read, not the tensors
"$PY" - "$T/big.safetensors" <<'PYEOF'
import json, struct, sys
n = 1 << 30  # elements of F32: 4 GiB of data
hdr = json.dumps({"w": {"dtype": "F32", "shape": [n], "data_offsets": [0, 4 * n]}}).encode()
hdr += b" " * (-len(hdr) % 8)
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<Q", len(hdr)) + hdr)
    f.truncate(8 + len(hdr) + 4 * n)
PYEOF
run 0 timeout 20 "$TRULYOPEN" inspect --no-hash "$T/big.safetensors"
has "$T/out" 'tensor_count: 1'
has "$T/out" 'parameter_count: 1073741824'

# findings of malformed artifacts are listed, and the scan goes on
mkdir "$T/bad"
printf 'GGUF\001\000\000\000' >"$T/bad/old.gguf"
printf -- '---\nlicense: [unclosed\n---\nbody\n' >"$T/bad/README.md"
run 0 "$TRULYOPEN" inspect "$T/bad"
has "$T/out" '2 artifacts'
has "$T/out" 'gguf-version-unsupported'
has "$T/out" 'card-yaml-invalid'

# files whose loading runs code: the error names the loader, the call and
# where; the metadata says what was read
mkdir "$T/unsafe"
printf "cos\nsystem\n(S'id'\ntR." >"$T/unsafe/pytorch_model.bin"
printf "\223NUMPY\001\000\070\000{'descr': '<f4', 'shape': (1,), 'fortran_order': False}\n\000\000\200?" \
    >"$T/unsafe/w.npy"
run 0 "$TRULYOPEN" inspect --no-hash "$T/unsafe"
has "$T/out" 'pytorch_model.bin: byte 0: torch.load -> os.system via REDUCE at byte 19 (GLOBAL imports it here)'
has "$T/out" 'type: numpy'
has "$T/out" 'format: "npy"'
has "$T/out" 'object: false'
run 0 "$TRULYOPEN" inspect --no-hash -f json "$T/unsafe/pytorch_model.bin"
has "$T/out" '"code": "pickle-dangerous-global"'
has "$T/out" '"type": "pickle"'

# usage errors and unreadable input exit 2 with "trulyopen: ..." messages
run 2 "$TRULYOPEN" inspect --format xml "$ex"
has "$T/err" "trulyopen: inspect: --format: expected text or json, got 'xml'"
run 2 "$TRULYOPEN" inspect "$T/does-not-exist"
has "$T/err" 'trulyopen: '
has "$T/err" 'does-not-exist'
run 2 "$TRULYOPEN" inspect
run 0 "$TRULYOPEN" inspect --help
has "$T/out" '--no-hash'
finish

#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# A tarball release holding a PyTorch checkpoint bigger than the prefix the
# archive scanner keeps (16 MiB): the checkpoint's storages past it are not
# read, which is no reason to fail the release; a pickle past it is.
. "$top_srcdir/tests/cli/lib.sh"
PY=${PYTHON3:-python3}
command -v "$PY" >/dev/null 2>&1 || { echo "archive-checkpoint.sh: no python3: skip"; exit 77; }
ex="$top_srcdir/examples"

# mk DIR [EXTRA_ENTRY]: the open example plus a torch.save-like zip of ~17 MiB.
mk() {
    mkdir -p "$T/$1" && cp "$ex/releases/open-model/"* "$T/$1/" &&
        "$PY" - "$T/$1/pytorch_model.bin" "${2:-}" <<'PYEOF' || fail "fixture $1"
import pickle, sys, zipfile
out, extra = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
    z.writestr("archive/data.pkl", pickle.dumps({"step": 1}, protocol=2))
    z.writestr("archive/byteorder", "little")
    z.writestr("archive/data/0", b"\0" * (17 << 20))
    z.writestr("archive/version", "3\n")
    if extra:
        z.writestr(extra, b"cos\nsystem\n(S'id'\ntR.")
PYEOF
    tar -C "$T" -czf "$T/$1.tar.gz" "$1"
}

mk rel
run 0 "$TRULYOPEN" check --no-hash -c "$ex/catalog" "$T/rel.tar.gz"
has "$T/out" 'truly-open'
run 0 "$TRULYOPEN" check --no-hash -f json -c "$ex/catalog" "$T/rel.tar.gz"
has "$T/out" '"pytorch-storages-not-read"'
lacks "$T/out" '"pytorch-scan-incomplete"'
run 0 "$TRULYOPEN" inspect --no-hash "$T/rel.tar.gz"
has "$T/out" 'version: 3'
has "$T/out" 'storages_not_read: 1'

# The same with a pickle past the prefix: not checked, an error.
mk evil archive/extra.pkl
run 1 "$TRULYOPEN" check --no-hash -f json -c "$ex/catalog" "$T/evil.tar.gz"
has "$T/out" '"pytorch-scan-incomplete"'
has "$T/out" "entry 'archive/extra.pkl'"

finish

"""PyTorch checkpoints: torch-like zips (stored, deflated, data descriptors,
bad CRCs, odd names, duplicates, TorchScript), legacy streams and legacy
tar layouts, built with the standard library. Benign ones give no error;
every pickle torch.load would read is scanned."""

import io
import os
import pickle
import struct
import sys
import tarfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pkltest import (Suite, codes, dump, fake_torch, findings, glob,  # noqa: E402
                     has_global, legacy_stream, state_dict, torch_pickle, torch_zip)

t = Suite("pytorch_ckpt")
torch = fake_torch()
EVIL = glob("os", "system") + b"(S'id'\ntR."
EVIL2 = b"\x80\x02" + glob("subprocess", "Popen") + b"(S'id'\ntR."


def run(name, data, *opts, typ="pytorch"):
    p = t.write(name, data)
    return dump([p], "--type", typ, *opts)[p]


def errors(r):
    return [f for f in r["findings"] if f["severity"] == "error"]


# ---- benign zips ------------------------------------------------------------
sd = torch_pickle(state_dict(2))
for comp, label in ((zipfile.ZIP_STORED, "stored"), (zipfile.ZIP_DEFLATED, "deflated")):
    for mode in ([], ["--mem"]):
        r = run(f"model-{label}.bin", torch_zip(sd, compression=comp), *mode)
        m = r["meta"]
        t.check(r["findings"] == [], f"benign zip {label} {mode}: no findings", r)
        t.check(m["format"] == "zip" and m["prefix"] == "archive" and m["entries"] == 6 and
                m["storages"] == 2 and m["byteorder"] == "little" and m["version"] == 3 and
                m["torchscript"] is False and m["dangerous"] == 0 and m["unknown"] == 0,
                f"benign zip {label}: metadata", m)
        pk = m["pickles"]
        t.check(len(pk) == 1 and pk[0]["entry"] == "archive/data.pkl" and pk[0]["complete"] and
                pk[0]["protocol"] == 2 and
                sorted(f"{g['module']}.{g['name']}" for g in pk[0]["globals"]) ==
                ["collections.OrderedDict", "torch.FloatStorage", "torch._utils._rebuild_tensor_v2"],
                f"benign zip {label}: data.pkl globals", pk)

# Detected as a checkpoint by content, with another archive folder name.
p = t.write("pytorch_model.bin", torch_zip(sd, prefix="pytorch_model"))
r = dump([p])[p]
t.check(r["type"] == "pytorch" and r["meta"]["prefix"] == "pytorch_model" and r["findings"] == [],
        "detected zip with its own prefix", r)

# ---- malicious members --------------------------------------------------------
r = run("evil-data.bin", torch_zip(EVIL))
fs = findings(r, "pickle-dangerous-global")
t.check(len(fs) == 1 and fs[0]["offset"] == -1 and "entry 'archive/data.pkl', byte 0" in
        fs[0]["message"] and "evil-data.bin" in fs[0]["message"], "malicious data.pkl", r)

hidden = [("archive/extra/blob", EVIL2), ("top.pkl", EVIL), ("archive/data/9", b"\x80\x05" +
                                                              EVIL2[2:])]
r = run("evil-hidden.bin", torch_zip(sd, extra=hidden))
ents = sorted(p["entry"] for p in r["meta"]["pickles"])
t.check(ents == ["archive/data.pkl", "archive/extra/blob", "top.pkl"],
        "members starting with PROTO 2+ or named .pkl are scanned, storages are not", r)
t.check(r["meta"]["dangerous"] == 2 and len(findings(r, "pickle-dangerous-global")) == 2,
        "hidden pickles caught", r)

# Duplicate data.pkl: both copies scanned.
b = io.BytesIO()
with zipfile.ZipFile(b, "w") as z:
    z.writestr("archive/data.pkl", sd)
    z.writestr("archive/data/0", b"\0" * 16)
    z.writestr("archive/data/1", b"\0" * 16)
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        z.writestr("archive/data.pkl", EVIL)
r = run("dup.bin", b.getvalue())
t.check("pytorch-duplicate-entry" in codes(r) and "pickle-dangerous-global" in codes(r),
        "duplicate data.pkl", r)

# Unsafe names.
b = io.BytesIO()
with zipfile.ZipFile(b, "w") as z:
    z.writestr("archive/data.pkl", sd)
    z.writestr(zipfile.ZipInfo("archive/../../evil.sh"), b"x")
    z.writestr(zipfile.ZipInfo("/etc/cron.d/x"), b"x")
r = run("paths.bin", b.getvalue())
fs = findings(r, "pytorch-unsafe-path")
t.check(len(fs) == 2 and all(f["severity"] == "error" for f in fs) and
        "'..' component" in fs[0]["message"] and "absolute" in fs[1]["message"],
        "entries with .. and absolute names", r)

# Bad CRC on data.pkl: PyTorch ignores CRCs, so must the scan.
z = bytearray(torch_zip(EVIL))
lh = z.find(b"PK\x03\x04")
z[lh + 14:lh + 18] = b"\xde\xad\xbe\xef"
cd = z.find(b"PK\x01\x02")
z[cd + 16:cd + 20] = b"\xde\xad\xbe\xef"
r = run("badcrc.bin", bytes(z))
t.check("pickle-dangerous-global" in codes(r) and "pytorch-unreadable-entry" not in codes(r),
        "bad CRC: data.pkl still scanned", r)


# Data descriptors: written by zipfile to a stream that cannot seek.
class Unseekable(io.RawIOBase):
    def __init__(self):
        self.buf = bytearray()

    def writable(self):
        return True

    def write(self, b):
        self.buf += b
        return len(b)


u = Unseekable()
with zipfile.ZipFile(u, "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in (("archive/data.pkl", EVIL), ("archive/data/0", b"\0" * 16),
                       ("archive/version", b"3\n")):
        with z.open(name, "w") as f:
            f.write(data)
t.check(bytes(u.buf).find(b"PK\x07\x08") > 0, "fixture has data descriptors")
for mode in ([], ["--mem"]):
    r = run("descriptor.bin", bytes(u.buf), *mode)
    t.check("pickle-dangerous-global" in codes(r) and r["meta"]["version"] == 3,
            f"data descriptors {mode}", r)

# The encryption flag: neither libarchive nor PyTorch reads such an entry.
z = bytearray(torch_zip(EVIL))
z[lh + 6] |= 1
z[cd + 8] |= 1
r = run("encrypted.bin", bytes(z))
t.check("pytorch-unreadable-entry" in codes(r) and errors(r), "encrypted data.pkl", r)

# TorchScript archive.
ts = torch_zip(sd, extra=[("archive/code/__torch__/model.py", b"def forward(self, x):\n  return x\n"),
                          ("archive/constants.pkl", pickle.dumps((), protocol=2))])
r = run("script.pt", ts)
t.check(codes(r) == ["pytorch-torchscript"] and r["meta"]["torchscript"] is True and
        len(r["meta"]["pickles"]) == 2, "TorchScript archive", r)

# Storages named in data.pkl but missing from data/.
r = run("missing.bin", torch_zip(torch_pickle(state_dict(3)), n=1))
t.check(codes(r) == ["pytorch-missing-storage"] and r["meta"]["storages"] == 3, "missing storage", r)

# Structure problems.
b = io.BytesIO()
with zipfile.ZipFile(b, "w") as z:
    z.writestr("data.pkl", sd)
r = run("nofolder.bin", b.getvalue())
t.check("pytorch-malformed" in codes(r) and r["meta"]["prefix"] is None, "no folder", r)
b = io.BytesIO()
with zipfile.ZipFile(b, "w") as z:
    z.writestr("archive/weights", b"\0" * 8)
r = run("nodata.bin", b.getvalue())
t.check(codes(r) == ["pytorch-malformed"], "no data.pkl", r)
r = run("empty.zip", b"PK\x05\x06" + b"\0" * 18)
t.check(codes(r) == ["pytorch-malformed"], "empty zip", r)
r = run("garbage.bin", b"\x00\x01garbage")
t.check(codes(r) == ["pytorch-malformed"] and r["rc"] == 0, "neither zip, tar nor pickle", r)
r = run("zip-truncated.bin", torch_zip(sd)[:300])
t.check("pytorch-malformed" in codes(r) and r["rc"] == 0, "truncated zip", r)
r = run("streamed.bin", torch_zip(sd), "--prefix", "200")
t.check("pytorch-scan-incomplete" in codes(r) or "pickle-scan-incomplete" in codes(r),
        "streamed prefix: incomplete", r)
r = run("streamed-whole.bin", torch_zip(EVIL), "--prefix", "100000")
t.check("pickle-dangerous-global" in codes(r), "streamed whole zip", r)

# ---- legacy stream ----------------------------------------------------------
leg = legacy_stream(torch_pickle(state_dict(2), legacy=True))
for typ in ("pytorch", "pickle"):
    r = run(f"legacy-{typ}.pt", leg, typ=typ)
    m = r["meta"]
    t.check(r["findings"] == [] and m["format"] == "legacy" and m["storages"] == 2 and
            m["legacy_protocol"] == 1001 and len(m["pickles"]) == 5 and
            m["storage_bytes"] == 2 * (8 + 16), f"legacy stream as {typ}", r)
r = run("legacy-evil.pt", legacy_stream(EVIL2))
t.check(has_global(r, "subprocess", "Popen", "dangerous") and r["meta"]["format"] == "legacy",
        "legacy stream with a malicious object pickle", r)
r = run("legacy-short.pt", leg[:60])
t.check("pytorch-malformed" in codes(r) or "pickle-malformed" in codes(r), "legacy cut short", r)


# ---- legacy tar -------------------------------------------------------------
def legacy_tar(storage_args=None, tensor_args=None, pickle_member=None):
    fake_torch()
    storages = pickle.dumps(2, protocol=2)
    for i in range(2):
        args = storage_args or pickle.dumps((str(i), "cpu", torch.FloatStorage), protocol=2)
        storages += args + struct.pack("<q", 4) + b"\0" * 16
    storages += pickle.dumps([], protocol=2)
    tensors = pickle.dumps(2, protocol=2)
    for i in range(2):
        tensors += tensor_args or pickle.dumps((f"t{i}", str(i), torch.FloatStorage), protocol=2)
        tensors += struct.pack("<ii", 2, 0) + struct.pack("<5q", 2, 2, 2, 1, 0)
    members = [("sys_info", pickle.dumps({"protocol_version": 1001}, protocol=2)),
               ("pickle", pickle_member or pickle.dumps({"w": 1}, protocol=2)),
               ("storages", storages), ("tensors", tensors)]
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in members:
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            tar.addfile(ti, io.BytesIO(data))
    return b.getvalue()


p = t.write("legacy.tar.pt", legacy_tar())
r = dump([p])[p]
m = r["meta"]
t.check(r["type"] == "pytorch" and r["findings"] == [] and m["format"] == "tar" and
        m["entries"] == 4 and m["storages"] == 2 and m["tensors"] == 2 and
        m["pickle_count"] == 2 + 4 + 3, "legacy tar", r)
r = run("tar-evil-storage.pt", legacy_tar(storage_args=EVIL2))
t.check(has_global(r, "subprocess", "Popen", "dangerous") and "pytorch-malformed" in codes(r),
        "legacy tar: malicious storage record", r)
r = run("tar-evil-tensor.pt", legacy_tar(tensor_args=EVIL2))
t.check(has_global(r, "subprocess", "Popen", "dangerous"), "legacy tar: malicious tensor record", r)
r = run("tar-evil-pickle.pt", legacy_tar(pickle_member=EVIL))
t.check(has_global(r, "os", "system", "dangerous") and
        any(p["entry"] == "pickle" for p in r["meta"]["pickles"]), "legacy tar: pickle member", r)
bad_type = pickle.dumps(("0", "cpu", "notatype"), protocol=2)
r = run("tar-badtype.pt", legacy_tar(storage_args=bad_type))
t.check(codes(r) == ["pytorch-malformed"] and r["rc"] == 0, "legacy tar: unknown storage type", r)
r = run("tar-cut.pt", legacy_tar()[:1500])
t.check(r["rc"] == 0 and errors(r), "legacy tar cut short", r)

t.finish()

# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""PyTorch zip checkpoints streamed out of an archive: the reader gets a
prefix and the last bytes (the tail). Entries past the prefix are judged
from the central directory in the tail: storages are counted (info), small
entries read from the tail, pickles keep the scan-incomplete error; a tail
without a usable directory (too short, malformed) keeps today's error.
Fixtures are written here: a hand-made zip writer (so that the directory
can be bent), Python's zipfile, and tarballs scanned with tro_scan."""

import io
import json
import os
import struct
import subprocess
import sys
import tarfile
import zipfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pkltest import (DUMP, Suite, codes, dump, findings, glob,  # noqa: E402
                     state_dict, torch_pickle)

t = Suite("pytorch_tail")
EVIL = glob("os", "system") + b"(S'id'\ntR."
BIG = 200_000
PREFIX = 65536
TAIL = 65536
SD = torch_pickle(state_dict(2))


def make_zip(entries, zip64=False, big_lho=False, unlisted=()):
    """Stored zip of [(name, data)]; returns (bytes, offsets). zip64: a zip64
    end record and locator; big_lho: local header offsets in zip64 extras;
    unlisted: names left out of the central directory."""
    out, cd, recs = bytearray(), bytearray(), []
    for name, data in entries:
        n, off, crc = name.encode(), len(out), zlib.crc32(data)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0, crc, len(data), len(data),
                           len(n), 0) + n + data
        extra, lho = b"", off
        if name in unlisted:
            continue
        if big_lho:
            extra, lho = struct.pack("<HHQ", 1, 8, off), 0xFFFFFFFF
        recs.append(len(cd))
        cd += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 20, 0, 0, 0, 0, crc, len(data),
                          len(data), len(n), len(extra), 0, 0, 0, 0, lho) + n + extra
    cd_off, count = len(out), len(recs)
    out += cd
    z64 = loc = None
    if zip64:
        z64 = len(out)
        out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, len(cd),
                           cd_off)
        loc = len(out)
        out += struct.pack("<IIQI", 0x07064B50, 0, z64, 1)
        eocd = len(out)
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF,
                           0)
    else:
        eocd = len(out)
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(cd), cd_off, 0)
    offs = {"cd": cd_off, "eocd": eocd, "z64": z64, "loc": loc,
            "recs": [cd_off + r for r in recs]}
    return bytes(out), offs


def ckpt(pkl=SD, big=BIG, extra=(), n=2, prefix="m"):
    """torch.save's order: data.pkl, storages, then the small entries."""
    ents = [(f"{prefix}/data.pkl", pkl), (f"{prefix}/data/0", b"\0" * big)]
    ents += [(f"{prefix}/data/{i}", b"\1" * 16) for i in range(1, n)]
    ents += [(f"{prefix}/version", b"3\n"), (f"{prefix}/byteorder", b"little"),
             (f"{prefix}/.data/serialization_id", b"0" * 40)]
    return ents + list(extra)


def run(name, data, *opts, prefix=PREFIX, tail=TAIL):
    p = t.write(name, data)
    args = ["--type", "pytorch", "--prefix", str(prefix)]
    if tail is not None:
        args += ["--tail", str(tail)]
    return dump([p], *args, *opts)[p]


def errors(r):
    return [f for f in r["findings"] if f["severity"] == "error"]


def is_old_error(r):
    """Today's result for a checkpoint bigger than its prefix."""
    return (any(f["code"] == "pytorch-scan-incomplete" for f in errors(r)) and
            "pytorch-storages-not-read" not in codes(r) and "storages_not_read" not in r["meta"])


def good(r, what, entries=6, storages=2, nbytes=BIG + 16):
    m = r["meta"]
    t.check(r["rc"] == 0 and codes(r) == ["pytorch-storages-not-read"], f"{what}: one info", r)
    fs = findings(r, "pytorch-storages-not-read")
    t.check(fs and fs[0]["severity"] == "info" and
            f"{storages} storage entries ({nbytes} bytes)" in fs[0]["message"],
            f"{what}: info counts", fs)
    t.check(m.get("entries") == entries and m.get("version") == 3 and
            m.get("byteorder") == "little" and m.get("storages_not_read") == storages and
            m.get("storage_bytes_not_read") == nbytes and m.get("storages") == 2,
            f"{what}: metadata", m)


# ---- the streamed checkpoint, written three ways ----------------------------
z, offs = make_zip(ckpt())
good(run("plain.bin", z), "stored zip")
good(run("zip64.bin", make_zip(ckpt(), zip64=True, big_lho=True)[0]), "zip64 records and extras")
b = io.BytesIO()
with zipfile.ZipFile(b, "w", zipfile.ZIP_STORED) as zf:
    for name, data in ckpt():
        zf.writestr(name, data)
good(run("zipfile.bin", b.getvalue()), "python zipfile")
# The prefix runs out in the local header of data/1 rather than in data.
lh1 = z.find(b"PK\3\4" + b"\x14\0", z.find(b"m/data/0") + BIG)
good(run("cut-header.bin", z, prefix=lh1 + 10), "prefix ends in a local header")
# The whole file in the tail, prefix tiny: every entry comes from the directory.
r = run("tiny-prefix.bin", z, prefix=40, tail=len(z))
t.check("pytorch-scan-incomplete" in codes(r) and any("m/data.pkl" in f["message"]
                                                      for f in errors(r)),
        "prefix inside data.pkl: data.pkl not checked", r)

# Storages named by the pickle and absent from the directory.
r = run("missing.bin", make_zip(ckpt(pkl=torch_pickle(state_dict(3))))[0])
t.check("pytorch-missing-storage" in codes(r) and not errors(r), "missing storage detected", r)
r = run("missing-late.bin", make_zip(ckpt(n=1))[0])
t.check("pytorch-missing-storage" in codes(r) and r["meta"]["storages_not_read"] == 1,
        "missing storage past the prefix", r)

# ---- pickles past the prefix stay errors ------------------------------------
big_pkl = torch_pickle(state_dict(2, extra={"blob": b"x" * 150_000}))
r = run("big-pkl.bin", make_zip(ckpt(pkl=big_pkl))[0])
t.check(any(f["code"] == "pytorch-scan-incomplete" and "'m/data.pkl'" in f["message"]
            for f in errors(r)), "data.pkl longer than the prefix: error naming it", r)
ents = ckpt()
ents = [ents[1], ents[0]] + ents[2:]  # data.pkl after the big storage, in the tail
r = run("late-pkl.bin", make_zip(ents)[0])
t.check(any(f["code"] == "pytorch-scan-incomplete" and "'m/data.pkl'" in f["message"]
            for f in errors(r)), "data.pkl past the prefix: error naming it", r)
for name in ("m/evil.pkl", "evil.pkl"):
    r = run("evil.bin", make_zip(ckpt(extra=[(name, EVIL)]))[0])
    fs = [f for f in errors(r) if f["code"] == "pytorch-scan-incomplete"]
    t.check(len(fs) == 1 and f"'{name}'" in fs[0]["message"], f"{name} past the prefix: error",
            r)
# A hidden pickle in an entry that is neither a storage nor named .pkl.
r = run("hidden.bin", make_zip(ckpt(extra=[("m/extra/blob", b"\x80\x02" + EVIL)]))[0])
fs = findings(r, "pytorch-unreadable-entry")
t.check(fs and fs[0]["severity"] == "warning" and "m/extra/blob" in fs[0]["message"] and
        r["meta"]["unreadable"] == 1, "entry starting like a pickle: unreadable", r)

# TorchScript code past the prefix is still counted.
r = run("script.bin", make_zip(ckpt(extra=[("m/code/__torch__/m.py", b"def f(): pass\n")]))[0])
t.check("pytorch-torchscript" in codes(r) and r["meta"]["torchscript"] is True, "code/ listed", r)
# Unsafe and duplicate names from the directory.
r = run("names.bin", make_zip(ckpt(extra=[("m/../../x", b"x"), ("m/version", b"4")]))[0])
t.check("pytorch-unsafe-path" in codes(r) and "pytorch-duplicate-entry" in codes(r),
        "unsafe and duplicate names listed past the prefix", r)

# ---- no usable tail: today's behaviour --------------------------------------
for label, tail in (("no tail", None), ("tail too short", 100), ("tail without the CD", 200)):
    r = run("old.bin", z, tail=tail)
    t.check(is_old_error(r) and "pytorch-malformed" not in codes(r), f"{label}: old error", r)
r_old = run("old.bin", z, tail=None)
r_short = run("old.bin", z, tail=100)
t.check(r_old["findings"] == r_short["findings"] and r_old["meta"] == r_short["meta"],
        "a tail too short changes nothing", [r_old, r_short])


# ---- malformed directories: a finding, the old error, no crash --------------
def patch(data, off, fmt, *vals):
    b = bytearray(data)
    struct.pack_into(fmt, b, off, *vals)
    return bytes(b)


z64, o64 = make_zip(ckpt(), zip64=True, big_lho=True)
rec_last = offs["recs"][-1]
MALFORMED = [
    ("count too big", patch(z, offs["eocd"] + 8, "<HH", 60000, 60000), 0),
    ("CD offset past the size", patch(z, offs["eocd"] + 16, "<I", 0x7FFFFFF0), 0),
    ("CD size past the EOCD", patch(z, offs["eocd"] + 12, "<I", 0x10000), 0),
    ("several disks", patch(z, offs["eocd"] + 4, "<H", 1), 0),
    ("needs zip64, none", patch(z, offs["eocd"] + 10, "<H", 0xFFFF), 0),
    ("truncated EOCD", z[:-10], 70000),
    ("zip64 locator outside", patch(z64, o64["loc"] + 8, "<Q", 2**63), 0),
    ("zip64 record not there", patch(z64, o64["loc"] + 8, "<Q", o64["z64"] - 8), 0),
    ("zip64 CD outside", patch(z64, o64["z64"] + 48, "<Q", 2**64 - 10), 0),
    ("zip64 count huge", patch(z64, o64["z64"] + 24, "<QQ", 2**62, 2**62), 0),
    ("entry signature", patch(z, rec_last, "<I", 0x12345678), 0),
    ("name runs past the CD", patch(z, rec_last + 28, "<H", 0xFFF0), 0),
    ("offset past the CD", patch(z, rec_last + 42, "<I", offs["cd"] - 10), 0),
    ("sizes near 2^64", patch(z64, o64["recs"][-1] + 20, "<I", 0xFFFFFFFF), 0),
    ("overlap", patch(z, offs["recs"][2] + 42, "<I", 100), 0),
    ("name differs from the local header", patch(z, offs["recs"][0] + 46, "<1s", b"X"), 0),
    ("unlisted local entry", make_zip([ckpt()[0], ("m/h.pkl", EVIL)] + ckpt()[1:],
                                      unlisted=("m/h.pkl",))[0], 0),
    ("entry moved by a byte", patch(z, offs["recs"][1] + 42, "<I", 1 + len(SD) + 40), 0),
]
for label, data, extra_tail in MALFORMED:
    r = run("bad.bin", data, tail=extra_tail or TAIL)
    fs = findings(r, "pytorch-malformed")
    if label == "unlisted local entry":
        fs = [f for f in fs if "does not list" in f["message"]]
    t.check(r["rc"] == 0 and is_old_error(r), f"malformed {label}: old error", r)
    t.check(len(fs) == 1 and fs[0]["offset"] >= 0 and "bad.bin: byte " in fs[0]["message"],
            f"malformed {label}: one pytorch-malformed with an offset", r)


# ---- through the archive scanner: tarballs ---------------------------------
def scan(path, *opts):
    r = subprocess.run([DUMP, "--scan", *opts, path], capture_output=True, timeout=600)
    if r.returncode != 0:
        raise SystemExit(f"pickle_dump --scan failed: {r.stderr.decode()[:2000]}")
    return {o["path"]: o for o in map(json.loads, r.stdout.decode().splitlines())}


def tarball(name, members, mode="w:gz"):
    p = t.path(name)
    with tarfile.open(p, mode) as tar:
        for mname, data in members:
            ti = tarfile.TarInfo("rel/" + mname)
            ti.size = len(data)
            tar.addfile(ti, io.BytesIO(data))
    return p


card = b"---\nlicense: apache-2.0\n---\n# m\n"
for big, label in ((BIG, "small tail"), (2_500_000 + 12345, "full 1 MiB tail")):
    zz = make_zip(ckpt(big=big))[0]
    p = tarball("rel.tar.gz", [("README.md", card), ("pytorch_model.bin", zz)])
    res = scan(p, "--max-text", "65536")
    r = res.get("pytorch_model.bin")
    t.check(r is not None and r["type"] == "pytorch", f"tarball {label}: checkpoint found", res)
    if r:
        good(r, f"tarball {label}", nbytes=big + 16)
    p = tarball("evil.tar", [("pytorch_model.bin", make_zip(ckpt(big=big,
                                                                extra=[("m/z.pkl", EVIL)]))[0])],
                mode="w")
    r = scan(p, "--max-text", "65536").get("pytorch_model.bin", {"findings": []})
    t.check(any(f["code"] == "pytorch-scan-incomplete" and "'m/z.pkl'" in f["message"]
                for f in r["findings"]), f"tarball {label}: late pickle error", r)
# Whole checkpoints in the prefix need no tail: unchanged.
p = tarball("whole.tar", [("pytorch_model.bin", make_zip(ckpt(big=1000))[0])], mode="w")
r = scan(p, "--max-text", "65536")["pytorch_model.bin"]
t.check(r["findings"] == [] and "storages_not_read" not in r["meta"] and r["meta"]["entries"] == 6,
        "tarball: checkpoint within the prefix", r)

t.finish()

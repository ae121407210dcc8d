# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Helpers for the pickle / PyTorch reader tests: fixture builders (standard
library only: pickle, zipfile, tarfile, hand-assembled opcodes) and a runner
for tests/unit/pickle_dump, which prints what a reader extracted."""

import collections
import io
import json
import os
import pickle
import struct
import subprocess
import sys
import tempfile
import types
import zipfile

BUILD = os.environ.get("top_builddir", ".")
DUMP = os.path.join(BUILD, "tests", "unit", "pickle_dump")


class Suite:
    """Counts checks; prints failures; exits 0/1 like the C unit tests."""

    def __init__(self, name):
        self.name = name
        self.checks = 0
        self.failures = 0
        self.tmp = tempfile.TemporaryDirectory(prefix="tro-pickle-")

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def write(self, name, data):
        p = self.path(name)
        with open(p, "wb") as f:
            f.write(data)
        return p

    def check(self, cond, what, res=None):
        self.checks += 1
        if not cond:
            self.failures += 1
            print(f"FAIL: {what}", file=sys.stderr)
            if res is not None:
                print("  got: " + json.dumps(res)[:2000], file=sys.stderr)
        return cond

    def finish(self):
        print(f"{self.name}: {self.checks} checks, {self.failures} failed")
        self.tmp.cleanup()
        sys.exit(1 if self.failures else 0)


def dump(paths, *opts):
    """Runs the reader on each path; returns {path: result}."""
    r = subprocess.run([DUMP, *opts, *paths], capture_output=True, timeout=600)
    if r.returncode != 0:
        raise SystemExit(f"pickle_dump failed ({r.returncode}): {r.stderr.decode()[:3000]}")
    out = {}
    for line in r.stdout.decode().splitlines():
        obj = json.loads(line)
        out[obj["path"]] = obj
    return out


def codes(res):
    return [f["code"] for f in res["findings"]]


def findings(res, code):
    return [f for f in res["findings"] if f["code"] == code]


def all_globals(res):
    return [g for p in res["meta"].get("pickles", []) for g in p["globals"]]


def has_global(res, module, name, verdict=None):
    for g in all_globals(res):
        full = g.get("resolved") or f"{g['module']}.{g['name']}"
        if full == f"{module}.{name}" or (g["module"], g["name"]) == (module, name):
            if verdict is None or g["verdict"] == verdict:
                return g
    return None


# ---- hand-assembled opcodes -------------------------------------------------

def glob(module, name):
    return b"c" + module.encode() + b"\n" + name.encode() + b"\n"


def su(s):
    """SHORT_BINUNICODE."""
    b = s.encode()
    return b"\x8c" + bytes([len(b)]) + b


def binput(i):
    return b"q" + bytes([i])


def binget(i):
    return b"h" + bytes([i])


MAGIC = 0x1950A86A20F9469CFC6C

# ---- a torch-like module tree, so that pickle writes torch's globals -------


def fake_torch():
    if "torch" in sys.modules and getattr(sys.modules["torch"], "_fake", False):
        return sys.modules["torch"]
    torch = types.ModuleType("torch")
    torch._fake = True
    utils = types.ModuleType("torch._utils")
    torch._utils = utils
    sys.modules["torch"] = torch
    sys.modules["torch._utils"] = utils

    def _rebuild_tensor_v2(*a):
        return None

    _rebuild_tensor_v2.__module__ = "torch._utils"
    _rebuild_tensor_v2.__qualname__ = "_rebuild_tensor_v2"
    utils._rebuild_tensor_v2 = _rebuild_tensor_v2
    for name in ("FloatStorage", "LongStorage"):
        cls = type(name, (), {})
        cls.__module__ = "torch"
        setattr(torch, name, cls)
    return torch


class Storage:
    def __init__(self, key, numel, kind="FloatStorage"):
        self.key, self.numel, self.kind = key, numel, kind


class Tensor:
    def __init__(self, storage, shape):
        self.storage, self.shape = storage, shape

    def __reduce_ex__(self, proto):
        torch = fake_torch()
        stride = (self.shape[1], 1) if len(self.shape) == 2 else (1,)
        return (torch._utils._rebuild_tensor_v2,
                (self.storage, 0, self.shape, stride, False, collections.OrderedDict()))


class TorchPickler(pickle.Pickler):
    """Writes storages as torch.save does: BINPERSID of a storage tuple."""

    legacy = False

    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            torch = fake_torch()
            t = ("storage", getattr(torch, obj.kind), obj.key, "cpu", obj.numel)
            return t + (None,) if self.legacy else t
        return None


def state_dict(n=2, extra=None):
    sd = collections.OrderedDict()
    for i in range(n):
        sd[f"layer{i}.weight"] = Tensor(Storage(str(i), 4), (2, 2))
    if extra:
        sd.update(extra)
    return sd


def torch_pickle(obj, protocol=2, legacy=False):
    b = io.BytesIO()
    p = TorchPickler(b, protocol=protocol)
    p.legacy = legacy
    p.dump(obj)
    return b.getvalue()


def torch_zip(data_pkl, n=2, prefix="archive", extra=(), compression=zipfile.ZIP_STORED,
              with_data=True):
    """A checkpoint laid out as torch.save writes it."""
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", compression) as z:
        z.writestr(f"{prefix}/data.pkl", data_pkl)
        z.writestr(f"{prefix}/byteorder", "little")
        if with_data:
            for i in range(n):
                z.writestr(f"{prefix}/data/{i}", struct.pack("<4f", 1, 2, 3, 4))
        z.writestr(f"{prefix}/version", "3\n")
        z.writestr(f"{prefix}/.data/serialization_id", "0" * 40)
        for name, data in extra:
            z.writestr(name, data)
    return b.getvalue()


def legacy_stream(obj_pickle, keys=("0", "1"), numel=4):
    """torch < 1.6 stream: magic, protocol, sys_info, object, keys, data."""
    out = pickle.dumps(MAGIC, protocol=2)
    out += pickle.dumps(1001, protocol=2)
    out += pickle.dumps({"protocol_version": 1001, "little_endian": True,
                         "type_sizes": {"short": 2, "int": 4, "long": 4}}, protocol=2)
    out += obj_pickle
    out += pickle.dumps(list(keys), protocol=2)
    for _ in keys:
        out += struct.pack("<q", numel) + b"\0" * (4 * numel)
    return out

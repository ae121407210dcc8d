# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Pickle scanner: benign pickles of every protocol pass; code execution is
caught however the import is spelled (GLOBAL, INST, OBJ, STACK_GLOBAL with
literal or memoized operands, dotted names, EXT codes, computed names)."""

import collections
import os
import pickle
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pkltest import (Suite, binget, binput, codes, dump, findings, glob,  # noqa: E402
                     has_global, su, state_dict, torch_pickle)

t = Suite("pickle_scan")

# ---- benign: every protocol, only inert types ------------------------------
benign = {
    "a": [1, -7, 2**70, 2.5, "text", b"bytes", None, True, False, (1, 2), (), (3,)],
    "nested": {"x": [[1, [2, [3]]]], "od": collections.OrderedDict(a=1)},
    "s": {1, 2}, "f": frozenset([3]), "ba": bytearray(b"xy"), "c": complex(1, 2),
    "u": "\u00e9\U0001f600", "big": "x" * 1000, "blob": b"\0" * 100000,
}
files = {}
for proto in range(6):
    files[t.write(f"benign{proto}.pkl", pickle.dumps(benign, protocol=proto))] = proto
for mode in ([], ["--mem"]):
    res = dump(list(files), *mode)
    for path, proto in files.items():
        r = res[path]
        t.check(r["findings"] == [], f"benign protocol {proto} {mode}: no findings", r)
        m = r["meta"]
        t.check(m["format"] == "pickle" and m["dangerous"] == 0 and m["unknown"] == 0,
                f"benign protocol {proto}: counts", m)
        p = m["pickles"][0]
        t.check(p["complete"] and p["protocol"] == proto, f"benign protocol {proto}: pickle", p)
        t.check(all(g["verdict"] == "allowed" for g in p["globals"]),
                f"benign protocol {proto}: every global allowed", p)

# A torch-style state dict as a raw pickle: allowed globals only.
sd = t.write("state.pkl", torch_pickle(state_dict(3)))
r = dump([sd])[sd]
t.check(codes(r) == ["pickle-persistent-id"] and r["meta"]["dangerous"] == 0 and
        r["meta"]["unknown"] == 0, "state dict pickle: only the persistent id is noted", r)

# ---- attacks ----------------------------------------------------------------
cases = []  # (name, bytes, module, name, offset of the importing opcode, opcode)

# GLOBAL + REDUCE at protocol 0
cases.append(("global", glob("os", "system") + b"(S'echo x'\ntR.", "os", "system", 0, "GLOBAL"))
# INST: import and call in one opcode
data = b"(S'echo x'\n" + b"i" + b"os\nsystem\n."
cases.append(("inst", data, "os", "system", data.index(b"ios"), "INST"))
# OBJ: the class comes from the stack
data = b"(" + glob("subprocess", "check_output") + b"S'id'\no."
cases.append(("obj", data, "subprocess", "check_output", 1, "GLOBAL"))
# STACK_GLOBAL with literal strings (protocol 4)
data = b"\x80\x04" + su("posix") + b"\x94" + su("system") + b"\x94\x93" + su("id") + b"\x85R."
cases.append(("stack-literal", data, "posix", "system", data.index(b"\x93"), "STACK_GLOBAL"))
# STACK_GLOBAL whose strings come from the memo via BINPUT / BINGET, with
# decoys pushed and popped in between (the "previous opcode" trick).
data = (b"\x80\x04" + su("os") + binput(7) + b"0" + su("system") + binput(9) + b"0" +
        su("torch") + su("FloatStorage") + b"00" + binget(7) + binget(9) + b"\x93" +
        su("id") + b"\x85R.")
cases.append(("memo-binput", data, "os", "system", data.index(b"\x93"), "STACK_GLOBAL"))
# MEMOIZE stores under len(memo) after a PUT with a large index; GET (text)
# reads them back. A scanner counting MEMOIZE ops from 0 would be misled.
data = (b"\x80\x04" + su("collections") + b"p5\n0" + su("os") + b"\x94" + b"0" +
        su("system") + b"\x94" + b"0" + su("OrderedDict") + b"\x94" + b"0" +
        b"g1\ng2\n\x93" + su("id") + b"\x85R.")
cases.append(("memo-memoize", data, "os", "system", data.index(b"\x93"), "STACK_GLOBAL"))
# PUT overwrites: index 0 first holds a safe module name, then "os".
data = (b"\x80\x04" + su("collections") + binput(0) + b"0" + su("os") + binput(0) + b"0" +
        su("system") + binput(1) + b"0" + binget(0) + binget(1) + b"\x93" + su("x") +
        b"\x85R.")
cases.append(("memo-overwrite", data, "os", "system", data.index(b"\x93"), "STACK_GLOBAL"))
# Python 2 module names are renamed for protocols < 3
cases.append(("py2-builtin", glob("__builtin__", "eval") + b"(S'1'\ntR.", "builtins", "eval", 0,
              "GLOBAL"))
# Text escapes spell the module name
data = b"S'\\x6fs'\nS'sys\\x74em'\n\x93."
cases.append(("escaped-string", data, "os", "system", data.index(b"\x93"), "STACK_GLOBAL"))
data = b"V\\u006fs\nVsystem\n\x93."
cases.append(("unicode-escape", data, "os", "system", data.index(b"\x93"), "STACK_GLOBAL"))

paths = {t.write(f"attack-{c[0]}.pkl", c[1]): c for c in cases}
for mode in ([], ["--mem"]):
    res = dump(list(paths), *mode)
    for path, (name, data, mod, fn, off, op) in paths.items():
        r = res[path]
        g = has_global(r, mod, fn, "dangerous")
        t.check(g is not None, f"{name}: {mod}.{fn} judged dangerous {mode}", r)
        errs = [f for f in findings(r, "pickle-dangerous-global") if f["offset"] == off]
        t.check(len(errs) == 1, f"{name}: dangerous-global finding at byte {off}", r)
        t.check(errs and os.path.basename(path) in errs[0]["message"] and
                f"byte {off}" in errs[0]["message"], f"{name}: message names file and byte", r)
        t.check(g is not None and g["opcode"] == op and g["offset"] == off,
                f"{name}: opcode {op} at {off}", r)
        t.check(r["meta"]["dangerous"] >= 1 and r["rc"] == 0, f"{name}: counted", r)

# OBJ and INST calls are noted in meta
r = dump([t.path("attack-obj.pkl")])[t.path("attack-obj.pkl")]
calls = r["meta"]["pickles"][0]["calls"]
t.check(any(c["opcode"] == "OBJ" and c["verdict"] == "dangerous" and
            "subprocess.check_output" in c["callable"] for c in calls), "OBJ call noted", r)

# getattr + import_module gadget (protocol 2 spelling)
data = (glob("__builtin__", "getattr") + b"(" + glob("importlib", "import_module") +
        b"(S'os'\ntRS'system'\ntR(S'id'\ntR.")
p = t.write("gadget.pkl", data)
r = dump([p])[p]
t.check(has_global(r, "builtins", "getattr", "dangerous") is not None, "gadget: getattr", r)
t.check(has_global(r, "importlib", "import_module", "dangerous") is not None,
        "gadget: import_module", r)
calls = r["meta"]["pickles"][0]["calls"]
t.check(any(c["callable"].startswith("result of") and c["verdict"] == "dangerous"
            for c in calls), "gadget: calling getattr's result is dangerous", r)

# Dotted names walk attributes: numpy + prod.os.system reaches os.
for name, data in [
    ("dotted-global", glob("numpy", "prod.os.system") + b"(S'id'\ntR."),
    ("dotted-stack", b"\x80\x04" + su("numpy") + su("core._internal.sys.modules") + b"\x93."),
    ("dunder", glob("numpy", "__builtins__") + b"."),
    ("dunder-chain", glob("collections", "OrderedDict.__init__.__globals__") + b"."),
    ("module-prefix", glob("torch", "jit.load") + b"."),
    ("hub", glob("torch.hub", "load") + b"."),
]:
    p = t.write(name + ".pkl", data)
    r = dump([p])[p]
    t.check(r["meta"]["dangerous"] == 1 and findings(r, "pickle-dangerous-global"),
            f"{name}: dotted/dunder name is dangerous", r)

# An allowed target spelled as a dotted path stays allowed.
p = t.write("dotted-ok.pkl", b"\x80\x04" + su("numpy") + su("core.multiarray._reconstruct") +
            b"\x93.")
r = dump([p])[p]
t.check(r["findings"] == [] and r["meta"]["pickles"][0]["globals"][0]["verdict"] == "allowed",
        "dotted path to an allowed global", r)

# EXT1/2/4 pull globals from the copyreg registry: flagged.
for op, arg in ((b"\x82", b"\x01"), (b"\x83", b"\x01\x02"), (b"\x84", b"\x01\x00\x00\x00")):
    p = t.write("ext.pkl", b"\x80\x02" + op + arg + b")R.")
    r = dump([p])[p]
    g = r["meta"]["pickles"][0]["globals"]
    t.check(len(g) == 1 and g[0]["dynamic"] and g[0]["verdict"] == "dangerous" and
            findings(r, "pickle-dangerous-global")[0]["offset"] == 2, f"EXT {op!r} flagged", r)

# Computed globals: a previous GLOBAL's result from the memo, bytes operands.
cases = [
    ("global-in-memo", glob("numpy", "prod") + binput(0) + b"0" + binget(0) + binget(0) +
     b"\x93."),
    ("bytes-operands", b"\x80\x04C\x02osC\x06system\x93."),
    ("call-result-operand", b"\x80\x04" + glob("collections", "OrderedDict") + b")R" +
     su("system") + b"\x93."),
    ("long-name", b"\x80\x04" + su("os") + b"X" + (300).to_bytes(4, "little") + b"a" * 300 +
     b"\x93."),
]
for name, data in cases:
    p = t.write(name + ".pkl", data)
    r = dump([p])[p]
    dyn = [g for g in r["meta"]["pickles"][0]["globals"] if g["opcode"] == "STACK_GLOBAL"]
    t.check(len(dyn) == 1 and dyn[0]["verdict"] == "dangerous" and
            findings(r, "pickle-dangerous-global"), f"{name}: computed global is dangerous", r)

# BUILD on an imported function sets attributes on it.
p = t.write("build-global.pkl", glob("collections", "OrderedDict") + b"(dS'x'\nI1\nsb.")
r = dump([p])[p]
t.check(findings(r, "pickle-global-mutation") and r["meta"]["dangerous"] == 1,
        "BUILD on an imported global", r)

# Concatenated pickles: the second one is malicious.
data = pickle.dumps({"ok": 1}, protocol=2) + glob("os", "system") + b"(S'id'\ntR."
p = t.write("concat.pkl", data)
r = dump([p])[p]
pk = r["meta"]["pickles"]
t.check(r["meta"]["pickle_count"] == 2 and len(pk) == 2 and pk[1]["offset"] == data.index(b"cos"),
        "concatenated: two pickles", r)
t.check([f["offset"] for f in findings(r, "pickle-dangerous-global")] == [data.index(b"cos")],
        "concatenated: second pickle's os.system", r)

# Truncated right after REDUCE: still dangerous, plus a malformed finding.
p = t.write("trunc-reduce.pkl", glob("os", "system") + b"(S'id'\ntR")
r = dump([p])[p]
t.check("pickle-dangerous-global" in codes(r) and "pickle-malformed" in codes(r) and
        not r["meta"]["pickles"][0]["complete"], "truncated after REDUCE", r)

# Unknown (not allow-listed, not known-bad) global: a warning.
p = t.write("unknown.pkl", glob("argparse", "Namespace") + b")R.")
r = dump([p])[p]
t.check(codes(r) == ["pickle-unknown-global"] and r["meta"]["unknown"] == 1 and
        r["meta"]["dangerous"] == 0, "unknown global is a warning", r)

# Trailing bytes after the last pickle.
p = t.write("trailing.pkl", b"N.\n\n")
r = dump([p])[p]
t.check(codes(r) == ["pickle-trailing-data"], "trailing data", r)

t.finish()

# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Malformed pickles, table-driven: each gives a finding that names the file
and a byte offset, and the reader never fails or crashes (under the
sanitizer build too): truncation at every opcode, lengths near 2^64, bad
memo indexes, stack underflow, deep MARK nesting, expansion via DUP and the
memo, exhausted limits."""

import os
import pickle
import pickletools
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pkltest import Suite, codes, dump, findings, glob, su  # noqa: E402

t = Suite("pickle_malformed")
U8 = (1 << 64) - 1
I63 = (1 << 63) - 1


def le(n, size):
    return n.to_bytes(size, "little")


# (name, bytes, expected code, expected offset or None, extra options)
table = [
    ("empty", b"", "pickle-malformed", 0),
    ("not-a-pickle", b"\xff\x00junk", "pickle-malformed", 0),
    ("bad-opcode-inside", b"(\xff.", "pickle-malformed", 1),
    ("no-stop", b"\x80\x02N", "pickle-malformed", 3),
    ("binunicode8-2^64", b"\x80\x04\x8d" + le(U8, 8) + b"x", "pickle-malformed", 2),
    ("binunicode8-2^63", b"\x80\x04\x8d" + le(I63, 8) + b"x", "pickle-malformed", 2),
    ("binbytes8-2^64", b"\x80\x04\x8e" + le(U8, 8), "pickle-malformed", 2),
    ("binbytes8-2^63", b"\x80\x04\x8e" + le(I63, 8) + b"abc", "pickle-malformed", 2),
    ("bytearray8-2^64", b"\x80\x05\x96" + le(U8, 8), "pickle-malformed", 2),
    ("long4-negative", b"\x80\x02\x8b" + le(0xFFFFFFFF, 4), "pickle-malformed", 2),
    ("long4-2^31", b"\x80\x02\x8b" + le(0x7FFFFFFF, 4) + b"\x01", "pickle-malformed", 2),
    ("binstring-negative", b"T" + le(0x80000000, 4), "pickle-malformed", 0),
    ("binunicode-2^32", b"X" + le(0xFFFFFFFF, 4) + b"ab", "pickle-malformed", 0),
    ("frame-2^64", b"\x80\x04\x95" + le(U8, 8) + b"N.", "pickle-malformed", 2),
    ("frame-beyond", b"\x80\x04\x95" + le(1 << 40, 8) + b"N.", None, None),
    ("memo-binget", b"\x80\x02h\x05.", "pickle-malformed", 2),
    ("memo-long-binget", b"\x80\x02j" + le(0xFFFFFFFF, 4) + b".", "pickle-malformed", 2),
    ("memo-get-text", b"g99\n.", "pickle-malformed", 0),
    ("memo-get-garbage", b"gxyz\n.", "pickle-malformed", 0),
    ("put-negative", b"Np-1\n.", "pickle-malformed", 1),
    ("put-empty-stack", b"q\x00.", "pickle-malformed", 0),
    ("pop-underflow", b"0.", "pickle-malformed", 0),
    ("reduce-underflow", b"R.", "pickle-malformed", 0),
    ("tuple-no-mark", b"Nt.", "pickle-malformed", 1),
    ("stop-empty", b".", "pickle-malformed", 0),
    ("stop-after-mark", b"N(.", "pickle-malformed", 2),
    ("dup-empty", b"2.", "pickle-malformed", 0),
    ("setitems-odd", b"}(NNNu.", "pickle-malformed", 5),
    ("dict-odd", b"(Nd.", "pickle-malformed", 2),
    ("string-unquoted", b"Sos\n.", "pickle-malformed", 0),
    ("string-bad-escape", b"S'\\x4'\n.", "pickle-malformed", 0),
    ("unicode-bad-escape", b"V\\u00\n.", "pickle-malformed", 0),
    ("binunicode-bad-utf8", b"X\x02\x00\x00\x00\xff\xfe.", "pickle-malformed", 0),
    ("proto-6", b"\x80\x06N.", "pickle-malformed", 0),
    ("global-truncated", b"cos\nsys", "pickle-malformed", 0),
    ("global-no-newline", b"cos", "pickle-malformed", 0),
    ("trailing-garbage", b"N.\x00\x01", "pickle-trailing-data", 2),
]
paths = {}
for name, data, code, off in table:
    paths[t.write(name + ".pkl", data)] = (name, code, off)
for mode in ([], ["--mem"]):
    res = dump(list(paths), *mode)
    for path, (name, code, off) in paths.items():
        r = res[path]
        t.check(r["rc"] == 0, f"{name}: reader succeeds", r)
        if code is None:
            continue
        fs = findings(r, code)
        t.check(fs and (off is None or fs[0]["offset"] == off),
                f"{name}: {code} at byte {off} {mode}", r)
        t.check(fs and os.path.basename(path) in fs[0]["message"] and
                "byte" in fs[0]["message"], f"{name}: message names file and byte", r)

# A frame longer than the input: CPython fails at FRAME; the scan still
# reads the opcodes after it and reports nothing worse than that.
r = dump([t.path("frame-beyond.pkl")])[t.path("frame-beyond.pkl")]
t.check(r["meta"]["pickles"][0]["complete"], "frame beyond the input: opcodes still read", r)

# ---- truncated at every opcode boundary and inside every argument ----------
for proto in (0, 2, 4, 5):
    data = pickle.dumps({"k": [1, 2.5, "s" * 300, b"b", (None, True)], "n": 2**80}, protocol=proto)
    starts = [pos for _, _, pos in pickletools.genops(data)]
    cuts = sorted(set(starts) | {s + 1 for s in starts if s + 1 < len(data)})
    cut_paths = {t.write(f"cut{proto}-{k}.pkl", data[:k]): k for k in cuts}
    res = dump(list(cut_paths))
    for path, k in cut_paths.items():
        r = res[path]
        fs = findings(r, "pickle-malformed")
        t.check(len(fs) >= 1 and fs[0]["offset"] <= k and r["meta"]["dangerous"] == 0,
                f"protocol {proto} cut at {k}: malformed with an offset", r)

# ---- limits -----------------------------------------------------------------
lim = ["--max-entries", "1000"]
cases = [
    # deep MARK nesting, then an import that must still be judged
    ("deep-marks", b"(" * 5000 + glob("os", "system") + b".", ["pickle-limit",
                                                               "pickle-dangerous-global"]),
    # DUP expansion, then memo expansion
    ("dup-laughs", b"]" + b"2" * 100000 + b".", ["pickle-limit"]),
    ("memo-laughs", b"\x80\x04]" + b"\x94" * 100000 + b".", ["pickle-limit"]),
    ("put-sparse", b"N" + b"".join(b"p%d\n" % (i * 7919) for i in range(3000)) + b".",
     ["pickle-limit"]),
    # too many opcodes for max_ops (100 x max_entries)
    ("many-ops", b"N0" * 60000 + b"N.", ["pickle-scan-incomplete"]),
    # more concatenated pickles than the entry limit
    ("many-pickles", b"N." * 2000, ["pickle-scan-incomplete"]),
    # after the limit, STACK_GLOBAL can no longer be followed: dangerous
    ("stack-global-after-limit", b"\x80\x04" + b"(" * 2000 + su("collections") +
     su("OrderedDict") + b"\x93.", ["pickle-limit", "pickle-dangerous-global"]),
]
paths = {t.write(n + ".pkl", d): (n, want) for n, d, want in cases}
res = dump(list(paths), *lim)
for path, (name, want) in paths.items():
    r = res[path]
    t.check(all(c in codes(r) for c in want) and r["rc"] == 0, f"{name}: {want}", r)

# Past the memo limit only the memo is given up: globals whose names are
# pushed right before STACK_GLOBAL (as the pickler writes them) stay exact;
# names fetched from the memo do not.
many = b"\x80\x04]" + b"".join(su(f"s{i}") + b"\x94a" for i in range(3000))
for name, tail, want_dangerous in (
        ("no-memo-literal", su("collections") + su("OrderedDict") + b"\x93.", 0),
        ("no-memo-routed", b"h\x00h\x01\x93.", 1)):
    p = t.write(name + ".pkl", many + tail)
    r = dump([p], *lim)[p]
    pk = r["meta"]["pickles"][0]
    t.check(codes(r)[:1] == ["pickle-limit"] and pk["simulation"] == "no-memo" and
            r["meta"]["dangerous"] == want_dangerous and pk["complete"],
            f"{name}: memo dropped, dangerous={want_dangerous}", r)

# A tuple nesting million levels deep and a billion-laughs memo pattern with
# the default limits: bounded time and memory, no crash.
laughs = b"\x80\x04N\x94" + b"".join(b"h%c" % (i % 200) + b"\x85\x94" for i in range(200000)) + b"."
paths = [t.write("nest.pkl", b"N" + b"\x85" * 1000000 + b"."), t.write("laughs.pkl", laughs)]
res = dump(paths)
for p in paths:
    r = res[p]
    t.check(r["rc"] == 0 and r["meta"]["pickles"][0]["complete"], f"{p}: scanned whole", r)

# A tiny value budget: strings stop being kept, imports stay judged.
p = t.write("budget.pkl", b"\x80\x04" + su("a" * 200) * 50 + glob("os", "system") + b".")
r = dump([p], "--max-text", "1000")[p]
t.check("pickle-limit" in codes(r) and "pickle-dangerous-global" in codes(r), "value budget", r)

# Streamed content: only a prefix is available.
data = pickle.dumps(list(range(10000)), protocol=2)
p = t.write("prefix.pkl", data)
r = dump([p], "--prefix", "100")[p]
t.check(codes(r) == ["pickle-scan-incomplete"], "prefix only: scan incomplete", r)

t.finish()

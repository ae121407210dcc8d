#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Licence evaluation (not a test): how trulyopen identifies and judges public
licence texts and licence strings it was not written from.

    bench/license-eval.py [options] LICENSEDB_DIR

LICENSEDB_DIR is a folder of ScanCode LicenseDB texts (aboutcode-org/
scancode-licensedb, docs/*.LICENSE: YAML front matter with key, category,
spdx_license_key, name, short_name, then the text). Each text's truth comes
from that front matter, never from trulyopen (but for a ScanCode name that is,
loosely, the SPDX list's own name or id of another licence: SPDX decides what
its names mean, "X11 License" is X11, not ScanCode's ICU):

  * free, from ScanCode's category: Permissive, Public Domain, Copyleft,
    Copyleft Limited, Patent License are free; Proprietary Free,
    Source-available, Free Restricted, Commercial are restrictive; CLA and
    Unstated License say nothing and are left out of the free/not-free figure;
  * the licence, from spdx_license_key when it is an SPDX id.

Texts evaluated: every licence that is not an exception nor deprecated and
that is on the SPDX list or in a restrictive category. The other free
licences (ScanCode-only, no SPDX id) are reported apart: trulyopen does not
ship their texts, so it may only say "unknown" for them, never "restricted".
trulyopen compiles in ScanCode's keys, names and short names
(data/scancode-licenses.tsv), so the strings made of them test that table
and how strings reach it, not what trulyopen would make of a name it has not
seen.

Strings evaluated: for the same licences, their SPDX id (or, without one,
their ScanCode key as LicenseRef-scancode-KEY), their name and short name
as ScanCode writes them, and with --hub the
Hugging Face Hub's licence list (docs/hub/repositories-licenses.md of
huggingface/hub-docs: each id and full name; the id's truth is the SPDX id of
the same spelling when there is one, else the full name's reading must agree
with the id's). A string is right when it gives the SPDX id, or, without
one, when a restrictive licence is not called free.

With --npm the test file of spdx-correct (jslicense/spdx-correct.js,
test.js) adds licence strings written by people in the "license" field of
npm packages ("Apache License V2", "BSD3", "MIT (http://...)", "GPLv3"), each
with the SPDX id spdx-correct gives it. That answer is a guess where the string
does not say, so these are also right:
  * a GNU licence (GPL, LGPL, AGPL, GFDL) of the same version, -only or
    -or-later, when the string says neither "only" nor "later"/"+";
  * any licence of the same family (the id without its version; trulyopen's
    LicenseRef-trulyopen-<family>-family) when the string names no version;
  * for "UNLICENSED", which npm documents as "not licensed to others"
    (spdx-correct reads it as the Unlicense), any answer that is not free.

--split tune|held-out|all picks half of the licences by a hash of their key,
so that what was tuned on one half can be checked on the other. --strict
identifies the texts as `trulyopen license --strict` does (release gates).

Uses the Python bindings of the build tree (bindings/python next to this
script); TRULYOPEN_LIBRARY may name the library to use.
"""
import argparse
import hashlib
import json
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "bindings", "python"))

FREE_CATS = {"Permissive", "Public Domain", "Copyleft", "Copyleft Limited", "Patent License"}
RESTRICTIVE_CATS = {"Proprietary Free", "Source-available", "Free Restricted", "Commercial"}


def front_matter(raw):
    """(fields, text) of a LicenseDB .LICENSE file."""
    fields = {}
    if not raw.startswith("---\n"):
        return fields, raw
    end = raw.find("\n---\n", 4)
    if end < 0:
        return fields, raw
    key = None
    for line in raw[4:end].split("\n"):
        m = re.match(r"^([a-z_]+):\s*(.*)$", line)
        if m:
            key, val = m.group(1), m.group(2).strip()
            if val.startswith(("'", '"')) and val.endswith(val[0]) and len(val) > 1:
                val = val[1:-1]
            fields[key] = val
        elif key == "other_spdx_license_keys" and line.strip().startswith("- "):
            fields.setdefault("_other_spdx", []).append(line.strip()[2:])
    return fields, raw[end + 5:]


def half(key):
    return "tune" if hashlib.sha1(key.encode()).digest()[0] % 2 == 0 else "held-out"


def load(folder):
    out = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".LICENSE"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
            fields, text = front_matter(f.read())
        if fields.get("is_exception") == "yes" or fields.get("is_deprecated") == "yes":
            continue
        key = fields.get("key") or name[:-8]
        spdx = fields.get("spdx_license_key", "")
        cat = fields.get("category", "")
        out.append({"key": key, "cat": cat, "text": text,
                    "spdx": spdx if spdx and not spdx.startswith("LicenseRef-") else None,
                    "name": fields.get("name", ""), "short": fields.get("short_name", ""),
                    "split": half(key)})
    return out


def hub_list(path):
    """(id, full name) pairs of the Hub's licence table."""
    rows, inside = [], False
    for line in open(path, encoding="utf-8"):
        if "region licenses" in line:
            inside = True
        elif "endregion" in line:
            inside = False
        elif inside and line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) >= 2 and cells[1].startswith("`"):
                rows.append((cells[1].strip("`"), cells[0].replace("\\*", "*")))
    return rows


def npm_examples(path):
    """(string, SPDX id) pairs of spdx-correct's test.js `examples` object."""
    src = open(path, encoding="utf-8").read()
    m = re.search(r"var examples = \{\n(.*?)\n\}", src, re.S)
    if not m:
        sys.exit("license-eval: no `var examples = {` in %s" % path)
    pat = re.compile(r"""^\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([A-Za-z_$][\w$]*))"""
                     r"""\s*:\s*'((?:[^'\\]|\\.)*)',?\s*$""")
    unesc = lambda t: re.sub(r"\\(.)", r"\1", t)
    rows = []
    for line in m.group(1).split("\n"):
        if not line.strip() or line.strip().startswith("//"):
            continue
        mm = pat.match(line)
        if not mm:
            sys.exit("license-eval: %s: cannot read %r" % (path, line))
        key = mm.group(1) if mm.group(1) is not None else (
            mm.group(2) if mm.group(2) is not None else mm.group(3))
        rows.append((unesc(key), unesc(mm.group(4))))
    return rows


GNU = re.compile(r"^(A?GPL|LGPL|GFDL)-(\d\.\d+)(-only|-or-later)?$")


def family(expr):
    """'GPL' for GPL-3.0-or-later, 'BSD' for BSD-2-Clause or
    LicenseRef-trulyopen-bsd-family, 'EPL' for EPL-1.0."""
    m = re.match(r"^LicenseRef-trulyopen-(.*)-family$", expr)
    if m:
        return m.group(1).upper()
    return re.split(r"-(?=\d)", expr, 1)[0].upper()


def npm_right(s, want, got, free, known):
    """Whether got is a right answer to s for spdx-correct's answer want."""
    if s.strip().upper() == "UNLICENSED":
        return not free
    if got == want:
        return True
    # a choice the string offers ("Affero GPL or Commercial"): spdx-correct
    # gives one licence, so one branch of an OR may be it
    if re.search(r"\bor\b", s, re.I) and " OR " in got and "(" not in got:
        return any(npm_right(s, want, b, False, known) for b in got.split(" OR "))
    low = s.lower()
    gw, gg = GNU.match(want), GNU.match(got)
    if gw and gg and gw.group(1, 2) == gg.group(1, 2) and not re.search(
            r"only|later|newer|\+", low):
        return True
    return (known and not re.search(r"\d", s) and " " not in got
            and family(got) == family(want))


def spdx_name_key(s):
    """A loose key of a licence name or id: lower case, words only, without
    "license", "version", "the", a "v" before a version, and ".0" ends."""
    s = s.lower().replace("licence", "license")
    out = []
    for w in re.findall(r"[a-z0-9]+(?:\.[0-9]+)*", s):
        if w in ("the", "license", "licenses", "version", "v", "agreement"):
            continue
        w = re.sub(r"^v(?=[0-9])", "", w)
        w = re.sub(r"(\.0)+$", "", w)
        out.append(w)
    return " ".join(out)


def spdx_names():
    """Loose key -> SPDX id, from the SPDX list's ids and full names (the
    SPDX facts trulyopen ships; ambiguous keys left out)."""
    keys = {}
    for line in open(os.path.join(HERE, "..", "data", "spdx-licenses.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        c = line.rstrip("\n").split("\t")
        if c[4] == "y":  # deprecated
            continue
        for s in (c[0], c[1]):
            k = spdx_name_key(s)
            keys[k] = c[0] if keys.get(k, c[0]) == c[0] else None
    return keys


def pct(a, b):
    return "%d/%d (%.1f%%)" % (a, b, 100.0 * a / b) if b else "0/0"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--split", choices=["tune", "held-out", "all"], default="all")
    ap.add_argument("--hub", help="hub-docs repositories-licenses.md")
    ap.add_argument("--npm", help="spdx-correct's test.js (jslicense/spdx-correct.js)")
    ap.add_argument("--show", type=int, default=15, help="misses listed per kind")
    ap.add_argument("--strict", action="store_true",
                    help="identify texts as `trulyopen license --strict` does")
    ap.add_argument("--json", help="write every answer to this file")
    args = ap.parse_args()

    from trulyopen import licenses as L
    from trulyopen import errors

    data = load(args.folder)
    if args.split != "all":
        data = [d for d in data if d["split"] == args.split]
    answers = []

    # ---- texts
    t0 = time.monotonic()
    for d in data:
        r = L.identify_license(d["text"].encode("utf-8"), strict=args.strict)
        d["got"] = r
        answers.append({"key": d["key"], "category": d["cat"], "spdx": d["spdx"],
                        "expression": r.expression, "free": r.free,
                        "confidence": r.confidence})
    elapsed = time.monotonic() - t0

    def canon(i):
        try:
            return L.license(i).expression
        except errors.Error:
            return i

    evaluated = [d for d in data if d["spdx"] or d["cat"] in RESTRICTIVE_CATS]
    judged = [d for d in evaluated if d["cat"] in FREE_CATS | RESTRICTIVE_CATS]
    restrictive = [d for d in evaluated if d["cat"] in RESTRICTIVE_CATS]
    with_id = [d for d in evaluated if d["spdx"]]
    false_free = [d for d in restrictive if d["got"].free]
    right_free = [d for d in judged if d["got"].free == (d["cat"] in FREE_CATS)]
    for d in with_id:
        d["want"] = canon(d["spdx"])
    exact = [d for d in with_id if d["got"].expression == d["want"]]
    others = [d for d in data if d not in evaluated and d["cat"] in FREE_CATS]
    others_free = [d for d in others if d["got"].free]
    others_restricted = [d for d in others if d["got"].category not in ("unknown",)
                         and not d["got"].free]

    print("LicenseDB texts (%s): %d evaluated (%d with an SPDX id, %d restrictive)"
          % (args.split, len(evaluated), len(with_id), len(restrictive)))
    print("  false free on restrictive texts:   %s" % pct(len(false_free), len(restrictive)))
    print("  free/not-free right:               %s" % pct(len(right_free), len(judged)))
    print("  exact id (texts with an SPDX id):  %s" % pct(len(exact), len(with_id)))
    print("  other free texts (no SPDX id):     %d; called free %s, called restricted %s"
          % (len(others), pct(len(others_free), len(others)),
             pct(len(others_restricted), len(others))))
    print("  time: %.1f ms per text (%d texts, in-process)"
          % (1000.0 * elapsed / max(len(data), 1), len(data)))
    for label, rows, fmt in (
            ("FALSE FREE", false_free, lambda d: "%s [%s] -> %s" % (d["key"], d["cat"], d["got"].expression)),
            ("free/not-free wrong", [d for d in judged if d not in right_free],
             lambda d: "%s [%s] -> %s (%s)" % (d["key"], d["cat"], d["got"].expression, d["got"].category)),
            ("id wrong", [d for d in with_id if d not in exact],
             lambda d: "%s: want %s, got %s" % (d["key"], d["want"], d["got"].expression))):
        if rows:
            print("  %s (%d):" % (label, len(rows)))
            for d in rows[:args.show]:
                print("    " + fmt(d))

    # ---- AI licences: ScanCode keys trulyopen maps (data/scancode-keys.tsv)
    keys = {}
    for line in open(os.path.join(HERE, "..", "data", "scancode-keys.tsv"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            k, e = line.rstrip("\n").split("\t")[:2]
            keys[k] = e
    ai = [d for d in data if d["key"] in keys]
    ai_ok = [d for d in ai if d["got"].expression == L.license(keys[d["key"]]).expression]
    print("  licences SPDX lacks that trulyopen names (AI models...): %s identified as them"
          % pct(len(ai_ok), len(ai)))
    for d in [d for d in ai if d not in ai_ok][:args.show]:
        print("    %s: want %s, got %s" % (d["key"], keys[d["key"]], d["got"].expression))

    # ---- strings
    strings = []  # (text, want id or None, restrictive, source)
    sk, conflicts = spdx_names(), []
    for d in evaluated:
        restr = d["cat"] in RESTRICTIVE_CATS
        want = d.get("want")
        cands = []
        if d["spdx"]:
            cands.append((d["spdx"], "spdx id"))
        else:  # tools write the SPDX id when there is one
            cands.append(("LicenseRef-scancode-" + d["key"], "scancode key"))
        cands += [(d["name"], "name"), (d["short"], "short name")]
        for s, src in cands:
            if not s:
                continue
            # SPDX says what its own names mean: "X11 License" is X11 for SPDX,
            # ICU for ScanCode
            own = sk.get(spdx_name_key(s)) if src != "spdx id" else None
            if own and canon(own) != want:
                conflicts.append((s, want, canon(own)))
                strings.append((s, canon(own), restr, src))
            else:
                strings.append((s, want, restr, src))
    if args.hub:
        for hid, full in hub_list(args.hub):
            if args.split != "all" and half("hub:" + hid) != args.split:
                continue
            try:
                want = L.lookup_license(hid).id
                want = canon(want)
            except errors.Error:
                want = None
            strings.append((hid, want, False, "hub id"))
            strings.append((full, want or ("=" + hid), False, "hub name"))
    if args.npm:
        for text, sid in npm_examples(args.npm):
            if args.split != "all" and half("npm:" + text) != args.split:
                continue
            strings.append((text, canon(sid), False, "npm"))
    right, wrong, false_free_s = 0, [], []
    by_src = {}
    for s, want, restr, src in strings:
        try:
            r = L.license(s)
            got, free, known = r.expression, r.free, r.category != "unknown"
        except errors.Error as e:
            got, free, known = "ERROR: %s" % e, False, False
        if want and want.startswith("="):
            try:
                want = L.license(want[1:]).expression
            except errors.Error:
                want = None
        if src == "npm":
            ok = npm_right(s, want, got, free, known)
        else:
            ok = got == want if want else not (restr and free)
        if restr and free:
            false_free_s.append((s, got, src))
        n = by_src.setdefault(src, [0, 0])
        n[0] += ok
        n[1] += 1
        right += ok
        if not ok:
            wrong.append((src, s, want, got))
    print("Licence strings (%s): %d" % (args.split, len(strings)))
    print("  false free on restrictive strings: %s"
          % pct(len(false_free_s), sum(1 for x in strings if x[2])))
    print("  right:                             %s" % pct(right, len(strings)))
    print("  ScanCode names that are SPDX's name of another licence, judged by SPDX: %d"
          % len(conflicts))
    for s, want, own in conflicts[:args.show]:
        print("    %r: ScanCode %s, SPDX %s" % (s, want, own))
    for src, (a, b) in sorted(by_src.items()):
        print("    %-12s %s" % (src, pct(a, b)))
    for s, got, src in false_free_s:
        print("    FALSE FREE (%s): %r -> %s" % (src, s, got))
    for src, s, want, got in wrong[:args.show * 3]:
        print("    miss (%s): %r: want %s, got %s" % (src, s, want or "not free", got))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(answers, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())

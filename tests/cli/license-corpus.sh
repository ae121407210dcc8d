#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Real licence texts (../shared/corpus/licenses, or $TRO_CORPUS/licenses) identified without reference
# texts: every non-free text must come out not free, and the identification
# rate is reported. With --license-dir /usr/share/common-licenses, the texts
# whose licence is there must match it at a score of at least 0.9.
set -u
corpus="${TRO_CORPUS:-$top_srcdir/../shared/corpus}/licenses"
[ -f "$corpus/INDEX.tsv" ] || { echo "no corpus at $corpus: skip"; exit 77; }
[ -n "${PYTHON3:-}" ] || { echo "python3 not found: skip"; exit 77; }
exec "$PYTHON3" - "$corpus" "$TRULYOPEN" <<'PY'
import json, os, subprocess, sys
corpus, tro = sys.argv[1], sys.argv[2]
def run(*args):
    p = subprocess.run([tro, "license", "--format", "json", *args], capture_output=True, text=True)
    if p.returncode != 0:
        print("FAIL: exit %d for %s: %s" % (p.returncode, args, p.stderr)); sys.exit(1)
    return json.loads(p.stdout)
rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(corpus, "INDEX.tsv"))][1:]
nonfree_cats = {"Proprietary Free", "Source-available", "Free Restricted"}
exact = false_free = 0
for f, key, spdx, cat, name in rows:
    want = run(spdx)["expression"]
    got = run("--file", os.path.join(corpus, f))
    ok = got["expression"] == want
    exact += ok
    if cat in nonfree_cats and got["free"]:
        false_free += 1
        print("FALSE FREE: %s identified as %s" % (f, got["expression"]))
    if cat not in nonfree_cats and ok and not got["free"]:
        print("FAIL: %s is %s but came out not free: %s" % (f, want, got["reason"])); false_free += 1
    print("%-36s %-4s %s (expected %s, confidence %.2f)" % (f, "ok" if ok else "MISS", got["expression"], want, got["confidence"]))
print("identified exactly: %d of %d (%.1f%%); false free: %d" % (exact, len(rows), 100.0 * exact / len(rows), false_free))
status = 0 if false_free == 0 and exact >= len(rows) - 2 else 1
deb = "/usr/share/common-licenses"
if os.path.isdir(deb):
    have = {"apache-2.0.txt": "Apache-2.0", "cc0-1.0.txt": "CC0-1.0", "gpl-3.0.txt": "GPL-3.0-only",
            "lgpl-3.0.txt": "LGPL-3.0-only", "mpl-2.0.txt": "MPL-2.0", "bsd-new.txt": "BSD-3-Clause"}
    for f, want in have.items():
        if not os.path.exists(os.path.join(deb, {"Apache-2.0": "Apache-2.0", "CC0-1.0": "CC0-1.0",
                "GPL-3.0-only": "GPL-3", "LGPL-3.0-only": "LGPL-3", "MPL-2.0": "MPL-2.0", "BSD-3-Clause": "BSD"}[want])):
            continue
        got = run("--file", os.path.join(corpus, f), "--license-dir", deb)
        tmpl = [e["text"] for e in got["evidence"] if e["kind"] == "template"]
        score = float(tmpl[0].split("score ")[1].split(",")[0]) if tmpl else 0
        print("%-20s vs %s: %s score %.3f" % (f, deb, got["expression"], score))
        if got["expression"] != want or score < 0.9:
            print("FAIL: %s should match %s at >= 0.9" % (f, want)); status = 1
else:
    print("%s absent: template part skipped" % deb)
sys.exit(status)
PY

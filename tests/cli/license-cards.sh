#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Every `license:` value of the model and dataset cards in ../shared/corpus/cards
# (INDEX.tsv, column license_field_value) classifies to a known licence. For
# `other`, the license_name given (or the licence named in the note) is used.
set -u
index="${TRO_CORPUS:-$top_srcdir/../shared/corpus}/cards/INDEX.tsv"
[ -f "$index" ] || { echo "no corpus at $index: skip"; exit 77; }
[ -n "${PYTHON3:-}" ] || { echo "python3 not found: skip"; exit 77; }
exec "$PYTHON3" - "$index" "$TRULYOPEN" <<'PY'
import json, re, subprocess, sys
index, tro = sys.argv[1], sys.argv[2]
status = checked = 0
for line in list(open(index))[1:]:
    cols = line.rstrip("\n").split("\t")
    f, value = cols[0], cols[4]
    clean = re.sub(r"\s*\([^)]*\)", "", value) # notes in parentheses are not fields
    fields = dict((k, v.strip()) for k, v in re.findall(r"(license(?:_name|_link)?): ([^;]+)", clean))
    lic = fields.get("license")
    name = fields.get("license_name")
    if lic is None and name is None:
        print("%-45s no license: key (%s): not checked" % (f, value[:60])); continue
    lic = (lic or "other").strip()
    note = re.search(r"\(body: ([^)]*)\)", value)
    if lic.strip("[]").strip() in ("other",) and not name and note:
        name = note.group(1)
    if lic.strip("[] ") == "unknown" or (lic.strip("[] ") == "other" and not name):
        args = [lic]
        expect_known = False
    else:
        args = [lic] + (["--license-name", name] if name else []) + \
               (["--license-link", fields["license_link"].strip()] if "license_link" in fields else [])
        expect_known = True
    p = subprocess.run([tro, "license", "--format", "json", *args], capture_output=True, text=True)
    if p.returncode:
        print("FAIL: %s: %s" % (f, p.stderr.strip())); status = 1; continue
    d = json.loads(p.stdout)
    unknown = d["category"] == "unknown" and any(l["category"] == "unknown" for l in d["licenses"])
    print("%-45s %-60s -> %s [%s]" % (f, " ".join(args)[:60], d["expression"], d["category"]))
    checked += 1
    if expect_known and unknown:
        print("FAIL: %s: '%s' is unknown" % (f, value)); status = 1
    if not expect_known and (d["free"] or d["category"] != "unknown"):
        print("FAIL: %s: '%s' must stay unknown and not free" % (f, value)); status = 1
print("%d license values classified" % checked)
sys.exit(status)
PY

#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Maintainer tool: reduces the ScanCode LicenseDB (a checkout of
aboutcode-org/scancode-licensedb, its docs/*.LICENSE files) to the facts
trulyopen compiles in, written as data/scancode-licenses.tsv:

    scancode-import.py LICENSEDB_DOCS_DIR COMMIT DATE > data/scancode-licenses.tsv

Not run by the build: the build reads the file this writes (gen-table.py).
Kept of each licence that is neither deprecated nor an exception: its key,
its SPDX id (empty when ScanCode gives it a LicenseRef-scancode- id), its
ScanCode category, its name and its short name. Nothing of the texts is kept.
"""
import os
import re
import sys

FIELDS = ("key", "spdx_license_key", "category", "name", "short_name",
          "is_deprecated", "is_exception")


def front_matter(path):
    """The top-level scalar fields of a .LICENSE file's YAML front matter.
    The files are written by ScanCode in one plain layout: "field: value"
    lines, values possibly quoted, lists indented below their field."""
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    if not raw.startswith("---\n"):
        sys.exit("scancode-import: %s: no front matter" % path)
    end = raw.find("\n---\n", 4)
    if end < 0 and raw.endswith("\n---"):
        end = len(raw) - 4
    if end < 0:
        sys.exit("scancode-import: %s: front matter not closed" % path)
    out, last = {}, None
    for line in raw[4:end].split("\n"):
        m = re.match(r"^([a-z_]+):\s*(.*)$", line)
        if not m:
            if last in out and line[:1] == " " and not line.strip().startswith("- "):
                out[last] += " " + line.strip()  # a value folded on the next line
            continue
        last = m.group(1)
        if last not in FIELDS:
            continue
        val = m.group(2).strip()
        if len(val) > 1 and val[0] in "'\"" and val[-1] == val[0]:
            q = val[0]
            val = val[1:-1].replace(q + q, q) if q == "'" else val[1:-1]
        out[m.group(1)] = val
    return out


def clean(s):
    if "\t" in s or "\n" in s:
        sys.exit("scancode-import: a tab or newline in %r" % s)
    return s


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.split("\n\n")[1])
    folder, commit, date = sys.argv[1:]
    rows = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".LICENSE"):
            continue
        f = front_matter(os.path.join(folder, name))
        if f.get("is_deprecated") == "yes" or f.get("is_exception") == "yes":
            continue
        key = f.get("key") or sys.exit("scancode-import: %s: no key" % name)
        spdx = f.get("spdx_license_key", "")
        if spdx.startswith("LicenseRef-"):
            spdx = ""
        rows.append((key, spdx, f.get("category", ""), f.get("name", ""), f.get("short_name", "")))
    w = sys.stdout.write
    w("# Facts of the ScanCode LicenseDB, in trulyopen's own format (written by\n")
    w("# lib/license/scancode-import.py; see NOTICE for its licence).\n")
    w("# source: https://github.com/aboutcode-org/scancode-licensedb commit %s (%s)\n"
      % (commit, date))
    w("# Licences that are neither deprecated nor exceptions. Columns: key, SPDX id (empty when\n")
    w("# ScanCode has none), ScanCode category, name, short name\n")
    for r in rows:
        w("\t".join(clean(x) for x in r) + "\n")


if __name__ == "__main__":
    main()

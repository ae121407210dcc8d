#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Maintainer tool: reduces the SPDX License List sources (the license-list-XML
repository: src/*.xml, src/exceptions/*.xml, equivalentwords.txt) to the word
streams trulyopen's text matcher needs, written as data/spdx-texts.txt.

    spdx-import.py LICENSE_LIST_XML_DIR VERSION | gzip -9n > data/spdx-texts.txt.gz
    spdx-import.py --exceptions LICENSE_LIST_XML_DIR VERSION > data/spdx-exceptions.tsv

Not run by the build: the build reads the file this writes (gen-templates.py).
What is kept of each licence: its words, lower-cased, without punctuation,
bullets or list numbers; what the SPDX markup says may be left out or
replaced (titles, copyright lines, <optional> and <alt> text) is written
between "[" and "]". The standard licence header (the notice that says a
file is under the licence) is kept as a template of its own. The tokenizer
here is the one lib/license/normal.c applies to texts at run time."""
import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from licwords import tokens  # noqa: E402

NS = "{http://www.spdx.org/license}"
# What trop_norm_split() takes for a copyright statement at the start of a line.
COPYRIGHT = re.compile(r"^[^A-Za-z0-9(\u00a9]*(copyright\s*(\(c\)|\u00a9|[0-9])|\(c\)|\u00a9)",
                       re.IGNORECASE)


class Walker:
    """Flattens a <text> element to words and optional-markers."""

    def __init__(self):
        self.items = []
        self.header = None  # items of a standardLicenseHeader met inside the text

    def text(self, s):
        """Adds the words of s; a line that is a copyright statement is
        optional, as the run-time normaliser drops such lines from texts."""
        if not s:
            return
        for line in s.split("\n"):
            words = tokens(line)
            if words and COPYRIGHT.match(line):
                self.items.append("[")
                self.items.extend(words)
                self.items.append("]")
            else:
                self.items.extend(words)

    def walk(self, el, skip_header=False):
        tag = el.tag.replace(NS, "")
        if tag in ("bullet", "crossRefs", "notes", "obsoletedBys"):
            self.text(el.tail)
            return
        if tag == "standardLicenseHeader":
            sub = Walker()
            sub.text(el.text)
            for c in el:
                sub.walk(c)
            self.header = sub.items
            if not skip_header:
                self.items.append("[")
                self.items.extend(sub.items)
                self.items.append("]")
            self.text(el.tail)
            return
        opt = tag in ("optional", "alt", "titleText", "copyrightText")
        if opt:
            self.items.append("[")
        self.text(el.text)
        for c in el:
            self.walk(c, skip_header)
        if opt:
            self.items.append("]")
        self.text(el.tail)


def tidy(items):
    """Drops empty optional groups."""
    out = []
    for it in items:
        if it == "]" and out and out[-1] == "[":
            out.pop()
            continue
        out.append(it)
    return out


def wrap(items, width=100):
    lines, cur, n = [], [], 0
    for it in items:
        if n + len(it) + 1 > width and cur:
            lines.append(" ".join(cur))
            cur, n = [], 0
        cur.append(it)
        n += len(it) + 1
    if cur:
        lines.append(" ".join(cur))
    return lines


def exceptions_tsv(src, version):
    """The list of exception ids (data/spdx-exceptions.tsv)."""
    import glob
    rows = []
    for path in glob.glob(os.path.join(src, "src", "exceptions", "*.xml")):
        for el in ET.parse(path).getroot():
            if el.tag.replace(NS, "") == "exception":
                dep = bool(el.get("deprecatedVersion")) or el.get("isDeprecated") == "true"
                rows.append((el.get("licenseId"), "y" if dep else "n"))
    out = sys.stdout
    out.write("# SPDX license exceptions (the right-hand side of WITH), in trulyopen's own format.\n")
    out.write("# list-version: %s (written by lib/license/spdx-import.py --exceptions)\n" % version)
    out.write("# Columns: id, deprecated (y/n)\n")
    for lid, dep in sorted(rows, key=lambda r: r[0].lower()):
        out.write("%s\t%s\n" % (lid, dep))


def main():
    if sys.argv[1] == "--exceptions":
        exceptions_tsv(sys.argv[2], sys.argv[3])
        return
    src, version = sys.argv[1], sys.argv[2]
    import glob
    out = sys.stdout
    out.write("# SPDX License List %s, reduced by lib/license/spdx-import.py to the words\n" % version)
    out.write("# trulyopen's licence text matcher needs. Source, licence and notice:\n")
    out.write("# data/spdx-texts.NOTICE. Records: \"=KIND ID\" (KIND: license, header,\n")
    out.write("# exception), then the words; \"[\" and \"]\" enclose text that may be left out\n")
    out.write("# or replaced. \"%equiv A B\" lines: word B counts as word A.\n")
    for line in open(os.path.join(src, "equivalentwords.txt"), encoding="utf-8"):
        parts = line.strip().split(",")
        if len(parts) < 2:
            continue
        a = tokens(parts[0])
        for b in parts[1:]:
            bt = tokens(b)
            if len(a) == 1 and len(bt) == 1 and a != bt:
                out.write("%%equiv %s %s\n" % (a[0], bt[0]))
    files = sorted(glob.glob(os.path.join(src, "src", "*.xml")), key=lambda p: p.lower())
    files += sorted(glob.glob(os.path.join(src, "src", "exceptions", "*.xml")),
                    key=lambda p: p.lower())
    for path in files:
        root = ET.parse(path).getroot()
        for el in root:
            tag = el.tag.replace(NS, "")
            if tag not in ("license", "exception"):
                continue
            lid = el.get("licenseId")
            if el.get("deprecatedVersion") or el.get("isDeprecated") == "true":
                continue
            text = el.find(NS + "text")
            if text is None:
                continue
            w = Walker()
            w.walk(text)
            items = tidy(w.items)
            out.write("=%s %s\n" % (tag, lid))
            out.write("\n".join(wrap(items)) + "\n")
            hdr = w.header
            if hdr is None:
                h = el.find(NS + "standardLicenseHeader")
                if h is not None:
                    sub = Walker()
                    sub.text(h.text)
                    for c in h:
                        sub.walk(c)
                    hdr = sub.items
            hdr = tidy(hdr) if hdr else None
            if hdr and sum(1 for t in hdr if t not in "[]") >= 8:
                out.write("=header %s\n" % lid)
                out.write("\n".join(wrap(hdr)) + "\n")


if __name__ == "__main__":
    main()

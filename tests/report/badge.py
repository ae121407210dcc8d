#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Badges: for the two examples and a hostile release, `trulyopen badge`
writes well-formed SVG (parsed as XML) that names the verdict and each
criterion's mark, refers to nothing outside itself and holds no script;
`check --format badge-svg` writes the same bytes; `badge --shields` and
`check --format shields` write JSON that meets the shields.io endpoint
schema (schemaVersion 1, label and message strings, message not empty,
a named or hex colour, no other key than the schema's) with the SVG's
message. The README's badge (doc/badge-open-model.svg) is the one the
open example gets today.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hostile  # noqa: E402

TRULYOPEN = os.environ["TRULYOPEN"]
SRC = os.environ["top_srcdir"]
CATALOG = os.path.join(SRC, "examples", "catalog")
SVG = "{http://www.w3.org/2000/svg}"
failures = []

# The endpoint schema: its keys and the colours it names.
KEYS = {"schemaVersion", "label", "message", "color", "labelColor", "isError", "namedLogo",
        "logoSvg", "logoColor", "logoWidth", "style", "cacheSeconds"}
COLORS = {"brightgreen", "green", "yellowgreen", "yellow", "orange", "red", "blue",
          "lightgrey", "success", "important", "critical", "informational", "inactive"}


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def run(*args):
    p = subprocess.run([TRULYOPEN, *args], capture_output=True)
    return p.returncode, p.stdout.decode("utf-8")


def endpoint_ok(name, doc):
    check(set(doc) <= KEYS, f"{name}: keys outside the schema: {set(doc) - KEYS}")
    check(doc.get("schemaVersion") == 1 and type(doc.get("schemaVersion")) is int,
          f"{name}: schemaVersion is not the number 1")
    check(isinstance(doc.get("label"), str), f"{name}: label is not a string")
    check(isinstance(doc.get("message"), str) and doc["message"],
          f"{name}: message is not a non-empty string")
    color = doc.get("color")
    check(color in COLORS or bool(re.fullmatch(r"#?[0-9a-fA-F]{3}([0-9a-fA-F]{3})?", color or "")),
          f"{name}: color {color!r} is neither a named nor a hex colour")


def svg_ok(name, text):
    try:
        root = ET.fromstring(text)
    except ET.ParseError as e:
        check(False, f"{name}: the SVG is not well-formed XML: {e}")
        return ""
    check(root.tag == SVG + "svg", f"{name}: the root is {root.tag}, not svg")
    check(float(root.get("width", "0")) > 0 and root.get("height") == "20",
          f"{name}: width/height {root.get('width')}/{root.get('height')}")
    tags = {e.tag.replace(SVG, "") for e in root.iter()}
    check(tags <= {"svg", "title", "linearGradient", "stop", "clipPath", "rect", "g", "text"},
          f"{name}: unexpected elements {tags}")
    for e in root.iter():
        for k, v in e.attrib.items():
            check(not k.lower().startswith("on") and "href" not in k,
                  f"{name}: attribute {k}={v!r}")
            check(not re.search(r"url\((?!#)", v), f"{name}: an outside reference {v!r}")
    return root.findtext(SVG + "title") or ""


def main():
    examples = os.path.join(SRC, "examples", "releases")
    with tempfile.TemporaryDirectory(prefix="trobadge.") as tmp:
        cases = [("open-model", os.path.join(examples, "open-model"), "truly open", "brightgreen"),
                 ("restricted-finetune", os.path.join(examples, "restricted-finetune"),
                  "not truly open: use \u2717 method \u2713 data ~", "red"),
                 ("hostile", hostile.make(tmp), "not truly open: use ", None)]
        for name, path, message, color in cases:
            rc, svg = run("badge", "-c", CATALOG, path)
            check(rc == 0, f"{name}: badge exit {rc}")
            title = svg_ok(name, svg)
            check(title.startswith("trulyopen: " + message), f"{name}: title {title!r}")
            rc, same = run("check", "-c", CATALOG, "-f", "badge-svg", path)
            check(same == svg, f"{name}: check --format badge-svg differs from badge")
            rc, js = run("badge", "--shields", "-c", CATALOG, path)
            check(rc == 0, f"{name}: badge --shields exit {rc}")
            doc = json.loads(js)
            endpoint_ok(name, doc)
            check(title == "trulyopen: " + doc.get("message", ""),
                  f"{name}: the SVG says {title!r}, the endpoint {doc.get('message')!r}")
            check(doc.get("label") == "trulyopen", f"{name}: label {doc.get('label')!r}")
            if color:
                check(doc.get("color") == color, f"{name}: color {doc.get('color')!r}")
            rc, compact = run("check", "-c", CATALOG, "-f", "shields", "--compact", path)
            check(compact.count("\n") == 1 and json.loads(compact) == doc,
                  f"{name}: --compact shields is not the same document on one line")
            # a badge shows only the library's words, nothing of the release
            check("<script" not in svg and "pwned" not in svg, f"{name}: release text in SVG")
    readme_badge = os.path.join(SRC, "doc", "badge-open-model.svg")
    rc, svg = run("badge", "-c", CATALOG, os.path.join(examples, "open-model"))
    with open(readme_badge, encoding="utf-8") as f:
        check(f.read() == svg, "doc/badge-open-model.svg is not the open example's badge: "
              "trulyopen badge -c examples/catalog examples/releases/open-model "
              "-o doc/badge-open-model.svg")
    print(f"badge: {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

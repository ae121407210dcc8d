#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""The Markdown report through real Markdown parsers: cmark-gfm (GitHub's
own, with its table, autolink and strikethrough extensions and raw HTML
let through, as a comment allows some), cmark and Python-Markdown, each
one found. For the examples and a hostile release, the HTML each parser
makes must hold only the writer's own elements (no script, image, frame,
style or handler from the card; links only to http(s)), must show the
payloads as text, must carry the verdict line, the criteria table (as a
table where the parser knows GFM tables) and the collapsed details, and
must mention no one. Skipped (77) when no parser is installed.
"""

import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hostile  # noqa: E402

TRULYOPEN = os.environ["TRULYOPEN"]
SRC = os.environ["top_srcdir"]
CATALOG = os.path.join(SRC, "examples", "catalog")
failures = []

# Elements a parser makes from the writer's Markdown, and its own HTML.
ALLOWED = {"h2", "h4", "p", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td",
           "strong", "em", "a", "code", "details", "summary", "sub", "br", "hr"}


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


class Elements(html.parser.HTMLParser):
    """The elements, attributes and text of a parser's output."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(tag, k, v or "") for k, v in attrs]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.tags.append("!--")


def parsers():
    """name -> function(markdown) -> html, for each parser installed."""
    found = {}
    if shutil.which("cmark-gfm"):
        found["cmark-gfm"] = lambda md: subprocess.run(
            ["cmark-gfm", "--unsafe", "-e", "table", "-e", "autolink", "-e", "strikethrough"],
            input=md, capture_output=True, text=True, check=True).stdout
    if shutil.which("cmark"):
        found["cmark"] = lambda md: subprocess.run(
            ["cmark", "--unsafe"], input=md, capture_output=True, text=True, check=True).stdout
    # python3-markdown is Debian's: this interpreter or Debian's may have it
    script = ("import sys, markdown; sys.stdout.write(markdown.markdown(sys.stdin.read(), "
              "extensions=['tables']))")
    for py in dict.fromkeys([sys.executable, "/usr/bin/python3"]):
        if os.path.exists(py) and subprocess.run([py, "-c", "import markdown"],
                                                 capture_output=True).returncode == 0:
            found["python-markdown"] = lambda md, py=py: subprocess.run(
                [py, "-c", script], input=md, capture_output=True, text=True,
                check=True).stdout
            break
    return found


def report(path, catalog=True):
    args = [TRULYOPEN, "check", "-f", "markdown"] + (["-c", CATALOG] if catalog else []) + [path]
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)}: exit {p.returncode}: {p.stderr}")
    return p.stdout


def inert(name, out, verdict, tables):
    e = Elements()
    e.feed(out)
    text = "".join(e.text)
    stray = sorted(set(e.tags) - ALLOWED)
    check(not stray, f"{name}: elements the writer did not write: {stray}")
    handlers = [a for a in e.attrs if a[1].lower().startswith("on") or a[1] in ("style", "src")]
    check(not handlers, f"{name}: attributes from the card: {handlers}")
    links = [v for t, k, v in e.attrs if k == "href"]
    check(all(v.startswith(("http://", "https://")) for v in links),
          f"{name}: links that are not http(s): {[v for v in links if not v.startswith('http')]}")
    check(verdict in text, f"{name}: the verdict {verdict!r} is not shown")
    for words in ("Use freedom", "Method transparency", "Data access", "Findings"):
        check(words in text, f"{name}: {words!r} is not shown")
    check(e.tags.count("details") == 1 and e.tags.count("summary") == 1,
          f"{name}: expected one collapsed details section")
    if tables:
        check("table" in e.tags and e.tags.count("tr") >= 4, f"{name}: the criteria are no table")
    return text


def main():
    found = parsers()
    if not found:
        print("markdown_render: no Markdown parser (cmark-gfm, cmark, python3-markdown): skip")
        return 77
    examples = os.path.join(SRC, "examples", "releases")
    with tempfile.TemporaryDirectory(prefix="tromd.") as tmp:
        rel = hostile.make(tmp)
        docs = {"open-model": (report(os.path.join(examples, "open-model")), "Truly open"),
                "restricted-finetune": (report(os.path.join(examples, "restricted-finetune")),
                                        "Not truly open"),
                "hostile": (report(rel, catalog=False), "Not truly open")}
    md = docs["hostile"][0]
    check("@everyone" not in md and "@\u200beveryone" in md,
          "hostile: '@everyone' would mention people")
    check("\n<" not in md.replace("\n<details>", "").replace("\n<summary>", "")
          .replace("\n</details>", "").replace("\n<sub>", ""),
          "hostile: a line starts with HTML the writer did not write")
    for pname, render in found.items():
        for dname, (doc, verdict) in docs.items():
            name = f"{pname}/{dname}"
            text = inert(name, render(doc), verdict, tables=pname != "cmark")
            if dname == "hostile":
                for s in ("<script>", "onerror=", "</style><style>", "javascript:",
                          "| pipes | `ticks` *stars* _under_ [brackets](javascript:x) ~~strike~~ $x$"):
                    check(s in text, f"{name}: {s!r} is not shown as text")
            if dname == "restricted-finetune":
                for s in ("license-laundering", "meta-llama/Llama-2-7b-hf",
                          "What would make it pass"):
                    check(s in text, f"{name}: {s!r} is not shown")
    print(f"markdown_render: parsers {', '.join(found)}: {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""The HTML report in a real browser: headless Chromium, the network cut
off, loads the report of each example release and of a hostile one (as a
whole page, and as a fragment inside a page that has no
Content-Security-Policy of its own, so that only the escaping protects
it). For each it asserts that no script ran (the title is the page's own,
the console is silent, the browser refused nothing), that no request left
the file, that nothing from the card became markup (no script, handler,
frame, image, style or link but http(s) and the page's own anchors), and
that the verdict and the three criteria are in the DOM; for the
restricted fine-tune, that the verdict, the Llama 2 base and what to
change are on the first screen; and that print opens the collapsed lists.
It keeps a screenshot of each as tests/report/screenshot-NAME.png in the
build tree. Skipped (77) without Chromium.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser  # noqa: E402
import hostile  # noqa: E402

TRULYOPEN = os.environ["TRULYOPEN"]
SRC = os.environ["top_srcdir"]
BUILD = os.environ.get("top_builddir", ".")
CATALOG = os.path.join(SRC, "examples", "catalog")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def run(*args, want=(0, 1)):
    p = subprocess.run([TRULYOPEN, *args], capture_output=True, text=True)
    if p.returncode not in want:
        raise SystemExit(f"trulyopen {' '.join(args)}: exit {p.returncode}: {p.stderr}")
    return p.stdout


# What the page looks like from inside, after load (evaluated in the page).
PROBE = """JSON.stringify((() => {
  const all = [...document.querySelectorAll('*')];
  const handlers = all.filter(e => [...e.attributes].some(a => /^on/i.test(a.name)));
  const report = document.querySelector('.tro-report');
  return {
    title: document.title,
    scripts: document.scripts.length,
    handlers: handlers.map(e => e.outerHTML.slice(0, 80)),
    embedded: document.querySelectorAll('iframe,frame,object,embed,img,image,video,audio,'
                                        + 'link,meta[http-equiv=refresh],base,form').length,
    styles: document.querySelectorAll('style').length,
    styled: document.querySelectorAll('[style]').length,
    svgs: report ? report.querySelectorAll('svg').length : -1,
    hrefs: [...document.querySelectorAll('[href]')].map(e => e.getAttribute('href')),
    xlinks: [...document.querySelectorAll('*')].filter(e => e.hasAttribute('xlink:href')).length,
    background: getComputedStyle(document.body).backgroundImage,
    text: report ? report.innerText : '',
  };
})())"""

# Where the first screen ends, and where the things a reader needs first are.
FIRST_SCREEN = """JSON.stringify((() => {
  const top = s => { const e = document.querySelector(s); return e ? e.getBoundingClientRect().bottom : 1e9; };
  const base = [...document.querySelectorAll('.tro-why li')].find(t => /Llama-2/.test(t.textContent));
  return {height: window.innerHeight, verdict: top('.tro-verdict h1'), why: top('.tro-why ol'),
          base: base ? base.getBoundingClientRect().bottom : 1e9, criteria: top('.tro-criteria')};
})())"""


def strings(v):
    """Every string in a JSON value."""
    if isinstance(v, dict):
        return [s for x in v.values() for s in strings(x)]
    if isinstance(v, list):
        return [s for x in v for s in strings(x)]
    return [v] if isinstance(v, str) else []


def probe(b, url):
    b.load(url)
    return json.loads(b.evaluate(PROBE))


def safe(name, b, p, url, title):
    """The assertions every report page must meet."""
    check(b.requests() == [url], f"{name}: requests other than the file: {b.requests()}")
    check(not b.console(), f"{name}: the console was written to: {b.console()}")
    refused = [t for s, t in b.log() if s == "security" or "Refused" in t]
    check(not refused, f"{name}: the browser refused something the page tried: {refused}")
    check(p["title"] == title, f"{name}: title {p['title']!r}, expected {title!r}")
    check(p["scripts"] == 0, f"{name}: {p['scripts']} script elements")
    check(not p["handlers"], f"{name}: event handler attributes: {p['handlers']}")
    check(p["embedded"] == 0, f"{name}: {p['embedded']} embedded or loading elements")
    check(p["styles"] == 1, f"{name}: {p['styles']} style elements, expected the page's own")
    check(p["styled"] == 0 and p["xlinks"] == 0, f"{name}: style or xlink attributes")
    check(p["background"] == "none", f"{name}: the body got a background: {p['background']}")
    bad = [h for h in p["hrefs"] if not (h.startswith("#tro-") or h.startswith("https://")
                                         or h.startswith("http://"))]
    check(not bad, f"{name}: links that are not http(s) or the page's own: {bad}")
    for words in ("Use freedom", "Method transparency", "Data access", "Evidence",
                  "Licences", "Findings"):
        check(words in p["text"], f"{name}: {words!r} is not in the page")


def main():
    binary = browser.find_chromium()
    if not binary:
        print("html_browser: chromium not found: skip")
        return 77
    shots = os.path.join(BUILD, "tests", "report")
    os.makedirs(shots, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="trohtml.") as tmp, browser.Browser(binary) as b:
        def page(name, release, *opts):
            out = os.path.join(tmp, name + ".html")
            run("check", "-c", CATALOG, "-f", "html", "-o", out, *opts, release)
            return out

        examples = os.path.join(SRC, "examples", "releases")
        # the two examples
        for name, verdict, title in (
                ("open-model", "Truly open", "truly open: "),
                ("restricted-finetune", "Not truly open", "not truly open: ")):
            path = page(name, os.path.join(examples, name))
            url = "file://" + path
            p = probe(b, url)
            safe(name, b, p, url, title + os.path.join(examples, name) + " (trulyopen)")
            check(p["text"].lstrip().startswith(("\u2713", "\u2717")) and verdict in p["text"],
                  f"{name}: the verdict {verdict!r} does not come first")
            b.screenshot(os.path.join(shots, f"screenshot-{name}.png"))
        # the restricted fine-tune: what a new user needs is on the first screen
        text = p["text"]
        for words in ("license-laundering", "meta-llama/Llama-2-7b-hf",
                      "What would make it pass", "Build on a base model under a free licence"):
            check(words in text, f"restricted-finetune: {words!r} is not in the page")
        b.page("Emulation.setDeviceMetricsOverride", width=1100, height=900,
               deviceScaleFactor=1, mobile=False)
        first = json.loads(b.evaluate(FIRST_SCREEN))
        for part in ("verdict", "why", "base", "criteria"):
            check(first[part] <= first["height"],
                  f"restricted-finetune: the {part} is below the first screen: {first}")
        b.page("Emulation.clearDeviceMetricsOverride")

        # the hostile release: the attack reached the report...
        rel = hostile.make(tmp)
        texts = strings(json.loads(run("check", "-f", "json", rel)))
        for s in hostile.PAYLOADS:
            check(any(s in t for t in texts), f"hostile: the report does not hold {s!r}")
        # ... and did nothing, as a page
        path = page("hostile", rel)
        url = "file://" + path
        p = probe(b, url)
        safe("hostile", b, p, url, "not truly open: " + rel + " (trulyopen)")
        for s in ("<script>", "onerror=", "</style><style>", "javascript:"):
            check(s in p["text"], f"hostile: {s!r} is not shown as text")
        b.screenshot(os.path.join(shots, "screenshot-hostile.png"))
        # print opens the collapsed lists (the hostile release's infos)
        b.page("Emulation.setEmulatedMedia", media="print")
        hidden = b.evaluate("""[...document.querySelectorAll('details:not([open]) td')]
                               .filter(td => td.getClientRects().length === 0).length""")
        closed = b.evaluate("document.querySelectorAll('details:not([open]) td').length")
        check(closed > 0 and hidden == 0,
              f"hostile: print leaves {hidden} of {closed} collapsed cells hidden")
        b.page("Emulation.setEmulatedMedia", media="")

        # ... nor as a fragment in a page without a policy of its own
        frag = run("check", "-f", "html", "--fragment", rel)
        check(not re.search(r"<(html|head|body|meta)[\s>]", frag),
              "fragment: holds <html>, <head>, <body> or <meta>")
        host = os.path.join(tmp, "registry.html")
        with open(host, "w", encoding="utf-8") as f:
            f.write("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>registry"
                    "</title></head><body><h1>A registry's page</h1>\n" + frag + "</body></html>\n")
        url = "file://" + host
        p = probe(b, url)
        safe("fragment", b, p, url, "registry")
        b.screenshot(os.path.join(shots, "screenshot-fragment.png"))

    print(f"html_browser: {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

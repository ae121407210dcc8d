#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Usage: screenshot.py PAGE.html OUT.png [WIDTH HEIGHT]: the first WIDTH x
HEIGHT pixels of a page, as headless Chromium shows them with the network
cut off (`make doc-screenshot` makes the README's picture with it)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser  # noqa: E402


def main(argv):
    if len(argv) not in (3, 5):
        print(__doc__, file=sys.stderr)
        return 2
    binary = browser.find_chromium()
    if not binary:
        print("screenshot: chromium not found", file=sys.stderr)
        return 2
    width, height = (int(argv[3]), int(argv[4])) if len(argv) == 5 else (1000, 1100)
    with browser.Browser(binary) as b:
        b.page("Emulation.setDeviceMetricsOverride", width=width, height=height,
               deviceScaleFactor=1, mobile=False)
        b.load("file://" + os.path.abspath(argv[1]))
        b.screenshot(argv[2], full=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

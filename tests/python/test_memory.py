# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Freeing under repeated use: 10,000 calls of each operation must not grow
the resident set (every handle and owned string handed over is freed)."""

import gc
import os
import resource
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyt  # noqa: E402
from pyt import trulyopen  # noqa: E402

CALLS = 10000
WARMUP = 500
# A leak of one small string per call (~50 bytes) over 10,000 calls is 500 KB;
# allocator noise after the warm-up stays well under this.
BOUND = 384 * 1024
PAGE = resource.getpagesize()


def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


CARD = pyt.card("apache-2.0", "# Model\n\nTraining code: https://github.com/org/train\n",
                datasets=["org/corpus"])


class NoLeaks(pyt.TempDirCase):
    growth = {}

    @classmethod
    def tearDownClass(cls):
        for name, grown in sorted(cls.growth.items()):
            print(f"  {name}: {CALLS} calls, RSS growth {grown / 1024:.0f} KiB")

    def setUp(self):
        super().setUp()
        self.root = self.tree("rel", {"README.md": CARD, "config.json": '{"a": 1}',
                                      "LICENSE": "MIT License\n\nPermission is hereby granted"})
        self.ctx = trulyopen.Context(threads=1)

    def tearDown(self):
        self.ctx.close()
        super().tearDown()

    def measure(self, name, call):
        for _ in range(WARMUP):
            call()
        gc.collect()
        before = rss()
        for _ in range(CALLS):
            call()
        gc.collect()
        grown = rss() - before
        self.growth[name] = grown
        self.assertLess(grown, BOUND, f"{name}: RSS grew by {grown} bytes over {CALLS} calls")

    def test_scan(self):
        def call():
            with self.ctx.scan(self.root) as rel:
                rel.findings
                rel.artifacts[0].metadata
        self.measure("scan + artifacts + metadata", call)

    def test_scan_without_close(self):
        # the safety net: dropping the last reference frees the release
        self.measure("scan, released by refcount",
                     lambda: len(trulyopen.scan(self.root, threads=1).artifacts))

    def test_manifest(self):
        rel = self.ctx.scan(self.root)
        self.addCleanup(rel.close)
        self.measure("manifest", rel.manifest)

    def test_verify(self):
        rel = self.ctx.scan(self.root)
        self.addCleanup(rel.close)
        manifest = rel.manifest()
        self.measure("verify", lambda: rel.verify(manifest))

    def test_buffers(self):
        files = {"README.md": CARD.encode(), "config.json": b'{"a": 1}'}
        self.measure("from_buffers",
                     lambda: trulyopen.Release.from_buffers(files, ctx=self.ctx).close())

    def test_license(self):
        self.measure("license", lambda: trulyopen.license("Apache-2.0 OR llama3.1"))

    def test_identify(self):
        text = b"MIT License\n\nPermission is hereby granted, free of charge, to any person"
        self.measure("identify_license", lambda: trulyopen.identify_license(text))

    def test_errors(self):
        def call():
            try:
                trulyopen.license("MIT AND (")
            except trulyopen.ParseError:
                pass
        self.measure("failing call", call)

    @unittest.skipUnless(pyt.HAVE_CHECK, pyt.NO_CHECK_REASON)
    def test_check(self):
        rel = self.ctx.scan(self.root)
        self.addCleanup(rel.close)

        def call():
            with trulyopen.check(rel, resolver=lambda kind, ident: None) as report:
                report.criteria
                report.to_json()
        self.measure("check + report", call)


if __name__ == "__main__":
    pyt.main()

# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""check_many(): every item once, reports equal to check()'s, errors raised
or yielded, a shared catalog and policy, Release items, bounded pending
work, and compact JSON from tro_report_json_flags."""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyt  # noqa: E402
from pyt import trulyopen  # noqa: E402

if not pyt.HAVE_CHECK or not trulyopen.library_has("tro_batch_new"):
    pyt.skip_whole_file("the loaded library has no batch API")

from releases import DATASET, DATASET_CARD, llama_release, open_release  # noqa: E402


class CheckMany(pyt.TempDirCase):
    def setUp(self):
        super().setUp()
        self.catalog = self.tree("catalog", {f"datasets/{DATASET}/README.md": DATASET_CARD})
        self.paths = []
        for i in range(12):
            files = open_release() if i % 3 == 0 else llama_release() if i % 3 == 1 else {
                "README.md": pyt.card("mit", f"# Model {i}\n")}
            self.paths.append(self.tree(f"rel-{i}", files))

    def test_reports_equal_single_checks(self):
        seen = {}
        for report in trulyopen.check_many(self.paths, jobs=3, catalogs=self.catalog):
            with report:
                self.assertEqual(report.input, self.paths[report.index])
                self.assertNotIn(report.index, seen)
                seen[report.index] = report.to_dict()
        self.assertEqual(sorted(seen), list(range(len(self.paths))))
        for i, path in enumerate(self.paths):
            with trulyopen.check(path, catalogs=self.catalog) as single:
                self.assertEqual(seen[i], single.to_dict(), path)
        self.assertEqual(seen[0]["verdict"], "truly-open")
        self.assertTrue(seen[0]["policy"]["passed"])
        self.assertEqual(seen[1]["verdict"], "not-truly-open")

    def test_errors_raise_or_yield(self):
        items = [self.paths[0], os.path.join(self.tmp, "missing"), self.paths[3]]
        got = list(trulyopen.check_many(items, jobs=2, errors="yield"))
        self.assertEqual(len(got), 3)
        bad = [g for g in got if isinstance(g, trulyopen.Error)]
        self.assertEqual(len(bad), 1)
        self.assertIsInstance(bad[0], trulyopen.TrulyOpenIOError)
        self.assertEqual((bad[0].index, bad[0].input), (1, items[1]))
        self.assertIn("missing", str(bad[0]))
        with self.assertRaises(trulyopen.TrulyOpenIOError) as cm:
            list(trulyopen.check_many(items, jobs=1))
        self.assertEqual(cm.exception.index, 1)
        with self.assertRaises(ValueError):
            list(trulyopen.check_many(items, errors="ignore"))
        with self.assertRaises(ValueError):
            list(trulyopen.check_many(items, jobs=0))

    def test_policy_shared(self):
        policy = {"format_version": 1, "criteria": {"use_freedom": "pass"}}
        passed = {r.index: r.policy_passed for r in
                  trulyopen.check_many(self.paths, policy=policy, catalogs=self.catalog)}
        self.assertEqual(passed, {i: i % 3 != 1 for i in range(len(self.paths))})

    def test_release_items_and_generators(self):
        def releases():
            for i in range(30):
                yield trulyopen.Release.from_buffers(
                    {"README.md": pyt.card("apache-2.0" if i % 2 else "llama2")},
                    name=f"mem-{i}")
        got = {}
        for r in trulyopen.check_many(releases(), jobs=2, pending=3):
            got[r.index] = (r.input.closed, r.status("use_freedom"))
            r.close()
        self.assertEqual(len(got), 30)
        for i, (closed, use) in got.items():
            self.assertTrue(closed)  # given to the library
            self.assertEqual(use, "pass" if i % 2 else "fail")

    def test_stopping_early_frees_the_batch(self):
        it = trulyopen.check_many(self.paths * 20, jobs=2, pending=4)
        first = next(it)
        first.close()
        it.close()  # the rest is dropped, nothing leaks or hangs

    def test_compact_json(self):
        # what check --batch writes per release, from Python
        with trulyopen.check(self.paths[0], catalogs=self.catalog) as report:
            pretty = report.to_json()
            compact = report.to_json(compact=True)
        self.assertEqual(compact.count("\n"), 1)
        self.assertTrue(compact.endswith("}\n"))
        self.assertEqual(json.loads(compact), json.loads(pretty))
        self.assertEqual(compact, json.dumps(json.loads(pretty), ensure_ascii=False,
                                             separators=(",", ":")) + "\n")


if __name__ == "__main__":
    pyt.main()

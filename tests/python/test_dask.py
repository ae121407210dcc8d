# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""trulyopen.dask on a LocalCluster of two worker processes on 127.0.0.1:
check and hash records equal to local check() / hash(), in order; a release
that fails is a record, not a failed task; the catalog and policy are one
piece of the graph, shared by every task. Run by tests/python/dask.sh with a
python that has dask.distributed (skipped with 77 where none has)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyt  # noqa: E402
from pyt import trulyopen  # noqa: E402

try:
    import dask  # noqa: F401
    from distributed import Client, LocalCluster
except ImportError:
    pyt.skip_whole_file("dask.distributed is not installed (python3-distributed)")

import trulyopen.dask as tdask  # noqa: E402
from releases import DATASET, DATASET_CARD, llama_release, open_release  # noqa: E402


class OnACluster(pyt.TempDirCase):
    @classmethod
    def setUpClass(cls):
        cls.cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None)
        cls.client = Client(cls.cluster)

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        cls.cluster.close()

    def setUp(self):
        super().setUp()
        self.catalog = self.tree("catalog", {f"datasets/{DATASET}/README.md": DATASET_CARD})
        self.paths = []
        for i in range(9):
            files = open_release() if i % 3 == 0 else llama_release() if i % 3 == 1 else {
                "README.md": pyt.card("mit", f"# Model {i}\n")}
            self.paths.append(self.tree(f"rel-{i}", files))
        self.missing = os.path.join(self.tmp, "no-such-release")

    def test_two_workers(self):
        self.assertEqual(len(self.client.scheduler_info()["workers"]), 2)
        for addr in self.client.scheduler_info()["workers"]:
            self.assertTrue(addr.startswith("tcp://127.0.0.1:"), addr)

    def test_check_records(self):
        paths = self.paths[:5] + [self.missing] + self.paths[5:]
        bag = tdask.check_bag(paths, catalogs=self.catalog, npartitions=4, jobs=2)
        records = bag.compute()
        self.assertEqual([r["input"] for r in records], paths)
        for rec in records:
            self.assertEqual(tuple(rec), tdask.CHECK_FIELDS)
            if rec["input"] == self.missing:
                self.assertFalse(rec["ok"])
                self.assertIn("no-such-release", rec["error"])
                self.assertIsNone(rec["verdict"])
                continue
            with trulyopen.check(rec["input"], catalogs=self.catalog) as single:
                want = tdask.check_record(single)
                doc = single.to_dict()
            self.assertEqual(rec, want)
            # the record read through the accessors says what the document says
            lics, finds = doc["licenses"], doc["findings"]
            self.assertEqual(want["verdict"], doc["verdict"])
            for name in trulyopen.CRITERIA:
                self.assertEqual(want[name], doc["criteria"][name]["status"])
            self.assertEqual(want["policy_passed"], doc["policy"]["passed"])
            self.assertEqual(want["mof_class"], doc["mof"]["class"])
            self.assertEqual(want["licenses"], "; ".join(sorted(
                {l["expression"] or l["statement"] or "" for l in lics})))
            self.assertEqual(want["license_categories"], "; ".join(sorted(
                {l["category"] or "unknown" for l in lics})))
            self.assertEqual(want["artifacts"], len(doc["artifacts"]))
            self.assertEqual(want["error_findings"],
                             sum(f["severity"] == "error" for f in finds))
            self.assertEqual(want["warning_findings"],
                             sum(f["severity"] == "warning" for f in finds))
        self.assertEqual(records[0]["verdict"], "truly-open")
        self.assertTrue(records[0]["policy_passed"])
        self.assertEqual(records[1]["use_freedom"], "fail")

    def test_policy_and_catalog_shipped_once(self):
        policy = {"format_version": 1, "criteria": {"use_freedom": "pass"}}
        bag = tdask.check_bag(self.paths, catalogs=self.catalog, policy=policy,
                              partition_size=2)
        graph = dict(bag.__dask_graph__())
        # one key holds the options; every partition's task names it
        shared = [k for k, v in graph.items() if "catalogs" in repr(v) and
                  "_check_partition" not in repr(k)]
        self.assertEqual(len(shared), 1)
        tasks = [v for k, v in graph.items() if "_check_partition" in repr(k)]
        self.assertEqual(len(tasks), bag.npartitions)
        self.assertTrue(all(shared[0] in v for v in tasks))
        self.assertGreaterEqual(bag.npartitions, 4)
        passed = [r["policy_passed"] for r in bag.compute()]
        self.assertEqual(passed, [i % 3 != 1 for i in range(len(self.paths))])
        with self.assertRaises(trulyopen.FormatError):
            tdask.check_bag(self.paths, policy={"format_version": 1, "bogus": 1})

    def test_hash_records(self):
        paths = [self.paths[0], self.missing, self.paths[1]]
        records = tdask.hash_bag(paths, npartitions=2).compute()
        self.assertEqual([r["ok"] for r in records], [True, False, True])
        for rec in (records[0], records[2]):
            self.assertEqual(tuple(rec), tdask.HASH_FIELDS)
            with trulyopen.scan(rec["input"]) as rel:
                self.assertEqual(rec["manifest"], rel.manifest())
                self.assertEqual(rec["artifacts"], len(rel.artifacts))


if __name__ == "__main__":
    pyt.main()

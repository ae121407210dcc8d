# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""The evaluation through the bindings: check(), reports, policies, catalogs
and Python resolvers, on small releases generated here.

Skipped, as a whole, only when the loaded library lacks tro_check.
"""

import json
import os
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyt  # noqa: E402
from pyt import trulyopen  # noqa: E402

if not pyt.HAVE_CHECK:
    pyt.skip_whole_file(pyt.NO_CHECK_REASON)

from releases import (BASE, DATASET, DATASET_CARD, MOF_YAML, Recorder,  # noqa: E402
                      llama_release, open_release)


class Verdicts(pyt.TempDirCase):
    def assert_truly_open(self, report):
        self.assertEqual(report.verdict, "truly-open")
        self.assertTrue(report.truly_open)
        for name in trulyopen.CRITERIA:
            self.assertEqual(report.criteria[name].status, "pass", name)
            self.assertEqual(report.status(name), "pass")
        self.assertTrue(report.policy_passed)
        self.assertEqual(report.policy_failures, [])

    def test_open_release_with_a_resolver(self):
        root = self.tree("open", open_release())
        resolver = Recorder()
        with trulyopen.check(root, resolver=resolver) as report:
            self.assertIn(("dataset", DATASET), resolver.calls)
            self.assert_truly_open(report)
            crit = report.criteria["method_transparency"]
            self.assertEqual(crit.name, "method_transparency")
            self.assertTrue(crit.evidence, "evidence for the method")
            ds = [d for d in report.datasets if d.id == DATASET]
            self.assertEqual(len(ds), 1)
            self.assertTrue(ds[0].resolved)
            self.assertTrue(ds[0].free_for_data)
            self.assertEqual(sorted(a.path for a in report.artifacts),
                             ["LICENSE", "README.md", "config.json"])
            self.assertTrue(all(a.sha256 and len(a.sha256) == 64 for a in report.artifacts))
            self.assertTrue(any(lic.expression == "Apache-2.0"
                                for lic in report.licenses), report.licenses)
            self.assertIsNone(report.mof_class, "no MOF release file")
            doc = report.to_dict()
            self.assertEqual(doc["format"], "trulyopen-report")
            self.assertEqual(doc["verdict"], "truly-open")
            self.assertEqual(doc["criteria"]["use_freedom"]["status"], "pass")
            self.assertTrue(doc["policy"]["passed"])
            self.assertEqual(json.loads(report.to_json()), doc)

    def test_open_release_through_a_catalog_folder(self):
        root = self.tree("open", open_release())
        catalog = self.tree("catalog", {f"datasets/{DATASET}/README.md": DATASET_CARD})
        with trulyopen.check(root, catalogs=[catalog]) as report:
            self.assert_truly_open(report)
            ds = [d for d in report.datasets if d.id == DATASET][0]
            self.assertTrue(ds.resolved)
        # one Catalog shared by several checks (and a single folder as a str)
        with trulyopen.Catalog(catalog) as cat:
            for _ in range(3):
                with trulyopen.check(root, catalogs=cat) as report:
                    self.assertTrue(report.truly_open)
        with trulyopen.check(root, catalogs=catalog) as report:
            self.assertTrue(report.truly_open)
        # a release whose implicit context its owner already closed
        with trulyopen.scan(root) as rel:
            with trulyopen.check(rel, catalogs=[catalog]) as report:
                self.assertTrue(report.truly_open)

    def test_unresolved_dataset_is_not_open(self):
        root = self.tree("open", open_release())
        with trulyopen.check(root, resolver=lambda kind, ident: None) as report:
            self.assertNotEqual(report.criteria["data_access"].status, "pass")
            self.assertEqual(report.verdict, "not-truly-open")
            self.assertFalse(report.truly_open)
            self.assertFalse(report.policy_passed)
            self.assertTrue(report.policy_failures)
            ds = [d for d in report.datasets if d.id == DATASET][0]
            self.assertFalse(ds.resolved)

    def test_llama_licence_fails_use_freedom(self):
        root = self.tree("llama", llama_release())
        with trulyopen.check(root, resolver=Recorder()) as report:
            self.assertEqual(report.criteria["use_freedom"].status, "fail")
            self.assertTrue(report.criteria["use_freedom"].reasons)
            self.assertEqual(report.verdict, "not-truly-open")
            self.assertFalse(report.truly_open)
            self.assertFalse(report.policy_passed)
            self.assertTrue(any(lic.category == "use-restricted"
                                for lic in report.licenses), report.licenses)
            self.assertTrue(report.to_pass, "says what would make it pass")

    def test_release_objects_and_in_memory_resolution(self):
        ctx = trulyopen.Context(threads=1)
        self.addCleanup(ctx.close)
        given = []

        def resolver(kind, ident):
            if (kind, ident) != ("dataset", DATASET):
                return None
            rel = trulyopen.Release.from_buffers({"README.md": DATASET_CARD}, name=ident,
                                                 ctx=ctx)
            given.append(rel)
            return rel
        with trulyopen.Release.from_buffers(open_release(), name="org/open", ctx=ctx) as rel:
            with trulyopen.check(rel, resolver=resolver) as report:
                self.assertTrue(report.truly_open)
            self.assertFalse(rel.closed, "the checked release stays the caller's")
            self.assertEqual(len(rel.artifacts), 3)
        self.assertEqual(len(given), 1)
        self.assertTrue(given[0].closed, "a resolved Release belongs to the library")
        with self.assertRaises(ValueError):
            given[0].artifacts

    def test_lineage_through_the_resolver(self):
        root = self.tree("derived", open_release(base_model=BASE))
        resolver = Recorder({("model", BASE): open_release()})
        with trulyopen.check(root, resolver=resolver) as report:
            self.assertIn(("model", BASE), resolver.calls)
            entry = [e for e in report.lineage if e.id == BASE]
            self.assertEqual(len(entry), 1, report.lineage)
            self.assertTrue(entry[0].resolved)
            self.assertEqual(entry[0].depth, 1)

    def test_mof_class(self):
        files = open_release()
        files["mof.yml"] = MOF_YAML
        root = self.tree("mof", files)
        with trulyopen.check(root, resolver=Recorder()) as report:
            self.assertEqual(report.mof_class, 3)
            self.assertEqual(report.mof.class_, 3)


class ResolverErrors(pyt.TempDirCase):
    def setUp(self):
        super().setUp()
        self.root = self.tree("open", open_release())

    def test_exception_is_reraised(self):
        class RegistryDown(Exception):
            pass
        raised = RegistryDown("database unreachable")

        def resolver(kind, ident):
            raise raised
        with self.assertRaises(RegistryDown) as cm:
            trulyopen.check(self.root, resolver=resolver)
        self.assertIs(cm.exception, raised)

    def test_not_found_error_means_unknown(self):
        def resolver(kind, ident):
            raise trulyopen.NotFoundError(f"{ident}: not in the registry")
        with trulyopen.check(self.root, resolver=resolver) as report:
            self.assertNotEqual(report.criteria["data_access"].status, "pass")

    def test_bad_answers(self):
        with self.assertRaises(TypeError):
            trulyopen.check(self.root, resolver=lambda kind, ident: 42)
        with self.assertRaises(trulyopen.InvalidArgumentError):
            trulyopen.check(self.root, resolver=lambda kind, ident: {"../up": b"x"})
        with trulyopen.scan(self.root) as rel:
            with self.assertRaises(trulyopen.InvalidArgumentError):
                trulyopen.check(rel, resolver=lambda kind, ident: rel)
            self.assertFalse(rel.closed)

    def test_catalog_errors(self):
        with self.assertRaises(trulyopen.TrulyOpenIOError):
            trulyopen.Catalog(os.path.join(self.tmp, "absent"))
        with self.assertRaises(trulyopen.TrulyOpenIOError):
            trulyopen.check(self.root, catalogs=[os.path.join(self.tmp, "absent")])


POLICY_HEAD = {"format": "trulyopen-policy", "format_version": 1}


class Policies(pyt.TempDirCase):
    def test_default_and_reapplied(self):
        root = self.tree("llama", llama_release())
        with trulyopen.check(root, resolver=Recorder()) as report:
            self.assertFalse(report.policy_passed)
            self.assertFalse(report.apply_policy(None))
            with trulyopen.Policy() as default:
                self.assertFalse(report.apply_policy(default))
            self.assertFalse(report.to_dict()["policy"]["passed"])
            # a policy requiring nothing is met, and the report says so
            self.assertTrue(report.apply_policy(dict(POLICY_HEAD)))
            self.assertTrue(report.policy_passed)
            self.assertTrue(report.to_dict()["policy"]["passed"])
            self.assertEqual(report.policy_failures, [])
        root = self.tree("open", open_release())
        with trulyopen.check(root, resolver=Recorder(), policy=trulyopen.Policy()) as report:
            self.assertTrue(report.policy_passed)

    def test_licence_deny_list(self):
        deny = dict(POLICY_HEAD, licenses={"deny": ["use-restricted"]})
        with trulyopen.Policy(deny) as policy:
            root = self.tree("llama", llama_release())
            with trulyopen.check(root, resolver=Recorder(), policy=policy) as report:
                self.assertFalse(report.policy_passed)
                self.assertTrue(report.policy_failures)
            root = self.tree("open", open_release())
            with trulyopen.check(root, resolver=Recorder(), policy=policy) as report:
                self.assertTrue(report.policy_passed)
            self.assertFalse(policy.closed, "a Policy passed in stays the caller's")

    def test_policy_sources(self):
        bad = dict(POLICY_HEAD, no_such_key=True)
        path = os.path.join(self.tmp, "policy.json")
        with open(path, "w") as f:
            json.dump(bad, f)
        for source in (path, json.dumps(bad), json.dumps(bad).encode(), bad):
            with self.subTest(source=type(source).__name__):
                with self.assertRaises(trulyopen.FormatError) as cm:
                    trulyopen.Policy(source)
                self.assertIn("no_such_key", str(cm.exception))
        with self.assertRaises(trulyopen.ParseError) as cm:
            trulyopen.Policy('{"format": ')
        self.assertIsNotNone(cm.exception.offset)
        with self.assertRaises(trulyopen.VersionError):
            trulyopen.Policy(dict(POLICY_HEAD, format_version=99))
        with self.assertRaises(FileNotFoundError):
            trulyopen.Policy(os.path.join(self.tmp, "absent.json"))


class Outputs(pyt.TempDirCase):
    def test_formats(self):
        root = self.tree("llama", llama_release())
        with trulyopen.check(root, resolver=Recorder()) as report:
            sarif = json.loads(report.to_sarif())
            self.assertEqual(sarif["version"], "2.1.0")
            self.assertTrue(sarif["runs"])
            text = report.to_text()
            self.assertIn("not-truly-open", text)
            self.assertNotIn("\x1b[", text)
            self.assertIn("\x1b[", report.to_text(color=True))
            self.assertIn("not-truly-open", repr(report))
        self.assertTrue(report.closed)
        with self.assertRaises(ValueError):
            report.verdict
        with self.assertRaises(TypeError):
            trulyopen.Report()

    def test_threads_share_a_catalog(self):
        root = self.tree("open", open_release())
        catalog = self.tree("catalog", {f"datasets/{DATASET}/README.md": DATASET_CARD})
        verdicts, errors = [], []
        with trulyopen.Context(threads=1) as ctx, trulyopen.Catalog(catalog, ctx) as cat:
            def work():
                try:
                    for _ in range(10):
                        with ctx.scan(root) as rel, trulyopen.check(rel, catalogs=cat) as r:
                            verdicts.append(r.verdict)
                except Exception as exc:
                    errors.append(exc)
            threads = [threading.Thread(target=work) for _ in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        self.assertEqual(errors, [])
        self.assertEqual(verdicts, ["truly-open"] * 40)


if __name__ == "__main__":
    pyt.main()

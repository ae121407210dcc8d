# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""The typed parts of a Report against its JSON document: for every release
of the check suite (tests/data/check/cases) and for the releases generated
here, each key of the document is the attribute of the same name with the
same value. Then rendering options, help() texts, and the deprecated names
(Context(max_depth=), dict access to parts)."""

import dataclasses
import os
import json
import pydoc
import sys
import unittest
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyt  # noqa: E402
from pyt import trulyopen  # noqa: E402

if not pyt.HAVE_CHECK or not trulyopen.library_has("tro_report_render"):
    pyt.skip_whole_file("the loaded library lacks the report accessors")

from releases import BASE, MOF_YAML, Recorder, llama_release, open_release  # noqa: E402
from trulyopen import report as rmod  # noqa: E402

SUITE = os.path.join(pyt.SRCDIR, "tests", "data", "check")
# Fields the document does not carry (it is the library that knows them).
NOT_IN_DOCUMENT = {"name", "lfs"}


def attribute(key):
    return "class_" if key == "class" else key


class SameAsDocument(pyt.TempDirCase):
    def assert_same(self, obj, doc, where, extra=()):
        """obj (a typed part, or a list or dict of them) holds what doc
        holds, key by key; its fields the document leaves out are None."""
        if isinstance(doc, list):
            self.assertIsInstance(obj, list, where)
            self.assertEqual(len(obj), len(doc), where)
            for i, (o, d) in enumerate(zip(obj, doc)):
                self.assert_same(o, d, f"{where}[{i}]", extra)
            return
        if not isinstance(doc, dict) or not dataclasses.is_dataclass(obj):
            self.assertEqual(obj, doc, where)
            return
        names = {f.name for f in dataclasses.fields(obj) if not f.name.startswith("_")}
        for key, value in doc.items():
            self.assertIn(attribute(key), names, f"{where}: no attribute for key {key!r}")
            self.assert_same(getattr(obj, attribute(key)), value, f"{where}.{key}")
        for name in names - {attribute(k) for k in doc} - NOT_IN_DOCUMENT - set(extra):
            self.assertIsNone(getattr(obj, name), f"{where}.{name}: absent from the document")

    def assert_report(self, report, where):
        doc = report.to_dict()
        self.assertEqual(report.release.name, doc["release"]["name"], where)
        self.assertEqual(report.release.card, doc["release"]["card"], where)
        self.assertEqual(report.verdict, doc["verdict"], where)
        self.assertEqual(sorted(report.criteria), sorted(doc["criteria"]), where)
        for name, crit in report.criteria.items():
            self.assertEqual(crit.name, name)
            self.assert_same(crit, doc["criteria"][name], f"{where}: criteria.{name}")
        self.assert_same(report.licenses, doc["licenses"], f"{where}: licenses",
                         extra={"licenses"})
        self.assert_same(report.artifacts, doc["artifacts"], f"{where}: artifacts")
        self.assert_same(report.findings, doc["findings"], f"{where}: findings",
                         extra={"waived", "line"})
        self.assert_same(report.lineage, doc["lineage"], f"{where}: lineage")
        self.assert_same(report.datasets, doc["datasets"], f"{where}: datasets")
        self.assert_same(report.mof, doc["mof"], f"{where}: mof")
        self.assertEqual(report.to_pass, doc["to_pass"], where)
        if "policy" in doc:
            self.assert_same(report.policy, doc["policy"], f"{where}: policy")
        else:
            self.assertIsNone(report.policy, where)
        # the licences an expression names are in it
        for lic in report.licenses:
            for info in lic.licenses:
                self.assertIn(info.id, lic.expression or "", where)

    def test_the_check_suite(self):
        cases = sorted(os.listdir(os.path.join(SUITE, "cases")))
        self.assertGreater(len(cases), 20)
        with trulyopen.Catalog(os.path.join(SUITE, "catalog")) as cat:
            for case in cases:
                path = os.path.join(SUITE, "cases", case, "release")
                with self.subTest(case=case), trulyopen.check(path, catalogs=cat) as report:
                    self.assert_report(report, case)

    def test_generated_releases(self):
        mof = open_release()
        mof["mof.yml"] = MOF_YAML
        releases = {"open": (open_release(), Recorder()),
                    "llama": (llama_release(), Recorder()),
                    "mof": (mof, Recorder()),
                    "derived": (open_release(base_model=BASE),
                                Recorder({("model", BASE): open_release()})),
                    "unresolved": (open_release(), lambda kind, ident: None)}
        for name, (files, resolver) in releases.items():
            with self.subTest(release=name), \
                    trulyopen.check(self.tree(name, files), resolver=resolver) as report:
                self.assert_report(report, name)
                if name == "mof":
                    self.assertEqual(report.mof.class_, 3)
                    self.assertTrue(report.mof.components)
                    self.assertEqual(sorted(report.mof.progress), ["1", "2", "3"])
                if name == "derived":
                    self.assertEqual(report.lineage[0].criteria["use_freedom"], "pass")
                if name == "llama":
                    lic = report.licenses[0]
                    self.assertEqual(lic.category, "use-restricted")
                    self.assertEqual(lic.licenses[0].category, "use-restricted")
                    self.assertFalse(lic.licenses[0].free)

    def test_parts_outlive_the_report_and_policy_is_read_anew(self):
        with trulyopen.check(self.tree("llama", llama_release()), resolver=Recorder()) as report:
            parts = (report.licenses, report.findings, report.criteria)
            self.assertFalse(report.policy.passed)
            self.assertTrue(report.apply_policy({"format": "trulyopen-policy",
                                                 "format_version": 1}))
            self.assertEqual(report.policy, trulyopen.PolicyOutcome(True, []))
            report.licenses.clear()  # a copy: the report's own list is kept
            self.assertTrue(report.licenses)
        self.assertEqual(parts[0][0].expression, "LicenseRef-trulyopen-llama-3.1")
        self.assertTrue(all(isinstance(f, trulyopen.ReportFinding) for f in parts[1]))
        self.assertEqual(parts[2]["use_freedom"].status, "fail")
        self.assertEqual(report.licenses, parts[0])  # read before the close: kept
        with self.assertRaises(ValueError):
            report.lineage  # never read before the close


class Rendering(pyt.TempDirCase):
    def test_options(self):
        with trulyopen.check(self.tree("open", open_release()), resolver=Recorder()) as report:
            pretty, compact = report.to_json(), report.to_json(compact=True)
            self.assertGreater(pretty.count("\n"), 10)
            self.assertEqual(compact.count("\n"), 1)
            self.assertTrue(compact.endswith("}\n"))
            self.assertEqual(json.loads(pretty), json.loads(compact))
            bare = json.loads(report.to_json(compact=True, artifacts=False))
            full = report.to_dict()
            self.assertNotIn("artifacts", bare)
            del full["artifacts"]
            self.assertEqual(bare, full)
            sarif = report.to_sarif(compact=True, artifacts=False)
            self.assertEqual(sarif.count("\n"), 1)
            self.assertNotIn('"hashes"', sarif)
            self.assertIn("\033[", report.render("text", color=True))
            self.assertEqual(report.render("text", artifacts=False), report.to_text())
            for bad in ({"format": "text", "compact": True}, {"format": "json", "color": True},
                        {"format": "yaml"}):
                with self.assertRaises(ValueError, msg=bad):
                    report.render(**bad)


    def test_formats_for_people(self):
        with trulyopen.check(self.tree("llama", llama_release()), resolver=Recorder()) as report:
            page = report.to_html()
            self.assertTrue(page.startswith("<!DOCTYPE html>\n"))
            self.assertIn("<h1>Not truly open</h1>", page)
            self.assertEqual(page, report.render("html"))
            frag = report.to_html(fragment=True)
            self.assertNotIn("<html", frag)
            self.assertNotIn("<body", frag)
            self.assertIn(frag[frag.index("<div"):], page)
            self.assertNotIn('id="tro-art-', report.to_html(artifacts=False))
            md = report.to_markdown()
            self.assertTrue(md.startswith("## \u2717 Not truly open: "))
            self.assertIn("| Use freedom | \u2717 **fail** |", md)
            self.assertIn("<details>", md)
            svg = report.to_badge_svg()
            self.assertIn("<title>trulyopen: not truly open: use \u2717", svg)
            endpoint = json.loads(report.to_shields())
            self.assertEqual(endpoint["schemaVersion"], 1)
            self.assertEqual(endpoint["label"], "trulyopen")
            self.assertEqual("trulyopen: " + endpoint["message"],
                             svg[svg.index("<title>") + 7:svg.index("</title>")])
            self.assertEqual(report.to_shields(compact=True).count("\n"), 1)
            for bad in ({"format": "markdown", "fragment": True},
                        {"format": "html", "compact": True},
                        {"format": "badge-svg", "artifacts": False},
                        {"format": "json", "fragment": True}):
                with self.assertRaises(ValueError, msg=bad):
                    report.render(**bad)
        with trulyopen.check(self.tree("open", open_release()), resolver=Recorder()) as report:
            self.assertEqual(json.loads(report.to_shields())["message"], report.verdict.replace("-", " "))


class Documentation(unittest.TestCase):
    def test_help_names_every_field(self):
        classes = [trulyopen.ReleaseInfo, trulyopen.EvidenceItem, trulyopen.Criterion,
                   trulyopen.LicenseStatement, trulyopen.ReportFinding, trulyopen.LineageStep,
                   trulyopen.Dataset, trulyopen.MofComponent, trulyopen.Mof,
                   trulyopen.PolicyOutcome, trulyopen.Artifact]
        for cls in classes:
            with self.subTest(cls=cls.__name__):
                doc = " ".join(c.__doc__ or "" for c in cls.__mro__)
                for f in dataclasses.fields(cls):
                    if not f.name.startswith("_"):
                        self.assertIn(f.name, doc.replace('"class"', "class_"),
                                      f"{cls.__name__}.{f.name} is not explained")
                self.assertIn(cls.__name__, pydoc.render_doc(cls, renderer=pydoc.plaintext))
        text = pydoc.render_doc(trulyopen.Report, renderer=pydoc.plaintext)
        for name in ("licenses", "lineage", "datasets", "render", "to_dict", "policy"):
            self.assertIn(name, text)

    def test_typed_package(self):
        self.assertTrue(os.path.exists(os.path.join(os.path.dirname(trulyopen.__file__),
                                                    "py.typed")))
        self.assertIs(rmod.Criterion, trulyopen.Criterion)


class Tables(unittest.TestCase):
    def test_tables_name_the_document_keys(self):
        """trulyopen.tables() is the C library's schema: every table is a key
        of the JSON document (or "report"), and its columns are attributes of
        that part's typed class (the criteria tables name the criterion)."""
        if not trulyopen.library_has("tro_report_cell"):
            self.skipTest("the loaded library lacks the tables")
        tables = trulyopen.tables()
        self.assertEqual(list(tables), ["report", "criteria", "evidence", "reasons", "licenses",
                                        "findings", "lineage", "datasets", "artifacts",
                                        "to_pass", "mof", "mof_components", "mof_evidence",
                                        "policy", "policy_failures", "dataset_declarations",
                                        "lineage_criteria", "lineage_licenses"])
        classes = {"evidence": trulyopen.EvidenceItem, "licenses": trulyopen.LicenseStatement,
                   "findings": trulyopen.ReportFinding, "lineage": trulyopen.LineageStep,
                   "datasets": trulyopen.Dataset, "artifacts": trulyopen.Artifact}
        for table, cls in classes.items():
            fields = {f.name for f in dataclasses.fields(cls)} | {"criterion"}
            with self.subTest(table=table):
                self.assertEqual([c for c in tables[table] if c not in fields], [])
        self.assertEqual(tables["report"], ("release", "card", "verdict", "mof_class"))
        self.assertEqual(tables["to_pass"], ("step",))


class DeprecatedNames(pyt.TempDirCase):
    def test_context_max_depth(self):
        deep = {"a/b/c/d/e/f/g.txt": "deep\n", "README.md": "# x\n"}
        root = self.tree("deep", deep)
        with trulyopen.Context(max_nesting_depth=2) as ctx, ctx.scan(root) as rel:
            self.assertIn("depth-limit", [f.code for f in rel.findings])
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ctx = trulyopen.Context(max_depth=2)
        self.assertTrue(any(issubclass(w.category, DeprecationWarning) for w in caught))
        with ctx, ctx.scan(root) as rel:
            self.assertIn("depth-limit", [f.code for f in rel.findings])
        with self.assertRaises(TypeError):
            trulyopen.Context(max_depth=2, max_nesting_depth=3)

    def test_parts_read_as_dicts(self):
        with trulyopen.check(self.tree("open", open_release()), resolver=Recorder()) as report:
            lic, mof = report.licenses[0], report.mof
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            self.assertEqual(lic["expression"], lic.expression)
            self.assertEqual(lic.get("category"), lic.category)
            self.assertIsNone(mof["class"])
            self.assertEqual(lic.get("no-such-key", 7), 7)
        self.assertEqual(len(caught), 4)
        self.assertTrue(all(issubclass(w.category, DeprecationWarning) for w in caught))
        with self.assertRaises(KeyError):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                lic["nope"]


if __name__ == "__main__":
    pyt.main()

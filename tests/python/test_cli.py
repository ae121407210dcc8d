# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""python -m trulyopen: the `trulyopen check` equivalent built on the bindings
(exit status 0 policy met, 1 not met, 2 error)."""

import json
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyt  # noqa: E402

import releases  # noqa: E402


def run(*args, cwd=None):
    # PATH is emptied: the module must not fall back on the C command line tool
    env = pyt.subprocess_env(PATH="", NO_COLOR="1")
    r = subprocess.run([sys.executable, "-m", "trulyopen", *args], env=env, cwd=cwd,
                       capture_output=True, text=True, timeout=120)
    return r.returncode, r.stdout, r.stderr


class Usage(pyt.TempDirCase):
    def test_help(self):
        code, out, _ = run("--help")
        self.assertEqual(code, 0)
        for option in ("--catalog", "--policy", "--format", "--no-hash", "-o"):
            self.assertIn(option, out)

    def test_usage_errors(self):
        self.assertEqual(run()[0], 2)
        self.assertEqual(run(self.tmp, "--format", "yaml")[0], 2)
        self.assertEqual(run(self.tmp, "-j", "0")[0], 2)
        self.assertEqual(run(self.tmp, "--max-depth", "-1")[0], 2)

    @unittest.skipIf(pyt.HAVE_CHECK, "the library has tro_check")
    def test_library_without_check(self):
        code, out, err = run(self.tmp)
        self.assertEqual(code, 2)
        self.assertEqual(out, "")
        self.assertIn("tro_check", err)


@unittest.skipUnless(pyt.HAVE_CHECK, pyt.NO_CHECK_REASON)
class Check(pyt.TempDirCase):
    def setUp(self):
        super().setUp()
        self.open = self.tree("open", releases.open_release())
        self.llama = self.tree("llama", releases.llama_release())
        self.catalog = self.tree("catalog", {
            f"datasets/{releases.DATASET}/README.md": releases.DATASET_CARD})

    def test_exit_status(self):
        code, out, err = run(self.open, "--catalog", self.catalog)
        self.assertEqual(code, 0, err)
        self.assertIn("truly-open", out)
        self.assertNotIn("\x1b[", out)
        code, out, err = run(self.llama, "--catalog", self.catalog)
        self.assertEqual(code, 1, err)
        self.assertIn("not-truly-open", out)
        code, out, err = run(os.path.join(self.tmp, "absent"))
        self.assertEqual(code, 2)
        self.assertIn("absent", err)

    def test_formats_and_output_file(self):
        code, out, _ = run(self.open, "--catalog", self.catalog, "--format", "json")
        self.assertEqual(code, 0)
        doc = json.loads(out)
        self.assertEqual(doc["verdict"], "truly-open")
        self.assertTrue(doc["policy"]["passed"])
        code, short, _ = run(self.open, "-q", "-c", self.catalog, "-f", "json",
                             "--max-depth", "2")
        self.assertEqual((code, json.loads(short)), (0, doc))
        code, out, _ = run(self.llama, "--format", "sarif")
        self.assertEqual(code, 1)
        self.assertEqual(json.loads(out)["version"], "2.1.0")
        dest = os.path.join(self.tmp, "report.json")
        code, out, _ = run(self.llama, "--format", "json", "-o", dest)
        self.assertEqual((code, out), (1, ""))
        with open(dest) as f:
            self.assertEqual(json.load(f)["verdict"], "not-truly-open")
        # the formats for people, as the C command line writes them
        for fmt, start in (("html", "<!DOCTYPE html>"), ("markdown", "## \u2717 Not truly open"),
                           ("badge-svg", "<svg "), ("shields", "{")):
            code, out, _ = run(self.llama, "--format", fmt)
            self.assertEqual(code, 1, fmt)
            self.assertTrue(out.startswith(start), (fmt, out[:40]))

    def test_bills_of_materials(self):
        # the SBOMs with the time stamp SOURCE_DATE_EPOCH gives, as from the C command line
        env = pyt.subprocess_env(PATH="", NO_COLOR="1", SOURCE_DATE_EPOCH="1700000000")
        for fmt in ("cyclonedx", "spdx"):
            r = subprocess.run([sys.executable, "-m", "trulyopen", self.llama, "--format", fmt],
                               env=env, capture_output=True, text=True, timeout=120)
            self.assertEqual(r.returncode, 1, (fmt, r.stderr))
            self.assertIn("2023-11-14T22:13:20Z", r.stdout, fmt)
            doc = json.loads(r.stdout)
            if fmt == "cyclonedx":
                self.assertEqual(doc["bomFormat"], "CycloneDX")
            else:
                self.assertIn("@graph", doc)

    def test_no_hash_and_policy(self):
        code, out, _ = run(self.open, "--catalog", self.catalog, "--format", "json",
                           "--no-hash")
        self.assertTrue(all(a.get("sha256") is None for a in json.loads(out)["artifacts"]))
        bad = os.path.join(self.tmp, "policy.json")
        with open(bad, "w") as f:
            f.write('{"format": "trulyopen-policy", "format_version": 1, "no_such_key": 1}')
        code, out, err = run(self.open, "--policy", bad)
        self.assertEqual(code, 2)
        self.assertIn("no_such_key", err)
        code, _, err = run(self.open, "--policy", os.path.join(self.tmp, "absent.json"))
        self.assertEqual(code, 2)


if __name__ == "__main__":
    pyt.main()

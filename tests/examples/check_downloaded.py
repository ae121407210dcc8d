# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""examples/check_downloaded.py: finds a model's snapshot in a Hugging Face
cache (refs/main, else the newest; symlinked blobs as in a real cache, which
`trulyopen check` on a snapshot also follows),
resolves its dataset from the same cache, prints the report and exits 0/1/2
like `trulyopen check`. Skipped where the binding tests are (sanitizer builds,
old Python, no shared library)."""

import json
import os
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.environ.get("top_srcdir") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", ".."), "tests", "python"))
import pyt  # noqa: E402  (exits 77 when the bindings cannot be tested)

SCRIPT = os.path.join(pyt.SRCDIR, "examples", "check_downloaded.py")
METHOD = ("\n## Training procedure\n\nThe training code is public at "
          "https://github.com/acme/train and the method is described in "
          "https://arxiv.org/abs/1706.03762. We trained one epoch with AdamW "
          "(learning rate 3e-4, batch size 32) and evaluated on a held-out split.\n")


def card(front):
    return "---\n" + front + "---\n# Model\n" + METHOD


class CheckDownloaded(pyt.TempDirCase):
    def setUp(self):
        super().setUp()
        self.cache = os.path.join(self.tmp, "hub")
        w = pyt.write_tree
        # An open model at the revision refs/main names, and an older, restricted
        # snapshot written later that must not be picked.
        w(os.path.join(self.cache, "models--acme--open"), {
            "refs/main": "c0ffee\n",
            "snapshots/c0ffee/README.md": card("license: apache-2.0\ndatasets:\n  - acme/data\n"),
            # REUSE-IgnoreStart (the fixture's licence tag, not this file's)
            "snapshots/c0ffee/LICENSE": "SPDX-License-Identifier: Apache-2.0\n",
            # REUSE-IgnoreEnd
            "snapshots/c0ffee/config.json": '{"model_type": "tiny"}',
        })
        time.sleep(0.01)
        w(os.path.join(self.cache, "models--acme--open"), {
            "snapshots/0ld/README.md": card("license: cc-by-nc-4.0\n"),
        })
        w(os.path.join(self.cache, "datasets--acme--data"), {
            "refs/main": "d1\n",
            "snapshots/d1/README.md": "---\nlicense: cc-by-4.0\n---\n# Data\n",
        })
        # A restricted model laid out like a real download: no refs, files are
        # links into blobs/; the newest snapshot is the one to check.
        repo = os.path.join(self.cache, "models--acme--restricted")
        w(repo, {"blobs/aaa": card("license: llama3\ndatasets:\n  - acme/data\n"),
                 "blobs/bbb": '{"model_type": "tiny"}',
                 "blobs/ccc": card("license: apache-2.0\ndatasets:\n  - acme/data\n")})
        for rev, blob in (("old", "ccc"), ("new", "aaa")):
            snap = os.path.join(repo, "snapshots", rev)
            os.makedirs(snap)
            os.symlink("../../blobs/" + blob, os.path.join(snap, "README.md"))
            os.symlink("../../blobs/bbb", os.path.join(snap, "config.json"))
            time.sleep(0.01)

    def run_script(self, *args, env=None):
        full = dict(os.environ, TRULYOPEN_LIBRARY=pyt.LIBRARY, PYTHONPATH=pyt.PACKAGE_DIR,
                    PYTHONDONTWRITEBYTECODE="1")
        full.pop("HF_HUB_CACHE", None)
        full.update(env or {})
        return subprocess.run([sys.executable, SCRIPT, *args], env=full, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)

    def test_open_model(self):
        r = self.run_script("--cache-dir", self.cache, "acme/open")
        self.assertEqual(r.returncode, 0, r.stderr + r.stdout)
        self.assertIn("truly-open", r.stdout)
        self.assertNotIn("not-truly-open", r.stdout)
        r = self.run_script("--json", "acme/open", env={"HF_HUB_CACHE": self.cache})
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = json.loads(r.stdout)
        self.assertEqual(doc["verdict"], "truly-open")
        self.assertEqual([d["id"] for d in doc["datasets"]], ["acme/data"])
        self.assertTrue(doc["datasets"][0]["resolved"])
        self.assertEqual(doc["criteria"]["data_access"]["status"], "pass")
        self.assertEqual(r.stderr, "")

    def test_revision_option(self):
        r = self.run_script("--cache-dir", self.cache, "--revision", "0ld", "acme/open")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("not-truly-open", r.stdout)

    def test_restricted_model_through_links(self):
        r = self.run_script("--cache-dir", self.cache, "--json", "acme/restricted")
        self.assertEqual(r.returncode, 1, r.stderr)
        doc = json.loads(r.stdout)
        self.assertEqual(doc["verdict"], "not-truly-open")
        self.assertEqual(doc["criteria"]["use_freedom"]["status"], "fail")
        self.assertEqual(doc["criteria"]["data_access"]["status"], "pass")
        self.assertIn("README.md", [a["path"] for a in doc["artifacts"]])
        self.assertFalse([f for f in doc["findings"] if f["code"].startswith("symlink")])
        r = self.run_script("--cache-dir", self.cache, "acme/restricted")
        self.assertEqual(r.returncode, 1)
        self.assertIn("not-truly-open", r.stdout)
        # The cache is read as it is: nothing was written into it.
        repo = os.path.join(self.cache, "models--acme--restricted")
        self.assertEqual(sorted(os.listdir(repo)), ["blobs", "snapshots"])

    def test_cli_reads_a_snapshot(self):
        """`trulyopen check` on a snapshot folder follows its links into the
        repository's blobs, and no further."""
        snap = os.path.join(self.cache, "models--acme--restricted", "snapshots", "new")
        with open(os.path.join(self.tmp, "outside.md"), "w") as f:
            f.write(card("license: mit\n"))
        os.symlink("../../../../outside.md", os.path.join(snap, "ESCAPE.md"))
        cli = os.path.join(os.environ.get("top_builddir") or ".", "trulyopen")
        r = subprocess.run([cli, "check", "--format", "json", "--catalog", self.cache, snap],
                           text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        self.assertEqual(r.returncode, 1, r.stderr)
        doc = json.loads(r.stdout)
        self.assertEqual(sorted(a["path"] for a in doc["artifacts"]), ["README.md", "config.json"])
        self.assertEqual(doc["criteria"]["use_freedom"]["status"], "fail")
        self.assertEqual([(f["code"], f["path"]) for f in doc["findings"]
                          if f["code"].startswith("symlink")], [("symlink-escape", "ESCAPE.md")])

    def test_errors_and_help(self):
        r = self.run_script("--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("--cache-dir", r.stdout)
        r = self.run_script("--cache-dir", self.cache, "acme/absent")
        self.assertEqual(r.returncode, 2)
        self.assertIn("not in the cache", r.stderr)
        r = self.run_script("--cache-dir", self.cache, "not-an-id")
        self.assertEqual(r.returncode, 2)
        self.assertIn("ORG/NAME", r.stderr)
        r = self.run_script("--cache-dir", self.cache, "--revision", "nope", "acme/open")
        self.assertEqual(r.returncode, 2)
        r = self.run_script()
        self.assertEqual(r.returncode, 2)


if __name__ == "__main__":
    unittest.main()

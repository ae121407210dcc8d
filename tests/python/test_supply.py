# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""The bindings of what CI and compliance teams use around the verdict:
the bills of materials and SARIF options of Report.render(), waivers
applied as of a time, and attestations signed with Report.attest() and
checked with verify_attestation() (with a key this test makes)."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyt  # noqa: E402
from pyt import trulyopen  # noqa: E402

if not pyt.HAVE_CHECK or not trulyopen.library_has("tro_attest_sign"):
    pyt.skip_whole_file("the loaded library lacks attestations")

EXAMPLES = os.path.join(pyt.SRCDIR, "examples")
CATALOG = os.path.join(EXAMPLES, "catalog")
FINETUNE = os.path.join(EXAMPLES, "releases", "restricted-finetune")
OPEN = os.path.join(EXAMPLES, "releases", "open-model")
WAIVER = {"format_version": 1, "require_truly_open": False,
          "waivers": [{"code": "license-laundering", "reason": "agreed, LR-2041",
                       "expires": "2026-06-30"}]}
JUNE_30, JULY_1 = 1782863999, 1782864000


class Formats(unittest.TestCase):
    def test_sboms_and_sarif_options(self):
        with trulyopen.check(OPEN, catalogs=[CATALOG]) as rep:
            bom = json.loads(rep.to_cyclonedx(created=1767225600))
            self.assertEqual(bom["specVersion"], "1.6")
            self.assertEqual(bom["metadata"]["timestamp"], "2026-01-01T00:00:00Z")
            self.assertEqual(bom["metadata"]["component"]["type"], "machine-learning-model")
            doc = json.loads(rep.to_spdx(compact=True))
            self.assertIn("ai_AIPackage", [e["type"] for e in doc["@graph"]])
            sarif = json.loads(rep.render("sarif", root_uri="file:///repo/",
                                          release_path="models/open"))
            run = sarif["runs"][0]
            self.assertEqual(run["originalUriBaseIds"]["SRCROOT"]["uri"], "file:///repo/")
            self.assertTrue(all(a["location"]["uri"].startswith("models/open/")
                                for a in run["artifacts"]))
            with self.assertRaises(ValueError):
                rep.render("spdx", color=True)


class Waivers(unittest.TestCase):
    def test_in_force_then_expired(self):
        with trulyopen.check(FINETUNE, catalogs=[CATALOG]) as rep:
            self.assertTrue(rep.apply_policy(WAIVER, when=JUNE_30))
            waived = [f for f in rep.findings if f.code == "license-laundering"]
            self.assertEqual([(f.waived, f.waiver) for f in waived], [(True, "agreed, LR-2041")])
            self.assertFalse(rep.apply_policy(WAIVER, when=JULY_1))
            self.assertIn("waiver-expired", [f.code for f in rep.findings])


@unittest.skipUnless(shutil.which("openssl"), "no openssl command to make a key")
class Attestations(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="trulyopen-attest-")
        self.key = os.path.join(self.tmp, "key.pem")
        self.pub = os.path.join(self.tmp, "pub.pem")
        subprocess.run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", self.key],
                       check=True, capture_output=True)
        subprocess.run(["openssl", "pkey", "-in", self.key, "-pubout", "-out", self.pub],
                       check=True, capture_output=True)
        self.release = os.path.join(self.tmp, "release")
        shutil.copytree(OPEN, self.release)

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_round_trip(self):
        with trulyopen.check(self.release, catalogs=[CATALOG]) as rep:
            with open(self.key) as f:
                env = rep.attest(f.read())
        got = trulyopen.verify_attestation(self.release, env, self.pub)
        self.assertTrue(got.ok)
        self.assertEqual(got.predicate_type, "https://trulyopen.dev/attestation/report/v1")
        self.assertEqual(json.loads(got.predicate)["verdict"], "truly-open")
        with open(os.path.join(self.release, "config.json"), "a") as f:
            f.write(" ")
        got = trulyopen.verify_attestation(self.release, env.encode(), self.pub)
        self.assertTrue(got.signature_ok)
        self.assertFalse(got.ok)
        self.assertEqual([d.kind for d in got.differences], ["changed"])

    def test_errors(self):
        with trulyopen.check(self.release) as rep:
            with open(self.pub) as f, self.assertRaises(trulyopen.FormatError):
                rep.attest(f.read())
        with self.assertRaises(trulyopen.ParseError):
            trulyopen.verify_attestation(self.release, b"{", self.pub)


if __name__ == "__main__":
    pyt.main()

# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Licence classification, lookup and text identification through the bindings."""

import gzip
import json
import os
import sys
import threading
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyt  # noqa: E402
from pyt import trulyopen  # noqa: E402

MIT_TEXT = """MIT License

Copyright (c) <year> <copyright holders>

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


class Classify(unittest.TestCase):
    def test_free_expressions(self):
        lic = trulyopen.license("apache-2.0 or mit")
        self.assertEqual(lic.expression, "Apache-2.0 OR MIT")
        self.assertEqual(lic.category, "permissive")
        self.assertTrue(lic.free and lic.free_for_data and lic.free_for_software)
        self.assertEqual(lic.confidence, 1.0)
        self.assertEqual([i.id for i in lic.licenses], ["Apache-2.0", "MIT"])
        self.assertEqual(lic.licenses[0].name, "Apache License 2.0")
        self.assertTrue(lic.licenses[0].osi_approved and lic.licenses[0].spdx)
        self.assertEqual(lic.evidence, ())

    def test_categories(self):
        cases = {"llama3.1": ("use-restricted", False), "cc-by-nc-4.0": ("non-commercial", False),
                 "GPL-3.0-only": ("copyleft", True), "CC0-1.0": ("public-domain", True),
                 "CC-BY-4.0": ("open-data", True), "no-such-thing": ("unknown", False),
                 "MIT AND CC-BY-NC-4.0": ("non-commercial", False)}
        for text, (category, free) in cases.items():
            with self.subTest(text=text):
                lic = trulyopen.license(text)
                self.assertEqual((lic.category, lic.free), (category, free))
        data = trulyopen.license("CDLA-Permissive-2.0")
        self.assertTrue(data.free_for_data)
        self.assertFalse(data.free_for_software)
        llama = trulyopen.license("llama3.1")
        self.assertTrue(llama.expression.startswith("LicenseRef-trulyopen-llama"))
        self.assertIn("700 million", llama.reason)

    def test_hugging_face_other(self):
        lic = trulyopen.license(
            "other", license_name="deepseek",
            license_link="https://github.com/deepseek-ai/DeepSeek-V2/blob/main/LICENSE-MODEL")
        self.assertEqual(lic.category, "use-restricted")
        self.assertFalse(lic.free)
        self.assertEqual(trulyopen.license("other").category, "unknown")

    def test_to_dict_matches_fields(self):
        lic = trulyopen.license("Apache-2.0 WITH LLVM-exception")
        d = lic.to_dict()
        self.assertEqual(d["expression"], lic.expression)
        self.assertEqual(d["category"], lic.category)
        self.assertEqual(d["free"], lic.free)
        self.assertEqual([x["id"] for x in d["licenses"]], [i.id for i in lic.licenses])
        self.assertEqual(json.loads(lic.to_json()), d)

    def test_covers(self):
        lic = trulyopen.license("MIT License (code), CC BY-NC 4.0 (weights)")
        self.assertEqual(lic.expression, "MIT AND CC-BY-NC-4.0")
        self.assertEqual([(i.id, i.covers) for i in lic.licenses],
                         [("MIT", ("code",)), ("CC-BY-NC-4.0", ("weights",))])
        self.assertFalse(lic.free)
        self.assertTrue(lic.part("code").free)
        self.assertFalse(lic.part("weights").free)
        self.assertEqual(lic.part("weights").category, "non-commercial")
        self.assertFalse(lic.part("data").present)
        self.assertEqual(lic.to_dict()["licenses"][1]["covers"], ["weights"])
        plain = trulyopen.license("Apache-2.0")
        self.assertEqual(plain.licenses[0].covers, ("unspecified",))
        self.assertTrue(plain.part("weights").present and plain.part("weights").free)

    def test_with(self):
        lic = trulyopen.license("Apache-2.0 WITH Commons-Clause")
        self.assertEqual(lic.expression, "Apache-2.0 AND LicenseRef-trulyopen-commons-clause")
        self.assertFalse(lic.free)
        exc = trulyopen.license("GPL-2.0-only WITH Classpath-exception-2.0")
        self.assertEqual(exc.licenses[0].with_exception, "Classpath-exception-2.0")
        self.assertTrue(exc.free)
        with self.assertRaises(trulyopen.ParseError) as cm:
            trulyopen.license("MIT WITH Foo-exception")
        self.assertEqual(cm.exception.offset, 9)

    def test_parse_errors(self):
        for text, offset in (("MIT AND (", 9), ("MIT AND AND MIT", 8), ("MIT OR", 6)):
            with self.subTest(text=text):
                with self.assertRaises(trulyopen.ParseError) as cm:
                    trulyopen.license(text)
                self.assertEqual(cm.exception.offset, offset)
                self.assertEqual(cm.exception.code, -7)
                self.assertIn(f"byte {offset}", str(cm.exception))
        with self.assertRaises(trulyopen.LimitError):
            trulyopen.license("MIT OR " * 20000 + "MIT")

    def test_lookup(self):
        info = trulyopen.lookup_license("apache-2.0")
        self.assertEqual((info.id, info.category), ("Apache-2.0", "permissive"))
        self.assertTrue(info.free and info.osi_approved and info.fsf_libre and info.spdx)
        old = trulyopen.lookup_license("GPL-2.0")
        self.assertTrue(old.deprecated)
        self.assertTrue(trulyopen.lookup_license("LLVM-exception").exception)
        with self.assertRaises(trulyopen.NotFoundError) as cm:
            trulyopen.lookup_license("No-Such-License-1.0")
        self.assertIsInstance(cm.exception, LookupError)
        self.assertRegex(trulyopen.license_list_version(), r"^3\.\d+")

    def test_threads(self):
        answers, errors = [], []

        def work():
            try:
                for _ in range(200):
                    answers.append(trulyopen.license("llama3.1 OR MIT").free)
            except Exception as exc:
                errors.append(exc)
        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(answers, [True] * 800)


def spdx_records():
    """The SPDX texts trulyopen ships, as (kind, id, words) with the text the
    list marks as optional left out."""
    path = os.path.join(pyt.SRCDIR, "data", "spdx-texts.txt.gz")
    recs, cur = [], None
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith(("#", "%")):
                continue
            if line.startswith("="):
                kind, tid = line[1:].split()
                cur = [kind, tid, []]
                recs.append(cur)
            else:
                cur[2].extend(line.split())
    out = []
    for kind, tid, items in recs:
        words, depth = [], 0
        for it in items:
            if it == "[":
                depth += 1
            elif it == "]":
                depth -= 1
            elif not depth:
                words.append(it)
        out.append((kind, tid, words, [x for x in items if x not in "[]"]))
    return out


def as_text(words, width=72):
    lines, cur = [], ""
    for w in words:
        if len(cur) + len(w) + 1 > width:
            lines.append(cur)
            cur = w
        else:
            cur = (cur + " " + w).strip()
    return "\n".join(lines + [cur]) + "\n"


class Templates(unittest.TestCase):
    """Every licence text and notice of the SPDX list trulyopen ships is
    identified as itself from its own words (ids sharing one text as the
    shortest of them), with a full-text match."""

    @classmethod
    def setUpClass(cls):
        cls.recs = spdx_records()
        cls.by_id = {(k, t): w for k, t, w, _ in cls.recs}

    def expected(self, kind, words_all):
        same = [t for k, t, w, a in self.recs if k == kind and a == words_all]
        return min(same, key=lambda t: (len(t), t))

    def test_every_template(self):
        wrong = []
        n = 0
        for kind, tid, words, words_all in self.recs:
            if kind == "exception" or len(words) < 20:
                continue
            n += 1
            lic = trulyopen.identify_license(as_text(words))
            want = self.expected(kind, words_all)
            if lic.expression != want or lic.match is None:
                wrong.append((tid, want, lic.expression))
        self.assertGreater(n, 700)
        # a handful of texts are another licence's words with a few added
        # (their required words alone are that other licence's): at most 1%
        self.assertLessEqual(len(wrong), n // 100, wrong[:20])

    def test_added_restriction(self):
        apache = as_text(self.by_id[("license", "Apache-2.0")])
        clause = ("Commons Clause License Condition. The grant of rights under the License "
                  "does not grant to you the right to Sell the Software.\n")
        cut = apache.index("\n", len(apache) // 2) + 1
        text = apache[:cut] + clause + apache[cut:]
        lic = trulyopen.identify_license(text)
        self.assertEqual(lic.expression, "Apache-2.0 AND LicenseRef-trulyopen-added-restriction")
        self.assertFalse(lic.free)
        self.assertEqual(lic.match.template, "Apache-2.0")
        clauses = [e for e in lic.evidence if e.kind == "clause"]
        self.assertTrue(clauses)
        self.assertIn("Commons Clause", " ".join(e.text for e in clauses))
        self.assertIn("identified as Apache-2.0", lic.reason)
        at = int(lic.reason.rsplit("(byte ", 1)[1].split(")")[0])
        self.assertTrue(cut <= at < cut + len(clause), (cut, at))
        # a user cap added to MIT
        capped = MIT_TEXT + "\nThis licence does not apply to products with more than 10 million monthly active users.\n"
        lic = trulyopen.identify_license(capped)
        self.assertEqual(lic.expression, "MIT AND LicenseRef-trulyopen-added-restriction")
        self.assertEqual(lic.category, "use-restricted")

    def test_unexplained_terms(self):
        # two sentences the licence lacks, with no word a restriction is
        # known by; the first limits, the second thanks
        limits = MIT_TEXT + "\nThese permissions continue at the pleasure of Example Labs.\n"
        lic = trulyopen.identify_license(limits)
        self.assertEqual(lic.expression, "MIT AND LicenseRef-trulyopen-custom")
        self.assertIn("These permissions continue", " ".join(
            e.text for e in lic.evidence if e.kind == "clause"))
        thanks = MIT_TEXT + "\nThanks to Wayne Enterprises for sponsoring this work.\n"
        self.assertEqual(trulyopen.identify_license(thanks).expression, "MIT")
        # strict: every added word must be explained
        lic = trulyopen.identify_license(thanks, strict=True)
        self.assertFalse(lic.free)
        self.assertTrue(trulyopen.identify_license(MIT_TEXT, strict=True).free)
        # a word of the grant changed
        grant = MIT_TEXT.replace("to any person obtaining", "to any Canadian obtaining")
        self.assertNotEqual(grant, MIT_TEXT)
        self.assertFalse(trulyopen.identify_license(grant).free)
        # two words of terms about use, and an aside put into the grant:
        # unknown in both readings; a placeholder to fill in is explained
        use = MIT_TEXT + "\nThis software is for use with Acme printers.\n"
        aside = MIT_TEXT.replace("free of charge, to any", "free of charge (for the first year), to any")
        self.assertNotEqual(aside, MIT_TEXT)
        for text in (use, aside):
            for strict in (False, True):
                lic = trulyopen.identify_license(text, strict=strict)
                self.assertEqual(lic.expression, "MIT AND LicenseRef-trulyopen-custom", (text[-60:], strict))
        placeholder = MIT_TEXT + "\n<one line to give the program's name and a brief idea of what it does.>\n"
        self.assertTrue(trulyopen.identify_license(placeholder, strict=True).free)

    def test_wording_changed(self):
        bsd = " ".join(self.by_id[("license", "BSD-2-Clause")])
        self.assertIn("with or without modification", bsd)
        lic = trulyopen.identify_license(bsd.replace("with or without modification",
                                                     "in any form without modification"))
        self.assertFalse(lic.free)
        self.assertEqual(lic.category, "no-derivatives")
        # the licence's own words never count: its text alone is free
        self.assertTrue(trulyopen.identify_license(bsd).free)

    def test_versions_and_variants(self):
        for a, b in (("BSD-3-Clause", "BSD-3-Clause-Clear"), ("CC-BY-2.0", "CC-BY-2.5"),
                     ("Python-2.0", "PSF-2.0"), ("Unicode-DFS-2016", "MIT-0")):
            self.assertEqual(trulyopen.identify_license(as_text(self.by_id[("license", a)])).expression, a)
            self.assertEqual(trulyopen.identify_license(as_text(self.by_id[("license", b)])).expression, b)
        # the licence text with its appendix, which quotes a sample notice
        gpl = as_text([k for k in spdx_records() if k[:2] == ("license", "GPL-3.0-only")][0][3])
        notice = as_text(self.by_id[("header", "GPL-3.0-or-later")])
        self.assertEqual(trulyopen.identify_license(gpl).expression, "GPL-3.0-only")
        self.assertEqual(trulyopen.identify_license(notice + "\n" + gpl).expression,
                         "GPL-3.0-or-later")
        self.assertEqual(trulyopen.identify_license(notice).expression, "GPL-3.0-or-later")

    def test_several_licences(self):
        text = MIT_TEXT + "\n\n" + as_text(self.by_id[("license", "Apache-2.0")])
        lic = trulyopen.identify_license(text)
        self.assertEqual(sorted(i.id for i in lic.licenses), ["Apache-2.0", "MIT"])
        self.assertTrue(lic.free)
        gpl = as_text(self.by_id[("license", "GPL-2.0-only")])
        classpath = as_text(self.by_id[("exception", "Classpath-exception-2.0")])
        lic = trulyopen.identify_license(gpl + "\n" + classpath)
        self.assertEqual(lic.expression, "GPL-2.0-only WITH Classpath-exception-2.0")

    def test_removed_words(self):
        cut = MIT_TEXT.replace("publish, distribute, sublicense, and/or sell", "publish")
        lic = trulyopen.identify_license(cut)
        self.assertEqual(lic.match.template, "MIT")
        self.assertLess(lic.match.coverage, 1.0)
        self.assertIn("removed", [e.kind for e in lic.evidence])
        self.assertLess(lic.confidence, 1.0)


class Identify(pyt.TempDirCase):
    def test_text_identification(self):
        text = MIT_TEXT.replace("<year> <copyright holders>", "2024 Example Org")
        for form in (text, text.encode(), bytearray(text.encode()), memoryview(text.encode())):
            lic = trulyopen.identify_license(form)
            self.assertEqual(lic.expression, "MIT")
            self.assertEqual(lic.confidence, 1.0)  # the full text
            self.assertEqual(lic.match.template, "MIT")
            self.assertGreater(lic.match.score, 0.99)
            self.assertTrue(lic.evidence)
            self.assertTrue(all(e.offset is None or e.offset >= 0 for e in lic.evidence))
        # a sentence of the licence alone is not its text
        lic = trulyopen.identify_license("Permission is hereby granted, free of charge.\n")
        self.assertIsNone(lic.match)
        self.assertLess(lic.confidence, 1.0)

    def test_restrictive_clauses_are_evidence(self):
        text = "Use of this model is permitted for research purposes only.\n"
        lic = trulyopen.identify_license(text)
        self.assertFalse(lic.free)
        self.assertEqual(lic.category, "research-only")
        clause = [e for e in lic.evidence if e.kind == "clause"]
        self.assertTrue(clause)
        self.assertEqual(clause[0].offset, 0)

    def test_reference_texts(self):
        folder = pyt.write_tree(os.path.join(self.tmp, "texts"),
                                {"MIT.txt": MIT_TEXT, "notes": "not a licence\n"})
        text = MIT_TEXT.replace("MIT License\n", "").replace("<year> <copyright holders>",
                                                              "2024 Example Org")
        with trulyopen.LicenseDB(folder) as db:
            self.assertEqual(len(db), 1, "files not named after a licence are skipped")
            lic = db.identify(text)
            self.assertEqual(lic.expression, "MIT")
            kinds = [e.kind for e in lic.evidence]
            self.assertIn("template", kinds)
            self.assertGreater(lic.confidence, 0.9)
        self.assertIn("template", [e.kind for e in
                                   trulyopen.identify_license(text, folder).evidence])
        without = trulyopen.identify_license(text)  # the compiled-in SPDX texts
        self.assertEqual(without.match.template, "MIT")
        with self.assertRaises(ValueError):
            len(db)

    def test_reference_folder_errors(self):
        with self.assertRaises(trulyopen.TrulyOpenIOError):
            trulyopen.LicenseDB(os.path.join(self.tmp, "absent"))
        empty = pyt.write_tree(os.path.join(self.tmp, "empty"), {"README": "nothing\n"})
        with self.assertRaises(trulyopen.NotFoundError):
            trulyopen.LicenseDB(empty)
        with self.assertRaises(trulyopen.LimitError):
            trulyopen.identify_license(b" " * (16 * 1024 * 1024 + 1))


if __name__ == "__main__":
    pyt.main()

"""Licence classification, lookup and text identification through the bindings."""

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

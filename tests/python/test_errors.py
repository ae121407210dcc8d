# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Every exception class, each raised by a real failing call of the library,
with the library's code, message and (where it has one) byte offset."""

import os
import subprocess
import sys
import textwrap

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyt  # noqa: E402
from pyt import trulyopen  # noqa: E402
from trulyopen import errors  # noqa: E402


class Errors(pyt.TempDirCase):
    def setUp(self):
        super().setUp()
        self.root = self.tree("rel", {"a.txt": "a", "b.txt": "b", "c.txt": "c"})

    def check_error(self, cm, cls, code, *fragments):
        exc = cm.exception
        self.assertIs(type(exc), cls)
        self.assertIsInstance(exc, trulyopen.Error)
        self.assertEqual(exc.code, code)
        self.assertEqual(exc.message, str(exc))
        for fragment in fragments:
            self.assertIn(fragment, str(exc))
        return exc

    def test_invalid_argument(self):
        with trulyopen.Release.new() as rel:
            with self.assertRaises(trulyopen.InvalidArgumentError) as cm:
                rel.add_buffer("../escape.txt", b"x")
        exc = self.check_error(cm, trulyopen.InvalidArgumentError, errors.EINVAL,
                               "../escape.txt", "invalid artifact name")
        self.assertIsInstance(exc, ValueError)
        with trulyopen.scan(self.root, no_hash=True) as rel:
            with self.assertRaises(trulyopen.InvalidArgumentError):
                rel.manifest()

    def test_io(self):
        missing = os.path.join(self.tmp, "no-such-release")
        with self.assertRaises(trulyopen.TrulyOpenIOError) as cm:
            trulyopen.scan(missing)
        exc = self.check_error(cm, trulyopen.TrulyOpenIOError, errors.EIO, missing)
        self.assertIsInstance(exc, OSError)
        self.assertIsNone(exc.offset)
        dangling = os.path.join(self.tmp, "dangling")
        os.symlink(missing, dangling)
        with self.assertRaises(trulyopen.TrulyOpenIOError):
            trulyopen.scan(dangling)

    def test_format(self):
        with trulyopen.scan(self.root) as rel:
            with self.assertRaises(trulyopen.FormatError) as cm:
                rel.verify('{"format": "not-a-manifest", "artifacts": []}')
        self.check_error(cm, trulyopen.FormatError, errors.EFORMAT)
        self.assertIsNotNone(cm.exception.offset)

    def test_limit(self):
        with self.assertRaises(trulyopen.LimitError) as cm:
            trulyopen.scan(self.root, max_entries=2)
        self.check_error(cm, trulyopen.LimitError, errors.ELIMIT)
        with trulyopen.Release.new(max_entries=1) as rel:
            rel.add_buffer("one", b"1")
            with self.assertRaises(trulyopen.LimitError) as cm:
                rel.add_buffer("two", b"2")
        self.check_error(cm, trulyopen.LimitError, errors.ELIMIT, "two", "more than 1")

    def test_not_found(self):
        with self.assertRaises(trulyopen.NotFoundError) as cm:
            trulyopen.lookup_license("Not-A-Real-Licence-9.9")
        self.check_error(cm, trulyopen.NotFoundError, errors.ENOTFOUND, "not found")

    def test_parse(self):
        with self.assertRaises(trulyopen.ParseError) as cm:
            trulyopen.license("MIT OR (Apache-2.0 AND")
        exc = self.check_error(cm, trulyopen.ParseError, errors.EPARSE, "byte 22")
        self.assertEqual(exc.offset, 22)
        bad = '{"format": "trulyopen-manifest", ]'
        with trulyopen.scan(self.root) as rel:
            with self.assertRaises(trulyopen.ParseError) as cm:
                rel.verify(bad)
        self.assertEqual(cm.exception.offset, bad.index("]"))

    def test_version(self):
        manifest = {"format": "trulyopen-manifest", "format_version": 2, "artifacts": []}
        with self.assertRaises(trulyopen.VersionError) as cm:
            trulyopen.verify(self.root, manifest)
        self.check_error(cm, trulyopen.VersionError, errors.EVERSION)

    def test_canceled(self):
        with self.assertRaises(trulyopen.CanceledError) as cm:
            trulyopen.scan(self.root, progress=lambda done, total: True)
        self.check_error(cm, trulyopen.CanceledError, errors.ECANCELED, "canceled")

    def test_no_memory(self):
        # A child process caps its address space just above what it uses, then
        # verifies a 26 MB manifest: the library's allocations fail.
        script = textwrap.dedent("""
            import resource, trulyopen
            rel = trulyopen.Release.new(threads=1)
            entry = '{"path": "%s/%%07d", "size": 1, "sha256": "%s", "type": "other"}' % (
                "d" * 100, "0" * 64)
            text = ('{"format": "trulyopen-manifest", "format_version": 1, "artifacts": ['
                    + ",".join(entry % i for i in range(200000)) + ']}').encode()
            with open("/proc/self/statm") as f:
                size = int(f.read().split()[0]) * resource.getpagesize()
            resource.setrlimit(resource.RLIMIT_AS, (size + (4 << 20), resource.RLIM_INFINITY))
            try:
                rel.verify(text)
            except trulyopen.NoMemoryError as exc:
                print("NoMemoryError", exc.code, isinstance(exc, MemoryError), exc)
        """)
        r = subprocess.run([sys.executable, "-c", script], env=pyt.subprocess_env(),
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.startswith("NoMemoryError -1 True"), r.stdout + r.stderr)

    def test_error_helpers(self):
        self.assertIs(errors.error_class(-3), trulyopen.TrulyOpenIOError)
        self.assertIs(errors.error_class(-99), trulyopen.Error)
        exc = errors.make_error(-7, "bad at byte 3", 3)
        self.assertEqual((exc.code, exc.offset), (-7, 3))
        self.assertIsNone(errors.make_error(-7, "x", -1).offset)
        self.assertEqual(errors.code_for(trulyopen.NotFoundError("x")), errors.ENOTFOUND)
        self.assertEqual(errors.code_for(MemoryError()), errors.ENOMEM)
        self.assertEqual(errors.code_for(KeyError("x")), errors.ECANCELED)


if __name__ == "__main__":
    pyt.main()

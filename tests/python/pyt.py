# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Shared set-up of the Python binding tests (run by `make check`, one script
per file, exit status 0 pass / 1 fail / 77 skip).

The tests load the build tree's library, never an installed one. They are
skipped in sanitizer builds: an ASan-instrumented library cannot be loaded
into an uninstrumented python reliably.
"""

import os
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # keep the (maybe read-only) source tree clean

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get("top_srcdir") or os.path.dirname(os.path.dirname(HERE))
BUILDDIR = os.environ.get("top_builddir") or SRCDIR
PACKAGE_DIR = os.path.join(SRCDIR, "bindings", "python")
LIBRARY = os.path.join(BUILDDIR, ".libs", "libtrulyopen.so")
SKIP = 77


def skip_whole_file(why):
    print(f"SKIP: {why}")
    sys.exit(SKIP)


def _setup():
    if sys.version_info < (3, 9):
        skip_whole_file("the bindings need Python 3.9 or newer")
    if os.environ.get("TRO_SANITIZERS") == "yes":
        skip_whole_file("sanitizer build: the ASan runtime cannot be loaded into python")
    if not os.path.exists(LIBRARY):
        skip_whole_file(f"{LIBRARY} is not built (static-only build?)")
    with open(LIBRARY, "rb") as f:
        if b"libasan.so" in f.read():
            skip_whole_file("the library is linked with ASan")
    # Force the build tree's library, whatever the caller's environment says.
    os.environ["TRULYOPEN_LIBRARY"] = LIBRARY
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    sys.path.insert(0, PACKAGE_DIR)


_setup()

import trulyopen  # noqa: E402

HAVE_CHECK = trulyopen.library_has("tro_check")
NO_CHECK_REASON = ("the loaded library lacks tro_check (the evaluation is not "
                   "integrated in this build yet)")


def write_tree(root, files):
    """Writes {relative path: bytes or str} under root; returns root."""
    for rel, data in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
    return root


class TempDirCase(unittest.TestCase):
    """A test case with a fresh temporary folder in self.tmp."""

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="trulyopen-py-")
        self.tmp = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def tree(self, name, files):
        return write_tree(os.path.join(self.tmp, name), files)


def card(license_id, body="", **front):
    """A Hugging Face style model card with YAML front matter."""
    lines = ["---", f"license: {license_id}"]
    for key, value in front.items():
        if isinstance(value, (list, tuple)):
            lines.append(f"{key}:")
            lines.extend(f"- {v}" for v in value)
        else:
            lines.append(f"{key}: {value}")
    lines.append("---")
    return "\n".join(lines) + "\n" + body


def subprocess_env(**extra):
    """Environment for a child python that imports the bindings from the
    source tree with the build tree's library."""
    env = dict(os.environ)
    env["PYTHONPATH"] = PACKAGE_DIR + (os.pathsep + env["PYTHONPATH"]
                                       if env.get("PYTHONPATH") else "")
    env.update(extra)
    return env


def main():
    """Runs the file's tests: exit 0 when all pass, 1 on a failure, 77 when
    every test was skipped."""
    prog = unittest.main(exit=False, verbosity=2)
    result = prog.result
    if not result.wasSuccessful():
        sys.exit(1)
    if result.testsRun and len(result.skipped) == result.testsRun:
        sys.exit(SKIP)
    sys.exit(0)

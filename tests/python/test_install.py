# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""bindings/python installs with pip, offline (no build dependency beyond
setuptools and wheel, which Debian ships), and the installed package works."""

import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyt  # noqa: E402
from pyt import trulyopen  # noqa: E402

PROBE = "import setuptools, wheel, pip, sys; sys.exit(int(setuptools.__version__.split('.')[0]) < 61)"


def installer():
    """A python >= 3.9 that has pip, setuptools >= 61 and wheel, or None."""
    candidates = [sys.executable]
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        path = os.path.join(folder, "python3")
        if os.access(path, os.X_OK):
            candidates.append(path)
    for python in candidates:
        r = subprocess.run([python, "-c", PROBE], capture_output=True)
        if r.returncode == 0:
            return python
    return None


class PipInstall(pyt.TempDirCase):
    def test_install_and_use(self):
        python = installer()
        if not python:
            self.skipTest("no python with pip, setuptools >= 61 and wheel")
        # a copy: pip writes build/ and *.egg-info next to pyproject.toml
        src = os.path.join(self.tmp, "src")
        shutil.copytree(pyt.PACKAGE_DIR, src,
                        ignore=shutil.ignore_patterns("__pycache__", "_config.py", "build",
                                                      "*.egg-info", "local.mk"))
        target = os.path.join(self.tmp, "site")
        env = dict(os.environ, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
        r = subprocess.run([python, "-m", "pip", "install", "--no-build-isolation",
                            "--no-deps", "--no-cache-dir", "--target", target, src],
                           env=env, capture_output=True, text=True, timeout=300)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        installed = sorted(os.listdir(os.path.join(target, "trulyopen")))
        for name in ("__init__.py", "__main__.py", "_lib.py", "judge.py", "py.typed"):
            self.assertIn(name, installed)
        probe = ("import trulyopen, sys; print(trulyopen.__file__); "
                 "print(trulyopen.license('MIT').free)")
        r = subprocess.run([python, "-c", probe], capture_output=True, text=True, cwd=self.tmp,
                           env=dict(os.environ, PYTHONPATH=target,
                                    TRULYOPEN_LIBRARY=pyt.LIBRARY))
        self.assertEqual(r.returncode, 0, r.stderr)
        path, free = r.stdout.split()
        self.assertTrue(path.startswith(target), path)
        self.assertEqual(free, "True")
        r = subprocess.run([python, "-m", "trulyopen", "--version"], capture_output=True,
                           text=True, cwd=self.tmp, env=dict(os.environ, PYTHONPATH=target))
        self.assertEqual(r.stdout.strip(), "python -m trulyopen " + trulyopen.__version__)


if __name__ == "__main__":
    pyt.main()

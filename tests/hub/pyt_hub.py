"""The Python bindings for the Hub tests, when they can be loaded here: not
in a sanitizer build (an ASan library cannot be loaded into python), nor
without the shared library. `trulyopen` is None otherwise, `why` says why."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get("top_srcdir") or os.path.dirname(os.path.dirname(HERE))
BUILDDIR = os.environ.get("top_builddir") or SRCDIR
LIBRARY = os.path.join(BUILDDIR, ".libs", "libtrulyopen.so")

trulyopen = None
why = ""
if os.environ.get("TRO_SANITIZERS") == "yes":
    why = "sanitizer build: the bindings cannot load the library"
elif sys.version_info < (3, 9):
    why = "the bindings need Python 3.9"
elif not os.path.exists(LIBRARY):
    why = "no shared library built"
else:
    os.environ["TRULYOPEN_LIBRARY"] = LIBRARY
    sys.path.insert(0, os.path.join(SRCDIR, "bindings", "python"))
    import trulyopen  # noqa: E402,F401

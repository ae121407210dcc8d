# Python bindings: a pure-Python ctypes package, installed for the configured
# interpreter ($(PYTHON), see AM_PATH_PYTHON in configure.ac) into
# $(pythondir)/trulyopen, byte-compiled there by Automake's py-compile.
TRO_PY_PACKAGE = \
	bindings/python/trulyopen/__init__.py \
	bindings/python/trulyopen/__main__.py \
	bindings/python/trulyopen/_handle.py \
	bindings/python/trulyopen/_lib.py \
	bindings/python/trulyopen/context.py \
	bindings/python/trulyopen/errors.py \
	bindings/python/trulyopen/judge.py \
	bindings/python/trulyopen/licenses.py \
	bindings/python/trulyopen/manifest.py \
	bindings/python/trulyopen/release.py
EXTRA_DIST += $(TRO_PY_PACKAGE) bindings/python/trulyopen/py.typed \
	bindings/python/pyproject.toml bindings/python/README.md

if HAVE_PYTHON
trulyopen_pythondir = $(pythondir)/trulyopen
trulyopen_python_PYTHON = $(TRO_PY_PACKAGE)
trulyopen_python_DATA = bindings/python/trulyopen/py.typed
# Where `make install` puts the library, so that the installed package finds
# it without ldconfig or $TRULYOPEN_LIBRARY (libdir is known only at make time).
nodist_trulyopen_python_PYTHON = bindings/python/trulyopen/_config.py
CLEANFILES += bindings/python/trulyopen/_config.py
bindings/python/trulyopen/_config.py: Makefile
	$(AM_V_GEN)$(MKDIR_P) bindings/python/trulyopen && \
	{ echo '"""Written by make: where make install put libtrulyopen."""'; \
	  echo 'LIBDIR = "$(libdir)"'; } > $@
endif

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
	bindings/python/trulyopen/hub.py \
	bindings/python/trulyopen/judge.py \
	bindings/python/trulyopen/licenses.py \
	bindings/python/trulyopen/manifest.py \
	bindings/python/trulyopen/release.py \
	bindings/python/trulyopen/report.py
EXTRA_DIST += $(TRO_PY_PACKAGE) bindings/python/trulyopen/py.typed \
	bindings/python/pyproject.toml bindings/python/README.md

if HAVE_PYTHON
trulyopen_pythondir = $(pythondir)/trulyopen
trulyopen_python_PYTHON = $(TRO_PY_PACKAGE)
trulyopen_python_DATA = bindings/python/trulyopen/py.typed
# Where `make install` put the library, so that the installed package finds
# it without ldconfig or $TRULYOPEN_LIBRARY. Written at install time, when
# libdir is final (make install prefix=... included); never in the source tree.
install-data-hook: install-python-config
uninstall-hook: uninstall-python-config
install-python-config:
	$(MKDIR_P) '$(DESTDIR)$(trulyopen_pythondir)'
	{ echo '"""Written by make install: where it put libtrulyopen."""'; \
	  echo 'LIBDIR = "$(libdir)"'; } > '$(DESTDIR)$(trulyopen_pythondir)/_config.py'
uninstall-python-config:
	rm -f '$(DESTDIR)$(trulyopen_pythondir)/_config.py' \
	  '$(DESTDIR)$(trulyopen_pythondir)/__pycache__/'_config.*.pyc
endif
.PHONY: install-python-config uninstall-python-config

# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Python bindings tests: unittest scripts run with $(PYTHON3) (the .py log
# compiler), loading the build tree's library. Each exits 77 (skip) when it
# cannot run: python older than 3.9, or a sanitizer build, whose ASan runtime
# cannot be loaded into an uninstrumented python.
TRO_PY_BINDING_TESTS = tests/python/test_api.py tests/python/test_release.py \
	tests/python/test_license.py tests/python/test_errors.py \
	tests/python/test_check.py tests/python/test_report.py tests/python/test_cli.py \
	tests/python/test_supply.py \
	tests/python/test_memory.py \
	tests/python/test_install.py \
	tests/python/test_batch.py
if HAVE_PYTHON
TESTS += $(TRO_PY_BINDING_TESTS)
endif
# trulyopen.dask on a LocalCluster: run with a python that has Dask (dask.sh).
TESTS += tests/python/dask.sh
EXTRA_DIST += $(TRO_PY_BINDING_TESTS) tests/python/pyt.py tests/python/releases.py \
	tests/python/dask.sh tests/python/test_dask.py

AM_TESTS_ENVIRONMENT += PYTHONDONTWRITEBYTECODE=1; export PYTHONDONTWRITEBYTECODE;
if TRO_SANITIZERS
AM_TESTS_ENVIRONMENT += TRO_SANITIZERS=yes; export TRO_SANITIZERS;
endif
if TRO_FUZZERS
AM_TESTS_ENVIRONMENT += TRO_SANITIZERS=yes; export TRO_SANITIZERS;
endif

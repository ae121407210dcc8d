# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# The example releases the README's commands use, the catalog that resolves
# what they name, and the script that made their weights (the .safetensors
# files are committed: their hashes must not change).
EXTRA_DIST += \
	examples/releases/make-weights.py \
	examples/releases/open-model/README.md \
	examples/releases/open-model/LICENSE \
	examples/releases/open-model/config.json \
	examples/releases/open-model/model.safetensors \
	examples/releases/restricted-finetune/README.md \
	examples/releases/restricted-finetune/LICENSE \
	examples/releases/restricted-finetune/model.safetensors \
	examples/catalog/datasets/wikimedia/wikipedia/README.md \
	examples/catalog/models/meta-llama/Llama-2-7b-hf/README.md
# Release-gate policies the README describes (tests/unit/judge/test_policy.c parses them all).
EXTRA_DIST += \
	examples/policies/default.json \
	examples/policies/strict.json \
	examples/policies/permissive-data.json \
	examples/policies/open-weights.json
# A CI step that gates a release with `trulyopen check` (tests/cli/ci-gate.sh).
EXTRA_DIST += \
	examples/ci-gate/README.md \
	examples/ci-gate/trulyopen-gate.sh \
	examples/ci-gate/github-workflow.yml
# How a registry embeds the library: releases from memory, a resolver over
# its own store, one context shared by threads (tests/examples/registry.sh).
check_PROGRAMS += examples/registry_ingest
examples_registry_ingest_SOURCES = examples/registry_ingest.c
examples_registry_ingest_LDADD = libtrulyopen.la
TESTS += tests/examples/registry.sh
EXTRA_DIST += tests/examples/registry.sh
# Checking a model in the Hugging Face cache with the Python bindings
# (tests/examples/check_downloaded.py; skipped where the bindings tests are).
EXTRA_DIST += examples/check_downloaded.py tests/examples/check_downloaded.py
if HAVE_PYTHON
TESTS += tests/examples/check_downloaded.py
endif
# Storing the parts of reports in SQLite without JSON, in C and in Python
# (tests/examples/sqlite.sh: 1,000 generated cards, both databases compared
# with each other and with the CLI's reports).
EXTRA_DIST += examples/report_sqlite.c examples/report_sqlite.py \
	tests/examples/sqlite.sh tests/examples/make_cards.py tests/examples/sqlite_check.py
if HAVE_SQLITE
check_PROGRAMS += examples/report_sqlite
examples_report_sqlite_SOURCES = examples/report_sqlite.c
examples_report_sqlite_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
examples_report_sqlite_LDADD = libtrulyopen.la $(SQLITE_LIBS)
endif
TESTS += tests/examples/sqlite.sh
# A registry's census on a Dask cluster (tests/examples/census.sh; skipped
# without dask.distributed).
EXTRA_DIST += examples/registry-census/README.md examples/registry-census/census.py \
	examples/registry-census/barchart.py tests/examples/census.sh
TESTS += tests/examples/census.sh

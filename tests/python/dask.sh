#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Runs tests/python/test_dask.py with a python that has dask.distributed:
# $PYTHON3 when it does, else Debian's /usr/bin/python3 (python3-distributed);
# skipped (77) when none has it.
for py in "${PYTHON3:-python3}" /usr/bin/python3; do
    if command -v "$py" >/dev/null 2>&1 &&
        "$py" -c 'import sys, dask.bag, distributed; sys.exit(sys.version_info < (3, 9))' 2>/dev/null; then
        exec "$py" "$top_srcdir/tests/python/test_dask.py"
    fi
done
echo "SKIP: no python with dask.distributed (apt-get install python3-distributed)"
exit 77

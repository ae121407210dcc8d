#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Replays every fuzz harness's seed corpus without libFuzzer (see local.mk).
status=0
for name in $TRO_FUZZ_NAMES; do
    corpus="$top_srcdir/tests/fuzz/corpus/$name"
    if [ ! -d "$corpus" ]; then
        echo "replay: no seed corpus for $name"; status=1; continue
    fi
    "$top_builddir/tests/fuzz/replay" "$name" "$corpus" || { echo "replay: $name failed"; status=1; }
done
exit $status

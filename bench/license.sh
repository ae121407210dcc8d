#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Licence benchmark (not a test): texts identified per second over the corpus
# licence texts, without and with reference texts, and expressions per second.
#   bench/license.sh [BUILD_DIR] [TEXT_DIR] [LICENSE_DIR]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here}
texts=${2:-$here/../shared/corpus/licenses}
refs=${3:-/usr/share/common-licenses}
bin="$build/bench/license_bench"
[ -x "$bin" ] || make -C "$build" bench/license_bench >/dev/null
[ -d "$texts" ] || { echo "no licence texts at $texts (give TEXT_DIR)" >&2; exit 2; }
echo "texts: $texts ($(ls "$texts" | grep -vc '\.tsv$') files)"
if [ -d "$refs" ]; then "$bin" "$texts" "$refs"; else "$bin" "$texts"; fi

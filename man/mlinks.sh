#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Prints "PAGE LINK" for every function a section-3 page documents besides
# its own name: each name given with .Nm in the page's NAME section. make
# install writes LINK as a one-line page ".so man3/PAGE", so that
# "man tro_release_free" opens tro_scan(3); the man tests use it too.
# Usage: mlinks.sh PAGE.3...
set -eu
for page in "$@"; do
    base=$(basename "$page")
    awk -v base="$base" '
        /^\.Sh / { in_name = ($2 == "NAME"); next }
        in_name && /^\.Nm / {
            name = $2
            sub(/[ ,]+$/, "", name)
            if (name ".3" != base)
                print base, name ".3"
        }' "$page"
done

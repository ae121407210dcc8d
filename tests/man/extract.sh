#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Prints the C program of a section-3 page: the first literal display
# (.Bd -literal ... .Ed) of its EXAMPLES section, with the roff escapes that
# C code needs undone (\e backslash, \& zero-width, \- minus, \(aq \(dq
# quotes). Usage: extract.sh PAGE.3
set -eu
awk '
    /^\.Sh / { in_ex = ($2 == "EXAMPLES"); next }
    in_ex && !done && /^\.Bd -literal/ { inside = 1; next }
    inside && /^\.Ed/ { inside = 0; done = 1; next }
    inside { print }
' "$1" | sed -e 's/\\e/\\/g' -e 's/\\&//g' -e 's/\\-/-/g' \
    -e "s/\\\\(aq/'/g" -e 's/\\(dq/"/g'

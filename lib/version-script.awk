# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Writes the linker version script of libtrulyopen from the list of its
# exported symbols (tests/unit/symbols.txt): a line "@NODE" opens a version
# node, the names after it belong to it; "#" starts a comment. Each node
# after the first inherits the one before it, and only the first hides
# everything not listed (local: *).
# Usage: awk -f lib/version-script.awk tests/unit/symbols.txt > libtrulyopen.map
function close_node() {
    if (node == "")
        return
    if (nodes == 1)
        print "  local:\n    *;"
    print (nodes == 1 ? "};" : "} " prev ";")
}
{ sub(/#.*/, "") }
NF == 0 { next }
/^@/ {
    close_node()
    prev = node
    node = substr($1, 2)
    nodes++
    print node " {\n  global:"
    next
}
node == "" {
    print FILENAME ": " $1 ": a symbol before the first @NODE line" > "/dev/stderr"
    failed = 1
    exit 1
}
{ print "    " $1 ";" }
END {
    if (failed)
        exit 1
    if (nodes == 0) {
        print FILENAME ": no @NODE line" > "/dev/stderr"
        exit 1
    }
    close_node()
}

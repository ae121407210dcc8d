# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""What the generators of lib/judge's C tables share: reading a
tab-separated data file and writing C string literals."""
import sys


def c_string(s):
    """s as a C string literal: printable ASCII as is, the rest as octal
    escapes of its UTF-8 bytes."""
    out = []
    for ch in s:
        if ch in '\\"':
            out.append('\\' + ch)
        elif ' ' <= ch <= '~':
            out.append(ch)
        else:
            out.extend('\\%03o' % b for b in ch.encode('utf-8'))
    return '"' + ''.join(out) + '"'


def data_lines(path):
    """(line number, line) for each line of path that is neither blank nor
    a '#' comment."""
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if line.strip() and not line.startswith('#'):
                yield n, line


def read_rows(path, ncols):
    """(line number, columns) of each row; exits naming the line when a row
    has not ncols non-blank columns."""
    rows = []
    for n, line in data_lines(path):
        cols = line.split('\t')
        if len(cols) != ncols or not all(c.strip() for c in cols):
            sys.exit('%s:%d: expected %d tab-separated columns' % (path, n, ncols))
        rows.append((n, cols))
    return rows

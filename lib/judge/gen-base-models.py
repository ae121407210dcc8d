#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Writes the C tables of data/base-models.tsv and data/model-names.tsv
(lib/judge/builtin.c reads them).

Usage: gen-base-models.py DATA/base-models.tsv DATA/model-names.tsv > base-models-table.c
base-models.tsv rows: pattern, licence expression, note.
model-names.tsv rows: names (comma-separated), representative Hub id (must
match a base-models row), the family's data (yes/partial/no/-), source.
Tab-separated; '#' starts a comment.
"""
import fnmatch
import re
import sys

sys.dont_write_bytecode = True  # nothing written beside the sources
from gen_tables import c_string, read_rows  # noqa: E402


def fold(name):
    """Lower case, separators (space, '-', '_') as one space."""
    return re.sub(r'[\s_-]+', ' ', name.strip().lower())


def names_table(models, path):
    out = []
    seen = {}
    for n, (names, rep, data, _source) in read_rows(path, 4):
        row = next((i for i, m in enumerate(models)
                    if fnmatch.fnmatch(rep.lower(), m[0].lower())), None)
        if row is None:
            sys.exit('%s:%d: %s matches no row of base-models.tsv' % (path, n, rep))
        if data not in ('yes', 'partial', 'no', '-'):
            sys.exit('%s:%d: data must be yes, partial, no or -' % (path, n))
        for name in names.split(','):
            f = fold(name)
            if not re.fullmatch(r'[a-z0-9. ]+', f):
                sys.exit('%s:%d: name %r has other characters than letters, digits, '
                         'separators and dots' % (path, n, name))
            if f in seen:
                sys.exit('%s:%d: name %r is also on line %d' % (path, n, name, seen[f]))
            seen[f] = n
            out.append((f, rep, row, {'yes': 2, 'partial': 1, 'no': 0, '-': -1}[data]))
    return out


def main():
    path = sys.argv[1]
    rows = [cols for _n, cols in read_rows(path, 3)]
    print('/* Generated from data/base-models.tsv by gen-base-models.py: do not edit. */')
    print('#include "judge.h"\n')
    print('const trop_builtin_model trop_builtin_models[] = {')
    for pattern, lic, note in rows:
        print('    {%s, %s, %s},' % (c_string(pattern), c_string(lic), c_string(note)))
    print('};')
    print('const size_t trop_builtin_model_count = %d;' % len(rows))
    # sorted by their first byte, with where each byte's names start: prose
    # is searched for names at every word, so only names of the word's first
    # letter are compared
    names = sorted(names_table(rows, sys.argv[2]), key=lambda t: t[0][0])
    print('\nconst trop_builtin_name trop_builtin_names[] = {')
    for f, rep, row, data in names:
        print('    {%s, %s, %d, %d},' % (c_string(f), c_string(rep), row, data))
    print('};')
    print('const size_t trop_builtin_name_count = %d;' % len(names))
    first = [len(names)] * 129
    for i in range(len(names) - 1, -1, -1):
        first[ord(names[i][0][0])] = i
    for c in range(127, -1, -1):  # a byte without names starts where the next does
        if first[c] == len(names):
            first[c] = first[c + 1]
    print('const unsigned short trop_builtin_name_first[129] = {%s};' %
          ', '.join(str(x) for x in first))


if __name__ == '__main__':
    main()

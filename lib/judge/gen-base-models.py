#!/usr/bin/env python3
"""Writes the C table of data/base-models.tsv (lib/judge/builtin.c reads it).

Usage: gen-base-models.py DATA/base-models.tsv > base-models-table.c
Rows: pattern, licence expression, note (tab-separated; '#' starts a comment).
"""
import sys


def c_string(s):
    out = []
    for ch in s:
        if ch in '\\"':
            out.append('\\' + ch)
        elif ' ' <= ch <= '~':
            out.append(ch)
        else:
            out.extend('\\%03o' % b for b in ch.encode('utf-8'))
    return '"' + ''.join(out) + '"'


def main():
    path = sys.argv[1]
    rows = []
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            cols = line.split('\t')
            if len(cols) != 3 or not all(c.strip() for c in cols):
                sys.exit('%s:%d: expected 3 tab-separated columns' % (path, n))
            rows.append(cols)
    print('/* Generated from data/base-models.tsv by gen-base-models.py: do not edit. */')
    print('#include "judge.h"\n')
    print('const trop_builtin_model trop_builtin_models[] = {')
    for pattern, lic, note in rows:
        print('    {%s, %s, %s},' % (c_string(pattern), c_string(lic), c_string(note)))
    print('};')
    print('const size_t trop_builtin_model_count = %d;' % len(rows))


if __name__ == '__main__':
    main()

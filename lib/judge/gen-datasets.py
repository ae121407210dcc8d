#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Writes the C table of data/datasets.tsv (lib/judge/builtin_datasets.c reads it).

Usage: gen-datasets.py DATA/datasets.tsv > datasets-table.c
       gen-datasets.py --check DATA/datasets.tsv     (validate only)
       gen-datasets.py --licenses DATA/datasets.tsv  (print the licence column, one a line)

The columns are described in the header of data/datasets.tsv. Every row is
checked before anything is written: a malformed row stops the build with
FILE:LINE: and what is wrong, so the table cannot drift from its rules.
"""
import re
import sys

sys.dont_write_bytecode = True  # nothing written beside the sources
from gen_tables import c_string, data_lines  # noqa: E402

COLUMNS = ('id', 'hub', 'names', 'cased', 'license', 'free', 'avail', 'access', 'role',
           'problem', 'source', 'note')
FREE = {'yes': '1', 'no': '0', 'unknown': '-1'}
AVAIL = {'public': 'TROP_DS_PUBLIC', 'gated': 'TROP_DS_GATED', 'withdrawn': 'TROP_DS_WITHDRAWN',
         'metadata-only': 'TROP_DS_METADATA_ONLY', 'undisclosed': 'TROP_DS_UNDISCLOSED'}
ACCESS = {'yes': 'TROP_DS_ACCESS_YES', 'partial': 'TROP_DS_ACCESS_PARTIAL',
          'no': 'TROP_DS_ACCESS_NO'}
ROLE = {'pretraining': 'TROP_DS_PRETRAINING', 'instruction': 'TROP_DS_INSTRUCTION',
        'preference': 'TROP_DS_PREFERENCE', 'supervised': 'TROP_DS_SUPERVISED',
        'evaluation': 'TROP_DS_EVALUATION', 'mixed': 'TROP_DS_MIXED',
        'results': 'TROP_DS_RESULTS'}
# A Hub id: a legacy name ("c4") or owner/name, segments of letters, digits, - _ .
HUB_ID = re.compile(r'^(?:[A-Za-z0-9][A-Za-z0-9_.-]*/)?[A-Za-z0-9][A-Za-z0-9_.-]*$')
HUB_PATTERN = re.compile(r'^[A-Za-z0-9_.*?\[\]/-]+$')
# Prose names: printable ASCII, starting and ending with a letter or digit,
# single spaces (a space matches any run of white space in the text).
NAME = re.compile(r'^[A-Za-z0-9](?:[ -~]*[A-Za-z0-9])?$')
URL = re.compile(r'^https://[^\s]+$')
NAME_MAX = 64

# Flags of a prose name; builtin.h has the same values.
FLAG_CASED = 1  # only this exact case counts
FLAG_ID = 2     # a Hub id written in prose (owner/name)


class Bad(Exception):
    pass


def split_list(col):
    if col == '-':
        return []
    items = [x.strip() for x in col.split(',')]
    if any(not x for x in items):
        raise Bad('empty item in a comma-separated list')
    return items


def fold(name):
    return name.lower()


def check_name(name):
    if not NAME.match(name) or '  ' in name or len(name) < 2 or len(name) > NAME_MAX:
        raise Bad('name %r: printable ASCII of 2 to %d characters, starting and ending '
                  'with a letter or digit, single spaces' % (name, NAME_MAX))


def parse_row(cols):
    if len(cols) != len(COLUMNS):
        raise Bad('expected %d tab-separated columns, found %d' % (len(COLUMNS), len(cols)))
    if any(not c.strip() or c != c.strip() for c in cols):
        raise Bad('a column is empty or has surrounding spaces (write - for none)')
    r = dict(zip(COLUMNS, cols))
    if r['id'] != '-' and not HUB_ID.match(r['id']):
        raise Bad('id %r is not a Hub id' % r['id'])
    r['hub'] = split_list(r['hub'])
    for h in r['hub']:
        if not HUB_PATTERN.match(h):
            raise Bad('hub %r is not a Hub id or pattern' % h)
    r['names'] = split_list(r['names'])
    r['cased'] = split_list(r['cased'])
    for n in r['names'] + r['cased']:
        check_name(n)
    if r['id'] == '-' and not (r['hub'] or r['names'] or r['cased']):
        raise Bad('a row needs an id, a Hub id or a name')
    for col, allowed in (('free', FREE), ('avail', AVAIL), ('access', ACCESS), ('role', ROLE)):
        if r[col] not in allowed:
            raise Bad('%s %r: one of %s' % (col, r[col], ', '.join(allowed)))
    if not URL.match(r['source']):
        raise Bad('source %r is not an https URL' % r['source'])
    # The data-access verdict must agree with the facts it sums up (rubric):
    # yes needs a free licence, no gate and no known problem; undisclosed data
    # gives nothing; withdrawn, gated or URL-only data is partial at best
    # (withdrawn data whose parts are still public elsewhere is partial).
    if r['access'] == 'yes' and (r['free'] != 'yes' or r['avail'] != 'public'
                                 or r['problem'] != '-'):
        raise Bad('access yes needs free yes, avail public and no problem')
    if r['avail'] == 'undisclosed' and r['access'] != 'no':
        raise Bad('undisclosed data has access no')
    if r['access'] != 'yes' and r['problem'] == '-':
        raise Bad('access %s needs the problem that keeps it below yes' % r['access'])
    return r


def prose_names(r):
    """(text, flags) of every name prose may use for the row."""
    out = [(n, 0) for n in r['names']] + [(n, FLAG_CASED) for n in r['cased']]
    for h in ([r['id']] if r['id'] != '-' else []) + r['hub']:
        # Hub ids count in prose when they name one repository (owner/name);
        # a bare legacy id ("c4", "oscar") is too often an ordinary word.
        if '/' in h and not any(ch in h for ch in '*?['):
            out.append((h, FLAG_ID))
    return out


def read(path):
    rows = []
    for n, line in data_lines(path):
        try:
            r = parse_row(line.split('\t'))
        except Bad as e:
            sys.exit('%s:%d: %s' % (path, n, e))
        r['line'] = n
        rows.append(r)
    if not rows:
        sys.exit('%s: no rows' % path)
    check_unique(path, rows)
    return rows


def check_unique(path, rows):
    """A Hub id or a prose name belongs to one row only, or lookups would
    depend on row order. Two names clash when they fold to the same text,
    unless both count only in their own, different, case ("ARC", "Arc")."""
    ids, names = {}, {}
    for i, r in enumerate(rows):
        for h in ([r['id']] if r['id'] != '-' else []) + r['hub']:
            j = ids.setdefault(fold(h), i)
            if j != i:
                sys.exit('%s:%d: Hub id %s is also on line %d' % (path, r['line'], h,
                                                                  rows[j]['line']))
        for text, flags in prose_names(r):
            seen = names.setdefault(fold(text), [])
            for t, f, j in seen:
                if j == i and t == text:
                    sys.exit('%s:%d: name %r is listed twice' % (path, r['line'], text))
                if j != i and not (f & flags & FLAG_CASED and t != text):
                    sys.exit('%s:%d: name %r is also on line %d' % (path, r['line'], text,
                                                                   rows[j]['line']))
            seen.append((text, flags, i))


def emit(rows):
    print('/* Generated from data/datasets.tsv by gen-datasets.py: do not edit. */')
    print('#include "builtin.h"\n')
    print('static const char *const hub_none[] = {NULL};')
    for i, r in enumerate(rows):
        if r['hub']:
            print('static const char *const hub%d[] = {%s};' %
                  (i, ''.join(c_string(h) + ', ' for h in r['hub']) + 'NULL'))
    print('\nconst trop_builtin_dataset trop_builtin_datasets[] = {')
    for i, r in enumerate(rows):
        label = (r['names'] + r['cased'] + ([r['id']] if r['id'] != '-' else []) + r['hub'])[0]
        print('    {%s, %s, %s, %s, %s, %s, %s, %s,\n     %s,\n     %s},' % (
            c_string(r['id']) if r['id'] != '-' else 'NULL',
            'hub%d' % i if r['hub'] else 'hub_none', c_string(label),
            c_string(r['license']), FREE[r['free']], AVAIL[r['avail']], ACCESS[r['access']],
            ROLE[r['role']], c_string(r['problem']) if r['problem'] != '-' else 'NULL',
            c_string(r['source'])))
    print('};')
    print('const size_t trop_builtin_dataset_count = %d;\n' % len(rows))
    names = []
    for i, r in enumerate(rows):
        names.extend((fold(t), t, flags, i) for t, flags in prose_names(r))
    # Sorted by the folded text: the matcher finds the names of a first
    # folded byte by its lead, then narrows them byte by byte to those
    # that share the text's (the folded copy is what it compares).
    names.sort()
    print('const trop_builtin_ds_name trop_builtin_ds_names[] = {')
    for folded, text, flags, i in names:
        print('    {%s, %s, %d, %d, %d},' % (c_string(text), c_string(folded), len(text), flags,
                                          i))
    print('};')
    print('const size_t trop_builtin_ds_name_count = %d;' % len(names))
    emit_leads([f for f, _, _, _ in names])


def emit_leads(folded):
    """Per first folded byte of the sorted names, their range and the set of
    second bytes that follow it: a word of prose whose first two bytes no
    name begins with is passed over without a search."""
    leads = {}
    for k, f in enumerate(folded):
        if not (f[0].isascii() and f[0].isalnum() and f[1].isascii()):
            sys.exit('name %r: the matcher needs an ASCII letter or digit first' % f)
        lo, hi, second = leads.get(f[0], (k, k, 0))
        leads[f[0]] = (lo, k + 1, second | 1 << ord(f[1]))
    print('\nconst trop_builtin_ds_lead trop_builtin_ds_leads[128] = {')
    for c in sorted(leads):
        lo, hi, second = leads[c]
        print("    ['%s'] = {%d, %d, {0x%xull, 0x%xull}}," % (
            c, lo, hi, second & (1 << 64) - 1, second >> 64))
    print('};')


def main():
    args = sys.argv[1:]
    mode = args.pop(0) if args and args[0].startswith('--') else None
    if len(args) != 1 or mode not in (None, '--check', '--licenses'):
        sys.exit('usage: gen-datasets.py [--check | --licenses] DATA/datasets.tsv')
    rows = read(args[0])
    if len(rows) >= 65535:
        sys.exit('%s: too many rows' % args[0])
    if mode == '--licenses':
        for r in rows:
            print('%d\t%s\t%s' % (r['line'], r['license'], r['free']))
    elif mode is None:
        emit(rows)


if __name__ == '__main__':
    main()

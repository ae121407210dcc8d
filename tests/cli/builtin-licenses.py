#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Every licence of the built-in tables is one `trulyopen license` knows.

data/datasets.tsv and data/base-models.tsv are edited by hand; a licence
written there that the licence layer does not recognise would silently count
as unknown. Each value is run through `trulyopen license --format json`:

  - it must be recognised (category other than unknown), unless it is
    literally `unknown` or `other`;
  - in datasets.tsv, the free column must agree with the licence's
    free_for_data, unless the row's note says why it differs;
  - in base-models.tsv, every licence is a known expression too, and no row
    is hidden by an earlier one with another licence (the first match wins,
    so exceptions must come before the general rule): a row's pattern with
    its wildcards filled in must first match itself or a row that agrees.
"""
import fnmatch
import json
import os
import subprocess
import sys

SRCDIR = os.environ.get('top_srcdir') or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), '..', '..')
TRULYOPEN = os.environ.get('TRULYOPEN') or os.path.join(
    os.environ.get('top_builddir', '.'), 'trulyopen')
PLACEHOLDERS = ('unknown', 'other')


def rows(name):
    path = os.path.join(SRCDIR, 'data', name)
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if line.strip() and not line.startswith('#'):
                yield '%s:%d' % (name, n), line.split('\t')


cache = {}


def judge(expr):
    if expr not in cache:
        out = subprocess.run([TRULYOPEN, 'license', '--format', 'json', expr],
                             capture_output=True, text=True, timeout=60)
        if out.returncode not in (0, 1) or not out.stdout.strip():
            raise SystemExit('trulyopen license %r failed (%d): %s' %
                             (expr, out.returncode, out.stderr.strip()))
        cache[expr] = json.loads(out.stdout)
    return cache[expr]


def known(where, expr, errors):
    r = judge(expr)
    if expr.lower() not in PLACEHOLDERS and r['category'] == 'unknown':
        errors.append('%s: licence %r is not recognised (%s)' % (where, expr, r['reason']))
    return r


def main():
    if not os.access(TRULYOPEN, os.X_OK):
        print('no trulyopen binary at %s' % TRULYOPEN)
        return 77
    errors = []
    checked = 0
    for where, cols in rows('datasets.tsv'):
        lic, free, note = cols[4], cols[5], cols[11]
        r = known(where, lic, errors)
        checked += 1
        by_licence = 'yes' if r['free_for_data'] else 'no'
        if free != 'unknown' and free != by_licence and note == '-':
            errors.append('%s: free is %s but %r is %sfree for data; say why in the note'
                          % (where, free, lic, '' if r['free_for_data'] else 'not '))
        if free == 'unknown' and r['free_for_data'] and note == '-':
            errors.append('%s: free is unknown although %r is free for data; say why in the note'
                          % (where, lic))
    earlier = []
    for where, cols in rows('base-models.tsv'):
        pattern, lic = cols[0], cols[1]
        known(where, lic, errors)
        checked += 1
        example = pattern.replace('*', 'x').replace('?', 'x').lower()
        for w, p, l in earlier:
            if fnmatch.fnmatchcase(example, p.lower()):
                if l != lic:
                    errors.append('%s: %s (%s) is hidden by %s: %s (%s); put the exception first'
                                  % (where, pattern, lic, w, p, l))
                break
        earlier.append((where, pattern, lic))
    for e in errors:
        print(e)
    print('%d licence columns checked, %d distinct expressions, %d problems'
          % (checked, len(cache), len(errors)))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())

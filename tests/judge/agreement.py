#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Agreement of `trulyopen check` with the labelled real cards.

../shared/corpus/JUDGEMENTS.tsv labels 80 real model and dataset cards by the
judging rubric (use freedom, method transparency, data access: yes, partial,
no, unclear). Each card is checked on its own, as a user would check a card
they downloaded (no catalog, no network), and its three statuses compared
with the labels. The test fails when:

  - agreement on a criterion falls below its floor (FLOORS);
  - a card labelled restrictive (use freedom no) passes use freedom;
  - a card not labelled fully open is judged truly-open;
  - fewer than FULLY_OPEN_FOUND of the cards labelled fully open are.

It prints every disagreement, so a change of rules shows what it moved.
Skips (77) when the corpus is absent.
"""
import json
import os
import re
import subprocess
import sys

TOP = os.environ.get('top_srcdir', '.')
CORPUS = os.environ.get('TRO_CORPUS') or os.path.join(TOP, '..', 'shared', 'corpus')
TRULYOPEN = os.environ.get('TRULYOPEN') or os.path.join(
    os.environ.get('top_builddir', '.'), 'trulyopen')

# The targets: agreement floors per criterion (data access at the
# level the data rules reach, 80 of 80 cards), and every release labelled
# fully open comes out truly-open.
FLOORS = {'use_freedom': 0.95, 'method_transparency': 0.85, 'data_access': 1.00}
FULLY_OPEN_FOUND = 7
# Judged truly-open though labelled otherwise: none known.
KNOWN_FALSE_OPEN = set()
LABEL = {'yes': 'pass', 'no': 'fail', 'partial': 'partial', 'unclear': 'unknown'}


def main():
    index = os.path.join(CORPUS, 'JUDGEMENTS.tsv')
    if not os.path.exists(index):
        print('SKIP: no corpus at', CORPUS)
        return 77
    agree = dict.fromkeys(FLOORS, 0)
    cards = 0
    problems = []
    open_labelled = open_found = 0
    for line in open(index, encoding='utf-8'):
        if line.startswith('path\t') or not line.strip():
            continue
        path, text = line.rstrip('\n').split('\t', 1)
        want = dict(re.findall(r'(\w+)=(\w+)', text.split(' — ')[0]))
        r = subprocess.run([TRULYOPEN, 'check', '-f', 'json', '--no-hash',
                            os.path.join(CORPUS, path)], capture_output=True, text=True)
        if r.returncode not in (0, 1):
            problems.append(f'{path}: exit {r.returncode}: {r.stderr.strip()}')
            continue
        doc = json.loads(r.stdout)
        cards += 1
        got = {k: doc['criteria'][k]['status'] for k in FLOORS}
        diffs = []
        for k in FLOORS:
            if got[k] == LABEL[want[k]]:
                agree[k] += 1
            else:
                diffs.append(f'{k} {got[k]} (label {LABEL[want[k]]})')
        if diffs:
            print(f'  {path}: ' + '; '.join(diffs))
        fully = all(want[k] == 'yes' for k in FLOORS)
        open_labelled += fully
        if doc['verdict'] == 'truly-open':
            if fully:
                open_found += 1
            elif path in KNOWN_FALSE_OPEN:
                print(f'  {path}: truly-open, a known disagreement')
            else:
                problems.append(f'{path}: truly-open, but labelled {want}')
        if want['use_freedom'] == 'no' and got['use_freedom'] == 'pass':
            problems.append(f'{path}: labelled restrictive, passes use freedom')
    for k, floor in FLOORS.items():
        share = agree[k] / cards if cards else 0
        print(f'{k}: {agree[k]}/{cards} = {100 * share:.1f}% (floor {100 * floor:.0f}%)')
        if share < floor:
            problems.append(f'{k}: agreement {100 * share:.1f}% is below {100 * floor:.0f}%')
    print(f'fully open: {open_found} of the {open_labelled} labelled found')
    if open_found < FULLY_OPEN_FOUND:
        problems.append(f'only {open_found} labelled fully open cards are truly-open')
    for p in problems:
        print('FAIL:', p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())

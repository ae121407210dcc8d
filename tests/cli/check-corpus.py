#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""`trulyopen check` over the real cards of ../shared/corpus/cards/.

Every card must check (exit 0 or 1, a valid report); no card with a licence
trulyopen knows is not free may pass use freedom; no card the corpus index
judges not free (use_freedom=no, for a reason about its licence) may pass
it. Agreement with the index's three judgements is printed, not enforced:
the index is one reader's reading, sometimes with outside knowledge.

The corpus's dataset cards serve as a catalog (built at test time with
symbolic links, never copied), so declared datasets such as c4 or the_pile
resolve to their real cards. Skips (77) when the corpus is absent.
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

TOP = os.environ.get('top_srcdir', '.')
CARDS = os.path.join(TOP, '..', 'shared', 'corpus', 'cards')
TRULYOPEN = os.environ.get('TRULYOPEN') or os.path.join(
    os.environ.get('top_builddir', '.'), 'trulyopen')

# Hub ids the corpus's cards use -> the corpus file that is that dataset's card.
DATASETS = {
    'bookcorpus': 'dataset-bookcorpus.md',
    'c4': 'dataset-c4.md',
    'allenai/c4': 'dataset-c4.md',
    'openwebtext': 'dataset-openwebtext.md',
    'cerebras/SlimPajama-627B': 'dataset-slimpajama-627b.md',
    'bigcode/starcoderdata': 'dataset-starcoderdata-the-stack-terms.md',
    'the_pile': 'dataset-the-pile.md',
    'EleutherAI/pile': 'dataset-the-pile.md',
    'wikipedia': 'dataset-wikipedia.md',
    'allenai/dolma': 'dolma-github-readme-2024-04-odc-by.md',
    'HuggingFaceFW/fineweb': 'dataset-fineweb-body-no-yaml.md',
    'OpenLLM-France/Lucie-Training-Dataset': 'lucie-training-dataset.md',
}

# Index "no" judgements that rest on outside facts, not on the licence the
# card states (which is free): the card cannot show them.
OUTSIDE_FACTS = {
    'dataset-the-pile-books3.md': 'card says MIT; the books are copyrighted and were '
                                  'withdrawn after a DMCA notice',
}


def build_catalog(root):
    for hub_id, fname in DATASETS.items():
        d = os.path.join(root, 'datasets', hub_id)
        os.makedirs(d)
        os.symlink(os.path.abspath(os.path.join(CARDS, fname)), os.path.join(d, 'README.md'))


def index():
    rows = {}
    with open(os.path.join(CARDS, 'INDEX.tsv'), newline='') as f:
        for row in csv.reader(f, delimiter='\t'):
            if len(row) < 8 or row[0] == 'file':
                continue
            judged = {}
            for part in row[7].split('—')[0].split(';'):
                if '=' in part:
                    k, v = part.strip().split('=', 1)
                    judged[k.strip()] = v.strip()
            rows[row[0]] = judged
    return rows


EQUIV = {
    'use_freedom': {'yes': 'pass', 'no': 'fail', 'unclear': 'unknown'},
    'method_transparency': {'yes': 'pass', 'partial': 'partial', 'no': 'fail'},
    'data_access': {'yes': 'pass', 'partial': 'partial', 'no': 'fail'},
}


def main():
    if not os.path.isdir(CARDS):
        print('corpus absent: skip')
        return 77
    idx = index()
    names = sorted(n for n in os.listdir(CARDS) if n.endswith('.md'))
    errors = []
    agree = {k: [0, 0] for k in EQUIV}
    use_no_not_pass = 0
    with tempfile.TemporaryDirectory(prefix='trulyopen-corpus-') as tmp:
        build_catalog(tmp)
        for name in names:
            p = subprocess.run([TRULYOPEN, 'check', '-q', '--no-hash', '-f', 'json',
                                '--catalog', tmp, os.path.join(CARDS, name)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            if p.returncode not in (0, 1):
                errors.append('%s: exit %d: %s' % (name, p.returncode, p.stderr[:300]))
                continue
            try:
                doc = json.loads(p.stdout)
            except ValueError as e:
                errors.append('%s: not JSON: %s' % (name, e))
                continue
            st = {k: v['status'] for k, v in doc['criteria'].items()}
            nonfree = [l for l in doc['licenses'] if l['known'] and not l['free']]
            if nonfree and st['use_freedom'] == 'pass':
                errors.append('%s: use freedom passes with %s' % (name, nonfree[0]['expression']))
            if st['use_freedom'] == 'pass' and not all(l['known'] and l['free']
                                                       for l in doc['licenses']):
                errors.append('%s: use freedom passes with an unrecognised licence' % name)
            if (p.returncode == 0) != (doc['verdict'] == 'truly-open' and not any(
                    f['severity'] == 'error' for f in doc['findings'])):
                errors.append('%s: exit status %d disagrees with the report' % (name, p.returncode))
            judged = idx.get(name, {})
            if judged.get('use_freedom') == 'no':
                if st['use_freedom'] == 'pass' and name not in OUTSIDE_FACTS:
                    errors.append('%s: the index says not free, use freedom passes' % name)
                use_no_not_pass += st['use_freedom'] != 'pass'
            for k, eq in EQUIV.items():
                if judged.get(k) in eq:
                    agree[k][1] += 1
                    agree[k][0] += eq[judged[k]] == st[k]
            print('%-50s %-8s %-8s %-8s %s' % (name, st['use_freedom'],
                                              st['method_transparency'], st['data_access'],
                                              doc['verdict']))
    nos = sum(1 for j in idx.values() if j.get('use_freedom') == 'no')
    print('\n%d cards checked; index "not free" cards not passing use freedom: %d of %d'
          % (len(names), use_no_not_pass, nos))
    for k, (a, n) in agree.items():
        print('agreement with the index on %s: %d of %d (%.0f%%)' % (k, a, n, 100.0 * a / max(n, 1)))
    for name, why in OUTSIDE_FACTS.items():
        print('outside facts not judged: %s (%s)' % (name, why))
    for e in errors:
        print('FAIL ' + e)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Data-driven tests of `trulyopen check`.

Each folder under tests/data/check/cases/ holds a release (release/) and expected.json. The
release is copied to a temporary folder, completed with the files the test
generates (tiny GGUF weights, a malicious pickle), archived if asked, and
checked with `trulyopen check --format json`; the report is compared with
what expected.json gives:

  args             extra arguments; {catalog} is the shared catalog/ folder,
                   {hfcache} the same catalog laid out as a Hugging Face cache
  generate         {path: {"gguf": {key: string}} | "malicious-pickle"}
  archive          "tar.gz": check a tarball of the release instead
  exit             expected exit status
  verdict          expected verdict
  criteria         {criterion: status}
  licenses         the expressions of licenses[], in order
  findings         codes that must be among the findings
  absent_findings  codes that must not
  lineage          [{key: value}] matched in order against lineage[]
  lineage_count    the exact number of lineage[] entries
                   (source_prefix: the source starts with it)
  datasets         [{key: value}] matched in order against datasets[]
  datasets_count   how many datasets[] entries there are
  evidence         {criterion: [{key: value}]}: each matches one evidence item of
                   the criterion (text_contains: its text contains the value)
  no_evidence      {criterion: [{key: value}]}: none matches any evidence item
  reasons          {criterion: [text]}: each is part of one of its reasons
  mof_class        mof.class
"""
import json
import os
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile

HERE = os.path.join(os.environ.get('top_srcdir') or
                    os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'),
                    'tests', 'data', 'check')
TRULYOPEN = os.environ.get('TRULYOPEN') or os.path.join(
    os.environ.get('top_builddir', '.'), 'trulyopen')


def gguf(kv):
    """A GGUF v3 file with string metadata and no tensors."""
    def s(b):
        return struct.pack('<Q', len(b)) + b
    out = b'GGUF' + struct.pack('<IQQ', 3, 0, len(kv))
    for k, v in kv.items():
        out += s(k.encode()) + struct.pack('<I', 8) + s(v.encode())
    return out


def malicious_pickle():
    """Protocol 0: GLOBAL os.system, called with a string (never loaded)."""
    return b"cos\nsystem\n(S'echo pwned'\ntR."


def generate(release, spec):
    for path, what in spec.items():
        full = os.path.join(release, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        data = malicious_pickle() if what == 'malicious-pickle' else gguf(what['gguf'])
        with open(full, 'wb') as f:
            f.write(data)


def hf_cache(catalog, out):
    """Lays the catalog out as a Hugging Face cache: snapshot files are
    symbolic links to blobs; refs/main names the snapshot to use, and an
    older snapshot with a different licence must not be chosen."""
    for kind in ('models', 'datasets'):
        top = os.path.join(catalog, kind)
        for org in sorted(os.listdir(top)):
            for name in sorted(os.listdir(os.path.join(top, org))):
                src = os.path.join(top, org, name)
                repo = os.path.join(out, '%s--%s--%s' % (kind, org, name))
                rev = 'b' * 40
                snap = os.path.join(repo, 'snapshots', rev)
                os.makedirs(snap)
                os.makedirs(os.path.join(repo, 'blobs'))
                for i, fname in enumerate(sorted(os.listdir(src))):
                    blob = os.path.join(repo, 'blobs', '%040d' % i)
                    shutil.copyfile(os.path.join(src, fname), blob)
                    os.symlink(os.path.join('..', '..', 'blobs', '%040d' % i),
                               os.path.join(snap, fname))
                # a newer-named snapshot that refs/main does not point at
                stale = os.path.join(repo, 'snapshots', 'c' * 40)
                os.makedirs(stale)
                with open(os.path.join(stale, 'README.md'), 'w') as f:
                    f.write('---\nlicense: cc-by-nc-4.0\n---\n# stale snapshot\n')
                os.makedirs(os.path.join(repo, 'refs'))
                with open(os.path.join(repo, 'refs', 'main'), 'w') as f:
                    f.write(rev)


def match(kind, got, want, errors):
    if len(got) < len(want):
        errors.append('%s: expected at least %d entries, got %d' % (kind, len(want), len(got)))
        return
    for i, w in enumerate(want):
        for k, v in w.items():
            if k == 'source_prefix':
                ok = (got[i].get('source') or '').startswith(v)
            else:
                ok = got[i].get(k) == v
            if not ok:
                errors.append('%s[%d].%s: expected %r, got %r' % (
                    kind, i, k, v, got[i].get('source' if k == 'source_prefix' else k)))


def evidence_matches(item, want):
    for k, v in want.items():
        if k == 'text_contains':
            if v not in item.get('text', ''):
                return False
        elif item.get(k) != v:
            return False
    return True


def compare_evidence(exp, doc, errors):
    for crit, wants in exp.get('evidence', {}).items():
        got = doc['criteria'][crit]['evidence']
        for w in wants:
            if not any(evidence_matches(e, w) for e in got):
                errors.append('%s: no evidence like %r (got %r)' % (crit, w, got))
    for crit, wants in exp.get('no_evidence', {}).items():
        for e in doc['criteria'][crit]['evidence']:
            for w in wants:
                if evidence_matches(e, w):
                    errors.append('%s: evidence %r should not be there' % (crit, e))
    for crit, texts in exp.get('reasons', {}).items():
        reasons = doc['criteria'][crit]['reasons']
        for t in texts:
            if not any(t in r for r in reasons):
                errors.append('%s: no reason with %r (got %r)' % (crit, t, reasons))


def compare(exp, rc, doc):
    errors = []
    if 'exit' in exp and rc != exp['exit']:
        errors.append('exit status %d, expected %d' % (rc, exp['exit']))
    if 'verdict' in exp and doc['verdict'] != exp['verdict']:
        errors.append('verdict %s, expected %s' % (doc['verdict'], exp['verdict']))
    for crit, status in exp.get('criteria', {}).items():
        got = doc['criteria'][crit]['status']
        if got != status:
            errors.append('%s: %s, expected %s (reasons: %s)' % (
                crit, got, status, '; '.join(doc['criteria'][crit]['reasons'])))
    if 'licenses' in exp:
        got = [l['expression'] for l in doc['licenses']]
        if got != exp['licenses']:
            errors.append('licenses %r, expected %r' % (got, exp['licenses']))
    codes = {f['code'] for f in doc['findings']}
    for code in exp.get('findings', []):
        if code not in codes:
            errors.append('finding %s missing (got %s)' % (code, sorted(codes)))
    for code in exp.get('absent_findings', []):
        if code in codes:
            errors.append('finding %s present' % code)
    match('lineage', doc['lineage'], exp.get('lineage', []), errors)
    if 'lineage_count' in exp and len(doc['lineage']) != exp['lineage_count']:
        errors.append('lineage: expected %d entries, got %d' % (exp['lineage_count'],
                                                              len(doc['lineage'])))
    match('datasets', doc['datasets'], exp.get('datasets', []), errors)
    if 'datasets' in exp and not exp['datasets'] and doc['datasets']:
        errors.append('datasets: expected none')
    if 'datasets_count' in exp and len(doc['datasets']) != exp['datasets_count']:
        errors.append('%d datasets, expected %d: %r' % (
            len(doc['datasets']), exp['datasets_count'], [d['id'] for d in doc['datasets']]))
    compare_evidence(exp, doc, errors)
    if 'mof_class' in exp and doc['mof']['class'] != exp['mof_class']:
        errors.append('mof.class %r, expected %r' % (doc['mof']['class'], exp['mof_class']))
    return errors


def run_case(name, tmp, hfcache):
    case = os.path.join(HERE, 'cases', name)
    with open(os.path.join(case, 'expected.json')) as f:
        exp = json.load(f)
    release = os.path.join(tmp, name)
    shutil.copytree(os.path.join(case, 'release'), release)
    generate(release, exp.get('generate', {}))
    target = release
    if exp.get('archive') == 'tar.gz':
        target = release + '.tar.gz'
        with tarfile.open(target, 'w:gz') as t:
            t.add(release, arcname=name)
    args = [a.replace('{catalog}', os.path.join(HERE, 'catalog')).replace('{hfcache}', hfcache)
            for a in exp.get('args', [])]
    p = subprocess.run([TRULYOPEN, 'check', '--format', 'json', '-q'] + args + [target],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        doc = json.loads(p.stdout)
    except ValueError:
        return ['no JSON report (exit %d): %s' % (p.returncode, p.stderr.decode(errors='replace'))]
    if doc.get('format') != 'trulyopen-report' or doc.get('format_version') != 1:
        return ['not a trulyopen-report version 1']
    return compare(exp, p.returncode, doc)


def main():
    failed = 0
    names = sorted(os.listdir(os.path.join(HERE, 'cases')))
    with tempfile.TemporaryDirectory(prefix='trulyopen-check-') as tmp:
        hfcache = os.path.join(tmp, '_hfcache')
        hf_cache(os.path.join(HERE, 'catalog'), hfcache)
        for name in names:
            errors = run_case(name, tmp, hfcache)
            print('%s %s' % ('FAIL' if errors else 'ok  ', name))
            for e in errors:
                print('    ' + e)
            failed += bool(errors)
    print('%d of %d cases passed' % (len(names) - failed, len(names)))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())

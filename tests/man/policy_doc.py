# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""The documentation of policy files agrees with the policy reader.

Usage: policy_doc.py PAGE README EXAMPLES_DIR LICENSE_H POLICY_PARSE TMPDIR

PAGE is man/trulyopen-policy.5, README the project's README.md, EXAMPLES_DIR
examples/policies, LICENSE_H include/trulyopen/license.h and POLICY_PARSE
the tests/man/policy-parse program, which gives files to tro_policy_new()
and prints "FILE: ok" or "FILE: TRO_Exxx: message". The reader is the
authority: its own error messages name the keys, criteria, statuses and
severities it knows, and the page must document exactly those; every policy
the page, the README and examples/policies show must parse and agree; every
error message the page shows must be one the reader gives, at the line,
column and byte the page says.
"""
import glob
import json
import os
import re
import subprocess
import sys

PAGE, README, EXAMPLES, LICENSE_H, PARSE, TMP = sys.argv[1:7]
checks = 0
failures = 0


def check(ok, what):
    global checks, failures
    checks += 1
    if not ok:
        failures += 1
        print("FAIL: %s" % what, file=sys.stderr)
    return ok


def unroff(line):
    """Undoes the roff escapes a literal display may hold."""
    table = {"e": "\\", "&": "", "-": "-", "(aq": "'", "(dq": '"'}
    return re.sub(r"\\(e|&|-|\(aq|\(dq)", lambda m: table[m.group(1)], line)


def read_page(path):
    """Literal displays as (section, error code, lines), and the tag keys
    (.It Li KEY) of each subsection."""
    blocks, items = [], {}
    sh = ss = code = None
    inside = None
    for raw in open(path, encoding="utf-8").read().split("\n"):
        if inside is not None:
            if raw.startswith(".Ed"):
                blocks.append((sh, code, inside))
                inside = None
            else:
                inside.append(unroff(raw))
            continue
        if raw.startswith(".Sh "):
            sh, ss, code = raw[4:], None, None
        elif raw.startswith(".Ss "):
            ss = raw[4:]
        elif raw.startswith(".Bd -literal"):
            inside = []
        else:
            m = re.match(r"\.It Er (TRO_[A-Z]+)", raw)
            if m:
                code = m.group(1)
            m = re.match(r"\.It Li ([a-z_]+)", raw)
            if m:
                items.setdefault(ss, set()).add(m.group(1))
    return blocks, items


n_files = 0


def parse(texts):
    """Gives each text (bytes) to the reader: [(code or "ok", message)]."""
    global n_files
    paths = []
    for t in texts:
        n_files += 1
        p = os.path.join(TMP, "policy-%d.json" % n_files)
        with open(p, "wb") as f:
            f.write(t)
        paths.append(p)
    out = subprocess.run([PARSE] + paths, stdout=subprocess.PIPE, check=False)
    check(out.returncode in (0, 1), "policy-parse exited with %d" % out.returncode)
    got = {}
    for line in out.stdout.decode("utf-8").splitlines():
        path, rest = line.split(": ", 1)
        got[path] = ("ok", "") if rest == "ok" else tuple(rest.split(": ", 1))
    return [got.get(p, ("missing", "")) for p in paths]


def expected_list(message):
    """The names of "(expected a, b or c)" at the end of a message."""
    m = re.search(r"\(expected ([^()]*)\)", message)
    if not m:
        return set()
    return set(re.split(r", | or ", m.group(1)))


POSITION = re.compile(r" \(line (\d+), column (\d+), byte (\d+)\)$")


def position_ok(text, message):
    """The line and column of the message are those of its byte offset."""
    m = POSITION.search(message)
    if not m:
        return False
    line, col, off = (int(g) for g in m.groups())
    if off > len(text):
        return False
    before = text[:off]
    start = before.rfind(b"\n") + 1
    want_col = 1 + sum(1 for b in before[start:] if b & 0xC0 != 0x80)
    return line == before.count(b"\n") + 1 and col == want_col


def shorten(message):
    """The pages abbreviate the list of known keys."""
    return re.sub(r"\(expected format, format_version, description, [^)]*\)",
                  "(expected format, format_version, description, ...)", message)


def between(text, start, end, what):
    """The part of text from start up to end (or its end), "" if absent."""
    i = text.find(start)
    if not check(i >= 0, "%s: no %r" % (what, start)):
        return ""
    j = text.find(end, i + len(start))
    return text[i:j if j >= 0 else len(text)]


blocks, items = read_page(PAGE)
readme = open(README, encoding="utf-8").read()
sec = between(readme, "## Release gates: policy files", "\n## ", "README.md")

# ---- the examples ----------------------------------------------------------
examples = ["\n".join(b) + "\n" for sh, _, b in blocks
            if sh == "EXAMPLES" and b and b[0].startswith("{")]
check(len(examples) >= 5, "trulyopen-policy(5): %d policy examples, expected 5" % len(examples))
for i, (res, msg) in enumerate(parse([e.encode() for e in examples])):
    check(res == "ok", "trulyopen-policy(5) example %d refused: %s %s" % (i + 1, res, msg))
shown = [json.loads(e) for e in examples]


def bare(policy):
    return {k: v for k, v in policy.items() if k != "description"}


files = sorted(glob.glob(os.path.join(EXAMPLES, "*.json")))
check(len(files) >= 4, "examples/policies: %d files" % len(files))
for path, (res, msg) in zip(files, parse([open(f, "rb").read() for f in files])):
    name = os.path.basename(path)
    check(res == "ok", "%s refused: %s %s" % (name, res, msg))
    policy = json.load(open(path))
    check(any(bare(policy) == bare(s) for s in shown),
          "examples/policies/%s is not among the examples of trulyopen-policy(5)" % name)
    check("`%s`" % name in sec, "README.md does not describe examples/policies/%s" % name)

m = re.search(r"```json\n(.*?)```", sec, re.S)
readme_policy = m.group(1) if m else ""
check(readme_policy in examples,
      "the policy of README.md is not, byte for byte, an example of trulyopen-policy(5)")

# ---- the vocabulary: what the reader knows, the page documents -------------
probes = [b'{"format_version": 1, "zz": 1}',
          b'{"format_version": 1, "criteria": {"zz": "pass"}}',
          b'{"format_version": 1, "licenses": {"zz": []}}',
          b'{"format_version": 1, "criteria": {"use_freedom": "zz"}}',
          b'{"format_version": 1, "fail_on_severity": "zz"}']
top, crit, lic, statuses, severities = (expected_list(msg) for _, msg in parse(probes))
check(len(top) == 11 and len(crit) == 3 and lic == {"allow", "deny"} and len(statuses) == 4
      and len(severities) == 4, "unexpected vocabulary: %s" % [top, crit, lic, statuses, severities])
keys = items.get("Keys", set())
check(keys == top | crit | lic,
      "keys documented in Keys: %s; keys the reader knows: %s"
      % (sorted(keys), sorted(top | crit | lic)))
page = open(PAGE, encoding="utf-8").read()
for word in sorted(statuses | severities):
    check(re.search(r"^\.Dq %s\b" % re.escape(word), page, re.M),
          "trulyopen-policy(5) does not name %s" % word)
    check("`%s`" % word in sec or '"%s"' % word in sec, "README.md does not name %s" % word)
for key in sorted(top | lic):
    check("`%s`" % key in sec or "`licenses.%s`" % key in sec,
          "README.md does not document %s" % key)

# Licence categories: the public enum, each named by the page and accepted.
enum = between(open(LICENSE_H).read(), "typedef enum tro_license_category", "}", "license.h")
cats = [c.lower().replace("_", "-") for c in re.findall(r"TRO_LICENSE_([A-Z_]+) =", enum)]
check(len(cats) == 11, "licence categories in license.h: %s" % cats)
lic_sec = between(page, ".Ss Licences", ".Ss ", "trulyopen-policy(5)")
for c in cats:
    check(re.search(r"^\.Dq %s\b" % re.escape(c), lic_sec, re.M),
          "trulyopen-policy(5), Licences, does not name the category %s" % c)
    check("`%s`" % c in sec, "README.md does not name the category %s" % c)
listed = json.dumps(cats)
(res, msg), = parse([('{"format_version": 1, "licenses": {"allow": %s, "deny": %s}}'
                      % (listed, listed)).encode()])
check(res == "ok", "the licence categories are refused: %s" % msg)

# ---- the error messages the page and the README show -----------------------
diag = [(code, b) for sh, code, b in blocks if sh == "DIAGNOSTICS"]
concrete = [l for _, b in diag for l in b if POSITION.search(l) and "PATH: problem" not in l]
mistakes = [('"use_freedom": "pass"', '"use_freedom": "passs"'),
            ('"CC-BY-SA-4.0"', '"MIT2"'),
            ('"fail_on_severity"', '"fail_on_severty"'),
            ('"format_version": 1', '"format_version": 2')]
texts = []
for old, new in mistakes:
    check(readme_policy.count(old) == 1, "the README policy holds %r %d times"
          % (old, readme_policy.count(old)))
    texts.append(readme_policy.replace(old, new).encode())
produced = []
for (old, new), text, (res, msg) in zip(mistakes, texts, parse(texts)):
    check(res != "ok" and position_ok(text, msg), "%s: %s %s" % (new, res, msg))
    off = int(POSITION.search(msg).group(3)) if POSITION.search(msg) else -1
    if not new.startswith('"format_version"'):
        check(text[off:].startswith(new.split(":")[-1].strip().encode()),
              "%s: the byte offset does not point at it: %s" % (new, msg))
    produced.append(shorten(msg))
check(concrete == produced, "DIAGNOSTICS of trulyopen-policy(5) shows\n  %s\nthe reader gives\n  %s"
      % ("\n  ".join(concrete), "\n  ".join(produced)))
readme_msgs = [l.strip() for l in sec.splitlines() if l.startswith("    policy: ")]
check(readme_msgs == produced, "README.md shows\n  %s\nthe reader gives\n  %s"
      % ("\n  ".join(readme_msgs), "\n  ".join(produced)))

# ---- every problem the page lists is one the reader gives, and back --------
forms = {}
for code, b in diag:
    if code:
        for line in b:
            forms.setdefault(code, []).append(line)
check(sorted(forms) == ["TRO_EFORMAT", "TRO_ELIMIT", "TRO_EPARSE", "TRO_EVERSION"],
      "DIAGNOSTICS lists problems for %s" % sorted(forms))
PLACEHOLDER = {"PATH": r"[a-z_]+(?:\.[a-z_]+)*(?:\[\d+\])?", "KEY": r".+",
               "TEXT": r".*", "N": r"\d+", r"\.\.\.": r".*"}


def form_re(form):
    esc = re.escape(form)
    return re.compile("^" + re.sub(r"\bPATH\b|\bKEY\b|\bTEXT\b|\bN\b|\\\.\\\.\\\.",
                                   lambda m: PLACEHOLDER[m.group(0)], esc) + "$")


V = b'{"format_version": 1, '
bad = [
    b"", b'{"format_version": 1} x', b"{", V + b'"criteria": {"use_freedom": pass}}',
    b'{"format_version": 1,}', b'{"format_version" 1}', b'{"format_version"',
    b'{"format_version": 1 "x": 2}', V + b'"ignore_codes": ["a" "b"]}', V + b'"x": 1.}',
    b'{"format_version": 01}', V + b'"description": "abc', V + b'"description": "a\nb"}',
    V + b'"description": "a\\qb"}', V + b'"description": "\\u12G4"}',
    V + b'"description": "\\udc00"}', V + b'"description": "\\ud800"}',
    V + b'"description": "\xc3\x28"}',
    b'[{"format_version": 1}]', b'{"format": "trulyopen-manifest", "format_version": 1}',
    b"{}", b'{"format_version": 0}',
    # the keys an earlier draft of the page invented
    V + b'"verdict": "truly-open"}', V + b'"require": {"use_freedom": "pass"}}',
    V + b'"findings": {"fail_on_severity": "error"}}',
    V + b'"criteria": {}, "criteria": {}}', V + b'"description": 3}',
    b'{"format_version": "1"}', V + b'"min_mof_class": 99999999999999999999}',
    V + b'"require_truly_open": "yes"}', V + b'"criteria": ["pass"]}',
    V + b'"licenses": {"allow": "MIT"}}', V + b'"description": "a\\u0000b"}',
    V + b'"ignore_codes": [' + b",".join([b'"a"'] * 4097) + b"]}",
    V + b'"criteria": {"data": "pass"}}', V + b'"criteria": {"data_access": 3}}',
    V + b'"criteria": {"use_freedom": "Pass"}}', V + b'"criteria": {"data_access": []}}',
    V + b'"licenses": {"alow": []}}', V + b'"licenses": {"allow": []}}',
    V + b'"licenses": {"deny": ["MIT2"]}}', V + b'"licenses": {"deny": ["MIT OR Apache-2.0"]}}',
    V + b'"licenses": {"deny": ["GPL-2.0-only WITH Classpath-exception-2.0"]}}',
    V + b'"min_mof_class": "1"}', V + b'"min_mof_class": 4}', V + b'"fail_on_severity": 2}',
    V + b'"fail_on_severity": "fatal"}', V + b'"fail_on_codes": ["Pickle-x"]}',
    V + b'"fail_on_codes": ["x-y"], "ignore_codes": ["x-y"]}',
    b'{"format_version": 2}', b" " * ((1 << 20) + 1), V + b'"x": ' + b"[" * 40,
]
used = set()
for text, (res, msg) in zip(bad, parse(bad)):
    short = text[:50] + (b"..." if len(text) > 50 else b"")
    if not check(res in forms and msg.startswith("policy: "), "%r: %s %s" % (short, res, msg)):
        continue
    body = msg[len("policy: "):]
    if POSITION.search(body):
        check(position_ok(text, msg), "%r: position wrong: %s" % (short, msg))
        body = POSITION.sub("", body)
    else:
        check(body == "larger than 1048576 bytes", "%r: no position: %s" % (short, msg))
    hits = [f for f in forms[res] if form_re(f).match(body)]
    check(hits, "%r: %s %s is not in DIAGNOSTICS of trulyopen-policy(5)" % (short, res, msg))
    used.update((res, f) for f in hits)
for code, fs in sorted(forms.items()):
    for f in fs:
        check((code, f) in used, "%s %r: no mistake gives it" % (code, f))

print("policy_doc.py: %d checks, %d failed" % (checks, failures))
sys.exit(1 if failures else 0)

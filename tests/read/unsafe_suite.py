"""The unsafe-model suite: every sample of peer_samples.py is written to a
folder of its own and scanned (tro_scan, as `trulyopen check` does: a
sample of one file is scanned as that file, so that an archive is read as
one, others as the folder); a
malicious sample must get at least one error finding, a safe one none.
Prints the figures per suite; with -v, every sample's outcome; with -k
WORD, only the samples whose name holds WORD; with --errors-only, a
malicious sample needs an error but not the codes and loader named."""

import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peer_samples import samples  # noqa: E402

BUILD = os.environ.get("top_builddir", ".")
DUMP = os.path.join(BUILD, "tests", "unit", "pickle_dump")


def scan(roots):
    """{root: [artifact objects]} from one pickle_dump --scan run."""
    r = subprocess.run([DUMP, "--scan", *roots], capture_output=True, timeout=900)
    if r.returncode != 0:
        raise SystemExit(f"pickle_dump failed ({r.returncode}): {r.stderr.decode()[:3000]}")
    out = {root: [] for root in roots}
    for line in r.stdout.decode().splitlines():
        obj = json.loads(line)
        out[obj["root"]].append(obj)
    return out


def judge(sample, arts):
    """(ok, why) for one sample's artifacts."""
    errors = [f for a in arts for f in a["findings"] if f["severity"] == "error"]
    codes = {f["code"] for a in arts for f in a["findings"]}
    if sample.kind in ("safe", "allowlist"):
        if errors:
            return False, "errors: " + "; ".join(f["message"] for f in errors[:3])
        if sample.kind == "allowlist" and "pickle-unknown-global" not in codes:
            return False, "no pickle-unknown-global warning"
        return True, ""
    if not errors:
        return False, "no error finding"
    if "--errors-only" in sys.argv:
        return True, ""
    missing = [c for c in sample.codes if c not in codes]
    if missing:
        return False, f"codes {missing} missing (got {sorted(codes)})"
    if sample.loader and not any(sample.loader in f["message"] for f in errors):
        return False, f"no error names '{sample.loader}'"
    return True, ""


def main():
    verbose = "-v" in sys.argv
    only = sys.argv[sys.argv.index("-k") + 1] if "-k" in sys.argv else None
    chosen = [s for s in samples() if not only or only in s.name]
    failures = 0
    with tempfile.TemporaryDirectory(prefix="tro-unsafe-") as tmp:
        roots = {}
        for i, s in enumerate(chosen):
            root = os.path.join(tmp, s.suite, f"{i:03d}")
            for rel, data in s.files.items():
                p = os.path.join(root, rel)
                os.makedirs(os.path.dirname(p), exist_ok=True)
                with open(p, "wb") as f:
                    f.write(data.encode() if isinstance(data, str) else data)
            if len(s.files) == 1 and "/" not in next(iter(s.files)):
                root = os.path.join(root, next(iter(s.files)))  # a file, as a user names it
            roots[root] = s
        results = scan(list(roots))
        figures = {}
        for root, s in roots.items():
            ok, why = judge(s, results[root])
            fig = figures.setdefault((s.suite, s.kind), [0, 0])
            fig[0] += ok
            fig[1] += 1
            if not ok:
                failures += 1
                print(f"FAIL {s.suite}/{s.name} ({s.kind}): {why}", file=sys.stderr)
            if verbose or not ok:
                for a in results[root]:
                    for f in a["findings"]:
                        print(f"    {a['path']}: {f['severity']} {f['code']}: "
                              f"{f['message'][:300]}", file=sys.stderr)
    for (suite, kind), (good, total) in sorted(figures.items()):
        want = {"malicious": "an error", "malformed": "an error", "unchecked": "an error",
                "safe": "no error", "allowlist": "a warning, no error"}[kind]
        print(f"{suite:10s} {kind:9s} {good:3d}/{total:3d} with {want}")
    print(f"unsafe_suite: {len(chosen)} samples, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Is a model you downloaded from the Hugging Face Hub truly open?

Checks a repository already in the local Hugging Face cache with the trulyopen
Python bindings, offline. The cache itself serves as the catalog: the base
model and the datasets the card names are judged too when they were
downloaded into the same cache (otherwise they count as unresolved).

    python3 examples/check_downloaded.py mistralai/Mistral-7B-v0.1
    python3 examples/check_downloaded.py --cache-dir /data/hf org/name --policy gate.json

Exit status, as for `trulyopen check`: 0 when the policy (by default: the
release is truly open and no finding is an error) is met, 1 when it is not,
2 on a usage error, a repository missing from the cache or any other failure.
"""

import argparse
import os
import sys

def default_cache_dir():
    """Where huggingface_hub keeps downloads: $HF_HUB_CACHE, else
    $HF_HOME/hub, else ~/.cache/huggingface/hub."""
    if os.environ.get("HF_HUB_CACHE"):
        return os.environ["HF_HUB_CACHE"]
    home = os.environ.get("HF_HOME") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "huggingface")
    return os.path.join(home, "hub")


def snapshot_dir(cache_dir, repo_id, revision=None):
    """The snapshot folder of a cached model: the revision given, else the
    one refs/main names, else the most recently written one. Raises
    FileNotFoundError saying what is missing."""
    if repo_id.count("/") != 1 or any(p in ("", ".", "..") for p in repo_id.split("/")):
        raise ValueError(f"'{repo_id}' is not a Hub id of the form ORG/NAME")
    repo_dir = os.path.join(cache_dir, "models--" + repo_id.replace("/", "--"))
    snapshots = os.path.join(repo_dir, "snapshots")
    if not os.path.isdir(snapshots):
        raise FileNotFoundError(f"{repo_id} is not in the cache {cache_dir} (no {snapshots})")
    if revision is None:
        # refs/main holds the commit hash the last download of "main" resolved to.
        try:
            with open(os.path.join(repo_dir, "refs", "main"), encoding="utf-8") as f:
                revision = f.read().strip() or None
        except OSError:
            revision = None
        if revision is not None and not os.path.isdir(os.path.join(snapshots, revision)):
            revision = None  # a stale ref: fall back to what is actually there
    if revision is None:
        revs = [r for r in os.listdir(snapshots) if os.path.isdir(os.path.join(snapshots, r))]
        if not revs:
            raise FileNotFoundError(f"{repo_id}: no snapshot in {snapshots}")
        revision = max(revs, key=lambda r: (os.path.getmtime(os.path.join(snapshots, r)), r))
    path = os.path.join(snapshots, revision)
    if not os.path.isdir(path):
        raise FileNotFoundError(f"{repo_id}: no snapshot {revision} in {snapshots}")
    return path


def import_trulyopen():
    """The installed bindings, else those of the source tree this script is in."""
    try:
        import trulyopen
    except ImportError:
        here = os.path.dirname(os.path.abspath(__file__))
        sys.path.insert(0, os.path.join(os.path.dirname(here), "bindings", "python"))
        import trulyopen
    return trulyopen


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Check whether a model in the local Hugging Face cache is truly open "
                    "(use freedom, method transparency, free training data).",
        epilog="Exit status: 0 policy met, 1 policy not met, 2 error.")
    p.add_argument("repo_id", metavar="ORG/NAME", help="model id on the Hub")
    p.add_argument("--cache-dir", metavar="DIR", default=None,
                   help="Hugging Face cache (default: $HF_HUB_CACHE or "
                        "~/.cache/huggingface/hub)")
    p.add_argument("--revision", metavar="REV",
                   help="snapshot to check (default: refs/main, else the newest)")
    p.add_argument("--policy", metavar="FILE", help="policy JSON file (trulyopen-policy(5))")
    p.add_argument("--hash", action="store_true",
                   help="also compute the SHA-256 of every file (reads the weights)")
    p.add_argument("--json", action="store_true", help="print the JSON report instead of text")
    return p.parse_args(argv)  # exits 2 on a usage error


def main(argv=None):
    args = parse_args(argv)
    cache = args.cache_dir or default_cache_dir()
    try:
        path = snapshot_dir(cache, args.repo_id, args.revision)
        trulyopen = import_trulyopen()
    except (OSError, ValueError, ImportError) as exc:
        print(f"check_downloaded: {exc}", file=sys.stderr)
        return 2
    try:
        # The snapshot's files are links into the repository's blobs/ folder;
        # trulyopen follows those (and only those) for a cache snapshot.
        # Hashing multi-gigabyte weights is what `trulyopen hash` is for; the
        # openness check needs the cards, licences and headers only.
        with trulyopen.check(path, catalogs=[cache], policy=args.policy,
                             no_hash=not args.hash) as report:
            out = report.to_json() if args.json else report.to_text()
            passed = bool(report.policy_passed)
    except (trulyopen.Error, OSError) as exc:
        # messages quote names from the release: printed escaped
        print(f"check_downloaded: {trulyopen.text_escape(str(exc))}", file=sys.stderr)
        return 2
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())

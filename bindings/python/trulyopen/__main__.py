"""python -m trulyopen: `trulyopen check` through the bindings.

Exit status: 0 when the policy (the default one: verdict truly-open and no
error finding) is met, 1 when it is not, 2 on a usage error, an unreadable
path, a malformed policy or any other failure.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import List, Optional

from . import Error, __version__, check, text_escape


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m trulyopen",
        description="Judge whether an AI model release is truly open (use freedom, "
                    "method transparency, free training data).",
        epilog="Exit status: 0 policy met, 1 policy not met, 2 error.")
    p.add_argument("path", metavar="PATH", help="release folder, file or archive")
    p.add_argument("-c", "--catalog", metavar="DIR", action="append", default=[],
                   help="offline catalog of base models and datasets (repeatable)")
    p.add_argument("--policy", metavar="FILE", help="policy JSON file (trulyopen-policy(5))")
    p.add_argument("-f", "--format", choices=("text", "json", "sarif"), default="text",
                   help="output format (default: text)")
    p.add_argument("--max-depth", metavar="N", type=int, default=0,
                   help="follow base models at most N steps (default 8)")
    p.add_argument("--no-hash", action="store_true", help="do not compute SHA-256")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    p.add_argument("-j", "--jobs", metavar="N", type=int, default=None,
                   help="hashing threads (default: one per CPU)")
    p.add_argument("--ignore", metavar="PATTERN", action="append", default=[],
                   help="skip files matching a glob (repeatable)")
    p.add_argument("--no-default-ignores", action="store_true",
                   help="also read .git and other VCS folders")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="accepted for compatibility: only errors go to stderr")
    p.add_argument("--version", action="version", version="%(prog)s " + __version__)
    return p


def _color(args: argparse.Namespace) -> bool:
    return (args.format == "text" and not args.output and "NO_COLOR" not in os.environ
            and sys.stdout.isatty())


def _printable(text: str) -> str:
    try:
        return text_escape(text)
    except Exception:  # no library, or no memory: the controls at least
        return "".join(c if c.isprintable() else "\\x%02x" % (ord(c) & 0xFF) for c in text)


def main(argv: Optional[List[str]] = None) -> int:
    args = _parser().parse_args(argv)  # exits 2 on a usage error
    if args.jobs is not None and args.jobs < 1:
        print("python -m trulyopen: -j needs a positive number", file=sys.stderr)
        return 2
    if args.max_depth < 0:
        print("python -m trulyopen: --max-depth needs a number >= 0", file=sys.stderr)
        return 2
    try:
        with check(args.path, catalogs=args.catalog or None, policy=args.policy,
                   max_lineage_depth=args.max_depth, threads=args.jobs, no_hash=args.no_hash, ignore=args.ignore,
                   no_default_ignores=args.no_default_ignores) as report:
            if args.format == "json":
                out = report.to_json()
            elif args.format == "sarif":
                out = report.to_sarif()
            else:
                out = report.to_text(color=_color(args))
            passed = bool(report.policy_passed)
        if out and not out.endswith("\n"):
            out += "\n"
        if args.output:
            with open(args.output, "w", encoding="utf-8") as f:
                f.write(out)
        else:
            sys.stdout.write(out)
            sys.stdout.flush()
    except (Error, OSError) as exc:
        # a message may quote a name from the release: escaped, as the CLI does
        print(f"python -m trulyopen: {_printable(str(exc))}", file=sys.stderr)
        return 2
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())

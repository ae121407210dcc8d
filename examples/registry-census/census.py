#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""A registry's census on a Dask cluster: check every release of a folder
(each entry: a release folder, an archive or a model card), then write

  OUT/releases.tsv   one row per release (the trulyopen.dask check record)
  OUT/census.md      counts: verdicts, each criterion's statuses, the policy
                     outcome and the licence families (categories)
  OUT/census.png     the same counts as a bar chart

    python3 census.py [--scheduler tcp://HOST:8786 | --workers N]
                      [--catalog DIR]... [--policy FILE] [-o OUT] FOLDER

Without --scheduler a LocalCluster of N worker processes (default 2) runs
on 127.0.0.1; with it, the work goes to that cluster, whose workers must see
FOLDER and the catalogs at the same paths.
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
from typing import Dict, List, Sequence, Tuple

from distributed import Client, LocalCluster

import trulyopen.dask as tdask
from barchart import bar_chart

GROUPS = ("verdict", "use_freedom", "method_transparency", "data_access", "policy",
          "licence family")


def releases_in(folder: str) -> List[str]:
    return [os.path.join(folder, name) for name in sorted(os.listdir(folder))
            if not name.startswith(".")]


def tally(records: Sequence[Dict[str, object]]) -> List[Tuple[str, List[Tuple[str, int]]]]:
    counts: Dict[str, collections.Counter] = {g: collections.Counter() for g in GROUPS}
    for r in records:
        if not r["ok"]:
            counts["verdict"]["not checked"] += 1
            continue
        counts["verdict"][str(r["verdict"])] += 1
        for crit in ("use_freedom", "method_transparency", "data_access"):
            counts[crit][str(r[crit])] += 1
        counts["policy"]["met" if r["policy_passed"] else "not met"] += 1
        for family in str(r["license_categories"] or "none").split("; "):
            counts["licence family"][family or "none"] += 1
    return [(g, sorted(counts[g].items(), key=lambda kv: (-kv[1], kv[0]))) for g in GROUPS]


def write_outputs(out: str, records: Sequence[Dict[str, object]]) -> None:
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "releases.tsv"), "w", encoding="utf-8") as f:
        f.write("\t".join(tdask.CHECK_FIELDS) + "\n")
        for r in records:
            f.write("\t".join("" if r[k] is None else str(r[k]).replace("\t", " ")
                              for k in tdask.CHECK_FIELDS) + "\n")
    groups = tally(records)
    with open(os.path.join(out, "census.md"), "w", encoding="utf-8") as f:
        f.write(f"# Census of {len(records)} releases\n")
        for group, bars in groups:
            f.write(f"\n| {group} | releases |\n|---|---:|\n")
            for label, n in bars:
                f.write(f"| {label} | {n} |\n")
    with open(os.path.join(out, "census.png"), "wb") as f:
        f.write(bar_chart(f"{len(records)} releases", groups))


def main(argv: Sequence[str] = None) -> int:
    p = argparse.ArgumentParser(description="Check a folder of releases on a Dask cluster.")
    p.add_argument("folder")
    p.add_argument("--scheduler", help="address of a running Dask scheduler")
    p.add_argument("--workers", type=int, default=2, help="local worker processes")
    p.add_argument("--catalog", action="append", default=[], help="offline catalog folder")
    p.add_argument("--policy", help="policy file (trulyopen-policy(5))")
    p.add_argument("--no-hash", action="store_true", help="do not hash the artifacts")
    p.add_argument("-o", "--output", default="census", help="output folder")
    args = p.parse_args(argv)
    paths = releases_in(args.folder)
    if args.scheduler:
        client, cluster = Client(args.scheduler), None
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
    try:
        bag = tdask.check_bag(paths, catalogs=args.catalog or None, policy=args.policy,
                              no_hash=args.no_hash,
                              npartitions=max(1, min(len(paths), 4 * args.workers)))
        records = bag.compute()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    write_outputs(args.output, records)
    ok = sum(1 for r in records if r["ok"])
    print(f"{len(records)} releases, {ok} checked, "
          f"{sum(1 for r in records if r['truly_open'])} truly open; "
          f"wrote {args.output}/census.md, census.png, releases.tsv")
    return 0


if __name__ == "__main__":
    sys.exit(main())

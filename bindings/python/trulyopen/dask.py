# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Checking and hashing releases on a Dask cluster (dask.distributed).

    from distributed import Client
    import trulyopen.dask as tdask

    client = Client("tcp://scheduler:8786")           # or a LocalCluster
    bag = tdask.check_bag(paths, catalogs=["/srv/catalog"], policy="gate.json")
    records = bag.compute()                           # one dict per release

Each task checks one partition of the paths with its own context, catalog
and policy (check_many() on the worker, jobs threads at once); the catalog
folders, the policy text and the options travel to the cluster once, as one
shared piece of the task graph, not with every task. Paths must be readable
where the workers run (a shared file system, or the same layout on every
machine). A release that cannot be checked gives a record with ok False and
its error, not a failed task.

Records are flat dicts with the keys of CHECK_FIELDS (or HASH_FIELDS), so a
bag converts to a dataframe (to_dataframe(), which needs pandas) or to rows
of a table as they are.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

try:
    import dask
    import dask.bag as db
except ImportError as exc:  # pragma: no cover - depends on the machine
    raise ImportError("trulyopen.dask needs Dask (Debian: apt-get install python3-distributed)"
                      ) from exc

from .batch import check_many
from .context import Context, PathLike
from .errors import Error
from .judge import CRITERIA, Catalog, Policy

#: Keys of a check record, in order.
CHECK_FIELDS = ("input", "ok", "error", "verdict", "truly_open", "use_freedom",
                "method_transparency", "data_access", "policy_passed", "mof_class",
                "licenses", "license_categories", "artifacts", "error_findings",
                "warning_findings")
#: Keys of a hash record, in order.
HASH_FIELDS = ("input", "ok", "error", "artifacts", "bytes", "manifest_sha256", "manifest")


def _policy_text(policy: Any) -> Optional[str]:
    """The policy as JSON text (validated here, before anything is sent)."""
    if policy is None:
        return None
    if isinstance(policy, Mapping):
        text = json.dumps(dict(policy))
    elif isinstance(policy, (bytes, bytearray)):
        text = bytes(policy).decode("utf-8")
    elif isinstance(policy, str) and policy.lstrip().startswith("{"):
        text = policy
    else:
        with open(policy, "rb") as f:
            text = f.read().decode("utf-8")
    Policy(text).close()  # a malformed policy fails now, not on every worker
    return text


def _dirs(catalogs: Any) -> List[str]:
    if catalogs is None:
        return []
    if isinstance(catalogs, (str, bytes, os.PathLike)):
        catalogs = [catalogs]
    return [os.fsdecode(os.path.abspath(os.fsdecode(c))) for c in catalogs]


def _bag(paths: Any, npartitions: Optional[int], partition_size: Optional[int]) -> "db.Bag":
    if isinstance(paths, db.Bag):
        return paths
    paths = [os.fsdecode(p) for p in paths]
    if partition_size:
        return db.from_sequence(paths, partition_size=partition_size)
    return db.from_sequence(paths, npartitions=npartitions or max(1, min(len(paths), 64)))


def _failed(path: str, message: str, fields: Sequence[str]) -> Dict[str, Any]:
    rec: Dict[str, Any] = dict.fromkeys(fields)
    rec.update(input=path, ok=False, error=message)
    return rec


def check_record(report: Any) -> Dict[str, Any]:
    """The CHECK_FIELDS record of a Report (of check() or check_many()), read
    through the report's accessors (no JSON is rendered or parsed)."""
    criteria = report.criteria
    lics = report.licenses
    findings = report.findings
    return {
        "input": os.fsdecode(getattr(report, "input", None) or report.release.name),
        "ok": True, "error": None,
        "verdict": report.verdict, "truly_open": report.truly_open,
        **{name: criteria[name].status for name in CRITERIA},
        "policy_passed": bool(report.policy_passed),
        "mof_class": report.mof.class_,
        "licenses": "; ".join(sorted({l.expression or l.statement or "" for l in lics})),
        "license_categories": "; ".join(sorted({l.category or "unknown" for l in lics})),
        "artifacts": len(report.artifacts),
        "error_findings": sum(f.severity == "error" for f in findings),
        "warning_findings": sum(f.severity == "warning" for f in findings),
    }


def _check_partition(paths: Sequence[str], config: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """Runs on a worker: one context, catalog and policy for the partition."""
    out: Dict[int, Dict[str, Any]] = {}
    with Context(**config["ctx"]) as ctx:
        cat = Catalog(config["catalogs"], ctx) if config["catalogs"] else None
        pol = Policy(config["policy"]) if config["policy"] is not None else None
        try:
            for r in check_many(paths, config["jobs"], catalogs=cat, policy=pol, ctx=ctx,
                                max_lineage_depth=config["depth"], errors="yield"):
                if isinstance(r, Error):
                    out[r.index] = _failed(paths[r.index], str(r), CHECK_FIELDS)  # type: ignore
                    continue
                with r:
                    out[r.index] = check_record(r)  # type: ignore[attr-defined]
        finally:
            if cat is not None:
                cat.close()
            if pol is not None:
                pol.close()
    return [out[i] for i in range(len(paths))]


def check_bag(paths: Union[Iterable[PathLike], "db.Bag"], *,
              catalogs: Union[None, PathLike, Iterable[PathLike]] = None,
              policy: Union[None, str, bytes, PathLike, Mapping[str, Any]] = None,
              npartitions: Optional[int] = None, partition_size: Optional[int] = None,
              jobs: int = 1, max_lineage_depth: int = 0, no_hash: bool = False,
              **ctx_options: Any) -> "db.Bag":
    """A Dask bag of check records (CHECK_FIELDS), one per path, in the
    order of paths; lazy until computed (on the current Client, or Dask's
    default scheduler). catalogs are folders and policy a path, JSON text or
    dict, as for check(); jobs releases are checked at once in each task;
    ctx_options (and no_hash) make each task's Context."""
    config = {"catalogs": _dirs(catalogs), "policy": _policy_text(policy), "jobs": int(jobs),
              "depth": int(max_lineage_depth),
              "ctx": dict(ctx_options, no_hash=no_hash, threads=ctx_options.get("threads", 1))}
    shared = dask.delayed(config, pure=True)  # one key: sent to each worker once
    return _bag(paths, npartitions, partition_size).map_partitions(_check_partition, shared)


def _hash_partition(paths: Sequence[str], config: Mapping[str, Any]) -> List[Dict[str, Any]]:
    out = []
    with Context(**config["ctx"]) as ctx:
        for path in paths:
            try:
                with ctx.scan(path) as rel:
                    text = rel.manifest()
                    size = sum(a.size for a in rel.artifacts)
                    n = len(rel.artifacts)
            except Error as exc:
                out.append(_failed(path, str(exc), HASH_FIELDS))
                continue
            out.append({"input": path, "ok": True, "error": None, "artifacts": n,
                        "bytes": size,
                        "manifest_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                        "manifest": text})
    return out


def hash_bag(paths: Union[Iterable[PathLike], "db.Bag"], *, npartitions: Optional[int] = None,
             partition_size: Optional[int] = None, threads: int = 0,
             **ctx_options: Any) -> "db.Bag":
    """A Dask bag of hash records (HASH_FIELDS): each release's manifest (the
    text `trulyopen hash` writes), its artifact count and bytes, hashed where
    the workers run. threads: hashing threads per task (0: one per CPU of the
    worker). A release that cannot be scanned, or whose files changed while
    read or are sparse, is a record with ok False."""
    config = {"ctx": dict(ctx_options, threads=int(threads))}
    shared = dask.delayed(config, pure=True)
    return _bag(paths, npartitions, partition_size).map_partitions(_hash_partition, shared)


def to_dataframe(bag: "db.Bag", fields: Sequence[str] = CHECK_FIELDS) -> Any:
    """The records as a Dask dataframe (needs pandas on the client and the
    workers)."""
    return bag.to_dataframe(columns=list(fields))

#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Checks a database report_sqlite wrote: N cards, each with its three
criteria; for every STEP-th card, every table's rows are the JSON report
`trulyopen check` gives for the card, column by column (a column is the key
of the same name in the document's objects; booleans are 0 and 1, a key the
document leaves out is NULL); with a second database, that both hold the
same rows.

Usage: sqlite_check.py DB N CATALOG CARDS_DIR STEP [OTHER_DB]
"""
import json
import os
import sqlite3
import subprocess
import sys

TABLES = ("report", "criteria", "evidence", "reasons", "licenses", "findings", "lineage",
          "datasets", "artifacts", "to_pass", "mof", "mof_components", "mof_evidence", "policy",
          "policy_failures", "dataset_declarations", "lineage_criteria", "lineage_licenses")


def columns(db, table):
    return [c[1] for c in db.execute(f"PRAGMA table_info({table})")]


def rows(db, table):
    return sorted(db.execute(f"SELECT * FROM {table}").fetchall(), key=repr)


def json_objects(doc):
    """Each table's objects in the JSON document."""
    crit = doc["criteria"]
    return {
        "report": [{"release": doc["release"]["name"], "card": doc["release"]["card"],
                    "verdict": doc["verdict"], "mof_class": doc["mof"]["class"]}],
        "criteria": [{"criterion": k, "status": v["status"]} for k, v in crit.items()],
        "evidence": [dict(e, criterion=k) for k, v in crit.items() for e in v["evidence"]],
        "reasons": [{"criterion": k, "reason": x} for k, v in crit.items() for x in v["reasons"]],
        "licenses": doc["licenses"], "findings": doc["findings"], "lineage": doc["lineage"],
        "datasets": doc["datasets"], "artifacts": doc["artifacts"],
        "to_pass": [{"step": s} for s in doc["to_pass"]],
        "mof": [dict(mof, **{f"progress_{k}": v for k, v in mof["progress"].items()})
                for mof in [doc["mof"]] if mof["class"] is not None],
        "mof_components": doc["mof"]["components"],
        "mof_evidence": [{"component": c} for c in doc["mof"]["evidence_components"]],
        "policy": [doc["policy"]] if "policy" in doc else [],
        "policy_failures": [{"failure": f} for f in doc.get("policy", {}).get("failures", [])],
        "dataset_declarations": [{"id": d["id"], "declared_by": by} for d in doc["datasets"]
                                 for by in d["declared_by"]],
        "lineage_criteria": [{"id": s["id"], "criterion": k, "status": v} for s in doc["lineage"]
                             for k, v in s.get("criteria", {}).items()],
        "lineage_licenses": [{"id": s["id"], "license": x} for s in doc["lineage"]
                             for x in s.get("licenses", [])],
    }


def cell(obj, col):
    v = obj.get(col, False if col == "waived" else None)
    return int(v) if isinstance(v, bool) else v


def main(path, n, catalog, cards_dir, step, other=None):
    db = sqlite3.connect(path)
    failures = []
    tables = sorted(r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'"))
    if tables != sorted(TABLES):
        failures.append(f"tables {tables}, expected {sorted(TABLES)}")
    cards = rows(db, "report")
    if len(cards) != n:
        failures.append(f"{len(cards)} cards stored, expected {n}")
    if len(rows(db, "criteria")) != 3 * n:
        failures.append("not three criteria per card")
    verdicts = {r[3] for r in cards}
    if verdicts != {"truly-open", "not-truly-open"}:
        failures.append(f"the cards should have both verdicts, not {verdicts}")
    trulyopen = os.environ["TRULYOPEN"]
    checked = cells = 0
    for row in sorted(cards)[::step]:
        card, card_path = row[0], row[1]
        out = subprocess.run([trulyopen, "check", "-f", "json", "--compact", "-c", catalog,
                              card_path], capture_output=True, text=True)
        objects = json_objects(json.loads(out.stdout))
        for table in TABLES:
            cols = columns(db, table)[1:]
            want = sorted([(card, *(cell(o, c) for c in cols)) for o in objects[table]], key=repr)
            got = [r for r in rows(db, table) if r[0] == card]
            if got != want:
                failures.append(f"card {card} ({card_path}), {table}: {got} != {want}")
            cells += len(want) * len(cols)
        checked += 1
    if other:
        odb = sqlite3.connect(other)
        for table in TABLES:
            if rows(db, table) != rows(odb, table):
                failures.append(f"{table} differs between {path} and {other}")
    for f in failures[:20]:
        print("FAIL:", f)
    print(f"sqlite_check: {n} cards, {checked} compared with the CLI's report ({cells} cells)"
          + (", both databases compared" if other else "") + f"; {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    a = sys.argv[1:]
    if len(a) not in (5, 6):
        sys.exit(__doc__)
    sys.exit(main(a[0], int(a[1]), a[2], a[3], int(a[4]), a[5] if len(a) > 5 else None))

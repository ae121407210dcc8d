#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Checks a database report_sqlite wrote: N cards, each with its three
criteria, and its rows (verdict, statuses, licences, findings, lineage) the
same as the JSON report `trulyopen check` gives for the card, for every
STEP-th card; with a second database, that both hold the same rows.

Usage: sqlite_check.py DB N CATALOG CARDS_DIR STEP [OTHER_DB]
"""
import json
import os
import sqlite3
import subprocess
import sys

TABLES = {"cards": "card, path, verdict", "criteria": "card, name, status",
          "findings": "card, severity, code, message",
          "licenses": "card, source, expression, category, free",
          "lineage": "card, id, relation, source, verdict"}


def rows(db, table):
    return sorted(db.execute(f"SELECT {TABLES[table]} FROM {table}").fetchall(),
                  key=repr)


def main(path, n, catalog, cards_dir, step, other=None):
    db = sqlite3.connect(path)
    failures = []
    cards = rows(db, "cards")
    if len(cards) != n:
        failures.append(f"{len(cards)} cards stored, expected {n}")
    if len(rows(db, "criteria")) != 3 * n:
        failures.append("not three criteria per card")
    verdicts = {v for _, _, v in cards}
    if verdicts != {"truly-open", "not-truly-open"}:
        failures.append(f"the cards should have both verdicts, not {verdicts}")
    trulyopen = os.environ["TRULYOPEN"]
    checked = 0
    for card, card_path, verdict in sorted(cards)[::step]:
        out = subprocess.run([trulyopen, "check", "-f", "json", "--compact", "--no-artifacts",
                              "-c", catalog, card_path], capture_output=True, text=True)
        doc = json.loads(out.stdout)
        want = {
            "cards": [(card, card_path, doc["verdict"])],
            "criteria": sorted([(card, k, v["status"]) for k, v in doc["criteria"].items()],
                               key=repr),
            "findings": sorted([(card, f["severity"], f["code"], f["message"])
                                for f in doc["findings"]], key=repr),
            "licenses": sorted([(card, s["source"], s["expression"], s["category"],
                                 int(s["free"])) for s in doc["licenses"]], key=repr),
            "lineage": sorted([(card, s["id"], s["relation"], s["source"], s.get("verdict"))
                               for s in doc["lineage"]], key=repr),
        }
        for table, expected in want.items():
            got = [r for r in rows(db, table) if r[0] == card]
            if got != expected:
                failures.append(f"card {card} ({card_path}), {table}: {got} != {expected}")
        checked += 1
    if other:
        odb = sqlite3.connect(other)
        for table in TABLES:
            if rows(db, table) != rows(odb, table):
                failures.append(f"{table} differs between {path} and {other}")
    for f in failures[:20]:
        print("FAIL:", f)
    print(f"sqlite_check: {n} cards, {checked} compared with the CLI's report"
          + (", both databases compared" if other else "") + f"; {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    a = sys.argv[1:]
    if len(a) not in (5, 6):
        sys.exit(__doc__)
    sys.exit(main(a[0], int(a[1]), a[2], a[3], int(a[4]), a[5] if len(a) > 5 else None))

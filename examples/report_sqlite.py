#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""report_sqlite.py: checks cards and stores every table of each report
(verdict, criteria, evidence, licences, findings, lineage...) in a new SQLite
database, from the report's typed objects (no JSON in between). The same
tables and rows as report_sqlite.c: trulyopen.tables() names the columns.

Usage: report_sqlite.py NEW.db CATALOG CARD...
"""
import sqlite3
import sys

import trulyopen


def rows(r: trulyopen.Report) -> dict:
    """Each table's rows, in the order of its columns, from the typed objects."""
    crit = r.criteria.values()
    return {
        "report": [(r.release.name, r.release.card, r.verdict, r.mof.class_)],
        "criteria": [(c.name, c.status) for c in crit],
        "evidence": [(c.name, e.kind, e.text, e.path, e.url, e.why, e.line, e.offset)
                     for c in crit for e in c.evidence],
        "reasons": [(c.name, reason) for c in crit for reason in c.reasons],
        "licenses": [(s.source, s.path, s.statement, s.expression, s.category, s.known, s.free,
                      s.free_for_data, s.reason) for s in r.licenses],
        "findings": [(f.severity, f.code, f.message, f.path, f.offset, f.waived, f.waiver)
                     for f in r.findings],
        "lineage": [(s.id, s.relation, s.depth, s.resolved, s.source, s.verdict)
                    for s in r.lineage],
        "datasets": [(d.id, d.role, d.resolved, d.source, d.license, d.free_for_data)
                     for d in r.datasets],
        "artifacts": [(a.path, a.type, a.size, a.sha256, a.sha256_source) for a in r.artifacts],
        "to_pass": [(step,) for step in r.to_pass],
    }


def main(db_path: str, catalog: str, cards: list) -> None:
    tables = trulyopen.tables()
    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("BEGIN")  # one transaction: all cards or none
    for name, columns in tables.items():
        db.execute(f"CREATE TABLE {name}(card_no, {', '.join(columns)})")
    with trulyopen.Context(threads=1) as ctx, trulyopen.Catalog(catalog, ctx=ctx) as cat:
        for card, path in enumerate(cards, 1):
            with trulyopen.check(path, catalogs=cat, ctx=ctx) as r:
                for name, table_rows in rows(r).items():
                    marks = ",".join("?" * (len(tables[name]) + 1))
                    db.executemany(f"INSERT INTO {name} VALUES({marks})",
                                   [(card, *row) for row in table_rows])
    db.execute("COMMIT")
    db.close()


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__.strip().splitlines()[-1])
    main(sys.argv[1], sys.argv[2], sys.argv[3:])

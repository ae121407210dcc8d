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


def rows(r: trulyopen.Report, tables: dict) -> dict:
    """Each table's rows from the typed objects: a column is the attribute of
    the same name (or a value given here), None for a column the objects
    do not have."""
    def row(table, obj=None, **given):
        return tuple(given[c] if c in given else getattr(obj, c, None) for c in tables[table])

    crit = list(r.criteria.values())
    return {
        "report": [row("report", r, release=r.release.name, card=r.release.card,
                       mof_class=r.mof.class_)],
        "criteria": [row("criteria", c, criterion=c.name) for c in crit],
        "evidence": [row("evidence", e, criterion=c.name) for c in crit for e in c.evidence],
        "reasons": [row("reasons", criterion=c.name, reason=x) for c in crit for x in c.reasons],
        "licenses": [row("licenses", s) for s in r.licenses],
        "findings": [row("findings", f) for f in r.findings],
        "lineage": [row("lineage", s) for s in r.lineage],
        "datasets": [row("datasets", d) for d in r.datasets],
        "artifacts": [row("artifacts", a) for a in r.artifacts],
        "to_pass": [row("to_pass", step=s) for s in r.to_pass],
        "mof": [row("mof", mof, **{"class": mof.class_},
                    **{f"progress_{k}": v for k, v in (mof.progress or {}).items()})
                for mof in [r.mof] if mof.class_ is not None],
        "mof_components": [row("mof_components", c, **{"class": c.class_})
                           for c in r.mof.components],
        "mof_evidence": [row("mof_evidence", component=c) for c in r.mof.evidence_components],
        "policy": [row("policy", p) for p in [r.policy] if p is not None],
        "policy_failures": [row("policy_failures", failure=f)
                            for p in [r.policy] if p is not None for f in p.failures],
        "dataset_declarations": [row("dataset_declarations", id=d.id, declared_by=by)
                                 for d in r.datasets for by in d.declared_by],
        "lineage_criteria": [row("lineage_criteria", id=s.id, criterion=k, status=v)
                             for s in r.lineage for k, v in (s.criteria or {}).items()],
        "lineage_licenses": [row("lineage_licenses", id=s.id, license=x)
                             for s in r.lineage for x in (s.licenses or [])],
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
                for name, table_rows in rows(r, tables).items():
                    marks = ",".join("?" * (len(tables[name]) + 1))
                    db.executemany(f"INSERT INTO {name} VALUES({marks})",
                                   [(card, *row) for row in table_rows])
    db.execute("COMMIT")
    db.close()


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__.strip().splitlines()[-1])
    main(sys.argv[1], sys.argv[2], sys.argv[3:])

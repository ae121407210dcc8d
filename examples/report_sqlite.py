#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""report_sqlite.py: checks cards and stores the verdict, criteria, licences,
findings and lineage of each in a new SQLite database, from the report's
typed objects (no JSON in between). The same tables as report_sqlite.c.

Usage: report_sqlite.py NEW.db CATALOG CARD...
"""
import sqlite3
import sys

import trulyopen

TABLES = ["cards(card, path, verdict)", "criteria(card, name, status)",
          "findings(card, severity, code, message)",
          "licenses(card, source, expression, category, free INT)",
          "lineage(card, id, relation, source, verdict)"]


def main(db_path: str, catalog: str, cards: list) -> None:
    db = sqlite3.connect(db_path)
    for table in TABLES:
        db.execute(f"CREATE TABLE {table}")
    with trulyopen.Context(threads=1) as ctx, trulyopen.Catalog(catalog, ctx=ctx) as cat, db:
        for card, path in enumerate(cards, 1):
            with trulyopen.check(path, catalogs=cat, ctx=ctx) as r:
                db.execute("INSERT INTO cards VALUES(?,?,?)", (card, path, r.verdict))
                db.executemany("INSERT INTO criteria VALUES(?,?,?)",
                               [(card, c.name, c.status) for c in r.criteria.values()])
                db.executemany("INSERT INTO findings VALUES(?,?,?,?)",
                               [(card, f.severity, f.code, f.message) for f in r.findings])
                db.executemany("INSERT INTO licenses VALUES(?,?,?,?,?)",
                               [(card, s.source, s.expression, s.category, int(s.free))
                                for s in r.licenses])
                db.executemany("INSERT INTO lineage VALUES(?,?,?,?,?)",
                               [(card, s.id, s.relation, s.source, s.verdict)
                                for s in r.lineage])
    db.close()


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__.strip().splitlines()[-1])
    main(sys.argv[1], sys.argv[2], sys.argv[3:])

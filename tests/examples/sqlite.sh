#!/bin/sh
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# examples/report_sqlite (C) and examples/report_sqlite.py store 1,000 cards
# generated here in SQLite: every card and its rows are stored, every 25th
# card's rows are those of its JSON report from `trulyopen check`, and the
# two programs write the same rows. Skipped when the C example was not built
# (configure found no sqlite3) or there is no python3 to generate the cards.
. "$top_srcdir/tests/cli/lib.sh"
prog=$top_builddir/examples/report_sqlite
PY=${PYTHON3:-python3}
[ -x "$prog" ] || { echo "sqlite: examples/report_sqlite not built (no sqlite3): skip"; exit 77; }
command -v "$PY" >/dev/null 2>&1 || { echo "sqlite: no python3: skip"; exit 77; }
ncards=1000
"$PY" "$top_srcdir/tests/examples/make_cards.py" $ncards "$T" || exit 1
set -- "$T"/cards/*.md
run 0 "$prog" "$T/c.db" "$T/catalog" "$@"
lines "$T/err" 0
checks=$((checks + 1))
"$PY" "$top_srcdir/tests/examples/sqlite_check.py" "$T/c.db" $ncards "$T/catalog" "$T/cards" 25 ||
    fail "the C example's database"
# usage, and a card that cannot be read: nothing is committed
run 1 "$prog" "$T/bad.db" "$T/catalog"
has "$T/err" "usage: report_sqlite NEW.db CATALOG CARD..."
run 1 "$prog" "$T/bad.db" "$T/catalog" "$1" "$T/no-such-card.md"
has "$T/err" "no-such-card.md"
checks=$((checks + 1))
[ "$("$PY" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from sqlite_master").fetchone()[0])' "$T/bad.db" 2>&1)" = 0 ] ||
    fail "a failed run committed tables or rows"

# The Python example, with the bindings of the source tree and the build
# tree's library (not in sanitizer builds: python cannot load ASan).
if [ "${TRO_SANITIZERS:-}" != yes ] && [ -f "$top_builddir/.libs/libtrulyopen.so" ]; then
    run 0 env PYTHONPATH="$top_srcdir/bindings/python" \
        TRULYOPEN_LIBRARY="$top_builddir/.libs/libtrulyopen.so" \
        "$PY" "$top_srcdir/examples/report_sqlite.py" "$T/py.db" "$T/catalog" "$@"
    checks=$((checks + 1))
    "$PY" "$top_srcdir/tests/examples/sqlite_check.py" "$T/py.db" $ncards "$T/catalog" "$T/cards" 100 \
        "$T/c.db" || fail "the Python example's database"
fi
finish

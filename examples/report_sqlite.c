/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* report_sqlite NEW.db CATALOG CARD...: checks each card and stores every table of its report
 * (verdict, criteria, evidence, licences, findings, lineage, MOF...) in SQLite, cell by cell,
 * with no JSON in between. Exit 0, or 1 and nothing stored. */
#include <sqlite3.h>
#include <stdio.h>
#include <trulyopen.h>

int main(int argc, char **argv)
{
    tro_check_options o = TRO_CHECK_OPTIONS_INIT;
    tro_ctx *ctx = NULL;
    sqlite3 *db = NULL;
    sqlite3_stmt *st[TRO_TABLE_COUNT] = {0};
    tro_error err = {0, "usage: report_sqlite NEW.db CATALOG CARD...", -1};
    int bad = argc < 4 || tro_ctx_new(&ctx, NULL, &err) || sqlite3_open(argv[1], &db) ||
              tro_catalog_new(&o.catalog, ctx, (const char *const *)argv + 2, 1, &err) ||
              sqlite3_exec(db, "BEGIN", 0, 0, 0);       /* one transaction: all cards or none */
    for (int t = 0; !bad && t < TRO_TABLE_COUNT; t++) { /* NAME(card_no, COLUMNS...), its INSERT */
        char *mk = sqlite3_mprintf("CREATE TABLE %s(card_no, %s)", tro_table_name(t),
                                   tro_table_columns(t)),
             *ins = sqlite3_mprintf("INSERT INTO %s VALUES(?", tro_table_name(t));
        for (size_t c = 0; c < tro_table_column_count(t); c++)
            ins = sqlite3_mprintf("%z, ?", ins);
        bad = sqlite3_exec(db, mk, 0, 0, 0) ||
              sqlite3_prepare_v2(db, ins = sqlite3_mprintf("%z)", ins), -1, &st[t], 0);
        sqlite3_free(mk), sqlite3_free(ins);
    }
    for (int i = 3; !bad && i < argc; i++) {
        tro_release *rel = NULL;
        tro_report *r = NULL;
        tro_cell v;
        bad = tro_scan(ctx, argv[i], &rel, &err) || tro_check(ctx, rel, &o, &r, &err) ||
              tro_report_apply_policy(r, NULL) < 0; /* the default gate, as the CLI's */
        for (int t = 0; !bad && t < TRO_TABLE_COUNT; t++)
            for (size_t row = 0; !bad && row < tro_report_row_count(r, t); row++) {
                sqlite3_bind_int(st[t], 1, i - 2); /* then each cell, until past the last column */
                for (int c = 0; !tro_report_cell(r, t, row, c, &v); c++) /* NULL: left unbound */
                    v.type == TRO_CELL_TEXT      ? sqlite3_bind_text(st[t], c + 2, v.text, -1, NULL)
                    : v.type == TRO_CELL_INTEGER ? sqlite3_bind_int64(st[t], c + 2, v.integer)
                    : v.type == TRO_CELL_REAL    ? sqlite3_bind_double(st[t], c + 2, v.real)
                                                 : 0;
                bad = sqlite3_step(st[t]) != SQLITE_DONE || sqlite3_reset(st[t]) ||
                      sqlite3_clear_bindings(st[t]);
            }
        tro_report_free(r), tro_release_free(rel);
    }
    if ((bad = bad || sqlite3_exec(db, "COMMIT", 0, 0, 0)))
        fprintf(stderr, "report_sqlite: %s\n",
                db && sqlite3_errcode(db) ? sqlite3_errmsg(db) : err.message);
    for (int t = 0; t < TRO_TABLE_COUNT; t++)
        sqlite3_finalize(st[t]);
    sqlite3_close(db), tro_catalog_free(o.catalog), tro_ctx_free(ctx);
    return bad;
}

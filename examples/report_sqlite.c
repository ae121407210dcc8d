/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* report_sqlite: checks cards and stores the verdict, criteria, licences, findings and lineage
 * of each in a new SQLite database, read from the report's parts (no JSON in between).
 * Usage: report_sqlite NEW.db CATALOG CARD...   Exit 0, 1 when a card could not be stored. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <trulyopen.h>

static const char *const TABLE[][2] = {{"cards(card, path, verdict)", "?,?,?"},
    {"criteria(card, name, status)", "?,?,?"}, {"findings(card, severity, code, message)", "?,?,?,?"},
    {"licenses(card, source, expression, category, free INT)", "?,?,?,?,?"},
    {"lineage(card, id, relation, source, verdict)", "?,?,?,?,?"}};
static sqlite3_stmt *st[5];

/* A row of table t: the card, then up to four texts (NULL stores NULL). */
static int put(int t, int card, const char *a, const char *b, const char *c, const char *d)
{
    const char *v[] = {a, b, c, d};
    sqlite3_bind_int(st[t], 1, card);
    for (int i = 2; i <= sqlite3_bind_parameter_count(st[t]); i++)
        sqlite3_bind_text(st[t], i, v[i - 2], -1, SQLITE_STATIC);
    int done = sqlite3_step(st[t]) == SQLITE_DONE;
    return sqlite3_reset(st[t]) != SQLITE_OK || !done;
}

int main(int argc, char **argv)
{
    tro_ctx_options co = TRO_CTX_OPTIONS_INIT;
    tro_check_options o = TRO_CHECK_OPTIONS_INIT;
    tro_ctx *ctx = NULL;
    sqlite3 *db = NULL;
    tro_error err = {0, "usage: report_sqlite NEW.db CATALOG CARD...", -1};
    char sql[128];
    co.threads = 1; /* cards are small: no hashing workers */
    int bad = argc < 4 || tro_ctx_new(&ctx, &co, &err) ||
              tro_catalog_new(&o.catalog, ctx, (const char *const *)argv + 2, 1, &err) ||
              sqlite3_open(argv[1], &db) || sqlite3_exec(db, "BEGIN", 0, 0, 0);
    for (int t = 0; !bad && t < 5; t++) {
        snprintf(sql, sizeof sql, "CREATE TABLE %s", TABLE[t][0]);
        bad = sqlite3_exec(db, sql, 0, 0, 0) != SQLITE_OK;
        snprintf(sql, sizeof sql, "INSERT INTO %.*s VALUES(%s)", (int)strcspn(TABLE[t][0], "("),
                 TABLE[t][0], TABLE[t][1]);
        bad = bad || sqlite3_prepare_v2(db, sql, -1, &st[t], 0) != SQLITE_OK;
    }
    for (int i = 3; !bad && i < argc; i++) {
        tro_release *rel = NULL;
        tro_report *r = NULL;
        bad = tro_scan(ctx, argv[i], &rel, &err) || tro_check(ctx, rel, &o, &r, &err) ||
              put(0, i - 2, argv[i], tro_report_verdict(r), 0, 0);
        for (int c = 0; !bad && c < 3; c++)
            bad = put(1, i - 2, tro_criterion_name(c), tro_status_name(tro_report_status(r, c)), 0, 0);
        for (size_t k = 0; !bad && k < tro_report_finding_count(r); k++) {
            const tro_judged_finding *f = tro_report_finding(r, k);
            bad = put(2, i - 2, tro_severity_name(tro_judged_finding_severity(f)),
                      tro_judged_finding_code(f), tro_judged_finding_message(f), 0);
        }
        for (size_t k = 0; !bad && k < tro_report_license_count(r); k++) {
            const tro_statement *s = tro_report_license(r, k);
            bad = put(3, i - 2, tro_statement_source(s), tro_statement_expression(s),
                      tro_license_category_name(tro_statement_category(s)), tro_statement_free(s) ? "1" : "0");
        }
        for (size_t k = 0; !bad && k < tro_report_lineage_count(r); k++) {
            const tro_lineage_step *s = tro_report_lineage(r, k);
            bad = put(4, i - 2, tro_lineage_step_id(s), tro_lineage_step_relation(s),
                      tro_lineage_step_source(s), tro_lineage_step_verdict(s));
        }
        tro_report_free(r);
        tro_release_free(rel);
    }
    bad = bad || sqlite3_exec(db, "COMMIT", 0, 0, 0) != SQLITE_OK;
    if (bad)
        fprintf(stderr, "report_sqlite: %s\n", db && sqlite3_errcode(db) ? sqlite3_errmsg(db) : err.message);
    for (int t = 0; t < 5; t++)
        sqlite3_finalize(st[t]);
    sqlite3_close(db); /* what was not committed is rolled back */
    tro_catalog_free(o.catalog);
    tro_ctx_free(ctx);
    return bad;
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * A report's tables (lib/report/table.c) say what its JSON document says:
 * for every release of the check suite (tests/data/check/cases), each cell
 * of each table is compared with the key of the same name in the matching
 * object of the document (a NULL cell: the key is absent or null; booleans
 * are 0 and 1), before and after a policy that waives every finding. Then the schema (names,
 * columns, types) and the refusals (NULL, a table, row or column out of range).
 */
#include "test.h"

#include <dirent.h>
#include <jansson.h>

static const char *where = "";

#define CHECK_AT(cond) CHECK_IN(where, cond)

static json_t *json_incref_or_null(json_t *v)
{
    return v ? json_incref(v) : json_null();
}

/* The document's objects that a table's rows stand for, in order (new
 * references); the criteria tables get a "criterion" key. */
static json_t *objects(const json_t *doc, tro_table t)
{
    json_t *out = json_array(), *crit = json_object_get(doc, "criteria"), *mof;
    const char *key, *names[] = {"use_freedom", "method_transparency", "data_access"};
    size_t i;
    json_t *v;
    switch (t) {
    case TRO_TABLE_REPORT:
        json_array_append_new(
            out, json_pack("{s:O, s:O, s:O, s:O}", "release",
                           json_object_get(json_object_get(doc, "release"), "name"), "card",
                           json_object_get(json_object_get(doc, "release"), "card"), "verdict",
                           json_object_get(doc, "verdict"), "mof_class",
                           json_object_get(json_object_get(doc, "mof"), "class")));
        break;
    case TRO_TABLE_CRITERIA:
    case TRO_TABLE_EVIDENCE:
    case TRO_TABLE_REASONS:
        for (int c = 0; c < 3; c++) { /* the criteria's order, not the object's */
            json_t *cv = json_object_get(crit, names[c]);
            if (t == TRO_TABLE_CRITERIA) {
                json_array_append_new(out, json_pack("{s:s, s:O}", "criterion", names[c], "status",
                                                     json_object_get(cv, "status")));
                continue;
            }
            const char *part = t == TRO_TABLE_EVIDENCE ? "evidence" : "reasons";
            json_array_foreach(json_object_get(cv, part), i, v)
            {
                json_t *o =
                    t == TRO_TABLE_EVIDENCE ? json_deep_copy(v) : json_pack("{s:O}", "reason", v);
                json_object_set_new(o, "criterion", json_string(names[c]));
                json_array_append_new(out, o);
            }
        }
        break;
    case TRO_TABLE_TO_PASS:
        json_array_foreach(json_object_get(doc, "to_pass"), i, v)
            json_array_append_new(out, json_pack("{s:O}", "step", v));
        break;
    case TRO_TABLE_MOF:
        mof = json_object_get(doc, "mof");
        if (!json_is_null(json_object_get(mof, "class"))) {
            json_t *p = json_object_get(mof, "progress");
            json_array_append_new(out, json_pack("{s:O, s:O, s:o, s:O, s:O, s:O}", "class",
                                                 json_object_get(mof, "class"), "label",
                                                 json_object_get(mof, "label"), "path",
                                                 json_incref_or_null(json_object_get(mof, "path")),
                                                 "progress_1", json_object_get(p, "1"),
                                                 "progress_2", json_object_get(p, "2"),
                                                 "progress_3", json_object_get(p, "3")));
        }
        break;
    case TRO_TABLE_MOF_COMPONENTS:
        json_array_extend(out, json_object_get(json_object_get(doc, "mof"), "components"));
        break;
    case TRO_TABLE_MOF_EVIDENCE:
        json_array_foreach(json_object_get(json_object_get(doc, "mof"), "evidence_components"), i,
                           v) json_array_append_new(out, json_pack("{s:O}", "component", v));
        break;
    case TRO_TABLE_POLICY:
        if (json_object_get(doc, "policy"))
            json_array_append_new(
                out, json_pack("{s:O}", "passed",
                               json_object_get(json_object_get(doc, "policy"), "passed")));
        break;
    case TRO_TABLE_POLICY_FAILURES:
        json_array_foreach(json_object_get(json_object_get(doc, "policy"), "failures"), i, v)
            json_array_append_new(out, json_pack("{s:O}", "failure", v));
        break;
    case TRO_TABLE_DATASET_DECLARATIONS:
    case TRO_TABLE_LINEAGE_CRITERIA:
    case TRO_TABLE_LINEAGE_LICENSES:
        json_array_foreach(
            json_object_get(doc, t == TRO_TABLE_DATASET_DECLARATIONS ? "datasets" : "lineage"), i,
            v)
        {
            json_t *id = json_object_get(v, "id"), *w;
            size_t j;
            if (t == TRO_TABLE_DATASET_DECLARATIONS) {
                json_array_foreach(json_object_get(v, "declared_by"), j, w)
                    json_array_append_new(out, json_pack("{s:O, s:O}", "id", id, "declared_by", w));
            } else if (t == TRO_TABLE_LINEAGE_LICENSES) {
                json_array_foreach(json_object_get(v, "licenses"), j, w)
                    json_array_append_new(out, json_pack("{s:O, s:O}", "id", id, "license", w));
            } else if (json_object_get(v, "criteria")) {
                for (int c = 0; c < 3; c++)
                    json_array_append_new(
                        out, json_pack("{s:O, s:s, s:O}", "id", id, "criterion", names[c], "status",
                                       json_object_get(json_object_get(v, "criteria"), names[c])));
            }
        }
        break;
    default:
        key = tro_table_name(t);
        json_array_extend(out, json_object_get(doc, key));
        break;
    }
    return out;
}

/* Does cell c hold what the document's value v holds (v NULL: absent)? */
static int same(const tro_cell *c, const json_t *v, const char *column)
{
    if (!v || json_is_null(v))
        return c->type == TRO_CELL_NULL ||
               (!strcmp(column, "waived") && c->type == TRO_CELL_INTEGER && c->integer == 0);
    if (json_is_string(v))
        return c->type == TRO_CELL_TEXT && !strcmp(c->text, json_string_value(v));
    if (json_is_boolean(v))
        return c->type == TRO_CELL_INTEGER && c->integer == (json_is_true(v) ? 1 : 0);
    if (json_is_integer(v))
        return c->type == TRO_CELL_INTEGER && c->integer == (int64_t)json_integer_value(v);
    if (json_is_real(v)) /* the document writes the same double, round-tripped */
        return c->type == TRO_CELL_REAL && c->real == json_real_value(v);
    return 0;
}

/* Every table of r against its document; returns the cells compared. */
static size_t compare(const tro_report *r)
{
    char *text = NULL;
    size_t len = 0, cells = 0;
    CHECK_AT(tro_report_json(r, &text, &len) == TRO_OK);
    json_t *doc = text ? json_loadb(text, len, 0, NULL) : NULL;
    tro_free(text);
    CHECK_AT(doc != NULL);
    for (int t = 0; doc && t < TRO_TABLE_COUNT; t++) {
        json_t *want = objects(doc, (tro_table)t);
        size_t rows = tro_report_row_count(r, (tro_table)t);
        CHECK_AT(rows == json_array_size(want));
        for (size_t row = 0; row < rows && row < json_array_size(want); row++) {
            const json_t *o = json_array_get(want, row);
            for (size_t c = 0; c < tro_table_column_count((tro_table)t); c++, cells++) {
                tro_cell cell;
                const char *col = tro_table_column_name((tro_table)t, c);
                CHECK_AT(tro_report_cell(r, (tro_table)t, row, c, &cell) == TRO_OK);
                int ok = same(&cell, json_object_get(o, col), col);
                CHECK_AT(ok);
                if (!ok)
                    fprintf(stderr, "  table %s, row %zu, column %s\n",
                            tro_table_name((tro_table)t), row, col);
                /* a cell's type is its column's, or NULL */
                CHECK_AT(cell.type == TRO_CELL_NULL ||
                         cell.type == tro_table_column_type((tro_table)t, c));
            }
        }
        json_decref(want);
    }
    json_decref(doc);
    return cells;
}

TRO_TEST(table_cells_are_the_document)
{
    char dir[4096], catdir[4096], path[8448];
    const char *top = getenv("top_srcdir");
    snprintf(dir, sizeof dir, "%s/tests/data/check/cases", top ? top : ".");
    snprintf(catdir, sizeof catdir, "%s/tests/data/check/catalog", top ? top : ".");
    const char *dirs[] = {catdir};
    tro_ctx *ctx = NULL;
    tro_check_options o = TRO_CHECK_OPTIONS_INIT;
    if (tro_ctx_new(&ctx, NULL, NULL) != TRO_OK ||
        tro_catalog_new(&o.catalog, ctx, dirs, 1, NULL) != TRO_OK)
        TRO_FAIL("a context and the suite's catalog");
    static const char policy[] = "{\"format\": \"trulyopen-policy\", \"format_version\": 1, "
                                 "\"require_truly_open\": true, "
                                 "\"waivers\": [{\"code\": \"*\", \"reason\": \"accepted\"}]}";
    tro_policy *waive_all = NULL;
    if (tro_policy_new(&waive_all, policy, sizeof policy - 1, NULL) != TRO_OK)
        TRO_FAIL("the waiving policy");
    DIR *d = opendir(dir);
    CHECK(d != NULL);
    size_t releases = 0, cells = 0, waived = 0, rows[TRO_TABLE_COUNT] = {0};
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s/release", dir, e->d_name);
        tro_release *rel = NULL;
        tro_report *r = NULL;
        where = e->d_name;
        CHECK_AT(tro_scan(ctx, path, &rel, NULL) == TRO_OK &&
                 tro_check(ctx, rel, &o, &r, NULL) == TRO_OK);
        if (r) {
            cells += compare(r);
            /* a policy adds findings, marks those it waives and fails the
             * releases that are not truly open: the findings table follows
             * (waived 1, the waiver's reason), and the policy's tables */
            CHECK_AT(tro_report_apply_policy(r, waive_all) >= 0);
            cells += compare(r);
            for (size_t k = 0; k < tro_report_row_count(r, TRO_TABLE_FINDINGS); k++) {
                tro_cell c;
                waived +=
                    tro_report_cell(r, TRO_TABLE_FINDINGS, k, 5, &c) == TRO_OK && c.integer == 1;
            }
            for (int t = 0; t < TRO_TABLE_COUNT; t++)
                rows[t] += tro_report_row_count(r, (tro_table)t);
            releases++;
        }
        tro_report_free(r);
        tro_release_free(rel);
    }
    if (d)
        closedir(d);
    CHECK(releases >= 20);
    CHECK(waived > 0);
    /* the suite has rows in every table, so that each was compared */
    for (int t = 0; t < TRO_TABLE_COUNT; t++) {
        CHECK(rows[t] > 0);
        if (!rows[t])
            fprintf(stderr, "  no row of %s in the suite\n", tro_table_name((tro_table)t));
    }
    printf("test_table: %zu releases, %zu cells compared with their documents\n", releases, cells);
    tro_policy_free(waive_all);
    tro_catalog_free(o.catalog);
    tro_ctx_free(ctx);
}

TRO_TEST(table_schema)
{
    static const char *const names[] = {"report",
                                        "criteria",
                                        "evidence",
                                        "reasons",
                                        "licenses",
                                        "findings",
                                        "lineage",
                                        "datasets",
                                        "artifacts",
                                        "to_pass",
                                        "mof",
                                        "mof_components",
                                        "mof_evidence",
                                        "policy",
                                        "policy_failures",
                                        "dataset_declarations",
                                        "lineage_criteria",
                                        "lineage_licenses"};
    CHECK_INT(TRO_TABLE_COUNT, sizeof names / sizeof *names);
    for (int t = 0; t < TRO_TABLE_COUNT; t++) {
        char joined[512] = "";
        size_t n = tro_table_column_count((tro_table)t);
        CHECK_STR(tro_table_name((tro_table)t), names[t]);
        CHECK(n > 0);
        for (size_t c = 0; c < n; c++) {
            const char *col = tro_table_column_name((tro_table)t, c);
            tro_cell_type ty = tro_table_column_type((tro_table)t, c);
            CHECK(col != NULL && *col);
            CHECK(ty == TRO_CELL_TEXT || ty == TRO_CELL_INTEGER || ty == TRO_CELL_REAL);
            snprintf(joined + strlen(joined), sizeof joined - strlen(joined), "%s%s", c ? ", " : "",
                     col ? col : "");
        }
        CHECK_STR(tro_table_columns((tro_table)t), joined);
        CHECK(tro_table_column_name((tro_table)t, n) == NULL);
        CHECK_INT(tro_table_column_type((tro_table)t, n), TRO_CELL_NULL);
    }
    CHECK_STR(tro_table_columns(TRO_TABLE_REPORT), "release, card, verdict, mof_class");
    CHECK_INT(tro_table_column_type(TRO_TABLE_FINDINGS, 4), TRO_CELL_INTEGER); /* offset */
    CHECK(tro_table_name(TRO_TABLE_COUNT) == NULL);
    CHECK(tro_table_name((tro_table)-1) == NULL);
    CHECK(tro_table_columns(TRO_TABLE_COUNT) == NULL);
    CHECK_INT(tro_table_column_count(TRO_TABLE_COUNT), 0);
}

TRO_TEST(table_refusals)
{
    char path[4096];
    const char *top = getenv("top_srcdir");
    snprintf(path, sizeof path, "%s/examples/releases/open-model", top ? top : ".");
    tro_ctx *ctx = NULL;
    tro_release *rel = NULL;
    tro_report *r = NULL;
    if (tro_ctx_new(&ctx, NULL, NULL) != TRO_OK || tro_scan(ctx, path, &rel, NULL) != TRO_OK ||
        tro_check(ctx, rel, NULL, &r, NULL) != TRO_OK)
        TRO_FAIL("checking the example release");
    tro_cell c = {TRO_CELL_TEXT, "x", 7, 0.5};
    CHECK_INT(tro_report_row_count(r, TRO_TABLE_REPORT), 1);
    CHECK_INT(tro_report_row_count(r, TRO_TABLE_CRITERIA), 3);
    CHECK_INT(tro_report_row_count(NULL, TRO_TABLE_REPORT), 0);
    CHECK_INT(tro_report_row_count(r, TRO_TABLE_COUNT), 0);
    CHECK_INT(tro_report_cell(r, TRO_TABLE_REPORT, 0, 2, &c), TRO_OK);
    CHECK(c.type == TRO_CELL_TEXT && c.text && !strcmp(c.text, "truly-open") && c.integer == 0);
    CHECK_INT(tro_report_cell(r, TRO_TABLE_CRITERIA, 1, 0, &c), TRO_OK);
    CHECK_STR(c.text, "method_transparency");
    /* out of range: refused, and the cell is NULL */
    c.type = TRO_CELL_TEXT;
    CHECK_INT(tro_report_cell(r, TRO_TABLE_REPORT, 1, 0, &c), TRO_EINVAL);
    CHECK(c.type == TRO_CELL_NULL && c.text == NULL);
    CHECK_INT(tro_report_cell(r, TRO_TABLE_REPORT, 0, 4, &c), TRO_EINVAL);
    CHECK_INT(tro_report_cell(r, TRO_TABLE_COUNT, 0, 0, &c), TRO_EINVAL);
    CHECK_INT(tro_report_cell(r, (tro_table)-1, 0, 0, &c), TRO_EINVAL);
    CHECK_INT(tro_report_cell(NULL, TRO_TABLE_REPORT, 0, 0, &c), TRO_EINVAL);
    CHECK_INT(tro_report_cell(r, TRO_TABLE_REPORT, 0, 0, NULL), TRO_EINVAL);
    tro_report_free(r);
    tro_release_free(rel);
    tro_ctx_free(ctx);
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * A report's parts as tables (include/trulyopen/report.h, "Tables"): one
 * schema of tables and typed columns named as the JSON document's keys, and
 * each cell read through the part accessors, so that the tables say what the
 * document says. Nothing is copied or cached: a cell is a load and, for a
 * text, a pointer into the report.
 */
#include "report.h"

#include <string.h>

#define T TRO_CELL_TEXT
#define I TRO_CELL_INTEGER
#define R TRO_CELL_REAL

typedef struct {
    const char *name;
    tro_cell_type type;
} column;

typedef struct {
    const char *name;
    const char *list; /* the column names joined by ", " */
    size_t ncols;
    const column *cols;
} table;

static const column report_cols[] = {{"release", T}, {"card", T}, {"verdict", T}, {"mof_class", I}};
static const column criteria_cols[] = {{"criterion", T}, {"status", T}};
static const column evidence_cols[] = {{"criterion", T}, {"kind", T}, {"text", T}, {"path", T},
                                       {"url", T},       {"why", T},  {"line", I}, {"offset", I}};
static const column reasons_cols[] = {{"criterion", T}, {"reason", T}};
static const column licenses_cols[] = {{"source", T},     {"path", T},          {"statement", T},
                                       {"expression", T}, {"category", T},      {"known", I},
                                       {"free", I},       {"free_for_data", I}, {"reason", T}};
static const column findings_cols[] = {{"severity", T}, {"code", T},   {"message", T}, {"path", T},
                                       {"offset", I},   {"waived", I}, {"waiver", T}};
static const column lineage_cols[] = {{"id", T},       {"relation", T}, {"depth", I},
                                      {"resolved", I}, {"source", T},   {"verdict", T}};
static const column datasets_cols[] = {{"id", T},     {"role", T},    {"resolved", I},
                                       {"source", T}, {"license", T}, {"free_for_data", I}};
static const column artifacts_cols[] = {
    {"path", T}, {"type", T}, {"size", I}, {"sha256", T}, {"sha256_source", T}};
static const column to_pass_cols[] = {{"step", T}};
static const column mof_cols[] = {{"class", I},      {"label", T},      {"path", T},
                                  {"progress_1", R}, {"progress_2", R}, {"progress_3", R}};
static const column mof_components_cols[] = {{"name", T},     {"class", I},  {"content_type", T},
                                             {"required", I}, {"status", T}, {"license", T}};
static const column mof_evidence_cols[] = {{"component", T}};
static const column policy_cols[] = {{"passed", I}};
static const column policy_failures_cols[] = {{"failure", T}};
static const column dataset_declarations_cols[] = {{"id", T}, {"declared_by", T}};
static const column lineage_criteria_cols[] = {{"id", T}, {"criterion", T}, {"status", T}};
static const column lineage_licenses_cols[] = {{"id", T}, {"license", T}};

#define TABLE(name, list, cols)                                                                    \
    {                                                                                              \
        name, list, sizeof cols / sizeof *cols, cols                                               \
    }
static const table tables[TRO_TABLE_COUNT] = {
    TABLE("report", "release, card, verdict, mof_class", report_cols),
    TABLE("criteria", "criterion, status", criteria_cols),
    TABLE("evidence", "criterion, kind, text, path, url, why, line, offset", evidence_cols),
    TABLE("reasons", "criterion, reason", reasons_cols),
    TABLE("licenses",
          "source, path, statement, expression, category, known, free, free_for_data, reason",
          licenses_cols),
    TABLE("findings", "severity, code, message, path, offset, waived, waiver", findings_cols),
    TABLE("lineage", "id, relation, depth, resolved, source, verdict", lineage_cols),
    TABLE("datasets", "id, role, resolved, source, license, free_for_data", datasets_cols),
    TABLE("artifacts", "path, type, size, sha256, sha256_source", artifacts_cols),
    TABLE("to_pass", "step", to_pass_cols),
    TABLE("mof", "class, label, path, progress_1, progress_2, progress_3", mof_cols),
    TABLE("mof_components", "name, class, content_type, required, status, license",
          mof_components_cols),
    TABLE("mof_evidence", "component", mof_evidence_cols),
    TABLE("policy", "passed", policy_cols),
    TABLE("policy_failures", "failure", policy_failures_cols),
    TABLE("dataset_declarations", "id, declared_by", dataset_declarations_cols),
    TABLE("lineage_criteria", "id, criterion, status", lineage_criteria_cols),
    TABLE("lineage_licenses", "id, license", lineage_licenses_cols),
};
#undef TABLE
#undef T
#undef I
#undef R

static const table *table_of(tro_table t)
{
    return (unsigned)t < TRO_TABLE_COUNT ? &tables[t] : NULL;
}

const char *tro_table_name(tro_table t)
{
    const table *tb = table_of(t);
    return tb ? tb->name : NULL;
}

const char *tro_table_columns(tro_table t)
{
    const table *tb = table_of(t);
    return tb ? tb->list : NULL;
}

size_t tro_table_column_count(tro_table t)
{
    const table *tb = table_of(t);
    return tb ? tb->ncols : 0;
}

const char *tro_table_column_name(tro_table t, size_t col)
{
    const table *tb = table_of(t);
    return tb && col < tb->ncols ? tb->cols[col].name : NULL;
}

tro_cell_type tro_table_column_type(tro_table t, size_t col)
{
    const table *tb = table_of(t);
    return tb && col < tb->ncols ? tb->cols[col].type : TRO_CELL_NULL;
}

/* Rows of a per-criterion table (evidence, reasons): the criteria's rows one
 * after the other. Finds the criterion of a row and the row's index in it. */
static int crit_row(const tro_report *r, tro_table t, size_t row, tro_criterion *c, size_t *i)
{
    for (int k = 0; k <= TRO_CRITERION_DATA_ACCESS; k++) {
        size_t n = t == TRO_TABLE_EVIDENCE ? tro_report_evidence_count(r, (tro_criterion)k)
                                           : tro_report_reason_count(r, (tro_criterion)k);
        if (row < n) {
            *c = (tro_criterion)k;
            *i = row;
            return 1;
        }
        row -= n;
    }
    return 0;
}

/* The rows of a list inside the items of a part (a dataset's declarations,
 * a lineage step's criteria or licences), one item's after another's: how
 * many item i has. */
static size_t sub_count(const tro_report *r, tro_table t, size_t i)
{
    switch (t) {
    case TRO_TABLE_DATASET_DECLARATIONS:
        return tro_dataset_declared_by_count(tro_report_dataset(r, i));
    case TRO_TABLE_LINEAGE_CRITERIA:
        return tro_lineage_step_known(tro_report_lineage(r, i)) ? TRO_CRITERION_DATA_ACCESS + 1 : 0;
    default: /* TRO_TABLE_LINEAGE_LICENSES */
        return tro_lineage_step_license_count(tro_report_lineage(r, i));
    }
}

static size_t items_of(const tro_report *r, tro_table t)
{
    return t == TRO_TABLE_DATASET_DECLARATIONS ? tro_report_dataset_count(r)
                                               : tro_report_lineage_count(r);
}

/* The item of row (its index in *item) and the row's index in its list. */
static bool sub_row(const tro_report *r, tro_table t, size_t row, size_t *item, size_t *k)
{
    for (size_t i = 0, n = items_of(r, t); i < n; i++) {
        size_t c = sub_count(r, t, i);
        if (row < c) {
            *item = i;
            *k = row;
            return true;
        }
        row -= c;
    }
    return false;
}

size_t tro_report_row_count(const tro_report *r, tro_table t)
{
    size_t n = 0;
    if (!r)
        return 0;
    switch (t) {
    case TRO_TABLE_REPORT:
        return 1;
    case TRO_TABLE_CRITERIA:
        return TRO_CRITERION_DATA_ACCESS + 1;
    case TRO_TABLE_EVIDENCE:
    case TRO_TABLE_REASONS:
        for (int k = 0; k <= TRO_CRITERION_DATA_ACCESS; k++)
            n += t == TRO_TABLE_EVIDENCE ? tro_report_evidence_count(r, (tro_criterion)k)
                                         : tro_report_reason_count(r, (tro_criterion)k);
        return n;
    case TRO_TABLE_LICENSES:
        return tro_report_license_count(r);
    case TRO_TABLE_FINDINGS:
        return tro_report_finding_count(r);
    case TRO_TABLE_LINEAGE:
        return tro_report_lineage_count(r);
    case TRO_TABLE_DATASETS:
        return tro_report_dataset_count(r);
    case TRO_TABLE_ARTIFACTS:
        return tro_report_artifact_count(r);
    case TRO_TABLE_TO_PASS:
        return tro_report_to_pass_count(r);
    case TRO_TABLE_MOF:
        return tro_report_mof_class(r) >= 0;
    case TRO_TABLE_MOF_COMPONENTS:
        return tro_report_mof_component_count(r);
    case TRO_TABLE_MOF_EVIDENCE:
        return tro_report_mof_evidence_count(r);
    case TRO_TABLE_POLICY:
        return tro_report_policy_passed(r) >= 0;
    case TRO_TABLE_POLICY_FAILURES:
        return tro_report_policy_failure_count(r);
    case TRO_TABLE_DATASET_DECLARATIONS:
    case TRO_TABLE_LINEAGE_CRITERIA:
    case TRO_TABLE_LINEAGE_LICENSES:
        for (size_t i = 0, items = items_of(r, t); i < items; i++)
            n += sub_count(r, t, i);
        return n;
    default:
        return 0;
    }
}

static void text(tro_cell *out, const char *s)
{
    out->type = s ? TRO_CELL_TEXT : TRO_CELL_NULL;
    out->text = s;
}

static void real(tro_cell *out, double v)
{
    out->type = TRO_CELL_REAL;
    out->real = v;
}

static void integer(tro_cell *out, int64_t v)
{
    out->type = TRO_CELL_INTEGER;
    out->integer = v;
}

/* An integer that stands for "not known" below a bound (a line of 0, an
 * offset of -1) is a NULL cell, as the document leaves it out. */
static void known_at_least(tro_cell *out, int64_t v, int64_t least)
{
    if (v >= least)
        integer(out, v);
}

static void report_cell(const tro_report *r, size_t col, tro_cell *out)
{
    switch (col) {
    case 0:
        text(out, tro_report_release_name(r));
        break;
    case 1:
        text(out, tro_report_card_path(r));
        break;
    case 2:
        text(out, tro_report_verdict(r));
        break;
    default:
        known_at_least(out, tro_report_mof_class(r), 0);
        break;
    }
}

static void evidence_cell(const tro_report *r, size_t row, size_t col, tro_cell *out)
{
    tro_criterion c;
    size_t i;
    if (!crit_row(r, TRO_TABLE_EVIDENCE, row, &c, &i))
        return;
    const tro_evidence *e = tro_report_evidence(r, c, i);
    switch (col) {
    case 0:
        text(out, tro_criterion_name(c));
        break;
    case 1:
        text(out, tro_evidence_kind(e));
        break;
    case 2:
        text(out, tro_evidence_text(e));
        break;
    case 3:
        text(out, tro_evidence_path(e));
        break;
    case 4:
        text(out, tro_evidence_url(e));
        break;
    case 5:
        text(out, tro_evidence_why(e));
        break;
    case 6:
        known_at_least(out, tro_evidence_line(e), 1);
        break;
    default:
        known_at_least(out, tro_evidence_offset(e), 0);
        break;
    }
}

static void reason_cell(const tro_report *r, size_t row, size_t col, tro_cell *out)
{
    tro_criterion c;
    size_t i;
    if (crit_row(r, TRO_TABLE_REASONS, row, &c, &i))
        text(out, col == 0 ? tro_criterion_name(c) : tro_report_reason(r, c, i));
}

static void license_cell(const tro_statement *s, size_t col, tro_cell *out)
{
    switch (col) {
    case 0:
        text(out, tro_statement_source(s));
        break;
    case 1:
        text(out, tro_statement_path(s));
        break;
    case 2:
        text(out, tro_statement_text(s));
        break;
    case 3:
        text(out, tro_statement_expression(s));
        break;
    case 4:
        text(out, tro_license_category_name(tro_statement_category(s)));
        break;
    case 5:
        integer(out, tro_statement_known(s) != 0);
        break;
    case 6:
        integer(out, tro_statement_free(s) != 0);
        break;
    case 7:
        integer(out, tro_statement_free_for_data(s) != 0);
        break;
    default:
        text(out, tro_statement_reason(s));
        break;
    }
}

static void finding_cell(const tro_judged_finding *f, size_t col, tro_cell *out)
{
    switch (col) {
    case 0:
        text(out, tro_severity_name(tro_judged_finding_severity(f)));
        break;
    case 1:
        text(out, tro_judged_finding_code(f));
        break;
    case 2:
        text(out, tro_judged_finding_message(f));
        break;
    case 3:
        text(out, tro_judged_finding_path(f));
        break;
    case 4:
        known_at_least(out, tro_judged_finding_offset(f), 0);
        break;
    case 5:
        integer(out, tro_judged_finding_waived(f) != 0);
        break;
    default:
        text(out, tro_judged_finding_waiver(f));
        break;
    }
}

static void lineage_cell(const tro_lineage_step *s, size_t col, tro_cell *out)
{
    switch (col) {
    case 0:
        text(out, tro_lineage_step_id(s));
        break;
    case 1:
        text(out, tro_lineage_step_relation(s));
        break;
    case 2:
        integer(out, tro_lineage_step_depth(s));
        break;
    case 3:
        integer(out, tro_lineage_step_resolved(s) != 0);
        break;
    case 4:
        text(out, tro_lineage_step_source(s));
        break;
    default:
        text(out, tro_lineage_step_verdict(s));
        break;
    }
}

static void dataset_cell(const tro_dataset *d, size_t col, tro_cell *out)
{
    switch (col) {
    case 0:
        text(out, tro_dataset_id(d));
        break;
    case 1:
        text(out, tro_data_role_name(tro_dataset_role(d)));
        break;
    case 2:
        integer(out, tro_dataset_resolved(d) != 0);
        break;
    case 3:
        text(out, tro_dataset_source(d));
        break;
    case 4:
        text(out, tro_dataset_license(d));
        break;
    default:
        known_at_least(out, tro_dataset_free_for_data(d), 0);
        break;
    }
}

static void artifact_cell(const tro_judged_artifact *a, size_t col, tro_cell *out)
{
    switch (col) {
    case 0:
        text(out, tro_judged_artifact_path(a));
        break;
    case 1:
        text(out, tro_type_name(tro_judged_artifact_type(a)));
        break;
    case 2:
        integer(out, (int64_t)tro_judged_artifact_size(a));
        break;
    case 3:
        text(out, tro_judged_artifact_sha256(a));
        break;
    default:
        text(out, tro_judged_artifact_sha256_source(a));
        break;
    }
}

static void mof_cell(const tro_report *r, size_t col, tro_cell *out)
{
    switch (col) {
    case 0:
        integer(out, tro_report_mof_class(r));
        break;
    case 1:
        text(out, tro_report_mof_label(r));
        break;
    case 2:
        text(out, tro_report_mof_path(r));
        break;
    default:
        real(out, tro_report_mof_progress(r, (int)col - 2));
        break;
    }
}

static void mof_component_cell(const tro_mof_component *c, size_t col, tro_cell *out)
{
    switch (col) {
    case 0:
        text(out, tro_mof_component_name(c));
        break;
    case 1:
        integer(out, tro_mof_component_class(c));
        break;
    case 2:
        text(out, tro_mof_component_content_type(c));
        break;
    case 3:
        integer(out, tro_mof_component_required(c) != 0);
        break;
    case 4:
        text(out, tro_mof_component_status(c));
        break;
    default:
        text(out, tro_mof_component_license(c));
        break;
    }
}

/* A row of a list inside an item: the item's id, then the list's values. */
static void sub_cell(const tro_report *r, tro_table t, size_t row, size_t col, tro_cell *out)
{
    size_t i, k;
    if (!sub_row(r, t, row, &i, &k))
        return;
    if (t == TRO_TABLE_DATASET_DECLARATIONS) {
        const tro_dataset *d = tro_report_dataset(r, i);
        text(out, col == 0 ? tro_dataset_id(d) : tro_dataset_declared_by(d, k));
        return;
    }
    const tro_lineage_step *s = tro_report_lineage(r, i);
    if (col == 0)
        text(out, tro_lineage_step_id(s));
    else if (t == TRO_TABLE_LINEAGE_LICENSES)
        text(out, tro_lineage_step_license(s, k));
    else if (col == 1)
        text(out, tro_criterion_name((tro_criterion)k));
    else
        text(out, tro_status_name(tro_lineage_step_status(s, (tro_criterion)k)));
}

int tro_report_cell(const tro_report *r, tro_table t, size_t row, size_t col, tro_cell *out)
{
    if (out)
        memset(out, 0, sizeof *out);
    if (!r || !out || col >= tro_table_column_count(t) || row >= tro_report_row_count(r, t))
        return TRO_EINVAL;
    switch (t) {
    case TRO_TABLE_REPORT:
        report_cell(r, col, out);
        break;
    case TRO_TABLE_CRITERIA:
        text(out, col == 0 ? tro_criterion_name((tro_criterion)row)
                           : tro_status_name(tro_report_status(r, (tro_criterion)row)));
        break;
    case TRO_TABLE_EVIDENCE:
        evidence_cell(r, row, col, out);
        break;
    case TRO_TABLE_REASONS:
        reason_cell(r, row, col, out);
        break;
    case TRO_TABLE_LICENSES:
        license_cell(tro_report_license(r, row), col, out);
        break;
    case TRO_TABLE_FINDINGS:
        finding_cell(tro_report_finding(r, row), col, out);
        break;
    case TRO_TABLE_LINEAGE:
        lineage_cell(tro_report_lineage(r, row), col, out);
        break;
    case TRO_TABLE_DATASETS:
        dataset_cell(tro_report_dataset(r, row), col, out);
        break;
    case TRO_TABLE_ARTIFACTS:
        artifact_cell(tro_report_artifact(r, row), col, out);
        break;
    case TRO_TABLE_TO_PASS:
        text(out, tro_report_to_pass(r, row));
        break;
    case TRO_TABLE_MOF:
        mof_cell(r, col, out);
        break;
    case TRO_TABLE_MOF_COMPONENTS:
        mof_component_cell(tro_report_mof_component(r, row), col, out);
        break;
    case TRO_TABLE_MOF_EVIDENCE:
        text(out, tro_report_mof_evidence(r, row));
        break;
    case TRO_TABLE_POLICY:
        integer(out, tro_report_policy_passed(r) == 1);
        break;
    case TRO_TABLE_POLICY_FAILURES:
        text(out, tro_report_policy_failure(r, row));
        break;
    default:
        sub_cell(r, t, row, col, out);
        break;
    }
    return 0;
}

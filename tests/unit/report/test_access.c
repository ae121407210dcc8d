/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The report's accessors (include/trulyopen/report.h) say what its JSON
 * document says: every release of the check suite (tests/data/check/cases)
 * is checked, rendered and parsed back, and each key of the document is
 * compared with its accessor. Then what the document cannot show alone:
 * the licences of an expression, NULL and out-of-range arguments, the
 * policy outcome replaced, and the rendering options (compact, without
 * artifacts, refused flags). Synthetic records (report_fixture.h) give the
 * parts no release of the suite has: waived findings, evidence saying why.
 * test_access_oom fails their allocations.
 */
#include "report_fixture.h"
#include "test.h"

#include <dirent.h>

static const char *where = "";

#define CHECK_AT(cond) CHECK_IN(where, cond)

/* A string accessor against a key: NULL matches a missing key or null. */
static int same_str(const char *got, const json_t *v)
{
    if (!got)
        return !v || json_is_null(v);
    return json_is_string(v) && !strcmp(got, json_string_value(v));
}

static int same_int(long long got, const json_t *v, long long absent)
{
    if (!v)
        return got == absent;
    return json_is_integer(v) && json_integer_value(v) == got;
}

static int same_bool(int got, const json_t *v)
{
    return json_is_boolean(v) && json_is_true(v) == (got != 0);
}

/* ---- One part each ------------------------------------------------------------- */

static void criteria(const tro_report *r, const json_t *doc)
{
    for (int c = 0; c < 3; c++) {
        tro_criterion k = (tro_criterion)c;
        const json_t *cr = json_object_get(json_object_get(doc, "criteria"), tro_criterion_name(k));
        const json_t *ev = json_object_get(cr, "evidence"), *rs = json_object_get(cr, "reasons");
        CHECK_AT(same_str(tro_status_name(tro_report_status(r, k)), json_object_get(cr, "status")));
        CHECK_AT(tro_report_evidence_count(r, k) == json_array_size(ev));
        for (size_t i = 0; i < json_array_size(ev); i++) {
            const tro_evidence *e = tro_report_evidence(r, k, i);
            const json_t *o = json_array_get(ev, i);
            CHECK_AT(same_str(tro_evidence_kind(e), json_object_get(o, "kind")));
            CHECK_AT(same_str(tro_evidence_text(e), json_object_get(o, "text")));
            CHECK_AT(same_str(tro_evidence_path(e), json_object_get(o, "path")));
            CHECK_AT(same_str(tro_evidence_url(e), json_object_get(o, "url")));
            CHECK_AT(same_str(tro_evidence_why(e), json_object_get(o, "why")));
            CHECK_AT(same_int(tro_evidence_line(e), json_object_get(o, "line"), 0));
            CHECK_AT(same_int(tro_evidence_offset(e), json_object_get(o, "offset"), -1));
        }
        CHECK_AT(tro_report_evidence(r, k, json_array_size(ev)) == NULL);
        CHECK_AT(tro_report_reason_count(r, k) == json_array_size(rs));
        for (size_t i = 0; i < json_array_size(rs); i++)
            CHECK_AT(same_str(tro_report_reason(r, k, i), json_array_get(rs, i)));
        CHECK_AT(tro_report_reason(r, k, json_array_size(rs)) == NULL);
    }
}

static void licenses(const tro_report *r, const json_t *doc)
{
    const json_t *ls = json_object_get(doc, "licenses");
    CHECK_AT(tro_report_license_count(r) == json_array_size(ls));
    for (size_t i = 0; i < json_array_size(ls); i++) {
        const tro_statement *s = tro_report_license(r, i);
        const json_t *o = json_array_get(ls, i);
        CHECK_AT(same_str(tro_statement_source(s), json_object_get(o, "source")));
        CHECK_AT(same_str(tro_statement_path(s), json_object_get(o, "path")));
        CHECK_AT(same_str(tro_statement_text(s), json_object_get(o, "statement")));
        CHECK_AT(same_str(tro_statement_expression(s), json_object_get(o, "expression")));
        CHECK_AT(same_str(tro_license_category_name(tro_statement_category(s)),
                          json_object_get(o, "category")));
        CHECK_AT(same_bool(tro_statement_known(s), json_object_get(o, "known")));
        CHECK_AT(same_bool(tro_statement_free(s), json_object_get(o, "free")));
        CHECK_AT(same_bool(tro_statement_free_for_data(s), json_object_get(o, "free_for_data")));
        CHECK_AT(same_str(tro_statement_reason(s), json_object_get(o, "reason")));
        /* every licence it names appears in its expression */
        const char *ex = tro_statement_expression(s);
        CHECK_AT(ex || tro_statement_license_count(s) == 0);
        for (size_t k = 0; k < tro_statement_license_count(s); k++)
            CHECK_AT(ex && strstr(ex, tro_statement_license_id(s, k)));
    }
}

static void artifacts(const tro_report *r, const json_t *doc)
{
    const json_t *as = json_object_get(doc, "artifacts");
    CHECK_AT(tro_report_artifact_count(r) == json_array_size(as));
    for (size_t i = 0; i < json_array_size(as); i++) {
        const tro_judged_artifact *a = tro_report_artifact(r, i);
        const json_t *o = json_array_get(as, i);
        CHECK_AT(same_str(tro_judged_artifact_path(a), json_object_get(o, "path")));
        CHECK_AT(same_str(tro_type_name(tro_judged_artifact_type(a)), json_object_get(o, "type")));
        CHECK_AT(same_int((long long)tro_judged_artifact_size(a), json_object_get(o, "size"), -1));
        CHECK_AT(same_str(tro_judged_artifact_sha256(a), json_object_get(o, "sha256")));
        CHECK_AT(
            same_str(tro_judged_artifact_sha256_source(a), json_object_get(o, "sha256_source")));
    }
}

static void findings(const tro_report *r, const json_t *doc)
{
    const json_t *fs = json_object_get(doc, "findings");
    CHECK_AT(tro_report_finding_count(r) == json_array_size(fs));
    for (size_t i = 0; i < json_array_size(fs); i++) {
        const tro_judged_finding *f = tro_report_finding(r, i);
        const json_t *o = json_array_get(fs, i);
        CHECK_AT(same_str(tro_severity_name(tro_judged_finding_severity(f)),
                          json_object_get(o, "severity")));
        CHECK_AT(same_str(tro_judged_finding_code(f), json_object_get(o, "code")));
        CHECK_AT(same_str(tro_judged_finding_message(f), json_object_get(o, "message")));
        CHECK_AT(same_str(tro_judged_finding_path(f), json_object_get(o, "path")));
        CHECK_AT(same_int(tro_judged_finding_offset(f), json_object_get(o, "offset"), -1));
        const json_t *w = json_object_get(o, "waived");
        CHECK_AT(w ? same_bool(tro_judged_finding_waived(f), w) : !tro_judged_finding_waived(f));
        CHECK_AT(same_str(tro_judged_finding_waiver(f), json_object_get(o, "waiver")));
    }
    CHECK_AT(tro_report_finding(r, json_array_size(fs)) == NULL);
}

static void lineage(const tro_report *r, const json_t *doc)
{
    const json_t *ls = json_object_get(doc, "lineage");
    CHECK_AT(tro_report_lineage_count(r) == json_array_size(ls));
    for (size_t i = 0; i < json_array_size(ls); i++) {
        const tro_lineage_step *s = tro_report_lineage(r, i);
        const json_t *o = json_array_get(ls, i), *crit = json_object_get(o, "criteria");
        const json_t *lics = json_object_get(o, "licenses");
        CHECK_AT(same_str(tro_lineage_step_id(s), json_object_get(o, "id")));
        CHECK_AT(same_str(tro_lineage_step_relation(s), json_object_get(o, "relation")));
        CHECK_AT(same_int(tro_lineage_step_depth(s), json_object_get(o, "depth"), -1));
        CHECK_AT(same_bool(tro_lineage_step_resolved(s), json_object_get(o, "resolved")));
        CHECK_AT(same_str(tro_lineage_step_source(s), json_object_get(o, "source")));
        CHECK_AT(same_str(tro_lineage_step_verdict(s), json_object_get(o, "verdict")));
        CHECK_AT(tro_lineage_step_known(s) == (crit != NULL));
        for (int c = 0; crit && c < 3; c++)
            CHECK_AT(same_str(tro_status_name(tro_lineage_step_status(s, (tro_criterion)c)),
                              json_object_get(crit, tro_criterion_name((tro_criterion)c))));
        CHECK_AT(tro_lineage_step_license_count(s) == json_array_size(lics));
        for (size_t k = 0; k < json_array_size(lics); k++)
            CHECK_AT(same_str(tro_lineage_step_license(s, k), json_array_get(lics, k)));
    }
}

static void datasets(const tro_report *r, const json_t *doc)
{
    const json_t *ds = json_object_get(doc, "datasets");
    CHECK_AT(tro_report_dataset_count(r) == json_array_size(ds));
    for (size_t i = 0; i < json_array_size(ds); i++) {
        const tro_dataset *d = tro_report_dataset(r, i);
        const json_t *o = json_array_get(ds, i), *by = json_object_get(o, "declared_by");
        const json_t *free_ = json_object_get(o, "free_for_data");
        CHECK_AT(same_str(tro_dataset_id(d), json_object_get(o, "id")));
        CHECK_AT(tro_dataset_declared_by_count(d) == json_array_size(by));
        for (size_t k = 0; k < json_array_size(by); k++)
            CHECK_AT(same_str(tro_dataset_declared_by(d, k), json_array_get(by, k)));
        CHECK_AT(same_bool(tro_dataset_resolved(d), json_object_get(o, "resolved")));
        CHECK_AT(same_str(tro_dataset_source(d), json_object_get(o, "source")));
        CHECK_AT(same_str(tro_dataset_license(d), json_object_get(o, "license")));
        CHECK_AT(json_is_null(free_) ? tro_dataset_free_for_data(d) == -1
                                     : same_bool(tro_dataset_free_for_data(d), free_));
        CHECK_AT(same_str(tro_data_role_name(tro_dataset_role(d)), json_object_get(o, "role")));
    }
}

static void mof(const tro_report *r, const json_t *doc)
{
    const json_t *m = json_object_get(doc, "mof"), *cls = json_object_get(m, "class");
    const json_t *prog = json_object_get(m, "progress"), *cs = json_object_get(m, "components");
    const json_t *ev = json_object_get(m, "evidence_components");
    CHECK_AT(json_is_null(cls) ? tro_report_mof_class(r) == -1
                               : same_int(tro_report_mof_class(r), cls, -2));
    CHECK_AT(same_str(tro_report_mof_label(r), json_object_get(m, "label")));
    CHECK_AT(same_str(tro_report_mof_path(r), json_object_get(m, "path")));
    static const char *const names[] = {"1", "2", "3"};
    for (int c = 1; c <= 3; c++)
        CHECK_AT(json_is_null(prog) ? tro_report_mof_progress(r, c) == -1.0
                                    : tro_report_mof_progress(r, c) ==
                                          json_number_value(json_object_get(prog, names[c - 1])));
    CHECK_AT(tro_report_mof_progress(r, 4) == -1.0);
    CHECK_AT(tro_report_mof_component_count(r) == json_array_size(cs));
    for (size_t i = 0; i < json_array_size(cs); i++) {
        const tro_mof_component *c = tro_report_mof_component(r, i);
        const json_t *o = json_array_get(cs, i);
        CHECK_AT(same_str(tro_mof_component_name(c), json_object_get(o, "name")));
        CHECK_AT(same_int(tro_mof_component_class(c), json_object_get(o, "class"), -1));
        CHECK_AT(same_str(tro_mof_component_content_type(c), json_object_get(o, "content_type")));
        CHECK_AT(same_bool(tro_mof_component_required(c), json_object_get(o, "required")));
        CHECK_AT(same_str(tro_mof_component_status(c), json_object_get(o, "status")));
        CHECK_AT(same_str(tro_mof_component_license(c), json_object_get(o, "license")));
    }
    CHECK_AT(tro_report_mof_evidence_count(r) == json_array_size(ev));
    for (size_t i = 0; i < json_array_size(ev); i++)
        CHECK_AT(same_str(tro_report_mof_evidence(r, i), json_array_get(ev, i)));
    CHECK_AT(tro_report_mof_evidence(r, json_array_size(ev)) == NULL);
}

static void rest(const tro_report *r, const json_t *doc)
{
    const json_t *rel = json_object_get(doc, "release"), *tp = json_object_get(doc, "to_pass");
    const json_t *pol = json_object_get(doc, "policy");
    CHECK_AT(same_str(tro_report_release_name(r), json_object_get(rel, "name")));
    CHECK_AT(same_str(tro_report_card_path(r), json_object_get(rel, "card")));
    CHECK_AT(same_str(tro_report_verdict(r), json_object_get(doc, "verdict")));
    CHECK_AT(tro_report_to_pass_count(r) == json_array_size(tp));
    for (size_t i = 0; i < json_array_size(tp); i++)
        CHECK_AT(same_str(tro_report_to_pass(r, i), json_array_get(tp, i)));
    if (!pol) {
        CHECK_AT(tro_report_policy_passed(r) == -1);
        CHECK_AT(tro_report_policy_failure_count(r) == 0);
        return;
    }
    const json_t *fl = json_object_get(pol, "failures");
    CHECK_AT(same_bool(tro_report_policy_passed(r), json_object_get(pol, "passed")));
    CHECK_AT(tro_report_policy_failure_count(r) == json_array_size(fl));
    for (size_t i = 0; i < json_array_size(fl); i++)
        CHECK_AT(same_str(tro_report_policy_failure(r, i), json_array_get(fl, i)));
}

/* The document of r rendered with flags, parsed (never NULL). */
static json_t *document(const tro_report *r, unsigned flags, size_t *lines)
{
    char *text = NULL;
    size_t len = 0;
    json_error_t e;
    CHECK_AT(tro_report_json_flags(r, flags, &text, &len) == TRO_OK);
    json_t *doc = text ? json_loadb(text, len, 0, &e) : NULL;
    CHECK_AT(doc != NULL);
    if (lines) {
        *lines = 0;
        for (size_t i = 0; text && i < len; i++)
            *lines += text[i] == '\n';
    }
    tro_free(text);
    return doc ? doc : json_object();
}

/* Every part of r against its document, and the rendering options that
 * keep the document's content. */
static void compare(const tro_report *r)
{
    size_t lines, compact_lines;
    json_t *doc = document(r, 0, &lines);
    json_t *compact = document(r, TRO_RENDER_COMPACT, &compact_lines);
    json_t *bare = document(r, TRO_RENDER_COMPACT | TRO_RENDER_NO_ARTIFACTS, NULL);
    criteria(r, doc);
    licenses(r, doc);
    artifacts(r, doc);
    findings(r, doc);
    lineage(r, doc);
    datasets(r, doc);
    mof(r, doc);
    rest(r, doc);
    CHECK_AT(lines > 10 && compact_lines == 1);
    CHECK_AT(json_equal(doc, compact));
    CHECK_AT(!json_object_get(bare, "artifacts"));
    json_object_del(compact, "artifacts");
    CHECK_AT(json_equal(bare, compact));
    json_decref(doc);
    json_decref(compact);
    json_decref(bare);
}

/* ---- The suite's releases -------------------------------------------------------- */

static int check_path(tro_ctx *ctx, tro_catalog *cat, const char *path, tro_report **out)
{
    tro_release *rel = NULL;
    tro_check_options o = TRO_CHECK_OPTIONS_INIT;
    tro_error err;
    o.catalog = cat;
    int rc = tro_scan(ctx, path, &rel, &err);
    if (!rc)
        rc = tro_check(ctx, rel, &o, out, &err);
    tro_release_free(rel);
    return rc;
}

static int suite(tro_ctx *ctx)
{
    char dir[4096], catdir[4096], path[8448];
    const char *top = getenv("top_srcdir");
    snprintf(dir, sizeof dir, "%s/tests/data/check/cases", top ? top : ".");
    snprintf(catdir, sizeof catdir, "%s/tests/data/check/catalog", top ? top : ".");
    const char *dirs[] = {catdir};
    tro_catalog *cat = NULL;
    DIR *d = opendir(dir);
    CHECK(d != NULL && tro_catalog_new(&cat, ctx, dirs, 1, NULL) == TRO_OK);
    int n = 0;
    struct dirent *e;
    while (d && cat && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s/release", dir, e->d_name);
        tro_report *r = NULL;
        where = e->d_name;
        CHECK_AT(check_path(ctx, cat, path, &r) == TRO_OK);
        if (!r)
            continue;
        compare(r); /* no policy yet */
        CHECK_AT(tro_report_apply_policy(r, NULL) >= 0);
        compare(r);
        tro_report_free(r);
        n++;
    }
    if (d)
        closedir(d);
    tro_catalog_free(cat);
    return n;
}

/* ---- What the document does not show ---------------------------------------------- */

static tro_report *from_card(tro_ctx *ctx, const char *card)
{
    tro_release *rel = NULL;
    tro_report *r = NULL;
    CHECK(tro_release_new(&rel, ctx, "mem") == TRO_OK);
    CHECK(tro_release_add_buffer(rel, "README.md", card, strlen(card)) == TRO_OK);
    CHECK(tro_check(ctx, rel, NULL, &r, NULL) == TRO_OK);
    tro_release_free(rel); /* the report borrows nothing from it */
    return r;
}

static void expression_licences(tro_ctx *ctx)
{
    tro_report *r = from_card(ctx, "---\nlicense: apache-2.0 OR mit OR apache-2.0\n---\n# M\n");
    where = "expression";
    CHECK_INT(tro_report_license_count(r), 1);
    const tro_statement *s = tro_report_license(r, 0);
    CHECK_STR(tro_statement_expression(s), "Apache-2.0 OR MIT OR Apache-2.0");
    CHECK_INT(tro_statement_license_count(s), 2); /* distinct, in order */
    CHECK_STR(tro_statement_license_id(s, 0), "Apache-2.0");
    CHECK_STR(tro_statement_license_id(s, 1), "MIT");
    CHECK_STR(tro_statement_license_name(s, 0), "Apache License 2.0");
    CHECK_INT(tro_statement_license_category(s, 1), TRO_LICENSE_PERMISSIVE);
    CHECK(tro_statement_license_flags(s, 1) & TRO_LICENSE_FREE);
    CHECK(tro_statement_license_flags(s, 0) & TRO_LICENSE_OSI_APPROVED);
    CHECK(tro_statement_license_reason(s, 0) && *tro_statement_license_reason(s, 0));
    CHECK(tro_statement_license_id(s, 2) == NULL);
    CHECK(tro_statement_license_name(s, 2) == NULL);
    CHECK_INT(tro_statement_license_category(s, 2), TRO_LICENSE_UNKNOWN);
    CHECK_INT(tro_statement_license_flags(s, 2), 0);
    CHECK_INT(tro_statement_category(s), TRO_LICENSE_PERMISSIVE);
    CHECK(tro_statement_known(s) && tro_statement_free(s));
    compare(r);
    tro_report_free(r);

    /* restricted, and a name nobody knows: no expression, no licences */
    r = from_card(ctx, "---\nlicense: llama2\n---\n# M\n");
    s = tro_report_license(r, 0);
    CHECK_INT(tro_statement_category(s), TRO_LICENSE_USE_RESTRICTED);
    CHECK(!tro_statement_free(s));
    CHECK_INT(tro_statement_license_count(s), 1);
    CHECK_INT(tro_statement_license_category(s, 0), TRO_LICENSE_USE_RESTRICTED);
    CHECK(!(tro_statement_license_flags(s, 0) & TRO_LICENSE_FREE));
    CHECK(tro_report_to_pass_count(r) > 0);
    compare(r);
    tro_report_free(r);
    r = from_card(ctx, "---\nlicense: other\nlicense_name: acme-terms-9\n---\n# M\n");
    for (size_t i = 0; i < tro_report_license_count(r); i++)
        if (!tro_statement_known(tro_report_license(r, i)))
            CHECK_INT(tro_statement_category(tro_report_license(r, i)), TRO_LICENSE_UNKNOWN);
    compare(r);
    tro_report_free(r);
}

static void policy_replaced(tro_ctx *ctx)
{
    tro_report *r = from_card(ctx, "---\nlicense: llama2\n---\n# M\n");
    tro_policy *lax = NULL;
    static const char lax_json[] = "{\"format\": \"trulyopen-policy\", \"format_version\": 1}";
    where = "policy";
    CHECK(tro_policy_new(&lax, lax_json, sizeof lax_json - 1, NULL) == TRO_OK);
    CHECK_INT(tro_report_policy_passed(r), -1);
    CHECK(tro_report_policy_failure(r, 0) == NULL);
    CHECK_INT(tro_report_apply_policy(r, NULL), 0);
    CHECK_INT(tro_report_policy_passed(r), 0);
    CHECK(tro_report_policy_failure_count(r) > 0);
    CHECK(tro_report_policy_failure(r, 0) != NULL);
    compare(r);
    CHECK_INT(tro_report_apply_policy(r, lax), 1);
    CHECK_INT(tro_report_policy_passed(r), 1);
    CHECK_INT(tro_report_policy_failure_count(r), 0);
    compare(r);
    tro_policy_free(lax);
    tro_report_free(r);
}

/* Parts no release of the suite has: the record filled in by hand. */
static void synthetic(void)
{
    trt_rep d = {
        .card = "README.md",
        .criteria = trt_statuses("pass", "partial", "fail"),
        .findings = json_pack(
            "[o, o]", trt_finding("error", "pickle-dangerous-global", "model.bin", 77, "runs code"),
            trt_finding("info", "lfs-pointer", "", -1, "absent")),
        .artifacts = json_pack("[{s:s, s:s, s:i, s:s}, {s:s, s:s, s:i},"
                               " {s:s, s:s, s:i, s:s, s:s}]",
                               "path", "model.bin", "type", "pytorch", "size", 1234, "sha256",
                               "ab12", "path", "README.md", "type", "model-card", "size", 10,
                               "path", "model.safetensors", "type", "safetensors", "size", 99,
                               "sha256", "cd34", "sha256_source", "hub-lfs"),
        .mof_class = 2};
    tro_report *r = trt_report(&d);
    trop_judgement *jd = r->jd;
    where = "synthetic";
    trop_crit *uf = &jd->crit[TRO_CRITERION_USE_FREEDOM];
    CHECK(trop_evidence_add(uf, "license", "card licence", "README.md", "https://x.test/l", 3,
                            -1) == 0);
    CHECK(trop_arena_cstr(&uf->texts, "the card states it", &uf->ev.v[0].why));
    jd->rfindings.v[0].waived = true;
    CHECK(trop_arena_cstr(&jd->rfindings.texts, "reviewed by hand", &jd->rfindings.v[0].waiver));
    jd->rfindings.v[1].line = 4;
    jd->mof.progress[1] = 62.5;
    CHECK(trop_arena_cstr(&jd->mof.texts, "mof.yaml", &jd->mof.path));

    CHECK_STR(tro_evidence_why(tro_report_evidence(r, TRO_CRITERION_USE_FREEDOM, 0)),
              "the card states it");
    CHECK_INT(tro_evidence_line(tro_report_evidence(r, TRO_CRITERION_USE_FREEDOM, 0)), 3);
    const tro_judged_finding *f = tro_report_finding(r, 0);
    CHECK(tro_judged_finding_waived(f));
    CHECK_STR(tro_judged_finding_waiver(f), "reviewed by hand");
    CHECK_INT(tro_judged_finding_offset(f), 77);
    CHECK_INT(tro_judged_finding_line(tro_report_finding(r, 1)), 4);
    CHECK(!tro_judged_finding_waived(tro_report_finding(r, 1)));
    CHECK(tro_judged_finding_waiver(tro_report_finding(r, 1)) == NULL);
    CHECK_STR(tro_judged_artifact_sha256_source(tro_report_artifact(r, 0)), "computed");
    CHECK(tro_judged_artifact_sha256_source(tro_report_artifact(r, 1)) == NULL);
    CHECK(tro_judged_artifact_sha256(tro_report_artifact(r, 1)) == NULL);
    CHECK_STR(tro_judged_artifact_sha256_source(tro_report_artifact(r, 2)), "hub-lfs");
    CHECK_INT(tro_report_mof_class(r), 2);
    CHECK(tro_report_mof_progress(r, 2) == 62.5);
    CHECK_STR(tro_report_mof_path(r), "mof.yaml");
    CHECK_STR(tro_report_card_path(r), "README.md");
    compare(r);
    tro_report_free(r);
}

/* Every accessor takes NULL, and indexes out of range give NULL. */
static void null_safe(void)
{
    where = "NULL";
    CHECK(!tro_report_release_name(NULL) && !tro_report_card_path(NULL));
    CHECK(!tro_report_evidence_count(NULL, TRO_CRITERION_USE_FREEDOM));
    CHECK(!tro_report_evidence(NULL, TRO_CRITERION_USE_FREEDOM, 0));
    CHECK(!tro_evidence_kind(NULL) && !tro_evidence_text(NULL) && !tro_evidence_path(NULL));
    CHECK(!tro_evidence_url(NULL) && !tro_evidence_why(NULL));
    CHECK(tro_evidence_line(NULL) == 0 && tro_evidence_offset(NULL) == -1);
    CHECK(!tro_report_reason_count(NULL, 0) && !tro_report_reason(NULL, 0, 0));
    CHECK(!tro_report_license_count(NULL) && !tro_report_license(NULL, 0));
    CHECK(!tro_statement_source(NULL) && !tro_statement_path(NULL) && !tro_statement_text(NULL));
    CHECK(!tro_statement_expression(NULL) && !tro_statement_reason(NULL));
    CHECK(tro_statement_category(NULL) == TRO_LICENSE_UNKNOWN);
    CHECK(!tro_statement_known(NULL) && !tro_statement_free(NULL));
    CHECK(!tro_statement_free_for_data(NULL) && !tro_statement_license_count(NULL));
    CHECK(!tro_statement_license_id(NULL, 0) && !tro_statement_license_name(NULL, 0));
    CHECK(!tro_statement_license_flags(NULL, 0) && !tro_statement_license_reason(NULL, 0));
    CHECK(!tro_report_finding_count(NULL) && !tro_report_finding(NULL, 0));
    CHECK(tro_judged_finding_severity(NULL) == TRO_SEVERITY_INFO);
    CHECK(!tro_judged_finding_code(NULL) && !tro_judged_finding_message(NULL));
    CHECK(!tro_judged_finding_path(NULL) && tro_judged_finding_offset(NULL) == -1);
    CHECK(!tro_judged_finding_line(NULL) && !tro_judged_finding_waived(NULL));
    CHECK(!tro_judged_finding_waiver(NULL));
    CHECK(!tro_report_artifact_count(NULL) && !tro_report_artifact(NULL, 0));
    CHECK(!tro_judged_artifact_path(NULL) && !tro_judged_artifact_sha256(NULL));
    CHECK(!tro_judged_artifact_sha256_source(NULL) && !tro_judged_artifact_size(NULL));
    CHECK(tro_judged_artifact_type(NULL) == TRO_TYPE_OTHER);
    CHECK(!tro_report_lineage_count(NULL) && !tro_report_lineage(NULL, 0));
    CHECK(!tro_lineage_step_id(NULL) && !tro_lineage_step_relation(NULL));
    CHECK(!tro_lineage_step_depth(NULL) && !tro_lineage_step_resolved(NULL));
    CHECK(!tro_lineage_step_source(NULL) && !tro_lineage_step_known(NULL));
    CHECK(tro_lineage_step_status(NULL, 0) == TRO_STATUS_UNKNOWN);
    CHECK(!tro_lineage_step_verdict(NULL) && !tro_lineage_step_license_count(NULL));
    CHECK(!tro_lineage_step_license(NULL, 0));
    CHECK(!tro_report_dataset_count(NULL) && !tro_report_dataset(NULL, 0));
    CHECK(!tro_dataset_id(NULL) && !tro_dataset_declared_by_count(NULL));
    CHECK(!tro_dataset_declared_by(NULL, 0) && !tro_dataset_resolved(NULL));
    CHECK(!tro_dataset_source(NULL) && !tro_dataset_license(NULL));
    CHECK(tro_dataset_free_for_data(NULL) == -1 && tro_dataset_role(NULL) == TRO_ROLE_TRAINING);
    CHECK_STR(tro_data_role_name(TRO_ROLE_EVALUATION), "evaluation");
    CHECK_STR(tro_data_role_name(TRO_ROLE_TRAINING), "training");
    CHECK_STR(tro_data_role_name(TRO_ROLE_FINE_TUNING), "fine-tuning");
    CHECK_STR(tro_data_role_name(TRO_ROLE_BASE), "base");
    CHECK(!tro_report_mof_label(NULL) && !tro_report_mof_path(NULL));
    CHECK(tro_report_mof_progress(NULL, 1) == -1.0 && tro_report_mof_class(NULL) == -1);
    CHECK(!tro_report_mof_component_count(NULL) && !tro_report_mof_component(NULL, 0));
    CHECK(!tro_mof_component_name(NULL) && !tro_mof_component_class(NULL));
    CHECK(!tro_mof_component_content_type(NULL) && !tro_mof_component_required(NULL));
    CHECK(!tro_mof_component_status(NULL) && !tro_mof_component_license(NULL));
    CHECK(!tro_report_mof_evidence_count(NULL) && !tro_report_mof_evidence(NULL, 0));
    CHECK(!tro_report_to_pass_count(NULL) && !tro_report_to_pass(NULL, 0));
    CHECK(tro_report_policy_passed(NULL) == -1 && !tro_report_policy_failure_count(NULL));
    CHECK(!tro_report_policy_failure(NULL, 0));
}

static void render_options(tro_ctx *ctx)
{
    tro_report *r = from_card(ctx, "---\nlicense: mit\n---\n# M\n");
    tro_render_options o = TRO_RENDER_OPTIONS_INIT;
    char *out = (char *)"x";
    size_t len = 7;
    where = "render";
    /* refused: flags a format does not have, unknown formats and versions */
    static const struct {
        int format;
        unsigned flags;
        int rc;
    } bad[] = {
        {TRO_FORMAT_JSON, TRO_RENDER_COLOR, TRO_EINVAL},
        {TRO_FORMAT_SARIF, TRO_RENDER_COLOR, TRO_EINVAL},
        {TRO_FORMAT_TEXT, TRO_RENDER_COMPACT, TRO_EINVAL},
        {TRO_FORMAT_JSON, 1u << 9, TRO_EINVAL},
        {TRO_FORMAT_CYCLONEDX, TRO_RENDER_COLOR, TRO_EINVAL},
        {TRO_FORMAT_SPDX, TRO_RENDER_COLOR, TRO_EINVAL},
        {TRO_FORMAT_SHIELDS + 1, 0, TRO_EINVAL},
        {99, 0, TRO_EINVAL},
        {-1, 0, TRO_EINVAL},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        o.format = (tro_format)bad[i].format;
        o.flags = bad[i].flags;
        CHECK_INT(tro_report_render(r, &o, &out, &len), bad[i].rc);
        CHECK(out == NULL && len == 0);
    }
    o = (tro_render_options)TRO_RENDER_OPTIONS_INIT;
    o.version = TRO_RENDER_OPTIONS_VERSION + 1;
    CHECK_INT(tro_report_render(r, &o, &out, NULL), TRO_EVERSION);
    o.version = 0;
    CHECK_INT(tro_report_render(r, &o, &out, NULL), TRO_EVERSION);
    CHECK_INT(tro_report_render(NULL, NULL, &out, NULL), TRO_EINVAL);
    CHECK_INT(tro_report_render(r, NULL, NULL, NULL), TRO_EINVAL);
    CHECK_INT(tro_report_json_flags(r, TRO_RENDER_COLOR, &out, NULL), TRO_EINVAL);

    /* NULL options and the older entry points give what they always gave */
    char *a = NULL, *b = NULL;
    CHECK_INT(tro_report_render(r, NULL, &a, NULL), TRO_OK);
    CHECK_INT(tro_report_json(r, &b, NULL), TRO_OK);
    CHECK(a && b && !strcmp(a, b) && strchr(a, '\n') != strrchr(a, '\n'));
    tro_free(a);
    tro_free(b);
    static const struct {
        tro_format format;
        unsigned flags;
        const char *has, *lacks;
    } good[] = {
        {TRO_FORMAT_SARIF, TRO_RENDER_COMPACT, "\"version\":\"2.1.0\"", "\n  "},
        {TRO_FORMAT_SARIF, TRO_RENDER_NO_ARTIFACTS, "\"results\"", "\"hashes\""},
        {TRO_FORMAT_SARIF, 0, "\"hashes\"", "\033["},
        {TRO_FORMAT_TEXT, TRO_RENDER_COLOR, "\033[", "\"format\""},
        {TRO_FORMAT_TEXT, TRO_RENDER_NO_ARTIFACTS, "use freedom", "\033["},
        {TRO_FORMAT_JSON, TRO_RENDER_NO_ARTIFACTS, "\"findings\": [", "\"artifacts\""},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        o.version = TRO_RENDER_OPTIONS_VERSION;
        o.format = good[i].format;
        o.flags = good[i].flags;
        CHECK_INT(tro_report_render(r, &o, &a, &len), TRO_OK);
        CHECK(a && strlen(a) == len);
        CHECK_CONTAINS(a, good[i].has);
        CHECK(a && !strstr(a, good[i].lacks));
        tro_free(a);
    }
    CHECK_INT(tro_report_text(r, TRO_TEXT_COLOR, &a, NULL), TRO_OK);
    CHECK_CONTAINS(a, "\033[");
    tro_free(a);
    CHECK_INT(tro_report_sarif(r, &a, NULL), TRO_OK);
    CHECK_CONTAINS(a, "\"hashes\"");
    tro_free(a);
    tro_report_free(r);
}

TRO_TEST(access)
{
    tro_ctx *ctx = NULL;
    if (tro_ctx_new(&ctx, NULL, NULL) != TRO_OK)
        TRO_FAIL("tro_ctx_new");
    int n = suite(ctx);
    CHECK(n >= 20); /* the suite's releases were found */
    expression_licences(ctx);
    policy_replaced(ctx);
    synthetic();
    null_safe();
    render_options(ctx);
    tro_ctx_free(ctx);
    printf("test_access: %d releases of the check suite compared\n", n);
}

/*
 * tro_check(): judges a release and builds its report. The release is judged
 * by its card (the root README.md, else its only card, else the first card
 * at its top level), the artifacts it ships, and through lineage the base
 * models it names; see the files of each criterion for the rules.
 */
#include "judge.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DEFAULT_LINEAGE_DEPTH 8u

static bool is_card(const tro_artifact *a)
{
    return a->type == TRO_TYPE_MODEL_CARD || a->type == TRO_TYPE_MARKDOWN;
}

/* Front matter keys that only dataset cards (or only model cards) use. */
bool trop_card_is_dataset(const tro_artifact *card)
{
    static const char *const dataset_keys[] = {"task_categories",
                                               "task_ids",
                                               "size_categories",
                                               "source_datasets",
                                               "annotations_creators",
                                               "language_creators",
                                               "multilinguality",
                                               "dataset_info",
                                               "pretty_name",
                                               "configs",
                                               NULL};
    static const char *const model_keys[] = {"base_model",  "library_name", "pipeline_tag",
                                             "model-index", "model_name",   NULL};
    const json_t *fm = json_object_get(card->meta, "front_matter");
    if (!json_is_object(fm))
        return false;
    bool data = false;
    for (const char *const *k = model_keys; *k; k++)
        if (json_object_get(fm, *k))
            return false;
    for (const char *const *k = dataset_keys; *k && !data; k++)
        data = json_object_get(fm, *k) != NULL;
    return data;
}

const tro_artifact *trop_release_card(const tro_release *rel, bool *dataset)
{
    const tro_artifact *card = NULL, *top = NULL, *any = NULL;
    size_t cards = 0;
    for (size_t i = 0; i < rel->n; i++) {
        const tro_artifact *a = rel->arts[i];
        if (!is_card(a))
            continue;
        cards++;
        bool root = !strchr(a->path, '/');
        if (root && (!strcasecmp(a->path, "README.md") || !strcasecmp(a->path, "README.markdown")))
            card = a;
        if (root && !top && a->type == TRO_TYPE_MODEL_CARD)
            top = a;
        if (!any && a->type == TRO_TYPE_MODEL_CARD)
            any = a;
    }
    if (!card && cards == 1)
        for (size_t i = 0; i < rel->n && !card; i++)
            if (is_card(rel->arts[i]))
                card = rel->arts[i];
    if (!card)
        card = top ? top : any;
    *dataset = card && trop_card_is_dataset(card);
    return card;
}

int trop_judge_release(trop_judge *j, const tro_release *rel, trop_judgement *out)
{
    int rc = trop_release_finish((tro_release *)rel);
    if (rc || (rc = trop_judgement_init(out, rel)))
        return rc;
    out->card = trop_release_card(rel, &out->dataset);
    if (!(rc = trop_card_links(out)) && !(rc = trop_judge_use(j, out)) &&
        !(rc = trop_judge_method(j, out)) && !(rc = trop_judge_data(j, out)) &&
        !(rc = trop_judge_lineage(j, out)))
        rc = trop_judge_mof_evidence(out);
    if (rc)
        trop_judgement_clear(out);
    return rc;
}

/* ---- the report document ------------------------------------------------------------ */

static json_t *criteria_json(trop_judgement *jd)
{
    json_t *o = json_object();
    for (int i = 0; o && i < 3; i++) {
        trop_crit *c = &jd->crit[i];
        json_t *v = json_object();
        if (!v || json_object_set_new_nocheck(o, tro_criterion_name((tro_criterion)i), v) ||
            json_object_set_new_nocheck(v, "status",
                                        json_string_nocheck(tro_status_name(c->status))) ||
            json_object_set_nocheck(v, "evidence", c->evidence) ||
            json_object_set_nocheck(v, "reasons", c->reasons)) {
            json_decref(o);
            return NULL;
        }
    }
    return o;
}

static json_t *artifacts_json(const tro_release *rel)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < rel->n; i++) {
        const tro_artifact *a = rel->arts[i];
        json_t *o = json_object();
        if (!o || json_array_append_new(arr, o) ||
            json_object_set_new_nocheck(o, "path", trop_jtext(a->path)) ||
            json_object_set_new_nocheck(o, "type", json_string_nocheck(tro_type_name(a->type))) ||
            json_object_set_new_nocheck(o, "size", json_integer((json_int_t)a->size)) ||
            json_object_set_new_nocheck(o, "sha256",
                                        a->hashed ? json_string_nocheck(a->sha256) : json_null())) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

/* The release's findings, then the judge's. */
static json_t *findings_json(const tro_release *rel, json_t *own)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < rel->findings.n; i++) {
        const tro_finding *f = &rel->findings.v[i];
        json_t *o = json_object();
        int bad = !o || json_array_append_new(arr, o);
        bad = bad || json_object_set_new_nocheck(
                         o, "severity", json_string_nocheck(tro_severity_name(f->severity)));
        bad = bad || json_object_set_new_nocheck(o, "code", trop_jtext(f->code));
        bad = bad || json_object_set_new_nocheck(o, "message", trop_jtext(f->message));
        bad = bad || json_object_set_new_nocheck(o, "path", trop_jtext(f->path));
        if (!bad && f->offset >= 0)
            bad = json_object_set_new_nocheck(o, "offset", json_integer(f->offset));
        if (bad) {
            json_decref(arr);
            return NULL;
        }
    }
    if (arr && json_array_extend(arr, own)) {
        json_decref(arr);
        return NULL;
    }
    return arr;
}

static json_t *mof_json(const tro_release *rel, trop_judgement *jd, int *cls)
{
    *cls = -1;
    for (size_t i = 0; i < rel->n; i++) {
        if (rel->arts[i]->type != TRO_TYPE_MOF)
            continue;
        json_t *m = NULL;
        if (trop_mof_classify(rel->arts[i]->meta, trop_mof_license_open, NULL, &m))
            return NULL;
        *cls = (int)json_integer_value(json_object_get(m, "class"));
        if (json_object_set_new_nocheck(m, "path", json_string(rel->arts[i]->path)) ||
            json_object_set_nocheck(m, "evidence_components", jd->mof_evidence)) {
            json_decref(m);
            return NULL;
        }
        return m;
    }
    json_t *m = json_object();
    if (!m || json_object_set_new_nocheck(m, "class", json_null()) ||
        json_object_set_new_nocheck(m, "label", json_null()) ||
        json_object_set_new_nocheck(m, "progress", json_null()) ||
        json_object_set_new_nocheck(m, "components", json_array()) ||
        json_object_set_nocheck(m, "evidence_components", jd->mof_evidence)) {
        json_decref(m);
        return NULL;
    }
    return m;
}

static int build(tro_report *r, const tro_release *rel, trop_judgement *jd)
{
    json_t *doc = r->doc, *findings = findings_json(rel, jd->findings);
    int rc = findings ? trop_judge_to_pass(jd, findings) : TRO_ENOMEM;
    for (int i = 0; i < 3; i++)
        r->status[i] = jd->crit[i].status;
    json_t *release = json_object();
    if (release && (json_object_set_new_nocheck(release, "name", trop_jtext(rel->name)) ||
                    json_object_set_new_nocheck(
                        release, "card", jd->card ? trop_jtext(jd->card->path) : json_null()))) {
        json_decref(release);
        release = NULL;
    }
    if (rc || !release || json_object_set_new_nocheck(doc, "release", release) ||
        json_object_set_new_nocheck(doc, "verdict", json_string_nocheck(tro_report_verdict(r))) ||
        json_object_set_new_nocheck(doc, "criteria", criteria_json(jd)) ||
        json_object_set_nocheck(doc, "licenses", jd->licenses) ||
        json_object_set_new_nocheck(doc, "artifacts", artifacts_json(rel)) ||
        json_object_set_nocheck(doc, "findings", findings) ||
        json_object_set_nocheck(doc, "lineage", jd->lineage) ||
        json_object_set_nocheck(doc, "datasets", jd->datasets) ||
        json_object_set_new_nocheck(doc, "mof", mof_json(rel, jd, &r->mof_class)) ||
        json_object_set_nocheck(doc, "to_pass", jd->to_pass))
        rc = TRO_ENOMEM;
    json_decref(findings);
    return rc;
}

int tro_check(tro_ctx *ctx, const tro_release *rel, const tro_check_options *opts, tro_report **out,
              tro_error *err)
{
    static const tro_check_options defaults = TRO_CHECK_OPTIONS_INIT;
    if (out)
        *out = NULL;
    if (err)
        err->code = 0;
    if (!ctx || !rel || !out)
        return trop_error_set(err, TRO_EINVAL, -1, "check: ctx, release and out are required");
    if (!opts)
        opts = &defaults;
    if (opts->version != TRO_CHECK_OPTIONS_VERSION)
        return trop_error_set(err, TRO_EVERSION, -1, "check: options version %u is not %u",
                              opts->version, TRO_CHECK_OPTIONS_VERSION);
    trop_judge j = {.ctx = ctx,
                    .cat = opts->catalog,
                    .resolve = opts->resolve,
                    .resolve_ud = opts->resolve_userdata,
                    .err = err,
                    .max_depth =
                        opts->max_lineage_depth ? opts->max_lineage_depth : DEFAULT_LINEAGE_DEPTH};
    if (j.max_depth > TROP_MAX_LINEAGE_DEPTH)
        j.max_depth = TROP_MAX_LINEAGE_DEPTH;
    trop_judgement jd;
    tro_report *r = NULL;
    int rc = trop_judge_release(&j, rel, &jd);
    if (rc)
        goto done;
    r = trop_report_new();
    rc = r ? build(r, rel, &jd) : TRO_ENOMEM;
    trop_judgement_clear(&jd);
done:
    trop_memo_free(j.memo);
    if (rc) {
        tro_report_free(r);
        if (err && err->code != rc)
            trop_error_set(err, rc, -1, "check: %s", tro_strerror(rc));
        return rc;
    }
    *out = r;
    return 0;
}

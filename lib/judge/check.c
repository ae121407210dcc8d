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
    for (size_t i = 0; !rc && i < j.notes.n; i++) {
        const tro_finding *f = &j.notes.v[i];
        rc = trop_judge_finding(&jd, f->severity, f->code, f->path, "%s", f->message);
    }
    if (rc) {
        trop_judgement_clear(&jd);
        goto done;
    }
    int mof_class;
    trop_pending *p;
    rc = trop_pending_new(&p, rel, &jd, &mof_class);
    if (!rc && !(r = trop_report_new_pending(p)))
        rc = TRO_ENOMEM;
    if (!rc) {
        for (int i = 0; i < 3; i++)
            r->status[i] = jd.crit[i].status;
        r->mof_class = mof_class;
    }
    trop_judgement_clear(&jd);
done:
    trop_memo_free(j.memo);
    trop_findings_clear(&j.notes);
    if (rc) {
        tro_report_free(r);
        if (err && err->code != rc)
            trop_error_set(err, rc, -1, "check: %s", tro_strerror(rc));
        return rc;
    }
    *out = r;
    return 0;
}

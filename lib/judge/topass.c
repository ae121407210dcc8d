/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * "What would make the release pass": one concrete step per problem, read
 * back from a judgement (licences, datasets, lineage, criteria flags) and
 * its error findings, in the order of the criteria. Computed once, when the
 * report is made (lib/report/index.c).
 */
#include "judge.h"

#include <string.h>

#define MAX_ERROR_STEPS 10

typedef struct steps {
    trop_strs *out;
    trop_arena *texts;
} steps;

static int add(steps *s, const char *fmt, ...) TROP_PRINTF(2, 3);
static int add(steps *s, const char *fmt, ...)
{
    trop_str *t = trop_vec_add(s->out);
    if (!t)
        return TRO_ENOMEM;
    va_list ap;
    va_start(ap, fmt);
    bool ok = trop_arena_vfmt(s->texts, t, fmt, ap);
    va_end(ap);
    if (!ok) {
        s->out->n--;
        return TRO_ENOMEM;
    }
    return 0;
}

static int use_steps(const trop_judgement *jd, steps *s)
{
    int rc = 0;
    for (size_t k = 0; k < jd->licenses.n && !rc; k++) {
        const trop_licstmt *lic = &jd->licenses.v[k];
        if (lic->known && !lic->free)
            rc = add(s,
                     "Release the model under a free licence: the %s licence %s (%s) is %s",
                     lic->source, lic->expression.s, lic->path.s, lic->category);
        else if (!lic->known)
            rc = add(s,
                     "State a recognised licence instead of '%s' (%s), e.g. an SPDX id such "
                     "as Apache-2.0 or MIT",
                     lic->statement.s, lic->path.s);
    }
    if (!rc && !jd->licenses.n && jd->own_use != TRO_STATUS_PASS)
        rc = add(s, "State the licence: a license: field in the card's front matter, or a "
                    "LICENSE file");
    for (size_t i = 0; i < jd->lineage.n && !rc; i++) {
        const trop_step *l = &jd->lineage.v[i];
        if (l->depth != 1)
            continue;
        if (!l->resolved && !l->source.s)
            rc = add(s,
                     "Make the base model %s resolvable: --catalog DIR with DIR/models/%s/ "
                     "holding its card",
                     l->id.s, l->id.s);
        else if (l->known && l->status[TRO_CRITERION_USE_FREEDOM] == TRO_STATUS_FAIL)
            rc = add(s, "Build on a base model under a free licence: %s is not free", l->id.s);
    }
    return rc;
}

/* Resolved bases of the release that do not pass criterion c. */
static int base_steps(const trop_judgement *jd, steps *s, tro_criterion c, const char *what)
{
    int rc = 0;
    for (size_t i = 0; i < jd->lineage.n && !rc; i++) {
        const trop_step *l = &jd->lineage.v[i];
        if (l->depth == 1 && l->known && l->resolved && l->status[c] != TRO_STATUS_PASS)
            rc = add(s, "The base model %s does not pass %s", l->id.s, what);
    }
    return rc;
}

static int method_steps(const trop_judgement *jd, steps *s)
{
    int rc = 0;
    if (!jd->has_code)
        rc = add(s, jd->dataset
                        ? "Publish the code that builds the dataset and link it from the card, "
                          "saying what it does (\"the code used to build this dataset\")"
                        : "Publish the training code and link it from the card as such "
                          "(\"**Training code:** https://github.com/...\"), with the "
                          "configuration of this model if it runs on a general framework");
    if (!rc && !jd->has_paper && !jd->has_procedure)
        rc = add(s, jd->dataset
                        ? "Link the dataset's paper (\"**Paper:** https://arxiv.org/...\"), or "
                          "state its processing steps with their settings (thresholds, shares)"
                        : "Link the model's paper or technical report (\"**Paper:** "
                          "https://arxiv.org/...\"), or state at least two training "
                          "hyperparameters (optimizer, learning rate, batch size, tokens or "
                          "steps, sequence length, precision)");
    /* a model's method is its own; a repackaging's is its base's */
    if (!rc && jd->quantized)
        rc = base_steps(jd, s, TRO_CRITERION_METHOD_TRANSPARENCY, "method transparency");
    return rc;
}

static int data_steps(const trop_judgement *jd, steps *s)
{
    int rc = 0;
    size_t own = 0;
    for (size_t k = 0; k < jd->datasets.n && !rc; k++) {
        const trop_dsrow *d = &jd->datasets.v[k];
        const char *id = d->id.s;
        if (d->role == TRO_ROLE_EVALUATION || d->role == TRO_ROLE_BASE)
            continue; /* not counted, or the base's (its step says so) */
        own++;
        if (!d->resolved)
            rc = add(s,
                     "Make the dataset %s resolvable: --catalog DIR with DIR/datasets/%s/ "
                     "holding its card",
                     id, id);
        else if (d->free == 0)
            rc = add(s, "Train on data under a free licence: dataset %s is under %s", id,
                     d->license.s ? d->license.s : "a licence that is not free");
        else if (d->access != TRO_STATUS_PASS && d->problem.s)
            rc = add(s, "Train on data anyone can download: dataset %s: %s", id, d->problem.s);
        else if (d->free < 0)
            rc = add(s, "State a recognised data licence for dataset %s", id);
    }
    if (!rc && !own)
        rc = add(s, "Name the training datasets: a datasets: list of Hub ids in the card, a "
                    "section on training data, or a Croissant or datapackage manifest");
    return rc ? rc : base_steps(jd, s, TRO_CRITERION_DATA_ACCESS, "data access");
}

/* "Fix the error finding ...": the first MAX_ERROR_STEPS error findings. */
static int error_steps(const trop_jfindings *fs, steps *s, size_t *n)
{
    int rc = 0;
    for (size_t i = 0; i < fs->n && !rc && *n <= MAX_ERROR_STEPS; i++) {
        const trop_jfinding *f = &fs->v[i];
        if (f->sev != TRO_SEVERITY_ERROR)
            continue;
        if ((*n)++ == MAX_ERROR_STEPS)
            rc = add(s, "Fix the other error findings");
        else
            rc = add(s, "Fix the error finding %s: %s", f->code.s, f->message.s);
    }
    return rc;
}

int trop_judgement_to_pass(const trop_judgement *jd, trop_strs *out, trop_arena *texts)
{
    steps s = {out, texts};
    int rc = 0;
    if (jd->crit[TRO_CRITERION_USE_FREEDOM].status != TRO_STATUS_PASS)
        rc = use_steps(jd, &s);
    if (!rc && jd->crit[TRO_CRITERION_METHOD_TRANSPARENCY].status != TRO_STATUS_PASS)
        rc = method_steps(jd, &s);
    if (!rc && jd->crit[TRO_CRITERION_DATA_ACCESS].status != TRO_STATUS_PASS)
        rc = data_steps(jd, &s);
    size_t n = 0;
    if (!rc)
        rc = error_steps(&jd->rfindings, &s, &n);
    if (!rc)
        rc = error_steps(&jd->findings, &s, &n);
    return rc;
}

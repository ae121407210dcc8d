/*
 * "What would make the release pass": one concrete step per problem, read
 * back from the judgement (licences, datasets, lineage, criteria flags) and
 * the error findings, in the order of the criteria.
 */
#include "judge.h"

#include <string.h>

#define MAX_ERROR_STEPS 10

static bool status_is(const json_t *step, const char *crit, const char *status)
{
    const char *s = trop_jstr(json_object_get(step, "criteria"), crit);
    return s && !strcmp(s, status);
}

static int use_steps(trop_judgement *jd)
{
    size_t i;
    const json_t *l;
    int rc = 0;
    bool any = jd->licenses.n > 0;
    for (size_t k = 0; k < jd->licenses.n; k++) {
        const trop_lic *lic = &jd->licenses.v[k];
        if (!rc && lic->known && !lic->free)
            rc = trop_to_pass_add(jd,
                                  "Release the model under a free licence: the %s licence "
                                  "%s (%s) is %s",
                                  lic->source, lic->expression.s, lic->path.s, lic->category);
        else if (!rc && !lic->known)
            rc = trop_to_pass_add(jd,
                                  "State a recognised licence instead of '%s' (%s), e.g. "
                                  "an SPDX id such as Apache-2.0 or MIT",
                                  lic->statement.s, lic->path.s);
    }
    if (!rc && !any && jd->own_use != TRO_STATUS_PASS)
        rc = trop_to_pass_add(jd, "State the licence: a license: field in the card's front "
                                  "matter, or a LICENSE file");
    json_array_foreach(jd->lineage, i, l)
    {
        if (rc || trop_jint(l, "depth", 1) != 1)
            continue;
        const char *id = trop_jstr(l, "id");
        if (!json_is_true(json_object_get(l, "resolved")) && !trop_jstr(l, "source"))
            rc = trop_to_pass_add(jd,
                                  "Make the base model %s resolvable: --catalog DIR with "
                                  "DIR/models/%s/ holding its card",
                                  id, id);
        else if (status_is(l, "use_freedom", "fail"))
            rc = trop_to_pass_add(jd,
                                  "Build on a base model under a free licence: %s is not "
                                  "free",
                                  id);
    }
    return rc;
}

static int method_steps(trop_judgement *jd)
{
    int rc = 0;
    if (!jd->has_code)
        rc = trop_to_pass_add(jd, "Publish the training code and link its source repository "
                                  "(GitHub, GitLab, Codeberg...) from the card");
    if (!rc && !jd->has_paper && !jd->has_procedure)
        rc = trop_to_pass_add(jd, "Link a paper or technical report (arXiv, DOI), or describe "
                                  "the training procedure in a card section on training");
    size_t i;
    const json_t *l;
    json_array_foreach(jd->lineage, i, l) if (!rc && trop_jint(l, "depth", 1) == 1 &&
                                              trop_jstr(l, "source") &&
                                              json_is_true(json_object_get(l, "resolved")) &&
                                              !status_is(l, "method_transparency", "pass")) rc =
        trop_to_pass_add(jd, "The base model %s does not pass method transparency",
                         trop_jstr(l, "id"));
    return rc;
}

static int data_steps(trop_judgement *jd)
{
    int rc = 0;
    if (!jd->datasets.n)
        return trop_to_pass_add(jd, "Declare the training datasets: a datasets: list of Hub ids "
                                    "in the card, or a Croissant or datapackage manifest");
    for (size_t k = 0; k < jd->datasets.n && !rc; k++) {
        const trop_dsrow *d = &jd->datasets.v[k];
        const char *id = d->id.s;
        if (!d->resolved)
            rc = trop_to_pass_add(jd,
                                  "Make the dataset %s resolvable: --catalog DIR with "
                                  "DIR/datasets/%s/ holding its card",
                                  id, id);
        else if (d->free == 0)
            rc = trop_to_pass_add(jd,
                                  "Train on data under a free licence: dataset %s is "
                                  "under %s",
                                  id, d->license.s ? d->license.s : "a licence that is not free");
        else if (d->free < 0)
            rc = trop_to_pass_add(jd, "State a recognised data licence for dataset %s", id);
    }
    size_t i;
    json_t *l;
    json_array_foreach(jd->lineage, i, l) if (!rc && trop_jint(l, "depth", 1) == 1 &&
                                              json_is_true(json_object_get(l, "resolved")) &&
                                              !status_is(l, "data_access", "pass")) rc =
        trop_to_pass_add(jd, "The base model %s does not pass data access", trop_jstr(l, "id"));
    return rc;
}

/* "Fix the error finding ...": the first MAX_ERROR_STEPS error findings. */
static int error_step(trop_judgement *jd, size_t *n, tro_severity sev, const char *code,
                      const char *message)
{
    if (sev != TRO_SEVERITY_ERROR || *n > MAX_ERROR_STEPS)
        return 0;
    if ((*n)++ == MAX_ERROR_STEPS)
        return trop_to_pass_add(jd, "Fix the other error findings");
    return trop_to_pass_add(jd, "Fix the error finding %s: %s", code, message);
}

int trop_judge_to_pass(trop_judgement *jd, const tro_finding *rf, size_t nrf)
{
    int rc = 0;
    if (jd->crit[TRO_CRITERION_USE_FREEDOM].status != TRO_STATUS_PASS)
        rc = use_steps(jd);
    if (!rc && jd->crit[TRO_CRITERION_METHOD_TRANSPARENCY].status != TRO_STATUS_PASS)
        rc = method_steps(jd);
    if (!rc && jd->crit[TRO_CRITERION_DATA_ACCESS].status != TRO_STATUS_PASS)
        rc = data_steps(jd);
    size_t n = 0;
    for (size_t i = 0; !rc && i < nrf; i++)
        rc = error_step(jd, &n, rf[i].severity, rf[i].code, rf[i].message);
    for (size_t i = 0; !rc && i < jd->findings.n; i++) {
        const trop_jfinding *f = &jd->findings.v[i];
        rc = error_step(jd, &n, f->sev, f->code.s, f->message.s);
    }
    return rc;
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Reports: tro_check(), ownership, the first accessors and the policy outcome. */
#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

tro_report *trop_report_new(trop_judgement *jd)
{
    tro_report *r = calloc(1, sizeof *r);
    if (!r) {
        trop_judgement_free(jd);
        return NULL;
    }
    r->jd = jd;
    r->policy = -1;
    if (trop_report_index(r)) {
        tro_report_free(r);
        return NULL;
    }
    return r;
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
    trop_judge_opts o = {.catalog = opts->catalog,
                         .resolve = opts->resolve,
                         .resolve_userdata = opts->resolve_userdata,
                         .max_lineage_depth = opts->max_lineage_depth};
    trop_judgement *jd = NULL;
    int rc = trop_judge_run(ctx, rel, &o, &jd, err);
    tro_report *r = rc ? NULL : trop_report_new(jd);
    if (!rc && !r)
        rc = TRO_ENOMEM;
    if (rc) {
        if (err && err->code != rc)
            trop_error_set(err, rc, -1, "check: %s", tro_strerror(rc));
        return rc;
    }
    *out = r;
    return 0;
}

void tro_report_free(tro_report *report)
{
    if (!report)
        return;
    trop_judgement_free(report->jd);
    trop_policy_outcome_free(&report->pol);
    trop_vec_free(&report->to_pass);
    trop_arena_free(&report->texts);
    free(report);
}

int tro_report_truly_open(const tro_report *r)
{
    return r && trop_judgement_truly_open(r->jd);
}

const char *tro_report_verdict(const tro_report *r)
{
    return tro_report_truly_open(r) ? "truly-open" : "not-truly-open";
}

tro_status tro_report_status(const tro_report *r, tro_criterion c)
{
    if (!r || (int)c < 0 || c > TRO_CRITERION_DATA_ACCESS)
        return TRO_STATUS_UNKNOWN;
    return r->jd->crit[c].status;
}

int tro_report_mof_class(const tro_report *r)
{
    return r && r->jd->mof.has_file ? r->jd->mof.cls : -1;
}

size_t trop_report_finding_count(const tro_report *r)
{
    return trop_judgement_finding_count(r->jd) + (r->policy >= 0 ? r->pol.findings.n : 0);
}

const trop_jfinding *trop_report_finding(const tro_report *r, size_t i)
{
    size_t n = trop_judgement_finding_count(r->jd);
    return i < n ? trop_judgement_finding(r->jd, i) : &r->pol.findings.v[i - n];
}

/* The waived marks of the record follow the policy applied last. */
static void mark_waived(tro_report *r)
{
    trop_judgement *jd = r->jd;
    trop_jfindings *lists[] = {&jd->rfindings, &jd->findings};
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; i < lists[l]->n; i++) {
            lists[l]->v[i].waived = false;
            lists[l]->v[i].waiver = (trop_str){NULL, 0};
        }
    for (size_t k = 0; k < r->pol.waived.n; k++) {
        size_t i = r->pol.waived.v[k].finding;
        trop_jfinding *f = i < jd->rfindings.n ? &jd->rfindings.v[i]
                                               : &jd->findings.v[i - jd->rfindings.n];
        f->waived = true;
        f->waiver = r->pol.waived.v[k].reason;
    }
}

int tro_report_apply_policy_at(tro_report *report, const tro_policy *policy, int64_t when)
{
    if (!report)
        return TRO_EINVAL;
    /* waivers expire at the end of their day, in UTC */
    int64_t today = when >= 0 ? when / 86400 : -((-when + 86399) / 86400);
    trop_policy_outcome res;
    int rc = trop_policy_apply(policy, report->jd, today, &res);
    if (rc)
        return rc;
    /* the outcome replaces that of an earlier application */
    trop_policy_outcome_free(&report->pol);
    report->pol = res;
    report->policy = res.passed;
    mark_waived(report);
    return res.passed;
}

int tro_report_apply_policy(tro_report *report, const tro_policy *policy)
{
    return tro_report_apply_policy_at(report, policy, (int64_t)time(NULL));
}

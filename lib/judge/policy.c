/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Release gates: applying a policy to a judgement. Each rule adds one human
 * sentence per thing that failed, so that a CI log says exactly why a
 * release was refused; the report records the outcome.
 */
#include "policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int trop_status_rank(tro_status s)
{
    /* a failure is evidence against openness; unknown is merely no evidence */
    static const int rank[] = {[TRO_STATUS_FAIL] = 0,
                               [TRO_STATUS_UNKNOWN] = 1,
                               [TRO_STATUS_PARTIAL] = 2,
                               [TRO_STATUS_PASS] = 3};
    return (int)s >= 0 && s <= TRO_STATUS_PASS ? rank[s] : 0;
}

void trop_policy_default(tro_policy *p)
{
    *p = (tro_policy){.require_truly_open = true, .fail_severity = TRO_SEVERITY_ERROR};
    for (int c = 0; c < 3; c++) {
        p->accept[c] = TROP_POLICY_ACCEPT_ALL;
        p->minimum[c] = -1;
    }
}

void trop_policy_clear(tro_policy *p)
{
    trop_lic_list *lics[] = {&p->allow, &p->deny};
    trop_code_list *codes[] = {&p->fail_codes, &p->ignore_codes};
    for (int l = 0; l < 2; l++) {
        for (size_t i = 0; i < lics[l]->n; i++)
            free(lics[l]->v[i].id);
        free(lics[l]->v);
        for (size_t i = 0; i < codes[l]->n; i++)
            free(codes[l]->v[i].code);
        free(codes[l]->v);
    }
    trop_policy_waivers_clear(&p->waivers);
    memset(p, 0, sizeof *p);
}

int tro_policy_new(tro_policy **out, const char *json, size_t len, tro_error *err)
{
    if (!out)
        return trop_error_set(err, TRO_EINVAL, -1, "policy: no output pointer");
    *out = NULL;
    tro_policy *p = calloc(1, sizeof *p);
    if (!p)
        return trop_error_set(err, TRO_ENOMEM, -1, "out of memory");
    int rc = 0;
    if (json)
        rc = trop_policy_parse(p, json, len, err);
    else
        trop_policy_default(p);
    if (rc) {
        tro_policy_free(p);
        return rc;
    }
    *out = p;
    return 0;
}

void tro_policy_free(tro_policy *policy)
{
    if (!policy)
        return;
    trop_policy_clear(policy);
    free(policy);
}

bool trop_policy_code_listed(const trop_code_list *list, const char *code)
{
    for (size_t i = 0; i < list->n; i++) {
        const trop_code_entry *e = &list->v[i];
        if (e->prefix ? !strncmp(code, e->code, strlen(e->code)) : !strcmp(code, e->code))
            return true;
    }
    return false;
}

/* ---- failures ----------------------------------------------------------- */

int trop_policy_fail(trop_policy_out *o, const char *fmt, ...)
{
    trop_policy_outcome *res = o->res;
    if (trop_vec_reserve(&res->why, 1))
        return TRO_ENOMEM;
    trop_str *t = trop_vec_add(&res->failures);
    if (!t)
        return TRO_ENOMEM;
    va_list ap;
    va_start(ap, fmt);
    bool ok = trop_arena_vfmt(&res->texts, t, fmt, ap);
    va_end(ap);
    if (!ok) {
        res->failures.n--;
        return TRO_ENOMEM;
    }
    res->why.v[res->why.n++] = o->cur;
    return 0;
}

size_t trop_judgement_finding_count(const trop_judgement *jd)
{
    return jd->rfindings.n + jd->findings.n;
}

const trop_jfinding *trop_judgement_finding(const trop_judgement *jd, size_t i)
{
    return i < jd->rfindings.n ? &jd->rfindings.v[i] : &jd->findings.v[i - jd->rfindings.n];
}

void trop_policy_outcome_free(trop_policy_outcome *o)
{
    trop_vec_free(&o->failures);
    trop_vec_free(&o->why);
    trop_vec_free(&o->waived);
    trop_vec_free(&o->findings);
    trop_arena_free(&o->findings.texts);
    trop_arena_free(&o->texts);
    o->passed = false;
}

static int check_verdict(const trop_judgement *jd, const tro_policy *pol, trop_policy_out *o)
{
    if (!pol->require_truly_open || trop_judgement_truly_open(jd))
        return 0;
    o->cur = (trop_policy_why){TROP_FAIL_VERDICT, -1};
    return trop_policy_fail(o,
                            "verdict is not-truly-open (use_freedom %s, method_transparency %s, "
                            "data_access %s); the policy requires truly-open",
                            tro_status_name(jd->crit[0].status),
                            tro_status_name(jd->crit[1].status),
                            tro_status_name(jd->crit[2].status));
}

static int check_criteria(const trop_judgement *jd, const tro_policy *pol, trop_policy_out *o)
{
    static const tro_status by_rank[] = {TRO_STATUS_PASS, TRO_STATUS_PARTIAL, TRO_STATUS_UNKNOWN,
                                         TRO_STATUS_FAIL};
    for (int c = 0; c < 3; c++) {
        tro_status s = jd->crit[c].status;
        if (pol->accept[c] & (1u << s))
            continue;
        const char *name = tro_criterion_name((tro_criterion)c);
        int rc;
        o->cur = (trop_policy_why){TROP_FAIL_CRITERION, c};
        if (pol->minimum[c] >= 0) {
            rc = trop_policy_fail(o, "%s is %s; the policy requires %s or better", name,
                                  tro_status_name(s),
                                  tro_status_name((tro_status)pol->minimum[c]));
        } else {
            char list[64] = "";
            for (size_t i = 0; i < 4; i++) {
                if (!(pol->accept[c] & (1u << by_rank[i])))
                    continue;
                if (*list)
                    strcat(list, ", ");
                strcat(list, tro_status_name(by_rank[i]));
            }
            rc = trop_policy_fail(o, "%s is %s; the policy accepts only %s", name,
                                  tro_status_name(s), list);
        }
        if (rc)
            return rc;
    }
    return 0;
}

static int check_mof(const trop_judgement *jd, const tro_policy *pol, trop_policy_out *o)
{
    int want = pol->min_mof_class, cls = jd->mof.has_file ? jd->mof.cls : -1;
    if (!want || (cls >= 1 && cls <= want))
        return 0;
    o->cur = (trop_policy_why){TROP_FAIL_MOF, -1};
    if (cls < 0)
        return trop_policy_fail(o,
                                "no MOF class (the release has no MOF release file); the "
                                "policy requires class %d or better",
                                want);
    if (cls == 0)
        return trop_policy_fail(o,
                                "the release is unclassified by the MOF; the policy requires "
                                "class %d or better",
                                want);
    return trop_policy_fail(o,
                            "MOF class %d is less open than the required class %d (class 1 "
                            "is the most open)",
                            cls, want);
}

/* ---- findings ---------------------------------------------------------------- */

/* Failing findings are grouped by code, in order of first appearance, so
 * that a release with ten thousand identical errors gives one sentence. */
typedef struct group {
    const trop_jfinding *first;
    size_t first_at; /* its index, trop_judgement_finding() */
    size_t count;
    tro_severity sev; /* the most severe of the group */
    bool listed;
} group;
typedef TROP_VEC(group) groups;

static int describe_group(trop_policy_out *o, const group *g)
{
    const trop_jfinding *f = g->first;
    const char *code = f->code.s, *path = f->path.s;
    const char *why = g->listed ? ", listed in fail_on_codes" : "";
    o->cur = (trop_policy_why){TROP_FAIL_FINDINGS, (int64_t)g->first_at};
    char where[48] = "";
    if (f->offset >= 0)
        snprintf(where, sizeof where, " at byte %lld", (long long)f->offset);
    if (g->count == 1)
        return trop_policy_fail(o, "finding %s (%s%s) in %s%s: %s", code,
                                tro_severity_name(f->sev), why, *path ? path : "the release",
                                where, f->message.s);
    return trop_policy_fail(o, "%zu findings %s (%s%s), the first in %s%s: %s", g->count, code,
                            tro_severity_name(g->sev), why, *path ? path : "the release", where,
                            f->message.s);
}

/* seen maps each code to its group's index. */
static int group_finding(groups *gs, trop_strset *seen, const trop_jfinding *f, size_t at,
                         bool listed)
{
    trop_strset_slot *e = trop_strset_get(seen, f->code.s, f->code.n);
    group *g;
    if (e) {
        g = &gs->v[e->value];
    } else {
        if (!(g = trop_vec_add(gs)))
            return TRO_ENOMEM;
        *g = (group){.first = f, .first_at = at, .sev = f->sev, .listed = listed};
        if (trop_strset_add(seen, f->code.s, f->code.n) < 0) {
            gs->n--;
            return TRO_ENOMEM;
        }
        trop_strset_get(seen, f->code.s, f->code.n)->value = gs->n - 1;
    }
    g->count++;
    if (f->sev > g->sev)
        g->sev = f->sev;
    return 0;
}

/* Findings a waiver accepted fail neither by their code nor by their
 * severity; the policy's own (an expired waiver) count like the others. */
static int group_findings(const trop_judgement *jd, const tro_policy *pol,
                          const trop_policy_outcome *res, groups *gs, trop_strset *seen)
{
    size_t n = trop_judgement_finding_count(jd);
    int rc = 0;
    for (size_t i = 0; i < n + res->findings.n && !rc; i++) {
        const trop_jfinding *f =
            i < n ? trop_judgement_finding(jd, i) : &res->findings.v[i - n];
        if (i < n && trop_policy_is_waived(res, i))
            continue;
        bool listed = trop_policy_code_listed(&pol->fail_codes, f->code.s);
        if (listed || ((int)f->sev >= pol->fail_severity &&
                       !trop_policy_code_listed(&pol->ignore_codes, f->code.s)))
            rc = group_finding(gs, seen, f, i, listed);
    }
    return rc;
}

static int check_findings(const trop_judgement *jd, const tro_policy *pol, trop_policy_out *o)
{
    groups gs = {.n = 0};
    trop_strset seen = {.n = 0};
    int rc = group_findings(jd, pol, o->res, &gs, &seen);
    for (size_t i = 0; i < gs.n && !rc; i++)
        rc = describe_group(o, &gs.v[i]);
    trop_vec_free(&gs);
    trop_strset_free(&seen);
    return rc;
}

/* ---- applying ------------------------------------------------------------------- */

int trop_policy_apply(const tro_policy *policy, const trop_judgement *jd, int64_t today,
                      trop_policy_outcome *out)
{
    tro_policy def;
    if (!policy) {
        trop_policy_default(&def);
        policy = &def;
    }
    *out = (trop_policy_outcome){.passed = false};
    trop_policy_out o = {out, {TROP_FAIL_VERDICT, -1}};
    int rc = trop_policy_apply_waivers(policy, jd, today, out);
    if (!rc)
        rc = check_verdict(jd, policy, &o);
    if (!rc)
        rc = check_criteria(jd, policy, &o);
    if (!rc)
        rc = trop_policy_check_licenses(jd, policy, &o);
    if (!rc)
        rc = check_mof(jd, policy, &o);
    if (!rc)
        rc = check_findings(jd, policy, &o);
    out->passed = out->failures.n == 0;
    if (rc)
        trop_policy_outcome_free(out);
    return rc;
}

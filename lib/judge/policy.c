/*
 * Release gates: applying a policy to a report. Each rule adds one human
 * sentence per thing that failed, so that a CI log says exactly why a
 * release was refused; the outcome is recorded in the report's "policy" key.
 */
#include "policy.h"

#include "report.h"

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

static int add(json_t *failures, const char *fmt, ...) TROP_PRINTF(2, 3);
static int add(json_t *failures, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = trop_vasprintf(fmt, ap);
    va_end(ap);
    json_t *v = s ? json_string(s) : NULL;
    free(s);
    return v && !json_array_append_new(failures, v) ? 0 : TRO_ENOMEM;
}

static const char *str(const json_t *obj, const char *key, const char *dflt)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s ? s : dflt;
}

static int check_verdict(const tro_report *r, const tro_policy *pol, json_t *failures)
{
    if (!pol->require_truly_open || tro_report_truly_open(r))
        return 0;
    return add(failures,
               "verdict is not-truly-open (use_freedom %s, method_transparency %s, data_access "
               "%s); the policy requires truly-open",
               tro_status_name(r->status[0]), tro_status_name(r->status[1]),
               tro_status_name(r->status[2]));
}

static int check_criteria(const tro_report *r, const tro_policy *pol, json_t *failures)
{
    static const tro_status by_rank[] = {TRO_STATUS_PASS, TRO_STATUS_PARTIAL, TRO_STATUS_UNKNOWN,
                                         TRO_STATUS_FAIL};
    for (int c = 0; c < 3; c++) {
        tro_status s = r->status[c];
        if (pol->accept[c] & (1u << s))
            continue;
        const char *name = tro_criterion_name((tro_criterion)c);
        int rc;
        if (pol->minimum[c] >= 0) {
            rc = add(failures, "%s is %s; the policy requires %s or better", name,
                     tro_status_name(s), tro_status_name((tro_status)pol->minimum[c]));
        } else {
            char list[64] = "";
            for (size_t i = 0; i < 4; i++) {
                if (!(pol->accept[c] & (1u << by_rank[i])))
                    continue;
                if (*list)
                    strcat(list, ", ");
                strcat(list, tro_status_name(by_rank[i]));
            }
            rc = add(failures, "%s is %s; the policy accepts only %s", name, tro_status_name(s),
                     list);
        }
        if (rc)
            return rc;
    }
    return 0;
}

static int check_mof(const tro_report *r, const tro_policy *pol, json_t *failures)
{
    int want = pol->min_mof_class, cls = r->mof_class;
    if (!want || (cls >= 1 && cls <= want))
        return 0;
    if (cls < 0)
        return add(failures,
                   "no MOF class (the release has no MOF release file); the policy requires "
                   "class %d or better",
                   want);
    if (cls == 0)
        return add(failures,
                   "the release is unclassified by the MOF; the policy requires class "
                   "%d or better",
                   want);
    return add(failures,
               "MOF class %d is less open than the required class %d (class 1 is the "
               "most open)",
               cls, want);
}

/* ---- findings ---------------------------------------------------------------- */

static int severity_of(const char *name)
{
    for (int s = TRO_SEVERITY_INFO; s <= TRO_SEVERITY_ERROR; s++)
        if (!strcmp(name, tro_severity_name((tro_severity)s)))
            return s;
    return TRO_SEVERITY_ERROR; /* an unnamed severity is not silently harmless */
}

/* Failing findings are grouped by code, in order of first appearance, so
 * that a release with ten thousand identical errors gives one sentence. */
static int describe_group(json_t *failures, const json_t *g)
{
    const json_t *first = json_object_get(g, "first");
    json_int_t n = json_integer_value(json_object_get(g, "count"));
    const char *code = str(first, "code", ""), *path = str(first, "path", "");
    const char *why = json_is_true(json_object_get(g, "listed")) ? ", listed in fail_on_codes" : "";
    char where[96] = "";
    if (json_is_integer(json_object_get(first, "offset")))
        snprintf(where, sizeof where, " at byte %" JSON_INTEGER_FORMAT,
                 json_integer_value(json_object_get(first, "offset")));
    if (n == 1)
        return add(failures, "finding %s (%s%s) in %s%s: %s", code, str(first, "severity", ""), why,
                   *path ? path : "the release", where, str(first, "message", ""));
    return add(failures, "%" JSON_INTEGER_FORMAT " findings %s (%s%s), the first in %s%s: %s", n,
               code, str(g, "severity", ""), why, *path ? path : "the release", where,
               str(first, "message", ""));
}

static int group_finding(json_t *groups, json_t *order, json_t *f, bool listed)
{
    const char *code = str(f, "code", "");
    const char *sev = str(f, "severity", "error");
    json_t *g = json_object_get(groups, code);
    if (!g) {
        g = json_pack("{s:O, s:i, s:s, s:b}", "first", f, "count", 0, "severity", sev, "listed",
                      listed);
        if (!g || json_object_set_new(groups, code, g) ||
            json_array_append_new(order, json_string(code)))
            return TRO_ENOMEM;
    }
    json_int_t n = json_integer_value(json_object_get(g, "count")) + 1;
    if (json_object_set_new(g, "count", json_integer(n)))
        return TRO_ENOMEM;
    if (severity_of(sev) > severity_of(str(g, "severity", "info")) &&
        json_object_set_new(g, "severity", json_string(sev)))
        return TRO_ENOMEM;
    return 0;
}

static int check_findings(const tro_report *r, const tro_policy *pol, json_t *failures)
{
    json_t *groups = json_object(), *order = json_array(), *f;
    int rc = groups && order ? 0 : TRO_ENOMEM;
    size_t i;
    json_array_foreach(json_object_get(r->doc, "findings"), i, f)
    {
        if (rc)
            break;
        const char *code = str(f, "code", "");
        bool listed = trop_policy_code_listed(&pol->fail_codes, code);
        if (listed || (severity_of(str(f, "severity", "error")) >= pol->fail_severity &&
                       !trop_policy_code_listed(&pol->ignore_codes, code)))
            rc = group_finding(groups, order, f, listed);
    }
    json_t *code;
    json_array_foreach(order, i, code)
    {
        if (rc)
            break;
        rc = describe_group(failures, json_object_get(groups, json_string_value(code)));
    }
    json_decref(groups);
    json_decref(order);
    return rc;
}

/* ---- applying ------------------------------------------------------------------- */

int tro_report_apply_policy(tro_report *report, const tro_policy *policy)
{
    if (!report)
        return TRO_EINVAL;
    if (!trop_report_doc(report))
        return TRO_ENOMEM;
    tro_policy def;
    if (!policy) {
        trop_policy_default(&def);
        policy = &def;
    }
    json_t *failures = json_array();
    if (!failures)
        return TRO_ENOMEM;
    int rc = check_verdict(report, policy, failures);
    if (!rc)
        rc = check_criteria(report, policy, failures);
    if (!rc)
        rc = trop_policy_check_licenses(report, policy, failures);
    if (!rc)
        rc = check_mof(report, policy, failures);
    if (!rc)
        rc = check_findings(report, policy, failures);
    if (rc) {
        json_decref(failures);
        return rc;
    }
    bool passed = json_array_size(failures) == 0;
    json_t *rec = json_pack("{s:b, s:o}", "passed", passed, "failures", failures);
    if (!rec || json_object_set_new(report->doc, "policy", rec))
        return TRO_ENOMEM;
    report->policy = passed;
    return passed;
}

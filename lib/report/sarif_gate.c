/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * SARIF: where the failures of the applied policy go, and the results'
 * fingerprints.
 *
 * A code-scanning interface shows one alert per result, so a problem must
 * be one result: a policy failure about findings is carried by those
 * findings' results (raised to "error", with the sentence in their
 * properties), one about a criterion or the verdict by the criteria's
 * results; only the failures that have no result of their own (a licence
 * the policy refuses, a MOF class too low, a criterion that passes but is
 * not accepted) become results of the rule "policy", located at the file
 * that causes them.
 */
#include "sarif.h"

#include "../scan/scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The fingerprint's name in partialFingerprints, versioned so that a
 * change of what it hashes does not match old alerts by accident. */
#define FINGERPRINT "trulyopen/v1"

static size_t failure_count(const sarif *s)
{
    return s->r->policy >= 0 ? s->r->pol.failures.n : 0;
}

const char *trop_sarif_gate_finding(const sarif *s, const trop_jfinding *f)
{
    const trop_policy_outcome *p = &s->r->pol;
    if (f->waived)
        return NULL;
    for (size_t i = 0; i < failure_count(s); i++) {
        if (p->why.v[i].kind != TROP_FAIL_FINDINGS)
            continue;
        const trop_jfinding *first = trop_report_finding(s->r, (size_t)p->why.v[i].ref);
        if (!strcmp(first->code.s, f->code.s))
            return p->failures.v[i].s;
    }
    return NULL;
}

json_t *trop_sarif_gate_criterion(const sarif *s, tro_criterion c)
{
    const trop_policy_outcome *p = &s->r->pol;
    json_t *list = json_array();
    for (size_t i = 0; list && i < failure_count(s); i++) {
        trop_policy_why w = p->why.v[i];
        if (w.kind != TROP_FAIL_VERDICT && !(w.kind == TROP_FAIL_CRITERION && w.ref == (int)c))
            continue;
        if (json_array_append_new(list, json_string(p->failures.v[i].s))) {
            json_decref(list);
            return NULL;
        }
    }
    return list;
}

/* The file a failure without a result of its own is located at ("": the
 * release, which is its card), or NULL when another result carries it. */
static const char *own_result_path(const sarif *s, trop_policy_why w)
{
    const trop_judgement *jd = s->jd;
    switch (w.kind) {
    case TROP_FAIL_LICENSE:
        return w.ref >= 0 && (size_t)w.ref < jd->licenses.n ? jd->licenses.v[w.ref].path.s : "";
    case TROP_FAIL_MOF:
        return jd->mof.has_file && jd->mof.path.s ? jd->mof.path.s : "";
    case TROP_FAIL_CRITERION:
        return jd->crit[w.ref].status == TRO_STATUS_PASS ? "" : NULL;
    default:
        return NULL; /* the verdict and findings: their results carry them */
    }
}

bool trop_sarif_gate_has_results(const sarif *s)
{
    for (size_t i = 0; i < failure_count(s); i++)
        if (own_result_path(s, s->r->pol.why.v[i]))
            return true;
    return false;
}

int trop_sarif_gate_results(sarif *s)
{
    for (size_t i = 0; i < failure_count(s); i++) {
        const char *path = own_result_path(s, s->r->pol.why.v[i]);
        const trop_str *text = &s->r->pol.failures.v[i];
        int rc = path ? trop_sarif_policy_result(s, text->n ? text->s : "policy not met", path) : 0;
        if (rc)
            return rc;
    }
    return 0;
}

/* ---- fingerprints ------------------------------------------------------------- */

static const char *first_uri(const json_t *r)
{
    const json_t *loc = json_array_get(json_object_get(r, "locations"), 0);
    const json_t *al = json_object_get(json_object_get(loc, "physicalLocation"), "artifactLocation");
    const char *uri = json_string_value(json_object_get(al, "uri"));
    return uri ? uri : "";
}

int trop_sarif_fingerprint(sarif *s, json_t *r, const char *rule, const char *key)
{
    /* results alike in rule, file and key are told apart by their order */
    char *id = trop_asprintf("%s\x1f%s\x1f%s", rule, first_uri(r), key ? key : "");
    if (!id)
        return TRO_ENOMEM;
    json_int_t seen = json_integer_value(json_object_get(s->fingerprints, id));
    int rc = json_object_set_new(s->fingerprints, id, json_integer(seen + 1)) ? TRO_ENOMEM : 0;
    char *text = rc ? NULL : trop_asprintf("%s\x1f%lld", id, (long long)seen);
    char hex[65];
    if (!rc && (!text || trop_sha256_buf(text, strlen(text), hex)))
        rc = TRO_ENOMEM;
    if (!rc) {
        hex[32] = '\0'; /* 128 bits tell a repository's alerts apart */
        rc = json_object_set_new(r, "partialFingerprints", json_pack("{s:s}", FINGERPRINT, hex))
                 ? TRO_ENOMEM
                 : 0;
    }
    free(text);
    free(id);
    return rc;
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The accessors of a report's parts (include/trulyopen/report.h): the
 * release, criteria with their evidence and reasons, licence statements,
 * findings, artifacts, what would make the release pass and the policy's
 * outcome. The opaque part types are the judgement record's own items
 * (lib/judge/judgement.h), handed out as they are: reading one is a load,
 * never a copy. Lineage, datasets and MOF are in access_lineage.c.
 */
#include "report.h"

#include "../license/license.h"

#include <string.h>

#define EV(e) ((const trop_evidence *)(const void *)(e))
#define FI(f) ((const trop_jfinding *)(const void *)(f))
#define AR(a) ((const trop_art *)(const void *)(a))

static const trop_crit *crit_of(const tro_report *r, tro_criterion c)
{
    return r && (unsigned)c <= TRO_CRITERION_DATA_ACCESS ? &r->jd->crit[c] : NULL;
}

static const char *str_at(const trop_strs *v, size_t i)
{
    return i < v->n ? v->v[i].s : NULL;
}

/* ---- The release ------------------------------------------------------------ */

const char *tro_report_release_name(const tro_report *r)
{
    return r ? r->jd->name.s : NULL;
}

const char *tro_report_card_path(const tro_report *r)
{
    return r ? r->jd->card_path.s : NULL;
}

/* ---- Criteria ----------------------------------------------------------------- */

size_t tro_report_evidence_count(const tro_report *r, tro_criterion c)
{
    const trop_crit *cr = crit_of(r, c);
    return cr ? cr->ev.n : 0;
}

const tro_evidence *tro_report_evidence(const tro_report *r, tro_criterion c, size_t i)
{
    const trop_crit *cr = crit_of(r, c);
    return cr && i < cr->ev.n ? (const tro_evidence *)(const void *)&cr->ev.v[i] : NULL;
}

const char *tro_evidence_kind(const tro_evidence *e)
{
    return e ? EV(e)->kind : NULL;
}

const char *tro_evidence_text(const tro_evidence *e)
{
    return e ? EV(e)->text.s : NULL;
}

const char *tro_evidence_path(const tro_evidence *e)
{
    return e ? EV(e)->path.s : NULL;
}

const char *tro_evidence_url(const tro_evidence *e)
{
    return e ? EV(e)->url.s : NULL;
}

const char *tro_evidence_why(const tro_evidence *e)
{
    return e ? EV(e)->why.s : NULL;
}

int64_t tro_evidence_line(const tro_evidence *e)
{
    return e && EV(e)->line > 0 ? EV(e)->line : 0;
}

int64_t tro_evidence_offset(const tro_evidence *e)
{
    return e && EV(e)->offset >= 0 ? EV(e)->offset : -1;
}

size_t tro_report_reason_count(const tro_report *r, tro_criterion c)
{
    const trop_crit *cr = crit_of(r, c);
    return cr ? cr->reasons.n : 0;
}

const char *tro_report_reason(const tro_report *r, tro_criterion c, size_t i)
{
    const trop_crit *cr = crit_of(r, c);
    return cr ? str_at(&cr->reasons, i) : NULL;
}

/* ---- Licence statements ---------------------------------------------------------- */

size_t tro_report_license_count(const tro_report *r)
{
    return r ? r->jd->licenses.n : 0;
}

const tro_statement *tro_report_license(const tro_report *r, size_t i)
{
    return r && i < r->jd->licenses.n ? &r->stmts[i] : NULL;
}

const char *tro_statement_source(const tro_statement *s)
{
    return s ? s->l->source : NULL;
}

const char *tro_statement_path(const tro_statement *s)
{
    return s ? s->l->path.s : NULL;
}

const char *tro_statement_text(const tro_statement *s)
{
    return s ? s->l->statement.s : NULL;
}

const char *tro_statement_expression(const tro_statement *s)
{
    return s ? s->l->expression.s : NULL;
}

/* The record names the category; the enum is what its name is the name of. */
tro_license_category tro_statement_category(const tro_statement *s)
{
    for (int c = TRO_LICENSE_PERMISSIVE; s && s->l->category && c <= TRO_LICENSE_PROPRIETARY; c++)
        if (!strcmp(s->l->category, tro_license_category_name((tro_license_category)c)))
            return (tro_license_category)c;
    return TRO_LICENSE_UNKNOWN;
}

int tro_statement_known(const tro_statement *s)
{
    return s && s->l->known;
}

int tro_statement_free(const tro_statement *s)
{
    return s && s->l->free;
}

int tro_statement_free_for_data(const tro_statement *s)
{
    return s && s->l->free_for_data;
}

const char *tro_statement_reason(const tro_statement *s)
{
    return s ? s->l->reason.s : NULL;
}

size_t tro_statement_license_count(const tro_statement *s)
{
    return s ? s->n : 0;
}

static const trop_rlic *rlic(const tro_statement *s, size_t i)
{
    return s && i < s->n ? &s->lics[i] : NULL;
}

const char *tro_statement_license_id(const tro_statement *s, size_t i)
{
    const trop_rlic *l = rlic(s, i);
    return l ? l->id : NULL;
}

const char *tro_statement_license_name(const tro_statement *s, size_t i)
{
    const trop_rlic *l = rlic(s, i);
    return !l ? NULL : l->lic && l->lic->name[0] ? l->lic->name : l->id;
}

tro_license_category tro_statement_license_category(const tro_statement *s, size_t i)
{
    const trop_rlic *l = rlic(s, i);
    return l && l->lic ? (tro_license_category)l->lic->category : TRO_LICENSE_UNKNOWN;
}

unsigned int tro_statement_license_flags(const tro_statement *s, size_t i)
{
    const trop_rlic *l = rlic(s, i);
    return l && l->lic ? trop_lic_flags(l->lic) : 0;
}

const char *tro_statement_license_reason(const tro_statement *s, size_t i)
{
    const trop_rlic *l = rlic(s, i);
    return !l ? NULL : l->lic ? l->lic->reason : "not recognised";
}

/* ---- Findings: the release's, then the judge's --------------------------------------- */

size_t tro_report_finding_count(const tro_report *r)
{
    return r ? trop_report_finding_count(r) : 0;
}

const tro_judged_finding *tro_report_finding(const tro_report *r, size_t i)
{
    if (!r || i >= tro_report_finding_count(r))
        return NULL;
    return (const tro_judged_finding *)(const void *)trop_report_finding(r, i);
}

tro_severity tro_judged_finding_severity(const tro_judged_finding *f)
{
    return f ? FI(f)->sev : TRO_SEVERITY_INFO;
}

const char *tro_judged_finding_code(const tro_judged_finding *f)
{
    return f ? FI(f)->code.s : NULL;
}

const char *tro_judged_finding_message(const tro_judged_finding *f)
{
    return f ? FI(f)->message.s : NULL;
}

const char *tro_judged_finding_path(const tro_judged_finding *f)
{
    return f ? FI(f)->path.s : NULL;
}

int64_t tro_judged_finding_offset(const tro_judged_finding *f)
{
    return f && FI(f)->offset >= 0 ? FI(f)->offset : -1;
}

int64_t tro_judged_finding_line(const tro_judged_finding *f)
{
    return f && FI(f)->line > 0 ? FI(f)->line : 0;
}

int tro_judged_finding_waived(const tro_judged_finding *f)
{
    return f && FI(f)->waived;
}

const char *tro_judged_finding_waiver(const tro_judged_finding *f)
{
    return f && FI(f)->waived ? FI(f)->waiver.s : NULL;
}

/* ---- Artifacts ---------------------------------------------------------------------- */

size_t tro_report_artifact_count(const tro_report *r)
{
    return r ? r->jd->arts.n : 0;
}

const tro_judged_artifact *tro_report_artifact(const tro_report *r, size_t i)
{
    return r && i < r->jd->arts.n ? (const tro_judged_artifact *)(const void *)&r->jd->arts.v[i]
                                  : NULL;
}

const char *tro_judged_artifact_path(const tro_judged_artifact *a)
{
    return a ? AR(a)->path.s : NULL;
}

tro_type tro_judged_artifact_type(const tro_judged_artifact *a)
{
    return a ? AR(a)->type : TRO_TYPE_OTHER;
}

uint64_t tro_judged_artifact_size(const tro_judged_artifact *a)
{
    return a ? AR(a)->size : 0;
}

const char *tro_judged_artifact_sha256(const tro_judged_artifact *a)
{
    return a && AR(a)->hashed ? AR(a)->sha256 : NULL;
}

const char *tro_judged_artifact_sha256_source(const tro_judged_artifact *a)
{
    return a ? trop_sha256_source(AR(a)) : NULL;
}

/* ---- What would make it pass; the policy's outcome ----------------------------------- */

size_t tro_report_to_pass_count(const tro_report *r)
{
    return r ? r->to_pass.n : 0;
}

const char *tro_report_to_pass(const tro_report *r, size_t i)
{
    return r ? str_at(&r->to_pass, i) : NULL;
}

int tro_report_policy_passed(const tro_report *r)
{
    return r ? r->policy : -1;
}

size_t tro_report_policy_failure_count(const tro_report *r)
{
    return r && r->policy >= 0 ? r->pol.failures.n : 0;
}

const char *tro_report_policy_failure(const tro_report *r, size_t i)
{
    return r && r->policy >= 0 ? str_at(&r->pol.failures, i) : NULL;
}

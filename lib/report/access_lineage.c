/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The accessors of what a release comes from and what it reaches: the
 * lineage through base models, the datasets it declares, and the classes
 * and components of the Model Openness Framework. As in access.c, the part
 * types are the judgement record's items.
 */
#include "report.h"

#include <string.h>

#define ST(s) ((const trop_step *)(const void *)(s))
#define DS(d) ((const trop_dsrow *)(const void *)(d))
#define MC(c) ((const trop_mof_row *)(const void *)(c))

/* Lists the record keeps as NUL-terminated strings one after the other. */
static size_t packed_count(trop_str list)
{
    size_t n = 0;
    for (size_t at = 0; at < list.n; at += strlen(list.s + at) + 1)
        n++;
    return n;
}

static const char *packed_at(trop_str list, size_t i)
{
    for (size_t at = 0; at < list.n; at += strlen(list.s + at) + 1)
        if (i-- == 0)
            return list.s + at;
    return NULL;
}

/* ---- Lineage ----------------------------------------------------------------- */

size_t tro_report_lineage_count(const tro_report *r)
{
    return r ? r->jd->lineage.n : 0;
}

const tro_lineage_step *tro_report_lineage(const tro_report *r, size_t i)
{
    return r && i < r->jd->lineage.n ? (const tro_lineage_step *)(const void *)&r->jd->lineage.v[i]
                                     : NULL;
}

const char *tro_lineage_step_id(const tro_lineage_step *s)
{
    return s ? ST(s)->id.s : NULL;
}

const char *tro_lineage_step_relation(const tro_lineage_step *s)
{
    return s ? ST(s)->relation.s : NULL;
}

unsigned int tro_lineage_step_depth(const tro_lineage_step *s)
{
    return s ? ST(s)->depth : 0;
}

int tro_lineage_step_resolved(const tro_lineage_step *s)
{
    return s && ST(s)->resolved;
}

const char *tro_lineage_step_source(const tro_lineage_step *s)
{
    return s ? ST(s)->source.s : NULL;
}

int tro_lineage_step_known(const tro_lineage_step *s)
{
    return s && ST(s)->known;
}

tro_status tro_lineage_step_status(const tro_lineage_step *s, tro_criterion c)
{
    if (!s || !ST(s)->known || (unsigned)c > TRO_CRITERION_DATA_ACCESS)
        return TRO_STATUS_UNKNOWN;
    return ST(s)->status[c];
}

const char *tro_lineage_step_verdict(const tro_lineage_step *s)
{
    if (!s || !ST(s)->known)
        return NULL;
    for (int c = 0; c < 3; c++)
        if (ST(s)->status[c] != TRO_STATUS_PASS)
            return "not-truly-open";
    return "truly-open";
}

size_t tro_lineage_step_license_count(const tro_lineage_step *s)
{
    return s && ST(s)->known ? packed_count(ST(s)->licenses) : 0;
}

const char *tro_lineage_step_license(const tro_lineage_step *s, size_t i)
{
    return s && ST(s)->known ? packed_at(ST(s)->licenses, i) : NULL;
}

/* ---- Datasets ------------------------------------------------------------------ */

const char *tro_data_role_name(tro_data_role role)
{
    switch (role) {
    case TRO_ROLE_EVALUATION:
        return "evaluation";
    case TRO_ROLE_FINE_TUNING:
        return "fine-tuning";
    case TRO_ROLE_BASE:
        return "base";
    default:
        return "training";
    }
}

size_t tro_report_dataset_count(const tro_report *r)
{
    return r ? r->jd->datasets.n : 0;
}

const tro_dataset *tro_report_dataset(const tro_report *r, size_t i)
{
    return r && i < r->jd->datasets.n ? (const tro_dataset *)(const void *)&r->jd->datasets.v[i]
                                      : NULL;
}

const char *tro_dataset_id(const tro_dataset *d)
{
    return d ? DS(d)->id.s : NULL;
}

size_t tro_dataset_declared_by_count(const tro_dataset *d)
{
    return d ? packed_count(DS(d)->by) : 0;
}

const char *tro_dataset_declared_by(const tro_dataset *d, size_t i)
{
    return d ? packed_at(DS(d)->by, i) : NULL;
}

int tro_dataset_resolved(const tro_dataset *d)
{
    return d && DS(d)->resolved;
}

const char *tro_dataset_source(const tro_dataset *d)
{
    return d ? DS(d)->source.s : NULL;
}

const char *tro_dataset_license(const tro_dataset *d)
{
    return d ? DS(d)->license.s : NULL;
}

int tro_dataset_free_for_data(const tro_dataset *d)
{
    return !d ? -1 : DS(d)->free < 0 ? -1 : DS(d)->free > 0;
}

tro_data_role tro_dataset_role(const tro_dataset *d)
{
    return d ? DS(d)->role : TRO_ROLE_TRAINING;
}

/* ---- The Model Openness Framework -------------------------------------------------- */

static const trop_mof *mof_file(const tro_report *r)
{
    return r && r->jd->mof.has_file ? &r->jd->mof : NULL;
}

const char *tro_report_mof_label(const tro_report *r)
{
    const trop_mof *m = mof_file(r);
    return m ? m->label : NULL;
}

double tro_report_mof_progress(const tro_report *r, int mof_class)
{
    const trop_mof *m = mof_file(r);
    return m && mof_class >= 1 && mof_class <= 3 ? m->progress[mof_class - 1] : -1.0;
}

const char *tro_report_mof_path(const tro_report *r)
{
    const trop_mof *m = mof_file(r);
    return m ? m->path.s : NULL;
}

size_t tro_report_mof_component_count(const tro_report *r)
{
    return r ? r->jd->mof.rows.n : 0;
}

const tro_mof_component *tro_report_mof_component(const tro_report *r, size_t i)
{
    return r && i < r->jd->mof.rows.n
               ? (const tro_mof_component *)(const void *)&r->jd->mof.rows.v[i]
               : NULL;
}

const char *tro_mof_component_name(const tro_mof_component *c)
{
    return c ? MC(c)->name : NULL;
}

int tro_mof_component_class(const tro_mof_component *c)
{
    return c ? MC(c)->cls : 0;
}

const char *tro_mof_component_content_type(const tro_mof_component *c)
{
    return c ? MC(c)->content_type : NULL;
}

int tro_mof_component_required(const tro_mof_component *c)
{
    return c && MC(c)->required;
}

const char *tro_mof_component_status(const tro_mof_component *c)
{
    return c ? MC(c)->status : NULL;
}

const char *tro_mof_component_license(const tro_mof_component *c)
{
    return c ? MC(c)->license.s : NULL;
}

size_t tro_report_mof_evidence_count(const tro_report *r)
{
    const char *names[32];
    return r ? trop_mof_shown_names(r->jd->mof.shown, names) : 0;
}

const char *tro_report_mof_evidence(const tro_report *r, size_t i)
{
    const char *names[32];
    size_t n = r ? trop_mof_shown_names(r->jd->mof.shown, names) : 0;
    return i < n ? names[i] : NULL;
}

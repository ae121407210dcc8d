/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Data access: is the training data available under a free licence?
 *
 * Declared datasets: the card's datasets: list, its links to
 * huggingface.co/datasets/ORG/NAME, a MOF Datasets component, and the
 * dataset manifests shipped in the release (Croissant, datapackage, dataset
 * cards; a dataset release is its own manifest). Each is resolved: shipped
 * manifests by themselves, others through the resolver and the catalogs (a
 * MOF component falls back on its own licence), and its licence judged as a
 * data licence.
 *
 * pass: declared, and every one resolved and free for data; partial: one at
 * least free, others unresolved or not free; fail: none declared, or none
 * free and at least one identified as not free; unknown: otherwise
 * (declared, but none resolved with a recognised licence).
 */
#include "judge.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_DATASETS 64

typedef struct decl {
    char *id;
    char *by; /* declared_by: NUL-terminated strings one after the other */
    size_t bylen;
    const char *path;    /* where first declared */
    int64_t line;
    const tro_artifact *manifest; /* shipped: resolved by itself */
    const char *mof_license;      /* MOF component's licence, a fallback */
} decl;

typedef struct decls {
    decl v[MAX_DATASETS];
    size_t n, dropped;
} decls;

static void decls_free(decls *ds)
{
    for (size_t i = 0; i < ds->n; i++) {
        free(ds->v[i].id);
        free(ds->v[i].by);
    }
}

/* Adds a declaration of id (merged with an earlier one of the same id). */
static int declare(decls *ds, const char *id, const char *by, const char *path, int64_t line,
                   decl **out)
{
    decl *d = NULL;
    for (size_t i = 0; i < ds->n && !d; i++)
        if (!strcasecmp(ds->v[i].id, id))
            d = &ds->v[i];
    if (!d) {
        if (ds->n == MAX_DATASETS) {
            ds->dropped++;
            *out = NULL;
            return 0;
        }
        d = &ds->v[ds->n];
        *d = (decl){.id = trop_strdup(id), .path = path, .line = line};
        if (!d->id)
            return TRO_ENOMEM;
        ds->n++;
    }
    *out = d;
    for (size_t at = 0; at < d->bylen; at += strlen(d->by + at) + 1)
        if (!strcmp(d->by + at, by))
            return 0;
    size_t k = strlen(by) + 1;
    char *nb = realloc(d->by, d->bylen + k);
    if (!nb)
        return TRO_ENOMEM;
    memcpy(nb + d->bylen, by, k);
    d->by = nb;
    d->bylen += k;
    return 0;
}

static int from_card(const trop_judgement *jd, decls *ds)
{
    const tro_artifact *card = jd->card;
    const trop_card_facts *cf = trop_card_facts_of(card);
    size_t i;
    decl *d;
    char id[TROP_HUB_ID_MAX];
    for (i = 0; cf && i < cf->datasets.n; i++) {
        const char *s = cf->datasets.v[i].s;
        if (!s || !*s)
            continue;
        int rc = declare(ds, trop_hub_id_normalise(s, TRO_REF_DATASET, id, sizeof id) ? id : s,
                         "card datasets", card->path, 0, &d);
        if (rc)
            return rc;
    }
    for (i = 0; i < jd->links.n; i++) {
        const trop_card_link *c = &jd->links.v[i];
        /* the id is read again: few links are to datasets */
        if (c->kind != TROP_LINK_HF_DATASET ||
            trop_link_classify(c->url, id, sizeof id) != TROP_LINK_HF_DATASET)
            continue;
        char by[64];
        snprintf(by, sizeof by, "card link (line %lld)", (long long)c->line);
        int rc = declare(ds, id, by, card->path, c->line, &d);
        if (rc)
            return rc;
    }
    return 0;
}

static const char *mof_license(const trop_mof_fact_component *comp, const trop_mof_facts *m)
{
    const char *s = comp->license.s;
    if (!s || !*s)
        s = m->data.s;
    if (!s || !*s)
        s = m->distribution.s;
    return s && *s && strcasecmp(s, "unlicensed") ? s : NULL;
}

static int from_mof(const tro_artifact *a, decls *ds)
{
    const trop_facts *f = trop_facts_of(a);
    for (size_t i = 0; f && i < f->u.mof.components.n; i++) {
        const trop_mof_fact_component *c = &f->u.mof.components.v[i];
        const char *name = c->name.s;
        if (!name || strcmp(name, "Datasets"))
            continue;
        const char *url = c->path.s;
        char id[TROP_HUB_ID_MAX];
        const char *key = url && *url ? url : "MOF Datasets component";
        if (url && trop_link_classify(url, id, sizeof id) == TROP_LINK_HF_DATASET)
            key = id;
        decl *d;
        int rc = declare(ds, key, "MOF Datasets component", a->path, 0, &d);
        if (rc || !d)
            return rc;
        d->mof_license = mof_license(c, &f->u.mof);
    }
    return 0;
}

/* Croissant, datapackage and dataset cards shipped in the release. */
static int shipped(const trop_judgement *jd, decls *ds)
{
    for (size_t i = 0; i < jd->rel->n; i++) {
        const tro_artifact *a = jd->rel->arts[i];
        bool card = (a->type == TRO_TYPE_MODEL_CARD || a->type == TRO_TYPE_MARKDOWN);
        if (card && a == jd->card ? !jd->dataset : card && !trop_card_is_dataset(a))
            continue;
        if (!card && a->type != TRO_TYPE_CROISSANT && a->type != TRO_TYPE_DATAPACKAGE)
            continue;
        char id[TROP_HUB_ID_MAX];
        const trop_facts *f = card ? NULL : trop_facts_of(a);
        const char *key = a->path, *url = f ? f->u.manifest.url.s : NULL;
        if (url && trop_link_classify(url, id, sizeof id) == TROP_LINK_HF_DATASET)
            key = id;
        decl *d;
        int rc = declare(ds, key, a == jd->card ? "the release is a dataset" : "shipped manifest",
                         a->path, 0, &d);
        if (rc)
            return rc;
        if (d && !d->manifest)
            d->manifest = a;
    }
    return 0;
}

/* ---- resolving and judging ------------------------------------------------------- */

typedef struct tally {
    unsigned free, notfree, unknown, unresolved, resolved, cards;
} tally;

static int resolve_one(trop_judge *j, trop_judgement *jd, decl *d, trop_dataset **own,
                       const trop_dataset **ds, const char **source, char **srcbuf)
{
    int rc = 0;
    *ds = NULL;
    *source = NULL;
    if (d->manifest) {
        rc = trop_dataset_judge(jd->rel, NULL, d->manifest, own);
        *ds = *own;
        *source = *srcbuf = trop_asprintf("release:%s", d->manifest->path);
        return rc ? rc : *srcbuf ? 0 : TRO_ENOMEM;
    }
    if (trop_hub_id_valid(d->id)) {
        rc = trop_resolve_dataset(j, d->id, ds, source);
        if (rc != 0)
            return rc < 0 ? rc : 0;
    }
    if (d->mof_license) {
        trop_dataset *m = calloc(1, sizeof *m);
        tro_license_result *r = NULL;
        if (!m)
            return TRO_ENOMEM;
        *own = m;
        *ds = m;
        *source = "mof";
        if (tro_license_classify(d->mof_license, &r, NULL) == TRO_OK) {
            bool known = tro_license_result_category(r) != TRO_LICENSE_UNKNOWN;
            m->free = !known ? -1 : trop_license_free_for(r, TRO_LICENSE_COVERS_DATA) ? 1 : 0;
            m->license = trop_strdup(tro_license_result_expression(r));
        } else {
            m->free = -1;
        }
        m->reason = trop_asprintf("MOF Datasets component licence '%s'", d->mof_license);
        tro_license_result_free(r);
        return m->reason ? 0 : TRO_ENOMEM;
    }
    return 0;
}

/* A datasets[] entry. */
static int dataset_row(trop_judgement *jd, const decl *d, const trop_dataset *ds,
                       const char *source)
{
    trop_dsrow r = {.resolved = ds != NULL, .free = ds ? ds->free : -1};
    return trop_dsrow_add(&jd->datasets, &r, d->id, d->by, d->bylen, source,
                          ds ? ds->license : NULL);
}

static int report_one(trop_judgement *jd, const decl *d, const trop_dataset *ds, const char *source,
                      tally *t)
{
    trop_crit *c = &jd->crit[TRO_CRITERION_DATA_ACCESS];
    if (dataset_row(jd, d, ds, source))
        return TRO_ENOMEM;
    if (!ds) {
        t->unresolved++;
        int rc = trop_reason_add(c, "dataset %s is not resolved (no catalog entry)", d->id);
        return rc ? rc
                  : trop_judge_finding(jd, TRO_SEVERITY_INFO, "dataset-unresolved", d->path,
                                       "dataset %s (%s) could not be resolved, so its licence "
                                       "is unknown",
                                       d->id, d->by);
    }
    t->resolved++;
    t->cards += ds->has_card;
    const char *verdict = ds->free > 0    ? "free for data"
                          : ds->free == 0 ? "not free for data"
                                          : "licence unknown";
    t->free += ds->free > 0;
    t->notfree += ds->free == 0;
    t->unknown += ds->free < 0;
    int rc = trop_evidence_addf(c, "dataset", d->path, NULL, d->line, -1, "%s: %s (%s; %s)", d->id,
                                ds->license ? ds->license : "no licence", verdict, source);
    if (!rc)
        rc = trop_reason_add(c, "dataset %s is %s: %s", d->id, verdict, ds->reason);
    if (!rc && ds->free == 0)
        rc = trop_judge_finding(jd, TRO_SEVERITY_WARNING, "dataset-not-free", d->path,
                                "dataset %s is under %s, which is not free for training data",
                                d->id, ds->license ? ds->license : "an unrecognised licence");
    return rc;
}

static tro_status decide(size_t declared, const tally *t)
{
    if (!declared)
        return TRO_STATUS_FAIL;
    if (t->free == declared)
        return TRO_STATUS_PASS;
    if (t->free)
        return TRO_STATUS_PARTIAL;
    if (t->notfree)
        return TRO_STATUS_FAIL;
    return TRO_STATUS_UNKNOWN;
}

int trop_judge_data(trop_judge *j, trop_judgement *jd)
{
    decls ds = {.n = 0};
    tally t = {0};
    trop_crit *c = &jd->crit[TRO_CRITERION_DATA_ACCESS];
    int rc = jd->card && !jd->dataset ? from_card(jd, &ds) : 0;
    for (size_t i = 0; !rc && i < jd->rel->n; i++)
        if (jd->rel->arts[i]->type == TRO_TYPE_MOF)
            rc = from_mof(jd->rel->arts[i], &ds);
    if (!rc)
        rc = shipped(jd, &ds);
    for (size_t i = 0; !rc && i < ds.n; i++) {
        trop_dataset *own = NULL;
        const trop_dataset *res;
        const char *source;
        char *srcbuf = NULL;
        rc = resolve_one(j, jd, &ds.v[i], &own, &res, &source, &srcbuf);
        if (!rc)
            rc = report_one(jd, &ds.v[i], res, source, &t);
        trop_dataset_free(own);
        free(srcbuf);
    }
    size_t declared = ds.n + ds.dropped;
    c->status = decide(declared, &t);
    if (!rc && !declared)
        rc = trop_reason_add(c, "no training dataset is declared (card datasets:, dataset "
                                "links, shipped manifests)");
    if (!rc && ds.dropped)
        rc = trop_reason_add(c, "%zu more datasets were not judged", ds.dropped);
    jd->has_datasets = t.resolved > 0;
    jd->has_data_card = t.cards > 0;
    decls_free(&ds);
    return rc;
}

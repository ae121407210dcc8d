/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Data access: can the training data be had, under terms that permit
 * retraining? (the rubric's data_access)
 *
 * The training data of a model: its card's datasets: list (a benchmark
 * listed there is a fine-tuning set, a leaderboard's outputs never are);
 * the datasets its body names where it speaks of its training data, by a
 * link to the Hub or by a name the built-in table knows (datatext.c); a
 * MOF Datasets component; dataset manifests shipped in the release. A
 * dataset release is judged as its own data. Evaluation sets are never
 * training data.
 *
 * Each dataset is resolved in this order: a shipped manifest by itself,
 * the caller's resolver and the catalogs, then the built-in table
 * (data/datasets.tsv; its rows say "source": "builtin"). Its access alone
 * is then pass, partial, fail or unknown (dsaccess.c: its licence, a gate,
 * a withdrawal, parts withdrawn or not free).
 *
 * pass: every training dataset passes and the card says of no other part
 * that it is not released; partial: one at least passes or is partial, and
 * others do not, are not known, or are said not to be released; fail: the
 * card names no training data, or says it is not released, or every
 * dataset it names fails; unknown: what it names cannot be judged (never
 * fail: a dataset named but unknown is not evidence that it is closed).
 * A derivative's data is combined with its base's in lineage.c.
 */
#include "dataset.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_DATASETS 64

typedef struct decl {
    char *id;
    char *by; /* declared_by: NUL-terminated strings one after the other */
    size_t bylen;
    const char *path; /* where first declared */
    int64_t line;
    const tro_artifact *manifest;   /* shipped: resolved by itself */
    const char *mof_license;        /* MOF component's licence, a fallback */
    const trop_builtin_dataset *bi; /* its entry in the built-in table */
    const char *why;                /* static: why it is training data */
    tro_data_role role;
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

/* Adds a declaration of id (merged with an earlier one of the same id, or
 * of the same dataset of the table). */
static int declare(decls *ds, const char *id, const trop_builtin_dataset *bi, const char *by,
                   const char *path, int64_t line, decl **out)
{
    decl *d = NULL;
    for (size_t i = 0; i < ds->n && !d; i++)
        if (!strcasecmp(ds->v[i].id, id) || (bi && ds->v[i].bi == bi))
            d = &ds->v[i];
    if (!d) {
        if (ds->n == MAX_DATASETS) {
            ds->dropped++;
            *out = NULL;
            return 0;
        }
        d = &ds->v[ds->n];
        *d = (decl){.id = trop_strdup(id), .path = path, .line = line, .bi = bi};
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

/* The card's datasets: list. The card declares them its training data, a
 * benchmark too; a leaderboard's outputs are evaluation, never training. */
static int front_matter(const trop_judgement *jd, decls *ds)
{
    const trop_card_facts *cf = trop_card_facts_of(jd->card);
    for (size_t i = 0; cf && i < cf->datasets.n; i++) {
        const char *s = cf->datasets.v[i].s;
        char id[TROP_HUB_ID_MAX];
        if (!s || !*s)
            continue;
        const char *key = trop_hub_id_normalise(s, TRO_REF_DATASET, id, sizeof id) ? id : s;
        const trop_builtin_dataset *bi = trop_builtin_dataset_find(key);
        decl *d;
        int rc = declare(ds, key, bi, "card datasets", jd->card->path, 0, &d);
        if (rc)
            return rc;
        if (d && !d->why) {
            bool results = bi && bi->role == TROP_DS_RESULTS;
            d->role = results ? TRO_ROLE_EVALUATION : TRO_ROLE_TRAINING;
            d->why =
                results ? "evaluation results, never training data" : "the card's datasets: list";
        }
    }
    return 0;
}

/* The datasets the card's body names as training data. */
static int body(trop_judgement *jd, decls *ds, trop_ds_text *tx)
{
    int rc = trop_card_training_data(jd->view, tx);
    for (size_t i = 0; !rc && i < tx->n; i++) {
        const trop_ds_mention *m = &tx->v[i];
        const char *key = m->id ? m->id : m->bi->id ? m->bi->id : m->bi->label;
        char by[64];
        snprintf(by, sizeof by, "card %s (line %lld)", m->id ? "link" : "text", (long long)m->line);
        decl *d;
        rc = declare(ds, key, m->bi, by, jd->card->path, m->line, &d);
        if (!rc && d && !d->why) {
            d->why = m->why;
            d->line = m->line;
        }
    }
    if (!rc && tx->finetuned.text && !tx->pretraining_named)
        jd->finetune_line = tx->finetuned.line > 0 ? tx->finetuned.line : 1;
    return rc;
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
        int rc = declare(ds, key, NULL, "MOF Datasets component", a->path, 0, &d);
        if (rc || !d)
            return rc;
        d->mof_license = mof_license(c, &f->u.mof);
        d->why = d->why ? d->why : "the MOF release file's Datasets component";
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
        bool self = a == jd->card;
        int rc = declare(ds, key, NULL, self ? "the release is a dataset" : "shipped manifest",
                         a->path, 0, &d);
        if (rc)
            return rc;
        if (d && !d->manifest) {
            d->manifest = a;
            d->why = self ? "the release is the dataset" : "a dataset manifest the release ships";
        }
    }
    return 0;
}

/* ---- resolving ---------------------------------------------------------------------------- */

/* A shipped manifest or dataset card, judged by itself. */
static int manifest(trop_judgement *jd, decl *d, trop_dataset **own)
{
    int rc = trop_dataset_judge(jd->rel, NULL, d->manifest, own);
    if (rc)
        return rc;
    bool card = d->manifest->type == TRO_TYPE_MODEL_CARD || d->manifest->type == TRO_TYPE_MARKDOWN;
    trop_cardview other, *v = NULL;
    if (card && d->manifest == jd->card) {
        v = jd->view;
    } else if (card) {
        if ((rc = trop_cardview_init(&other, d->manifest, true, NULL)))
            return rc;
        v = &other;
    }
    const trop_builtin_dataset *b =
        trop_dataset_identify(v, d->manifest == jd->card ? NULL : d->id,
                              d->manifest == jd->card ? tro_release_name(jd->rel) : NULL);
    d->bi = b;
    rc = trop_dataset_access(*own, v, b);
    if (v == &other)
        trop_cardview_free(&other);
    return rc;
}

static int from_mof_license(decl *d, trop_dataset **own)
{
    trop_dataset *m = calloc(1, sizeof *m);
    tro_license_result *r = NULL;
    if (!m)
        return TRO_ENOMEM;
    *own = m;
    if (tro_license_classify(d->mof_license, &r, NULL) == TRO_OK) {
        bool known = tro_license_result_category(r) != TRO_LICENSE_UNKNOWN;
        m->free = !known ? -1 : trop_license_free_for(r, TRO_LICENSE_COVERS_DATA) ? 1 : 0;
        m->license = trop_strdup(tro_license_result_expression(r));
    } else {
        m->free = -1;
    }
    m->reason = trop_asprintf("MOF Datasets component licence '%s'", d->mof_license);
    tro_license_result_free(r);
    return m->reason ? trop_dataset_access(m, NULL, d->bi) : TRO_ENOMEM;
}

static int resolve_one(trop_judge *j, trop_judgement *jd, decl *d, trop_dataset **own,
                       const trop_dataset **ds, const char **source, char **srcbuf)
{
    int rc = 0;
    *ds = NULL;
    *source = NULL;
    if (d->manifest) {
        rc = manifest(jd, d, own);
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
        *source = "mof";
        rc = from_mof_license(d, own);
        *ds = *own;
        return rc;
    }
    if (d->bi) {
        *source = "builtin";
        rc = trop_dataset_from_builtin(d->bi, own);
        *ds = *own;
    }
    return rc;
}

/* ---- judging -------------------------------------------------------------------------------- */

typedef struct tally {
    unsigned status[4]; /* counted datasets by access (tro_status) */
    unsigned counted, resolved, cards, evaluation;
} tally;

static int report_one(trop_judgement *jd, const decl *d, const trop_dataset *ds, const char *source,
                      tally *t)
{
    trop_crit *c = &jd->crit[TRO_CRITERION_DATA_ACCESS];
    trop_dsrow r = {.resolved = ds != NULL,
                    .free = ds ? ds->free : -1,
                    .access = ds ? ds->access : TRO_STATUS_UNKNOWN,
                    .role = d->role};
    int rc = trop_dsrow_add(&jd->datasets, &r, d->id, d->by, d->bylen, source,
                            ds ? ds->license : NULL, ds ? ds->problem : NULL);
    if (rc)
        return rc;
    if (d->role == TRO_ROLE_EVALUATION) {
        t->evaluation++;
        return trop_reason_add(c, "dataset %s is not counted: %s", d->id, d->why);
    }
    t->counted++;
    t->status[r.access]++;
    if (!ds) {
        rc =
            trop_evidence_addf(c, "dataset", d->path, NULL, d->line, -1, "%s: not resolved", d->id);
        if (!rc)
            rc = trop_evidence_why(c, d->why);
        if (!rc)
            rc = trop_reason_add(c,
                                 "dataset %s is not resolved (no catalog entry, not in the "
                                 "built-in table): its access is unknown",
                                 d->id);
        return rc ? rc
                  : trop_judge_finding(jd, TRO_SEVERITY_INFO, "dataset-unresolved", d->path,
                                       "dataset %s (%s) could not be resolved, so its licence "
                                       "is unknown",
                                       d->id, d->by);
    }
    t->resolved++;
    t->cards += ds->has_card;
    const char *lic = ds->license ? ds->license : "no licence";
    rc = trop_evidence_addf(c, "dataset", d->path, NULL, d->line, -1, "%s: %s (%s; %s)", d->id,
                            tro_status_name(ds->access), lic, source);
    if (!rc)
        rc = trop_evidence_why(c, d->why);
    if (!rc)
        rc = trop_reason_add(c, "dataset %s (%s%s%s): %s%s%s; %s", d->id, source,
                             d->manifest && d->bi ? "; the built-in table knows it as " : "",
                             d->manifest && d->bi ? d->bi->label : "", tro_status_name(ds->access),
                             ds->problem ? ": " : "", ds->problem ? ds->problem : "", ds->reason);
    if (!rc && ds->free == 0)
        rc = trop_judge_finding(jd, TRO_SEVERITY_WARNING, "dataset-not-free", d->path,
                                "dataset %s is under %s, which is not free for training data",
                                d->id, ds->license ? ds->license : "an unrecognised licence");
    return rc;
}

/* What the card says of data it does not name. */
static int undisclosed(trop_judgement *jd, const trop_ds_quote *q)
{
    trop_crit *c = &jd->crit[TRO_CRITERION_DATA_ACCESS];
    int rc = trop_evidence_add(c, "undisclosed-data", q->text, jd->card->path, NULL, q->line, -1);
    if (!rc)
        rc = trop_evidence_why(c, q->why);
    return rc ? rc
              : trop_reason_add(c, "the card says of its training data: '%s' (line %lld)", q->text,
                                (long long)q->line);
}

static tro_status decide(const tally *t, bool hidden)
{
    const unsigned *s = t->status;
    if (!t->counted)
        return t->evaluation && !hidden ? TRO_STATUS_UNKNOWN : TRO_STATUS_FAIL;
    if (s[TRO_STATUS_PASS] == t->counted && !hidden)
        return TRO_STATUS_PASS;
    if (s[TRO_STATUS_PASS] || s[TRO_STATUS_PARTIAL])
        return TRO_STATUS_PARTIAL;
    if (s[TRO_STATUS_UNKNOWN])
        return TRO_STATUS_UNKNOWN;
    return TRO_STATUS_FAIL;
}

static int declare_all(trop_judgement *jd, decls *ds, trop_ds_text *tx)
{
    int rc = 0;
    if (jd->card && !jd->dataset) {
        rc = front_matter(jd, ds);
        if (!rc && jd->view)
            rc = body(jd, ds, tx);
    }
    for (size_t i = 0; !rc && i < jd->rel->n; i++)
        if (jd->rel->arts[i]->type == TRO_TYPE_MOF)
            rc = from_mof(jd->rel->arts[i], ds);
    return rc ? rc : shipped(jd, ds);
}

int trop_judge_data(trop_judge *j, trop_judgement *jd)
{
    decls ds = {.n = 0};
    trop_ds_text tx = {.n = 0};
    tally t = {{0}, 0, 0, 0, 0};
    trop_crit *c = &jd->crit[TRO_CRITERION_DATA_ACCESS];
    int rc = declare_all(jd, &ds, &tx);
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
    bool hidden = tx.undisclosed.text != NULL;
    t.counted += (unsigned)ds.dropped;
    t.status[TRO_STATUS_UNKNOWN] += (unsigned)ds.dropped;
    c->status = decide(&t, hidden);
    if (!rc && hidden)
        rc = undisclosed(jd, &tx.undisclosed);
    if (!rc && !t.counted && !hidden)
        rc = trop_reason_add(c, t.evaluation ? "only evaluation datasets are declared"
                                             : "the card names no training data (no datasets: "
                                               "list, no dataset where it speaks of training "
                                               "data, no manifest)");
    if (!rc && ds.dropped)
        rc = trop_reason_add(c, "%zu more datasets were not judged", ds.dropped);
    jd->has_datasets = t.resolved > 0;
    jd->has_data_card = t.cards > 0;
    decls_free(&ds);
    trop_ds_text_free(&tx);
    return rc;
}

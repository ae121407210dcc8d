/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Resolving a base model or dataset named by Hub id: the caller's resolver
 * first, then the catalogs. What is judged of a resolved entry is kept: for
 * the whole check in a memo (a resolver is asked once per id), and in the
 * catalog across checks when it cannot depend on this check (no resolver,
 * and no lineage cut by a cycle or the depth limit).
 */
#include "dataset.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct memo_item {
    tro_ref_kind kind;
    char *id;
    void *result; /* NULL: not found */
    void (*free_fn)(void *);
    char *source; /* "resolver", the release's origin, "catalog:PATH" or NULL */
    struct memo_item *next;
} memo_item;

struct trop_memo {
    memo_item *head;
};

void trop_memo_free(trop_memo *m)
{
    if (!m)
        return;
    for (memo_item *it = m->head, *next; it; it = next) {
        next = it->next;
        if (it->result)
            it->free_fn(it->result);
        free(it->id);
        free(it->source);
        free(it);
    }
    free(m);
}

static memo_item *memo_find(trop_judge *j, tro_ref_kind kind, const char *id)
{
    for (memo_item *it = j->memo ? j->memo->head : NULL; it; it = it->next)
        if (it->kind == kind && !strcmp(it->id, id))
            return it;
    return NULL;
}

/* Keeps result (taken over, may be NULL) and a copy of source for this
 * check; *kept (may be NULL) is the copy. */
static int memo_put(trop_judge *j, tro_ref_kind kind, const char *id, void *result,
                    void (*free_fn)(void *), const char *source, const char **kept)
{
    memo_item *it = calloc(1, sizeof *it);
    char *src = source ? trop_strdup(source) : NULL;
    if (!j->memo && !(j->memo = calloc(1, sizeof *j->memo))) {
        free(it);
        it = NULL;
    }
    if (!it || !(it->id = trop_strdup(id)) || (source && !src)) {
        if (it)
            free(it->id);
        free(it);
        free(src);
        if (result)
            free_fn(result);
        return TRO_ENOMEM;
    }
    *it = (memo_item){.kind = kind,
                      .id = it->id,
                      .result = result,
                      .free_fn = free_fn,
                      .source = src,
                      .next = j->memo->head};
    j->memo->head = it;
    if (kept)
        *kept = src;
    return 0;
}

/* Where a resolver's answer came from: the origin the library recorded on
 * a release it built (a Hub resolver's "hub:ORG/NAME@SHA"), else "resolver". */
static const char *answer_source(const tro_release *rel)
{
    return rel->origin ? rel->origin : "resolver";
}

/* A resolver that could not answer now (TRO_ENETWORK, TRO_EACCESS) leaves
 * the id unresolved, and the check goes on: why is kept for the report,
 * as the findings of the release it may have handed back, else in words. */
static bool unavailable(int rc)
{
    return rc == TRO_ENETWORK || rc == TRO_EACCESS;
}

static int note_unavailable(trop_judge *j, int rc, const char *what, const char *id,
                            const tro_release *rel)
{
    size_t n = rel ? tro_release_finding_count(rel) : 0;
    for (size_t i = 0; i < n; i++) {
        const tro_finding *f = tro_release_finding(rel, i);
        if (trop_findings_add(&j->notes, f->severity, f->code, "", -1, "%s", f->message))
            return TRO_ENOMEM;
    }
    if (!n && trop_findings_add(&j->notes, TRO_SEVERITY_WARNING, "resolve-failed", "", -1,
                                "%s %s could not be resolved: the resolver answered: %s", what,
                                id, tro_strerror(rc)))
        return TRO_ENOMEM;
    return 0;
}

static int resolver_error(trop_judge *j, int rc, const char *what, const char *id)
{
    return trop_error_set(j->err, rc, -1, "the resolver failed for %s %s: %s", what, id,
                          tro_strerror(rc));
}

/* Adds expr to the NUL-separated list in buf unless it is there. */
static int add_distinct(char **buf, size_t *len, const trop_str *expr)
{
    for (size_t at = 0; at < *len; at += strlen(*buf + at) + 1)
        if (!strcmp(*buf + at, expr->s))
            return 0;
    char *nb = realloc(*buf, *len + expr->n + 1);
    if (!nb)
        return TRO_ENOMEM;
    memcpy(nb + *len, expr->s, expr->n + 1);
    *buf = nb;
    *len += expr->n + 1;
    return 0;
}

/* What a lineage step keeps of a base model's judgement jd (taken over in
 * part: its lineage and datasets). */
static int summarise(trop_judgement *jd, trop_base *b)
{
    for (int i = 0; i < 3; i++)
        b->status[i] = jd->crit[i].status;
    b->truncated = jd->truncated;
    b->lineage = jd->lineage;
    memset(&jd->lineage, 0, sizeof jd->lineage);
    b->datasets = jd->datasets;
    memset(&jd->datasets, 0, sizeof jd->datasets);
    int rc = 0;
    /* where the lineage was cut is reported by the release checked */
    for (size_t f = 0; !rc && f < jd->findings.n; f++) {
        const trop_jfinding *fv = &jd->findings.v[f];
        if (!strncmp(fv->code.s, "lineage-", 8))
            rc = trop_jfinding_copy(&b->cut, fv->sev, fv->code.s, fv->message.s, fv->path.s,
                                    fv->offset);
    }
    /* distinct expressions, those that are not free first */
    char *list = NULL;
    size_t len = 0;
    for (int pass = 0; !rc && pass < 2; pass++)
        for (size_t i = 0; !rc && i < jd->licenses.n; i++) {
            const trop_licstmt *l = &jd->licenses.v[i];
            if (l->expression.s && (l->known && !l->free) == (pass == 0))
                rc = add_distinct(&list, &len, &l->expression);
        }
    if (!rc && !trop_arena_text(&b->texts, list, len, &b->licenses))
        rc = TRO_ENOMEM;
    free(list);
    return rc;
}

/* Judges a base model's release one lineage step down. */
static int judge_base(trop_judge *j, const char *id, const tro_release *rel, trop_base **out)
{
    trop_judgement jd;
    trop_base *b = calloc(1, sizeof *b);
    *out = NULL;
    if (!b)
        return TRO_ENOMEM;
    j->stack[j->depth++] = id;
    int rc = trop_judge_release(j, rel, &jd);
    j->depth--;
    if (rc) {
        free(b);
        return rc;
    }
    rc = summarise(&jd, b);
    trop_judgement_clear(&jd);
    if (rc) {
        trop_base_free(b);
        return rc;
    }
    *out = b;
    return 0;
}

int trop_resolve_model(trop_judge *j, const char *id, const trop_base **base, const char **source)
{
    memo_item *it = memo_find(j, TRO_REF_MODEL, id);
    trop_base *b = NULL;
    int rc;
    if (it) {
        *base = it->result;
        *source = it->source;
        return it->result != NULL;
    }
    if (j->resolve) {
        tro_release *rel = NULL;
        rc = j->resolve(j->ctx, TRO_REF_MODEL, id, &rel, j->resolve_ud);
        if (rc == TRO_OK && rel) {
            rc = judge_base(j, id, rel, &b);
            if (!rc)
                rc = memo_put(j, TRO_REF_MODEL, id, b, trop_base_free, answer_source(rel), source);
            else
                trop_base_free(b);
            tro_release_free(rel);
            if (rc)
                return rc;
            *base = b;
            return 1;
        }
        if (unavailable(rc) && (rc = note_unavailable(j, rc, "base model", id, rel)))
            return rc;
        tro_release_free(rel);
        if (rc != TRO_OK && rc != TRO_ENOTFOUND)
            return resolver_error(j, rc, "base model", id);
    }
    trop_cat_entry *e = NULL;
    rc = j->cat ? trop_catalog_lookup(j->cat, TRO_REF_MODEL, id, &e) : 0;
    if (rc < 0)
        return rc;
    if (!rc)
        return memo_put(j, TRO_REF_MODEL, id, NULL, trop_base_free, NULL, NULL);
    *source = trop_cat_entry_source(e);
    if (!j->resolve && (*base = trop_cat_entry_result(e)))
        return 1;
    if ((rc = judge_base(j, id, trop_cat_entry_release(e), &b)))
        return rc;
    if (!j->resolve && !b->truncated) {
        *base = trop_cat_entry_set_result(e, b, trop_base_free);
        return 1;
    }
    *base = b;
    return (rc = memo_put(j, TRO_REF_MODEL, id, b, trop_base_free, *source, source)) ? rc : 1;
}

/* A dataset's licence, and its access: what its card says, within what
 * the built-in table knows of id (dataset.h). */
static int judge_dataset(const char *id, const tro_release *rel, trop_dataset **out)
{
    bool dataset;
    const tro_artifact *card = trop_release_card(rel, &dataset);
    int rc = trop_dataset_judge(rel, card, NULL, out);
    trop_cardview v = {.card = NULL};
    if (!rc && card)
        rc = trop_cardview_init(&v, card, true, id);
    if (!rc)
        rc = trop_dataset_access(*out, v.card ? &v : NULL,
                                 trop_dataset_identify(v.card ? &v : NULL, id, NULL));
    trop_cardview_free(&v);
    if (rc) {
        trop_dataset_free(*out);
        *out = NULL;
    }
    return rc;
}

int trop_resolve_dataset(trop_judge *j, const char *id, const trop_dataset **ds,
                         const char **source)
{
    memo_item *it = memo_find(j, TRO_REF_DATASET, id);
    trop_dataset *d = NULL;
    int rc;
    if (it) {
        *ds = it->result;
        *source = it->source;
        return it->result != NULL;
    }
    if (j->resolve) {
        tro_release *rel = NULL;
        rc = j->resolve(j->ctx, TRO_REF_DATASET, id, &rel, j->resolve_ud);
        if (rc == TRO_OK && rel) {
            rc = trop_release_finish(rel);
            if (!rc)
                rc = judge_dataset(id, rel, &d);
            if (!rc)
                rc = memo_put(j, TRO_REF_DATASET, id, d, trop_dataset_free, answer_source(rel),
                              source);
            else
                trop_dataset_free(d);
            tro_release_free(rel);
            if (rc)
                return rc;
            *ds = d;
            return 1;
        }
        if (unavailable(rc) && (rc = note_unavailable(j, rc, "dataset", id, rel)))
            return rc;
        tro_release_free(rel);
        if (rc != TRO_OK && rc != TRO_ENOTFOUND)
            return resolver_error(j, rc, "dataset", id);
    }
    trop_cat_entry *e = NULL;
    rc = j->cat ? trop_catalog_lookup(j->cat, TRO_REF_DATASET, id, &e) : 0;
    if (rc < 0)
        return rc;
    if (!rc)
        return memo_put(j, TRO_REF_DATASET, id, NULL, trop_dataset_free, NULL, NULL);
    *source = trop_cat_entry_source(e);
    /* a dataset's licence depends on its entry alone: always cached */
    if ((*ds = trop_cat_entry_result(e)))
        return 1;
    if ((rc = judge_dataset(id, trop_cat_entry_release(e), &d)))
        return rc;
    *ds = trop_cat_entry_set_result(e, d, trop_dataset_free);
    return 1;
}

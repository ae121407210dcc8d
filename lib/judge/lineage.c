/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Lineage: a release made from base models (card base_model:, GGUF
 * general.base_model.N.repo_url, or, when neither names one, the card's
 * prose or training command: "fine-tuned from X", "an adapter for X") is
 * only as free as they are, and its data is theirs too.
 *
 * Each base is resolved (resolver, catalogs) and judged one level down, up
 * to max_lineage_depth levels and never twice on one path (a cycle). Use
 * freedom fails if the base's fails, else is unknown if either is; a base
 * known only from the built-in table of model families gives its licence.
 * Data: a derivative's training data includes its base's, so with the
 * base's data known (judged, or the family's in the built-in table) pass
 * with pass and fail with fail give themselves, any part free makes it
 * partial, and data not known beside undisclosed data is not known; a base
 * whose data is not known caps the release's at partial, and so does a
 * card that says the model was fine-tuned but names no base. The release's
 * own datasets are then its fine-tuning data, and a judged base's datasets
 * are listed with the role base. Method is the
 * release's own: how it was made from its base is what its card must show.
 * When the release repackages the base's weights (relation "quantized", a
 * quantizer's card, GGUF-only or quantised weights), method and data are
 * the base's when it was judged.
 *
 * A base's licensor may release a derivative of its own model freely: a
 * base under a licence that is not free does not fail a release of the
 * same organisation whose own licence is free. Anyone else's free licence
 * over such a base gets a license-laundering error.
 */
#include "terms.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_BASES 16

typedef struct bases {
    char *id[MAX_BASES];
    const char *path[MAX_BASES];
    int64_t line[MAX_BASES];
    const char *why[MAX_BASES]; /* static: how the card names it, NULL for metadata */
    size_t n;
} bases;

static int add_base(bases *b, const char *s, const char *path)
{
    char id[TROP_HUB_ID_MAX];
    if (!s || !*s || b->n == MAX_BASES)
        return 0;
    const char *v = trop_hub_id_normalise(s, TRO_REF_MODEL, id, sizeof id) ? id : s;
    for (size_t i = 0; i < b->n; i++)
        if (!strcasecmp(b->id[i], v))
            return 0;
    if (!(b->id[b->n] = trop_strdup(v)))
        return TRO_ENOMEM;
    b->line[b->n] = 0;
    b->why[b->n] = NULL;
    b->path[b->n++] = path;
    return 0;
}

/* Bases the card names in its prose or code, when its metadata names none. */
static int prose(const trop_judgement *jd, bases *b)
{
    trop_bases pb = {.n = 0};
    int rc = jd->view ? trop_card_bases(jd->view, &pb) : 0;
    for (size_t i = 0; !rc && i < pb.n; i++) {
        size_t before = b->n;
        rc = add_base(b, pb.v[i].id, jd->card->path);
        if (!rc && b->n > before) {
            b->line[before] = pb.v[i].line;
            b->why[before] = pb.v[i].why;
        }
    }
    trop_bases_free(&pb);
    return rc;
}

/* An adapter's base_model_name_or_path, and a configuration's _name_or_path
 * when it names another model on the Hub (it is often the model's own id, or
 * a path on the machine that trained it). */
static int config_bases(const trop_judgement *jd, const trop_config_facts *c, const char *path,
                        bases *b)
{
    const char *id = c->base_model.s;
    if (id && trop_hub_id_valid(id) && strchr(id, '/'))
        return add_base(b, id, path);
    id = c->name_or_path.s;
    if (!id || !trop_hub_id_valid(id) || !strchr(id, '/'))
        return 0;
    const char *rel = tro_release_name(jd->rel);
    if (rel && !strcasecmp(rel, id))
        return 0;
    if (jd->view && (!strcasecmp(jd->view->id.self, id) ||
                     trop_identity_is_self(&jd->view->id, strchr(id, '/') + 1,
                                           strlen(strchr(id, '/') + 1))))
        return 0;
    return add_base(b, id, path);
}

static int collect(const trop_judgement *jd, bases *b)
{
    int rc = 0;
    const trop_card_facts *card = trop_card_facts_of(jd->card);
    for (size_t i = 0; card && !rc && i < card->base_model.n; i++)
        rc = add_base(b, card->base_model.v[i].s, jd->card->path);
    for (size_t a = 0; !rc && a < jd->rel->n; a++) {
        const tro_artifact *art = jd->rel->arts[a];
        const trop_facts *f = trop_facts_of(art);
        if (art->type == TRO_TYPE_CONFIG && f)
            rc = config_bases(jd, &f->u.config, art->path, b);
        if (art->type != TRO_TYPE_GGUF || !f)
            continue;
        for (size_t i = 0; !rc && i < f->u.gguf.base_model_urls.n; i++) {
            char id[TROP_HUB_ID_MAX];
            if (trop_link_classify(f->u.gguf.base_model_urls.v[i].s, id, sizeof id) ==
                TROP_LINK_HF_MODEL)
                rc = add_base(b, id, art->path);
        }
    }
    if (!rc && !b->n && jd->card && !jd->dataset)
        rc = prose(jd, b);
    return rc;
}

/* Does the release only repackage its base's weights? */
static bool repackaged(const trop_judgement *jd, const char *relation)
{
    if (relation)
        return !strcasecmp(relation, "quantized");
    const trop_card_facts *card = trop_card_facts_of(jd->card);
    if (card && (card->keys & TROP_FM_QUANTIZED))
        return true;
    size_t gguf = 0, other = 0;
    bool quant_config = false;
    for (size_t i = 0; i < jd->rel->n; i++) {
        const tro_artifact *a = jd->rel->arts[i];
        if (a->type == TRO_TYPE_GGUF)
            gguf++;
        else if (trop_holds_weights(a) || a->type == TRO_TYPE_PICKLE)
            other++;
        else if (a->type == TRO_TYPE_CONFIG && trop_facts_of(a) &&
                 trop_facts_of(a)->u.config.quantization.s)
            quant_config = true;
    }
    return (gguf && !other) || quant_config;
}

/* ---- combining --------------------------------------------------------------------- */

static tro_status combine_use(tro_status own, tro_status base)
{
    if (own == TRO_STATUS_FAIL || base == TRO_STATUS_FAIL)
        return TRO_STATUS_FAIL;
    if (own == TRO_STATUS_PASS && base == TRO_STATUS_PASS)
        return TRO_STATUS_PASS;
    return TRO_STATUS_UNKNOWN;
}

static tro_status combine_work(tro_status own, tro_status base)
{
    if (own == base && own != TRO_STATUS_PARTIAL)
        return own; /* pass+pass, fail+fail, unknown+unknown */
    return TRO_STATUS_PARTIAL;
}

static tro_status cap_partial(tro_status s)
{
    return s == TRO_STATUS_PASS ? TRO_STATUS_PARTIAL : s;
}

/* A derivative's data is its own and its base's: some of it free makes it
 * partial, but data named and not known beside undisclosed data is not
 * known either (never a fail without evidence). */
static tro_status combine_data(tro_status own, tro_status base)
{
    bool some = own == TRO_STATUS_PASS || own == TRO_STATUS_PARTIAL ||
                base == TRO_STATUS_PASS || base == TRO_STATUS_PARTIAL;
    if (own == base && own != TRO_STATUS_PARTIAL)
        return own;
    return some ? TRO_STATUS_PARTIAL : TRO_STATUS_UNKNOWN;
}

/* What is known of one base, whichever way it was found. */
typedef struct base_view {
    const char *id;
    bool resolved;        /* its release was judged */
    bool data_known;      /* status[DATA] is known (judged, or the family's) */
    bool same_licensor;   /* its organisation releases this model too */
    tro_status status[3]; /* UNKNOWN where not known */
    const char *source;   /* "catalog:...", "resolver", "builtin" or NULL */
    const char *license;  /* the licence that decides use freedom, if known */
} base_view;

/* The organisation of a Hub id ("" without one), lower case. */
static void org_of(const char *id, char out[64])
{
    const char *slash = strchr(id, '/');
    size_t n = slash && (size_t)(slash - id) < 64 ? (size_t)(slash - id) : 0;
    for (size_t i = 0; i < n; i++)
        out[i] = (char)(id[i] >= 'A' && id[i] <= 'Z' ? id[i] | 0x20 : id[i]);
    out[n] = '\0';
}

static int apply(trop_judgement *jd, const base_view *bv, bool quantized, bool first)
{
    trop_crit *c = jd->crit;
    tro_status use = bv->status[TRO_CRITERION_USE_FREEDOM];
    if (use == TRO_STATUS_FAIL && bv->same_licensor && jd->own_use == TRO_STATUS_PASS)
        use = TRO_STATUS_PASS; /* the licensor relicenses its own model */
    c[0].status = combine_use(c[0].status, use);
    tro_status *method = &c[TRO_CRITERION_METHOD_TRANSPARENCY].status;
    if (quantized && bv->resolved) /* the same weights: made as the base was */
        *method = first ? bv->status[1] : combine_work(*method, bv->status[1]);
    tro_status *data = &c[TRO_CRITERION_DATA_ACCESS].status, bd = bv->status[2];
    if (quantized && bv->data_known)
        *data = first ? bd : combine_data(*data, bd);
    else if (quantized && !bv->resolved)
        *data = first ? TRO_STATUS_UNKNOWN : *data;
    else if (bv->data_known)
        *data = combine_data(*data, bd);
    else
        *data = cap_partial(*data);
    int rc = 0;
    const char *src = bv->source ? bv->source : "";
    const char *open = bv->source ? " (" : "", *close = bv->source ? ")" : "";
    rc = trop_reason_add(&c[0], "base model %s%s%s%s: %s%s", bv->id, open, src, close,
                         tro_status_name(bv->status[0]),
                         bv->same_licensor && bv->status[0] == TRO_STATUS_FAIL &&
                                 jd->own_use == TRO_STATUS_PASS
                             ? ", but its licensor releases this model under a free licence"
                             : "");
    if (!rc && quantized && bv->resolved)
        rc = trop_reason_add(&c[1], "base model %s%s%s%s: %s (the release repackages its "
                                    "weights)",
                             bv->id, open, src, close, tro_status_name(bv->status[1]));
    else if (!rc && quantized)
        rc = trop_reason_add(&c[1], "the release repackages the weights of %s, which is not "
                                    "resolved: judged on what the release's card shows",
                             bv->id);
    if (!rc)
        rc = trop_reason_add(&c[2], "base model %s%s%s%s: %s", bv->id, open, src, close,
                             bv->data_known ? tro_status_name(bd) : "not known");
    return rc;
}

/* The first licence of a NUL-separated list, or NULL. */
static const char *first_license(trop_str list)
{
    return list.n ? list.s : NULL;
}

/* The lineage step of this base, then its own steps one level deeper. */
static int step_add(trop_judgement *jd, const base_view *bv, const char *relation,
                    const trop_base *b)
{
    trop_step st = {.depth = 1, .resolved = bv->resolved, .known = bv->source != NULL};
    memcpy(st.status, bv->status, sizeof st.status);
    /* a base known only from the built-in table: its licence alone */
    const char *lic = b ? b->licenses.s : bv->source ? bv->license : NULL;
    size_t lic_len = b ? b->licenses.n : lic ? strlen(lic) + 1 : 0;
    int rc = trop_step_add(&jd->lineage, &st, bv->id, relation, bv->source, lic, lic_len);
    for (size_t i = 0; !rc && b && i < b->lineage.n; i++) {
        const trop_step *s = &b->lineage.v[i];
        trop_step deeper = *s;
        deeper.depth = s->depth + 1;
        rc = trop_step_add(&jd->lineage, &deeper, s->id.s, s->relation.s, s->source.s,
                           s->licenses.s, s->licenses.n);
    }
    return rc;
}

/* The release's own datasets are what a derivative was fine-tuned on; a
 * judged base's datasets count through it (role base). */
static int data_rows(trop_judgement *jd, const base_view *bv, const trop_base *b, bool first)
{
    for (size_t i = 0; first && !jd->quantized && i < jd->datasets.n; i++)
        if (jd->datasets.v[i].role == TRO_ROLE_TRAINING)
            jd->datasets.v[i].role = TRO_ROLE_FINE_TUNING;
    char by[TROP_HUB_ID_MAX + 16];
    int len = snprintf(by, sizeof by, "base model %s", bv->id);
    size_t bylen = len > 0 && (size_t)len < sizeof by ? (size_t)len + 1 : sizeof by;
    by[bylen - 1] = '\0';
    int rc = 0;
    for (size_t i = 0; b && !rc && i < b->datasets.n; i++) {
        const trop_dsrow *d = &b->datasets.v[i];
        if (d->role == TRO_ROLE_EVALUATION)
            continue;
        trop_dsrow r = *d;
        r.role = TRO_ROLE_BASE;
        rc = trop_dsrow_add(&jd->datasets, &r, d->id.s, by, bylen, d->source.s, d->license.s,
                            d->problem.s);
    }
    return rc;
}

/* A card that says its model was fine-tuned, yet names neither its base
 * nor its pretraining data, accounts for part of its data only. */
static int finetune_cap(trop_judgement *jd)
{
    trop_crit *c = &jd->crit[TRO_CRITERION_DATA_ACCESS];
    if (jd->finetune_line <= 0 || c->status != TRO_STATUS_PASS)
        return 0;
    c->status = TRO_STATUS_PARTIAL;
    return trop_reason_add(c, "the card says the model was fine-tuned (line %lld) but names "
                              "neither its base model nor the base's training data",
                           (long long)jd->finetune_line);
}

/* The built-in table: use freedom of well-known model families. */
static int builtin(trop_judgement *jd, base_view *bv, char **expr)
{
    const trop_builtin_model *m = trop_builtin_find(bv->id);
    if (!m)
        return 0;
    tro_license_result *r = NULL;
    int rc = tro_license_classify(m->license, &r, NULL);
    if (rc == TRO_ENOMEM)
        return rc;
    if (rc == TRO_OK) {
        bool known = tro_license_result_category(r) != TRO_LICENSE_UNKNOWN;
        bv->status[0] = !known                          ? TRO_STATUS_UNKNOWN
                        : trop_license_free_for(r, TRO_LICENSE_COVERS_WEIGHTS) ? TRO_STATUS_PASS
                                                                               : TRO_STATUS_FAIL;
        *expr = trop_strdup(tro_license_result_expression(r));
        tro_license_result_free(r);
        if (!*expr)
            return TRO_ENOMEM;
        bv->license = *expr;
    }
    bv->source = "builtin";
    int data = trop_builtin_family_data(bv->id);
    if (data >= 0) {
        bv->data_known = true;
        bv->status[TRO_CRITERION_DATA_ACCESS] = data == 2   ? TRO_STATUS_PASS
                                                : data == 1 ? TRO_STATUS_PARTIAL
                                                            : TRO_STATUS_FAIL;
    }
    char *t = trop_asprintf("base model %s: %s (%s, built-in knowledge: %s)", bv->id,
                            bv->license ? bv->license : m->license, tro_status_name(bv->status[0]),
                            m->note);
    rc = t ? trop_evidence_add(&jd->crit[0], "base-model", t,
                               jd->card ? jd->card->path : "", NULL, 0, -1)
           : TRO_ENOMEM;
    free(t);
    return rc ? rc
              : trop_judge_finding(jd, TRO_SEVERITY_INFO, "base-model-builtin",
                                   jd->card ? jd->card->path : "",
                                   "base model %s is not in a catalog; its licence (%s)%s comes "
                                   "from built-in knowledge",
                                   bv->id, bv->license ? bv->license : m->license,
                                   data >= 0 ? " and its family's training data" : "");
}

/* Resolves base id into bv; 0, or a TRO_E* code. */
static int find_base(trop_judge *j, trop_judgement *jd, base_view *bv, const trop_base **b,
                     char **expr, const char *path)
{
    *b = NULL;
    for (unsigned k = 0; k < j->depth; k++)
        if (!strcasecmp(j->stack[k], bv->id)) {
            jd->truncated = true;
            return trop_judge_finding(jd, TRO_SEVERITY_WARNING, "lineage-cycle", path,
                                      "base model %s is its own ancestor; not followed again",
                                      bv->id);
        }
    if (j->depth + 1 > j->max_depth) {
        jd->truncated = true;
        return trop_judge_finding(jd, TRO_SEVERITY_WARNING, "lineage-depth-limit", path,
                                  "base model %s is more than %u steps away; not followed", bv->id,
                                  j->max_depth);
    }
    int rc = trop_hub_id_valid(bv->id) ? trop_resolve_model(j, bv->id, b, &bv->source) : 0;
    if (rc < 0)
        return rc;
    if (rc == 1) {
        bv->resolved = bv->data_known = true;
        memcpy(bv->status, (*b)->status, sizeof bv->status);
        jd->truncated |= (*b)->truncated;
        for (size_t i = 0; i < (*b)->cut.n; i++) {
            const trop_jfinding *f = &(*b)->cut.v[i];
            if ((rc = trop_judge_finding(jd, f->sev, f->code.s, f->path.s, "%s", f->message.s)))
                return rc;
        }
        char *t = trop_asprintf("base model %s (%s): use %s, method %s, data %s", bv->id,
                                bv->source, tro_status_name(bv->status[0]),
                                tro_status_name(bv->status[1]), tro_status_name(bv->status[2]));
        rc = t ? trop_evidence_add(&jd->crit[0], "base-model", t, path, NULL, 0, -1)
               : TRO_ENOMEM;
        free(t);
        return rc;
    }
    bv->source = NULL;
    if ((rc = builtin(jd, bv, expr)) || bv->source)
        return rc;
    return trop_judge_finding(jd, TRO_SEVERITY_WARNING, "base-model-unresolved", path,
                              "base model %s could not be resolved (no resolver answer, no "
                              "catalog entry, not a known model family): its openness is "
                              "unknown",
                              bv->id);
}

static int laundering(trop_judgement *jd, const base_view *bv, const char *path)
{
    if (jd->own_use != TRO_STATUS_PASS || bv->status[0] != TRO_STATUS_FAIL || bv->same_licensor)
        return 0;
    const trop_licstmt *own = jd->licenses.n ? &jd->licenses.v[0] : NULL;
    return trop_judge_finding(
        jd, TRO_SEVERITY_ERROR, "license-laundering", path,
        "the release is licensed %s (free), but its base model %s is under %s, which is not "
        "free: a derivative cannot be freer than its base",
        own ? own->expression.s : "freely", bv->id,
        bv->license ? bv->license : "a licence that is not free");
}

int trop_judge_lineage(trop_judge *j, trop_judgement *jd)
{
    bases b = {.n = 0};
    int rc = collect(jd, &b);
    const trop_card_facts *card = trop_card_facts_of(jd->card);
    const char *relation = card ? card->base_model_relation.s : NULL;
    jd->quantized = b.n && repackaged(jd, relation);
    char org[64] = "", own_org[64] = "";
    if (jd->view)
        memcpy(own_org, jd->view->id.org, sizeof own_org);
    for (size_t i = 0; !rc && i < b.n; i++) {
        base_view bv = {.id = b.id[i]};
        const trop_base *base = NULL;
        char *expr = NULL;
        org_of(bv.id, org);
        bv.same_licensor = *org && !strcmp(org, own_org);
        if (b.why[i]) {
            rc = trop_evidence_addf(&jd->crit[0], "base-model", b.path[i], NULL, b.line[i], -1,
                                    "the card names base model %s", bv.id);
            if (!rc)
                rc = trop_evidence_why(&jd->crit[0], b.why[i]);
        }
        if (!rc)
            rc = find_base(j, jd, &bv, &base, &expr, b.path[i]);
        if (!rc && base && !bv.license)
            bv.license = first_license(base->licenses);
        if (!rc)
            rc = step_add(jd, &bv, relation, base);
        if (!rc)
            rc = apply(jd, &bv, jd->quantized, i == 0);
        if (!rc)
            rc = data_rows(jd, &bv, base, i == 0);
        if (!rc)
            rc = laundering(jd, &bv, b.path[i]);
        free(expr);
    }
    if (!rc && !b.n)
        rc = finetune_cap(jd);
    for (size_t i = 0; i < b.n; i++)
        free(b.id[i]);
    return rc;
}

/*
 * Judging a release: trop_judge() makes its judgement record. The release is
 * judged by its card (the root README.md, else its only card, else the first
 * card at its top level), the artifacts it ships, and through lineage the
 * base models it names; see the files of each criterion for the rules.
 */
#include "prose.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DEFAULT_LINEAGE_DEPTH 8u

static bool is_card(const tro_artifact *a)
{
    return a->type == TRO_TYPE_MODEL_CARD || a->type == TRO_TYPE_MARKDOWN;
}

/* Front matter keys that only dataset cards use, and none that only model
 * cards use. */
/* A README without front matter describes a dataset when the first of its
 * blocks (title first) that speaks of a model or of data speaks of data:
 * "# RedPajama-Data-v2: an Open Dataset with 30 Trillion Tokens for Training
 * Large Language Models", "Dolma Dataset: an open dataset of ...". */
static bool readme_of_dataset(const trop_card_body *b)
{
    static const char *const data[] = {"dataset*", "corpus", "corpora", "data", NULL};
    static const char *const model[] = {"model", "models", "llm*", "checkpoint*", "weights",
                                        NULL};
    for (size_t i = 0; b && i < b->nblocks && i < 16; i++) {
        const trop_card_block *k = &b->blocks[i];
        if (k->kind == TROP_BLOCK_CODE)
            continue;
        char low[512];
        size_t n = k->len < sizeof low ? k->len : sizeof low;
        trop_lower(k->text, n, low);
        size_t at_d, at_m;
        long d = trop_word_any(low, n, data, &at_d), m = trop_word_any(low, n, model, &at_m);
        if (d >= 0 || m >= 0)
            return d >= 0 && (m < 0 || at_d < at_m);
    }
    return false;
}

bool trop_card_is_dataset(const tro_artifact *card)
{
    const trop_card_facts *c = trop_card_facts_of(card);
    if (!c)
        return false;
    if (c->keys & (TROP_FM_DATASET_KEYS | TROP_FM_MODEL_KEYS))
        return (c->keys & TROP_FM_DATASET_KEYS) && !(c->keys & TROP_FM_MODEL_KEYS);
    const trop_card_body *b = c->body;
    for (size_t i = 0; b && i < b->nsecs; i++)
        if (b->secs[i].level == 1) {
            if (b->secs[i].title_len >= 17 && !strncasecmp(b->secs[i].title, "dataset card for", 16))
                return true;
            break;
        }
    return (!c->fm_status || !strcmp(c->fm_status, "none")) && readme_of_dataset(b);
}

const tro_artifact *trop_release_card(const tro_release *rel, bool *dataset)
{
    const tro_artifact *card = NULL, *top = NULL, *any = NULL;
    size_t cards = 0;
    for (size_t i = 0; i < rel->n; i++) {
        const tro_artifact *a = rel->arts[i];
        if (!is_card(a))
            continue;
        cards++;
        bool root = !strchr(a->path, '/');
        if (root && (!strcasecmp(a->path, "README.md") || !strcasecmp(a->path, "README.markdown")))
            card = a;
        if (root && !top && a->type == TRO_TYPE_MODEL_CARD)
            top = a;
        if (!any && a->type == TRO_TYPE_MODEL_CARD)
            any = a;
    }
    if (!card && cards == 1)
        for (size_t i = 0; i < rel->n && !card; i++)
            if (is_card(rel->arts[i]))
                card = rel->arts[i];
    if (!card)
        card = top ? top : any;
    *dataset = card && trop_card_is_dataset(card);
    return card;
}

static const char *const status_names[] = {"unknown", "fail", "partial", "pass"};
static const char *const criterion_names[] = {"use_freedom", "method_transparency",
                                              "data_access"};

const char *tro_status_name(tro_status status)
{
    if ((int)status < 0 || status > TRO_STATUS_PASS)
        return "unknown";
    return status_names[status];
}

tro_status trop_status_parse(const char *name)
{
    for (int i = 0; i <= TRO_STATUS_PASS; i++)
        if (name && !strcmp(name, status_names[i]))
            return (tro_status)i;
    return TRO_STATUS_UNKNOWN;
}

const char *tro_criterion_name(tro_criterion criterion)
{
    if ((int)criterion < 0 || criterion > TRO_CRITERION_DATA_ACCESS)
        return "unknown";
    return criterion_names[criterion];
}

int trop_judge_release(trop_judge *j, const tro_release *rel, trop_judgement *out)
{
    int rc;
    trop_judgement_init(out, rel);
    out->card = trop_release_card(rel, &out->dataset);
    if (out->card) {
        out->view = malloc(sizeof *out->view);
        rc = out->view ? trop_cardview_init(out->view, out->card, out->dataset,
                                            tro_release_name(rel))
                       : TRO_ENOMEM;
        if (rc) {
            free(out->view);
            out->view = NULL;
            trop_judgement_clear(out);
            return rc;
        }
    }
    if (!(rc = trop_card_links(out)) && !(rc = trop_judge_use(j, out)) &&
        !(rc = trop_judge_method(j, out)) && !(rc = trop_judge_data(j, out)) &&
        !(rc = trop_judge_lineage(j, out)))
        rc = trop_judge_mof_evidence(out);
    for (int i = 0; !rc && i < 3; i++) /* an item lost for memory, its code lost too */
        if (out->crit[i].short_of_memory)
            rc = TRO_ENOMEM;
    if (rc)
        trop_judgement_clear(out);
    return rc;
}

/* The class of the release's first MOF release file, if any. */
static int mof_class(trop_judgement *jd)
{
    const tro_release *rel = jd->rel;
    for (size_t i = 0; i < rel->n; i++) {
        if (rel->arts[i]->type != TRO_TYPE_MOF)
            continue;
        static const trop_mof_facts unread; /* read without readers: nothing listed */
        const trop_facts *f = trop_facts_of(rel->arts[i]);
        if (!trop_arena_cstr(&jd->mof.texts, rel->arts[i]->path, &jd->mof.path))
            return TRO_ENOMEM;
        return trop_mof_classify(f ? &f->u.mof : &unread, trop_mof_license_open, NULL, &jd->mof);
    }
    return 0;
}

/* Copies what the record shows of the release: it may be freed first. */
static int snapshot(trop_judgement *jd)
{
    const tro_release *rel = jd->rel;
    if (!trop_arena_cstr(&jd->texts, rel->name, &jd->name) ||
        (jd->card && !trop_arena_cstr(&jd->texts, jd->card->path, &jd->card_path)) ||
        trop_vec_reserve(&jd->arts, rel->n))
        return TRO_ENOMEM;
    for (size_t i = 0; i < rel->n; i++) {
        const tro_artifact *a = rel->arts[i];
        trop_art *s = &jd->arts.v[jd->arts.n++];
        *s = (trop_art){.size = a->size,
                        .type = a->type,
                        .hashed = a->hashed,
                        .sha256_source = tro_artifact_sha256_source(a)};
        memcpy(s->sha256, a->sha256, sizeof s->sha256);
        if (!trop_arena_cstr(&jd->texts, a->path, &s->path))
            return TRO_ENOMEM;
    }
    for (size_t i = 0; i < rel->findings.n; i++) {
        const tro_finding *f = &rel->findings.v[i];
        int rc = trop_jfinding_copy(&jd->rfindings, f->severity, f->code, f->message, f->path,
                                    f->offset);
        if (rc)
            return rc;
    }
    return 0;
}

int trop_judge_run(tro_ctx *ctx, const tro_release *rel, const trop_judge_opts *o,
               trop_judgement **out, tro_error *err)
{
    *out = NULL;
    trop_judge j = {.ctx = ctx,
                    .cat = o->catalog,
                    .resolve = o->resolve,
                    .resolve_ud = o->resolve_userdata,
                    .err = err,
                    .max_depth = o->max_lineage_depth ? o->max_lineage_depth
                                                      : DEFAULT_LINEAGE_DEPTH};
    if (j.max_depth > TROP_MAX_LINEAGE_DEPTH)
        j.max_depth = TROP_MAX_LINEAGE_DEPTH;
    trop_judgement *jd = calloc(1, sizeof *jd);
    int rc = jd ? trop_judge_release(&j, rel, jd) : TRO_ENOMEM;
    /* why resolvers could not answer: findings of the record, after the
     * judge's own */
    for (size_t i = 0; !rc && i < j.notes.n; i++) {
        const tro_finding *f = &j.notes.v[i];
        rc = trop_judge_finding(jd, f->severity, f->code, f->path, "%s", f->message);
    }
    trop_memo_free(j.memo);
    trop_findings_clear(&j.notes);
    if (!rc && !(rc = mof_class(jd)))
        rc = snapshot(jd);
    if (rc) {
        if (jd && jd->rel) /* judged: clear what it holds */
            trop_judgement_clear(jd);
        free(jd);
        return rc;
    }
    /* the working parts go: the record stands alone */
    trop_judgement_release_parts(jd);
    *out = jd;
    return 0;
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Method transparency: is the way the model was made public? Three kinds of
 * evidence, read from the card by the rules of method_code.c,
 * method_paper.c and method_proc.c, and from a MOF release file:
 *  (a) training code: public code that trains this model (for a dataset,
 *      builds it);
 *  (b) a paper or technical report about this model (dataset);
 *  (c) the training procedure: at least two kinds of training
 *      hyperparameters stated for this model (for a dataset, processing
 *      steps with their settings).
 * pass = (a) and ((b) or (c)); partial = some of them; fail = none.
 */
#include "method.h"

#include <stdlib.h>
#include <string.h>

#define MAX_EVIDENCE 8 /* per kind: a report names a few, not all */
#define MIN_KINDS 2    /* hyperparameter kinds that make a procedure */

typedef struct found {
    unsigned code, paper, procedure;
} found;

/* ---- shared by the rules ------------------------------------------------------------- */

int trop_mfound_add(trop_mfounds *out, const char *text, size_t n, const char *url,
                    const char *why, int64_t line)
{
    for (size_t i = 0; url && i < out->n; i++)
        if (out->v[i].url && !strcmp(out->v[i].url, url))
            return 0; /* the same link twice */
    if (n > 300)
        n = 300;
    trop_mfound *f = trop_vec_add(out);
    if (!f)
        return TRO_ENOMEM;
    f->text = trop_arena_copy(&out->texts, text, n);
    f->url = url ? trop_arena_copy(&out->texts, url, strlen(url)) : NULL;
    f->why = why;
    f->line = line;
    if (!f->text || (url && !f->url)) {
        out->n--;
        return TRO_ENOMEM;
    }
    return 0;
}

void trop_mfounds_free(trop_mfounds *f)
{
    trop_vec_free(f);
    trop_arena_free(&f->texts);
}

bool trop_mentions_self(const trop_cardview *v, const char *text, size_t n)
{
    return trop_identity_in(&v->id, text, n);
}

bool trop_mentions_other(const trop_cardview *v, const char *text, size_t n)
{
    if (trop_names_other_model(&v->id, text, n))
        return true;
    for (size_t i = 0; i < n; i++) {
        if (!((text[i] | 0x20) >= 'a' && (text[i] | 0x20) <= 'z') ||
            (i && trop_word_byte((unsigned char)text[i - 1])))
            continue;
        size_t used;
        if (trop_builtin_name_at(text + i, n - i, &used) &&
            !trop_identity_is_self(&v->id, text + i, used) &&
            !trop_identity_in(&v->id, text + i, used))
            return true;
    }
    return false;
}

int trop_mlinks_init(trop_mlinks *l, const trop_cardview *v)
{
    const trop_card_body *body = v->body;
    l->v = v;
    l->n = body ? body->nlinks : 0;
    l->link = malloc((l->n ? l->n : 1) * sizeof *l->link);
    if (!l->link)
        return TRO_ENOMEM;
    for (size_t i = 0; i < l->n; i++) {
        trop_mlink *k = &l->link[i];
        k->is_repo = !body->links[i].image && trop_repo_parse(body->links[i].url, &k->repo);
        k->has_sent = false;
    }
    return 0;
}

void trop_mlinks_free(trop_mlinks *l)
{
    free(l->link);
    l->link = NULL;
    l->n = 0;
}

trop_span trop_mlink_sentence(trop_mlinks *l, size_t i)
{
    trop_mlink *k = &l->link[i];
    if (!k->has_sent) {
        const trop_card_href *h = &l->v->body->links[i];
        const trop_card_block *b = &l->v->body->blocks[h->block];
        k->sent = trop_sentence_at(b->text, b->len, h->at);
        k->has_sent = true;
    }
    return k->sent;
}

/* ---- evidence --------------------------------------------------------------------------- */

static int add(trop_judgement *jd, found *f, const char *kind, const char *text,
               const char *path, const char *url, int64_t line, const char *why)
{
    unsigned *n = !strcmp(kind, "training-code") ? &f->code
                  : !strcmp(kind, "paper")       ? &f->paper
                                                 : &f->procedure;
    if ((*n)++ >= MAX_EVIDENCE)
        return 0;
    trop_crit *c = &jd->crit[TRO_CRITERION_METHOD_TRANSPARENCY];
    int rc = trop_evidence_add(c, kind, text, path, url, line, -1);
    return rc || !why ? rc : trop_evidence_why(c, why);
}

static unsigned bits(unsigned k)
{
    unsigned n = 0;
    for (; k; k &= k - 1)
        n++;
    return n;
}

static int from_card(trop_judgement *jd, found *f)
{
    const trop_cardview *v = jd->view;
    trop_mfounds code = {.n = 0}, papers = {.n = 0}, proc = {.n = 0};
    trop_mlinks links;
    unsigned kinds = 0;
    int rc = trop_mlinks_init(&links, v);
    if (!rc)
        rc = trop_method_code(v, &links, &code);
    if (!rc)
        rc = trop_method_papers(v, &links, &papers);
    trop_mlinks_free(&links);
    if (!rc)
        rc = trop_method_procedure(v, &proc, &kinds);
    const char *path = jd->card->path;
    for (size_t i = 0; !rc && i < code.n; i++)
        rc = add(jd, f, "training-code", code.v[i].url ? code.v[i].url : code.v[i].text, path,
                 code.v[i].url, code.v[i].line, code.v[i].why);
    for (size_t i = 0; !rc && i < papers.n; i++)
        rc = add(jd, f, "paper", papers.v[i].text, path, papers.v[i].url, papers.v[i].line,
                 papers.v[i].why);
    jd->has_code |= code.n > 0;
    jd->has_paper |= papers.n > 0;
    bool procedure = jd->dataset ? kinds != 0 : bits(kinds) >= MIN_KINDS;
    if (procedure) {
        jd->has_procedure = true;
        for (size_t i = 0; !rc && i < proc.n; i++) {
            char *t = trop_asprintf("%s: %s", proc.v[i].why, proc.v[i].text);
            rc = t ? add(jd, f, "training-procedure", t, path, NULL, proc.v[i].line,
                         jd->dataset ? "a processing step with its setting"
                                     : "a training hyperparameter stated for the model")
                   : TRO_ENOMEM;
            free(t);
        }
    } else if (proc.n) {
        /* one kind is not a procedure: say what was found */
        rc = trop_reason_add(&jd->crit[TRO_CRITERION_METHOD_TRANSPARENCY],
                             "only one kind of training hyperparameter is stated (%s, line "
                             "%lld); a procedure needs %d",
                             proc.v[0].why, (long long)proc.v[0].line, MIN_KINDS);
    }
    trop_mfounds_free(&code);
    trop_mfounds_free(&papers);
    trop_mfounds_free(&proc);
    return rc;
}

static int mof_components(trop_judgement *jd, found *f)
{
    for (size_t a = 0; a < jd->rel->n; a++) {
        const tro_artifact *art = jd->rel->arts[a];
        if (art->type != TRO_TYPE_MOF)
            continue;
        const trop_facts *mf = trop_facts_of(art);
        for (size_t i = 0; mf && i < mf->u.mof.components.n; i++) {
            const trop_mof_fact_component *c = &mf->u.mof.components.v[i];
            const char *name = c->name.s;
            trop_link_kind k = TROP_LINK_OTHER;
            if (name && !strcmp(name, "Training code"))
                k = TROP_LINK_CODE;
            else if (name && (!strcmp(name, "Research paper") || !strcmp(name, "Technical report")))
                k = TROP_LINK_PAPER;
            if (k == TROP_LINK_OTHER)
                continue;
            const char *url = c->path.s;
            char *t = trop_asprintf("MOF component '%s'", name);
            if (k == TROP_LINK_CODE)
                jd->has_code = true;
            else
                jd->has_paper = true;
            int rc = t ? add(jd, f, k == TROP_LINK_CODE ? "training-code" : "paper", t, art->path,
                         url && *url ? url : NULL, 0, "a component of the MOF release file")
                   : TRO_ENOMEM;
            free(t);
            if (rc)
                return rc;
        }
    }
    return 0;
}

int trop_judge_method(trop_judge *j, trop_judgement *jd)
{
    (void)j;
    found f = {0, 0, 0};
    trop_crit *c = &jd->crit[TRO_CRITERION_METHOD_TRANSPARENCY];
    int rc = 0;
    if (jd->view && jd->view->card)
        rc = from_card(jd, &f);
    if (!rc)
        rc = mof_components(jd, &f);
    if (rc)
        return rc;
    bool code = jd->has_code, doc = jd->has_paper || jd->has_procedure;
    c->status = code && doc ? TRO_STATUS_PASS : code || doc ? TRO_STATUS_PARTIAL : TRO_STATUS_FAIL;
    const char *what = jd->dataset ? "builds the dataset" : "trains the model";
    if (!code)
        rc = trop_reason_add(c, "no training code: the card links no repository it says %s, "
                                "no training script or configuration of it, no training "
                                "command",
                             what);
    if (!rc && !jd->has_paper)
        rc = trop_reason_add(c, "no paper or technical report of the %s: none linked as such "
                                "or cited",
                             jd->dataset ? "dataset" : "model");
    if (!rc && !jd->has_procedure)
        rc = jd->dataset ? trop_reason_add(c, "no processing steps with their settings "
                                              "(thresholds, shares, sizes)")
                         : trop_reason_add(c, "no training procedure: fewer than %d kinds of "
                                              "hyperparameters (optimizer, learning rate, batch "
                                              "size, steps or tokens, sequence length, "
                                              "precision) stated for the model",
                                           MIN_KINDS);
    if (!rc && c->status == TRO_STATUS_PASS)
        rc = trop_reason_add(c, "training code and %s are public",
                             jd->has_paper ? "a paper" : "the training procedure");
    return rc;
}

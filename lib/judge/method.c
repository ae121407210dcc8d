/*
 * Method transparency: is the way the model was made public?
 *  (a) training code: a source repository linked from the card (front
 *      matter values or body), or a MOF "Training code" component;
 *  (b) a paper or technical report: an arXiv, DOI, OpenReview or ACL
 *      Anthology link, an arxiv: tag, or a MOF paper or report component;
 *  (c) a training procedure: a card section whose heading names training
 *      (for a dataset: its creation, curation, collection or processing)
 *      with at least TRAINING_WORDS words or a table, counting its
 *      subsections but not sections about data only; placeholder text does
 *      not count.
 * pass = (a) and ((b) or (c)); partial = some of them; fail = none.
 */
#include "judge.h"

#include <string.h>
#include <strings.h>

#define TRAINING_WORDS 40
#define MAX_EVIDENCE 8 /* per kind: a report names a few, not all */

typedef struct found {
    unsigned code, paper, procedure;
} found;

static int add(trop_judgement *jd, found *f, trop_link_kind k, const char *text, const char *path,
               const char *url, int64_t line)
{
    unsigned *n = k == TROP_LINK_CODE ? &f->code : &f->paper;
    const char *kind = k == TROP_LINK_CODE ? "training-code" : "paper";
    if (k == TROP_LINK_CODE)
        jd->has_code = true;
    else
        jd->has_paper = true;
    if ((*n)++ >= MAX_EVIDENCE)
        return 0;
    return trop_evidence_add(&jd->crit[TRO_CRITERION_METHOD_TRANSPARENCY], kind, text, path,
                             url, line, -1);
}

static int links(trop_judgement *jd, found *f)
{
    const tro_artifact *card = jd->card;
    size_t i;
    const json_t *l;
    int rc = 0;
    for (i = 0; i < jd->nlinks && !rc; i++) {
        const trop_card_link *c = &jd->links[i];
        if ((c->kind == TROP_LINK_CODE || c->kind == TROP_LINK_PAPER) && !c->dup)
            rc = add(jd, f, (trop_link_kind)c->kind, c->url, card->path, c->url, c->line);
    }
    if (rc)
        return rc;
    json_array_foreach(json_object_get(card->meta, "arxiv"), i, l)
    {
        char *t = trop_asprintf("arxiv:%s tag", json_string_value(l));
        char *u = trop_asprintf("https://arxiv.org/abs/%s", json_string_value(l));
        rc = t && u ? add(jd, f, TROP_LINK_PAPER, t, card->path, u, 0) : TRO_ENOMEM;
        free(t);
        free(u);
        if (rc)
            return rc;
    }
    return 0;
}

/* URLs written as front matter values (repository: https://github.com/...). */
static int front_matter_urls(trop_judgement *jd, found *f)
{
    const json_t *fm = json_object_get(jd->card->meta, "front_matter");
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)fm, key, v)
    {
        if (!strncmp(key, "license", 7))
            continue;
        for (size_t i = 0, n = json_is_array(v) ? json_array_size(v) : 1; i < n && i < 64; i++) {
            const json_t *s = json_is_array(v) ? json_array_get(v, i) : v;
            const char *url = json_string_value(s);
            /* only URLs are worth classifying */
            trop_link_kind k = url && (url[0] == 'h' || url[0] == 'g' || url[0] == 's')
                                   ? trop_link_classify(url, NULL, 0)
                                   : TROP_LINK_OTHER;
            if (k != TROP_LINK_CODE && k != TROP_LINK_PAPER)
                continue;
            char *t = trop_asprintf("front matter %s: %s", key, url);
            int rc = t ? add(jd, f, k, t, jd->card->path, url, 0) : TRO_ENOMEM;
            free(t);
            if (rc)
                return rc;
        }
    }
    return 0;
}

/* ---- sections ------------------------------------------------------------------ */

enum { T_NONE = 0, T_TRAINING = 1, T_DATA = 2, T_PROCEDURE = 4 };

static bool is_alpha(char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26;
}

/* Compared with constant lengths, so the compiler inlines them: every word
 * of every heading of every card goes through here. */
#define IS(lit) (n == sizeof lit - 1 && !memcmp(w, lit, sizeof lit - 1))
#define STARTS(lit) (n >= sizeof lit - 1 && !memcmp(w, lit, sizeof lit - 1))

/* What one lower-cased word adds to a heading's kind: training words
 * (train*, pretrain*, finetun*, "fine tun*"), data words, procedure words
 * (and hyperparam*), and for a dataset the stems of its making. */
static unsigned word_kind(const char *w, size_t n, bool after_fine, bool dataset)
{
    unsigned k = T_NONE, made = dataset ? T_TRAINING | T_PROCEDURE : T_NONE;
    switch (w[0]) {
    case 't':
        k |= STARTS("train") || (after_fine && STARTS("tun")) ? T_TRAINING : 0;
        break;
    case 'p':
        k |= STARTS("pretrain") ? T_TRAINING : 0;
        k |= IS("procedure") ? T_PROCEDURE : 0;
        k |= STARTS("process") || STARTS("preprocess") || STARTS("pipeline") ? made : 0;
        break;
    case 'f':
        k |= STARTS("finetun") ? T_TRAINING : 0;
        k |= STARTS("filter") ? made : 0;
        break;
    case 'd':
        k |= IS("data") || IS("dataset") || IS("datasets") ? T_DATA : 0;
        k |= IS("details") ? T_PROCEDURE : 0;
        k |= STARTS("dedup") ? made : 0;
        break;
    case 'c':
        k |= IS("corpus") || IS("corpora") ? T_DATA : 0;
        k |= STARTS("creat") || STARTS("curat") || STARTS("collect") || STARTS("construct") ? made
                                                                                           : 0;
        break;
    case 'm':
        k |= IS("method") || IS("methods") ? T_PROCEDURE : 0;
        k |= STARTS("methodolog") ? made : 0;
        break;
    case 'r': k |= IS("recipe") ? T_PROCEDURE : 0; break;
    case 's': k |= IS("setup") ? T_PROCEDURE : 0; break;
    case 'h': k |= STARTS("hyperparam") ? T_PROCEDURE : 0; break;
    default: break;
    }
    return k;
}

/* What a heading talks about, from its lower-cased words (ASCII letters:
 * the C locale's, whatever the caller's locale). */
static unsigned heading_kind(const char *title, bool dataset)
{
    unsigned k = T_NONE;
    char w[32];
    bool after_fine = false;
    const char *p = title;
    while (*p) {
        size_t n = 0;
        while (*p && !is_alpha(*p))
            p++;
        while (is_alpha(*p)) {
            if (n < sizeof w - 1)
                w[n++] = (char)(*p | 0x20);
            p++;
        }
        if (!n)
            break;
        k |= word_kind(w, n, after_fine, dataset);
        after_fine = IS("fine");
    }
    return k;
}

/* A heading about the data alone ("Training data") is not the procedure. */
static bool data_only(unsigned k)
{
    return (k & T_DATA) && !(k & T_PROCEDURE);
}

static int procedure(trop_judgement *jd, found *f)
{
    const trop_card_body *body = trop_card_body_of(jd->card);
    const trop_card_section *secs = body ? body->secs : NULL;
    size_t n = body ? body->nsecs : 0, end;
    bool first = true;
    for (size_t i = 0; i < n; i = end) {
        const trop_card_section *s = &secs[i];
        int64_t level = s->level;
        const char *title = s->title;
        /* a card's first level-1 heading is its title (often the model's name,
         * "llama-7b-finetuned"), not a section on training */
        bool is_title = first && level == 1;
        first &= level == 0;
        unsigned k = title && level > 0 && !is_title ? heading_kind(title, jd->dataset) : T_NONE;
        end = i + 1;
        if (!(k & T_TRAINING) || data_only(k))
            continue;
        int64_t words = (int64_t)s->words;
        bool table = s->has_table;
        for (; end < n; end++) { /* subsections */
            const trop_card_section *c = &secs[end];
            if (c->level <= level)
                break;
            if (data_only(heading_kind(c->title, jd->dataset)))
                continue;
            words += (int64_t)c->words;
            table |= c->has_table;
        }
        if (words < TRAINING_WORDS && !table) {
            end = i + 1; /* a subsection may still qualify on its own */
            continue;
        }
        jd->has_procedure = true;
        if (f->procedure++ >= MAX_EVIDENCE)
            continue;
        int rc = trop_evidence_addf(&jd->crit[TRO_CRITERION_METHOD_TRANSPARENCY],
                                    "training-procedure", jd->card->path, NULL, (int64_t)s->line,
                                    -1, "section '%s': %lld words%s", title, (long long)words,
                                    table ? ", a table" : "");
        if (rc)
            return rc;
    }
    return 0;
}

static int mof_components(trop_judgement *jd, found *f)
{
    for (size_t a = 0; a < jd->rel->n; a++) {
        const tro_artifact *art = jd->rel->arts[a];
        if (art->type != TRO_TYPE_MOF)
            continue;
        size_t i;
        const json_t *c;
        json_array_foreach(json_object_get(json_object_get(art->meta, "release"), "components"), i,
                           c)
        {
            const char *name = trop_jstr(c, "name");
            trop_link_kind k = TROP_LINK_OTHER;
            if (name && !strcmp(name, "Training code"))
                k = TROP_LINK_CODE;
            else if (name && (!strcmp(name, "Research paper") || !strcmp(name, "Technical report")))
                k = TROP_LINK_PAPER;
            if (k == TROP_LINK_OTHER)
                continue;
            const char *url = trop_jstr(c, "component_path");
            char *t = trop_asprintf("MOF component '%s'", name);
            int rc = t ? add(jd, f, k, t, art->path, url && *url ? url : NULL, 0) : TRO_ENOMEM;
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
    if (jd->card && !(rc = links(jd, &f)) && !(rc = front_matter_urls(jd, &f)))
        rc = procedure(jd, &f);
    if (!rc)
        rc = mof_components(jd, &f);
    if (rc)
        return rc;
    bool code = jd->has_code, doc = jd->has_paper || jd->has_procedure;
    c->status = code && doc ? TRO_STATUS_PASS : code || doc ? TRO_STATUS_PARTIAL : TRO_STATUS_FAIL;
    if (!code)
        rc = trop_reason_add(c, "no training code: no link to a source repository");
    if (!rc && !jd->has_paper)
        rc = trop_reason_add(c, "no paper or technical report (arXiv, DOI, OpenReview, ACL "
                                "Anthology link or arxiv: tag)");
    if (!rc && !jd->has_procedure)
        rc = trop_reason_add(c,
                             "no training procedure: no section on training with %d words "
                             "or a table",
                             TRAINING_WORDS);
    if (!rc && c->status == TRO_STATUS_PASS)
        rc = trop_reason_add(c, "training code and %s are public",
                             jd->has_paper ? "a paper" : "the training procedure");
    return rc;
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Licence terms stated in a card's prose, not in its metadata: sentences and
 * fields that say under which licence the model is released ("licensed
 * under the Apache 2.0 license", "**License**: CC-BY-NC-4.0"), that its use
 * must comply with terms or an acceptable-use policy, that it is for
 * research only or not for commercial use, or that commercial use needs a
 * separate licence; and the same in the access gate the front matter sets.
 *
 * What counts, as a careful reader of the card would read it:
 *  - a licence term: a sentence of a licence section or field, or one that
 *    grants or restricts with licence grammar anywhere else, but for code
 *    blocks and sections about other models or evaluations;
 *  - whose subject is this model: a sentence about the code alone ("This
 *    code repository is licensed under MIT") or about another model (a
 *    sibling, the base) is not the model's licence (a base counts through
 *    lineage instead), nor, in a model card, one about its training data
 *    (judged under data access);
 *  - advice is not a term: in a section on uses, limitations or risks, only
 *    a sentence that names a licence or an acceptable-use policy counts;
 *    "released for research purposes only" there is a warning.
 * Each term found becomes a licence statement of the card (source
 * "card-body", "card-gate" or "card-field") with the line it stands on.
 */
#include "terms.h"

#include <stdlib.h>
#include <string.h>

/* Grammar of a grant or a restriction, on folded text. */
#define GRANTS \
    "licensed under", "licenced under", "licensed permissively under", "license under", \
    "licenses under", "released under", "made available under", "distributed under", \
    "available under", "governed by", "under the terms of", "release it under", \
    "releasing it under", "release them under", "released with a", "release these models with", \
    "is licensed", "are licensed", "is released under"
#define COMPLY \
    "must comply with", "shall comply with", "need to comply with", "required to comply with", \
    "must adhere to", "must agree to", "agree to the", "you agree to", "provided they comply", \
    "subject to the", "requires adherence to", "require adherence to"
static const char *const grants[] = {GRANTS, NULL};
static const char *const comply[] = {COMPLY, NULL};
/* Either: most sentences have neither, told by one look. */
static const char *const grammar_words[] = {GRANTS, COMPLY, NULL};
static const char *const noncommercial[] = {"non commercial", "noncommercial",
                                            "not for commercial", "no commercial", NULL};
static const char *const research_only[] = {"research purposes only", "research use only",
                                            "for research purposes", "academic use only",
                                            "academic research only", "only for research",
                                            "solely for research", "only for academic",
                                            "for academic research", "research only", NULL};
static const char *const aup[] = {"acceptable use policy", "acceptable use addendum",
                                  "use restrictions", "use based restrictions",
                                  "prohibited use policy", NULL};
static const char *const permission[] = {"contact", "apply for", "application", "request",
                                         "refer to", "obtain", "separate licen*", "membership",
                                         "permission", "fill in", "fill out", NULL};
static const char *const license_keys[] = {"license", "licence", "licensing", "licenses",
                                           "model license", "commercial license",
                                           "license agreement", "terms of use", "licence type",
                                           "license type", NULL};
/* Subjects that are the code, not the model. */
static const char *const code_subjects[] = {"code", "codebase", "source code", "repository",
                                            "repo", "scripts", "software", NULL};
static const char *const model_subjects[] = {"model*", "weight*", "checkpoint*", "parameters",
                                             "this dataset", "the dataset", NULL};
/* Subjects that are the training data, not the model: in a model card, what
 * it says of its data's licence is judged under data access. */
static const char *const data_subjects[] = {"dataset*", "data", "corpus", "corpora", NULL};

const char *const *const trop_terms_wordlists[] = {
    grants, comply, grammar_words, noncommercial, research_only, aup, permission, NULL};

static bool any(const char *s, size_t n, const char *const *list)
{
    return trop_word_any(s, n, list, NULL) >= 0;
}

/* Where the first match of a list starts, or -1; *len its length. */
/* Where the first pattern of list matches in s[0..n) (the longest there),
 * -1 none; *len its length. */
static long first(const trop_cardview *v, const char *s, size_t n, const char *const *list,
                  size_t *len)
{
    size_t at;
    return trop_cv_word_find(v, s, n, list, &at, len) >= 0 ? (long)at : -1;
}

int trop_license_names_one(const char *s, size_t n)
{
    char buf[128];
    if (!n || n >= sizeof buf)
        return 0;
    memcpy(buf, s, n);
    buf[n] = '\0';
    tro_license_result *r = NULL;
    int rc = tro_license_classify_hf(NULL, buf, NULL, &r, NULL);
    int known = rc == 0 && tro_license_result_category(r) != TRO_LICENSE_UNKNOWN;
    /* a restriction read in words names no licence ("All Rights Reserved"
     * after a copyright line, "Acceptable Use Policy"): the terms of a
     * card's text are restriction()'s to find, advice and notices apart */
    bool stated = known;
    for (size_t i = 0; stated && i < tro_license_result_count(r); i++)
        stated = trop_license_is_stated(tro_license_result_id(r, i));
    tro_license_result_free(r);
    return rc == TRO_ENOMEM ? rc : known && !stated;
}

static int add(trop_terms *out, const trop_cardview *v, const trop_card_block *b, trop_span sp,
               const char *expr, size_t elen, const char *url, const char *source,
               const char *why)
{
    trop_term *t = trop_vec_add(out);
    if (!t)
        return TRO_ENOMEM;
    size_t tl = sp.len > 300 ? 300 : sp.len;
    t->text = trop_arena_copy(&out->texts, b ? b->text + sp.at : v->card->gate.s + sp.at, tl);
    t->expr = trop_arena_copy(&out->texts, expr, elen);
    t->url = url ? trop_arena_copy(&out->texts, url, strlen(url)) : NULL;
    if (!t->text || !t->expr || (url && !t->url)) {
        out->n--;
        return TRO_ENOMEM;
    }
    trop_utf8_patch((char *)t->text, tl);
    t->source = source;
    t->why = why;
    t->line = b ? (int64_t)b->line : 0;
    return 0;
}

/* The licence named after the grant words ("under the Apache 2.0 license,
 * which..."): up to the end of the phrase. */
static size_t phrase_after(const char *low, size_t n, size_t at, size_t *start)
{
    size_t i = at;
    while (i < n && low[i] == ' ')
        i++;
    *start = i;
    size_t e = i;
    while (e < n && !strchr(",;()[]\n", low[e]) && !(low[e] == '.' && (e + 1 == n || low[e + 1] == ' ')))
        e++;
    /* "… license and …", "… license, which …": the phrase stops at the licence word */
    size_t len;
    long lic = trop_word_find(low, e, i, "licen*", &len);
    if (lic >= 0)
        e = (size_t)lic + len;
    else {
        long stop = trop_word_find(low, e, i, "and", &len);
        if (stop > 0)
            e = (size_t)stop;
    }
    while (e > i && low[e - 1] == ' ')
        e--;
    return e - i;
}

/* Does the sentence speak of another model than the card's (its subject, the
 * words before the grant, names one)? */
static bool other_subject(const trop_cardview *v, const char *text, const char *low, size_t at)
{
    if (!at || any(low, at, model_subjects) || trop_word_has(low, at, "we") ||
        trop_word_has(low, at, "it") || trop_word_has(low, at, "our"))
        return false;
    return trop_names_other_model(&v->id, text, at);
}

static bool code_only(const char *low, size_t at)
{
    return at && any(low, at, code_subjects) && !any(low, at, model_subjects);
}

/* A model card's sentence about its training data ("trained on X, whose
 * text is available under CC BY-SA"): the data's licence, not the model's. */
static bool data_only(const trop_cardview *v, const char *low, size_t at)
{
    return !v->dataset && at && any(low, at, data_subjects) && !any(low, at, model_subjects);
}

/* The licences linked from a sentence: the link text or URL of each. */
static int linked(trop_terms *out, const trop_cardview *v, size_t bi, trop_span sp,
                  const char *source, const char *why, bool *found)
{
    const trop_card_body *body = v->body;
    const trop_card_block *b = &body->blocks[bi];
    for (size_t i = 0; i < body->nlinks; i++) {
        const trop_card_href *h = &body->links[i];
        if (h->block != bi || h->at < sp.at || h->at >= sp.at + sp.len)
            continue;
        const char *url = h->url, *low = v->lower[bi] + h->at;
        /* a model's name is not its licence's: "builds on [LLaMA](paper)" */
        size_t used = 0;
        if (!trop_word_has(low, h->len, "licen*") && trop_builtin_name_at(b->text + h->at, h->len,
                                                                           &used) &&
            used == h->len)
            continue;
        /* the text names the licence ("the Apache 2.0 license"), else the URL
         * may: asked first, as it is a lookup and naming is a classification */
        int named = trop_license_url_expr(url, h->url_len)
                        ? 1
                        : trop_license_names_one(b->text + h->at, h->len);
        if (named < 0)
            return named;
        if (named) {
            int rc = add(out, v, b, sp, b->text + h->at, h->len, url, source, why);
            if (rc)
                return rc;
            *found = true;
        }
    }
    return 0;
}

/* A restriction stated without a licence's name becomes one of trulyopen's
 * terms licences. */
static const char *restriction(const trop_cardview *v, const char *low, size_t n,
                               const char **why)
{
    if (trop_cv_word_has(v, low, n, noncommercial)) {
        *why = "states non-commercial use only";
        return "LicenseRef-trulyopen-terms-non-commercial";
    }
    if (trop_cv_word_has(v, low, n, research_only)) {
        *why = "limits use to research";
        return "LicenseRef-trulyopen-terms-research-only";
    }
    if (trop_word_has(low, n, "commercial*") && trop_cv_word_has(v, low, n, permission)) {
        *why = "commercial use needs a separate licence or permission";
        return "LicenseRef-trulyopen-terms-commercial-by-permission";
    }
    if (trop_cv_word_has(v, low, n, aup)) {
        *why = "use under an acceptable-use policy";
        return "LicenseRef-trulyopen-terms-acceptable-use";
    }
    return NULL;
}

/* One sentence of a block in licence context (ctx) or not. */
/* "The use of DeepSeek-V3 models is subject to [the Model License]": a
 * licence named only as the model's, for a family the built-in table
 * knows, is that family's licence. */
static int family_license(trop_terms *out, const trop_cardview *v, const trop_card_block *b,
                          trop_span sp, size_t subj, bool *found)
{
    const char *low = v->lower[b - v->body->blocks] + sp.at, *text = b->text + sp.at;
    static const char *const generic[] = {"model licen*", "license agreement",
                                          "licence agreement", "model agreement", NULL};
    if (!subj || !any(low + subj, sp.len - subj, generic))
        return 0;
    for (size_t i = 0; i < subj; i++) {
        if (i && trop_word_byte((unsigned char)text[i - 1]))
            continue;
        size_t used;
        const trop_builtin_name *f = trop_builtin_name_at(text + i, subj - i, &used);
        const trop_builtin_model *m = f ? trop_builtin_find(f->id) : NULL;
        if (m && m->license) {
            *found = true;
            return add(out, v, b, sp, m->license, strlen(m->license), NULL, "card-body",
                       "the card puts the model under its family's model licence, which the "
                       "built-in table knows");
        }
    }
    return 0;
}

/* The beginnings of the first words of the grants, conditions and
 * restrictions (trop_word_keys), made once per card; false when one of
 * them starts with no word byte, which any block may hold. */
static bool term_starts(trop_wmask *keys)
{
    static const char *const *const lists[] = {grants, comply, noncommercial, research_only,
                                               aup, NULL};
    static const char *const more[] = {"commercial*", "licen*", NULL};
    *keys = (trop_wmask){{0, 0, 0, 0}};
    bool all = trop_word_keys(keys, more);
    for (const char *const *const *l = lists; *l; l++)
        all = trop_word_keys(keys, *l) && all;
    return all;
}

/* Can the block state a term outside a licence section or field: does it
 * hold the first word of a grant, a condition or a restriction? (Most
 * blocks do not, and are passed over without reading their sentences.)
 * keys: term_starts(), all: what it returned; a block's mask is met by
 * them once instead of tried with each pattern (body_terms() on the 55
 * corpus cards: 71.9 M instructions with each pattern tried, 70.0 M so). */
static bool may_state_terms(const trop_cardview *v, size_t bi, const trop_wmask *keys, bool all)
{
    if (!all)
        return true;
    trop_wmask m = trop_cv_mask(v, bi);
    return trop_wmask_meets(&m, keys);
}

/* own_subject: only a sentence whose subject is the card's own dataset
 * counts (a dataset card's sections on its data also speak of its sources). */
static int sentence(trop_terms *out, const trop_cardview *v, size_t bi, trop_span sp, bool ctx,
                    bool advice, bool own_subject)
{
    const trop_card_block *b = &v->body->blocks[bi];
    const char *low = v->lower[bi] + sp.at, *text = b->text + sp.at;
    size_t n = sp.len;
    size_t gl = 0, cl = 0;
    /* a sentence with neither grant nor compliance (most) is told by one
     * query of both lists, not two (body_terms() on the 55 corpus cards:
     * 61.6 M instructions, 58.5 M) */
    long g = -1, c = -1;
    if (trop_cv_word_has(v, low, n, grammar_words)) {
        g = first(v, low, n, grants, &gl);
        c = first(v, low, n, comply, &cl);
    }
    bool grammar = g >= 0 || c >= 0;
    /* out of licence context and without grammar, only a restriction next
     * to a licence word counts: the word is looked for before the four
     * lists of restrictions, as most sentences have neither (body_terms()
     * on the 55 corpus cards: 50 M instructions before, 43 M with it) */
    if (!ctx && !grammar && (advice || !trop_word_has(low, n, "licen*")))
        return 0;
    const char *rwhy = NULL, *rexpr = restriction(v, low, n, &rwhy);
    if (!ctx && !grammar && !rexpr)
        return 0;
    size_t subj = g >= 0 ? (size_t)g : c >= 0 ? (size_t)c : 0;
    if (own_subject && !(subj && (any(low, subj, model_subjects) ||
                                  trop_identity_in(&v->id, text, subj))))
        return 0;
    if (code_only(low, subj) || data_only(v, low, subj) || other_subject(v, text, low, subj))
        return 0;
    bool found = false;
    const char *why = ctx ? "a licence section or field of the card" : "licence grammar in the card";
    int rc = linked(out, v, bi, sp, "card-body", why, &found);
    if (!rc && !found && g >= 0) {
        size_t start, pl = phrase_after(low, n, (size_t)g + gl, &start);
        int named = pl ? trop_license_names_one(text + start, pl) : 0;
        if (named < 0)
            rc = named;
        else if (named) {
            rc = add(out, v, b, sp, text + start, pl, NULL, "card-body", why);
            found = true;
        }
    }
    if (!rc && !found && ctx) { /* a field's value: "License: CC-BY-NC-4.0" */
        size_t start = b->key_len && sp.at == 0 ? b->key_len : 0;
        if (b->kind == TROP_BLOCK_ROW && memchr(text, '|', n))
            start = (size_t)((const char *)memchr(text, '|', n) - text) + 1;
        while (start < n && (text[start] == ':' || text[start] == ' '))
            start++;
        size_t e = start;
        while (e < n && !strchr(",;(\n", text[e]))
            e++;
        while (e > start && (text[e - 1] == '.' || text[e - 1] == ' '))
            e--;
        int named = e > start && e - start < 100 ? trop_license_names_one(text + start, e - start)
                                                 : 0;
        if (named < 0)
            rc = named;
        else if (named) {
            rc = add(out, v, b, sp, text + start, e - start, NULL, "card-body", why);
            found = true;
        }
    }
    if (!rc && !found && grammar)
        rc = family_license(out, v, b, sp, subj, &found);
    if (!rc && rexpr && (!advice || grammar))
        rc = add(out, v, b, sp, rexpr, strlen(rexpr), NULL, "card-body", rwhy);
    else if (!rc && rexpr && advice)
        out->advice_line = out->advice_line ? out->advice_line : (int64_t)b->line;
    return rc;
}

static bool license_key(const trop_card_block *b, const char *low)
{
    if (!b->key_len)
        return false;
    for (const char *const *k = license_keys; *k; k++)
        if (strlen(*k) == b->key_len && !memcmp(low, *k, b->key_len))
            return true;
    return false;
}

/* A table row that is a licence field: "| License | Apache 2.0 |". */
static bool license_row(const char *low, size_t n)
{
    const char *bar = memchr(low, '|', n);
    return bar && trop_word_has(low, (size_t)(bar - low), "licen*");
}

/* Nested under a list item that names another model (a family's list of
 * fine-tunes with their own licences)? */
static bool under_other_item(const trop_cardview *v, size_t bi)
{
    const trop_card_block *b = &v->body->blocks[bi];
    if (b->kind != TROP_BLOCK_ITEM || !b->depth)
        return false;
    for (size_t i = bi; i-- > 0;) {
        const trop_card_block *p = &v->body->blocks[i];
        if (p->kind != TROP_BLOCK_ITEM || p->depth < b->depth)
            return p->kind == TROP_BLOCK_ITEM && p->len < 200 &&
                   !trop_identity_is_self(&v->id, p->text, strcspn(p->text, ":(,"));
    }
    return false;
}

static int body_terms(trop_terms *out, const trop_cardview *v)
{
    trop_span sp[256];
    trop_wmask keys;
    bool all = term_starts(&keys);
    for (size_t bi = 0; bi < v->body->nblocks; bi++) {
        const trop_card_block *b = &v->body->blocks[bi];
        unsigned kind = trop_cardview_kind(v, b);
        if (b->kind == TROP_BLOCK_CODE || b->kind == TROP_BLOCK_HEADING ||
            (kind & (TROP_SEC_OTHERS | TROP_SEC_EVAL | TROP_SEC_CITATION)) ||
            under_other_item(v, bi))
            continue;
        const char *low = v->lower[bi];
        if (b->kind == TROP_BLOCK_ROW && !license_row(low, b->len))
            continue;
        bool section = (kind & TROP_SEC_LICENSE) != 0, key = license_key(b, low);
        if (!section && !key && !may_state_terms(v, bi, &keys, all))
            continue;
        bool advice = (kind & TROP_SEC_ADVICE) && !section;
        /* a dataset card: what it says of its sources' licences is not its own */
        bool own_subject = v->dataset && (kind & (TROP_SEC_DATA | TROP_SEC_CREATION)) &&
                           !section && !key;
        size_t ns = trop_cv_sentences(v, bi, sp, sizeof sp / sizeof *sp);
        for (size_t i = 0; i < ns; i++) {
            bool ctx = section || (key && i == 0) || b->kind == TROP_BLOCK_ROW;
            int rc = sentence(out, v, bi, sp[i], ctx, advice, own_subject);
            if (rc)
                return rc;
        }
    }
    return 0;
}

/* A gate's obligations, and what gates ask that is no condition of use. */
static const char *const obligations[] = {"you agree to", "must abide by", "must comply with",
                                          "you must", "agree to abide", "agree to comply",
                                          "agree to the following", "agree to these", NULL};
static const char *const privacy[] = {"contact information", "contact details", "personal data",
                                      "personal information", "privacy", "email", "e mail",
                                      "share your", "process your", "affiliation", NULL};

/* The access gate: a user must agree before downloading. */
static int gate_terms(trop_terms *out, const trop_cardview *v)
{
    const trop_str *g = &v->card->gate;
    if (!g->s)
        return 0;
    char *low = malloc(g->n + 1);
    if (!low)
        return TRO_ENOMEM;
    trop_lower(g->s, g->n, low);
    trop_span sp[64];
    size_t ns = trop_sentences(g->s, g->n, sp, sizeof sp / sizeof *sp);
    int rc = 0;
    bool conditions = false;
    for (size_t i = 0; i < ns && !rc; i++) {
        const char *s = low + sp[i].at;
        size_t n = sp[i].len;
        const char *why = NULL, *expr = restriction(v, s, n, &why);
        if (expr) {
            rc = add(out, v, NULL, sp[i], expr, strlen(expr), NULL, "card-gate", why);
            continue;
        }
        /* terms of use the gate makes one accept: obligations beyond a
         * licence ("you agree to update your copy", "must abide by"), not
         * the contact details a gate collects nor a licence it names */
        if (!conditions && any(s, n, obligations) && !any(s, n, privacy) &&
            !trop_license_names_one(g->s + sp[i].at, n)) {
            conditions = true;
            rc = add(out, v, NULL, sp[i], "LicenseRef-trulyopen-terms-conditions",
                     strlen("LicenseRef-trulyopen-terms-conditions"), NULL, "card-gate",
                     "the access gate makes use conditional on terms of use");
        }
    }
    free(low);
    return rc;
}

int trop_card_terms(const trop_cardview *v, trop_terms *out)
{
    if (!v->card)
        return 0;
    int rc = body_terms(out, v);
    return rc ? rc : gate_terms(out, v);
}

void trop_terms_free(trop_terms *t)
{
    trop_vec_free(t);
    trop_arena_free(&t->texts);
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Licences named in prose: "MIT License (code), CC BY-NC 4.0 (weights)",
 * "Apache 2.0 and MIT", "code: MIT; weights: OpenRAIL-M", "the code is
 * licensed under MIT and the model weights under CC-BY-NC-4.0". The text is
 * cut at separators (",", ";", "/", new lines, and the words and, or, and/or,
 * with, "&", "+"); consecutive pieces are joined again while they still read
 * as one licence, longest first, so that names holding commas or "or"
 * ("Apache License, Version 2.0", "GPL v2 or later") survive. Each part may
 * say what it covers. Every part must be recognised, or nothing is. */
#include "internal.h"
#include "license.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_PIECES 48
#define CONF_PROSE 0.9
#define CONF_STATED 0.6

typedef struct piece {
    size_t start, end; /* bytes of the piece */
    trop_ex_kind op;   /* the separator before it (pieces after the first) */
} piece;

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* ---- What a part covers ------------------------------------------------------- */

static const struct {
    const char *word;
    unsigned bit;
} cover_words[] = {
    {"code", TRO_LICENSE_COVERS_CODE},
    {"software", TRO_LICENSE_COVERS_CODE},
    {"source", TRO_LICENSE_COVERS_CODE},
    {"scripts", TRO_LICENSE_COVERS_CODE},
    {"codebase", TRO_LICENSE_COVERS_CODE},
    {"weights", TRO_LICENSE_COVERS_WEIGHTS},
    {"weight", TRO_LICENSE_COVERS_WEIGHTS},
    {"model", TRO_LICENSE_COVERS_WEIGHTS},
    {"models", TRO_LICENSE_COVERS_WEIGHTS},
    {"checkpoint", TRO_LICENSE_COVERS_WEIGHTS},
    {"checkpoints", TRO_LICENSE_COVERS_WEIGHTS},
    {"parameters", TRO_LICENSE_COVERS_WEIGHTS},
    {"data", TRO_LICENSE_COVERS_DATA},
    {"dataset", TRO_LICENSE_COVERS_DATA},
    {"datasets", TRO_LICENSE_COVERS_DATA},
    {"annotations", TRO_LICENSE_COVERS_DATA},
    {"corpus", TRO_LICENSE_COVERS_DATA},
    {"documentation", TRO_LICENSE_COVERS_DOCS},
    {"docs", TRO_LICENSE_COVERS_DOCS},
};

/* Words around a cover word that change nothing ("the model weights are
 * licensed under"). */
static const char *const filler_words[] = {
    "the",      "all",       "our",       "its",         "this",   "these",   "and",
    "training", "pretrained", "trained",  "is",          "are",    "be",      "licensed",
    "licenced", "released",  "distributed", "available", "provided", "made",  "published",
    "under",    "for",       "only",      "of",          "as",     "files",
};

static bool word_is(const char *w, size_t n, const char *lit)
{
    return strlen(lit) == n && !strncasecmp(w, lit, n);
}

static unsigned cover_bit(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof cover_words / sizeof cover_words[0]; i++)
        if (word_is(w, n, cover_words[i].word))
            return cover_words[i].bit;
    return 0;
}

static bool filler(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof filler_words / sizeof filler_words[0]; i++)
        if (word_is(w, n, filler_words[i]))
            return true;
    return false;
}

/* The covers of s[0..n) when it holds only cover and filler words (at least
 * one cover word), else 0. */
static unsigned cover_phrase(const char *s, size_t n)
{
    unsigned bits = 0;
    for (size_t i = 0; i < n;) {
        if (is_space(s[i]) || s[i] == '-' || s[i] == ',') {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && is_alpha(s[j]))
            j++;
        if (j == i)
            return 0;
        unsigned b = cover_bit(s + i, j - i);
        if (!b && !filler(s + i, j - i))
            return 0;
        bits |= b;
        i = j;
    }
    return bits;
}

/* Leading "the code is licensed under", "weights:": where the licence starts
 * (0 when there is no such lead) and its covers. */
static size_t cover_lead(const char *s, size_t n, unsigned *bits)
{
    size_t i = 0, after = 0;
    unsigned b = 0;
    bool under = false;
    for (;;) {
        while (i < n && is_space(s[i]))
            i++;
        size_t j = i;
        while (j < n && is_alpha(s[j]))
            j++;
        if (j == i || (j < n && !is_space(s[j]) && s[j] != ':'))
            break;
        unsigned c = cover_bit(s + i, j - i);
        if (!c && !filler(s + i, j - i))
            break;
        b |= c;
        under = word_is(s + i, j - i, "under");
        i = after = j;
        if (i < n && s[i] == ':') {
            after = ++i;
            break;
        }
    }
    if (!b && !under)
        return 0;
    *bits |= b;
    return after;
}

/* ---- Parts ---------------------------------------------------------------------- */

/* Every licence of e is in the tables (prose must name what it means). */
static bool known(const trop_expr *e)
{
    if (e->kind != TROP_EX_LICENSE)
        return known(e->left) && known(e->right);
    return e->lic && strcmp(e->lic->id, "LicenseRef-trulyopen-custom") &&
           e->exc_state != TROP_EXC_UNKNOWN_ADDITION && e->exc_state != TROP_EXC_BAD;
}

static void trim_part(const char **s, size_t *n)
{
    trop_trim(s, n);
    while (*n && strchr(".:-", (*s)[*n - 1]))
        (*n)--;
    while (*n && strchr(":-", **s))
        (*s)++, (*n)--;
    trop_trim(s, n);
}

static int unknown_leaf(const char *why, trop_expr **out)
{
    trop_expr *x = trop_expr_leaf("LicenseRef-trulyopen-custom", 27);
    if (!x)
        return TRO_ENOMEM;
    x->lic = trop_lic_find(x->id, strlen(x->id));
    x->note = why;
    x->conf = 0.1;
    *out = x;
    return 0;
}

/* Words of a pointer to the licence's text: "(see LICENSE file)", "(full
 * text below)". */
static bool reference_words(const char *s, size_t n)
{
    static const char *const words[] = {
        "see",  "license", "licence", "file",  "files",    "the",  "below", "above",
        "for",  "details", "full",    "text",  "in",       "root", "of",    "this",
        "repo", "repository", "attached", "included", "copy", "at", "readme", "md", "txt",
        NULL};
    bool any = false;
    for (size_t i = 0; i < n;) {
        if (!is_alpha(s[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && is_alpha(s[j]))
            j++;
        bool known = false;
        for (size_t k = 0; words[k] && !known; k++)
            known = word_is(s + i, j - i, words[k]);
        if (!known)
            return false;
        any = true;
        i = j;
    }
    return any;
}

/* What a parenthesised group after a licence adds: a licence or a stated
 * restriction (joined with AND), nothing (noise, a pointer to the text, or
 * the same licence again), or words nobody knows (an unknown licence: never
 * free). */
static int group_meaning(const char *g, size_t gn, const trop_expr *e, trop_expr **out)
{
    *out = NULL;
    const char *kind;
    tro_error ignored;
    trop_trim(&g, &gn);
    char key[TROP_NAME_KEY_MAX];
    if (!gn || trop_name_key(g, gn, key) == 0 || reference_words(g, gn))
        return 0;
    int rc = trop_classify_item(g, gn, out, &kind, &ignored);
    if (rc == TRO_ENOMEM)
        return rc;
    if (*out) {
        if ((*out)->kind == TROP_EX_LICENSE && e->kind == TROP_EX_LICENSE &&
            !strcmp((*out)->id, e->id)) {
            trop_expr_free(*out); /* "(ODbL)" after the Open Database License */
            *out = NULL;
        }
        return 0;
    }
    if ((rc = trop_stated_restriction(g, gn, out)) != 0 || *out)
        return rc;
    return unknown_leaf("words in parentheses after the licence that trulyopen does not know",
                        out);
}

/* One part of a list: a licence, perhaps with what it covers. 0 with *out
 * NULL when not recognised. */
static int classify_part(const char *s, size_t n, trop_expr **out)
{
    *out = NULL;
    const char *kind;
    tro_error ignored;
    trim_part(&s, &n);
    if (!n)
        return 0;
    int rc = trop_classify_item(s, n, out, &kind, &ignored);
    if (rc == TRO_ENOMEM || (*out && known(*out)))
        return rc;
    trop_expr_free(*out); /* a part must be recognised */
    *out = NULL;
    unsigned bits = 0;
    size_t lead = cover_lead(s, n, &bits);
    const char *m = s + lead;
    size_t mn = n - lead, gs = 0, gn = 0;
    trim_part(&m, &mn);
    if (mn && m[mn - 1] == ')') { /* a group at the end: covers, or more */
        size_t j = mn - 1, d = 1;
        while (j > 0 && (d += (m[j - 1] == ')') - (m[j - 1] == '(')) > 0)
            j--;
        if (j > 0 && d == 0) {
            unsigned b = cover_phrase(m + j, mn - 1 - j);
            if (b)
                bits |= b;
            else
                gs = (size_t)(m + j - s), gn = mn - 1 - j;
            mn = j - 1;
        }
    } else {
        /* "... for the model weights", "... for code" */
        for (size_t k = mn; k-- > 1;) {
            if (is_space(m[k - 1]) && k + 4 <= mn && !strncasecmp(m + k, "for ", 4)) {
                unsigned b = cover_phrase(m + k + 4, mn - k - 4);
                if (b) {
                    bits |= b;
                    mn = k;
                }
                break;
            }
        }
    }
    trim_part(&m, &mn);
    if (!mn || (!bits && !gn && !lead))
        return 0;
    rc = trop_classify_item(m, mn, out, &kind, &ignored);
    if (rc == TRO_ENOMEM || !*out || !known(*out)) {
        if (rc != TRO_ENOMEM) {
            trop_expr_free(*out);
            *out = NULL;
        }
        return rc == TRO_ENOMEM ? rc : 0;
    }
    trop_expr *extra = NULL;
    if (gn && (rc = group_meaning(s + gs, gn, *out, &extra)) != 0) {
        trop_expr_free(*out);
        *out = NULL;
        return rc;
    }
    if (extra && !(*out = trop_expr_join(TROP_EX_AND, *out, extra)))
        return TRO_ENOMEM;
    trop_expr_set_covers(*out, bits);
    return 0;
}

/* ---- Cutting and joining ---------------------------------------------------- */

static bool in_url(const char *s, size_t n, size_t i)
{
    size_t a = i, b = i;
    while (a > 0 && !is_space(s[a - 1]))
        a--;
    while (b < n && !is_space(s[b]))
        b++;
    return trop_looks_like_url(s + a, b - a);
}

static bool upper_is(const char *s, const char *lower_word, size_t l)
{
    for (size_t i = 0; i < l; i++) {
        char c = lower_word[i];
        if (s[i] != (c >= 'a' && c <= 'z' ? (char)(c - 32) : c))
            return false;
    }
    return true;
}

/* A separator word at i ("and", "or", "and/or", "with", "&", "+", "plus"),
 * with white space on both sides: its length, and *op. */
static size_t sep_word(const char *s, size_t n, size_t i, trop_ex_kind *op)
{
    static const struct {
        const char *w;
        trop_ex_kind op;
    } words[] = {{"and/or", TROP_EX_OR}, {"and", TROP_EX_AND}, {"or", TROP_EX_OR},
                 {"with", TROP_EX_AND},  {"&", TROP_EX_AND},   {"+", TROP_EX_AND},
                 {"plus", TROP_EX_AND}};
    if (i == 0 || !is_space(s[i - 1]))
        return 0;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        size_t l = strlen(words[k].w);
        /* all lower or all upper case, as SPDX operators ("And" is neither) */
        if (i + l < n && (!strncmp(s + i, words[k].w, l) || upper_is(s + i, words[k].w, l)) &&
            is_space(s[i + l])) {
            *op = words[k].op;
            return l;
        }
    }
    return 0;
}

static size_t cut(const char *s, size_t n, piece *pc)
{
    size_t np = 0, start = 0, depth = 0;
    trop_ex_kind op = TROP_EX_AND;
    for (size_t i = 0; i < n; i++) {
        size_t len = 0;
        trop_ex_kind next = TROP_EX_AND;
        if (s[i] == '(')
            depth++;
        else if (s[i] == ')')
            depth -= depth > 0;
        else if (depth)
            continue;
        else if (s[i] == ',' || s[i] == ';' || s[i] == '\n')
            len = 1;
        else if (s[i] == '/' && !in_url(s, n, i))
            len = 1;
        else
            len = sep_word(s, n, i, &next);
        if (!len)
            continue;
        if (np == MAX_PIECES)
            return 0;
        pc[np++] = (piece){start, i, op};
        op = next;
        start = i + len;
        i = start - 1;
    }
    if (np == MAX_PIECES)
        return 0;
    pc[np++] = (piece){start, n, op};
    return np;
}

/* Whether acc already holds licence e as it is, covering the same: "Apache
 * License, Version 2.0, http://www.apache.org/licenses/LICENSE-2.0" names
 * one licence twice. */
static bool holds_leaf(const trop_expr *acc, const trop_expr *e)
{
    if (acc->kind != TROP_EX_LICENSE)
        return holds_leaf(acc->left, e) || holds_leaf(acc->right, e);
    return e->kind == TROP_EX_LICENSE && e->lic && acc->lic == e->lic && acc->plus == e->plus &&
           !acc->exception && !e->exception && acc->covers == e->covers &&
           acc->cat_set == e->cat_set && (!e->cat_set || acc->cat == e->cat);
}

int trop_prose(const char *s, size_t n, trop_expr **out)
{
    *out = NULL;
    piece pc[MAX_PIECES];
    size_t np = cut(s, n, pc);
    if (!np)
        return 0;
    trop_expr *acc = NULL;
    trop_ex_kind op = TROP_EX_AND;
    int ops_seen = 0;
    for (size_t i = 0; i < np;) {
        trop_expr *e = NULL;
        size_t j;
        int rc = 0;
        for (j = np; j > i; j--) /* the longest run of pieces that is one licence */
            if ((rc = classify_part(s + pc[i].start, pc[j - 1].end - pc[i].start, &e)) != 0 || e)
                break;
        if (rc || !e) {
            trop_expr_free(acc);
            return rc;
        }
        if (acc) {
            ops_seen |= 1 << pc[i].op;
            op = pc[i].op;
        }
        if (acc && holds_leaf(acc, e))
            trop_expr_free(e); /* the same licence again */
        else if (!(acc = acc ? trop_expr_join(op, acc, e) : e))
            return TRO_ENOMEM;
        i = j;
    }
    /* "A or B and C" has no reliable grouping in prose: not recognised */
    if (ops_seen == ((1 << TROP_EX_AND) | (1 << TROP_EX_OR))) {
        trop_expr_free(acc);
        return 0;
    }
    trop_expr_set_conf(acc, CONF_PROSE);
    *out = acc;
    return 0;
}

/* ---- Restrictions stated in words --------------------------------------------- */

static const char *stated_id(tro_license_category c)
{
    switch (c) {
    case TRO_LICENSE_RESEARCH_ONLY:
        return "LicenseRef-trulyopen-research-only";
    case TRO_LICENSE_NON_COMMERCIAL:
        return "LicenseRef-trulyopen-non-commercial";
    case TRO_LICENSE_NO_DERIVATIVES:
        return "LicenseRef-trulyopen-no-derivatives";
    case TRO_LICENSE_PROPRIETARY:
        return "LicenseRef-trulyopen-proprietary";
    default:
        return "LicenseRef-trulyopen-use-restricted";
    }
}

int trop_stated_restriction(const char *s, size_t n, trop_expr **out)
{
    *out = NULL;
    trop_toks w;
    int rc = trop_norm_split(s, n, false, &w);
    if (rc)
        return rc;
    trop_clause_hit hits[16];
    size_t nh = trop_clauses_find(&w, false, NULL, NULL, hits, 16);
    trop_toks_free(&w);
    tro_license_category c = trop_clauses_category(hits, nh);
    if (!nh || c == TRO_LICENSE_UNKNOWN)
        return 0;
    const char *id = stated_id(c);
    trop_expr *x = trop_expr_leaf(id, strlen(id));
    if (!x)
        return TRO_ENOMEM;
    x->lic = trop_lic_find(id, strlen(id));
    for (size_t i = 0; i < nh; i++)
        if (hits[i].rule->category == c) {
            x->note = hits[i].rule->reason;
            break;
        }
    x->cat_set = true;
    x->cat = (uint8_t)c;
    x->conf = CONF_STATED;
    *out = x;
    return 0;
}

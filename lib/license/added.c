/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Restrictions a licence text adds to the licence it matches: clauses
 * (clauses.c) are counted only where the text departs from the matched
 * template, so a free licence's own words ("commercial or non-commercial")
 * never restrict it, while a sentence added to it, or its wording changed
 * into a restriction, does. A free licence with one becomes "LICENCE AND
 * LicenseRef-trulyopen-added-restriction"; one that adds much nobody knows,
 * "LICENCE AND LicenseRef-trulyopen-custom". */
#include "internal.h"
#include "identify.h"
#include "license.h"
#include "tmatch.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ADDED_WORDS_MIN 50  /* unexplained words that make a matched text unknown */
#define ADDED_SHARE_MIN 0.4 /* ... when also this share of the matched words */

/* Whether a clause at words [s, e) is the text's own rather than
 * the matched licence's: for the generic rules, most of its words are
 * unexplained; for the others, one of its bigrams (or the one joining it to
 * the word before) is not the licence's, so a licence's own "commercial or
 * non-commercial" never counts but "in any forms without modification"
 * where BSD says "with or without modification" does. */
static bool departs(size_t s, size_t e, const trop_clause_rule *r, void *ctx)
{
    const trop_ident *id = ctx;
    if (id->db_won)
        return false;
    if (!id->nm)
        return true;
    if (r->added_only) {
        size_t out = 0;
        for (size_t i = s; i < e; i++)
            out += !id->covered[i];
        return 2 * out > e - s;
    }
    for (size_t i = s ? s - 1 : 0; i + 1 < id->tk.n && i < e; i++)
        if (!id->bigram_in[i])
            return true;
    return false;
}

static bool stop_at(const trop_ident *id, size_t i) /* a sentence ends at i */
{
    const char *t = id->text;
    if (t[i] == ';' || (t[i] == '\n' && i + 1 < id->len && t[i + 1] == '\n'))
        return true;
    return t[i] == '.' && (i + 1 == id->len || strchr(" \t\r\n", t[i + 1]));
}

/* The sentence around bytes [from, to): back to the previous full stop or
 * blank line (at most 100 bytes), on to the next one (at most 200). */
static trop_found sentence(const trop_ident *id, size_t from, size_t to)
{
    size_t s = from, e = to;
    while (s > 0 && from - s < 100 && !stop_at(id, s - 1))
        s--;
    while (s < from && strchr(" \t\r\n", id->text[s]))
        s++;
    while (e < id->len && e - to < 200 && !stop_at(id, e))
        e++;
    if (e < id->len && id->text[e] == '.')
        e++;
    return (trop_found){NULL, "clause", s, e - s, 0};
}

/* The restrictive clauses in added text: quoted as evidence; their category
 * (TRO_LICENSE_UNKNOWN: none) and the reasons, with byte offsets. */
static int added_clauses(trop_ident *id, tro_license_category *cat, const char **first_reason,
                         char *reasons, size_t rsz)
{
    trop_clause_hit hits[TROP_IDENT_MAX_HITS], kept[TROP_IDENT_MAX_HITS];
    /* the generic rules only where a free licence was recognised */
    bool added = false;
    for (size_t k = 0; k < id->nm; k++)
        added |= trop_category_free(
            (tro_license_category)trop_lic_category_of(trop_template_table[id->m[k].t].id));
    size_t n = trop_clauses_find(&id->tk, added, departs, id, hits, TROP_IDENT_MAX_HITS), nk = 0, rl = 0;
    int rc = 0;
    reasons[0] = '\0';
    *first_reason = NULL;
    for (size_t i = 0; i < n && !rc; i++) {
        const trop_tok *a = &id->tk.v[hits[i].start], *b = &id->tk.v[hits[i].end - 1];
        kept[nk++] = hits[i];
        trop_found f = sentence(id, a->off, b->off + b->len);
        /* two rules in one sentence: quoted once */
        if (!id->nclauses || id->clauses[id->nclauses - 1].off != f.off)
            id->clauses[id->nclauses++] = f;
        if (rl < rsz)
            rl += (size_t)snprintf(reasons + rl, rsz - rl, "%s%s (byte %u)", nk > 1 ? "; " : "",
                                   hits[i].rule->reason, a->off);
    }
    *cat = trop_clauses_category(kept, nk);
    for (size_t i = 0; i < nk && !*first_reason; i++)
        if (kept[i].rule->category == *cat)
            *first_reason = kept[i].rule->reason;
    return rc;
}

/* Words that limit what a sentence grants or ask something of the licensee
 * ("only", "not", "must", "expires", "royalty"). A restriction added to a
 * free licence need not use the phrases the clause rules know ("The Software
 * may be used only by individuals", "This license expires on ..."), but it
 * almost always holds one of these. */
static bool limiting_word(const char *w, size_t n)
{
    static const char *const words[] = {
        "not",        "no",         "nor",        "never",     "only",       "solely",
        "exclusively", "except",    "unless",     "must",      "prohibited", "prohibits",
        "forbidden",  "forbids",    "restricted", "restrict",  "restricts",  "restriction",
        "restrictions", "limited",  "limit",      "limits",    "expire",     "expires",
        "expired",    "expiry",     "expiration", "revoke",    "revoked",    "revocable",
        "withdraw",   "withdrawn",  "terminate",  "terminates", "terminated", "royalty",
        "royalties",  "fee",        "fees",       "pay",       "payment",    "paid",
        "period",     "separate",   "separately", "consent",    "personal",  "profit",     "require",
        "requires",   "required",   NULL};
    for (const char *const *p = words; *p; p++)
        if (strlen(*p) == n && !strncasecmp(*p, w, n))
            return true;
    return false;
}

#define ADDED_SENTENCE_MIN 3 /* words the licence does not explain in a sentence */

static bool word_is(const trop_ident *id, size_t i, const char *w)
{
    const trop_tok *t = &id->tk.v[i];
    return t->len == strlen(w) && !strncasecmp(id->text + t->off, w, t->len);
}

/* A disclaimer of warranty or liability, which limits what the licensor
 * owes, or a clause on the use of names and marks ("shall not be used in
 * advertising", "to endorse or promote"), which free licences share: not a
 * limit on what the licensee may do with the work. */
static bool disclaimer_word(const trop_ident *id, size_t i)
{
    static const char *const words[] = {"warranty", "warranties", "liable",    "liability",
                                        "damages",  "endorse",    "advertising", "publicity",
                                        "promote",  "trademark",  "trademarks", NULL};
    for (const char *const *p = words; *p; p++)
        if (word_is(id, i, *p))
            return true;
    return false;
}

/* Whether the limiting word at i limits: not "if not" (", write to the Free
 * Software Foundation") nor "not limited to"; "no" only before what is
 * withheld ("no right", "no permission"), not in "with no Invariant
 * Sections". */
static bool limits_here(const trop_ident *id, size_t i)
{
    bool last = i + 1 >= id->tk.n;
    if (word_is(id, i, "not"))
        return !(i && word_is(id, i - 1, "if")) && (last || !word_is(id, i + 1, "limited"));
    if (word_is(id, i, "no")) {
        static const char *const withheld[] = {"right",   "rights", "permission", "license",
                                               "licence", "use",    "part",       NULL};
        for (const char *const *p = withheld; !last && *p; p++)
            if (word_is(id, i + 1, *p))
                return true;
        return false;
    }
    return true;
}

/* The first sentence the matched licence does not explain (at least
 * ADDED_SENTENCE_MIN words of it are not the template's) that holds a
 * limiting word and disclaims nothing; "if not" (", write to the Free Software
 * Foundation") limits nothing. Quoted in id->clauses. */
static bool limiting_sentence(trop_ident *id)
{
    /* only sentences with words the template does not explain are read: in a
     * text that matched, few are */
    for (size_t i = 0; i < id->tk.n; i++) {
        if (id->covered[i])
            continue;
        const trop_tok *t = &id->tk.v[i];
        trop_found f = sentence(id, t->off, t->off + t->len);
        size_t k0 = i, k1 = i, out = 0;
        while (k0 > 0 && id->tk.v[k0 - 1].off >= f.off)
            k0--;
        while (k1 < id->tk.n && id->tk.v[k1].off < f.off + f.len)
            k1++;
        bool disclaims = false, limits = false;
        for (size_t k = k0; k < k1; k++) {
            out += !id->covered[k];
            disclaims |= disclaimer_word(id, k);
        }
        for (size_t k = k0; k < k1 && !disclaims && out >= ADDED_SENTENCE_MIN && !limits; k++) {
            const trop_tok *w = &id->tk.v[k];
            limits = limiting_word(id->text + w->off, w->len) && limits_here(id, k);
        }
        if (limits) {
            if (id->nclauses < TROP_IDENT_MAX_HITS)
                id->clauses[id->nclauses++] = f;
            id->limiting_at = (int64_t)f.off;
            return true;
        }
        i = k1 > i ? k1 - 1 : i; /* on to the next sentence */
    }
    return false;
}

/* Joins an extra licence leaf (id from the tables) to *e with AND. */
static int add_leaf(trop_expr **e, const char *lid, tro_license_category cat, const char *note)
{
    trop_expr *x = trop_expr_leaf(lid, strlen(lid));
    if (!x)
        return TRO_ENOMEM;
    x->lic = trop_lic_find(lid, strlen(lid));
    x->cat_set = true;
    x->cat = (uint8_t)cat;
    x->note = note;
    return (*e = trop_expr_join(TROP_EX_AND, *e, x)) ? 0 : TRO_ENOMEM;
}

/* Restrictions in what the licence does not explain, and text nobody knows:
 * *e gains "AND LicenseRef-trulyopen-added-restriction" (or "-custom");
 * *cat is the restriction's category, reasons what was found. */
int trop_ident_verdict(trop_ident *id, trop_expr **e, tro_license_category *cat, char *reasons,
                       size_t rsz)
{
    const char *first;
    int rc = added_clauses(id, cat, &first, reasons, rsz);
    if (rc || !*e)
        return rc;
    if (!trop_expr_is_free(*e)) { /* its restrictions are its own terms: evidence */
        *cat = TRO_LICENSE_UNKNOWN;
        return 0;
    }
    if (*cat != TRO_LICENSE_UNKNOWN)
        return add_leaf(e, "LicenseRef-trulyopen-added-restriction", *cat, first);
    size_t added = id->tk.n - id->ncovered;
    if (id->nm && added >= ADDED_WORDS_MIN && added >= ADDED_SHARE_MIN * (double)id->ncovered)
        return add_leaf(e, "LicenseRef-trulyopen-custom", TRO_LICENSE_UNKNOWN,
                        "the text adds words to the licence that trulyopen does not recognise");
    if (id->nm && !id->db_won && limiting_sentence(id))
        return add_leaf(e, "LicenseRef-trulyopen-custom", TRO_LICENSE_UNKNOWN,
                        "the text adds a sentence to the licence that may limit it");
    return 0;
}


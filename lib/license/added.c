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
#include "added.h"
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
    size_t n = trop_clauses_find(&id->tk, added, departs, id, hits, TROP_IDENT_MAX_HITS), nk = 0,
           rl = 0;
    int rc = 0;
    reasons[0] = '\0';
    *first_reason = NULL;
    for (size_t i = 0; i < n && !rc; i++) {
        const trop_tok *a = &id->tk.v[hits[i].start], *b = &id->tk.v[hits[i].end - 1];
        kept[nk++] = hits[i];
        trop_found f = trop_ident_sentence(id, a->off, b->off + b->len);
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

#define ADDED_SENTENCE_MIN 2 /* words the licence does not explain in a sentence */

/* A disclaimer of warranty or liability, which limits what the licensor
 * owes, or a clause on the use of names and marks ("shall not be used in
 * advertising", "to endorse or promote"), which free licences share: its own
 * words limit nothing, so only limiting words it adds count. */
static bool disclaimer_word(const trop_ident *id, size_t i)
{
    static const char *const words[] = {
        "warranty",    "warranties", "liable",  "liability", "damages",    "endorse", "endorsed",
        "advertising", "publicity",  "promote", "trademark", "trademarks", NULL};
    for (const char *const *p = words; *p; p++)
        if (trop_ident_word_is(id, i, *p))
            return true;
    return false;
}

/* Whether the limiting word at i limits: not "if not, write to the Free
 * Software Foundation" nor "not limited to"; not "all rights reserved" (a
 * copyright notice's); "no" where the licence does not have it, but not in
 * "with no Invariant Sections", and where it has it only before what is
 * withheld ("no right", "no permission"). */
static bool limits_here(const trop_ident *id, size_t i)
{
    bool last = i + 1 >= id->tk.n;
    if (trop_ident_word_is(id, i, "not")) /* nor "not liable", "not responsible" */
        return !(i && trop_ident_word_is(id, i - 1, "if") && !last &&
                 (trop_ident_word_is(id, i + 1, "write") ||
                  trop_ident_word_is(id, i + 1, "see"))) &&
               (last || !(trop_ident_word_is(id, i + 1, "limited") ||
                          trop_ident_word_is(id, i + 1, "liable") ||
                          trop_ident_word_is(id, i + 1, "responsible") ||
                          trop_ident_word_is(id, i + 1, "affiliated") ||
                          trop_ident_word_is(id, i + 1, "endorsed") ||
                          trop_ident_word_is(id, i + 1, "sponsored")));
    if ((trop_ident_word_is(id, i, "excluding") || trop_ident_word_is(id, i, "except") ||
         trop_ident_word_is(id, i, "without")) &&
        !last &&
        (trop_ident_word_is(id, i + 1, "conflict") || trop_ident_word_is(id, i + 1, "conflicts") ||
         (i + 2 < id->tk.n && trop_ident_word_is(id, i + 2, "conflict"))))
        return false; /* a choice of law: "excluding its conflict-of-law provisions" */
    /* who wrote it: "developed by employees of the National Institute" */
    static const char *const made[] = {"developed", "written",  "created",    "contributed",
                                       "prepared",  "authored", "maintained", NULL};
    if (i >= 2 && trop_ident_word_is(id, i - 1, "by") &&
        trop_word_in(id->text + id->tk.v[i - 2].off, id->tk.v[i - 2].len, made))
        return false;
    if (trop_ident_word_is(id, i,
                           "reserved")) /* nor the Open Font License's "Reserved Font Name" */
        return !(i >= 2 && trop_ident_word_is(id, i - 1, "rights") &&
                 trop_ident_word_is(id, i - 2, "all")) &&
               (last || !trop_ident_word_is(id, i + 1, "font"));
    if (trop_ident_word_is(id, i, "no")) {
        if (!id->covered[i]) /* nor "no warranty" */
            return !(i && trop_ident_word_is(id, i - 1, "with")) &&
                   (last || !(trop_ident_word_is(id, i + 1, "warranty") ||
                              trop_ident_word_is(id, i + 1, "warranties")));
        static const char *const withheld[] = {"right",   "rights", "permission", "license",
                                               "licence", "use",    "part",       NULL};
        for (const char *const *p = withheld; !last && *p; p++)
            if (trop_ident_word_is(id, i + 1, *p))
                return true;
        return false;
    }
    return true;
}

/* What kind of limiting word word k is, read with the next when a hyphen
 * ends its line ("ex-\npires"), and with "NC" and "ND" in capitals the
 * Creative Commons marks for non-commercial and no derivatives. */
static int word_limits(const trop_ident *id, size_t k)
{
    const trop_tok *w = &id->tk.v[k];
    const char *t = id->text + w->off;
    int lw = trop_limiting_word(t, w->len);
    if (lw)
        return lw;
    if (w->len == 2 && (!strncmp(t, "NC", 2) || !strncmp(t, "ND", 2)) && !id->covered[k] &&
        !trop_address_line(id->text, id->len, w->off))
        return LIMIT_STRONG;
    size_t e = w->off + w->len;
    if (k + 1 < id->tk.n && e + 1 < id->len && id->text[e] == '-' && id->text[e + 1] == '\n') {
        const trop_tok *v = &id->tk.v[k + 1];
        char joined[48];
        if (w->len + v->len < sizeof joined && v->off - e <= 8) {
            memcpy(joined, t, w->len);
            memcpy(joined + w->len, id->text + v->off, v->len);
            return trop_limiting_word(joined, w->len + v->len);
        }
    }
    return LIMIT_NONE;
}

/* Whether word k is in a name: capitalised, beside a capitalised word that
 * neither limits nor is a small word ("Air Force Research Laboratory",
 * "Microsoft Research"; not "For Academic Research"). */
static bool in_name(const trop_ident *id, size_t k, size_t k0, size_t k1)
{
    static const char *const small[] = {"for", "to", "by", "in",  "of",   "the",  "and",
                                        "or",  "on", "at", "use", "used", "with", NULL};
    if (!trop_upper(id->text[id->tk.v[k].off]))
        return false;
    for (int d = -1; d <= 1; d += 2) {
        if ((d < 0 && k == k0) || (d > 0 && k + 1 >= k1))
            continue;
        const trop_tok *t = &id->tk.v[k + (size_t)d];
        const char *w = id->text + t->off;
        if (trop_upper(w[0]) && !trop_limiting_word(w, t->len) && !trop_word_in(w, t->len, small))
            return true;
    }
    return false;
}

/* Weak words every licence's conditions hold ("must retain", "You may obtain
 * a copy", "subject to"): where the licence has them they limit nothing,
 * even in a sentence it mostly lacks. */
static bool modal_word(const trop_ident *id, size_t k)
{
    static const char *const words[] = {
        "must",    "shall",     "not",   "no",     "obtain",  "require",   "requires", "required",
        "subject", "condition", "agree", "agrees", "granted", "permitted", "allowed",  NULL};
    return trop_word_in(id->text + id->tk.v[k].off, id->tk.v[k].len, words);
}

/* The first sentence the matched licence does not explain that holds a
 * limiting word (in a disclaimer, or a clause on names and marks, one the
 * template does not have; where only one word is not the template's, a
 * strong one, or any in the grant) or words of terms (terms.c). Quoted in
 * id->clauses. */
static bool limiting_sentence(trop_ident *id)
{
    /* a licence written in another script (CC BY-SA 2.1 JP): its words are
     * readable */
    bool foreign_licence = false;
    for (size_t i = 0; i < id->tk.n && !foreign_licence; i++)
        foreign_licence =
            id->covered[i] && trop_foreign_word(id->text + id->tk.v[i].off, id->tk.v[i].len);
    /* only sentences with words the template does not explain are read: in a
     * text that matched, few are */
    for (size_t i = 0; i < id->tk.n; i++) {
        if (id->covered[i])
            continue;
        const trop_tok *t = &id->tk.v[i];
        trop_found f = trop_ident_sentence(id, t->off, t->off + t->len);
        size_t k0 = i, k1 = i, out = 0;
        while (k0 > 0 && id->tk.v[k0 - 1].off >= f.off)
            k0--;
        while (k1 < id->tk.n && id->tk.v[k1].off < f.off + f.len)
            k1++;
        bool disclaims = false, limits = false, grant = trop_in_grant(id, k0, k1);
        for (size_t k = k0; k < k1; k++) {
            out += !id->covered[k];
            disclaims |= disclaimer_word(id, k);
        }
        bool added = 2 * out > k1 - k0, asks = trop_request(id, k0, k1);
        for (size_t k = k0; k < k1 && !limits; k++) {
            const trop_tok *w = &id->tk.v[k];
            if (trop_spdx_line(id->text, id->len, w->off))
                continue; /* "SPDX-License-Identifier: GPL-3.0-only": read as an expression */
            int lw = word_limits(id, k);
            if (!lw && !id->covered[k] && !foreign_licence &&
                trop_foreign_word(id->text + w->off, w->len))
                lw = LIMIT_STRONG; /* another script: trulyopen cannot read it */
            if ((lw == LIMIT_PURPOSE && in_name(id, k, k0, k1)) ||
                (lw == LIMIT_PLACE && trop_address_line(id->text, id->len, w->off)) ||
                (lw >= LIMIT_PURPOSE && asks && !id->strict))
                lw = LIMIT_NONE; /* "if you use it in research, please cite" */
            if (out < ADDED_SENTENCE_MIN) {
                /* one word the licence lacks: a strong one, or any limiting
                 * word in the grant ("to any student obtaining a copy") */
                limits = lw && !id->covered[k] && id->nm && (lw != LIMIT_WEAK || grant) &&
                         limits_here(id, k);
                continue;
            }
            /* with no template matched (a text known by its title or SPDX
             * line) nothing is explained: only strong words count, so that
             * "you may not use this file except in compliance" does not */
            /* in a sentence the licence mostly lacks, words it has count too
             * ("Recipients ... are limited to", of "are limited to" in CC BY) */
            limits = lw &&
                     (!id->covered[k] ||
                      ((lw == LIMIT_STRONG || (added && !modal_word(id, k))) && !disclaims)) &&
                     (id->nm || lw == LIMIT_STRONG) && limits_here(id, k);
        }
        bool terms = !limits && trop_unexplained_terms(id, k0, k1, disclaims);
        if (limits || terms) {
            if (id->nclauses < TROP_IDENT_MAX_HITS)
                id->clauses[id->nclauses++] = f;
            id->limiting_at = (int64_t)f.off;
            return true;
        }
        i = k1 > i ? k1 - 1 : i; /* on to the next sentence */
    }
    return false;
}

/* A line that states a copyright with its year: "Copyright ...", "© 2024",
 * "(c) 2024" (not the list item "(c) You must retain..."). */
static bool copyright_statement(const char *s, size_t n)
{
    if (!trop_copyright_line(s, n))
        return false;
    size_t i = 0;
    while (i < n && !((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') && s[i] != '(' &&
           (unsigned char)s[i] < 0x80)
        i++;
    if (i + 3 <= n && !strncasecmp(s + i, "(c)", 3)) {
        i += 3;
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        return i < n && s[i] >= '0' && s[i] <= '9';
    }
    return true;
}

/* A copyright line that says more than whose the work is, read as a whole:
 * a clause the rules know, a strong limiting word, "not", "must" or "shall"
 * anywhere on it, holders' names included ("Copyright 2024 Students Only
 * Ltd"), or two weak words after its first full stop. What follows the
 * statement is also read as text the licence lacks (limiting_sentence).
 * Quoted in id->clauses. */
static int copyright_terms(trop_ident *id, bool *found)
{
    *found = false;
    for (size_t i = 0; i < id->len && !*found;) {
        const char *eol = memchr(id->text + i, '\n', id->len - i);
        size_t n = eol ? (size_t)(eol - (id->text + i)) : id->len - i;
        const char *line = id->text + i;
        if (n && copyright_statement(line, n)) {
            trop_expr *restr = NULL;
            int rc = trop_stated_restriction(line, n, &restr);
            if (rc)
                return rc;
            *found = restr != NULL;
            trop_expr_free(restr);
            /* after the statement's first full stop ("... 2024 Acme Corp. "), two
             * weak words limit too: before it, they may be the holder's name */
            size_t tail = n;
            bool year = false;
            for (size_t k = 0; k + 1 < n && tail == n; k++) {
                year |= line[k] >= '0' && line[k] <= '9';
                if (line[k] == '.' && line[k + 1] == ' ' && year)
                    tail = k + 1;
            }
            const char *prev = NULL;
            size_t prevn = 0, weak = 0;
            for (size_t k = 0; k < n && !*found;) {
                size_t j = k;
                while (j < n && ((line[j] | 0x20) >= 'a' && (line[j] | 0x20) <= 'z'))
                    j++;
                if (j > k) {
                    const char *w = line + k;
                    size_t wn = j - k;
                    int lw = trop_limiting_word(w, wn);
                    bool rights_reserved = trop_same_word(w, wn, "reserved") && prev &&
                                           trop_same_word(prev, prevn, "rights");
                    weak += lw && k >= tail && !rights_reserved;
                    *found = lw == LIMIT_STRONG || trop_same_word(w, wn, "not") ||
                             trop_same_word(w, wn, "must") || trop_same_word(w, wn, "shall") ||
                             weak >= 2;
                    prev = line + k;
                    prevn = j - k;
                    k = j;
                } else {
                    k++;
                }
            }
            if (*found) {
                if (id->nclauses < TROP_IDENT_MAX_HITS)
                    id->clauses[id->nclauses++] = (trop_found){NULL, "clause", i, n, 0};
                id->limiting_at = (int64_t)i;
            }
        }
        i += n + 1;
    }
    return 0;
}

/* A character that hides inside a word (soft hyphen, zero-width space and
 * joiners, word joiner, a byte-order mark in the text): a licence has no
 * use for one, and words cut by it ("exclu\u2060sively") escape every reader.
 * Its byte, or -1. */
static int64_t hidden_character(const trop_ident *id)
{
    const unsigned char *t = (const unsigned char *)id->text;
    for (size_t i = 1; i + 3 < id->len; i++) {
        size_t n = 0;
        if (t[i] == 0xC2 && t[i + 1] == 0xAD)
            n = 2;
        else if (t[i] == 0xE2 && t[i + 1] == 0x80 && t[i + 2] >= 0x8B && t[i + 2] <= 0x8D)
            n = 3;
        else if (t[i] == 0xE2 && t[i + 1] == 0x81 && t[i + 2] == 0xA0)
            n = 3;
        else if (t[i] == 0xEF && t[i + 1] == 0xBB && t[i + 2] == 0xBF)
            n = 3;
        if (n && (trop_ascii_letter((char)t[i - 1]) || t[i - 1] >= 0x80) &&
            (trop_ascii_letter((char)t[i + n]) || t[i + n] >= 0x80))
            return (int64_t)i;
    }
    return -1;
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
    bool cl = false, gc = false, tv = false;
    int64_t hidden = id->db_won ? -1 : hidden_character(id);
    if (hidden >= 0) {
        if (id->nclauses < TROP_IDENT_MAX_HITS)
            id->clauses[id->nclauses++] =
                trop_ident_sentence(id, (size_t)hidden, (size_t)hidden + 1);
        id->limiting_at = hidden;
        return add_leaf(e, "LicenseRef-trulyopen-custom", TRO_LICENSE_UNKNOWN,
                        "the text hides a character inside a word");
    }
    if (!id->db_won && (limiting_sentence(id) || ((rc = trop_grant_changed(id, &gc)) == 0 && gc) ||
                        ((rc = trop_title_variant(id, &tv)) == 0 && tv) ||
                        ((rc = copyright_terms(id, &cl)) == 0 && cl)))
        return add_leaf(e, "LicenseRef-trulyopen-custom", TRO_LICENSE_UNKNOWN,
                        "the text adds a sentence to the licence that may limit it");
    return rc;
}

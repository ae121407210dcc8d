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

/* Whether the n bytes at w are word s, in any case. */
static bool same_word(const char *w, size_t n, const char *s)
{
    return strlen(s) == n && !strncasecmp(w, s, n);
}

/* Words that limit what a sentence grants, ask something of the licensee or
 * say whom or what a grant is for. A restriction added to a free licence need
 * not use the phrases the clause rules know ("The Software may be used only by
 * individuals", "This license expires on ..."), but it almost always holds
 * one of these. Strong ones (2) are rarely in a free licence's own words and
 * count wherever they are; weak ones (1), "not", "must", "granted",
 * "commercial", only where the matched licence does not have them. 0: none. */
static int limiting_word(const char *w, size_t n)
{
    static const char *const strong[] = {
        "only", "solely", "exclusively", "cannot", "prohibited", "prohibits", "forbidden",
        "forbids", "restricted", "expire", "expires", "expired", "expiry", "expiration", "valid",
        "until", "revoke", "revoked", "revocable", "cancel", "withdraw", "withdrawn", "refrain",
        "royalty", "royalties", "pay", "payment", "paid", "remit", "owe", "approval", "approve",
        "approved", "register", "registration", "notify", "residents", "students", "employees",
        "military", "hosting", "hosted", "resale", "noncommercial",
        /* the same in German, French, Spanish, Italian, Portuguese, Dutch */
        "nicht", "nur", "untersagt", "verboten", "kommerzielle", "kostenpflichtig", "zustimmung",
        "interdit", "interdite", "uniquement", "seulement", "commerciale", "prohibido",
        "prohibida", "comercial", "autorización", "vietato", "vietata", "proibido", "proibida",
        "niet", "alleen", "verboden", "toegestaan", NULL};
    static const char *const weak[] = {
        "not", "no", "nor", "never", "except", "excluded", "exclude", "excludes", "unless", "must",
        "shall", "restrict", "restricts", "restriction", "restrictions", "limited", "limit",
        "limits", "terminate", "terminates", "terminated", "reserve", "reserves", "reserved",
        "fee", "fees", "cost", "costs", "charge", "period", "separate", "separately", "consent",
        "subject", "conditional", "obtain", "ask", "granted", "permitted", "allowed", "personal",
        "private", "profit", "individual", "individuals", "persons", "companies", "organisations",
        "organizations", "commercial", "commercially", "sell", "sold", "sale", "government",
        "educational", "evaluation", "training", "require", "requires", "required",
        /* scope: how many, where, with what, for how long, on what terms */
        "extend", "extends", "covers", "lasts", "scope", "outside", "maximum", "most",
        "install", "installed", "installation", "computer", "computers", "device", "devices",
        "users", "seats", "instance", "customer", "customers", "premises", "located", "hardware",
        "members", "hobby", "donate", "agree", "agrees", "change", "contact", "enterprises",
        "business", "businesses", "internal", "proprietary", "closed", "train", "neural",
        "guidelines", "condition", NULL};
    char c = (char)((unsigned char)w[0] < 0x80 ? w[0] | 0x20 : w[0]);
    for (const char *const *p = strong; *p; p++)
        if (**p == c && same_word(w, n, *p))
            return 2;
    for (const char *const *p = weak; *p; p++)
        if (**p == c && same_word(w, n, *p))
            return 1;
    return 0;
}

/* A word with a letter of a script other than Latin ("禁止商业使用",
 * "запрещено"; not "untersagt" nor "Österreich"): UTF-8 lead bytes from U+0340
 * on. */
static bool foreign_word(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)w[i] >= 0xcd && (unsigned char)w[i] <= 0xf4)
            return true;
    return false;
}

#define ADDED_SENTENCE_MIN 2 /* words the licence does not explain in a sentence */

static bool word_is(const trop_ident *id, size_t i, const char *w)
{
    return same_word(id->text + id->tk.v[i].off, id->tk.v[i].len, w);
}

/* A disclaimer of warranty or liability, which limits what the licensor
 * owes, or a clause on the use of names and marks ("shall not be used in
 * advertising", "to endorse or promote"), which free licences share: its own
 * words limit nothing, so only limiting words it adds count. */
static bool disclaimer_word(const trop_ident *id, size_t i)
{
    static const char *const words[] = {"warranty", "warranties", "liable",    "liability",
                                        "damages",  "endorse",    "endorsed",  "advertising",
                                        "publicity", "promote",   "trademark", "trademarks",
                                        NULL};
    for (const char *const *p = words; *p; p++)
        if (word_is(id, i, *p))
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
    if (word_is(id, i, "not")) /* nor "not liable", "not responsible" */
        return !(i && word_is(id, i - 1, "if") && !last &&
                 (word_is(id, i + 1, "write") || word_is(id, i + 1, "see"))) &&
               (last || !(word_is(id, i + 1, "limited") || word_is(id, i + 1, "liable") ||
                          word_is(id, i + 1, "responsible")));
    if (word_is(id, i, "reserved"))
        return !(i >= 2 && word_is(id, i - 1, "rights") && word_is(id, i - 2, "all"));
    if (word_is(id, i, "no")) {
        if (!id->covered[i]) /* nor "no warranty" */
            return !(i && word_is(id, i - 1, "with")) &&
                   (last || !(word_is(id, i + 1, "warranty") || word_is(id, i + 1, "warranties")));
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
 * limiting word; in a disclaimer, or a clause on names and marks, one the
 * template does not have. Quoted in id->clauses. */
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
        for (size_t k = k0; k < k1 && out >= ADDED_SENTENCE_MIN && !limits; k++) {
            const trop_tok *w = &id->tk.v[k];
            int lw = limiting_word(id->text + w->off, w->len);
            if (!lw && !id->covered[k] && foreign_word(id->text + w->off, w->len))
                lw = 2; /* a sentence in another script: trulyopen cannot read it */
            /* with no template matched (a text known by its title or SPDX
             * line) nothing is explained: only strong words count, so that
             * "you may not use this file except in compliance" does not */
            limits = lw && (!id->covered[k] || (lw == 2 && !disclaims)) && (id->nm || lw == 2) &&
                     limits_here(id, k);
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

/* A copyright line that says more than whose the work is: the text's words
 * leave such lines out (a holder's name is no licence), so a restriction
 * written on one ("Copyright (c) 2024 Acme. For non-commercial use only.")
 * is read here: a clause the rules know, or a strong limiting word, "not",
 * "must" or "shall". Quoted in id->clauses. */
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
                    int lw = limiting_word(w, wn);
                    bool rights_reserved = same_word(w, wn, "reserved") && prev &&
                                           same_word(prev, prevn, "rights");
                    weak += lw && k >= tail && !rights_reserved;
                    *found = lw == 2 || same_word(w, wn, "not") || same_word(w, wn, "must") ||
                             same_word(w, wn, "shall") || weak >= 2;
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
    bool cl = false;
    if (!id->db_won && (limiting_sentence(id) || ((rc = copyright_terms(id, &cl)) == 0 && cl)))
        return add_leaf(e, "LicenseRef-trulyopen-custom", TRO_LICENSE_UNKNOWN,
                        "the text adds a sentence to the licence that may limit it");
    return rc;
}


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

/* Whether word w names a field: "year = {2024}", "Year: 2024". */
static bool field_name(const trop_ident *id, const trop_tok *w)
{
    size_t i = w->off + w->len;
    while (i < id->len && i - (w->off + w->len) < 8 && (id->text[i] == ' ' || id->text[i] == '\t'))
        i++;
    return i < id->len && (id->text[i] == '=' || id->text[i] == ':');
}

/* What kind of limiting word word k is, read with the next when a hyphen
 * joins them ("non-profit") or ends its line ("ex-\npires"), with "NC"
 * and "ND" in capitals the
 * Creative Commons marks for non-commercial and no derivatives, and "year"
 * a word of time where the licence lacks it ("for the term of one year"; a
 * copyright line's "year" is not read here, nor a field's "year = 2024"). */
static int word_limits(const trop_ident *id, size_t k)
{
    const trop_tok *w = &id->tk.v[k];
    const char *t = id->text + w->off;
    /* the two halves of a word a hyphen joins */
    size_t e = w->off + w->len;
    const trop_tok *a = NULL, *b = NULL;
    size_t ka = k;
    bool split = false; /* over a line */
    if (k + 1 < id->tk.n && e + 1 < id->len && id->text[e] == '-' &&
        ((split = id->text[e + 1] == '\n') || id->tk.v[k + 1].off == e + 1))
        a = w, b = &id->tk.v[k + 1];
    else if (k > 0 && w->off >= 2 && id->text[w->off - 1] == '-' &&
             id->tk.v[k - 1].off + id->tk.v[k - 1].len == w->off - 1)
        a = &id->tk.v[k - 1], b = w, ka = k - 1; /* "non-profit", read at "profit" */
    /* two words a hyphen joins are read as one where a licence matched and
     * one of them is not its own: the licence's "commercial or
     * non-commercial" is its own */
    if (a && !split && (!id->nm || (id->covered[ka] && id->covered[ka + 1])))
        a = NULL;
    char joined[48];
    if (a && a->len + b->len < sizeof joined && b->off - (a->off + a->len) <= 8) {
        memcpy(joined, id->text + a->off, a->len);
        memcpy(joined + a->len, id->text + b->off, b->len);
        int jl = trop_limiting_word(joined, a->len + b->len);
        if (jl)
            return jl;
    }
    int lw = trop_limiting_word(t, w->len);
    if (lw)
        return lw;
    if (!id->covered[k] && trop_same_word(t, w->len, "year") && !field_name(id, w))
        return LIMIT_PURPOSE;
    if (w->len == 2 && (!strncmp(t, "NC", 2) || !strncmp(t, "ND", 2)) && !id->covered[k] &&
        !trop_address_line(id->text, id->len, w->off))
        return LIMIT_STRONG;
    return LIMIT_NONE;
}

/* Whether word k is in a name: capitalised, beside a capitalised word the
 * licence lacks that neither limits nor is a small word ("Air Force
 * Research Laboratory", "Microsoft Research"; not "For Academic Research",
 * nor "Nonprofit" put before the licence's own "Entity"). */
static bool in_name(const trop_ident *id, size_t k, size_t k0, size_t k1)
{
    static const char *const small[] = {"for", "to", "by", "in",  "of",   "the",  "and",
                                        "or",  "on", "at", "use", "used", "with", NULL};
    if (!trop_upper(id->text[id->tk.v[k].off]))
        return false;
    for (int d = -1; d <= 1; d += 2) {
        if ((d < 0 && k == k0) || (d > 0 && k + 1 >= k1) || id->covered[k + (size_t)d])
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
            trop_ident_quote(id, f, (int64_t)f.off);
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
            *found = restr != NULL || trop_foreign_limiting(line, n);
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
                trop_ident_quote(id, (trop_found){NULL, "clause", i, n, 0}, (int64_t)i);
            }
        }
        i += n + 1;
    }
    return 0;
}

/* A line that issues the licence to someone, as a form does: "Licensed to:
 * Hooli Inc.", "Licence key: ...", "Serial number: ...". A free licence is
 * granted to anyone and needs none. Read where the licence lacks the words
 * (CeCILL defines "Licensee:"). Its byte, or -1. */
static int64_t issued_line(const trop_ident *id)
{
    static const char *const fields[] = {
        "licensed to",    "licenced to",    "licensee",       "licence key",
        "license key",    "licence number", "license number", "serial number",
        "activation key", "product key",    "registered to",  "issued to",
        "seats",          "licence holder", "license holder", NULL};
    for (size_t k = 0; k < id->tk.n; k++) {
        size_t b = id->tk.v[k].off, i = b;
        if (id->covered[k])
            continue;
        while (i > 0 &&
               (id->text[i - 1] == ' ' || id->text[i - 1] == '\t' || id->text[i - 1] == '*' ||
                id->text[i - 1] == '#' || id->text[i - 1] == '-'))
            i--;
        if (i > 0 && id->text[i - 1] != '\n')
            continue; /* not the first word of its line */
        for (const char *const *f = fields; *f; f++) {
            size_t fl = strlen(*f);
            if (b + fl < id->len && !strncasecmp(id->text + b, *f, fl) && id->text[b + fl] == ':')
                return (int64_t)b;
        }
    }
    return -1;
}

/* A footnote mark put between two words the licence has side by side, with
 * a comma after it: "in source and binary forms (a), with", "free of
 * charge*, to". It points at terms written elsewhere. Not a reference to
 * the licence's own parts ("Section 13.5(b)", "as in (b)", "file(s)").
 * Its byte, or -1. */
static int64_t footnote_mark(const trop_ident *id)
{
    static const char *const refs[] = {
        "in",     "of",      "to",        "and",        "or",      "under", "section", "sections",
        "clause", "clauses", "paragraph", "subsection", "article", "see",   "with",    NULL};
    const char *t = id->text;
    for (size_t k = 0; k + 1 < id->tk.n; k++) {
        if (!id->covered[k] || !id->covered[k + 1] || !id->bigram_in[k])
            continue;
        const trop_tok *a = &id->tk.v[k], *b = &id->tk.v[k + 1];
        size_t i = a->off + a->len, m;
        if (!trop_ascii_letter(t[i - 1]) || trop_word_in(t + a->off, a->len, refs) || i >= b->off)
            continue;
        if (t[i] == ' ')
            i++;
        else if (t[i] == '(')
            continue;
        if (i + 3 < b->off && (t[i] == '(' || t[i] == '[') &&
            t[i + 2] == (t[i] == '(' ? ')' : ']') &&
            (trop_lower(t[i + 1]) || (t[i + 1] >= '0' && t[i + 1] <= '9')))
            m = i + 3; /* (a) [1] */
        else if (i + 1 < b->off && t[i] == '*')
            m = i + 1;
        else if (i + 3 < b->off && (unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
                 ((unsigned char)t[i + 2] == 0xA0 || (unsigned char)t[i + 2] == 0xA1))
            m = i + 3; /* a dagger */
        else
            continue;
        if (t[m] == ',')
            return (int64_t)i;
    }
    return -1;
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
    if (id->db_won)
        return 0;
    bool cl = false, gc = false, tv = false, in = false;
    int64_t at = hidden_character(id);
    if (at >= 0) {
        trop_ident_quote(id, trop_ident_sentence(id, (size_t)at, (size_t)at + 1), at);
        return add_leaf(e, "LicenseRef-trulyopen-custom", TRO_LICENSE_UNKNOWN,
                        "the text hides a character inside a word");
    }
    if ((at = issued_line(id)) >= 0 || (at = footnote_mark(id)) >= 0) {
        trop_ident_quote(id, trop_ident_sentence(id, (size_t)at, (size_t)at + 1), at);
    }
    if (at >= 0 || limiting_sentence(id) || ((rc = trop_grant_changed(id, &gc)) == 0 && gc) ||
        ((rc = trop_insertion(id, &in)) == 0 && in) ||
        ((rc = trop_title_variant(id, &tv)) == 0 && tv) ||
        ((rc = copyright_terms(id, &cl)) == 0 && cl))
        return add_leaf(e, "LicenseRef-trulyopen-custom", TRO_LICENSE_UNKNOWN,
                        "the text adds a sentence to the licence that may limit it");
    return rc;
}

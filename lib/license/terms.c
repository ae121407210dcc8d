/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* What a free licence's text adds that holds no word a restriction is known
 * by: sentences of terms the licence does not explain, in few words, in a
 * language nobody reads, or at a link; and, with --strict, every word the
 * licence does not explain (added.h). */
#include "internal.h"
#include "added.h"
#include "identify.h"
#include "license.h"
#include "tmatch.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- Words the licence does not explain --------------------------------------
 * A sentence added to a free licence need not hold a limiting word to limit
 * it ("This grant stays in force for two years", "to any natural person").
 * What a free licence's text carries besides its own words is mostly about
 * the document: titles and headings, who wrote it, where to find it, whom
 * to write to. So an added sentence holding words of terms, beyond those
 * few, is not explained, and neither is a word changed in the grant. */

/* Whether a bracket open is opened on the line before byte off and not
 * closed by close since. */
static bool opened(const char *text, size_t off, char open, char close)
{
    for (size_t i = off; i > 0 && text[i - 1] != '\n' && off - i < 200; i--) {
        if (text[i - 1] == close)
            return false;
        if (text[i - 1] == open)
            return true;
    }
    return false;
}

/* Whether byte off is inside a placeholder for the licensee to fill in,
 * written between angle brackets on one line ("<one line to give the
 * program's name and a brief idea of what it does.>"). */
static bool in_placeholder(const char *text, size_t len, size_t off)
{
    if (!opened(text, off, '<', '>'))
        return false;
    for (size_t j = off; j < len && j - off < 200 && text[j] != '\n' && text[j] != '<'; j++)
        if (text[j] == '>')
            return true;
    return false;
}

/* Whether word k is a placeholder written in capitals among words that are
 * not ("Neither the name of the ORGANIZATION nor"), for the licensor to
 * replace. */
static bool placeholder_word(const trop_ident *id, size_t k, size_t k0, size_t k1)
{
    static const char *const words[] = {
        "organization", "organisation", "owner",   "holder",  "holders",  "author",    "authors",
        "year",         "name",         "company", "project", "licensor", "copyright", NULL};
    const trop_tok *t = &id->tk.v[k];
    if (!trop_all_caps(id->text + t->off, t->len) ||
        !trop_word_in(id->text + t->off, t->len, words))
        return false;
    const trop_tok *p = k > k0 ? &id->tk.v[k - 1] : NULL, *q = k + 1 < k1 ? &id->tk.v[k + 1] : NULL;
    return !(p && trop_all_caps(id->text + p->off, p->len)) &&
           !(q && trop_all_caps(id->text + q->off, q->len));
}

static const char *const part_words[] = {
    "section",    "sections",     "article", "articles",   "preamble",      "definitions",
    "definition", "schedule",     "exhibit", "appendix",   "annex",         "part",
    "chapter",    "introduction", "general", "provisions", "miscellaneous", NULL};

/* Whether word k names a part of the licence by its number ("Section 2",
 * "Article IV"). */
static bool part_number(const trop_ident *id, size_t k)
{
    const trop_tok *t = &id->tk.v[k];
    size_t i = t->off + t->len;
    if (!trop_word_in(id->text + t->off, t->len, part_words) || i + 1 >= id->len ||
        id->text[i] != ' ')
        return false;
    size_t j = i + 1;
    while (j < id->len && id->text[j] && strchr("0123456789IVX", id->text[j]))
        j++;
    return j > i + 1 && (j == id->len || !trop_ascii_letter(id->text[j]));
}

/* Whether the line at off is a heading of the licence's parts, standing
 * alone: numbers and words such as "Section", "Article", "Preamble",
 * "Definitions" ("Section 1.", "Article 1 - DEFINITIONS"). */
static bool heading_of_parts(const trop_ident *id, size_t off)
{
    size_t s, e, words_seen = 0;
    trop_line_at(id, off, &s, &e);
    if (e - s > 80 || !trop_standalone(id, s, e))
        return false;
    for (size_t i = s; i < e;) {
        if (!trop_ascii_letter(id->text[i])) {
            if (!id->text[i] || !strchr(" \t\r.-:0123456789()", id->text[i]))
                return false;
            i++;
            continue;
        }
        size_t j = i;
        while (j < e && trop_ascii_letter(id->text[j]))
            j++;
        bool roman = true; /* "Article IV" */
        for (size_t r = i; r < j && roman; r++)
            roman = strchr("IVXivx", id->text[r]) != NULL;
        if (!roman && !trop_word_in(id->text + i, j - i, part_words))
            return false;
        words_seen += !roman;
        i = j;
    }
    return words_seen > 0;
}

/* Whether word k (of id's words [k0, k1)) is a word of terms the licence does
 * not explain. Not one: a number, part of an address, a document word, a
 * name. A lower-case word is one; a capitalised word is one when it is of
 * the licence vocabulary and no capitalised word the licence lacks is next
 * to it ("Sun Microsystems", "ORACLE CORPORATION" are names); in capitals,
 * when it is of the vocabulary. */
bool trop_terms_word(const trop_ident *id, size_t k, size_t k0, size_t k1)
{
    const trop_tok *t = &id->tk.v[k];
    const char *w = id->text + t->off;
    size_t n = t->len;
    if (id->covered[k] || n < 2 || trop_document_word(w, n) || (w[0] >= '0' && w[0] <= '9') ||
        trop_in_address(id->text, id->len, t->off, n))
        return false;
    static const char *const months[] = {"january",  "february", "march",  "april",     "may",
                                         "june",     "july",     "august", "september", "october",
                                         "november", "december", NULL};
    if (trop_upper(w[0]) && trop_word_in(w, n, months))
        return false; /* "13 May, 2015" */
    if (t->off && id->text[t->off - 1] == '&' && t->off + n < id->len &&
        id->text[t->off + n] == ';')
        return false; /* an HTML entity: "pr&eacute;sent" */
    if (id->strict)   /* every word in lower case, a capitalised one of the vocabulary, but
                       * in a placeholder, a licence family's name, a part of the licence */
        return (!trop_upper(w[0]) || trop_vocab_has(t->h)) &&
               !in_placeholder(id->text, id->len, t->off) && !placeholder_word(id, k, k0, k1) &&
               !trop_family_word(w, n) && !heading_of_parts(id, t->off) && !part_number(id, k);
    bool caps = true;
    for (size_t i = 0; i < n && caps; i++)
        caps = !trop_lower(w[i]);
    if (caps) { /* an initialism among words in lower case ("similar to the BSD or MIT
                 * licenses") is a name; in a sentence in capitals, a word */
        const trop_tok *p = k > k0 ? &id->tk.v[k - 1] : NULL,
                       *q = k + 1 < k1 ? &id->tk.v[k + 1] : NULL;
        bool shout = (p && trop_all_caps(id->text + p->off, p->len)) ||
                     (q && trop_all_caps(id->text + q->off, q->len));
        return shout && trop_vocab_has(t->h);
    }
    if (!trop_capitalised(w, n))
        return true;
    if (!trop_upper(w[0]))
        return false; /* "jGuru" */
    const trop_tok *p = k > k0 ? &id->tk.v[k - 1] : NULL, *q = k + 1 < k1 ? &id->tk.v[k + 1] : NULL;
    /* beside a capitalised word the licence lacks: the licence's own
     * "Entity" makes no name of "Nonprofit" put before it */
    bool beside = (p && trop_upper(id->text[p->off]) && !id->covered[k - 1]) ||
                  (q && trop_upper(id->text[q->off]) && !id->covered[k + 1]);
    return !beside && trop_vocab_has(t->h);
}

/* Whether word k was put between two words the matched licence has side by
 * side ("to any natural person" for "to any person"). */
static bool inserted(const trop_ident *id, size_t k, size_t k0, size_t k1)
{
    if (k == k0 || k + 1 >= k1 || !id->covered[k - 1] || !id->covered[k + 1])
        return false;
    const trop_tok *t = &id->tk.v[k];
    uint32_t b = trop_norm_bigram(id->tk.v[k - 1].h, id->tk.v[k + 1].h);
    /* "notice appears in" for "notice appear in": the same word */
    uint32_t sing = t->len > 2 && (id->text[t->off + t->len - 1] | 0x20) == 's'
                        ? trop_norm_bigram(id->tk.v[k - 1].h,
                                           trop_norm_word_hash(id->text + t->off, t->len - 1))
                        : 0;
    bool found = false;
    for (size_t m = 0; m < id->nm; m++) {
        if (sing && trop_tmatch_count(sing, id->m[m].t))
            return false;
        found |= trop_tmatch_count(b, id->m[m].t) > 0;
    }
    return found;
}

#define TERMS_WORDS_MIN 3   /* words of terms an added sentence may not hold */
#define USE_TERMS_MIN 2     /* ... when it speaks of use ("for use with Acme printers") */
#define GRANT_TERMS_MIN 2   /* ... and a grant */
#define FOREIGN_WORDS_MIN 2 /* words of no licence's language an added sentence may not hold */

/* Whether a sentence speaks of use ("This software is for use with Acme
 * printers", "meant for Acme routers", "Your use of it also falls under"):
 * two words of terms are then enough to limit. */
static bool speaks_of_use(const trop_ident *id, size_t k0, size_t k1)
{
    static const char *const words[] = {"use",  "used",  "using",    "usage",
                                        "uses", "meant", "intended", NULL};
    for (size_t k = k0; k < k1; k++)
        if (trop_word_in(id->text + id->tk.v[k].off, id->tk.v[k].len, words))
            return true;
    return false;
}

/* Whether a sentence is mostly words of a language no licence is written in:
 * words in lower case, not of an address, neither of the licence
 * vocabulary nor about the document ("Licencja wygasa 31 grudnia"). A
 * language trulyopen has no words for could say anything. */
static bool unreadable(const trop_ident *id, size_t k0, size_t k1)
{
    size_t lower = 0, unknown = 0;
    for (size_t k = k0; k < k1; k++) {
        const trop_tok *t = &id->tk.v[k];
        if (id->covered[k] || t->len < 3 || !trop_lower(id->text[t->off]) ||
            trop_in_address(id->text, id->len, t->off, t->len))
            continue;
        lower++;
        unknown += !trop_vocab_has(t->h) && !trop_document_word(id->text + t->off, t->len);
    }
    return unknown >= FOREIGN_WORDS_MIN && 2 * unknown >= lower;
}

/* Whether a sentence puts the licence under terms at a link nobody knows as
 * a licence's ("Subject to the terms at https://example.com/policy"). */
static bool outside_terms(const trop_ident *id, size_t k0, size_t k1)
{
    bool terms = false;
    for (size_t k = k0; k < k1 && !terms; k++)
        terms = trop_ident_word_is(id, k, "subject") || trop_ident_word_is(id, k, "terms") ||
                trop_ident_word_is(id, k, "policy") || trop_ident_word_is(id, k, "conditions");
    for (size_t k = k0; k < k1 && terms; k++) {
        const trop_tok *t = &id->tk.v[k];
        if (id->covered[k] || t->len < 4 || strncasecmp(id->text + t->off, "http", 4))
            continue;
        size_t j = t->off;
        while (j < id->len && j - t->off < 1024 && !trop_url_ends_at(id->text[j]))
            j++;
        while (j > t->off && (id->text[j - 1] == '.' || id->text[j - 1] == ','))
            j--;
        if (!trop_url_find(id->text + t->off, j - t->off))
            return true;
    }
    return false;
}

/* Whether the grant's sentence [k0, k1) ends, after its own words, in words
 * the licence lacks, one of terms in lower case: "Permission is hereby
 * granted, free of charge, to any person enrolled at Acme University." */
static bool grant_ends_otherwise(const trop_ident *id, size_t k0, size_t k1)
{
    size_t e = k1;
    while (e > k0 && !id->covered[e - 1])
        e--;
    if (e == k0 || e == k1)
        return false;
    const trop_tok *last = &id->tk.v[k1 - 1];
    size_t after = last->off + last->len;
    if (after >= id->len || id->text[after] != '.')
        return false; /* cut short: "the names of M.I.T. and" */
    for (size_t k = e; k < k1; k++) {
        const trop_tok *t = &id->tk.v[k];
        if (trop_lower(id->text[t->off]) && trop_terms_word(id, k, k0, k1) &&
            !trop_address_line(id->text, id->len, t->off))
            return true;
    }
    return false;
}

/* Whether the words [k0, k1) of a sentence the licence does not explain are
 * terms: TERMS_WORDS_MIN words of terms in a sentence the licence mostly
 * lacks, one on a copyright line after its holders, GRANT_TERMS_MIN put into
 * a grant (or one put between two of its words), but for headings, SPDX
 * tags, disclaimers, clauses on names and marks, requests and thanks. With
 * id->strict, any word of terms but in a title naming the licence. */
bool trop_unexplained_terms(const trop_ident *id, size_t k0, size_t k1, bool disclaims)
{
    if (!id->nm)
        return false;
    if (id->strict) { /* any word nobody explained, wherever it is, but in a
                       * title naming the licence as itself; then what the
                       * default reading finds */
        int rc;
        for (size_t k = k0; k < k1; k++)
            if (trop_terms_word(id, k, k0, k1) &&
                !trop_spdx_line(id->text, id->len, id->tk.v[k].off) &&
                trop_title_names(id, id->tk.v[k].off, &rc) != 1)
                return true;
    }
    if (disclaims)
        return false;
    if (trop_request(id, k0, k1))
        return false;
    size_t terms = 0, in_grant = 0;
    int grant = trop_in_grant(id, k0, k1);
    bool narrowed = false;
    for (size_t k = k0; k < k1; k++) {
        size_t off = id->tk.v[k].off;
        if (trop_terms_word(id, k, k0, k1) && !trop_heading_line(id->text, id->len, off, false) &&
            !trop_spdx_line(id->text, id->len, off)) {
            terms++;
            narrowed |= inserted(id, k, k0, k1);
            /* words in lower case, not of an address ("14 rue de Plaisance");
             * far from the grant word, only those put in parentheses */
            in_grant += trop_lower(id->text[off]) && !trop_address_line(id->text, id->len, off) &&
                        (grant == 1 || opened(id->text, off, '(', ')'));
        }
    }
    size_t out = 0;
    for (size_t k = k0; k < k1; k++)
        out += !id->covered[k];
    bool added = 2 * out > k1 - k0;
    /* what a copyright line says after its holders is the text's own:
     * one word of terms is one too many */
    if (terms && trop_on_copyright_line(id, id->tk.v[k0].off))
        return true;
    if ((grant == 1 && grant_ends_otherwise(id, k0, k1)) || outside_terms(id, k0, k1) ||
        (added && unreadable(id, k0, k1)))
        return true;
    /* in the grant, words put in anywhere narrow it ("to any person (other
     * than a competitor) obtaining") */
    return (added && terms >= (speaks_of_use(id, k0, k1) ? USE_TERMS_MIN : TERMS_WORDS_MIN)) ||
           (grant && (narrowed || in_grant >= GRANT_TERMS_MIN));
}

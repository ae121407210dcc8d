/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* What a free licence's text adds that holds no word a restriction is known
 * by: sentences of terms the licence does not explain, a grant with a word
 * changed, dropped or put in, a title that makes the licence a variant of
 * itself (added.h). */
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

/* Whether byte off is inside a placeholder for the licensee to fill in,
 * written between angle brackets on one line ("<one line to give the
 * program's name and a brief idea of what it does.>"). */
static bool in_placeholder(const char *text, size_t len, size_t off)
{
    size_t i = off;
    while (i > 0 && off - i < 200 && text[i - 1] != '\n' && text[i - 1] != '>' &&
           text[i - 1] != '<')
        i--;
    if (i == 0 || text[i - 1] != '<')
        return false;
    for (size_t j = off; j < len && j - off < 200 && text[j] != '\n' && text[j] != '<'; j++)
        if (text[j] == '>')
            return true;
    return false;
}

/* The families releases use, whose names a title adds words to: the first
 * part of their ids ("MIT", "BSD", "Apache", "GPL", "CC"). */
static const char *const families[] = {
    "mit", "bsd", "apache", "isc",  "zlib", "gpl",       "lgpl",     "agpl",       "mpl", "epl",
    "cc",  "bsl", "cddl",   "eupl", "ofl",  "unlicense", "artistic", "postgresql", NULL};

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

static bool standalone(const trop_ident *id, size_t s, size_t e);

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
    if (e - s > 80 || !standalone(id, s, e))
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
static bool terms_word(const trop_ident *id, size_t k, size_t k0, size_t k1)
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
               !trop_word_in(w, n, families) && !heading_of_parts(id, t->off) &&
               !part_number(id, k);
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

/* Grant words: a sentence of the licence's own that holds one is its grant,
 * where one word changed ("to any natural person") narrows it. */
bool trop_grant_word(const trop_ident *id, size_t k)
{
    static const char *const words[] = {"granted", "grants", "grant", "hereby", "permitted", NULL};
    const trop_tok *t = &id->tk.v[k];
    return id->covered[k] && trop_word_in(id->text + t->off, t->len, words);
}

#define GRANT_REACH 60 /* words a grant's sentence runs on after its grant word */

int trop_in_grant(const trop_ident *id, size_t k0, size_t k1)
{
    for (size_t k = k0; k < k1; k++)
        if (trop_grant_word(id, k))
            return 1;
    /* back to the grant word of the sentence, which may be long ("Permission
     * is hereby granted ... to deal in the Software (on two machines) ...") */
    for (size_t k = k0; k > 0 && k0 - k < GRANT_REACH; k--) {
        const trop_tok *a = &id->tk.v[k - 1], *b = &id->tk.v[k];
        if (b->off - (a->off + a->len) > 64)
            return 0; /* a long gap: not one sentence */
        for (size_t i = a->off + a->len; i < b->off; i++)
            if ((id->text[i] == '.' || id->text[i] == ';') ||
                (id->text[i] == '\n' && i + 1 < b->off && id->text[i + 1] == '\n'))
                return 0; /* another sentence */
        if (trop_grant_word(id, k - 1))
            return 2;
    }
    return 0;
}

/* Whether line [s, e) has the n bytes at w as a word, in any case. */
static bool line_has_word(const char *text, size_t s, size_t e, const char *w, size_t n)
{
    for (size_t i = s; i + n <= e; i++)
        if (!strncasecmp(text + i, w, n) && (i == s || !trop_ascii_letter(text[i - 1])) &&
            (i + n == e || !trop_ascii_letter(text[i + n])))
            return true;
    return false;
}

/* Whether line [s, e) names the family of template t, when it is one of
 * those; with t < 0, any of them. */
static bool names_family(const char *text, size_t s, size_t e, int t)
{
    if (t >= 0) {
        const char *tid = trop_template_table[t].id;
        size_t n = strcspn(tid, "-.");
        return trop_word_in(tid, n, families) && line_has_word(text, s, e, tid, n);
    }
    for (const char *const *f = families; *f; f++)
        if (line_has_word(text, s, e, *f, strlen(*f)))
            return true;
    return false;
}

/* Whether line [s, e) stands alone: a blank line, or the text's start or
 * end, before and after it (a title, not a line of a paragraph). */
static bool standalone(const trop_ident *id, size_t s, size_t e)
{
    size_t b = s, a = e;
    while (b > 0 && id->text[b - 1] != '\n')
        b--; /* s may be past the line's blanks */
    if (b > 0) {
        size_t p = b - 1; /* the '\n' ending the line before */
        while (p > 0 &&
               (id->text[p - 1] == ' ' || id->text[p - 1] == '\t' || id->text[p - 1] == '\r'))
            p--;
        if (p > 0 && id->text[p - 1] != '\n')
            return false;
    }
    if (a < id->len) {
        a++;
        while (a < id->len && (id->text[a] == ' ' || id->text[a] == '\t' || id->text[a] == '\r'))
            a++;
        if (a < id->len && id->text[a] != '\n')
            return false;
    }
    return true;
}

#define TITLE_LINES_MAX 3   /* lines of a title block at the top of a text */
#define TITLE_LINE_MAX 1024 /* bytes a title's line may have */

/* The end of the line that starts at i, read no further than a title's
 * line may run; 0 when it runs further. */
static size_t title_line_end(const trop_ident *id, size_t i)
{
    size_t n = id->len - i < TITLE_LINE_MAX ? id->len - i : TITLE_LINE_MAX;
    const char *eol = memchr(id->text + i, '\n', n);
    return eol ? (size_t)(eol - id->text) : i + n == id->len ? id->len : 0;
}

/* Whether the line at s is in the text's first paragraph, of a few short
 * lines: a title block ("Open Data Commons Attribution License (ODC-By)
 * v1.0", its short name below it). */
static bool title_block(const trop_ident *id, size_t s)
{
    size_t i = 0, lines = 0;
    bool past = false; /* the paragraph reached s */
    while (i < id->len && i < TITLE_LINE_MAX && id->text[i] && strchr(" \t\r\n", id->text[i]))
        i++;
    for (; i < id->len; i = title_line_end(id, i) + 1) {
        size_t end = title_line_end(id, i), b = i;
        if (!end)
            return false;
        while (b < end && id->text[b] && strchr(" \t\r", id->text[b]))
            b++;
        if (b == end) /* the blank line ending the paragraph */
            return past;
        if (++lines > TITLE_LINES_MAX || !trop_heading_line(id->text, id->len, b, true))
            return false; /* a long paragraph, or prose */
        past |= s <= end;
    }
    return past;
}

/* How the title line at byte off names the licence matched: 0 not (or not a
 * title), 1 as itself ("The MIT License (MIT)"), 2 as a variant of it
 * ("Hobbyist MIT License") or of another licence of a family releases use
 * ("BSD-3-Clause-Edu" over the GPL): read as a licence name, it is not
 * free. */
static int title_names(const trop_ident *id, size_t off, int *rc)
{
    size_t s, e;
    *rc = 0;
    trop_line_at(id, off, &s, &e);
    if (!id->nm || !trop_heading_line(id->text, id->len, off, true) ||
        !(standalone(id, s, e) || title_block(id, s)) || memmem(id->text + s, e - s, "://", 3) ||
        trop_spdx_line(id->text, id->len, off))
        return 0;
    bool own = false, family = names_family(id->text, s, e, -1);
    for (size_t m = 0; m < id->nm && !own && family; m++)
        own = names_family(id->text, s, e, id->m[m].t);
    if (!family && !id->strict)
        return 0;
    trop_expr *x = NULL;
    const char *kind;
    int r = trop_classify_expr(id->text + s, e - s, &x, &kind, NULL);
    if (r == TRO_ENOMEM)
        *rc = r;
    bool free_ = !r && x && trop_expr_is_free(x);
    /* strict: a title of any family that names the licence matched, as
     * its name or id ("Open Software License ("OSL") v. 3.0") */
    for (size_t m = 0; m < id->nm && free_ && !own && x && x->kind == TROP_EX_LICENSE; m++)
        own = x->lic && !strcmp(x->lic->id, trop_template_table[id->m[m].t].id);
    trop_expr_free(x);
    if (!family)
        return own ? 1 : 0;
    return !free_ ? 2 : own ? 1 : 0;
}

#define TERMS_WORDS_MIN 3   /* words of terms an added sentence may not hold */
#define USE_TERMS_MIN 2     /* ... when it speaks of use ("for use with Acme printers") */
#define GRANT_TERMS_MIN 2   /* ... and a grant */
#define FOREIGN_WORDS_MIN 2 /* words of no licence's language an added sentence may not hold */

/* Whether byte off is inside parentheses opened on its line. */
static bool in_parentheses(const char *text, size_t off)
{
    for (size_t i = off; i > 0 && text[i - 1] != '\n' && off - i < 200; i--) {
        if (text[i - 1] == ')')
            return false;
        if (text[i - 1] == '(')
            return true;
    }
    return false;
}

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
        if (trop_lower(id->text[t->off]) && terms_word(id, k, k0, k1) &&
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
            if (terms_word(id, k, k0, k1) && !trop_spdx_line(id->text, id->len, id->tk.v[k].off) &&
                title_names(id, id->tk.v[k].off, &rc) != 1)
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
        if (terms_word(id, k, k0, k1) && !trop_heading_line(id->text, id->len, off, false) &&
            !trop_spdx_line(id->text, id->len, off)) {
            terms++;
            narrowed |= inserted(id, k, k0, k1);
            /* words in lower case, not of an address ("14 rue de Plaisance");
             * far from the grant word, only those put in parentheses */
            in_grant += trop_lower(id->text[off]) && !trop_address_line(id->text, id->len, off) &&
                        (grant == 1 || in_parentheses(id->text, off));
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

/* Bigrams of a grant a text may lack: one is a word written otherwise
 * ("freely, subject to"); a word changed, dropped or put in takes two. */
#define GRANT_MISSING_MIN 2

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The sentence of the text's grant, to quote: the first with a grant word. */
static trop_found grant_sentence(const trop_ident *id)
{
    for (size_t i = 0; i < id->tk.n; i++)
        if (trop_grant_word(id, i)) {
            const trop_tok *t = &id->tk.v[i];
            return trop_ident_sentence(id, t->off, t->off + t->len);
        }
    return (trop_found){NULL, "clause", 0, 0, 0};
}

/* Words of a grant before and after the word that marks it, as
 * gen-templates.py takes them, and a few more: words put in push it apart. */
#define GRANT_BEFORE 25
#define GRANT_AFTER 55
#define GRANT_SLACK 12

/* Whether word i of the text marks a grant, as gen-templates.py reads the
 * licences: "hereby", "is/are granted", "are permitted provided",
 * "exercising permissions", "licensees and". */
static bool grant_mark(const trop_ident *id, size_t i)
{
    bool prev_is =
        i && (trop_ident_word_is(id, i - 1, "is") || trop_ident_word_is(id, i - 1, "are"));
    bool last = i + 1 >= id->tk.n;
    return trop_ident_word_is(id, i, "hereby") ||
           (trop_ident_word_is(id, i, "granted") && prev_is) ||
           (trop_ident_word_is(id, i, "permitted") && prev_is && !last &&
            trop_ident_word_is(id, i + 1, "provided")) ||
           (trop_ident_word_is(id, i, "exercising") && !last &&
            trop_ident_word_is(id, i + 1, "permissions")) ||
           (trop_ident_word_is(id, i, "licensees") && !last &&
            trop_ident_word_is(id, i + 1, "and"));
}

/* The bigrams of the text around its grant marks, into out (room for
 * id->big.n), each once: how many. */
static size_t grant_windows(const trop_ident *id, uint32_t *out)
{
    size_t n = 0, upto = 0; /* bigrams before upto are in already */
    for (size_t i = 0; i < id->tk.n; i++) {
        if (!grant_mark(id, i))
            continue;
        size_t from = i > GRANT_BEFORE + GRANT_SLACK ? i - GRANT_BEFORE - GRANT_SLACK : 0;
        size_t to = i + GRANT_AFTER + GRANT_SLACK;
        if (to > id->big.n)
            to = id->big.n;
        for (size_t k = from > upto ? from : upto; k < to; k++)
            out[n++] = id->big.h[k];
        if (to > upto)
            upto = to;
    }
    return n;
}

/* The words a grant names its licensees with. */
static bool licensee_word(const trop_ident *id, size_t k)
{
    static const char *const words[] = {
        "anyone",       "person",        "persons", "individual", "individuals",
        "organization", "organizations", "entity",  "entities",   "legal",
        "licensee",     "licensees",     NULL};
    return trop_word_in(id->text + id->tk.v[k].off, id->tk.v[k].len, words);
}

/* A seam in a grant's sentence by a word naming its licensees: two words of
 * the licence side by side that it does not have side by side, words left
 * out between them ("shall mean an individual exercising" for "an
 * individual or Legal Entity exercising"). The sentence, or off 0 and len 0. */
static trop_found licensee_seam(const trop_ident *id)
{
    for (size_t k = 0; k + 1 < id->tk.n; k++) {
        if (!id->covered[k] || !id->covered[k + 1] || id->bigram_in[k] ||
            !(licensee_word(id, k) || licensee_word(id, k + 1)))
            continue;
        trop_found f = trop_ident_sentence(id, id->tk.v[k].off, id->tk.v[k].off + 1);
        size_t s0 = k, s1 = k;
        while (s0 > 0 && id->tk.v[s0 - 1].off >= f.off)
            s0--;
        while (s1 < id->tk.n && id->tk.v[s1].off < f.off + f.len)
            s1++;
        if (trop_in_grant(id, s0, s1) == 1)
            return f;
    }
    return (trop_found){NULL, "clause", 0, 0, 0};
}

/* Whether the grant of a free licence the text matched lost one of its
 * bigrams: a word of it changed ("to any Canadian obtaining"), dropped
 * ("to use, copy, merge") or put between two ("to any person (other than a
 * competitor) obtaining"), or words naming its licensees were left out.
 * Quoted in id->clauses. */
int trop_grant_changed(trop_ident *id, bool *changed)
{
    *changed = false;
    if (!id->nm || id->big.n == 0)
        return 0;
    trop_found seam = licensee_seam(id);
    if (seam.len) {
        *changed = true;
        trop_ident_quote(id, seam, (int64_t)seam.off);
        return 0;
    }
    /* the text's bigrams around its own grant words, where the licence's
     * grant bigrams must be: "an individual or Legal Entity" elsewhere in
     * Apache does not stand for the one defining "You" */
    uint32_t *h = malloc(id->big.n * sizeof *h);
    if (!h)
        return TRO_ENOMEM;
    size_t nh = grant_windows(id, h);
    if (!nh) { /* a grant worded otherwise ("grants" with no "hereby"): the whole text */
        memcpy(h, id->big.h, id->big.n * sizeof *h);
        nh = id->big.n;
    }
    qsort(h, nh, sizeof *h, cmp_u32);
    for (size_t m = 0; m < id->nm && !*changed; m++) {
        int t = id->m[m].t;
        if (!trop_category_free(
                (tro_license_category)trop_lic_category_of(trop_template_table[t].id)))
            continue;
        unsigned missing = 0;
        for (uint32_t g = trop_grant_start[t]; g < trop_grant_start[t + 1]; g++) {
            /* as often as the licence has it: Apache's copyright and patent
             * grants share "perpetual, worldwide, non-exclusive" */
            unsigned want = trop_grant_count[g], have = 0;
            const uint32_t *at = bsearch(&trop_grant_bigram[g], h, nh, sizeof *h, cmp_u32);
            if (at) {
                while (at > h && at[-1] == trop_grant_bigram[g])
                    at--;
                while (at + have < h + nh && at[have] == trop_grant_bigram[g] && have < want)
                    have++;
            }
            missing += have < want ? want - have : 0;
        }
        *changed = missing >= GRANT_MISSING_MIN;
    }
    free(h);
    if (*changed) {
        trop_found f = grant_sentence(id);
        trop_ident_quote(id, f, (int64_t)f.off);
    }
    return 0;
}

#define INSERT_MAX 12 /* words a run put into a sentence of the licence may have */

/* Whether a run of words starting at word a is put in as an aside: after a
 * parenthesis or a dash ("forms (on Acme boards), with", "to any person --
 * a student -- obtaining"), not after a comma, which real texts put their
 * own words after. */
static bool aside(const trop_ident *id, size_t a)
{
    const trop_tok *p = &id->tk.v[a - 1], *q = &id->tk.v[a];
    for (size_t i = p->off + p->len; i < q->off; i++)
        if (id->text[i] == '(' || id->text[i] == '-' || (unsigned char)id->text[i] == 0xE2)
            return true; /* 0xE2: the first byte of an en or em dash */
    return false;
}

/* Words put into a sentence of the licence, between two words it has side
 * by side, as an aside or into its grant: "free of charge (for the first
 * year), to any", "Each licensee (a subscriber) is addressed", "in the
 * Licensed Material without modification to". Two words or more, one of
 * them of terms or limiting. Quoted in id->clauses. */
int trop_insertion(trop_ident *id, bool *found)
{
    *found = false;
    for (size_t a = 1; a < id->tk.n && !*found; a++) {
        if (id->covered[a] || !id->covered[a - 1])
            continue;
        size_t b = a;
        while (b < id->tk.n && !id->covered[b] && b - a <= INSERT_MAX)
            b++;
        if (b >= id->tk.n || b - a > INSERT_MAX || b - a < 2) {
            a = b;
            continue;
        }
        /* one sentence: no stop and no blank line before the run */
        bool joins = true;
        const trop_tok *p = &id->tk.v[a - 1], *q = &id->tk.v[a];
        for (size_t i = p->off + p->len; i < q->off && joins; i++)
            joins = !(id->text[i] == '.' || id->text[i] == ';' || id->text[i] == ':' ||
                      (id->text[i] == '\n' && i + 1 < q->off && id->text[i + 1] == '\n'));
        uint32_t h = trop_norm_bigram(id->tk.v[a - 1].h, id->tk.v[b].h);
        bool side_by_side = false;
        for (size_t m = 0; m < id->nm && joins && !side_by_side; m++)
            side_by_side = trop_category_free((tro_license_category)trop_lic_category_of(
                               trop_template_table[id->m[m].t].id)) &&
                           trop_tmatch_count(h, id->m[m].t) > 0;
        if (side_by_side && (aside(id, a) || trop_in_grant(id, a, b))) {
            for (size_t k = a; k < b && !*found; k++) {
                const trop_tok *t = &id->tk.v[k];
                *found = !trop_spdx_line(id->text, id->len, t->off) &&
                         !trop_on_copyright_line(id, t->off) &&
                         (terms_word(id, k, a, b) || trop_limiting_word(id->text + t->off, t->len));
            }
        }
        if (*found) {
            trop_found f = trop_ident_sentence(id, id->tk.v[a].off, id->tk.v[b - 1].off);
            trop_ident_quote(id, f, (int64_t)f.off);
        }
        a = b;
    }
    return 0;
}

/* A title that makes the licence a variant of itself ("Hobbyist MIT License",
 * "MIT License (Trial)", "ISC License + NoAI"): a heading with words the
 * licence does not explain that names the licence matched, and which, read
 * as a licence name, is not a free licence. Quoted in id->clauses. */
int trop_title_variant(trop_ident *id, bool *found)
{
    *found = false;
    for (size_t i = 0; i < id->tk.n && !*found; i++) {
        const trop_tok *t = &id->tk.v[i];
        if (id->covered[i])
            continue;
        int rc;
        size_t s, e;
        trop_line_at(id, t->off, &s, &e);
        *found = title_names(id, t->off, &rc) == 2;
        if (rc)
            return rc;
        if (*found) {
            trop_ident_quote(id, (trop_found){NULL, "clause", s, e - s, 0}, (int64_t)s);
        }
        while (i + 1 < id->tk.n && id->tk.v[i + 1].off < e) /* on to the next line */
            i++;
    }
    return 0;
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Titles of a licence text: a line standing alone, or one of the text's
 * first few lines, that names a licence of a family releases use, as the
 * licence matched (explained) or as a variant of it or of another licence
 * (added.h). */
#include "internal.h"
#include "added.h"
#include "identify.h"
#include "license.h"
#include "tmatch.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The families releases use, whose names a title adds words to: the first
 * part of their ids ("MIT", "BSD", "Apache", "GPL", "CC"). */
static const char *const families[] = {
    "mit", "bsd", "apache", "isc",  "zlib", "gpl",       "lgpl",     "agpl",       "mpl", "epl",
    "cc",  "bsl", "cddl",   "eupl", "ofl",  "unlicense", "artistic", "postgresql", NULL};

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
bool trop_standalone(const trop_ident *id, size_t s, size_t e)
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
int trop_title_names(const trop_ident *id, size_t off, int *rc)
{
    size_t s, e;
    *rc = 0;
    trop_line_at(id, off, &s, &e);
    if (!id->nm || !trop_heading_line(id->text, id->len, off, true) ||
        !(trop_standalone(id, s, e) || title_block(id, s)) ||
        memmem(id->text + s, e - s, "://", 3) || trop_spdx_line(id->text, id->len, off))
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
        *found = trop_title_names(id, t->off, &rc) == 2;
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

bool trop_family_word(const char *w, size_t n)
{
    return trop_word_in(w, n, families);
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* What text identification (identify.c) gathers from a licence text besides
 * full-text matching: SPDX-License-Identifier lines, the title, sentences
 * that mark a licence, licence URLs (hints.c). Private to lib/license. */
#ifndef TROP_IDENTIFY_H
#define TROP_IDENTIFY_H

#ifndef TRO_BUILDING
#error "lib/license/identify.h is private to libtrulyopen"
#endif

#include "license.h"
#include "tmatch.h"

#define TROP_HINT_MAX_SPDX 16
#define TROP_HINT_MAX_URLS 64
#define TROP_HINT_MAX_FPS 8

/* A piece of evidence: what it names, and where it is in the text. */
typedef struct trop_found {
    const char *expr; /* static (a table's), or NULL */
    const char *kind; /* evidence kind: "title", "fingerprint", "url", ... */
    size_t off, len;
    int score;
} trop_found;

/* The licence the title lines near the top name (expr NULL: none). */
trop_found trop_hint_title(const char *text, size_t len);
/* Licences whose characteristic sentences all occur (license-fingerprints.tsv). */
size_t trop_hint_fingerprints(const trop_toks *w, trop_found *out, size_t max);
/* Licences named by URLs in the text. */
size_t trop_hint_urls(const char *text, size_t len, trop_found *out, size_t max);
/* The SPDX-License-Identifier lines, their expressions joined by AND (*out
 * NULL when there are none). A line that does not parse, or whose WITH names
 * nothing known, stands for an unknown licence: it declares something. */
int trop_hint_spdx(const char *text, size_t len, trop_expr **out, trop_found *ev, size_t *nev);

/* ---- One identification (identify.c, textmatch.c, added.c) ------------------ */
#define TROP_IDENT_MAX_MATCHES 4
#define TROP_IDENT_MAX_HITS 32

typedef struct trop_ident {
    const char *text;
    size_t len; /* analysed length */
    const tro_license_db *db;
    trop_toks tk;       /* words for matching (normal.c) */
    trop_tbigrams big;  /* their bigrams, looked up in the index */
    uint8_t *covered;   /* per tk word: explained by a template */
    uint8_t *bigram_in; /* per tk word i: the bigram of words i, i + 1 is a template's */
    size_t ncovered;
    trop_tbest m[TROP_IDENT_MAX_MATCHES];
    size_t nm;
    trop_tbest first; /* the first pass, for its closest template */
    bool db_won;      /* a reference text of the caller's matched best */
    trop_found clauses[TROP_IDENT_MAX_HITS]; /* restrictive clauses in added text */
    size_t nclauses;
    int64_t limiting_at; /* byte of a sentence added to a free licence that may limit it, or -1 */
    bool strict;         /* TRO_IDENTIFY_STRICT: every added word must be explained */
    tro_license_result *r;
} trop_ident;

/* Full-text matches of id's words, and what is left over, again and again
 * (id->m, id->covered, id->bigram_in). */
int trop_ident_match(trop_ident *id);
/* The expression the matches make: their licences joined by AND, a notice's
 * -or-later or variant applied, an exception text attached with WITH. */
int trop_ident_templates_expr(const trop_ident *id, trop_expr **out);
/* Restrictions in what the matched licence does not explain, and text nobody
 * knows: *e (a free licence) gains "AND LicenseRef-trulyopen-added-restriction"
 * (or "-custom"); *cat is the restriction's category, reasons says what was
 * found, id->clauses quotes it. */
int trop_ident_verdict(trop_ident *id, trop_expr **e, tro_license_category *cat, char *reasons,
                       size_t rsz);

#endif /* TROP_IDENTIFY_H */

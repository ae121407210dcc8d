/* What text identification (identify.c) gathers from a licence text besides
 * full-text matching: SPDX-License-Identifier lines, the title, sentences
 * that mark a licence, licence URLs (hints.c). Private to lib/license. */
#ifndef TROP_IDENTIFY_H
#define TROP_IDENTIFY_H

#ifndef TRO_BUILDING
#error "lib/license/identify.h is private to libtrulyopen"
#endif

#include "license.h"

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

#endif /* TROP_IDENTIFY_H */

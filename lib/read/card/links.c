/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Link reference definitions and the "links" metadata of a card's body
 * (inline.c finds the links). */
#include "card.h"

#include <stdlib.h>
#include <string.h>

/* ---- reference definitions ----------------------------------------------- */

/* Case-folded (ASCII), whitespace-collapsed label in out (TROP_CARD_MD_MAX_LABEL + 1). */
static size_t norm_label(const char *s, size_t n, char *out)
{
    size_t o = 0;
    bool space = false;
    for (size_t i = 0; i < n && o < TROP_CARD_MD_MAX_LABEL; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = o > 0;
            continue;
        }
        if (space && o < TROP_CARD_MD_MAX_LABEL - 1)
            out[o++] = ' ';
        space = false;
        out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[o] = '\0';
    return o;
}

/* A definition's parts, as slices of the line. */
typedef struct def_parts {
    size_t ls, le, ds, de, ts, te;
} def_parts;

/* "[label]: dest 'title'" filling s[p..end), or false. */
static bool parse_definition(const trop_card_md *m, size_t p, size_t end, def_parts *d)
{
    const unsigned char *s = (const unsigned char *)m->s;
    size_t k = p + 1;
    while (k < end && s[k] != ']' && s[k] != '[' && k - p <= TROP_CARD_MD_MAX_LABEL)
        k += (s[k] == '\\' && k + 1 < end) ? 2 : 1;
    if (k >= end || s[k] != ']' || k == p + 1 || k + 1 >= end || s[k + 1] != ':')
        return false;
    d->ls = p + 1, d->le = k, d->ts = d->te = 0;
    k += 2;
    while (k < end && trop_card_md_is_sp(s[k]))
        k++;
    d->ds = k;
    if (k < end && s[k] == '<') {
        const unsigned char *g = memchr(s + k, '>', end - k);
        if (!g)
            return false;
        d->ds = k + 1, d->de = (size_t)(g - s), k = d->de + 1;
    } else {
        while (k < end && s[k] > ' ')
            k++;
        d->de = k;
    }
    if (d->de == d->ds || d->de - d->ds > TROP_CARD_MD_MAX_URL)
        return false;
    while (k < end && trop_card_md_is_sp(s[k]))
        k++;
    if (k < end && (s[k] == '"' || s[k] == '\'' || s[k] == '(')) {
        unsigned char close = s[k] == '(' ? ')' : s[k];
        const unsigned char *q = memchr(s + k + 1, close, end - k - 1);
        if (!q)
            return false;
        d->ts = k + 1, d->te = (size_t)(q - s), k = d->te + 1;
        while (k < end && trop_card_md_is_sp(s[k]))
            k++;
    }
    return k == end;
}

bool trop_card_md_definition(trop_card_md *m, size_t p, size_t end)
{
    def_parts parts;
    if (!parse_definition(m, p, end, &parts))
        return false;
    if (m->ndefs >= TROP_CARD_MD_MAX_LINKS)
        return true;
    if (m->ndefs == m->capdefs) {
        size_t cap = m->capdefs ? m->capdefs * 2 : 8;
        trop_card_md_def *v = realloc(m->defs, cap * sizeof *v);
        if (!v) {
            m->oom = true;
            return true;
        }
        m->defs = v;
        m->capdefs = cap;
    }
    char buf[TROP_CARD_MD_MAX_LABEL + 1];
    size_t bl = norm_label(m->s + parts.ls, parts.le - parts.ls, buf);
    trop_card_md_def *d = &m->defs[m->ndefs];
    memset(d, 0, sizeof *d);
    if (!(d->label = malloc(bl + 1))) {
        m->oom = true;
        return true;
    }
    memcpy(d->label, buf, bl + 1);
    trop_card_md_slice(&d->url, &d->url_len, m->s, parts.ds, parts.de, TROP_CARD_MD_MAX_URL);
    if (parts.te > parts.ts)
        trop_card_md_slice(&d->title, &d->title_len, m->s, parts.ts, parts.te,
                           TROP_CARD_MD_MAX_LINK_TEXT);
    d->seq = m->ndefs++;
    return true;
}

/* ---- output -------------------------------------------------------------- */

static int cmp_def(const void *pa, const void *pb)
{
    const trop_card_md_def *a = pa, *b = pb;
    int c = strcmp(a->label, b->label);
    return c ? c : (a->seq < b->seq ? -1 : a->seq > b->seq);
}

static const trop_card_md_def *find_def(const trop_card_md *m, const trop_card_md_link *l)
{
    char buf[TROP_CARD_MD_MAX_LABEL + 1];
    norm_label(l->label, l->label_len, buf);
    size_t lo = 0, hi = m->ndefs;
    while (lo < hi) { /* the first definition with this label */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(m->defs[mid].label, buf) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < m->ndefs && strcmp(m->defs[lo].label, buf) == 0 ? &m->defs[lo] : NULL;
}

void trop_card_md_links_resolve(trop_card_md *m)
{
    if (m->ndefs > 1)
        qsort(m->defs, m->ndefs, sizeof *m->defs, cmp_def);
    for (size_t i = 0; i < m->nlinks; i++) {
        trop_card_md_link *l = &m->links[i];
        if (l->removed || l->kind != TROP_CARD_LINK_REFERENCE)
            continue;
        const trop_card_md_def *d = m->ndefs ? find_def(m, l) : NULL;
        if (!d) {
            l->removed = true; /* "[text]" that is no reference renders as text */
            continue;
        }
        l->url = d->url, l->url_len = d->url_len;
        l->title = d->title, l->title_len = d->title_len;
    }
}

void trop_card_md_links_free(trop_card_md *m)
{
    for (size_t i = 0; i < m->ndefs; i++)
        free(m->defs[i].label);
    free(m->defs);
    free(m->links);
    m->defs = NULL;
    m->links = NULL;
    m->ndefs = m->nlinks = 0;
}

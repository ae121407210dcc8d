/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Short phrases found in licence texts (restrictive clauses, sentences that
 * mark a licence), compiled at build time into the hashes of their words.
 * A text is read once for all phrases of a set: a filter of first-word
 * hashes passes over most words, and the phrases starting with a word are
 * found by binary search. "*" stands for up to six words. */
#include "internal.h"
#include "license.h"

#define WILDCARD_SPAN 6

/* Matches phrase words h[k..n) at text word i; one past the end or 0. */
static size_t match_from(const trop_toks *w, size_t i, const uint64_t *h, size_t n, size_t k)
{
    for (; k < n; k++, i++) {
        if (h[k] == 0) {
            for (size_t skip = 0; skip <= WILDCARD_SPAN && i + skip <= w->n; skip++) {
                size_t end = match_from(w, i + skip, h, n, k + 1);
                if (end)
                    return end;
            }
            return 0;
        }
        if (i >= w->n || w->v[i].h != h[k])
            return 0;
    }
    return i;
}

size_t trop_phrase_at(const trop_phrase_set *set, size_t p, const trop_toks *w, size_t i)
{
    const trop_phrase_def *d = &set->phrases[p];
    const uint64_t *h = set->words + d->off;
    if (!d->n || i >= w->n || w->v[i].h != h[0])
        return 0;
    return match_from(w, i, h, d->n, 0);
}

/* The first of the phrases whose first word is hash h. */
static size_t first_with(const trop_phrase_set *set, uint64_t h)
{
    size_t lo = 0, hi = set->nfirst;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (set->first[mid].hash < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void trop_phrases_scan(const trop_phrase_set *set, const trop_toks *w, trop_phrase_hit_fn hit,
                       void *ctx)
{
    for (size_t i = 0; i < w->n; i++) {
        uint64_t h = w->v[i].h;
        if (!(set->bloom[(h >> 6) & 63] >> (h & 63) & 1))
            continue;
        for (size_t k = first_with(set, h); k < set->nfirst && set->first[k].hash == h; k++) {
            size_t p = set->first[k].phrase, e = trop_phrase_at(set, p, w, i);
            if (e && !hit(p, i, e, ctx))
                return;
        }
    }
}

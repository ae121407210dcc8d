/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Scores a text against every compiled-in template at once. The text's word
 * bigrams are hashed and looked up in the index once (a directory by the top
 * 16 bits of the hash, then a binary search); each distinct bigram's
 * postings add min(count in text, count in template) to each template
 * holding it. Dice = 2 * matched / (template + text), where optional text
 * counts only as far as it is matched; coverage = required template bigrams
 * matched / required template bigrams. A template must be present
 * (coverage >= TROP_TMATCH_COVERAGE) to be chosen, and the best dice among
 * those wins: a text made of one licence plus a paragraph still finds it,
 * and a shorter licence that a longer one contains (MIT-0 in MIT) loses to
 * the longer one. */
#include "internal.h"
#include "license.h"
#include "tmatch.h"

#include <stdlib.h>
#include <string.h>

#define SEAM_MARGIN 10     /* template bigrams needed on each side of a seam */
#define COVER_RUN 3        /* consecutive template bigrams that count as its text */
#define VARIANT_SHARE 0.6  /* of a variant's own notice words, seen more than in the text */

/* The index entry of hash h, or -1. */
static int32_t lookup(uint32_t h)
{
    size_t lo = trop_tix_dir[h >> 16], hi = trop_tix_dir[(h >> 16) + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (trop_tix_hash[mid] < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < trop_tix_count && trop_tix_hash[lo] == h ? (int32_t)lo : -1;
}

/* LSD radix sort of n 32-bit keys, 11 bits a pass (tmp: n more). A text's
 * bigrams are sorted several times an identification; qsort's calls to a
 * comparison function were a fifth of the time. */
static void radix_sort(uint32_t *v, uint32_t *tmp, size_t n)
{
    for (unsigned shift = 0; shift < 32; shift += 11) {
        size_t count[2049] = {0};
        for (size_t i = 0; i < n; i++)
            count[((v[i] >> shift) & 2047) + 1]++;
        for (size_t b = 1; b <= 2048; b++)
            count[b] += count[b - 1];
        for (size_t i = 0; i < n; i++)
            tmp[count[(v[i] >> shift) & 2047]++] = v[i];
        memcpy(v, tmp, n * sizeof *v);
    }
}

int trop_tmatch_prepare(const trop_toks *tk, trop_tbigrams *out)
{
    memset(out, 0, sizeof *out);
    size_t n = tk->n > 1 ? tk->n - 1 : 0;
    out->h = malloc((n + 1) * sizeof *out->h);
    out->k = malloc((n + 1) * sizeof *out->k);
    if (!out->h || !out->k) {
        trop_tmatch_release(out);
        return TRO_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        out->h[i] = trop_norm_bigram(tk->v[i].h, tk->v[i + 1].h);
        out->k[i] = lookup(out->h[i]);
    }
    out->n = n;
    return 0;
}

void trop_tmatch_release(trop_tbigrams *b)
{
    free(b->h);
    free(b->k);
    memset(b, 0, sizeof *b);
}

typedef struct acc {
    uint32_t m[TROP_TMPL_MAX], opt[TROP_TMPL_MAX];
    uint16_t touched[TROP_TMPL_MAX];
    size_t ntouched;
} acc;

static void add_postings(acc *a, int32_t k, uint32_t count)
{
    for (uint32_t p = trop_tix_start[k]; p < trop_tix_start[k + 1]; p++) {
        uint16_t post = trop_tix_post[p];
        unsigned t = TROP_POST_TEMPLATE(post), c = TROP_POST_COUNT(post);
        uint32_t m = count < c ? count : c;
        if (!a->m[t]) /* counts are at least 1: m[t] is 0 only when untouched */
            a->touched[a->ntouched++] = (uint16_t)t;
        a->m[t] += m;
        if (TROP_POST_OPTIONAL(post))
            a->opt[t] += m;
    }
}

static void pick(const acc *a, size_t nbig, double min_coverage, trop_tbest *best)
{
    for (size_t i = 0; i < a->ntouched; i++) {
        unsigned t = a->touched[i];
        const trop_template *tp = &trop_template_table[t];
        if (!tp->nreq)
            continue;
        double req = (double)(a->m[t] - a->opt[t]);
        double cov = req >= tp->nreq ? 1.0 : req / (double)tp->nreq;
        double dice = 2.0 * a->m[t] / (double)(tp->nreq + a->opt[t] + nbig);
        if (dice > 1.0)
            dice = 1.0;
        if (best->closest < 0 || dice > best->closest_dice) {
            best->closest = (int)t;
            best->closest_dice = dice;
            best->closest_coverage = cov;
        }
        if (cov < min_coverage)
            continue;
        if (cov < TROP_TMATCH_COVERAGE) {
            if (best->part < 0 || dice > best->part_dice) {
                best->part = (int)t;
                best->part_dice = dice;
                best->part_coverage = cov;
            }
        } else if (best->t < 0 || dice > best->dice ||
                   (dice == best->dice && tp->nreq > trop_template_table[best->t].nreq)) {
            best->t = (int)t;
            best->dice = dice;
            best->coverage = cov;
        }
    }
}

static bool in_use(const uint8_t *use, size_t i)
{
    return !use || (use[i] && use[i + 1]);
}

int trop_tmatch_best(const trop_tbigrams *b, const uint8_t *use, double min_coverage,
                     trop_tbest *best)
{
    memset(best, 0, sizeof *best);
    best->t = best->closest = best->part = -1;
    /* the index entries of the bigrams in use, sorted to count them; the
     * text's bigram count (dice's denominator) includes those in no template */
    size_t n = 0, nbig = 0;
    uint32_t *ks = malloc((b->n + 1) * sizeof *ks), *tmp = malloc((b->n + 1) * sizeof *tmp);
    acc *a = calloc(1, sizeof *a);
    if (!ks || !tmp || !a) {
        free(ks);
        free(tmp);
        free(a);
        return TRO_ENOMEM;
    }
    for (size_t i = 0; i < b->n; i++)
        if (in_use(use, i)) {
            nbig++;
            if (b->k[i] >= 0)
                ks[n++] = (uint32_t)b->k[i];
        }
    radix_sort(ks, tmp, n);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && ks[j] == ks[i])
            j++;
        add_postings(a, (int32_t)ks[i], (uint32_t)(j - i));
        i = j;
    }
    best->text_bigrams = (uint32_t)nbig;
    if (nbig)
        pick(a, nbig, min_coverage, best);
    free(a);
    free(ks);
    free(tmp);
    return 0;
}

/* The count of template t in the postings of index entry k. */
static unsigned count_at(int32_t k, unsigned t)
{
    if (k < 0)
        return 0;
    uint32_t lo = trop_tix_start[k], hi = trop_tix_start[k + 1];
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (TROP_POST_TEMPLATE(trop_tix_post[mid]) < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < trop_tix_start[k + 1] && TROP_POST_TEMPLATE(trop_tix_post[lo]) == t
               ? TROP_POST_COUNT(trop_tix_post[lo])
               : 0;
}

unsigned trop_tmatch_count(uint32_t h, int t)
{
    return t < 0 ? 0 : count_at(lookup(h), (unsigned)t);
}

void trop_tmatch_cover(const trop_tbigrams *b, const uint8_t *use, int t, uint8_t *covered,
                       uint8_t *bigrams)
{
    if (t < 0)
        return;
    /* runs of the template's bigrams; a short one ("the software") is a
     * coincidence, not the template's text */
    for (size_t i = 0; i < b->n;) {
        size_t j = i;
        while (j < b->n && in_use(use, j) && count_at(b->k[j], (unsigned)t))
            j++;
        if (j - i >= COVER_RUN)
            for (size_t k = i; k < j; k++) {
                covered[k] = covered[k + 1] = 1;
                if (bigrams)
                    bigrams[k] = 1;
            }
        i = j > i ? j : i + 1;
    }
}

static size_t count_in(const uint32_t *sorted, size_t n, uint32_t h)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid] < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t c = 0;
    while (lo + c < n && sorted[lo + c] == h)
        c++;
    return c;
}

static bool has_variants(int t)
{
    for (size_t v = 0; v < trop_variant_count; v++)
        if (trop_variant_table[v].t == t)
            return true;
    return false;
}

const char *trop_tmatch_variant(int t, const trop_tbigrams *b)
{
    if (!has_variants(t))
        return NULL;
    /* the text's bigrams sorted, to count them (only for such licences) */
    uint32_t *sorted = malloc((b->n + 1) * sizeof *sorted), *tmp = malloc((b->n + 1) * sizeof *tmp);
    if (!sorted || !tmp) {
        free(sorted);
        free(tmp);
        return NULL; /* out of memory: the licence text's own id */
    }
    memcpy(sorted, b->h, b->n * sizeof *sorted);
    radix_sort(sorted, tmp, b->n);
    free(tmp);
    const char *best = NULL;
    double best_share = VARIANT_SHARE;
    uint32_t best_n = 0;
    for (size_t v = 0; v < trop_variant_count; v++) {
        const trop_variant *va = &trop_variant_table[v];
        if (va->t != t || !va->n)
            continue;
        size_t more = 0;
        for (uint32_t k = 0; k < va->n; k++)
            more += count_in(sorted, b->n, trop_variant_bigram[va->off + k]) >
                    trop_variant_count_in_text[va->off + k];
        double share = (double)more / va->n;
        if (share > best_share ||
            (share == best_share && best &&
             (va->n > best_n || (va->n == best_n && strlen(va->id) < strlen(best))))) {
            best = va->id;
            best_share = share;
            best_n = va->n;
        }
    }
    free(sorted);
    return best;
}

size_t trop_tmatch_seams(const trop_tbigrams *b, const uint8_t *use, int t)
{
    if (t < 0 || b->n < 3)
        return 0;
    size_t covered = 0;
    for (size_t i = 0; i < b->n; i++)
        covered += in_use(use, i) && count_at(b->k[i], (unsigned)t);
    /* a seam: a bigram that is not the template's between two that are, with
     * SEAM_MARGIN matched bigrams on each side (a title or preamble dropped
     * before the text, or a tail after it, is not a cut) */
    size_t seams = 0, before = 0;
    bool prev = in_use(use, 0) && count_at(b->k[0], (unsigned)t);
    for (size_t i = 1; i + 1 < b->n; i++) {
        bool cur = in_use(use, i) && count_at(b->k[i], (unsigned)t);
        before += prev;
        if (!cur && prev && in_use(use, i + 1) && count_at(b->k[i + 1], (unsigned)t) &&
            before >= SEAM_MARGIN && covered - before >= SEAM_MARGIN)
            seams++;
        prev = cur;
    }
    return seams;
}

/* Scores a text against every compiled-in template at once. The text's word
 * bigrams are counted; each distinct bigram is looked up in the index
 * (a directory by the top 16 bits of its hash, then a binary search), and
 * its postings add min(count in text, count in template) to each template
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

#define SEAM_MARGIN 10
#define VARIANT_SHARE 0.75 /* of a variant's own notice words, seen more than in the text */

/* The index entry of hash h, or -1. */
static long lookup(uint32_t h)
{
    size_t lo = trop_tix_dir[h >> 16], hi = trop_tix_dir[(h >> 16) + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (trop_tix_hash[mid] < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < trop_tix_count && trop_tix_hash[lo] == h ? (long)lo : -1;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The bigram hashes of consecutive words in use. */
static int text_bigrams(const trop_toks *tk, const uint8_t *use, uint32_t **out, size_t *n)
{
    *n = 0;
    *out = malloc((tk->n + 1) * sizeof **out);
    if (!*out)
        return TRO_ENOMEM;
    for (size_t i = 0; i + 1 < tk->n; i++)
        if (!use || (use[i] && use[i + 1]))
            (*out)[(*n)++] = trop_norm_bigram(tk->v[i].h, tk->v[i + 1].h);
    qsort(*out, *n, sizeof **out, cmp_u32);
    return 0;
}

typedef struct acc {
    uint32_t m[TROP_TMPL_MAX], opt[TROP_TMPL_MAX];
    uint16_t touched[TROP_TMPL_MAX];
    size_t ntouched;
} acc;

static void add_postings(acc *a, long k, uint32_t count)
{
    for (uint32_t p = trop_tix_start[k]; p < trop_tix_start[k + 1]; p++) {
        uint16_t post = trop_tix_post[p];
        unsigned t = TROP_POST_TEMPLATE(post), c = TROP_POST_COUNT(post);
        uint32_t m = count < c ? count : c;
        if (!a->m[t] && !a->opt[t])
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

int trop_tmatch_best(const trop_toks *tk, const uint8_t *use, double min_coverage,
                     trop_tbest *best)
{
    memset(best, 0, sizeof *best);
    best->t = best->closest = best->part = -1;
    uint32_t *big;
    size_t n;
    int rc = text_bigrams(tk, use, &big, &n);
    if (rc)
        return rc;
    best->text_bigrams = (uint32_t)n;
    acc *a = n ? calloc(1, sizeof *a) : NULL;
    if (n && !a) {
        free(big);
        return TRO_ENOMEM;
    }
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && big[j] == big[i])
            j++;
        long k = lookup(big[i]);
        if (k >= 0)
            add_postings(a, k, (uint32_t)(j - i));
        i = j;
    }
    if (a)
        pick(a, n, min_coverage, best);
    free(a);
    free(big);
    return 0;
}

unsigned trop_tmatch_count(uint32_t h, int t)
{
    long k = lookup(h);
    if (k < 0 || t < 0)
        return 0;
    uint32_t lo = trop_tix_start[k], hi = trop_tix_start[k + 1];
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (TROP_POST_TEMPLATE(trop_tix_post[mid]) < (unsigned)t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < trop_tix_start[k + 1] && TROP_POST_TEMPLATE(trop_tix_post[lo]) == (unsigned)t
               ? TROP_POST_COUNT(trop_tix_post[lo])
               : 0;
}

/* Whether template t holds bigram h. */
static bool holds(uint32_t h, unsigned t)
{
    return trop_tmatch_count(h, (int)t) > 0;
}

int trop_tmatch_bigrams(const trop_toks *tk, uint32_t **out, size_t *n)
{
    return text_bigrams(tk, NULL, out, n);
}

static size_t count_in(const uint32_t *big, size_t n, uint32_t h)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (big[mid] < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t c = 0;
    while (lo + c < n && big[lo + c] == h)
        c++;
    return c;
}

const char *trop_tmatch_variant(int t, const uint32_t *big, size_t n)
{
    const char *best = NULL;
    double best_share = VARIANT_SHARE;
    uint32_t best_n = 0;
    for (size_t v = 0; v < trop_variant_count; v++) {
        const trop_variant *va = &trop_variant_table[v];
        if (va->t != t || !va->n)
            continue;
        size_t more = 0;
        for (uint32_t k = 0; k < va->n; k++) {
            uint32_t h = trop_variant_bigram[va->off + k];
            more += count_in(big, n, h) > trop_tmatch_count(h, t);
        }
        double share = (double)more / va->n;
        if (share > best_share ||
            (share == best_share && best &&
             (va->n > best_n || (va->n == best_n && strlen(va->id) < strlen(best))))) {
            best = va->id;
            best_share = share;
            best_n = va->n;
        }
    }
    return best;
}

void trop_tmatch_cover(const trop_toks *tk, const uint8_t *use, int t, uint8_t *covered,
                       uint8_t *bigrams)
{
    if (t < 0)
        return;
    for (size_t i = 0; i + 1 < tk->n; i++) {
        if (use && !(use[i] && use[i + 1]))
            continue;
        if (holds(trop_norm_bigram(tk->v[i].h, tk->v[i + 1].h), (unsigned)t)) {
            covered[i] = covered[i + 1] = 1;
            if (bigrams)
                bigrams[i] = 1;
        }
    }
}

size_t trop_tmatch_seams(const trop_toks *tk, const uint8_t *use, int t, size_t *first)
{
    if (t < 0 || tk->n < 2)
        return 0;
    /* in[i]: the bigram of words i, i + 1 is the template's */
    uint8_t *in = calloc(tk->n, 1);
    if (!in)
        return 1; /* cannot tell: count it as cut */
    size_t covered = 0;
    for (size_t i = 0; i + 1 < tk->n; i++)
        if ((!use || (use[i] && use[i + 1])) &&
            holds(trop_norm_bigram(tk->v[i].h, tk->v[i + 1].h), (unsigned)t))
            in[i] = 1, covered++;
    /* a seam: a bigram that is not the template's between two that are, with
     * SEAM_MARGIN matched bigrams on each side (a title or preamble dropped
     * before the text, or a tail after it, is not a cut) */
    size_t seams = 0, before = 0;
    for (size_t i = 1; i + 2 < tk->n; i++) {
        before += in[i - 1];
        if (!in[i] && in[i - 1] && in[i + 1] && before >= SEAM_MARGIN &&
            covered - before - in[i + 1] + 1 >= SEAM_MARGIN) {
            if (!seams && first)
                *first = i;
            seams++;
        }
    }
    free(in);
    return seams;
}

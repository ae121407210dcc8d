/*
 * Word lists looked for in a card's blocks, word by word rather than
 * pattern by pattern. The rules ask, for hundreds of sentences, whether one
 * of dozens of patterns occurs ("licensed under", "train*", "fine tun*");
 * searching the text once per pattern costs patterns x bytes. Instead:
 *  - each block's words are listed once (where each starts, how long, and
 *    hashes of the whole word and of its first one, two and three bytes);
 *  - each list of patterns is compiled once per card into a small table
 *    from those hashes to the patterns whose first word they can start;
 *  - a query walks the words of its span, looks each up (four probes) and
 *    checks only the patterns it finds there, in place (trop_word_find's
 *    rules: whole words, '*' for the rest of a word, ' ' for joiners).
 * The answers are those of trop_word_any() on the same text: the earliest
 * match, the longest at that place. Text outside the card's blocks (a
 * copy, the access gate) is searched the plain way.
 */
#include "prose.h"

#include <stdlib.h>
#include <string.h>

#define LIST_SLOTS 128 /* per compiled list: keys of first words, a power of two */
#define MAX_LISTS 256  /* distinct lists compiled for one card */

typedef struct word {
    uint32_t at;
    uint32_t len;
    uint32_t h[4]; /* whole word, first 1, 2, 3 bytes (0 when shorter) */
} word;

typedef struct block_words {
    word *v;
    size_t n;
    bool done;
} block_words;

/* A key: a hash of the first word of patterns, and which of them. */
typedef struct slot {
    uint32_t key;
    uint32_t first, count; /* into the list's pattern indices */
} slot;

typedef struct list {
    const char *const *patterns;
    uint64_t bloom[4]; /* the keys, hashed again: most words need no probe */
    slot slots[LIST_SLOTS];
    uint16_t idx[128]; /* pattern indices grouped by key */
    uint16_t npatterns;
    uint16_t plain[32]; /* patterns that start with no word byte: always tried */
    uint16_t nplain;
    bool too_big; /* more patterns than the table holds: searched the plain way */
} list;

struct trop_wordindex {
    block_words *blocks;
    size_t nblocks;
    list *lists[MAX_LISTS];
    size_t nlists;
};

enum { K_WHOLE = 0, K_HEAD1, K_HEAD2, K_HEAD3 };

static uint32_t fnv(const char *s, size_t n, uint32_t kind)
{
    uint32_t h = 2166136261u ^ kind;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h | 1u; /* 0 is an empty slot */
}

/* ---- compiling a list ---------------------------------------------------------------- */

/* The key of a pattern's first word: whole, or its head when it ends in '*'
 * (three bytes at most: a longer head is checked in place). */
static bool pattern_key(const char *p, uint32_t *key)
{
    size_t w = 0;
    while (trop_word_byte((unsigned char)p[w]))
        w++;
    if (!w)
        return false;
    if (p[w] == '*') {
        size_t k = w < 3 ? w : 3;
        *key = fnv(p, k, (uint32_t)(K_HEAD1 + k - 1));
    } else {
        *key = fnv(p, w, K_WHOLE);
    }
    return true;
}

static slot *find_slot(list *l, uint32_t key, bool add)
{
    for (size_t i = key & (LIST_SLOTS - 1), probes = 0; probes < LIST_SLOTS;
         i = (i + 1) & (LIST_SLOTS - 1), probes++) {
        if (l->slots[i].key == key)
            return &l->slots[i];
        if (!l->slots[i].key) {
            if (!add)
                return NULL;
            l->slots[i].key = key;
            return &l->slots[i];
        }
    }
    return NULL;
}

static list *compile(const char *const *patterns)
{
    list *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->patterns = patterns;
    size_t n = 0;
    while (patterns[n])
        n++;
    if (n > sizeof l->idx / sizeof *l->idx) {
        l->too_big = true;
        return l;
    }
    l->npatterns = (uint16_t)n;
    uint32_t keys[128];
    /* count per key, then place */
    for (size_t i = 0; i < n; i++) {
        if (!pattern_key(patterns[i], &keys[i])) {
            keys[i] = 0;
            if (l->nplain < sizeof l->plain / sizeof *l->plain)
                l->plain[l->nplain++] = (uint16_t)i;
            else
                l->too_big = true;
            continue;
        }
        l->bloom[(keys[i] >> 8) & 3] |= 1ull << ((keys[i] >> 16) & 63);
        slot *s = find_slot(l, keys[i], true);
        if (!s) {
            l->too_big = true;
            return l;
        }
        s->count++;
    }
    uint32_t at = 0;
    for (size_t i = 0; i < LIST_SLOTS; i++) {
        l->slots[i].first = at;
        at += l->slots[i].count;
        l->slots[i].count = 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (!keys[i])
            continue;
        slot *s = find_slot(l, keys[i], false);
        l->idx[s->first + s->count++] = (uint16_t)i;
    }
    return l;
}

static list *list_of(trop_wordindex *x, const char *const *patterns)
{
    for (size_t i = 0; i < x->nlists; i++)
        if (x->lists[i]->patterns == patterns)
            return x->lists[i];
    if (x->nlists == MAX_LISTS)
        return NULL;
    list *l = compile(patterns);
    if (l)
        x->lists[x->nlists++] = l;
    return l;
}

/* ---- words of a block ------------------------------------------------------------------ */

static block_words *words_of(trop_wordindex *x, const trop_cardview *v, size_t bi)
{
    block_words *bw = &x->blocks[bi];
    if (bw->done)
        return bw;
    const char *s = v->lower[bi];
    size_t n = v->body->blocks[bi].len, count = 0;
    for (size_t i = 0; i < n; i++)
        count += trop_word_byte((unsigned char)s[i]) &&
                 (i == 0 || !trop_word_byte((unsigned char)s[i - 1]));
    bw->v = malloc((count ? count : 1) * sizeof *bw->v);
    if (!bw->v)
        return NULL;
    for (size_t i = 0; i < n;) {
        if (!trop_word_byte((unsigned char)s[i])) {
            i++;
            continue;
        }
        size_t e = i;
        while (e < n && trop_word_byte((unsigned char)s[e]))
            e++;
        word *w = &bw->v[bw->n++];
        w->at = (uint32_t)i;
        w->len = (uint32_t)(e - i);
        w->h[K_WHOLE] = fnv(s + i, e - i, K_WHOLE);
        for (size_t k = 1; k <= 3; k++)
            w->h[k] = e - i >= k ? fnv(s + i, k, (uint32_t)k) : 0;
        i = e;
    }
    bw->done = true;
    return bw;
}

/* ---- queries ------------------------------------------------------------------------------ */

int trop_wordindex_new(trop_wordindex **out, size_t nblocks)
{
    trop_wordindex *x = calloc(1, sizeof *x);
    if (x)
        x->blocks = calloc(nblocks ? nblocks : 1, sizeof *x->blocks);
    if (!x || !x->blocks) {
        free(x);
        *out = NULL;
        return TRO_ENOMEM;
    }
    x->nblocks = nblocks;
    *out = x;
    return 0;
}

void trop_wordindex_free(trop_wordindex *x)
{
    if (!x)
        return;
    for (size_t i = 0; i < x->nblocks; i++)
        free(x->blocks[i].v);
    for (size_t i = 0; i < x->nlists; i++)
        free(x->lists[i]);
    free(x->blocks);
    free(x);
}

/* The plain way: every pattern searched; the earliest match, the longest
 * there. */
static long plain(const char *s, size_t n, const char *const *patterns, size_t *at, size_t *len)
{
    long best = -1;
    size_t best_at = 0, best_len = 0;
    trop_wmask m = trop_word_mask(s, n);
    for (size_t i = 0; patterns[i]; i++) {
        size_t l;
        if (!trop_word_may(&m, patterns[i]))
            continue;
        long f = trop_word_find(s, n, 0, patterns[i], &l);
        if (f >= 0 && (best < 0 || (size_t)f < best_at || ((size_t)f == best_at && l > best_len))) {
            best = (long)i;
            best_at = (size_t)f;
            best_len = l;
        }
    }
    if (best >= 0 && at)
        *at = best_at;
    if (best >= 0 && len)
        *len = best_len;
    return best;
}

/* The block whose folded text holds s[0..n), or -1. */
static long block_of(const trop_cardview *v, const char *s, size_t n)
{
    size_t lo = 0, hi = v->body->nblocks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v->lower[mid] <= s)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (!lo)
        return -1;
    size_t bi = lo - 1;
    const char *b = v->lower[bi];
    return s >= b && s + n <= b + v->body->blocks[bi].len ? (long)bi : -1;
}

/* Tries pattern pi of l at offset at of the block's text ending at end;
 * keeps the best (earliest, then longest). */
static void try_at(const list *l, size_t pi, const char *s, size_t end, size_t at, long *best,
                   size_t *best_at, size_t *best_len)
{
    size_t len;
    if (!trop_word_at(s, end, at, l->patterns[pi], &len))
        return;
    if (*best < 0 || at < *best_at || (at == *best_at && len > *best_len)) {
        *best = (long)pi;
        *best_at = at;
        *best_len = len;
    }
}

long trop_cv_word_find(const trop_cardview *v, const char *s, size_t n,
                       const char *const *patterns, size_t *at, size_t *len)
{
    trop_wordindex *x = v->words;
    long bi = x && n ? block_of(v, s, n) : -1;
    list *l = bi >= 0 ? list_of(x, patterns) : NULL;
    block_words *bw = l && !l->too_big ? words_of(x, v, (size_t)bi) : NULL;
    if (!bw)
        return plain(s, n, patterns, at, len);
    const char *base = v->lower[bi];
    size_t from = (size_t)(s - base), to = from + n;
    long best = -1;
    size_t best_at = 0, best_len = 0;
    /* the first word at or after from */
    size_t lo = 0, hi = bw->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (bw->v[mid].at < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t wi = lo; wi < bw->n && bw->v[wi].at < to; wi++) {
        const word *w = &bw->v[wi];
        if (best >= 0 && w->at > best_at)
            break;
        for (int k = 0; k < 4; k++) {
            uint32_t h = w->h[k];
            if (!h || !((l->bloom[(h >> 8) & 3] >> ((h >> 16) & 63)) & 1))
                continue;
            slot *sl = find_slot(l, h, false);
            for (uint32_t j = 0; sl && j < sl->count; j++)
                try_at(l, l->idx[sl->first + j], base, to, w->at, &best, &best_at, &best_len);
        }
    }
    /* patterns that do not start with a word: the plain way, over the span */
    for (size_t j = 0; j < l->nplain; j++) {
        size_t fl;
        long f = trop_word_find(base, to, from, l->patterns[l->plain[j]], &fl);
        if (f >= 0 && (best < 0 || (size_t)f < best_at || ((size_t)f == best_at && fl > best_len))) {
            best = l->plain[j];
            best_at = (size_t)f;
            best_len = fl;
        }
    }
    if (best >= 0 && at)
        *at = best_at - from;
    if (best >= 0 && len)
        *len = best_len;
    return best;
}

bool trop_cv_word_has(const trop_cardview *v, const char *s, size_t n, const char *const *patterns)
{
    return n && trop_cv_word_find(v, s, n, patterns, NULL, NULL) >= 0;
}

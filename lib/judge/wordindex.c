/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * What the card view learns of its blocks as the rules ask, each once per
 * card: the sentences of a block, the mask of its words (trop_wmask), and
 * its words, against which lists of patterns are looked for word by word
 * rather than pattern by pattern.
 *
 * The rules ask, for hundreds of sentences, whether one of dozens of
 * patterns occurs ("licensed under", "train*", "fine tun*"); searching the
 * text once per pattern costs patterns x bytes. Instead:
 *  - each block's words are listed once: where each starts, how long, a hash
 *    of the whole word;
 *  - each list of patterns is compiled once per card into a small table
 *    from the key of a pattern's first word (the whole word, or its first
 *    one, two or three bytes before a '*') to the patterns it starts, and a
 *    filter of those keys per kind;
 *  - a query walks the words of its span, tests each against the filters of
 *    the kinds of keys its list has, looks up those that pass and checks only
 *    the patterns found there, in place (trop_word_find's rules: whole
 *    words, '*' for the rest of a word, ' ' for joiners). A block whose
 *    mask says no word of it begins a pattern of the list is not walked for
 *    it, nor are its words listed (the queries of the 55 corpus cards: 69 M
 *    instructions with 256-bit signatures of every word's four hashes
 *    tested against each list, 35 M so).
 * The answers are those of trop_word_any() on the same text: the earliest
 * match, the longest at that place. Text outside the card's blocks (a
 * copy, the access gate) is searched the plain way.
 */
#include "prose.h"

#include <stdlib.h>
#include <string.h>

#define LIST_SLOTS 128  /* per compiled list: keys of first words, a power of two */
#define MAX_LISTS 256   /* distinct lists compiled for one card */

/* The kinds of key: a whole word, or its first 1, 2 or 3 bytes. */
enum { K_WHOLE = 0, K_HEAD1, K_HEAD2, K_HEAD3, K_KINDS };

typedef struct word {
    uint32_t at;
    uint32_t len;
    uint32_t whole; /* the whole word's key */
    uint8_t bit;    /* its place in a filter */
} word;

/* A filter: 256 bits, one set per key a list has (or, for a block, per
 * key its words give). */
typedef struct filter {
    uint64_t b[4];
} filter;

static inline bool filter_has(const filter *f, unsigned bit)
{
    return (f->b[bit >> 6] >> (bit & 63)) & 1;
}

static inline void filter_set(filter *f, unsigned bit)
{
    f->b[bit >> 6] |= 1ull << (bit & 63);
}

static inline bool filter_meets(const filter *a, const filter *b)
{
    return ((a->b[0] & b->b[0]) | (a->b[1] & b->b[1]) | (a->b[2] & b->b[2]) |
            (a->b[3] & b->b[3])) != 0;
}

/* What is known of one block, each part made when first asked for. */
typedef struct block {
    TROP_VEC(word) words;
    filter seen; /* the filter bits of its words' whole keys */
    TROP_VEC(trop_span) sents;
    trop_wmask mask;
    bool words_done, sents_done, mask_done;
} block;

/* A key: of the first word of patterns, and which of them. */
typedef struct slot {
    uint32_t key;
    uint32_t first, count; /* into the list's pattern indices */
} slot;

typedef struct list {
    const char *const *patterns;
    filter keys[K_KINDS]; /* the filter bits of its keys, per kind */
    unsigned kinds;       /* the kinds it has keys of (bits 1 << K_*) */
    trop_wmask starts;    /* the beginnings of its patterns (trop_word_keys) */
    slot slots[LIST_SLOTS];
    uint16_t idx[128]; /* pattern indices grouped by key */
    uint16_t npatterns;
    uint16_t plain[32]; /* patterns that start with no word byte: always tried */
    uint16_t nplain;
    bool too_big; /* more patterns than the table holds: searched the plain way */
} list;

struct trop_wordindex {
    block **blocks; /* each made when a rule first asks about it */
    size_t nblocks;
    TROP_VEC(list *) lists; /* a card's rules use a handful */
};

/* ---- keys ------------------------------------------------------------------------------ */

/* A whole word's key has the top bit set, a head's not: they never meet. */
static uint32_t whole_key(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h | 0x80000000u;
}

/* The key of the first k bytes (1 to 3) of a word: the bytes themselves
 * and k. */
static uint32_t head_key(const char *head, size_t k)
{
    uint32_t key = (uint32_t)k << 24;
    for (size_t i = 0; i < k; i++)
        key |= (uint32_t)(unsigned char)head[i] << (8 * i);
    return key;
}

/* A key's bit in a filter of its kind. */
static unsigned key_bit(uint32_t key, int kind)
{
    return kind == K_HEAD1 ? key & 255u : (key * 0x85ebca6bu) >> 24;
}

/* ---- compiling a list ---------------------------------------------------------------- */

/* The key of a pattern's first word and its kind: whole, or its head when
 * it ends in '*' (three bytes at most: a longer head is checked in place). */
static bool pattern_key(const char *p, uint32_t *key, int *kind)
{
    size_t w = 0;
    while (trop_word_byte((unsigned char)p[w]))
        w++;
    if (!w)
        return false;
    if (p[w] == '*') {
        size_t k = w < 3 ? w : 3;
        *key = head_key(p, k);
        *kind = (int)(K_HEAD1 + k - 1);
    } else {
        *key = whole_key(p, w);
        *kind = K_WHOLE;
    }
    return true;
}

static slot *find_slot(list *l, uint32_t key, bool add)
{
    for (size_t i = (key * 0x9e3779b1u) >> 25, probes = 0; probes < LIST_SLOTS;
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

static const slot *lookup(const list *l, uint32_t key)
{
    for (size_t i = (key * 0x9e3779b1u) >> 25, probes = 0; probes < LIST_SLOTS;
         i = (i + 1) & (LIST_SLOTS - 1), probes++) {
        if (l->slots[i].key == key)
            return &l->slots[i];
        if (!l->slots[i].key)
            return NULL;
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
        int kind;
        if (!pattern_key(patterns[i], &keys[i], &kind)) {
            keys[i] = 0;
            if (l->nplain < sizeof l->plain / sizeof *l->plain)
                l->plain[l->nplain++] = (uint16_t)i;
            else
                l->too_big = true;
            continue;
        }
        filter_set(&l->keys[kind], key_bit(keys[i], kind));
        trop_word_keys(&l->starts, (const char *const[]){patterns[i], NULL});
        l->kinds |= 1u << kind;
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
    for (size_t i = 0; i < x->lists.n; i++)
        if (x->lists.v[i]->patterns == patterns)
            return x->lists.v[i];
    if (x->lists.n == MAX_LISTS)
        return NULL;
    list *l = compile(patterns);
    if (l && trop_vec_push(&x->lists, l)) {
        free(l);
        l = NULL;
    }
    return l;
}

/* ---- words of a block ------------------------------------------------------------------ */

static block *block_at(trop_wordindex *x, size_t bi)
{
    if (!x->blocks[bi])
        x->blocks[bi] = calloc(1, sizeof *x->blocks[bi]);
    return x->blocks[bi];
}

static block *words_of(trop_wordindex *x, const trop_cardview *v, size_t bi)
{
    block *bk = block_at(x, bi);
    if (!bk || bk->words_done)
        return bk;
    const unsigned char *s = (const unsigned char *)v->lower[bi];
    size_t n = v->body->blocks[bi].len;
    bk->words.n = 0; /* a list left by a failed attempt */
    /* most words with their separator take five bytes or more */
    if (trop_vec_reserve(&bk->words, n / 5 + 4))
        return NULL;
    for (size_t i = 0; i < n;) {
        if (!trop_word_byte(s[i])) {
            i++;
            continue;
        }
        if (trop_vec_reserve(&bk->words, 1))
            return NULL;
        word *w = &bk->words.v[bk->words.n++];
        uint32_t h = 2166136261u; /* whole_key(), on the way to the word's end */
        size_t e = i;
        for (; e < n && trop_word_byte(s[e]); e++)
            h = (h ^ s[e]) * 16777619u;
        w->at = (uint32_t)i;
        w->len = (uint32_t)(e - i);
        w->whole = h | 0x80000000u;
        w->bit = (uint8_t)key_bit(w->whole, K_WHOLE);
        filter_set(&bk->seen, w->bit);
        i = e;
    }
    bk->words_done = true;
    return bk;
}

/* ---- the index ------------------------------------------------------------------------------ */

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
    for (size_t i = 0; i < x->nblocks; i++) {
        if (!x->blocks[i])
            continue;
        trop_vec_free(&x->blocks[i]->words);
        trop_vec_free(&x->blocks[i]->sents);
        free(x->blocks[i]);
    }
    for (size_t i = 0; i < x->lists.n; i++)
        free(x->lists.v[i]);
    trop_vec_free(&x->lists);
    free(x->blocks);
    free(x);
}

size_t trop_cv_sentences(const trop_cardview *v, size_t bi, trop_span *out, size_t max)
{
    const trop_card_block *b = &v->body->blocks[bi];
    block *bk = v->words ? block_at(v->words, bi) : NULL;
    if (bk && !bk->sents_done) {
        trop_span few[256];
        size_t n = trop_sentences(b->text, b->len, few, sizeof few / sizeof *few);
        if (n < sizeof few / sizeof *few) {
            if (!trop_vec_reserve(&bk->sents, n)) {
                memcpy(bk->sents.v, few, n * sizeof *few);
                bk->sents.n = n;
                bk->sents_done = true;
            }
        } else if (!trop_vec_reserve(&bk->sents, b->len + 1)) {
            /* a sentence takes a byte at least: n + 1 spans hold them all */
            bk->sents.n = trop_sentences(b->text, b->len, bk->sents.v, b->len + 1);
            bk->sents_done = true;
        }
    }
    if (!bk || !bk->sents_done) /* no memory for the copy kept: cut again */
        return trop_sentences(b->text, b->len, out, max);
    size_t n = bk->sents.n < max ? bk->sents.n : max;
    memcpy(out, bk->sents.v, n * sizeof *out);
    return n;
}

trop_wmask trop_cv_mask(const trop_cardview *v, size_t bi)
{
    block *bk = v->words ? block_at(v->words, bi) : NULL;
    if (!bk)
        return trop_word_mask(v->lower[bi], v->body->blocks[bi].len);
    if (!bk->mask_done) {
        bk->mask = trop_word_mask(v->lower[bi], v->body->blocks[bi].len);
        bk->mask_done = true;
    }
    return bk->mask;
}

/* ---- queries ------------------------------------------------------------------------------ */

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

typedef struct best {
    long pi; /* -1 none */
    size_t at, len;
} best;

/* Tries the patterns of l under key at offset at of the block's text
 * ending at end; keeps the best (earliest, then longest). */
static void try_key(const list *l, uint32_t key, const char *s, size_t end, size_t at,
                    best *b)
{
    const slot *sl = lookup(l, key);
    for (uint32_t j = 0; sl && j < sl->count; j++) {
        size_t pi = l->idx[sl->first + j], len;
        if (!trop_word_at(s, end, at, l->patterns[pi], &len))
            continue;
        if (b->pi < 0 || at < b->at || (at == b->at && len > b->len))
            *b = (best){(long)pi, at, len};
    }
}

/* The words of bk from offset from to to, each tried with the kinds of
 * keys l has (in the order whole, 1, 2, 3 bytes: a tie goes to the first). */
static void walk(const list *l, const block *bk, const char *base, size_t from, size_t to,
                 best *b)
{
    size_t lo = 0, hi = bk->words.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (bk->words.v[mid].at < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    bool whole = l->kinds & 1u << K_WHOLE, heads = l->kinds & ~(1u << K_WHOLE);
    for (size_t wi = lo; wi < bk->words.n && bk->words.v[wi].at < to; wi++) {
        const word *w = &bk->words.v[wi];
        if (b->pi >= 0 && w->at > b->at)
            break;
        if (whole && filter_has(&l->keys[K_WHOLE], w->bit))
            try_key(l, w->whole, base, to, w->at, b);
        for (size_t k = 1; heads && k <= 3 && k <= w->len; k++) {
            uint32_t key = head_key(base + w->at, k);
            if (filter_has(&l->keys[K_HEAD1 + k - 1], key_bit(key, (int)(K_HEAD1 + k - 1))))
                try_key(l, key, base, to, w->at, b);
        }
    }
}

long trop_cv_word_find(const trop_cardview *v, const char *s, size_t n,
                       const char *const *patterns, size_t *at, size_t *len)
{
    trop_wordindex *x = v->words;
    long bi = x && n ? block_of(v, s, n) : -1;
    list *l = bi >= 0 ? list_of(x, patterns) : NULL;
    if (!l || l->too_big)
        return plain(s, n, patterns, at, len);
    const char *base = v->lower[bi];
    size_t from = (size_t)(s - base), to = from + n;
    best b = {-1, 0, 0};
    /* a block none of whose words may start a pattern of the list is not
     * walked, nor are its words listed (most blocks, for most lists): told
     * by its mask, then by its words' whole keys */
    trop_wmask m = trop_cv_mask(v, (size_t)bi);
    if (l->kinds && trop_wmask_meets(&m, &l->starts)) {
        block *bk = words_of(x, v, (size_t)bi);
        if (!bk)
            return plain(s, n, patterns, at, len);
        if (l->kinds != 1u << K_WHOLE || filter_meets(&l->keys[K_WHOLE], &bk->seen))
            walk(l, bk, base, from, to, &b);
    }
    /* patterns that do not start with a word: the plain way, over the span */
    for (size_t j = 0; j < l->nplain; j++) {
        size_t fl;
        long f = trop_word_find(base, to, from, l->patterns[l->plain[j]], &fl);
        if (f >= 0 && (b.pi < 0 || (size_t)f < b.at || ((size_t)f == b.at && fl > b.len)))
            b = (best){l->plain[j], (size_t)f, fl};
    }
    if (b.pi >= 0 && at)
        *at = b.at - from;
    if (b.pi >= 0 && len)
        *len = b.len;
    return b.pi;
}

bool trop_cv_word_has(const trop_cardview *v, const char *s, size_t n, const char *const *patterns)
{
    return n && trop_cv_word_find(v, s, n, patterns, NULL, NULL) >= 0;
}

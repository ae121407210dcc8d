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
 *  - each block's words are listed once, with its mask (trop_word_mask's,
 *    made from the words): where each starts, how long, a hash of the
 *    whole word;
 *  - each list of patterns is compiled once (per process for the rules'
 *    lists, per card for any other) into a small table
 *    from the key of a pattern's first word (the whole word, or its first
 *    one, two or three bytes before a '*') to the patterns it starts, and a
 *    filter of those keys per kind; the compiled lists are found by their
 *    address in a hash table, a query's block first in the one asked last;
 *  - a query walks the words of its span, tests each against the filters of
 *    the kinds of keys its list has, looks up those that pass and checks only
 *    the patterns found there, in place (trop_word_find's rules: whole
 *    words, '*' for the rest of a word, ' ' for joiners). A block whose
 *    mask says no word of it begins a pattern of the list is not walked for
 *    it (the queries of the 55 corpus cards: 69 M instructions with 256-bit
 *    signatures of every word's four hashes tested against each list, 35 M
 *    so).
 * The answers are those of trop_word_any() on the same text: the earliest
 * match, the longest at that place, the first pattern of those on a tie.
 * Text outside the card's blocks (a copy, the access gate), a span that
 * starts or ends inside a word (its words are not the block's) and a block
 * longer than UINT32_MAX bytes are searched the plain way.
 *
 * The rules' compiled lists are the library's one table computed once per
 * process (shared, below): made under pthread_once by the first index,
 * never written after, so any thread reads it without a lock. It is not
 * kept in a handle because it is the same for every card: the lists are
 * constant, and no handle outlives a check to keep it in. Anything a
 * card's text makes (words, sentences, lists not in the table) is kept in
 * the card's index and freed with it.
 */
#include "prose.h"

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define LIST_MAX 1024   /* patterns in a list compiled; a longer one is searched the plain way */
#define MAX_LISTS 128   /* distinct lists compiled for one card (the rules have fewer) */
#define LIST_TABLE 256  /* the compiled lists by address, open addressing: 2 x MAX_LISTS */
#define SENTS_KEPT 256  /* sentences kept per block: as many as a rule asks (more: cut again) */

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

/* What is known of one block, each part made when first asked for: its
 * words and their mask in one pass, its sentences. Its words and sentences
 * are kept in the index's arrays, with those of the other blocks (one
 * array each per card, not one per block). A part is set when the index's
 * flags say so (the records themselves are not zeroed: a card may have
 * thousands of blocks, and rules ask about a few). */
typedef struct block {
    size_t word0, nwords; /* its words: the index's words[word0..word0 + nwords) */
    size_t sent0, nsents; /* its sentences, likewise */
    filter seen;          /* the filter bits of its words' whole keys */
    trop_wmask mask;      /* trop_word_mask() of its text */
} block;

enum { WORDS_DONE = 1, SENTS_DONE = 2 };

/* A key: of the first word of patterns, and which of them. */
typedef struct slot {
    uint32_t key;
    uint32_t first, count; /* into the list's pattern indices */
} slot;

typedef struct list {
    const char *const *patterns;
    filter keys[K_KINDS]; /* the filter bits of its keys, per kind */
    filter heads;         /* the first bytes of its head keys */
    unsigned kinds;       /* the kinds it has keys of (bits 1 << K_*) */
    trop_wmask starts;    /* the beginnings of its patterns (trop_word_keys) */
    unsigned shift;       /* 32 - log2 of the slots' count */
    size_t nslots;        /* a power of two, twice the patterns at least */
    slot *slots;          /* keys of first words: after the record, in its allocation */
    uint16_t *idx;        /* pattern indices grouped by key: after the slots */
    uint16_t plain[32];   /* patterns that start with no word byte: always tried */
    uint16_t nplain;
    bool too_big; /* more patterns than the table holds: searched the plain way */
} list;

struct trop_wordindex {
    block *blocks;  /* each filled when a rule first asks about it */
    uint8_t *done;  /* per block: which of its parts are set (*_DONE) */
    size_t nblocks;
    TROP_VEC(word) words;       /* the blocks' words */
    TROP_VEC(trop_span) sents;  /* the blocks' sentences */
    size_t last;              /* the block last asked about: most often the next one too */
    list *table[LIST_TABLE];  /* the lists compiled, by address */
    size_t nlists;
};

/* ---- keys ------------------------------------------------------------------------------ */

/* A whole word's key, from its bytes eight at a time (a word is most often
 * one load); avail: how many bytes from s may be read (n at least). It has
 * the top bit set, a head's not: they never meet. */
static inline uint32_t whole_key(const unsigned char *s, size_t n, size_t avail)
{
    uint64_t h = n, x;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        memcpy(&x, s + i, 8);
        h = (h ^ x) * 0x9e3779b97f4a7c15ull;
    }
    if (i < n) {
        x = 0;
        if (avail - i >= 8)
            memcpy(&x, s + i, 8);
        else
            for (size_t k = i; k < n; k++)
                x |= (uint64_t)s[k] << (8 * (k - i));
        x &= (1ull << (8 * (n - i))) - 1;
        h = (h ^ x) * 0x9e3779b97f4a7c15ull;
    }
    return (uint32_t)(h >> 32) | 0x80000000u;
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
        *key = whole_key((const unsigned char *)p, w, w);
        *kind = K_WHOLE;
    }
    return true;
}

static size_t slot_of(const list *l, uint32_t key)
{
    return (key * 0x9e3779b1u) >> l->shift;
}

static slot *find_slot(list *l, uint32_t key, bool add)
{
    for (size_t i = slot_of(l, key), probes = 0; probes < l->nslots;
         i = (i + 1) & (l->nslots - 1), probes++) {
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
    for (size_t i = slot_of(l, key);; i = (i + 1) & (l->nslots - 1)) {
        if (l->slots[i].key == key)
            return &l->slots[i];
        if (!l->slots[i].key)
            return NULL; /* there is always an empty slot: twice as many as keys */
    }
}

/* The bytes a list's table takes, for its n patterns: the record, its
 * slots (nslots, a power of two twice n at least) and its pattern indices,
 * rounded up to keep the next record aligned. */
static size_t list_size(const char *const *patterns, size_t *n, size_t *nslots, unsigned *shift)
{
    *n = 0;
    while (patterns[*n])
        (*n)++;
    *nslots = 8;
    *shift = 29;
    while (*nslots < 2 * *n && *n <= LIST_MAX)
        *nslots *= 2, (*shift)--;
    size_t size = sizeof(list) + *nslots * sizeof(slot) + *n * sizeof(uint16_t);
    return (size + _Alignof(max_align_t) - 1) / _Alignof(max_align_t) * _Alignof(max_align_t);
}

/* Compiles patterns into l, zeroed memory of list_size()'s bytes. */
static void compile_into(list *l, const char *const *patterns, size_t n, size_t nslots,
                         unsigned shift)
{
    l->patterns = patterns;
    l->slots = (slot *)(l + 1);
    l->idx = (uint16_t *)(l->slots + nslots);
    l->nslots = nslots;
    l->shift = shift;
    if (n > LIST_MAX) {
        l->too_big = true;
        return;
    }
    uint32_t keys[LIST_MAX];
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
        if (kind != K_WHOLE)
            filter_set(&l->heads, (unsigned char)patterns[i][0]);
        unsigned char c1 = (unsigned char)patterns[i][1];
        unsigned k = trop_wmask_bit((unsigned char)patterns[i][0], trop_word_byte(c1) ? c1 : 0);
        l->starts.bits[k / 64] |= 1ull << (k % 64); /* trop_word_keys() */
        l->kinds |= 1u << kind;
        find_slot(l, keys[i], true)->count++;
    }
    uint32_t at = 0;
    for (size_t i = 0; i < nslots; i++) {
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
}

/* The place of patterns (by their address) in a table of lists: where it
 * is, or the empty place it would take. */
static size_t table_place(const list *const *table, const char *const *patterns)
{
    size_t i = (size_t)(((uintptr_t)patterns >> 3) * 0x9e3779b97f4a7c15ull >> 56);
    while (table[i] && table[i]->patterns != patterns)
        i = (i + 1) & (LIST_TABLE - 1);
    return i;
}

/* ---- the rules' lists, compiled once ----------------------------------------------------- */

/* The lists the rules ask of the index (prose.h) are constant, so they are
 * compiled once per process, into static memory, when the first index is
 * made (pthread_once: any thread may make the first), and only read after:
 * shared is constant once shared_once has run;
 * a list not among them (or not fitting) is compiled per card, with the
 * same answers. Compiling the rules' lists per card cost 9.9 M
 * instructions on the 55 corpus cards (2,715 lists, about 16 a check). */
static const char *const *const *const rule_lists[] = {
    trop_terms_wordlists, trop_method_proc_wordlists, trop_bases_wordlists, trop_dsaccess_wordlists,
    trop_datatext_wordlists};

#define SHARED_BYTES (64 * 1024) /* the rules' lists take 28 KiB of it */

static struct {
    list *table[LIST_TABLE];
    _Alignas(max_align_t) unsigned char pool[SHARED_BYTES];
} shared;
static pthread_once_t shared_once = PTHREAD_ONCE_INIT;

static void shared_compile(void)
{
    size_t used = 0, count = 0;
    for (size_t f = 0; f < sizeof rule_lists / sizeof *rule_lists; f++)
        for (const char *const *const *p = rule_lists[f]; *p && count < MAX_LISTS; p++) {
            size_t i = table_place((const list *const *)shared.table, *p), n, nslots;
            unsigned shift;
            size_t size = list_size(*p, &n, &nslots, &shift);
            if (shared.table[i] || size > SHARED_BYTES - used)
                continue; /* listed twice, or compiled per card */
            list *l = (list *)(void *)(shared.pool + used);
            compile_into(l, *p, n, nslots, shift);
            shared.table[i] = l;
            used += size;
            count++;
        }
}

/* The table of a list, sized to it (most lists have a dozen patterns). */
static list *compile(const char *const *patterns)
{
    size_t n, nslots;
    unsigned shift;
    list *l = calloc(1, list_size(patterns, &n, &nslots, &shift));
    if (l)
        compile_into(l, patterns, n, nslots, shift);
    return l;
}

/* The list compiled for patterns (by their address): one of the rules',
 * or one compiled for this card when first asked for; NULL when out of
 * memory or room. */
static const list *list_of(trop_wordindex *x, const char *const *patterns)
{
    const list *l = shared.table[table_place((const list *const *)shared.table, patterns)];
    if (l)
        return l;
    size_t i = table_place((const list *const *)x->table, patterns);
    if (x->table[i])
        return x->table[i];
    if (x->nlists == MAX_LISTS)
        return NULL;
    list *c = compile(patterns);
    if (c) {
        x->table[i] = c;
        x->nlists++;
    }
    return c;
}

/* ---- words of a block ------------------------------------------------------------------ */

/* The word bytes of s[0..8) (a letter, a digit or a non-ASCII byte, as
 * trop_word_byte() says), as the top bit of each byte: each byte's low
 * seven bits are compared by the carry of an addition into its top bit. */
static inline uint64_t word_bits8(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101ull, top = 0x8080808080808080ull;
    uint64_t low7 = x & ~top, fold = low7 | ones * 0x20;
    uint64_t digit = (low7 + ones * (0x80 - '0')) & ~(low7 + ones * (0x7f - '9'));
    uint64_t letter = (fold + ones * (0x80 - 'a')) & ~(fold + ones * (0x7f - 'z'));
    return (x | digit | letter) & top;
}

/* The word bytes of s[0..64) as bits (bit j for s[j]); only the first
 * avail bytes are read, the rest are no word's. */
static uint64_t word_bits64(const unsigned char *s, size_t avail)
{
    unsigned char tail[64];
    if (avail < 64) {
        memset(tail, 0, sizeof tail);
        memcpy(tail, s, avail);
        s = tail;
    }
    uint64_t m = 0;
    for (size_t k = 0; k < 64; k += 8) {
        uint64_t x;
        memcpy(&x, s + k, 8);
        /* the top bits of the eight bytes gathered into one byte */
        m |= ((word_bits8(x) >> 7) * 0x0102040810204080ull >> 56) << k;
    }
    return m;
}

/* Adds the word s[at..at+len) of a block of n bytes to bk (room made). */
static inline void add_word(trop_wordindex *x, block *bk, const unsigned char *s, size_t n,
                            size_t at, size_t len)
{
    word *w = &x->words.v[x->words.n++];
    w->at = (uint32_t)at;
    w->len = (uint32_t)len;
    w->whole = whole_key(s + at, len, n - at);
    w->bit = (uint8_t)key_bit(w->whole, K_WHOLE);
    filter_set(&bk->seen, w->bit);
    /* trop_word_mask(): its first two bytes, and its first alone ("a"
     * may start "a*" too) */
    unsigned k = trop_wmask_bit(s[at], len > 1 ? s[at + 1] : 0);
    bk->mask.bits[k / 64] |= 1ull << (k % 64);
    k = trop_wmask_bit(s[at], 0);
    bk->mask.bits[k / 64] |= 1ull << (k % 64);
}

/* The words of block bi and its mask, listed once: its bytes are told
 * word or not 64 at a time, and its words found from the bits where they
 * change (the 55 corpus cards: 27.1 M instructions listing the words byte
 * by byte, each in a vector of its own, and making the masks apart; 24.0 M
 * so, for more blocks). */
static block *scanned(trop_wordindex *x, const trop_cardview *v, size_t bi)
{
    block *bk = &x->blocks[bi];
    if (x->done[bi] & WORDS_DONE)
        return bk;
    const unsigned char *s = (const unsigned char *)v->lower[bi];
    size_t n = v->body->blocks[bi].len;
    if (n > UINT32_MAX)
        return NULL; /* a word's place does not fit: searched the plain way */
    bk->word0 = x->words.n;
    bk->seen = (filter){{0, 0, 0, 0}};
    bk->mask = (trop_wmask){{0, 0, 0, 0}};
    size_t open = 0; /* where the word still open at a group's end began */
    bool in = false; /* is one open */
    for (size_t g = 0; g < n; g += 64) {
        /* room for the words a group may end: 32 starting in it, and the
         * one left open before it (so the words kept grow with the words
         * found, not with the block's bytes) */
        if (trop_vec_reserve(&x->words, 33)) {
            x->words.n = bk->word0;
            return NULL;
        }
        uint64_t m = word_bits64(s + g, n - g);
        /* the bits where a word starts, and where one ends */
        uint64_t prev = m << 1 | (uint64_t)in;
        uint64_t starts = m & ~prev, ends = ~m & prev;
        /* starts and ends alternate: the word left open ends first */
        if (in && ends) {
            add_word(x, bk, s, n, open, g + (size_t)__builtin_ctzll(ends) - open);
            ends &= ends - 1;
        }
        while (starts) {
            size_t a = g + (size_t)__builtin_ctzll(starts);
            starts &= starts - 1;
            open = a;
            if (!ends)
                break; /* open past the group */
            add_word(x, bk, s, n, a, g + (size_t)__builtin_ctzll(ends) - a);
            ends &= ends - 1;
        }
        in = m >> 63;
    }
    if (in && trop_vec_reserve(&x->words, 1)) {
        x->words.n = bk->word0;
        return NULL;
    }
    if (in)
        add_word(x, bk, s, n, open, n - open);
    bk->nwords = x->words.n - bk->word0;
    x->done[bi] |= WORDS_DONE;
    return bk;
}

/* ---- the index ------------------------------------------------------------------------------ */

int trop_wordindex_new(trop_wordindex **out, size_t nblocks)
{
    /* the rules' lists, made by whichever index comes first */
    pthread_once(&shared_once, shared_compile);
    trop_wordindex *x = calloc(1, sizeof *x);
    if (x) {
        x->blocks = malloc((nblocks ? nblocks : 1) * sizeof *x->blocks);
        x->done = calloc(nblocks ? nblocks : 1, 1);
    }
    if (!x || !x->blocks || !x->done) {
        if (x) {
            free(x->blocks);
            free(x->done);
        }
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
    trop_vec_free(&x->words);
    trop_vec_free(&x->sents);
    for (size_t i = 0; i < LIST_TABLE && x->nlists; i++)
        if (x->table[i]) {
            free(x->table[i]);
            x->nlists--;
        }
    free(x->blocks);
    free(x->done);
    free(x);
}

size_t trop_wordindex_own_lists(const trop_wordindex *x)
{
    return x ? x->nlists : 0;
}

size_t trop_cv_sentences(const trop_cardview *v, size_t bi, trop_span *out, size_t max)
{
    const trop_card_block *b = &v->body->blocks[bi];
    trop_wordindex *x = v->words;
    block *bk = x ? &x->blocks[bi] : NULL;
    /* the first SENTS_KEPT + 1 sentences at most (a sentence takes a byte
     * at least), so that a block of many asks no more than that */
    size_t keep = b->len < SENTS_KEPT ? b->len + 1 : SENTS_KEPT + 1;
    if (bk && !(x->done[bi] & SENTS_DONE) && !trop_vec_reserve(&x->sents, keep)) {
        bk->sent0 = x->sents.n;
        bk->nsents = trop_sentences(b->text, b->len, x->sents.v + bk->sent0, keep);
        x->sents.n += bk->nsents;
        x->done[bi] |= SENTS_DONE;
    }
    /* no memory for the copy kept, or more asked than it may hold: cut again */
    if (!bk || !(x->done[bi] & SENTS_DONE) || (bk->nsents > SENTS_KEPT && max > bk->nsents))
        return trop_sentences(b->text, b->len, out, max);
    size_t n = bk->nsents < max ? bk->nsents : max;
    memcpy(out, x->sents.v + bk->sent0, n * sizeof *out);
    return n;
}

trop_wmask trop_cv_mask(const trop_cardview *v, size_t bi)
{
    const block *bk = v->words ? scanned(v->words, v, bi) : NULL;
    return bk ? bk->mask : trop_word_mask(v->lower[bi], v->body->blocks[bi].len);
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

/* Does block bi's folded text hold s[0..n)? */
static inline bool block_holds(const trop_cardview *v, size_t bi, const char *s, size_t n)
{
    const char *b = v->lower[bi];
    return s >= b && s + n <= b + v->body->blocks[bi].len;
}

/* The block whose folded text holds s[0..n), or -1: most often the one
 * asked about last. */
static long block_of(trop_wordindex *x, const trop_cardview *v, const char *s, size_t n)
{
    if (x->last < x->nblocks && block_holds(v, x->last, s, n))
        return (long)x->last;
    size_t lo = 0, hi = v->body->nblocks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v->lower[mid] <= s)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (!lo || !block_holds(v, lo - 1, s, n))
        return -1;
    x->last = lo - 1;
    return (long)x->last;
}

typedef struct best {
    long pi; /* -1 none */
    size_t at, len;
} best;

/* Keeps pattern pi matching at at for len bytes when it is better than
 * b's: earlier, or longer at that place, or the first pattern of a tie
 * (as plain() keeps it: the keys are not tried in the patterns' order). */
static inline void keep_best(best *b, long pi, size_t at, size_t len)
{
    if (b->pi < 0 || at < b->at ||
        (at == b->at && (len > b->len || (len == b->len && pi < b->pi))))
        *b = (best){pi, at, len};
}

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
        keep_best(b, (long)pi, at, len);
    }
}

/* The words of bk from offset from to to, each tried with the kinds of
 * keys l has (whole, then 1, 2, 3 bytes; keep_best() settles a tie), up
 * to the first that a pattern matches at. */
static void walk(const list *l, const word *words, size_t nwords, const char *base, size_t from,
                 size_t to, best *b)
{
    size_t lo = 0, hi = nwords;
    while (from && lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (words[mid].at < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    bool whole = l->kinds & 1u << K_WHOLE, heads = l->kinds & ~(1u << K_WHOLE);
    for (const word *w = words + lo, *end = words + nwords;
         w < end && w->at < to && b->pi < 0; w++) {
        if (whole && filter_has(&l->keys[K_WHOLE], w->bit))
            try_key(l, w->whole, base, to, w->at, b);
        if (!heads || !filter_has(&l->heads, (unsigned char)base[w->at]))
            continue;
        for (size_t k = 1; k <= 3 && k <= w->len; k++) {
            uint32_t key = head_key(base + w->at, k);
            if (filter_has(&l->keys[K_HEAD1 + k - 1], key_bit(key, (int)(K_HEAD1 + k - 1))))
                try_key(l, key, base, to, w->at, b);
        }
    }
}

/* Does base[from..to), of a block of n bytes, start or end inside a word? */
static inline bool cuts_word(const char *base, size_t n, size_t from, size_t to)
{
    const unsigned char *b = (const unsigned char *)base;
    return (from && trop_word_byte(b[from - 1]) && trop_word_byte(b[from])) ||
           (to < n && trop_word_byte(b[to - 1]) && trop_word_byte(b[to]));
}

long trop_cv_word_find(const trop_cardview *v, const char *s, size_t n,
                       const char *const *patterns, size_t *at, size_t *len)
{
    trop_wordindex *x = v->words;
    long bi = x && n ? block_of(x, v, s, n) : -1;
    const list *l = bi >= 0 ? list_of(x, patterns) : NULL;
    if (!l || l->too_big)
        return plain(s, n, patterns, at, len);
    const char *base = v->lower[bi];
    size_t from = (size_t)(s - base), to = from + n;
    /* a span that cuts a word has words the block has not (the end of
     * "retrain" is the word "train" there): searched the plain way */
    if (cuts_word(base, v->body->blocks[bi].len, from, to))
        return plain(s, n, patterns, at, len);
    best b = {-1, 0, 0};
    /* a block none of whose words may start a pattern of the list is not
     * walked (most blocks, for most lists): told by its mask, then by its
     * words' whole keys */
    if (l->kinds) {
        const block *bk = scanned(x, v, (size_t)bi);
        if (!bk)
            return plain(s, n, patterns, at, len);
        if (trop_wmask_meets(&bk->mask, &l->starts) &&
            (l->kinds != 1u << K_WHOLE || filter_meets(&l->keys[K_WHOLE], &bk->seen)))
            walk(l, x->words.v + bk->word0, bk->nwords, base, from, to, &b);
    }
    /* patterns that do not start with a word: the plain way, over the span */
    for (size_t j = 0; j < l->nplain; j++) {
        size_t fl;
        long f = trop_word_find(base, to, from, l->patterns[l->plain[j]], &fl);
        if (f >= 0)
            keep_best(&b, l->plain[j], (size_t)f, fl);
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

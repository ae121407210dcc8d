/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Private to the card reader: classes of Markdown bytes, as bit masks.
 *
 * The inline scanner (inline.c) counts words and stops at the bytes
 * that may start an inline construct. Looking at each byte through a table
 * costs about a dozen instructions a byte; here 64 bytes at a time become
 * masks (bit j for byte j): word starts, specials and pipes. They are built
 * 16 bytes at a time with SSE2 where the compiler has it (every x86-64)
 * and from the table elsewhere; test_card_bytes checks that both agree for
 * every byte in every context, and that the masks follow the per-byte
 * rules. Mask bits are counted with trop_text_popcount (text/text.h).
 *
 * Kept for speed, as measured: with the SSE2 masks turned off (the table
 * only), bench/check.sh's check of the corpus cards took 158 % longer
 * (measured when the architecture was rebuilt, before the judge read card
 * prose; the style keeps a second path only above 25 %).
 */
#ifndef TROP_READ_CARD_BYTES_H
#define TROP_READ_CARD_BYTES_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__) && !defined(TROP_MD_NO_SIMD) /* -DTROP_MD_NO_SIMD: the table */
#include <emmintrin.h>
#define TROP_CARD_MD_SSE2 1
#endif

/* Byte classes (trop_card_md_ctab): space, word character (ASCII alphanumerics
 * and every byte of a multi-byte UTF-8 character), a byte that may start or
 * end an inline construct, punctuation that joins words (' - . / : @ _,
 * as in don't, e.g., state-of-the-art), and the markup and white space
 * that plain text (plain.c) does not copy as they are: \ ` * ~ _ ! [ ] < &
 * and space, tab, CR, LF. */
enum {
    TROP_CARD_MD_SP = 1,
    TROP_CARD_MD_AL = 2,
    TROP_CARD_MD_SPECIAL = 4,
    TROP_CARD_MD_JOIN = 8,
    TROP_CARD_MD_MARKUP = 16
};
extern const unsigned char trop_card_md_ctab[256];

#define TROP_CARD_MD_BLOCK 16u
/* Bytes read past the 16 classified: "www." is four bytes long. */
#define TROP_CARD_MD_AHEAD 3u

/* Classes of 16 bytes, bit j for byte j. */
typedef struct trop_card_md_bits {
    unsigned al;      /* word characters */
    unsigned join;    /* joining punctuation */
    unsigned special; /* [ ] < ` \, the ':' of "://" and the 'w' of "www." */
    unsigned pipe;    /* '|', which only marks its line (a table row, maybe) */
} trop_card_md_bits;

/* The masks of p[0..16), from the table; p[16..19) are read too (the
 * bytes after a ':' or a 'w'). */
static inline trop_card_md_bits trop_card_md_bits_table(const unsigned char *p)
{
    trop_card_md_bits b;
    memset(&b, 0, sizeof b);
    for (unsigned j = 0; j < TROP_CARD_MD_BLOCK; j++) {
        unsigned k = trop_card_md_ctab[p[j]];
        bool url = (p[j] == ':' && p[j + 1] == '/' && p[j + 2] == '/') ||
                   (p[j] == 'w' && p[j + 1] == 'w' && p[j + 2] == 'w' && p[j + 3] == '.');
        b.al |= (unsigned)((k & TROP_CARD_MD_AL) != 0) << j;
        b.join |= (unsigned)((k & TROP_CARD_MD_JOIN) != 0) << j;
        b.special |= (unsigned)(((k & TROP_CARD_MD_SPECIAL) && !strchr("|:w", p[j])) || url) << j;
        b.pipe |= (unsigned)(p[j] == '|') << j;
    }
    return b;
}

#ifdef TROP_CARD_MD_SSE2
static inline __m128i trop_card_md_eq(__m128i v, char c)
{
    return _mm_cmpeq_epi8(v, _mm_set1_epi8(c));
}

/* Bytes of v in [lo, hi]: v - lo, wrapped, is at most hi - lo. */
static inline __m128i trop_card_md_in(__m128i v, unsigned char lo, unsigned char hi)
{
    __m128i t = _mm_sub_epi8(v, _mm_set1_epi8((char)lo));
    return _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8((char)(hi - lo))), t);
}

static inline unsigned trop_card_md_mask(__m128i m)
{
    return (unsigned)_mm_movemask_epi8(m);
}

static inline __m128i trop_card_md_load(const unsigned char *p)
{
    return _mm_loadu_si128((const __m128i *)(const void *)p);
}

/* Word characters of v, bytes from 0x80 included (their top bit is the
 * mask's), and joining punctuation (colon: v's ':'). */
static inline __m128i trop_card_md_al_v(__m128i v)
{
    __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
    return _mm_or_si128(_mm_or_si128(trop_card_md_in(v, '0', '9'), v),
                        trop_card_md_in(lower, 'a', 'z'));
}

static inline __m128i trop_card_md_join_v(__m128i v, __m128i colon)
{
    return _mm_or_si128(
        _mm_or_si128(trop_card_md_eq(v, '\''), trop_card_md_in(v, '-', '/')),
        _mm_or_si128(_mm_or_si128(colon, trop_card_md_eq(v, '@')), trop_card_md_eq(v, '_')));
}

/* As trop_card_md_bits_table: "://" and "www." are compared with the
 * text loaded again one, two and three bytes on (instead of four more
 * masks of ':', '/', 'w' and '.' shifted and combined afterwards). */
static inline trop_card_md_bits trop_card_md_bits_sse2(const unsigned char *p)
{
    __m128i v = trop_card_md_load(p), v1 = trop_card_md_load(p + 1);
    __m128i v2 = trop_card_md_load(p + 2), v3 = trop_card_md_load(p + 3);
    __m128i colon = trop_card_md_eq(v, ':');
    __m128i url =
        _mm_and_si128(_mm_and_si128(colon, trop_card_md_eq(v1, '/')), trop_card_md_eq(v2, '/'));
    __m128i www = _mm_and_si128(_mm_and_si128(trop_card_md_eq(v, 'w'), trop_card_md_eq(v1, 'w')),
                                _mm_and_si128(trop_card_md_eq(v2, 'w'), trop_card_md_eq(v3, '.')));
    __m128i sp = _mm_or_si128(_mm_or_si128(trop_card_md_in(v, '[', ']'), trop_card_md_eq(v, '<')),
                              _mm_or_si128(trop_card_md_eq(v, '`'), _mm_or_si128(url, www)));
    trop_card_md_bits b;
    b.al = trop_card_md_mask(trop_card_md_al_v(v));
    b.join = trop_card_md_mask(trop_card_md_join_v(v, colon));
    b.special = trop_card_md_mask(sp);
    b.pipe = trop_card_md_mask(trop_card_md_eq(v, '|'));
    return b;
}

/* The word characters and joining punctuation only (special and pipe 0),
 * for text whose words alone count (fenced code). */
static inline trop_card_md_bits trop_card_md_words_sse2(const unsigned char *p)
{
    __m128i v = trop_card_md_load(p);
    trop_card_md_bits b = {0, 0, 0, 0};
    b.al = trop_card_md_mask(trop_card_md_al_v(v));
    b.join = trop_card_md_mask(trop_card_md_join_v(v, trop_card_md_eq(v, ':')));
    return b;
}
#endif

/* The masks of p[0..16), p[16..19) readable; words: al and join only. */
static inline trop_card_md_bits trop_card_md_bits_of(const unsigned char *p, bool words)
{
#ifdef TROP_CARD_MD_SSE2
    return words ? trop_card_md_words_sse2(p) : trop_card_md_bits_sse2(p);
#else
    trop_card_md_bits b = trop_card_md_bits_table(p);
    if (words)
        b.special = b.pipe = 0;
    return b;
#endif
}

/* Plain text's bytes of 16, bit j for byte j: markup (TROP_CARD_MD_MARKUP)
 * and spaces (' ' only). */
typedef struct trop_card_md_marks {
    unsigned markup, space;
} trop_card_md_marks;

static inline trop_card_md_marks trop_card_md_marks_table(const unsigned char *p)
{
    trop_card_md_marks b = {0, 0};
    for (unsigned j = 0; j < TROP_CARD_MD_BLOCK; j++) {
        b.markup |= (unsigned)((trop_card_md_ctab[p[j]] & TROP_CARD_MD_MARKUP) != 0) << j;
        b.space |= (unsigned)(p[j] == ' ') << j;
    }
    return b;
}

#ifdef TROP_CARD_MD_SSE2
static inline trop_card_md_marks trop_card_md_marks_sse2(const unsigned char *p)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i sp = trop_card_md_eq(v, ' ');
    /* [ \ ] are one range; the others one byte each */
    __m128i a = _mm_or_si128(_mm_or_si128(trop_card_md_in(v, '[', ']'), trop_card_md_eq(v, '`')),
                             _mm_or_si128(trop_card_md_eq(v, '*'), trop_card_md_eq(v, '~')));
    __m128i b = _mm_or_si128(_mm_or_si128(trop_card_md_eq(v, '_'), trop_card_md_eq(v, '!')),
                             _mm_or_si128(trop_card_md_eq(v, '<'), trop_card_md_eq(v, '&')));
    __m128i c = _mm_or_si128(_mm_or_si128(trop_card_md_eq(v, '\n'), trop_card_md_eq(v, '\r')),
                             _mm_or_si128(trop_card_md_eq(v, '\t'), sp));
    trop_card_md_marks m;
    m.markup = trop_card_md_mask(_mm_or_si128(_mm_or_si128(a, b), c));
    m.space = trop_card_md_mask(sp);
    return m;
}
#endif

/* The marks of p[0..16). */
static inline trop_card_md_marks trop_card_md_marks_of(const unsigned char *p)
{
#ifdef TROP_CARD_MD_SSE2
    return trop_card_md_marks_sse2(p);
#else
    return trop_card_md_marks_table(p);
#endif
}

/* Bits [a, b) of a 64-bit mask, 0 <= a <= b <= 64. */
static inline uint64_t trop_card_md_range(unsigned a, unsigned b)
{
    uint64_t upto = b >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << b) - 1;
    return a >= 64 ? 0 : upto & (~(uint64_t)0 << a);
}

/*
 * 64 bytes of text classified: bit j of a mask is byte at + j. A word
 * starts at a word character that follows no word character, nor joining
 * punctuation that follows one; whether it does depends on the bytes
 * before only, so a block is classified once, whatever scanned it first.
 */
#define TROP_CARD_MD_SPAN 64u
typedef struct trop_card_md_block {
    size_t at;        /* offset of byte 0, a multiple of 64; SIZE_MAX: none */
    uint64_t starts;  /* word starts */
    uint64_t special; /* as trop_card_md_bits */
    uint64_t pipe;
    bool words; /* starts only (special and pipe 0) */
} trop_card_md_block;

/* Inlined into each of its two callers, where words is a constant: the
 * loop then holds no test of it. */
#if defined(__GNUC__)
#define TROP_CARD_MD_ALWAYS_INLINE __attribute__((always_inline))
#else
#define TROP_CARD_MD_ALWAYS_INLINE
#endif

/* Classifies s[at..at+64) of s[0..n) (at < n); bytes past n are NUL.
 * s[at+64..at+67) are read too (or NUL past n), so the ':' of "://" and
 * the 'w' of "www." in the block's last bytes are exact.
 * words: the word starts only, for fenced code, at half the cost. */
static inline TROP_CARD_MD_ALWAYS_INLINE void trop_card_md_block_fill(trop_card_md_block *k,
                                                                      const unsigned char *s,
                                                                      size_t n, size_t at,
                                                                      bool words)
{
    /* the end of the text is read from a padded copy, once per text */
    unsigned char pad[TROP_CARD_MD_SPAN + TROP_CARD_MD_AHEAD];
    const unsigned char *p = s + at;
    if (n - at < sizeof pad) {
        memset(pad, 0, sizeof pad);
        memcpy(pad, p, n - at);
        p = pad;
    }
    uint64_t al = 0, join = 0, sp = 0, pipe = 0;
    for (unsigned q = 0; q < TROP_CARD_MD_SPAN; q += TROP_CARD_MD_BLOCK) {
        trop_card_md_bits b = trop_card_md_bits_of(p + q, words);
        al |= (uint64_t)b.al << q;
        join |= (uint64_t)b.join << q;
        sp |= (uint64_t)b.special << q;
        pipe |= (uint64_t)b.pipe << q;
    }
    unsigned k1 = at ? trop_card_md_ctab[s[at - 1]] : 0,
             k2 = at > 1 ? trop_card_md_ctab[s[at - 2]] : 0;
    uint64_t c1 = (k1 >> 1) & 1, c2 = (k2 >> 1) & 1, j1 = (k1 >> 3) & 1;
    uint64_t prev = (al << 1) | c1, prev2 = (al << 2) | (c1 << 1) | c2;
    uint64_t prevj = (join << 1) | j1;
    k->at = at;
    k->starts = al & ~(prev | (prevj & prev2));
    k->special = sp;
    k->pipe = pipe;
    k->words = words;
}

static inline void trop_card_md_block_load(trop_card_md_block *k, const unsigned char *s, size_t n,
                                           size_t at)
{
    trop_card_md_block_fill(k, s, n, at, false);
}

static inline void trop_card_md_block_words(trop_card_md_block *k, const unsigned char *s, size_t n,
                                            size_t at)
{
    trop_card_md_block_fill(k, s, n, at, true);
}

#endif

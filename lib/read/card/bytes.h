/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Private to the card reader: classes of Markdown bytes, as bit masks.
 *
 * The inline scanner (inline.c) counts words and stops at the bytes
 * that may start an inline construct; plain text (plain.c) copies the runs
 * of bytes that are no markup. Both look at 64 bytes at a time as masks
 * (bit j for byte j): word starts, specials and pipes; markup and spaces.
 * The masks are made 8 bytes at a time in 64-bit words (below), the same
 * portable C on every architecture. test_card_bytes checks the word
 * characters, joining punctuation and marks against the table of classes
 * (trop_card_md_ctab) for every byte at every place, and blocks (word
 * starts, specials, pipes) against the per-byte rules across block edges
 * and at the text's end. Mask bits are counted with trop_text_popcount
 * (text/text.h).
 *
 * Words rather than the table byte by byte, as measured on the 55 corpus
 * cards: reading the cards took 1119 k instructions a check from the
 * table, 667 k so (the whole run 406.7 M, 332.3 M).
 */
#ifndef TROP_READ_CARD_BYTES_H
#define TROP_READ_CARD_BYTES_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

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

/* Inlined into the callers of trop_card_md_block_fill, where words is a
 * constant: the code then holds no test of it. */
#if defined(__GNUC__)
#define TROP_CARD_MD_ALWAYS_INLINE __attribute__((always_inline))
#else
#define TROP_CARD_MD_ALWAYS_INLINE
#endif

/*
 * Eight bytes at a time in a 64-bit word, byte i of p in bits 8i..8i+7 on
 * every machine (compilers make it one load where bytes are so ordered).
 * A byte's class is told by its top bit: x7, the word with the top bits
 * cleared, plus a constant per byte carries into the top bit exactly when
 * the byte is past a bound, and no carry crosses into the next byte
 * (x7's bytes are at most 0x7f, the constants at most 0x80).
 */
#define TROP_CARD_MD_ONES 0x0101010101010101ull
#define TROP_CARD_MD_TOP 0x8080808080808080ull

static inline uint64_t trop_card_md_word(const unsigned char *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
           (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
           (uint64_t)p[7] << 56;
}

/* Top bit of each byte: x7's byte is not c (c < 0x80). */
static inline uint64_t trop_card_md_ne(uint64_t x7, unsigned c)
{
    return (x7 ^ (TROP_CARD_MD_ONES * c)) + TROP_CARD_MD_ONES * 0x7f;
}

/* Top bit of each byte: x7's byte is at least lo (1 <= lo <= 0x80). */
static inline uint64_t trop_card_md_ge(uint64_t x7, unsigned lo)
{
    return x7 + TROP_CARD_MD_ONES * (0x80 - lo);
}

/* Top bit of each byte: x7's byte is in [lo, hi] (hi < 0x80). */
static inline uint64_t trop_card_md_in(uint64_t x7, unsigned lo, unsigned hi)
{
    return trop_card_md_ge(x7, lo) & ~trop_card_md_ge(x7, hi + 1);
}

/* Bit i: the top bit of byte i of m. The product moves the top bit of byte
 * i to bit 56 + i; its other terms land below bit 56 or past bit 63, each
 * on a bit of its own, so none carries into the result. */
static inline unsigned trop_card_md_gather(uint64_t m)
{
    return (unsigned)(((m & TROP_CARD_MD_TOP) * 0x0002040810204081ull) >> 56);
}

/* The masks of p[0..8) (p[8..11) are read too: the bytes after a ':' or
 * a 'w'), in bits at..at+7 of b. "://" and "www." are compared with the
 * text read again one, two and three bytes on. */
static inline TROP_CARD_MD_ALWAYS_INLINE void
trop_card_md_bits8(trop_card_md_bits *b, const unsigned char *p, unsigned at, bool words)
{
    const uint64_t top = TROP_CARD_MD_TOP;
    uint64_t x = trop_card_md_word(p), x7 = x & ~top;
    /* ASCII letters are told from x7 | 0x20 (lower case); bytes from 0x80
     * (of multi-byte characters) are word characters by their top bit */
    uint64_t al = x | trop_card_md_in(x7, '0', '9') |
                  trop_card_md_in(x7 | TROP_CARD_MD_ONES * 0x20, 'a', 'z');
    uint64_t ne_colon = trop_card_md_ne(x7, ':');
    uint64_t join = ~x & (trop_card_md_in(x7, '-', '/') |
                          ~(trop_card_md_ne(x7, '\'') & ne_colon & trop_card_md_ne(x7, '@') &
                            trop_card_md_ne(x7, '_')));
    b->al |= trop_card_md_gather(al) << at;
    b->join |= trop_card_md_gather(join) << at;
    if (words)
        return;
    uint64_t x1 = trop_card_md_word(p + 1), x2 = trop_card_md_word(p + 2);
    uint64_t x3 = trop_card_md_word(p + 3);
    uint64_t x1_7 = x1 & ~top, x2_7 = x2 & ~top, far = x1 | x2;
    uint64_t url = ~(ne_colon | trop_card_md_ne(x1_7, '/') | trop_card_md_ne(x2_7, '/') | far);
    uint64_t www = ~(trop_card_md_ne(x7, 'w') | trop_card_md_ne(x1_7, 'w') |
                     trop_card_md_ne(x2_7, 'w') | trop_card_md_ne(x3 & ~top, '.') | far | x3);
    uint64_t sp = trop_card_md_in(x7, '[', ']') |
                  ~(trop_card_md_ne(x7, '<') & trop_card_md_ne(x7, '`')) | url | www;
    b->special |= trop_card_md_gather(~x & sp) << at;
    b->pipe |= trop_card_md_gather(~(x | trop_card_md_ne(x7, '|'))) << at;
}

/* The masks of p[0..16); p[16..19) are read too (the bytes after a ':'
 * or a 'w'). words: al and join only (special and pipe 0). */
static inline TROP_CARD_MD_ALWAYS_INLINE trop_card_md_bits
trop_card_md_bits_of(const unsigned char *p, bool words)
{
    trop_card_md_bits b = {0, 0, 0, 0};
    trop_card_md_bits8(&b, p, 0, words);
    trop_card_md_bits8(&b, p + 8, 8, words);
    return b;
}

/* Plain text's bytes of 16, bit j for byte j: markup (TROP_CARD_MD_MARKUP)
 * and spaces (' ' only). */
typedef struct trop_card_md_marks {
    unsigned markup, space;
} trop_card_md_marks;

/* The marks of p[0..8), bits 0..7. */
static inline trop_card_md_marks trop_card_md_marks8(const unsigned char *p)
{
    uint64_t x = trop_card_md_word(p), x7 = x & ~TROP_CARD_MD_TOP;
    uint64_t ne_sp = trop_card_md_ne(x7, ' ');
    /* [ \ ] are one range, tab and LF another; the others one byte each */
    uint64_t one = trop_card_md_ne(x7, '`') & trop_card_md_ne(x7, '*') & trop_card_md_ne(x7, '~') &
                   trop_card_md_ne(x7, '_') & trop_card_md_ne(x7, '!') & trop_card_md_ne(x7, '<') &
                   trop_card_md_ne(x7, '&') & trop_card_md_ne(x7, '\r') & ne_sp;
    uint64_t markup = trop_card_md_in(x7, '[', ']') | trop_card_md_in(x7, '\t', '\n') | ~one;
    trop_card_md_marks m = {trop_card_md_gather(~x & markup), trop_card_md_gather(~(x | ne_sp))};
    return m;
}

static inline trop_card_md_marks trop_card_md_marks_of(const unsigned char *p)
{
    trop_card_md_marks a = trop_card_md_marks8(p), b = trop_card_md_marks8(p + 8);
    trop_card_md_marks m = {a.markup | b.markup << 8, a.space | b.space << 8};
    return m;
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

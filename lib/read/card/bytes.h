/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Private to the card reader: classes of Markdown bytes, as bit masks.
 *
 * The inline scanner (inline.c) counts words and stops at the bytes
 * that may start an inline construct; plain text (plain.c) copies the runs
 * of bytes that are no markup. Both look at 64 bytes at a time as masks
 * (bit j for byte j): word starts, specials and pipes; markup and spaces.
 * The masks are made 16 bytes at a time from one table of classes
 * (trop_card_md_ctab), on every architecture; test_card_bytes checks that
 * they follow the per-byte rules across blocks and at the text's end.
 * Mask bits are counted with trop_text_popcount (text/text.h).
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

/* The masks of p[0..16); p[16..19) are read too (the bytes after a ':'
 * or a 'w'). words: al and join only (special and pipe 0). */
static inline trop_card_md_bits trop_card_md_bits_of(const unsigned char *p, bool words)
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
    if (words)
        b.special = b.pipe = 0;
    return b;
}

/* Plain text's bytes of 16, bit j for byte j: markup (TROP_CARD_MD_MARKUP)
 * and spaces (' ' only). */
typedef struct trop_card_md_marks {
    unsigned markup, space;
} trop_card_md_marks;

static inline trop_card_md_marks trop_card_md_marks_of(const unsigned char *p)
{
    trop_card_md_marks b = {0, 0};
    for (unsigned j = 0; j < TROP_CARD_MD_BLOCK; j++) {
        b.markup |= (unsigned)((trop_card_md_ctab[p[j]] & TROP_CARD_MD_MARKUP) != 0) << j;
        b.space |= (unsigned)(p[j] == ' ') << j;
    }
    return b;
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

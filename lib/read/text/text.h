/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Private to lib/read: reading text artifacts (cards, YAML, license files)
 * with a size bound, and the UTF-8 checks they share.
 */
#ifndef TROP_READ_TEXT_H
#define TROP_READ_TEXT_H

#include "internal.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* A text artifact read into memory, at most limits.max_text_bytes of it. */
typedef struct trop_text {
    const char *data;  /* the text: borrowed from a memory source, or buf */
    char *buf;         /* owned copy (NUL-terminated), or NULL */
    size_t len;        /* bytes in data */
    uint64_t size;     /* full size of the artifact */
    bool over_limit;   /* size > max_text_bytes: data holds the first part */
    bool partial;      /* only a streamed prefix was available */
} trop_text;

/*
 * Reads src into t. A memory source is not copied (t->data borrows it; it
 * is not NUL-terminated then). When the artifact is larger than
 * max_text_bytes, or only a prefix of it is in memory, reads what it may and
 * sets over_limit or partial; the cut is moved back so it never splits a
 * UTF-8 sequence. Returns 0, TRO_ENOMEM, TRO_EIO, or TRO_EFORMAT when the
 * file shrank while being read (the caller reports it as a finding).
 */
int trop_text_read(const trop_src *src, uint64_t max, trop_text *t);
/* Makes t->data an owned, writable, NUL-terminated copy (t->buf) if it is
 * not one yet. Returns 0 or TRO_ENOMEM. */
int trop_text_own(trop_text *t);
void trop_text_free(trop_text *t);

/* Where the first c of s[p..n) is, n when there is none: memchr's job,
 * inline for the short lines of front matter, where a call costs more than
 * the search. */
static inline size_t trop_text_find_byte(const char *s, size_t p, size_t n, char c)
{
#ifdef __SSE2__
    const __m128i want = _mm_set1_epi8(c);
    for (; n - p >= 16; p += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + p));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, want));
        if (m)
            return p + (size_t)__builtin_ctz(m);
    }
#endif
    while (p < n && s[p] != c)
        p++;
    return p;
}

/* Where the first a or b of s[p..n) is, n when there is none; s[0..avail)
 * may be read (avail >= n), so that a short search still reads a block. */
static inline size_t trop_text_find_byte2(const char *s, size_t p, size_t n, size_t avail, char a,
                                          char b)
{
#ifdef __SSE2__
    const __m128i wa = _mm_set1_epi8(a), wb = _mm_set1_epi8(b);
    for (; p < n && avail - p >= 16; p += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + p));
        __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, wa), _mm_cmpeq_epi8(v, wb));
        unsigned m = (unsigned)_mm_movemask_epi8(hit);
        if (n - p < 16)
            m &= (1u << (n - p)) - 1;
        if (m)
            return p + (size_t)__builtin_ctz(m);
    }
    if (p > n)
        p = n;
#endif
    while (p < n && s[p] != a && s[p] != b)
        p++;
    return p;
}

/* Set bits of a mask (without a libgcc call where popcnt is not a
 * baseline instruction, as on x86-64). */
static inline unsigned trop_text_popcount(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555u);
    x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fu;
    return (unsigned)((x * 0x0101010101010101u) >> 56);
}

/* The start of the first line after the one holding s[p] that begins with
 * a or b, or n when there is none; adds the line ends passed to *lines. */
static inline size_t trop_text_find_line_start2(const char *s, size_t p, size_t n, char a, char b,
                                                uint64_t *lines)
{
#ifdef __SSE2__
    const __m128i nl = _mm_set1_epi8('\n'), wa = _mm_set1_epi8(a), wb = _mm_set1_epi8(b);
    for (; p < n && n - p >= 17; p += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + p));
        __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(s + p + 1));
        unsigned ends = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl));
        unsigned next = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(w, wa), _mm_cmpeq_epi8(w, wb)));
        unsigned hit = ends & next;
        if (hit) {
            unsigned k = (unsigned)__builtin_ctz(hit);
            *lines += trop_text_popcount(ends & ((2u << k) - 1));
            return p + k + 1;
        }
        *lines += trop_text_popcount(ends);
    }
#endif
    for (; p < n; p++) {
        if (s[p] != '\n')
            continue;
        (*lines)++;
        if (p + 1 < n && (s[p + 1] == a || s[p + 1] == b))
            return p + 1;
    }
    return n;
}

/* Number of lines: '\n' count, plus one if the text does not end with '\n'. */
uint64_t trop_text_count_lines(const char *s, size_t n);

#endif

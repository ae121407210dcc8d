/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* lib/core/utf8.c: strict validation, patching and lossy copies, against a
 * decoder written from the UTF-8 rules, with each case placed at every
 * offset up to 200 so that the 64-byte, 8-byte and byte-wise paths all see
 * it at every alignment. */
#include "test.h"
#include "internal.h"

#include <stdint.h>

/* Length of the valid sequence at s[0..n), or 0: the rules, spelt out. */
static size_t ref_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (!len || n < len)
        return 0;
    for (size_t k = 1; k < len; k++)
        if (s[k] < 0x80 || s[k] > 0xBF)
            return 0;
    if (c == 0xE0 && s[1] < 0xA0) /* overlong */
        return 0;
    if (c == 0xED && s[1] > 0x9F) /* surrogate */
        return 0;
    if (c == 0xF0 && s[1] < 0x90) /* overlong */
        return 0;
    if (c == 0xF4 && s[1] > 0x8F) /* above U+10FFFF */
        return 0;
    return len;
}

static size_t ref_check(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t k = ref_seq(s + i, n - i);
        if (!k)
            return i;
        i += k;
    }
    return n;
}

static const char *const cases[] = {
    "", "a", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF",
    "\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xE0\x9F\xBF", "\xF0\x8F\xBF\xBF",
    "\xED\xA0\x80", "\xED\xBF\xBF", "\xED\x9F\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",
    "\xFF", "\xFE", "\x80", "\xBF", "\xC3", "\xE2\x82", "\xF0\x9F\x98", "\xC3\x28",
    "\xE2\x28\xA1", "\xF0\x28\x8C\xBC", "\xEF\xBB\xBF", "\xC3\xA9\x80",
};

TRO_TEST(utf8_placed_everywhere)
{
    unsigned char buf[300];
    int bad = 0;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        size_t len = strlen(cases[c]);
        for (size_t at = 0; at < 200; at++)
            for (size_t tail = 0; tail < 3; tail++) {
                size_t n = at + len + tail * 37;
                memset(buf, 'x', n);
                memcpy(buf + at, cases[c], len);
                bad += trop_utf8_check((const char *)buf, n) != ref_check(buf, n);
                /* cut just after the case: a truncated sequence at the end */
                size_t cut = at + (len ? len - 1 : 0);
                bad += trop_utf8_check((const char *)buf, cut) != ref_check(buf, cut);
            }
    }
    CHECK_INT(bad, 0);
}

static uint64_t rng = 88172645463325252u;

static unsigned next(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (unsigned)rng;
}

/* Mostly ASCII with a rare high byte, as cards are. */
TRO_TEST(utf8_random_texts)
{
    unsigned char buf[512], patched[512];
    int bad = 0;
    for (int k = 0; k < 50000; k++) {
        size_t n = next() % sizeof buf;
        unsigned rare = 1 + next() % 200;
        for (size_t i = 0; i < n; i++)
            buf[i] = next() % rare ? (unsigned char)(' ' + next() % 95) : (unsigned char)(0x80 | next());
        size_t want = ref_check(buf, n);
        bad += trop_utf8_check((const char *)buf, n) != want;
        bad += trop_utf8_valid((const char *)buf, n) != (want == n);
        /* patching leaves valid text of the same length */
        memcpy(patched, buf, n);
        size_t replaced = trop_utf8_patch((char *)patched, n);
        bad += ref_check(patched, n) != n || (replaced == 0) != (want == n);
        /* the floor never cuts inside a sequence of valid text */
        size_t m = n ? next() % (n + 1) : 0, f = trop_utf8_floor((const char *)patched, n, m);
        bad += f > m || ref_check(patched, f) != f;
    }
    CHECK_INT(bad, 0);
}

TRO_TEST(utf8_lossy)
{
    char *out;
    size_t len;
    CHECK_INT(trop_utf8_lossy("a\xFF" "b\xC3\xA9", 5, &out, &len), 0);
    CHECK_STR(out, "a\xEF\xBF\xBD" "b\xC3\xA9");
    CHECK_INT(len, 7);
    free(out);
}

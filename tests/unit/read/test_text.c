/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The inline byte searches of lib/read/text/text.h against plain loops: every
 * start, end and readable length around the 16-byte blocks, hits at every
 * place, bytes past the end that must not count, and line starts with the
 * count of line ends passed. */
#include "read_test.h"
#include "text/text.h"

static size_t naive(const char *s, size_t p, size_t n, char a, char b)
{
    while (p < n && s[p] != a && s[p] != b)
        p++;
    return p;
}

/* trop_text_find_line_start2 the slow way. */
static size_t naive_line(const char *s, size_t p, size_t n, uint64_t *lines)
{
    for (; p < n; p++) {
        if (s[p] != '\n')
            continue;
        (*lines)++;
        if (p + 1 < n && (s[p + 1] == '-' || s[p + 1] == '.'))
            return p + 1;
    }
    return n;
}

/* Pseudo-random texts of newlines, '-', '.' and letters. */
static size_t line_starts(void)
{
    static const char alphabet[] = "\n\n-.xxxxx";
    uint32_t seed = 12345;
    size_t bad = 0;
    char buf[72];
    for (int round = 0; round < 3000; round++) {
        size_t n = (size_t)round % sizeof buf;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            buf[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
        }
        for (size_t p = 0; p <= n; p++) {
            uint64_t la = 7, lb = 7;
            size_t a = trop_text_find_line_start2(buf, p, n, '-', '.', &la);
            size_t b = naive_line(buf, p, n, &lb);
            bad += a != b || la != lb;
        }
    }
    return bad;
}

TRO_TEST(text)
{
    CHECK_INT(line_starts(), 0);
    CHECK_INT(trop_text_popcount(0xFFFF), 16);
    CHECK_INT(trop_text_popcount(0x8001), 2);
    CHECK_INT(trop_text_popcount(0), 0);
    char buf[80];
    size_t bad = 0;
    for (size_t hit = 0; hit <= sizeof buf; hit++) { /* sizeof buf: no hit */
        memset(buf, 'x', sizeof buf);
        if (hit < sizeof buf)
            buf[hit] = hit % 2 ? ':' : '#';
        if (hit + 20 < sizeof buf)
            buf[hit + 20] = '\n';
        for (size_t n = 0; n <= sizeof buf; n++) {
            for (size_t p = 0; p <= n; p++) {
                for (size_t avail = n; avail <= sizeof buf; avail += 7) {
                    bad += trop_text_find_byte2(buf, p, n, avail, '#', ':') !=
                           naive(buf, p, n, '#', ':');
                }
                bad += trop_text_find_byte(buf, p, n, '\n') != naive(buf, p, n, '\n', '\n');
                bad += trop_text_find_byte(buf, p, n, ':') != naive(buf, p, n, ':', ':');
            }
        }
    }
    CHECK_INT(bad, 0);
    /* a hit past n but inside what may be read is not one */
    memcpy(buf, "abc#defghijklmnopqrstuvwxyz", 28);
    CHECK_INT(trop_text_find_byte2(buf, 0, 3, 28, '#', ':'), 3);
    CHECK_INT(trop_text_find_byte2(buf, 0, 4, 28, '#', ':'), 3);
    CHECK_INT(trop_text_find_byte2(buf, 3, 3, 28, '#', ':'), 3);
}

/* UTF-8: strict validation, cutting at a limit and lossy repair, shared by
 * every module that takes text from outside (strict: no overlongs,
 * surrogates or code points above U+10FFFF). */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Length of the valid UTF-8 sequence at s[0..avail), or 0 if invalid;
 * its code point in *out. */
static size_t seq_decode(const unsigned char *s, size_t avail, uint32_t *out)
{
    unsigned char c = s[0];
    size_t len;
    uint32_t cp, min;
    *out = c;
    if (c < 0x80)
        return 1;
    if ((c & 0xE0) == 0xC0) {
        len = 2, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4, cp = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (avail < len)
        return 0;
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    *out = cp;
    return len;
}

static size_t seq_len(const unsigned char *s, size_t avail)
{
    uint32_t cp;
    return seq_decode(s, avail, &cp);
}

size_t trop_utf8_decode(const char *s, size_t avail, uint32_t *cp)
{
    return avail ? seq_decode((const unsigned char *)s, avail, cp) : 0;
}

/* Most text is ASCII: test 64 bytes at a time for a high bit (SSE2 where
 * the compiler has it), then eight, then one. */
static size_t ascii_run(const unsigned char *s, size_t i, size_t n)
{
#if defined(__SSE2__)
    while (i + 64 <= n) {
        const __m128i *p = (const __m128i *)(const void *)(s + i);
        __m128i v = _mm_or_si128(_mm_or_si128(_mm_loadu_si128(p), _mm_loadu_si128(p + 1)),
                                 _mm_or_si128(_mm_loadu_si128(p + 2), _mm_loadu_si128(p + 3)));
        if (_mm_movemask_epi8(v))
            break;
        i += 64;
    }
#endif
    while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull)
            break;
        i += 8;
    }
    while (i < n && s[i] < 0x80)
        i++;
    return i;
}

size_t trop_utf8_check(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    for (;;) {
        i = ascii_run(s, i, n);
        if (i >= n)
            return n;
        size_t k = seq_len(s + i, n - i);
        if (!k)
            return i;
        i += k;
    }
}

size_t trop_utf8_floor(const char *str, size_t n, size_t m)
{
    const unsigned char *s = (const unsigned char *)str;
    if (m > n)
        m = n;
    /* back up over at most three continuation bytes to the lead byte */
    size_t lead = m;
    for (int k = 0; k < 4 && lead > 0; k++) {
        unsigned char c = s[lead - 1];
        if ((c & 0xC0) != 0x80) {
            lead--;
            break;
        }
        lead--;
    }
    if (lead == m)
        return m;
    unsigned char c = s[lead];
    size_t want = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                : (c & 0xF8) == 0xF0 ? 4 : 1;
    /* a sequence that would continue past m is cut off whole */
    return lead + want > m ? lead : m;
}

size_t trop_utf8_patch(char *str, size_t n)
{
    unsigned char *s = (unsigned char *)str;
    size_t i = 0, bad = 0;
    for (;;) {
        i = ascii_run(s, i, n);
        if (i >= n)
            return bad;
        size_t k = seq_len(s + i, n - i);
        if (!k) {
            s[i] = '?';
            bad++;
            k = 1;
        }
        i += k;
    }
}

int trop_utf8_lossy(const char *str, size_t n, char **out, size_t *out_len)
{
    const unsigned char *s = (const unsigned char *)str;
    *out = NULL;
    /* each invalid byte grows to three: bound before allocating */
    if (n > (SIZE_MAX - 1) / 3)
        return TRO_ENOMEM;
    char *buf = malloc(n * 3 + 1);
    if (!buf)
        return TRO_ENOMEM;
    size_t i = 0, o = 0;
    while (i < n) {
        size_t j = ascii_run(s, i, n);
        memcpy(buf + o, s + i, j - i);
        o += j - i;
        i = j;
        if (i >= n)
            break;
        size_t k = seq_len(s + i, n - i);
        if (k) {
            memcpy(buf + o, s + i, k);
            o += k;
            i += k;
        } else {
            memcpy(buf + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        }
    }
    buf[o] = '\0';
    char *shrunk = realloc(buf, o + 1);
    *out = shrunk ? shrunk : buf;
    if (out_len)
        *out_len = o;
    return TRO_OK;
}

bool trop_utf8_valid(const char *s, size_t n)
{
    return trop_utf8_check(s, n) == n;
}

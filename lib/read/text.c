/* Bounded reading of text artifacts and the UTF-8 checks readers share. */
#include "text.h"

#include <stdlib.h>
#include <string.h>

int trop_text_read(const trop_src *src, uint64_t max, trop_text *t)
{
    memset(t, 0, sizeof *t);
    t->size = src->size;
    uint64_t n = src->size;
    if (n > max) {
        n = max;
        t->over_limit = true;
    }
    if (src->fd < 0 && n > src->avail) {
        n = src->avail;
        t->partial = true;
    }
    if (n >= SIZE_MAX)
        return TRO_ENOMEM;
    if (src->fd < 0) {
        /* registries hand us whole buffers: read them where they are */
        t->data = (const char *)src->data;
        t->len = (size_t)n;
    } else {
        if (!(t->buf = malloc((size_t)n + 1)))
            return TRO_ENOMEM;
        int rc = trop_src_read(src, 0, t->buf, (size_t)n);
        if (rc) {
            trop_text_free(t);
            return rc == TRO_ELIMIT ? TRO_EFORMAT : rc;
        }
        t->buf[n] = '\0';
        t->data = t->buf;
        t->len = (size_t)n;
    }
    if (t->over_limit || t->partial)
        t->len = trop_utf8_floor(t->data, t->len, t->len);
    if (!t->data)
        t->data = "";
    return TRO_OK;
}

int trop_text_own(trop_text *t)
{
    if (t->buf)
        return 0;
    if (t->len >= SIZE_MAX || !(t->buf = malloc(t->len + 1)))
        return TRO_ENOMEM;
    memcpy(t->buf, t->data, t->len);
    t->buf[t->len] = '\0';
    t->data = t->buf;
    return 0;
}

void trop_text_free(trop_text *t)
{
    free(t->buf);
    t->buf = NULL;
    t->data = NULL;
    t->len = 0;
}

/* Length of the valid UTF-8 sequence at s[0..avail), or 0 if invalid. */
static size_t seq_len(const unsigned char *s, size_t avail)
{
    unsigned char c = s[0];
    size_t len;
    uint32_t cp, min;
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
    return len;
}

/* Most text is ASCII: test eight bytes at a time for a high bit. */
static size_t ascii_run(const unsigned char *s, size_t i, size_t n)
{
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

uint64_t trop_count_lines(const char *s, size_t n)
{
    uint64_t lines = 0;
    const char *p = s, *end = s + n;
    while (p < end && (p = memchr(p, '\n', (size_t)(end - p)))) {
        lines++;
        p++;
    }
    if (n && s[n - 1] != '\n')
        lines++;
    return lines;
}

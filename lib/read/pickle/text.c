/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Text arguments of protocol-0 opcodes, decoded the way CPython does, and
 * printable copies of untrusted bytes for messages and JSON. */
#include "pickle.h"

#include <string.h>

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t k;
    unsigned min;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        k = 2;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        k = 3;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        k = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n < k)
        return 0;
    unsigned cp = c & (0x7F >> k);
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return k;
}

void trop_pkl_printable(const char *s, size_t n, char *out, size_t cap)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    size_t o = 0, i = 0;
    if (cap < 5) { /* no room for even one escaped byte and the NUL */
        if (cap)
            out[0] = '\0';
        return;
    }
    while (i < n) {
        size_t k = utf8_seq(p + i, n - i);
        bool esc = k == 0 || (k == 1 && (p[i] < 0x20 || p[i] == 0x7F));
        size_t need = esc ? 4 : k;
        if (o + need + 4 > cap) { /* keep room for "..." and NUL */
            memcpy(out + o, "...", 3);
            o += 3;
            break;
        }
        if (esc) {
            out[o++] = '\\';
            out[o++] = 'x';
            out[o++] = hex[p[i] >> 4];
            out[o++] = hex[p[i] & 15];
            i++;
        } else {
            memcpy(out + o, p + i, k);
            o += k;
            i += k;
        }
    }
    out[o] = '\0';
}

bool trop_pkl_utf8_ok(const char *s, size_t n, bool partial)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t k = utf8_seq(p + i, n - i);
        if (k == 0 && p[i] == 0xED && n - i >= 3 && (p[i + 1] & 0xE0) == 0xA0 &&
            (p[i + 2] & 0xC0) == 0x80)
            k = 3; /* a surrogate: "surrogatepass" lets it through */
        if (k == 0) {
            /* a sequence cut by the end of the kept prefix */
            size_t want = p[i] >= 0xF0 ? 4 : p[i] >= 0xE0 ? 3 : 2;
            if (!partial || p[i] < 0xC2 || p[i] > 0xF4 || n - i >= want)
                return false;
            for (size_t j = i + 1; j < n; j++)
                if ((p[j] & 0xC0) != 0x80)
                    return false;
            return true;
        }
        i += k;
    }
    return true;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Appends one byte if there is room; records truncation otherwise. */
static void put(char *out, size_t cap, size_t *len, bool *trunc, char c)
{
    if (*len + 1 < cap)
        out[(*len)++] = c;
    else
        *trunc = true;
}

/* Appends code point cp encoded in UTF-8 (surrogates encoded as is). */
static void put_cp(char *out, size_t cap, size_t *len, bool *trunc, unsigned cp)
{
    char b[4];
    size_t k;
    if (cp < 0x80) {
        b[0] = (char)cp;
        k = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        k = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        k = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        k = 4;
    }
    if (*len + k < cap) {
        memcpy(out + *len, b, k);
        *len += k;
    } else {
        *trunc = true;
    }
}

/* Python's bytes escape decoding (codecs.escape_decode), used by STRING. */
bool trop_pkl_unescape_string(const char *s, size_t n, char *out, size_t cap, size_t *len,
                              bool *trunc)
{
    static const char from[] = "\\'\"abfnrtv";
    static const char to[] = "\\'\"\a\b\f\n\r\t\v";
    *len = 0;
    *trunc = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\') {
            put(out, cap, len, trunc, s[i]);
            continue;
        }
        if (++i == n)
            return false; /* trailing backslash */
        const char *m = strchr(from, s[i]);
        if (m && s[i]) {
            put(out, cap, len, trunc, to[m - from]);
        } else if (s[i] == '\n') {
            /* line continuation: nothing */
        } else if (s[i] >= '0' && s[i] <= '7') {
            unsigned v = (unsigned)(s[i] - '0');
            for (int k = 0; k < 2 && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '7'; k++)
                v = v * 8 + (unsigned)(s[++i] - '0');
            put(out, cap, len, trunc, (char)(v & 0xFF));
        } else if (s[i] == 'x') {
            if (i + 2 >= n)
                return false;
            int h = hexval((unsigned char)s[i + 1]);
            int l = hexval((unsigned char)s[i + 2]);
            if (h < 0 || l < 0)
                return false;
            put(out, cap, len, trunc, (char)(h * 16 + l));
            i += 2;
        } else {
            put(out, cap, len, trunc, '\\');
            put(out, cap, len, trunc, s[i]);
        }
    }
    out[*len] = '\0';
    return true;
}

/* Python's raw-unicode-escape decoding, used by UNICODE: bytes are Latin-1
 * code points, and \uXXXX / \UXXXXXXXX count only after an odd number of
 * backslashes. */
bool trop_pkl_unescape_unicode(const char *s, size_t n, char *out, size_t cap, size_t *len,
                               bool *trunc)
{
    *len = 0;
    *trunc = false;
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c != '\\') {
            put_cp(out, cap, len, trunc, c);
            i++;
            continue;
        }
        size_t run = 0;
        while (i + run < n && s[i + run] == '\\')
            run++;
        size_t after = i + run;
        bool esc = (run & 1) && after < n && (s[after] == 'u' || s[after] == 'U');
        size_t lit = esc ? run - 1 : run;
        for (size_t k = 0; k < lit; k++)
            put_cp(out, cap, len, trunc, '\\');
        i = after;
        if (!esc)
            continue;
        size_t digits = s[after] == 'u' ? 4 : 8;
        unsigned long cp = 0;
        if (after + digits >= n)
            return false; /* truncated escape */
        for (size_t k = 1; k <= digits; k++) {
            int h = hexval((unsigned char)s[after + k]);
            if (h < 0)
                return false;
            cp = cp * 16 + (unsigned long)h;
        }
        if (cp > 0x10FFFF)
            return false;
        put_cp(out, cap, len, trunc, (unsigned)cp);
        i = after + digits + 1;
    }
    out[*len] = '\0';
    return true;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* int(text, 10) as PyLong_FromString parses it; the C unpickler hands it a
 * NUL-terminated copy, so an embedded NUL ends the text. */
bool trop_pkl_parse_int(const char *s, size_t n, int64_t *out)
{
    const char *nul = memchr(s, '\0', n);
    if (nul)
        n = (size_t)(nul - s);
    size_t i = 0;
    while (i < n && is_blank(s[i]))
        i++;
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    uint64_t v = 0;
    bool any = false, prev_us = false;
    for (; i < n; i++) {
        if (s[i] == '_') {
            if (!any || prev_us)
                return false;
            prev_us = true;
            continue;
        }
        if (s[i] < '0' || s[i] > '9')
            break;
        if (v > (UINT64_MAX - 9) / 10)
            return false;
        v = v * 10 + (uint64_t)(s[i] - '0');
        any = true;
        prev_us = false;
    }
    if (!any || prev_us)
        return false;
    while (i < n && is_blank(s[i]))
        i++;
    if (i != n)
        return false;
    if (neg ? v > (uint64_t)INT64_MAX + 1 : v > (uint64_t)INT64_MAX)
        return false;
    if (neg)
        *out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
    else
        *out = (int64_t)v;
    return true;
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* A small JSON pull parser for manifests: rather than building a tree, it
 * lets the grammar (manifest_parse.c) walk the text, bounds nesting, and
 * can say at which byte every problem sits, syntax or structure alike. */
#include "json_pull.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef trop_jp jp;

int trop_jp_fail(jp *p, int code, size_t off, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return trop_error_set(p->err, code, (int64_t)off, "%s at byte %zu", msg, off);
}

static void ws(jp *p)
{
    while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' ||
                               p->s[p->pos] == '\n' || p->s[p->pos] == '\r'))
        p->pos++;
}

int trop_jp_peek(jp *p)
{
    ws(p);
    return p->pos < p->len ? p->s[p->pos] : -1;
}

int trop_jp_expect(jp *p, char c)
{
    if (trop_jp_peek(p) != c)
        return trop_jp_fail(
            p, TRO_EPARSE, p->pos,
            p->pos < p->len ? "expected '%c'" : "expected '%c', found the end of the text", c);
    p->pos++;
    return 0;
}

static int put(jp *p, const char *b, size_t n)
{
    if (p->blen + n + 1 > p->bcap) {
        size_t cap = p->bcap ? p->bcap : 64;
        while (cap < p->blen + n + 1)
            cap *= 2;
        char *v = realloc(p->buf, cap);
        if (!v)
            return trop_error_set(p->err, TRO_ENOMEM, -1, "out of memory");
        p->buf = v;
        p->bcap = cap;
    }
    memcpy(p->buf + p->blen, b, n);
    p->blen += n;
    p->buf[p->blen] = '\0';
    return 0;
}

static int hex4(jp *p, size_t at, unsigned *out)
{
    if (at + 4 > p->len)
        return -1;
    unsigned v = 0;
    for (size_t i = at; i < at + 4; i++) {
        unsigned c = p->s[i];
        unsigned d = c >= '0' && c <= '9'   ? c - '0'
                     : c >= 'a' && c <= 'f' ? c - 'a' + 10
                     : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                            : 16;
        if (d > 15)
            return -1;
        v = v << 4 | d;
    }
    *out = v;
    return 0;
}

/* \uXXXX (and its low surrogate) at p->pos, which points at the 'u'. */
static int unicode_escape(jp *p)
{
    size_t at = p->pos - 1;
    unsigned cp, lo;
    if (hex4(p, p->pos + 1, &cp))
        return trop_jp_fail(p, TRO_EPARSE, at, "bad \\u escape");
    p->pos += 5;
    if (cp >= 0xDC00 && cp <= 0xDFFF)
        return trop_jp_fail(p, TRO_EPARSE, at, "lone low surrogate in \\u escape");
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (p->pos + 6 > p->len || p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u' ||
            hex4(p, p->pos + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF)
            return trop_jp_fail(p, TRO_EPARSE, at,
                                "high surrogate without a low one in \\u escape");
        p->pos += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6);
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12);
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18);
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return put(p, u, n);
}

/* A JSON string at p->pos, decoded into p->buf. */
int trop_jp_string(jp *p)
{
    size_t start = p->pos;
    int rc = trop_jp_expect(p, '"');
    if (rc)
        return rc;
    p->blen = 0;
    if ((rc = put(p, "", 0)))
        return rc;
    for (;;) {
        size_t run = p->pos;
        while (p->pos < p->len && p->s[p->pos] != '"' && p->s[p->pos] != '\\' &&
               p->s[p->pos] >= 0x20)
            p->pos++;
        if ((rc = put(p, (const char *)p->s + run, p->pos - run)))
            return rc;
        if (p->pos >= p->len)
            return trop_jp_fail(p, TRO_EPARSE, start, "unterminated string");
        unsigned char c = p->s[p->pos++];
        if (c == '"')
            break;
        if (c < 0x20)
            return trop_jp_fail(p, TRO_EPARSE, p->pos - 1, "control character in a string");
        if (p->pos >= p->len)
            return trop_jp_fail(p, TRO_EPARSE, start, "unterminated string");
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        const char *k = strchr(from, p->s[p->pos]);
        if (p->s[p->pos] == 'u')
            rc = unicode_escape(p);
        else if (k && *k) {
            rc = put(p, &to[k - from], 1);
            p->pos++;
        } else
            rc = trop_jp_fail(p, TRO_EPARSE, p->pos - 1, "bad escape in a string");
        if (rc)
            return rc;
    }
    if (!trop_utf8_valid(p->buf, p->blen))
        return trop_jp_fail(p, TRO_EPARSE, start, "string is not valid UTF-8");
    return 0;
}

static bool digit(jp *p)
{
    return p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9';
}

static int number(jp *p)
{
    size_t start = p->pos;
    if (p->pos < p->len && p->s[p->pos] == '-')
        p->pos++;
    if (!digit(p))
        return trop_jp_fail(p, TRO_EPARSE, start, "expected a value");
    if (p->s[p->pos] == '0')
        p->pos++;
    while (digit(p))
        p->pos++;
    if (p->pos < p->len && p->s[p->pos] == '.') {
        p->pos++;
        if (!digit(p))
            return trop_jp_fail(p, TRO_EPARSE, start, "bad number");
        while (digit(p))
            p->pos++;
    }
    if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
        p->pos++;
        if (p->pos < p->len && (p->s[p->pos] == '+' || p->s[p->pos] == '-'))
            p->pos++;
        if (!digit(p))
            return trop_jp_fail(p, TRO_EPARSE, start, "bad number");
        while (digit(p))
            p->pos++;
    }
    return 0;
}

/* After an opening '{' or '[': the next member or element, or the end.
 * For objects the key is left in p->buf and the ':' consumed. */
int trop_jp_next(jp *p, bool obj, bool *first, bool *done)
{
    char close = obj ? '}' : ']';
    int c = trop_jp_peek(p);
    *done = false;
    if (c == close) {
        p->pos++;
        p->depth--;
        *done = true;
        return 0;
    }
    if (!*first) {
        if (c != ',')
            return trop_jp_fail(p, TRO_EPARSE, p->pos, "expected ',' or '%c'", close);
        p->pos++;
    }
    *first = false;
    c = trop_jp_peek(p);
    if (c < 0)
        return trop_jp_fail(p, TRO_EPARSE, p->pos, "unexpected end of the text");
    if (!obj)
        return 0;
    if (c != '"')
        return trop_jp_fail(p, TRO_EPARSE, p->pos, "expected a string key");
    p->key_pos = p->pos;
    int rc = trop_jp_string(p);
    return rc ? rc : trop_jp_expect(p, ':');
}

int trop_jp_open(jp *p, char c)
{
    int rc = trop_jp_expect(p, c);
    if (!rc && ++p->depth > p->max_depth)
        rc = trop_jp_fail(p, TRO_ELIMIT, p->pos - 1, "nested deeper than %u levels", p->max_depth);
    return rc;
}

int trop_jp_skip(jp *p)
{
    int c = trop_jp_peek(p), rc;
    bool first = true, done = false;
    if (c == '{' || c == '[') {
        if ((rc = trop_jp_open(p, (char)c)))
            return rc;
        while (!(rc = trop_jp_next(p, c == '{', &first, &done)) && !done)
            if ((rc = trop_jp_skip(p)))
                return rc;
        return rc;
    }
    if (c == '"')
        return trop_jp_string(p);
    static const char *const words[] = {"true", "false", "null"};
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(words[i]);
        if (p->len - p->pos >= n && memcmp(p->s + p->pos, words[i], n) == 0) {
            p->pos += n;
            return 0;
        }
    }
    if (c < 0)
        return trop_jp_fail(p, TRO_EPARSE, p->pos, "unexpected end of the text");
    return number(p);
}

/* A non-negative whole number; what names the field in messages. */
int trop_jp_whole(jp *p, const char *what, uint64_t *out)
{
    int c = trop_jp_peek(p), rc;
    size_t start = p->pos;
    if (c < '0' || c > '9') {
        rc = trop_jp_skip(p);
        return rc ? rc : trop_jp_fail(p, TRO_EFORMAT, start, "%s: expected a whole number", what);
    }
    if (c == '0' && p->pos + 1 < p->len && p->s[p->pos + 1] >= '0' && p->s[p->pos + 1] <= '9')
        return trop_jp_fail(p, TRO_EPARSE, start, "bad number (leading zero)");
    uint64_t v = 0;
    bool over = false;
    for (; digit(p); p->pos++)
        if (!trop_mul_u64(v, 10, &v) || !trop_add_u64(v, (uint64_t)(p->s[p->pos] - '0'), &v))
            over = true;
    if (p->pos < p->len && (p->s[p->pos] == '.' || p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
        p->pos = start;
        rc = number(p);
        return rc ? rc : trop_jp_fail(p, TRO_EFORMAT, start, "%s: expected a whole number", what);
    }
    if (over)
        return trop_jp_fail(p, TRO_EFORMAT, start, "%s: number too large", what);
    *out = v;
    return 0;
}

/* A string value into p->buf; what names the field in messages. */
int trop_jp_text(jp *p, const char *what)
{
    int c = trop_jp_peek(p);
    size_t start = p->pos;
    if (c == '"')
        return trop_jp_string(p);
    int rc = trop_jp_skip(p);
    return rc ? rc : trop_jp_fail(p, TRO_EFORMAT, start, "%s: expected a string", what);
}

int trop_jp_sha256(jp *p, const char *what, char out[65])
{
    trop_jp_peek(p);
    size_t start = p->pos;
    int rc = trop_jp_text(p, what);
    if (rc)
        return rc;
    bool ok = p->blen == 64;
    for (size_t i = 0; ok && i < 64; i++)
        ok = (p->buf[i] >= '0' && p->buf[i] <= '9') || (p->buf[i] >= 'a' && p->buf[i] <= 'f');
    if (!ok)
        return trop_jp_fail(p, TRO_EFORMAT, start, "%s: expected 64 lowercase hex digits", what);
    memcpy(out, p->buf, 65);
    return 0;
}

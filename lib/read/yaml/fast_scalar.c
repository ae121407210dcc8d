/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The fast YAML path's quoted and block scalars, joined and folded exactly
 * as libyaml joins and folds them (fast.c says why this path exists). */
#include "fast.h"

#include <stdlib.h>
#include <string.h>

/* Length of the escape at s[k] == '\\' in a double-quoted scalar (0 for
 * escapes left to libyaml: unknown ones, surrogates, line continuations). */
static size_t escape_len(const trop_yaml_fast_parser *f, size_t k)
{
    static const char simple[] = "0abtnvfre \"/\\N_LP";
    if (k + 1 >= f->le)
        return 0;
    char c = f->s[k + 1];
    if (strchr(simple, c))
        return 2;
    size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
    if (!digits || f->le - k < 2 + digits)
        return 0;
    uint32_t cp = 0;
    for (size_t i = 0; i < digits; i++) {
        char h = f->s[k + 2 + i];
        int d = h >= '0' && h <= '9' ? h - '0' : (h | 0x20) >= 'a' && (h | 0x20) <= 'f'
                                                     ? (h | 0x20) - 'a' + 10 : -1;
        if (d < 0)
            return 0;
        cp = cp << 4 | (uint32_t)d;
    }
    return (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF ? 0 : 2 + digits;
}

/* A quoted scalar at s[q] (a quote) ending on this line: sets *end past the
 * closing quote and *escaped when it holds escapes ('' or backslashes). */
int trop_yaml_fast_quoted(trop_yaml_fast_parser *f, size_t q, size_t *end, bool *escaped)
{
    const char *s = f->s;
    char quote = s[q];
    *escaped = false;
    for (size_t k = q + 1; k < f->le; k++) {
        if (quote == '"' && s[k] == '\\') {
            size_t n = escape_len(f, k);
            if (!n)
                return TROP_YAML_DECLINED;
            *escaped = true;
            k += n - 1;
            continue;
        }
        if (s[k] != quote)
            continue;
        if (quote == '\'' && k + 1 < f->le && s[k + 1] == '\'') {
            *escaped = true;
            k++;
            continue;
        }
        *end = k + 1;
        return 0;
    }
    *end = 0; /* continues on the next line (see multi_quoted) */
    return TROP_YAML_DECLINED;
}

/* Room for n more bytes in the scratch buffer after o. */
static int reserve(trop_yaml_fast_parser *f, size_t o, size_t n)
{
    if (*f->scratch && o <= *f->scratch_cap && *f->scratch_cap - o >= n)
        return 0;
    size_t cap = *f->scratch_cap ? *f->scratch_cap : 256;
    while (cap - o < n) {
        if (cap > SIZE_MAX / 2)
            return TRO_ENOMEM;
        cap *= 2;
    }
    char *p = realloc(*f->scratch, cap);
    if (!p)
        return TRO_ENOMEM;
    *f->scratch = p;
    *f->scratch_cap = cap;
    return 0;
}

static size_t put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* The code point an escape (checked by escape_len) stands for. */
static uint32_t escape_cp(const char *e, size_t n)
{
    static const char from[] = "0abtnvfre \"/\\N_LP";
    static const uint32_t to[] = {0, 7, 8, 9, 10, 11, 12, 13, 27, ' ', '"', '/', '\\',
                                  0x85, 0xA0, 0x2028, 0x2029};
    if (n == 2)
        return to[strchr(from, e[1]) - from];
    uint32_t cp = 0;
    for (size_t i = 2; i < n; i++)
        cp = cp << 4 | (uint32_t)(e[i] <= '9' ? e[i] - '0' : (e[i] | 0x20) - 'a' + 10);
    return cp;
}

int trop_yaml_fast_emit_quoted(trop_yaml_fast_parser *f, size_t q, size_t end, bool escaped)
{
    const char *v = f->s + q + 1;
    size_t len = end - q - 2, o = 0;
    if (!escaped)
        return trop_yaml_fast_scalar(f, q, v, len, false, true);
    /* an escape never grows more than 3 bytes for 2 */
    if (len > SIZE_MAX / 2 || reserve(f, 0, len * 2))
        return TRO_ENOMEM;
    char *out = *f->scratch;
    for (size_t i = 0; i < len; i++) {
        if (f->s[q] == '\'') {
            out[o++] = v[i];
            i += v[i] == '\'';
        } else if (v[i] == '\\') {
            size_t n = escape_len(f, q + 1 + i);
            o += put_utf8(out + o, escape_cp(v + i, n));
            i += n - 1;
        } else {
            out[o++] = v[i];
        }
    }
    return trop_yaml_fast_scalar(f, q, out, o, false, false);
}

/* ---- block scalars ("|", ">-", "|+") -------------------------------------- */

/* Spaces at s[pos] (at most max), and whether a line break follows them;
 * *after is where the next line starts. */
static size_t spaces_then(const trop_yaml_fast_parser *f, size_t pos, size_t max, bool *brk,
                          size_t *after)
{
    size_t k = pos;
    while (k < f->n && f->s[k] == ' ' && k - pos < max)
        k++;
    *brk = false;
    if (k < f->n && (f->s[k] == '\n' || f->s[k] == '\r')) {
        *brk = true;
        *after = k + (f->s[k] == '\r' ? 2 : 1);
    }
    return k - pos;
}

static int put(trop_yaml_fast_parser *f, size_t *o, const char *src, size_t n)
{
    if (!n)
        return 0;
    if (reserve(f, *o, n))
        return TRO_ENOMEM;
    memcpy(*f->scratch + *o, src, n);
    *o += n;
    return 0;
}

static int put_breaks(trop_yaml_fast_parser *f, size_t *o, size_t n)
{
    if (!n)
        return 0;
    if (reserve(f, *o, n))
        return TRO_ENOMEM;
    memset(*f->scratch + *o, '\n', n);
    *o += n;
    return 0;
}

/* The lines of a block scalar, folded or not, the way libyaml's
 * yaml_parser_scan_block_scalar joins them. */
typedef struct block {
    bool folded;
    int chomp;             /* -1 strip, 0 clip, 1 keep */
    size_t indent;
    size_t pos;            /* start of the line being read */
    uint64_t lines;        /* line breaks passed */
} block;

static int block_body(trop_yaml_fast_parser *f, block *b, size_t col, size_t trailing, size_t *len)
{
    bool leading_break = false, leading_blank = false, brk;
    size_t o = 0, after = 0;
    int rc = 0;
    while (!rc && col == b->indent && b->pos + col < f->n) {
        size_t p = b->pos + col;
        bool trailing_blank = f->s[p] == ' ';
        if (b->folded && leading_break && !leading_blank && !trailing_blank) {
            if (trailing == 0)
                rc = put(f, &o, " ", 1);
        } else if (leading_break) {
            rc = put_breaks(f, &o, 1);
        }
        leading_break = false;
        if (rc || (rc = put_breaks(f, &o, trailing)))
            break;
        trailing = 0;
        leading_blank = trailing_blank;
        const char *nl = memchr(f->s + p, '\n', f->n - p);
        size_t e = nl ? (size_t)(nl - f->s) : f->n;
        if ((rc = put(f, &o, f->s + p, e - p - (nl && e > p && f->s[e - 1] == '\r'))))
            break;
        b->pos = nl ? e + 1 : f->n;
        b->lines += nl != NULL;
        leading_break = nl != NULL;
        for (;;) { /* blank lines after it */
            col = spaces_then(f, b->pos, b->indent, &brk, &after);
            if (!brk)
                break;
            trailing++;
            b->lines++;
            b->pos = after;
        }
    }
    if (!rc && b->chomp >= 0 && leading_break)
        rc = put_breaks(f, &o, 1);
    if (!rc && b->chomp > 0)
        rc = put_breaks(f, &o, trailing);
    *len = o;
    return rc;
}

int trop_yaml_fast_block_scalar(trop_yaml_fast_parser *f, size_t v)
{
    block b = {f->s[v] == '>', 0, 0, f->next, 0};
    size_t k = v + 1;
    if (k < f->le && (f->s[k] == '-' || f->s[k] == '+'))
        b.chomp = f->s[k++] == '-' ? -1 : 1;
    if ((k < f->le && f->s[k] >= '0' && f->s[k] <= '9') || !trop_yaml_fast_rest_empty(f, k))
        return TROP_YAML_DECLINED; /* explicit indentation is libyaml's */
    /* the indentation is that of the first line with text, at least one
     * more than the collection holding the scalar */
    size_t min = f->st[f->depth - 1].indent + 1, max = 0, trailing = 0, col, after;
    bool brk;
    for (;;) {
        col = spaces_then(f, b.pos, SIZE_MAX, &brk, &after);
        if (col > max)
            max = col;
        if (!brk)
            break;
        trailing++;
        b.lines++;
        b.pos = after;
    }
    if (max > col && b.pos + col < f->n)
        return TROP_YAML_DECLINED; /* blank lines indented deeper than the text */
    b.indent = max > min ? max : min;
    size_t len;
    int rc = block_body(f, &b, col, trailing, &len);
    if (rc || (rc = trop_yaml_fast_scalar(f, v, *f->scratch ? *f->scratch : "", len, false, false)))
        return rc;
    f->next = b.pos;
    f->line += b.lines;
    return 0;
}

/* Moves to the next line; false at the end of the text. */
static bool next_line(trop_yaml_fast_parser *f)
{
    if (f->next >= f->n)
        return false;
    f->ls = f->next;
    size_t le = trop_text_find_byte(f->s, f->ls, f->n, '\n');
    f->le = le > f->ls && f->s[le - 1] == '\r' ? le - 1 : le;
    f->next = le < f->n ? le + 1 : f->n;
    f->line++;
    return true;
}

static bool doc_marker(const trop_yaml_fast_parser *f, size_t k)
{
    return k == f->ls && f->le - k >= 3 &&
           (!memcmp(f->s + k, "---", 3) || !memcmp(f->s + k, "...", 3)) &&
           (k + 3 == f->le || f->s[k + 3] == ' ');
}

/* One character (or escape) of a quoted scalar at s[*k], into the scratch. */
static int quoted_char(trop_yaml_fast_parser *f, size_t *k, size_t *o, bool dq)
{
    const char *s = f->s;
    if (!dq && s[*k] == '\'' && *k + 1 < f->le && s[*k + 1] == '\'') {
        *k += 2;
        return put(f, o, "'", 1);
    }
    if (dq && s[*k] == '\\') {
        size_t n = escape_len(f, *k);
        char buf[4];
        if (!n)
            return TROP_YAML_DECLINED;
        size_t bl = put_utf8(buf, escape_cp(s + *k, n));
        *k += n;
        return put(f, o, buf, bl);
    }
    return put(f, o, s + (*k)++, 1);
}

/* How the blanks and line breaks after a run of text are joined. */
typedef struct gap {
    bool leading_blanks;   /* a line break was passed (or escaped) */
    bool leading_break;    /* ... an unescaped one */
    size_t breaks;         /* empty lines after it */
    size_t ws;             /* blanks before a break, kept if none follows */
} gap;

/* Skips blanks and line breaks at s[*k]; false at the end of the text. */
static bool skip_gap(trop_yaml_fast_parser *f, size_t *k, gap *g)
{
    for (;;) {
        if (*k < f->le && f->s[*k] == ' ') {
            g->ws += !g->leading_blanks;
            (*k)++;
        } else if (*k == f->le) {
            if (!next_line(f))
                return false;
            if (!g->leading_blanks)
                g->ws = 0, g->leading_break = g->leading_blanks = true;
            else
                g->breaks++;
            *k = f->ls;
        } else {
            return true;
        }
    }
}

static int put_gap(trop_yaml_fast_parser *f, size_t *o, const gap *g)
{
    if (!g->leading_blanks) {
        if (!g->ws)
            return 0;
        if (reserve(f, *o, g->ws))
            return TRO_ENOMEM;
        memset(*f->scratch + *o, ' ', g->ws);
        *o += g->ws;
        return 0;
    }
    if (g->leading_break && !g->breaks)
        return put(f, o, " ", 1);
    return put_breaks(f, o, g->breaks);
}

/* A quoted value running over several lines, folded the way libyaml's
 * yaml_parser_scan_flow_scalar folds it: a line break becomes a space,
 * empty lines become breaks, blanks around breaks go, "\\" at the end of a
 * line joins without a space. */
int trop_yaml_fast_multi_quoted(trop_yaml_fast_parser *f, size_t v)
{
    trop_yaml_ev_mark at = trop_yaml_fast_mark(f, v);
    const char *s = f->s;
    bool dq = s[v] == '"';
    size_t k = v + 1, o = 0;
    int rc = 0;
    for (;;) {
        gap g = {0};
        if (doc_marker(f, k))
            return TROP_YAML_DECLINED;
        while (!rc && k < f->le && s[k] != ' ') {
            if (s[k] == s[v] && (dq || k + 1 == f->le || s[k + 1] != '\''))
                break; /* the closing quote */
            if (dq && s[k] == '\\' && k + 1 == f->le) { /* escaped line break */
                if (!next_line(f))
                    return TROP_YAML_DECLINED;
                k = f->ls;
                g.leading_blanks = true;
                break;
            }
            rc = quoted_char(f, &k, &o, dq);
        }
        if (rc)
            return rc;
        if (k < f->le && s[k] == s[v] && !g.leading_blanks)
            break; /* the closing quote */
        if (!skip_gap(f, &k, &g))
            return TROP_YAML_DECLINED; /* the text ends inside the scalar */
        if ((rc = put_gap(f, &o, &g)))
            return rc;
    }
    if (!trop_yaml_fast_rest_empty(f, k + 1))
        return TROP_YAML_DECLINED;
    return trop_yaml_fast_scalar_at(f, at, *f->scratch ? *f->scratch : "", o, false, false);
}

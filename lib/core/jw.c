/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The JSON writer (jw.h).
 *
 * jansson's own dumper calls back per token and, to find cycles, formats
 * and hashes the address of every container (snprintf + malloc each), which
 * made dumping a report cost as much as the whole check; this writer makes
 * the same bytes in one pass. */
#include "jw.h"

#include <stdlib.h>
#include <string.h>

#define INDENT 2

/* Room for k more bytes (and a NUL). */
static bool reserve(trop_jw *w, size_t k)
{
    if (w->err)
        return false;
    if (w->cap - w->n > k)
        return true;
    size_t cap = w->cap ? w->cap : 4096;
    while (cap - w->n <= k) {
        if (cap > SIZE_MAX / 2) {
            w->err = TRO_ENOMEM;
            return false;
        }
        cap *= 2;
    }
    char *s = realloc(w->s, cap);
    if (!s) {
        w->err = TRO_ENOMEM;
        return false;
    }
    w->s = s;
    w->cap = cap;
    return true;
}

static void put(trop_jw *w, const char *s, size_t k)
{
    if (reserve(w, k)) {
        memcpy(w->s + w->n, s, k);
        w->n += k;
    }
}

/* A newline and the indentation of depth (nothing when compact). */
static void newline(trop_jw *w, size_t depth)
{
    if (w->compact)
        return;
    size_t k = 1 + depth * INDENT;
    if (reserve(w, k)) {
        w->s[w->n] = '\n';
        memset(w->s + w->n + 1, ' ', k - 1);
        w->n += k;
    }
}

/* '"', '\\' and control characters escaped as jansson does (short forms
 * where JSON has them, else \u00XX). */
static void string(trop_jw *w, const char *s, size_t len)
{
    if (!reserve(w, len + 2))
        return;
    w->s[w->n++] = '"';
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        put(w, s + run, i - run);
        run = i + 1;
        char e[8] = {'\\', 0};
        size_t k = 2;
        switch (c) {
        case '"': e[1] = '"'; break;
        case '\\': e[1] = '\\'; break;
        case '\b': e[1] = 'b'; break;
        case '\f': e[1] = 'f'; break;
        case '\n': e[1] = 'n'; break;
        case '\r': e[1] = 'r'; break;
        case '\t': e[1] = 't'; break;
        default:
            memcpy(e + 1, "u00", 3);
            e[4] = "0123456789ABCDEF"[c >> 4];
            e[5] = "0123456789ABCDEF"[c & 15];
            k = 6;
        }
        put(w, e, k);
    }
    put(w, s + run, len - run);
    put(w, "\"", 1);
}

/* Before an item of the innermost container: ",", a newline, the indent. */
static void item(trop_jw *w)
{
    uint64_t bit = (uint64_t)1 << w->depth;
    if (w->items & bit)
        put(w, ",", 1);
    w->items |= bit;
    newline(w, w->depth);
}

void trop_jw_open(trop_jw *w, char c)
{
    if (w->depth + 1 > TROP_JW_MAX_DEPTH) {
        w->err = w->err ? w->err : TRO_ELIMIT;
        return;
    }
    put(w, &c, 1);
    w->depth++;
    w->items &= ~((uint64_t)1 << w->depth);
}

void trop_jw_close(trop_jw *w, char c)
{
    if (w->err || !w->depth)
        return;
    if (w->items >> w->depth & 1)
        newline(w, w->depth - 1);
    put(w, &c, 1);
    w->depth--;
}

void trop_jw_key(trop_jw *w, const char *key)
{
    item(w);
    string(w, key, strlen(key));
    put(w, ": ", w->compact ? 1 : 2);
}

void trop_jw_item(trop_jw *w)
{
    item(w);
}

void trop_jw_strn(trop_jw *w, const char *s, size_t n)
{
    string(w, s, n);
}

void trop_jw_str(trop_jw *w, const char *s)
{
    if (s)
        string(w, s, strlen(s));
    else
        trop_jw_null(w);
}

void trop_jw_int(trop_jw *w, int64_t v)
{
    char b[24], *p = b + sizeof b;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do
        *--p = (char)('0' + u % 10);
    while ((u /= 10));
    if (v < 0)
        *--p = '-';
    put(w, p, (size_t)(b + sizeof b - p));
}

void trop_jw_bool(trop_jw *w, bool b)
{
    put(w, b ? "true" : "false", b ? 4 : 5);
}

void trop_jw_null(trop_jw *w)
{
    put(w, "null", 4);
}

void trop_jw_real(trop_jw *w, double v)
{
    /* jansson's own formatting (precision, ".0", exponent) */
    json_t *r = json_real(v);
    char *s = r ? json_dumps(r, JSON_ENCODE_ANY) : NULL;
    json_decref(r);
    if (s)
        put(w, s, strlen(s));
    else
        w->err = w->err ? w->err : TRO_ENOMEM;
    free(s);
}

void trop_jw_json(trop_jw *w, const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        trop_jw_open(w, '{');
        /* jansson iterates in insertion order, as json_dumps does */
        for (void *it = json_object_iter((json_t *)v); it && !w->err;
             it = json_object_iter_next((json_t *)v, it)) {
            item(w);
            string(w, json_object_iter_key(it), json_object_iter_key_len(it));
            put(w, ": ", w->compact ? 1 : 2);
            trop_jw_json(w, json_object_iter_value(it));
        }
        trop_jw_close(w, '}');
        return;
    }
    case JSON_ARRAY:
        trop_jw_open(w, '[');
        for (size_t i = 0; i < json_array_size(v) && !w->err; i++) {
            item(w);
            trop_jw_json(w, json_array_get(v, i));
        }
        trop_jw_close(w, ']');
        return;
    case JSON_STRING: string(w, json_string_value(v), json_string_length(v)); return;
    case JSON_INTEGER: trop_jw_int(w, json_integer_value(v)); return;
    case JSON_REAL: trop_jw_real(w, json_real_value(v)); return;
    case JSON_TRUE: trop_jw_bool(w, true); return;
    case JSON_FALSE: trop_jw_bool(w, false); return;
    default: trop_jw_null(w); return;
    }
}

void trop_jw_kstr(trop_jw *w, const char *key, const char *s)
{
    trop_jw_key(w, key);
    trop_jw_str(w, s);
}

void trop_jw_kstrn(trop_jw *w, const char *key, const char *s, size_t n)
{
    trop_jw_key(w, key);
    if (s)
        trop_jw_strn(w, s, n);
    else
        trop_jw_null(w);
}

void trop_jw_kint(trop_jw *w, const char *key, int64_t v)
{
    trop_jw_key(w, key);
    trop_jw_int(w, v);
}

void trop_jw_kbool(trop_jw *w, const char *key, bool b)
{
    trop_jw_key(w, key);
    trop_jw_bool(w, b);
}

int trop_jw_finish(trop_jw *w, char **out, size_t *len)
{
    put(w, "\n", 1);
    if (w->err || !reserve(w, 0)) {
        int rc = w->err ? w->err : TRO_ENOMEM;
        trop_jw_free(w);
        return rc;
    }
    w->s[w->n] = '\0';
    *out = w->s;
    if (len)
        *len = w->n;
    w->s = NULL;
    w->n = w->cap = 0;
    return 0;
}

void trop_jw_free(trop_jw *w)
{
    free(w->s);
    w->s = NULL;
    w->n = w->cap = 0;
}

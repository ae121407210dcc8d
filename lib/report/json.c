/* The report as JSON: the report document itself, keys in their documented
 * order (lib/judge/report.h), indented by two spaces, with a final newline;
 * written from the JSON tree, or as it goes (trop_jw) by the judge when the
 * tree was never built.
 *
 * The bytes are those json_dumps(doc, JSON_INDENT(2)) gives, written here in
 * one pass into one growing buffer: jansson's dumper calls back per token
 * and, to find cycles, formats and hashes the address of every container
 * (snprintf + malloc each), which made it cost as much as the whole check. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#define INDENT 2
#define MAX_DEPTH 2048 /* jansson's own nesting limit for dumping */

typedef struct trop_jw_out out;

/* Room for k more bytes (and a NUL). */
static int reserve(out *o, size_t k)
{
    if (o->cap - o->n > k)
        return 0;
    size_t cap = o->cap ? o->cap : 4096;
    while (cap - o->n <= k) {
        if (cap > SIZE_MAX / 2)
            return TRO_ENOMEM;
        cap *= 2;
    }
    char *s = realloc(o->s, cap);
    if (!s)
        return TRO_ENOMEM;
    o->s = s;
    o->cap = cap;
    return 0;
}

static int put(out *o, const char *s, size_t k)
{
    if (reserve(o, k))
        return TRO_ENOMEM;
    memcpy(o->s + o->n, s, k);
    o->n += k;
    return 0;
}

/* A newline and the indentation of depth (nothing when compact). */
static int newline(out *o, size_t depth)
{
    if (o->compact)
        return 0;
    size_t k = 1 + depth * INDENT;
    if (reserve(o, k))
        return TRO_ENOMEM;
    o->s[o->n] = '\n';
    memset(o->s + o->n + 1, ' ', k - 1);
    o->n += k;
    return 0;
}

/* A JSON string: '"', '\\' and control characters escaped as jansson does
 * (short forms where JSON has them, else \u00XX); UTF-8 as is. */
static int string(out *o, const char *s, size_t len)
{
    if (reserve(o, len + 2))
        return TRO_ENOMEM;
    o->s[o->n++] = '"';
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        if (put(o, s + run, i - run))
            return TRO_ENOMEM;
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
        if (put(o, e, k))
            return TRO_ENOMEM;
    }
    if (put(o, s + run, len - run) || reserve(o, 1))
        return TRO_ENOMEM;
    o->s[o->n++] = '"';
    return 0;
}

static int integer(out *o, json_int_t v)
{
    char b[24], *p = b + sizeof b;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do
        *--p = (char)('0' + u % 10);
    while ((u /= 10));
    if (v < 0)
        *--p = '-';
    return put(o, p, (size_t)(b + sizeof b - p));
}

/* Reals keep jansson's formatting (precision, ".0", exponent). */
static int other(out *o, const json_t *v)
{
    char *s = json_dumps(v, JSON_ENCODE_ANY);
    int rc = s ? put(o, s, strlen(s)) : TRO_ENOMEM;
    free(s);
    return rc;
}

static int value(out *o, const json_t *v, size_t depth);

static int array(out *o, const json_t *v, size_t depth)
{
    size_t n = json_array_size(v);
    if (!n)
        return put(o, "[]", 2);
    if (put(o, "[", 1))
        return TRO_ENOMEM;
    for (size_t i = 0; i < n; i++)
        if ((i && put(o, ",", 1)) || newline(o, depth + 1) ||
            value(o, json_array_get(v, i), depth + 1))
            return TRO_ENOMEM;
    return newline(o, depth) || put(o, "]", 1) ? TRO_ENOMEM : 0;
}

static int object(out *o, const json_t *v, size_t depth)
{
    if (!json_object_size(v))
        return put(o, "{}", 2);
    if (put(o, "{", 1))
        return TRO_ENOMEM;
    bool first = true;
    /* jansson iterates in insertion order, as json_dumps does */
    for (void *it = json_object_iter((json_t *)v); it;
         it = json_object_iter_next((json_t *)v, it)) {
        size_t klen = json_object_iter_key_len(it);
        if ((!first && put(o, ",", 1)) || newline(o, depth + 1) ||
            string(o, json_object_iter_key(it), klen) || put(o, ": ", o->compact ? 1 : 2) ||
            value(o, json_object_iter_value(it), depth + 1))
            return TRO_ENOMEM;
        first = false;
    }
    return newline(o, depth) || put(o, "}", 1) ? TRO_ENOMEM : 0;
}

static int value(out *o, const json_t *v, size_t depth)
{
    if (depth > MAX_DEPTH)
        return TRO_ENOMEM;
    switch (json_typeof(v)) {
    case JSON_OBJECT: return object(o, v, depth);
    case JSON_ARRAY: return array(o, v, depth);
    case JSON_STRING: return string(o, json_string_value(v), json_string_length(v));
    case JSON_INTEGER: return integer(o, json_integer_value(v));
    case JSON_TRUE: return put(o, "true", 4);
    case JSON_FALSE: return put(o, "false", 5);
    case JSON_NULL: return put(o, "null", 4);
    default: return other(o, v);
    }
}

/* ---- writing a document as it goes (trop_jw, lib/judge/report.h) ---------- */

/* Before an item of the innermost container: ",", a newline, the indent. */
static void item(trop_jw *w)
{
    out *o = &w->o;
    uint64_t bit = (uint64_t)1 << w->depth;
    if ((w->items & bit) && put(o, ",", 1))
        w->err = TRO_ENOMEM;
    w->items |= bit;
    if (newline(o, w->depth))
        w->err = TRO_ENOMEM;
}

void trop_jw_open(trop_jw *w, char c)
{
    if (w->depth + 1 >= 64) {
        w->err = TRO_ENOMEM;
        return;
    }
    if (put(&w->o, &c, 1))
        w->err = TRO_ENOMEM;
    w->depth++;
    w->items &= ~((uint64_t)1 << w->depth);
}

void trop_jw_close(trop_jw *w, char c)
{
    if ((w->items >> w->depth & 1) && newline(&w->o, w->depth - 1))
        w->err = TRO_ENOMEM;
    if (put(&w->o, &c, 1))
        w->err = TRO_ENOMEM;
    w->depth--;
}

void trop_jw_key(trop_jw *w, const char *key)
{
    item(w);
    if (string(&w->o, key, strlen(key)) || put(&w->o, ": ", w->o.compact ? 1 : 2))
        w->err = TRO_ENOMEM;
}

void trop_jw_item(trop_jw *w)
{
    item(w);
}

void trop_jw_strn(trop_jw *w, const char *s, size_t n)
{
    if (string(&w->o, s, n))
        w->err = TRO_ENOMEM;
}

void trop_jw_str(trop_jw *w, const char *s)
{
    if (!s)
        trop_jw_json(w, json_null());
    else
        trop_jw_strn(w, s, strlen(s));
}

void trop_jw_int(trop_jw *w, int64_t v)
{
    if (integer(&w->o, (json_int_t)v))
        w->err = TRO_ENOMEM;
}

void trop_jw_json(trop_jw *w, const json_t *v)
{
    if (!v || value(&w->o, v, w->depth))
        w->err = TRO_ENOMEM;
}

/* Takes the text written (NUL-terminated, with a final newline). */
static int finish(out *o, char **out_, size_t *len)
{
    if (put(o, "\n", 1)) {
        free(o->s);
        return TRO_ENOMEM;
    }
    o->s[o->n] = '\0';
    *out_ = o->s;
    if (len)
        *len = o->n;
    return 0;
}

int tro_report_json(const tro_report *report, char **out_, size_t *len)
{
    return tro_report_json_flags(report, 0, out_, len);
}

int tro_report_json_flags(const tro_report *report, unsigned int flags, char **out_, size_t *len)
{
    if (out_)
        *out_ = NULL;
    if (!report || !out_ || (flags & ~(unsigned)TRO_JSON_COMPACT))
        return TRO_EINVAL;
    trop_jw w = {.o = {NULL, 0, 0, (flags & TRO_JSON_COMPACT) != 0}};
    /* a document not built yet is written straight from what the check kept */
    if (!__atomic_load_n(&report->doc, __ATOMIC_ACQUIRE) && report->pending) {
        if (trop_pending_write(report, &w) || w.err) {
            free(w.o.s);
            return TRO_ENOMEM;
        }
        return finish(&w.o, out_, len);
    }
    const json_t *doc = trop_report_doc(report);
    if (!doc)
        return TRO_ENOMEM;
    if (value(&w.o, doc, 0)) {
        free(w.o.s);
        return TRO_ENOMEM;
    }
    return finish(&w.o, out_, len);
}

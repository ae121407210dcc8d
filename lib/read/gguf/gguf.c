/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * GGUF (llama.cpp / ggml weights), versions 2 and 3, little- or big-endian.
 * The header (magic, version, counts), every metadata key/value and every
 * tensor info are read through a 64 KiB window over the source, never the
 * tensor data. Every count and length is compared with the bytes left in
 * the file before anything is allocated or looped over, and the header as
 * a whole is bounded by limits.max_header_bytes.
 *
 * meta:
 *   version, endianness ("little" | "big"), tensor_count, kv_count,
 *   alignment, data_offset (start of the tensor data),
 *   architecture, file_type, quantization_version   (from general.*)
 *   general       the other general.* keys, by their name without the
 *                 "general." prefix: {"name": ..., "license": "apache-2.0",
 *                 "license.link": ..., "tags": [...], "languages": [...]}
 *   base_models   [{"name", "author", "organization", "version", "url",
 *                   "repo_url", "doi", ...}] from general.base_model.N.*
 *   datasets      [{...}] from general.dataset(s).N.*, then {"name": s} for
 *                 each string of a general.datasets array
 *   kv            other keys: numbers, bools, strings up to 256 bytes;
 *                 longer strings as {"type": "string", "length": n}, arrays
 *                 as {"type": "array", "element_type": "string", "count": n}
 *                 (at most 256 keys; kv_dropped counts the rest)
 *   tensor_types  {"Q4_K": 193, "F32": 65}
 *   parameter_count, tensor_bytes
 *   complete      false when the header could not be read to its end
 *
 * Findings (errors unless said): gguf-bad-magic, gguf-version-unsupported,
 * gguf-big-endian (info), gguf-count-too-large, gguf-truncated,
 * gguf-header-too-large, gguf-header-unavailable (info), gguf-bad-key,
 * gguf-duplicate-key, gguf-bad-type, gguf-bad-bool, gguf-too-deep,
 * gguf-nested-array (warning: ggml itself refuses them), gguf-bad-alignment,
 * gguf-bad-utf8 (warning), and the tensor findings of tensors.c,
 * gguf-more-findings (info).
 */
#include "gguf.h"
#include "../readers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GG_WINDOW 65536
#define GG_KEY_MAX 65535
#define GG_ARRAY_KEEP 1024   /* elements of a general.* array kept in meta */
#define GG_STR_FULL 16384    /* bytes of a general.* string kept */
#define GG_STR_BRIEF 256     /* bytes of another key's string kept */

static const uint8_t type_size[TROP_GGUF_NTYPES] = {1, 1, 2, 2, 4, 4, 4, 1, 8, 12, 8, 8, 8};
static const char *const type_name[TROP_GGUF_NTYPES] = {
    "uint8", "int8", "uint16", "int16", "uint32", "int32", "float32",
    "bool", "string", "array", "uint64", "int64", "float64"};

const unsigned char *trop_gguf_need(trop_gguf *g, size_t n)
{
    uint64_t end;
    if (g->err)
        return NULL;
    if (!trop_add_u64(g->pos, n, &end) || end > g->src->size)
        g->err = TROP_GGUF_TRUNC;
    else if (end > g->limit)
        g->err = TROP_GGUF_LIMIT;
    else if (!trop_src_random(g->src) && end > g->src->avail)
        g->err = TROP_GGUF_UNAVAIL;
    if (g->err)
        return NULL;
    const unsigned char *p;
    if (!trop_src_random(g->src)) {
        p = g->src->data + g->pos;
    } else {
        if (g->pos < g->boff || end > g->boff + g->blen) {
            uint64_t left = g->src->size - g->pos;
            size_t want = left < GG_WINDOW ? (size_t)left : GG_WINDOW;
            int rc = trop_src_read(g->src, g->pos, g->buf, want);
            if (rc) {
                g->err = rc == TRO_EIO ? TROP_GGUF_IO : TROP_GGUF_TRUNC;
                return NULL;
            }
            g->boff = g->pos;
            g->blen = want;
        }
        p = g->buf + (g->pos - g->boff);
    }
    g->pos = end;
    return p;
}

bool trop_gguf_skip(trop_gguf *g, uint64_t n)
{
    uint64_t end;
    if (g->err)
        return false;
    if (!trop_add_u64(g->pos, n, &end) || end > g->src->size)
        g->err = TROP_GGUF_TRUNC;
    else if (end > g->limit)
        g->err = TROP_GGUF_LIMIT;
    else
        g->pos = end;
    return !g->err;
}

static uint64_t decode(const trop_gguf *g, const unsigned char *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v |= (uint64_t)p[g->be ? n - 1 - i : i] << (8 * i);
    return v;
}

static bool read_uint(trop_gguf *g, size_t n, uint64_t *v)
{
    const unsigned char *p = trop_gguf_need(g, n);
    if (p)
        *v = decode(g, p, n);
    return p != NULL;
}

bool trop_gguf_u32(trop_gguf *g, uint32_t *v)
{
    uint64_t x;
    if (!read_uint(g, 4, &x))
        return false;
    *v = (uint32_t)x;
    return true;
}

bool trop_gguf_u64(trop_gguf *g, uint64_t *v)
{
    return read_uint(g, 8, v);
}

int trop_gguf_fail(trop_gguf *g, const char *code, uint64_t at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *what = trop_vasprintf(fmt, ap);
    va_end(ap);
    g->err = TROP_GGUF_BAD;
    if (!what)
        return TRO_ENOMEM;
    int rc = trop_artifact_finding(g->a, TRO_SEVERITY_ERROR, code, (int64_t)at,
                                   "%s: %s (byte %llu)", g->a->path, what, (unsigned long long)at);
    free(what);
    return rc;
}

const char *trop_gguf_show(const char *s, size_t n, char *out, size_t max)
{
    size_t k = n < max ? n : max;
    for (size_t i = 0; i < k; i++)
        out[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
    out[k] = '\0';
    return out;
}

int trop_gguf_pool_add(trop_gguf_pool *p, const char *s, size_t n, size_t *index)
{
    if (p->n == p->ncap) {
        size_t cap = p->ncap ? p->ncap * 2 : 64;
        size_t *o = realloc(p->offs, cap * sizeof *o);
        if (!o)
            return TRO_ENOMEM;
        p->offs = o;
        p->ncap = cap;
    }
    if (p->cap - p->len < n + 1) {
        size_t cap = p->cap ? p->cap : 1024;
        while (cap - p->len < n + 1)
            cap *= 2;
        char *d = realloc(p->data, cap);
        if (!d)
            return TRO_ENOMEM;
        p->data = d;
        p->cap = cap;
    }
    memcpy(p->data + p->len, s, n);
    p->data[p->len + n] = '\0';
    p->offs[p->n] = p->len;
    p->len += n + 1;
    if (index)
        *index = p->n;
    p->n++;
    return TRO_OK;
}


int trop_gguf_pool_dups(trop_gguf *g, trop_gguf_pool *p, const char *code, const char *what)
{
    if (p->n < 2)
        return TRO_OK;
    const char **v = malloc(p->n * sizeof *v);
    if (!v)
        return TRO_ENOMEM;
    for (size_t i = 0; i < p->n; i++)
        v[i] = p->data + p->offs[i];
    qsort(v, p->n, sizeof *v, trop_cmp_str);
    int rc = TRO_OK;
    char shown[80];
    for (size_t i = 1; i < p->n && !rc; i++)
        if (strcmp(v[i - 1], v[i]) == 0 && (i < 2 || strcmp(v[i - 2], v[i]) != 0))
            rc = trop_json_budget_finding(g->a, &g->budget, TRO_SEVERITY_ERROR, code, -1,
                                          "%s: %s '%s' appears more than once", g->a->path, what,
                                          trop_gguf_show(v[i], strlen(v[i]), shown, 64));
    free(v);
    return rc;
}

void trop_gguf_pool_free(trop_gguf_pool *p)
{
    free(p->data);
    free(p->offs);
}

/* A string value: its length, checked against the file, then at most cap
 * bytes kept (cap 0: skipped unread). */
static int read_string(trop_gguf *g, size_t cap, json_t **out, uint64_t *len)
{
    uint64_t n;
    *out = NULL;
    if (!trop_gguf_u64(g, &n))
        return TRO_OK;
    *len = n;
    size_t keep = n < cap ? (size_t)n : cap;
    const unsigned char *p = keep ? trop_gguf_need(g, keep) : NULL;
    if (keep && !p)
        return TRO_OK;
    if (!trop_gguf_skip(g, n - keep) || !keep)
        return TRO_OK;
    if (trop_utf8_check((const char *)p, keep) < keep &&
        trop_json_budget_finding(g->a, &g->budget, TRO_SEVERITY_WARNING, "gguf-bad-utf8",
                                 (int64_t)(g->pos - n),
                                 "%s: string at byte %llu is not valid UTF-8", g->a->path,
                                 (unsigned long long)(g->pos - n)))
        return TRO_ENOMEM;
    *out = trop_json_text((const char *)p, keep, keep, NULL);
    return *out ? TRO_OK : TRO_ENOMEM;
}

static json_t *number(const trop_gguf *g, uint32_t type, const unsigned char *p)
{
    uint64_t v = decode(g, p, type_size[type]);
    switch (type) {
    case TROP_GGUF_INT8:
        return json_integer((int8_t)v);
    case TROP_GGUF_INT16:
        return json_integer((int16_t)v);
    case TROP_GGUF_INT32:
        return json_integer((int32_t)v);
    case TROP_GGUF_INT64:
        return json_integer((json_int_t)(int64_t)v);
    case TROP_GGUF_UINT64:
        return v <= INT64_MAX ? json_integer((json_int_t)v) : json_real((double)v);
    case TROP_GGUF_FLOAT32: {
        uint32_t w = (uint32_t)v;
        float f;
        memcpy(&f, &w, sizeof f);
        return isfinite(f) ? json_real(f) : json_null();
    }
    case TROP_GGUF_FLOAT64: {
        double d;
        memcpy(&d, &v, sizeof d);
        return isfinite(d) ? json_real(d) : json_null();
    }
    default: return json_integer((json_int_t)v); /* unsigned up to 32 bits */
    }
}

static int read_scalar(trop_gguf *g, uint32_t type, json_t **out)
{
    uint64_t at = g->pos;
    const unsigned char *p = trop_gguf_need(g, type_size[type]);
    *out = NULL;
    if (!p)
        return TRO_OK;
    if (type == TROP_GGUF_BOOL) {
        if (p[0] > 1)
            return trop_json_budget_finding(g->a, &g->budget, TRO_SEVERITY_ERROR, "gguf-bad-bool",
                                            (int64_t)at,
                                            "%s: bool value %u at byte %llu is not 0 or 1",
                                            g->a->path, p[0], (unsigned long long)at);
        *out = json_boolean(p[0]);
    } else {
        *out = number(g, type, p);
    }
    return *out ? TRO_OK : TRO_ENOMEM;
}

static int read_value(trop_gguf *g, uint32_t type, unsigned depth, trop_gguf_cap_mode cap,
                      json_t **out);

static json_t *array_summary(uint32_t et, uint64_t count)
{
    return json_pack("{s:s,s:s,s:I}", "type", "array", "element_type", type_name[et], "count",
                     (json_int_t)count);
}

/* Elements: kept in a JSON array when cap is FULL and they are few scalars
 * or strings, else read past (fixed-size ones in one skip). */
static int read_elements(trop_gguf *g, uint32_t et, uint64_t count, unsigned depth,
                         trop_gguf_cap_mode cap, json_t **out)
{
    bool keep = cap == TROP_GGUF_CAP_FULL && et != TROP_GGUF_ARRAY && count <= GG_ARRAY_KEEP;
    *out = keep ? json_array() : array_summary(et, count);
    if (!*out)
        return TRO_ENOMEM;
    if (!keep && et != TROP_GGUF_STRING && et != TROP_GGUF_ARRAY && et != TROP_GGUF_BOOL) {
        trop_gguf_skip(g, count * type_size[et]); /* count was bounded by the caller */
        return TRO_OK;
    }
    for (uint64_t i = 0; i < count && !g->err; i++) {
        json_t *v = NULL;
        int rc = read_value(g, et, depth + 1, keep ? TROP_GGUF_CAP_FULL : TROP_GGUF_CAP_NONE, &v);
        if (!rc && keep && v)
            rc = trop_json_push(*out, v);
        else
            json_decref(v);
        if (rc)
            return rc;
    }
    return TRO_OK;
}

static int read_array(trop_gguf *g, unsigned depth, trop_gguf_cap_mode cap, json_t **out)
{
    uint64_t at = g->pos, count;
    uint32_t et;
    if (!trop_gguf_u32(g, &et) || !trop_gguf_u64(g, &count))
        return TRO_OK;
    if (et >= TROP_GGUF_NTYPES)
        return trop_gguf_fail(g, "gguf-bad-type", at, "array element type %u is not a GGUF type", et);
    uint64_t left = g->src->size - g->pos;
    if (count > left / type_size[et])
        return trop_gguf_fail(g, "gguf-count-too-large", at,
                              "array of %llu %s values cannot fit in the %llu bytes left",
                              (unsigned long long)count, type_name[et], (unsigned long long)left);
    if (et == TROP_GGUF_ARRAY) {
        if (depth + 1 >= g->ctx->limits.max_depth)
            return trop_gguf_fail(g, "gguf-too-deep", at, "arrays nested deeper than %u levels",
                                  g->ctx->limits.max_depth);
        if (!g->nested_seen) {
            g->nested_seen = true;
            int rc = trop_artifact_finding(g->a, TRO_SEVERITY_WARNING, "gguf-nested-array",
                                           (int64_t)at, "%s: array of arrays at byte %llu: the "
                                           "format allows it but ggml refuses such files",
                                           g->a->path, (unsigned long long)at);
            if (rc)
                return rc;
        }
    }
    return read_elements(g, et, count, depth, cap, out);
}

static int read_value(trop_gguf *g, uint32_t type, unsigned depth, trop_gguf_cap_mode cap,
                      json_t **out)
{
    *out = NULL;
    if (type == TROP_GGUF_ARRAY)
        return read_array(g, depth, cap, out);
    if (type != TROP_GGUF_STRING)
        return cap == TROP_GGUF_CAP_NONE && type != TROP_GGUF_BOOL
                   ? (trop_gguf_skip(g, type_size[type]), TRO_OK)
                   : read_scalar(g, type, out);
    uint64_t len = 0;
    size_t keep = cap == TROP_GGUF_CAP_FULL    ? GG_STR_FULL
                  : cap == TROP_GGUF_CAP_BRIEF ? GG_STR_BRIEF
                                               : 0;
    int rc = read_string(g, keep, out, &len);
    if (rc || g->err || cap != TROP_GGUF_CAP_BRIEF || len <= GG_STR_BRIEF)
        return rc;
    json_decref(*out);
    *out = json_pack("{s:s,s:I}", "type", "string", "length", (json_int_t)len);
    return *out ? TRO_OK : TRO_ENOMEM;
}

static int read_key(trop_gguf *g, char *key, size_t *klen)
{
    uint64_t at = g->pos, n;
    if (!trop_gguf_u64(g, &n))
        return TRO_OK;
    if (n > GG_KEY_MAX)
        return trop_gguf_fail(g, "gguf-bad-key", at, "key length %llu is over %d",
                              (unsigned long long)n, GG_KEY_MAX);
    const unsigned char *p = n ? trop_gguf_need(g, (size_t)n) : (const unsigned char *)"";
    if (!p)
        return TRO_OK;
    memcpy(key, p, (size_t)n);
    key[n] = '\0';
    *klen = (size_t)n;
    if (n == 0)
        return trop_json_budget_finding(g->a, &g->budget, TRO_SEVERITY_ERROR, "gguf-bad-key",
                                        (int64_t)at, "%s: empty key at byte %llu", g->a->path,
                                        (unsigned long long)at);
    if (memchr(key, 0, (size_t)n) || trop_utf8_check((const char *)p, (size_t)n) < n)
        return trop_json_budget_finding(g->a, &g->budget, TRO_SEVERITY_ERROR, "gguf-bad-key",
                                        (int64_t)at,
                                        "%s: key at byte %llu is not a NUL-free UTF-8 string",
                                        g->a->path, (unsigned long long)at);
    return TRO_OK;
}

static int read_kv(trop_gguf *g, char *key)
{
    uint64_t at = g->pos;
    size_t klen = 0;
    uint32_t type;
    int rc = read_key(g, key, &klen);
    if (rc || g->err || !trop_gguf_u32(g, &type))
        return rc;
    if (type >= TROP_GGUF_NTYPES)
        return trop_gguf_fail(g, "gguf-bad-type", g->pos - 4, "value type %u of key '%s' is not "
                              "a GGUF type", type, trop_gguf_show(key, klen, (char[80]){0}, 64));
    bool usable = klen && !memchr(key, 0, klen) && trop_utf8_check(key, klen) == klen;
    json_t *v = NULL;
    rc = read_value(g, type, 0, usable ? trop_gguf_cap(key) : TROP_GGUF_CAP_NONE, &v);
    if (!rc && !g->err && klen)
        rc = trop_gguf_pool_add(&g->keys, key, klen, NULL);
    if (!rc && !g->err && usable)
        return trop_gguf_store(g, key, type, v, at);
    json_decref(v);
    return rc;
}

static int read_header(trop_gguf *g)
{
    const unsigned char *m = trop_gguf_need(g, 4);
    if (!m)
        return TRO_OK;
    if (memcmp(m, "GGUF", 4) != 0)
        return trop_gguf_fail(g, "gguf-bad-magic", 0, "the file does not start with 'GGUF'");
    uint32_t version;
    if (!trop_gguf_u32(g, &version))
        return TRO_OK;
    uint32_t swapped = __builtin_bswap32(version);
    if ((version & 0xFFFF) == 0 && swapped >= 1 && swapped <= 3) {
        /* a huge version read little-endian is a small one written big-endian */
        g->be = true;
        version = swapped;
        int rc = trop_artifact_finding(g->a, TRO_SEVERITY_INFO, "gguf-big-endian", 4,
                                       "%s: big-endian GGUF file (version at byte 4)", g->a->path);
        if (rc)
            return rc;
    }
    if (version < 2 || version > 3)
        return trop_gguf_fail(g, "gguf-version-unsupported", 4,
                              version == 1 ? "GGUF version 1 (32-bit counts) is no longer "
                                             "supported; convert the file to version 3"
                                           : "GGUF version %u is not supported (2 and 3 are)",
                              version);
    if (!trop_gguf_u64(g, &g->tensor_count) || !trop_gguf_u64(g, &g->kv_count))
        return TRO_OK;
    int rc = trop_json_put(g->a->meta, "version", json_integer(version));
    if (!rc)
        rc = trop_json_put(g->a->meta, "endianness", json_string(g->be ? "big" : "little"));
    if (!rc)
        rc = trop_json_put(g->a->meta, "tensor_count", json_integer((json_int_t)(g->tensor_count & INT64_MAX)));
    if (!rc)
        rc = trop_json_put(g->a->meta, "kv_count", json_integer((json_int_t)(g->kv_count & INT64_MAX)));
    return rc;
}

/* The smallest key/value is 13 bytes, the smallest tensor info 24: counts
 * that could not fit in the file are refused before any loop. */
static int check_counts(trop_gguf *g)
{
    uint64_t left = g->src->size - g->pos, kv_min, t_min, need;
    if (!trop_mul_u64(g->kv_count, 13, &kv_min) || !trop_mul_u64(g->tensor_count, 24, &t_min) ||
        !trop_add_u64(kv_min, t_min, &need) || need > left)
        return trop_gguf_fail(g, "gguf-count-too-large", 8,
                              "%llu tensors and %llu keys cannot fit in the %llu bytes left",
                              (unsigned long long)g->tensor_count,
                              (unsigned long long)g->kv_count, (unsigned long long)left);
    if (g->tensor_count > g->ctx->limits.max_entries)
        return trop_gguf_fail(g, "gguf-count-too-large", 8, "%llu tensors is over the limit of %llu",
                              (unsigned long long)g->tensor_count,
                              (unsigned long long)g->ctx->limits.max_entries);
    return TRO_OK;
}

/* Turns a stop that is not a reported structural error into a finding. */
static int report_stop(trop_gguf *g)
{
    tro_artifact *a = g->a;
    unsigned long long at = (unsigned long long)g->pos;
    switch (g->err) {
    case TROP_GGUF_TRUNC:
        return trop_artifact_finding(a, TRO_SEVERITY_ERROR, "gguf-truncated", (int64_t)at,
                                     "%s: the file ends inside the header (after byte %llu)",
                                     a->path, at);
    case TROP_GGUF_LIMIT:
        return trop_artifact_finding(a, TRO_SEVERITY_ERROR, "gguf-header-too-large", (int64_t)at,
                                     "%s: the header goes on past %llu bytes, the limit", a->path,
                                     (unsigned long long)g->limit);
    case TROP_GGUF_UNAVAIL:
        return trop_artifact_finding(a, TRO_SEVERITY_INFO, "gguf-header-unavailable", (int64_t)at,
                                     "%s: header not available past byte %llu: only a prefix of "
                                     "this streamed archive entry was kept", a->path, at);
    case TROP_GGUF_IO:
        return TRO_EIO;
    case TROP_GGUF_NOMEM:
        return TRO_ENOMEM;
    default: return TRO_OK;
    }
}

static int parse(trop_gguf *g)
{
    int rc = read_header(g);
    if (!rc && !g->err)
        rc = check_counts(g);
    char *key = rc || g->err ? NULL : malloc(GG_KEY_MAX + 1);
    if (!rc && !g->err && !key)
        rc = TRO_ENOMEM;
    for (uint64_t i = 0; !rc && !g->err && i < g->kv_count; i++)
        rc = read_kv(g, key);
    free(key);
    if (!rc && !g->err)
        rc = trop_gguf_pool_dups(g, &g->keys, "gguf-duplicate-key", "key");
    if (!rc && !g->err)
        rc = trop_gguf_tensors(g);
    if (!rc)
        rc = report_stop(g);
    if (!rc && json_object_get(g->a->meta, "version"))
        rc = trop_gguf_finish_meta(g);
    if (!rc)
        rc = trop_json_put(g->a->meta, "complete", json_boolean(!g->err));
    if (!rc)
        rc = trop_json_budget_flush(g->a, &g->budget, "gguf");
    return rc;
}

int trop_read_gguf(const tro_ctx *ctx, const trop_src *src, tro_artifact *a)
{
    trop_gguf g = {.ctx = ctx,
                   .src = src,
                   .a = a,
                   .budget = TROP_JSON_BUDGET_INIT(32),
                   .alignment = 32,
                   .bm_max = -1,
                   .ds_max = -1};
    g.limit = ctx->limits.max_header_bytes;
    if (trop_src_random(src) && !(g.buf = malloc(GG_WINDOW)))
        return TRO_ENOMEM;
    int rc = parse(&g);
    free(g.buf);
    trop_gguf_pool_free(&g.keys);
    trop_gguf_pool_free(&g.names);
    free(g.t);
    json_decref(g.general);
    json_decref(g.kv);
    json_decref(g.bm);
    json_decref(g.ds);
    json_decref(g.ds_names);
    return rc;
}

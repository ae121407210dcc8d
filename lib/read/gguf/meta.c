/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Where GGUF metadata goes in meta: the general.* keys that say what the
 * model is, who made it, under which license and from which base models and
 * datasets, kept whole (strings up to 16 KiB, arrays up to 1024 elements);
 * everything else summarised (tokenizer vocabularies are arrays of 100k+
 * strings: only their type and count are kept).
 * Finding: gguf-bad-alignment (error; the default 32 is then used).
 */
#include "gguf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KV_KEEP 256      /* non-general keys kept in meta["kv"] */
#define INDEX_MAX 1024   /* general.base_model.N / dataset.N indexes kept */

trop_gguf_cap_mode trop_gguf_cap(const char *key)
{
    return strncmp(key, "general.", 8) == 0 ? TROP_GGUF_CAP_FULL : TROP_GGUF_CAP_BRIEF;
}

static int lazy(json_t **obj)
{
    if (!*obj)
        *obj = json_object();
    return *obj ? TRO_OK : TRO_ENOMEM;
}

/* rest = "<prefix><N>.<field>" with N a decimal index: sets n and field. */
static bool indexed(const char *rest, const char *prefix, long *n, const char **field)
{
    size_t k = strlen(prefix);
    if (strncmp(rest, prefix, k) != 0)
        return false;
    const char *p = rest + k;
    long v = 0;
    int digits = 0;
    while (*p >= '0' && *p <= '9' && digits < 5) {
        v = v * 10 + (*p++ - '0');
        digits++;
    }
    if (!digits || *p != '.' || !p[1] || v >= INDEX_MAX)
        return false;
    *n = v;
    *field = p + 1;
    return true;
}

static int put_indexed(json_t **coll, long *max, long n, const char *field, json_t *v)
{
    char idx[24];
    snprintf(idx, sizeof idx, "%ld", n);
    if (lazy(coll)) {
        json_decref(v);
        return TRO_ENOMEM;
    }
    json_t *e = json_object_get(*coll, idx);
    if (!e) {
        int rc = trop_json_put(*coll, idx, e = json_object());
        if (rc) {
            json_decref(v);
            return rc;
        }
    }
    if (n > *max)
        *max = n;
    return trop_json_put(e, field, v);
}

static int set_alignment(trop_gguf *g, uint32_t type, json_t *v, uint64_t at)
{
    json_int_t x = json_is_integer(v) ? json_integer_value(v) : 0;
    json_decref(v);
    if (type != TROP_GGUF_UINT32)
        return trop_artifact_finding(g->a, TRO_SEVERITY_ERROR, "gguf-bad-alignment", (int64_t)at,
                                     "%s: general.alignment (byte %llu) has value type %u, not "
                                     "uint32; using 32", g->a->path, (unsigned long long)at, type);
    if (x <= 0 || (x & (x - 1)))
        return trop_artifact_finding(g->a, TRO_SEVERITY_ERROR, "gguf-bad-alignment", (int64_t)at,
                                     "%s: general.alignment %lld (byte %llu) is not a power of "
                                     "two; using 32", g->a->path, (long long)x,
                                     (unsigned long long)at);
    g->alignment = (uint32_t)x;
    return TRO_OK;
}

/* general.datasets as a plain list of names. */
static int add_dataset_names(trop_gguf *g, json_t *v)
{
    int rc = TRO_OK;
    if (!g->ds_names && !(g->ds_names = json_array()))
        rc = TRO_ENOMEM;
    size_t i;
    json_t *s;
    json_array_foreach(v, i, s) {
        if (!rc && json_is_string(s))
            rc = trop_json_push(g->ds_names, json_pack("{s:O}", "name", s));
    }
    json_decref(v);
    return rc;
}

static int store_general(trop_gguf *g, const char *rest, json_t *v)
{
    long n;
    const char *field;
    if (!strcmp(rest, "architecture") || !strcmp(rest, "file_type") ||
        !strcmp(rest, "quantization_version"))
        return trop_json_put(g->a->meta, rest, v);
    if (indexed(rest, "base_model.", &n, &field))
        return put_indexed(&g->bm, &g->bm_max, n, field, v);
    if (indexed(rest, "dataset.", &n, &field) || indexed(rest, "datasets.", &n, &field))
        return put_indexed(&g->ds, &g->ds_max, n, field, v);
    if (!strcmp(rest, "datasets") && json_is_array(v))
        return add_dataset_names(g, v);
    if (lazy(&g->general)) {
        json_decref(v);
        return TRO_ENOMEM;
    }
    return trop_json_put(g->general, rest, v);
}

int trop_gguf_store(trop_gguf *g, const char *key, uint32_t type, json_t *value, uint64_t at)
{
    if (!strcmp(key, "general.alignment"))
        return set_alignment(g, type, value, at);
    if (!value)
        return TRO_OK;
    if (strncmp(key, "general.", 8) == 0)
        return store_general(g, key + 8, value);
    if (lazy(&g->kv)) {
        json_decref(value);
        return TRO_ENOMEM;
    }
    if (json_object_size(g->kv) >= KV_KEEP && !json_object_get(g->kv, key)) {
        g->kv_dropped++;
        json_decref(value);
        return TRO_OK;
    }
    return trop_json_put(g->kv, key, value);
}

/* Indexed entries in index order (gaps skipped). */
static int ordered(json_t *coll, long max, json_t *arr)
{
    char idx[24];
    int rc = TRO_OK;
    for (long n = 0; coll && n <= max && !rc; n++) {
        snprintf(idx, sizeof idx, "%ld", n);
        json_t *e = json_object_get(coll, idx);
        if (e)
            rc = trop_json_push(arr, json_incref(e));
    }
    return rc;
}

int trop_gguf_finish_meta(trop_gguf *g)
{
    json_t *m = g->a->meta;
    int rc = trop_json_put(m, "alignment", json_integer(g->alignment));
    if (!rc && g->general)
        rc = trop_json_put(m, "general", json_incref(g->general));
    if (!rc && g->bm) {
        json_t *arr = json_array();
        rc = arr ? ordered(g->bm, g->bm_max, arr) : TRO_ENOMEM;
        rc = rc ? (json_decref(arr), rc) : trop_json_put(m, "base_models", arr);
    }
    if (!rc && (g->ds || g->ds_names)) {
        json_t *arr = json_array();
        rc = arr ? ordered(g->ds, g->ds_max, arr) : TRO_ENOMEM;
        if (!rc && g->ds_names)
            rc = json_array_extend(arr, g->ds_names) ? TRO_ENOMEM : TRO_OK;
        rc = rc ? (json_decref(arr), rc) : trop_json_put(m, "datasets", arr);
    }
    if (!rc && g->kv)
        rc = trop_json_put(m, "kv", json_incref(g->kv));
    if (!rc && g->kv_dropped)
        rc = trop_json_put(m, "kv_dropped", json_integer((json_int_t)g->kv_dropped));
    return rc;
}

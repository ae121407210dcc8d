/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * GGUF tensor infos and the layout of the tensor data they describe: names
 * under 64 bytes and unique, at most 4 dimensions, a known ggml type whose
 * block divides the first dimension, offsets that are multiples of the
 * alignment and follow each other as ggml lays them out (each tensor padded
 * to the alignment), and data that fits in the file.
 *
 * Findings (errors): gguf-bad-tensor-name, gguf-duplicate-tensor,
 * gguf-bad-tensor-dims, gguf-tensor-overflow, gguf-bad-tensor-type,
 * gguf-tensor-shape, gguf-tensor-misaligned, gguf-tensor-offset,
 * gguf-tensor-out-of-bounds.
 */
#include "gguf.h"

#include <stdlib.h>
#include <string.h>

#define GG_NAME_MAX 64 /* ggml's GGML_MAX_NAME: names are shorter */
#define GG_MAX_DIMS 4

/* ggml tensor types: elements per block and bytes per block. Ids 4, 5,
 * 31-33 and 36-38 were removed from ggml and are refused, as ggml does. */
static const struct {
    const char *name;
    uint16_t blck, size;
} ggml_types[] = {
    [0] = {"F32", 1, 4},         [1] = {"F16", 1, 2},          [2] = {"Q4_0", 32, 18},
    [3] = {"Q4_1", 32, 20},      [6] = {"Q5_0", 32, 22},       [7] = {"Q5_1", 32, 24},
    [8] = {"Q8_0", 32, 34},      [9] = {"Q8_1", 32, 40},       [10] = {"Q2_K", 256, 84},
    [11] = {"Q3_K", 256, 110},   [12] = {"Q4_K", 256, 144},    [13] = {"Q5_K", 256, 176},
    [14] = {"Q6_K", 256, 210},   [15] = {"Q8_K", 256, 292},    [16] = {"IQ2_XXS", 256, 66},
    [17] = {"IQ2_XS", 256, 74},  [18] = {"IQ3_XXS", 256, 98},  [19] = {"IQ1_S", 256, 50},
    [20] = {"IQ4_NL", 32, 18},   [21] = {"IQ3_S", 256, 110},   [22] = {"IQ2_S", 256, 82},
    [23] = {"IQ4_XS", 256, 136}, [24] = {"I8", 1, 1},          [25] = {"I16", 1, 2},
    [26] = {"I32", 1, 4},        [27] = {"I64", 1, 8},         [28] = {"F64", 1, 8},
    [29] = {"IQ1_M", 256, 56},   [30] = {"BF16", 1, 2},        [34] = {"TQ1_0", 256, 54},
    [35] = {"TQ2_0", 256, 66},   [39] = {"MXFP4", 32, 17},
};
#define GG_NTENSOR_TYPES (sizeof ggml_types / sizeof *ggml_types)

static int tfind(trop_gguf *g, const char *code, uint64_t at, const char *fmt, ...)
    TROP_PRINTF(4, 5);
static int tfind(trop_gguf *g, const char *code, uint64_t at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *what = trop_vasprintf(fmt, ap);
    va_end(ap);
    if (!what)
        return TRO_ENOMEM;
    int rc = trop_json_budget_finding(g->a, &g->budget, TRO_SEVERITY_ERROR, code, (int64_t)at,
                                      "%s: tensor info at byte %llu: %s", g->a->path,
                                      (unsigned long long)at, what);
    free(what);
    return rc;
}

static int push_tensor(trop_gguf *g, const trop_gguf_tensor *t)
{
    if (g->nt == g->tcap) {
        size_t cap = g->tcap ? g->tcap * 2 : 64;
        trop_gguf_tensor *v = realloc(g->t, cap * sizeof *v);
        if (!v)
            return TRO_ENOMEM;
        g->t = v;
        g->tcap = cap;
    }
    g->t[g->nt++] = *t;
    return TRO_OK;
}

static int read_name(trop_gguf *g, trop_gguf_tensor *t)
{
    uint64_t n;
    t->name = SIZE_MAX;
    if (!trop_gguf_u64(g, &n))
        return TRO_OK;
    if (n >= GG_NAME_MAX) {
        trop_gguf_skip(g, n);
        return tfind(g, "gguf-bad-tensor-name", t->at, "name of %llu bytes (at most %d allowed)",
                     (unsigned long long)n, GG_NAME_MAX - 1);
    }
    const unsigned char *p = trop_gguf_need(g, (size_t)n);
    if (!p)
        return TRO_OK;
    return trop_gguf_pool_add(&g->names, (const char *)p, (size_t)n, &t->name);
}

/* Dimensions: elements must fit in int64, as ggml counts them. */
static int read_dims(trop_gguf *g, trop_gguf_tensor *t)
{
    uint32_t nd;
    if (!trop_gguf_u32(g, &nd))
        return TRO_OK;
    if (nd > GG_MAX_DIMS)
        return trop_gguf_fail(g, "gguf-bad-tensor-dims", t->at, "%u dimensions (at most %d)", nd,
                              GG_MAX_DIMS);
    t->ne = 1;
    t->ne0 = 1;
    bool overflow = false;
    for (uint32_t d = 0; d < nd; d++) {
        uint64_t v;
        if (!trop_gguf_u64(g, &v))
            return TRO_OK;
        if (d == 0)
            t->ne0 = v;
        if (!trop_mul_u64(t->ne, v, &t->ne) || t->ne > INT64_MAX)
            overflow = true;
    }
    if (!overflow)
        return TRO_OK;
    t->ne = UINT64_MAX;
    return tfind(g, "gguf-tensor-overflow", t->at, "its element count overflows 63 bits");
}

static int read_info(trop_gguf *g)
{
    trop_gguf_tensor t = {.at = g->pos};
    int rc = read_name(g, &t);
    if (!rc && !g->err)
        rc = read_dims(g, &t);
    if (rc || g->err || !trop_gguf_u32(g, &t.type) || !trop_gguf_u64(g, &t.offset))
        return rc;
    return push_tensor(g, &t);
}

static bool known_type(uint32_t type)
{
    return type < GG_NTENSOR_TYPES && ggml_types[type].blck;
}

typedef struct layout {
    uint64_t data, expect, params, bytes;
    bool params_ok, bytes_ok;
    json_t *types;
} layout;

static int count_type(layout *l, const char *name)
{
    json_t *c = json_object_get(l->types, name);
    return trop_json_put(l->types, name, json_integer((c ? json_integer_value(c) : 0) + 1));
}

/* One tensor's place in the data: size from type and shape, offset as
 * ggml expects it, end within the file. */
static int check_place(trop_gguf *g, layout *l, const trop_gguf_tensor *t)
{
    uint32_t blck = ggml_types[t->type].blck, tsize = ggml_types[t->type].size;
    if (t->ne0 % blck)
        return tfind(g, "gguf-tensor-shape", t->at, "first dimension %llu is not a multiple of "
                     "the %s block size %u", (unsigned long long)t->ne0,
                     ggml_types[t->type].name, blck);
    uint64_t nbytes = t->ne / blck * tsize, pad = nbytes, end;
    uint64_t a = g->alignment;
    int rc = TRO_OK;
    if (t->offset % a)
        rc = tfind(g, "gguf-tensor-misaligned", t->at, "data offset %llu is not a multiple of "
                   "the alignment %llu", (unsigned long long)t->offset, (unsigned long long)a);
    else if (t->offset != l->expect)
        rc = tfind(g, "gguf-tensor-offset", t->at, "data offset %llu, expected %llu after the "
                   "previous tensor", (unsigned long long)t->offset,
                   (unsigned long long)l->expect);
    if (rc)
        return rc;
    if (!trop_add_u64(l->data, t->offset, &end) || !trop_add_u64(end, nbytes, &end) ||
        end > g->src->size)
        return tfind(g, "gguf-tensor-out-of-bounds", t->at, "its %llu data bytes at offset %llu "
                     "go past the end of the file", (unsigned long long)nbytes,
                     (unsigned long long)t->offset);
    if (!trop_add_u64(l->bytes, nbytes, &l->bytes))
        l->bytes_ok = false;
    if (pad % a)
        pad += a - pad % a;
    if (!trop_add_u64(t->offset, pad, &l->expect))
        l->expect = UINT64_MAX;
    return TRO_OK;
}

static int check_layout(trop_gguf *g, layout *l)
{
    int rc = TRO_OK;
    for (size_t i = 0; i < g->nt && !rc; i++) {
        const trop_gguf_tensor *t = &g->t[i];
        if (!known_type(t->type)) {
            l->bytes_ok = false;
            rc = tfind(g, "gguf-bad-tensor-type", t->at, "ggml type %u is not a known tensor "
                       "type", t->type);
            continue;
        }
        if ((rc = count_type(l, ggml_types[t->type].name)))
            break;
        if (t->ne == UINT64_MAX) {
            l->params_ok = l->bytes_ok = false;
            continue;
        }
        if (!trop_add_u64(l->params, t->ne, &l->params))
            l->params_ok = false;
        rc = check_place(g, l, t);
    }
    return rc;
}

static int put_layout(trop_gguf *g, layout *l)
{
    json_t *m = g->a->meta;
    int rc = TRO_OK;
    if (l->data <= INT64_MAX)
        rc = trop_json_put(m, "data_offset", json_integer((json_int_t)l->data));
    if (!rc)
        rc = trop_json_put(m, "tensor_types", json_incref(l->types));
    if (!rc && l->params_ok && l->params <= INT64_MAX)
        rc = trop_json_put(m, "parameter_count", json_integer((json_int_t)l->params));
    if (!rc && l->bytes_ok && l->bytes <= INT64_MAX)
        rc = trop_json_put(m, "tensor_bytes", json_integer((json_int_t)l->bytes));
    return rc;
}

int trop_gguf_tensors(trop_gguf *g)
{
    int rc = TRO_OK;
    for (uint64_t i = 0; !rc && !g->err && i < g->tensor_count; i++)
        rc = read_info(g);
    if (rc || g->err)
        return rc;
    if ((rc = trop_gguf_pool_dups(g, &g->names, "gguf-duplicate-tensor", "tensor name")))
        return rc;
    layout l = {.params_ok = true, .bytes_ok = true, .types = json_object()};
    if (!l.types)
        return TRO_ENOMEM;
    uint64_t a = g->alignment, rem = g->pos % a;
    l.data = g->pos + (rem ? a - rem : 0); /* pos is bounded by the file size */
    rc = check_layout(g, &l);
    if (!rc)
        rc = put_layout(g, &l);
    json_decref(l.types);
    return rc;
}

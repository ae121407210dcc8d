/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * safetensors weights: only the header is read (8-byte little-endian length
 * N, then N bytes of JSON), never the tensor data, so a 4 GiB file costs one
 * small read. The checks follow the reference implementation's loader: the
 * tensors, sorted by offset, must tile the data area exactly, each one as
 * long as its shape and dtype say, with nothing after the last one.
 *
 * meta:
 *   header_bytes     N
 *   tensor_count     tensors declared (keys other than __metadata__)
 *   parameter_count  sum over tensors of the product of the shape
 *   tensor_bytes     sum over tensors of end - begin
 *   dtypes           {"BF16": 290, "F32": 1}: tensors per known dtype
 *   metadata         the __metadata__ map, string -> string (values longer
 *                    than 4096 bytes are cut; their keys are in metadata_cut)
 * The tensor names (for the shard-index cross-check) are kept in a->aux as
 * a trop_shard_tensor_list, not in meta.
 *
 * Findings (all errors unless said): safetensors-too-small,
 * -header-too-large, -bad-header-length, -header-unavailable (info: archive
 * entry streamed past its kept prefix), -bad-utf8, -bad-json, -too-deep,
 * -duplicate-key, -not-object, -bad-tensor, -unknown-dtype, -bad-shape,
 * -bad-offsets, -overflow, -misaligned, -size-mismatch, -offset-gap,
 * -offset-overlap, -truncated, -trailing-bytes, -bad-metadata,
 * -more-findings (info).
 */
#include "../json/json.h"
#include "../readers.h"
#include "shards.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ST_MAX_HEADER 100000000ull /* the reference loader's bound */
#define ST_MAX_META_VALUE 4096

static const struct {
    const char *name;
    unsigned bits;
} dtypes[] = {
    {"BOOL", 8},     {"U8", 8},           {"I8", 8},           {"F8_E5M2", 8},
    {"F8_E4M3", 8},  {"F8_E8M0", 8},      {"F8_E4M3FNUZ", 8},  {"F8_E5M2FNUZ", 8},
    {"I16", 16},     {"U16", 16},         {"F16", 16},         {"BF16", 16},
    {"I32", 32},     {"U32", 32},         {"F32", 32},         {"F64", 64},
    {"C64", 64},     {"I64", 64},         {"U64", 64},         {"F4", 4},
    {"F6_E2M3", 6},  {"F6_E3M2", 6},
};

static unsigned dtype_bits(const char *name)
{
    for (size_t i = 0; i < sizeof dtypes / sizeof *dtypes; i++)
        if (strcmp(dtypes[i].name, name) == 0)
            return dtypes[i].bits;
    return 0;
}

typedef struct tinfo {
    const char *name;
    uint64_t begin, end;
} tinfo;

typedef struct st {
    tro_artifact *a;
    uint64_t size;          /* file size */
    uint64_t n;             /* header length */
    const char *hdr;
    trop_json_budget budget;
    bool valid;
    uint64_t params, bytes;
    bool params_ok, bytes_ok;
    json_t *dtypes;
    tinfo *t;
    size_t nt;
} st;

/* An error about tensor `name`, pointing at its key in the header. */
static int bad(st *s, const char *code, const char *name, const char *fmt, ...) TROP_PRINTF(4, 5);
static int bad(st *s, const char *code, const char *name, const char *fmt, ...)
{
    s->valid = false;
    if (!s->budget.left) {
        /* counted, not located: locating is a scan of the header */
        s->budget.dropped++;
        return TRO_OK;
    }
    int64_t k = trop_json_key_offset(s->hdr, (size_t)s->n, name);
    int64_t off = 8 + (k < 0 ? 0 : k);
    va_list ap;
    va_start(ap, fmt);
    char *what = trop_vasprintf(fmt, ap);
    va_end(ap);
    if (!what)
        return TRO_ENOMEM;
    int rc = trop_json_budget_finding(s->a, &s->budget, TRO_SEVERITY_ERROR, code, off,
                                      "%s: tensor '%s' (header byte %lld): %s", s->a->path, name,
                                      (long long)off, what);
    free(what);
    return rc;
}

static int count_dtype(st *s, const char *dtype)
{
    json_t *c = json_object_get(s->dtypes, dtype);
    json_int_t v = c ? json_integer_value(c) : 0;
    return trop_json_put(s->dtypes, dtype, json_integer(v + 1));
}

/* shape: non-negative integers; *nelem their product. 1 when bad. */
static int check_shape(st *s, const char *name, const json_t *shape, uint64_t *nelem)
{
    if (!json_is_array(shape))
        return bad(s, "safetensors-bad-shape", name, "shape is not an array") ? -1 : 1;
    uint64_t prod = 1;
    for (size_t i = 0; i < json_array_size(shape); i++) {
        uint64_t d;
        if (!trop_json_uint(json_array_get(shape, i), &d))
            return bad(s, "safetensors-bad-shape", name,
                       "shape[%zu] is not a non-negative integer", i) ? -1 : 1;
        if (!trop_mul_u64(prod, d, &prod))
            return bad(s, "safetensors-overflow", name, "the element count overflows 64 bits")
                       ? -1 : 1;
    }
    *nelem = prod;
    return 0;
}

static int check_offsets(st *s, const char *name, const json_t *offs, uint64_t *b, uint64_t *e)
{
    if (!json_is_array(offs) || json_array_size(offs) != 2 ||
        !trop_json_uint(json_array_get(offs, 0), b) || !trop_json_uint(json_array_get(offs, 1), e))
        return bad(s, "safetensors-bad-offsets", name,
                   "data_offsets is not [begin, end] with non-negative integers") ? -1 : 1;
    if (*e < *b)
        return bad(s, "safetensors-bad-offsets", name, "data_offsets end %llu is before begin %llu",
                   (unsigned long long)*e, (unsigned long long)*b) ? -1 : 1;
    return 0;
}

/* Sizes agree: elements * bits, whole bytes, equal to end - begin. */
static int check_size(st *s, const char *name, uint64_t nelem, unsigned bits, uint64_t b, uint64_t e)
{
    uint64_t nbits;
    if (!trop_mul_u64(nelem, bits, &nbits))
        return bad(s, "safetensors-overflow", name, "the size in bits overflows 64 bits");
    if (nbits % 8)
        return bad(s, "safetensors-misaligned", name,
                   "%llu elements of %u bits do not fill whole bytes", (unsigned long long)nelem, bits);
    if (nbits / 8 != e - b)
        return bad(s, "safetensors-size-mismatch", name,
                   "shape and dtype give %llu bytes but data_offsets span %llu",
                   (unsigned long long)(nbits / 8), (unsigned long long)(e - b));
    return TRO_OK;
}

static int check_tensor(st *s, const char *name, const json_t *v)
{
    if (!json_is_object(v))
        return bad(s, "safetensors-bad-tensor", name, "the entry is not an object");
    const char *dtype = trop_json_get_str(v, "dtype");
    unsigned bits = dtype ? dtype_bits(dtype) : 0;
    int rc = TRO_OK;
    if (!dtype)
        rc = bad(s, "safetensors-bad-tensor", name, "dtype is missing or not a string");
    else if (!bits)
        rc = bad(s, "safetensors-unknown-dtype", name, "unknown dtype '%.32s'", dtype);
    else
        rc = count_dtype(s, dtype);
    if (rc)
        return rc;
    uint64_t nelem = 0, b = 0, e = 0;
    int shape_rc = check_shape(s, name, json_object_get(v, "shape"), &nelem);
    int offs_rc = check_offsets(s, name, json_object_get(v, "data_offsets"), &b, &e);
    if (shape_rc < 0 || offs_rc < 0)
        return TRO_ENOMEM;
    if (shape_rc == 0 && !trop_add_u64(s->params, nelem, &s->params))
        s->params_ok = false;
    if (offs_rc)
        return TRO_OK;
    if (!trop_add_u64(s->bytes, e - b, &s->bytes))
        s->bytes_ok = false;
    s->t[s->nt++] = (tinfo){name, b, e};
    if (shape_rc == 0 && bits)
        return check_size(s, name, nelem, bits, b, e);
    return TRO_OK;
}

static int cmp_tinfo(const void *pa, const void *pb)
{
    const tinfo *x = pa, *y = pb;
    if (x->begin != y->begin)
        return x->begin < y->begin ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* Sorted by offset, the tensors must cover [0, end) once, and the file
 * must end exactly there: no gap, no overlap, no hidden trailing bytes. */
static int check_tiling(st *s)
{
    if (s->nt > 1)
        qsort(s->t, s->nt, sizeof *s->t, cmp_tinfo);
    uint64_t at = 0;
    int rc = TRO_OK;
    for (size_t i = 0; i < s->nt && !rc; i++) {
        const tinfo *t = &s->t[i];
        if (t->begin > at)
            rc = bad(s, "safetensors-offset-gap", t->name,
                     "data bytes %llu..%llu before it belong to no tensor",
                     (unsigned long long)at, (unsigned long long)t->begin);
        else if (t->begin < at)
            rc = bad(s, "safetensors-offset-overlap", t->name,
                     "its data at %llu overlaps the previous tensor's (which ends at %llu)",
                     (unsigned long long)t->begin, (unsigned long long)at);
        if (t->end > at)
            at = t->end;
    }
    if (rc)
        return rc;
    uint64_t end = 8 + s->n, file_end;
    if (!trop_add_u64(end, at, &file_end) || file_end > s->size) {
        s->valid = false;
        return trop_artifact_finding(s->a, TRO_SEVERITY_ERROR, "safetensors-truncated", (int64_t)end,
                                     "%s: the tensors need %llu data bytes from byte %llu but the "
                                     "file is %llu bytes", s->a->path, (unsigned long long)at,
                                     (unsigned long long)end, (unsigned long long)s->size);
    }
    if (file_end < s->size) {
        s->valid = false;
        return trop_artifact_finding(s->a, TRO_SEVERITY_ERROR, "safetensors-trailing-bytes",
                                     (int64_t)file_end,
                                     "%s: %llu bytes after the last tensor (byte %llu) belong to no "
                                     "tensor", s->a->path,
                                     (unsigned long long)(s->size - file_end),
                                     (unsigned long long)file_end);
    }
    return TRO_OK;
}

static int read_metadata(st *s, const json_t *md, json_t *meta)
{
    int64_t k = trop_json_key_offset(s->hdr, (size_t)s->n, "__metadata__");
    int64_t off = 8 + (k < 0 ? 0 : k);
    if (!json_is_object(md)) {
        s->valid = false;
        return trop_artifact_finding(s->a, TRO_SEVERITY_ERROR, "safetensors-bad-metadata", off,
                                     "%s: __metadata__ (header byte %lld) is not an object",
                                     s->a->path, (long long)off);
    }
    json_t *out = json_object(), *cut = json_array();
    int rc = out && cut ? TRO_OK : TRO_ENOMEM;
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)md, key, v) {
        if (rc)
            break;
        if (!json_is_string(v)) {
            s->valid = false;
            rc = trop_json_budget_finding(
                s->a, &s->budget, TRO_SEVERITY_ERROR, "safetensors-bad-metadata", off,
                "%s: __metadata__ value of '%s' is not a string", s->a->path, key);
            continue;
        }
        bool was_cut;
        rc = trop_json_put(out, key, trop_json_text(json_string_value(v), json_string_length(v),
                                                    ST_MAX_META_VALUE, &was_cut));
        if (!rc && was_cut)
            rc = trop_json_push(cut, json_string(key));
    }
    if (!rc && json_array_size(cut))
        rc = trop_json_put(meta, "metadata_cut", json_incref(cut));
    json_decref(cut);
    if (!rc)
        return trop_json_put(meta, "metadata", out);
    json_decref(out);
    return rc;
}

/* Keeps the tensor names, sorted, in the artifact's facts for
 * trop_release_crosscheck(). */
static int attach_names(st *s, const json_t *root)
{
    size_t n = 0, bytes = 0;
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)root, key, v) {
        if (strcmp(key, "__metadata__") != 0) {
            n++;
            bytes += strlen(key) + 1;
        }
    }
    trop_arena *mem = &s->a->mem;
    trop_facts *f = trop_facts_get(s->a);
    trop_shard_tensor_list *l = f ? trop_arena_alloc(mem, sizeof *l) : NULL;
    if (!l || !(l->names = trop_arena_alloc(mem, (n ? n : 1) * sizeof *l->names)) ||
        !(l->pool = trop_arena_alloc(mem, bytes ? bytes : 1)))
        return TRO_ENOMEM;
    l->magic = TROP_SHARD_TENSOR_LIST_MAGIC;
    char *p = l->pool;
    json_object_foreach((json_t *)root, key, v) {
        if (strcmp(key, "__metadata__") == 0)
            continue;
        size_t k = strlen(key) + 1;
        memcpy(p, key, k);
        l->names[l->n++] = p;
        p += k;
    }
    if (l->n > 1)
        qsort(l->names, l->n, sizeof *l->names, trop_cmp_str);
    l->tensor_bytes = s->bytes;
    l->valid = s->valid && s->bytes_ok;
    f->u.safetensors.tensors = l;
    return TRO_OK;
}

static int put_summary(st *s, json_t *meta, size_t count)
{
    int rc = trop_json_put(meta, "tensor_count", json_integer((json_int_t)count));
    if (!rc && s->params_ok && s->params <= INT64_MAX)
        rc = trop_json_put(meta, "parameter_count", json_integer((json_int_t)s->params));
    if (!rc && s->bytes_ok && s->bytes <= INT64_MAX)
        rc = trop_json_put(meta, "tensor_bytes", json_integer((json_int_t)s->bytes));
    if (!rc)
        rc = trop_json_put(meta, "dtypes", json_incref(s->dtypes));
    return rc;
}

static int check_header(st *s, json_t *root)
{
    json_t *meta = s->a->meta, *v;
    const char *key;
    size_t count = json_object_size(root);
    json_t *md = json_object_get(root, "__metadata__");
    if (md)
        count--;
    s->t = malloc((count ? count : 1) * sizeof *s->t);
    s->dtypes = json_object();
    if (!s->t || !s->dtypes)
        return TRO_ENOMEM;
    int rc = TRO_OK;
    json_object_foreach(root, key, v) {
        if (strcmp(key, "__metadata__") != 0 && (rc = check_tensor(s, key, v)))
            return rc;
    }
    if (md && (rc = read_metadata(s, md, meta)))
        return rc;
    if ((rc = check_tiling(s)) || (rc = put_summary(s, meta, count)))
        return rc;
    if ((rc = trop_json_budget_flush(s->a, &s->budget, "safetensors")))
        return rc;
    return attach_names(s, root);
}

/* Reads N and the header text; *hdr stays NULL after a finding. */
static int read_header(const tro_ctx *ctx, const trop_src *src, st *s, char **hdr)
{
    tro_artifact *a = s->a;
    unsigned char len8[8];
    *hdr = NULL;
    if (src->size < 8)
        return trop_artifact_finding(a, TRO_SEVERITY_ERROR, "safetensors-too-small", 0,
                                     "%s: %llu bytes is too short for the 8-byte header length",
                                     a->path, (unsigned long long)src->size);
    int rc = trop_src_read(src, 0, len8, 8);
    if (rc == TRO_ELIMIT)
        goto unavailable;
    if (rc)
        return rc == TRO_EIO ? rc : TRO_OK;
    uint64_t n = trop_le64(len8);
    s->n = n;
    uint64_t max = ctx->limits.max_header_bytes < ST_MAX_HEADER ? ctx->limits.max_header_bytes
                                                                : ST_MAX_HEADER;
    if (n > max)
        return trop_artifact_finding(a, TRO_SEVERITY_ERROR, "safetensors-header-too-large", 0,
                                     "%s: header length %llu (byte 0) is over the limit of %llu",
                                     a->path, (unsigned long long)n, (unsigned long long)max);
    if (n > src->size - 8)
        return trop_artifact_finding(a, TRO_SEVERITY_ERROR, "safetensors-bad-header-length", 0,
                                     "%s: header length %llu (byte 0) goes past the end of the "
                                     "%llu-byte file", a->path, (unsigned long long)n,
                                     (unsigned long long)src->size);
    if (!trop_src_random(src) && 8 + n > src->avail)
        goto unavailable;
    char *buf = malloc((size_t)n + 1);
    if (!buf)
        return TRO_ENOMEM;
    rc = trop_src_read(src, 8, buf, (size_t)n);
    if (rc) {
        free(buf);
        if (rc == TRO_ELIMIT)
            goto unavailable;
        return rc == TRO_EIO ? rc : TRO_OK;
    }
    buf[n] = '\0';
    *hdr = buf;
    return TRO_OK;
unavailable:
    return trop_artifact_finding(a, TRO_SEVERITY_INFO, "safetensors-header-unavailable", 0,
                                 "%s: header not available: only the first %llu bytes of this "
                                 "streamed archive entry were kept", a->path,
                                 (unsigned long long)src->avail);
}

int trop_read_safetensors(const tro_ctx *ctx, const trop_src *src, tro_artifact *a)
{
    st s = {.a = a,
            .size = src->size,
            .budget = TROP_JSON_BUDGET_INIT(32),
            .valid = true,
            .params_ok = true,
            .bytes_ok = true};
    char *hdr = NULL;
    json_t *root = NULL;
    int rc = read_header(ctx, src, &s, &hdr);
    if (rc || !hdr)
        goto done;
    s.hdr = hdr;
    if ((rc = trop_json_put(a->meta, "header_bytes", json_integer((json_int_t)s.n))))
        goto done;
    trop_json_opts o = {.prefix = "safetensors", .max_bytes = s.n, .base = 8, .dup_is_error = true};
    if ((rc = trop_json_parse(ctx, a, hdr, (size_t)s.n, &o, &root)) || !root)
        goto done;
    if (!json_is_object(root)) {
        rc = trop_artifact_finding(a, TRO_SEVERITY_ERROR, "safetensors-not-object", 8,
                                   "%s: the header (byte 8) is not a JSON object", a->path);
        goto done;
    }
    rc = check_header(&s, root);
done:
    json_decref(root);
    json_decref(s.dtypes);
    free(s.t);
    free(hdr);
    return rc;
}

const trop_shard_tensor_list *trop_shard_tensor_list_of(const tro_artifact *a)
{
    const trop_facts *f = trop_facts_of(a);
    return f && f->type == TRO_TYPE_SAFETENSORS ? f->u.safetensors.tensors : NULL;
}

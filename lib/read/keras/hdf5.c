/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Reader of HDF5 files (TRO_TYPE_HDF5), far enough to find what Keras
 * stores in a .h5 model: the attributes of the root group, of which
 * model_config (the model's JSON configuration, checked by config.c,
 * as is training_config), keras_version and backend. No HDF5 library is
 * needed for that: the superblock (versions 0 to 3) gives the root group's object
 * header (versions 1 and 2, continuation chunks followed), whose attribute
 * messages (versions 1 to 3) hold a scalar string, stored in place
 * (fixed length) or in a global heap collection (variable length, as h5py
 * 3 writes). Attributes kept in dense storage (a fractal heap, used past 8
 * attributes or 64 KiB) are not read: hdf5-attributes-not-read says so.
 * Every address and size is checked against the file before it is used.
 *
 * Metadata (a->meta):
 *   "format"         "hdf5"
 *   "superblock"     its version
 *   "model_config"   true when the root group has one (a Keras model)
 *   "keras_version", "backend"  those attributes, when present
 *   "layers", "lambda_layers", "custom_objects"  (with a model_config)
 * Findings: keras-lambda, keras-custom-object (errors); hdf5-malformed
 * (error: the structure cannot be followed to the root group);
 * hdf5-attributes-not-read (warning); keras-bad-json and the other JSON
 * findings of model_config.
 */
#include "keras.h"
#include "../readers.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CHUNKS 64
#define MAX_MESSAGES 4096
#define UNDEF UINT64_MAX

typedef struct h5 {
    const tro_ctx *ctx;
    const trop_src *src;
    tro_artifact *a;
    uint64_t base; /* addresses are relative to it */
    unsigned so;   /* size of offsets */
    unsigned sl;   /* size of lengths */
    unsigned version;
    int failed;     /* the first read failure: TRO_EIO, TRO_ELIMIT, TRO_EFORMAT */
    bool dense;     /* an attribute info message: attributes may be elsewhere */
    json_t *values; /* attribute name -> string, for the ones we want */
} h5;

static const char *const wanted[] = {"model_config", "keras_version", "backend", "training_config"};

static uint64_t le(const unsigned char *p, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = n; i-- > 0;)
        v = v << 8 | p[i];
    return v;
}

/* Reads len bytes at address addr (relative to base). */
static bool rd(h5 *f, uint64_t addr, void *buf, size_t len)
{
    uint64_t off;
    if (addr == UNDEF || !trop_add_u64(f->base, addr, &off) || off > f->src->size ||
        f->src->size - off < len) {
        f->failed = f->failed ? f->failed : TRO_EFORMAT;
        return false;
    }
    int rc = trop_src_read(f->src, off, buf, len);
    if (rc) {
        f->failed = f->failed ? f->failed : rc;
        return false;
    }
    return true;
}

/* An address field: all ones is "undefined". */
static uint64_t addr_of(const h5 *f, const unsigned char *p)
{
    uint64_t v = le(p, f->so);
    return f->so < 8 && v == (1ull << (8 * f->so)) - 1 ? UNDEF : v;
}

static int malformed(h5 *f, const char *fmt, ...) TROP_PRINTF(2, 3);
static int malformed(h5 *f, const char *fmt, ...)
{
    char msg[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return trop_artifact_finding(f->a, TRO_SEVERITY_ERROR, "hdf5-malformed", -1,
                                 "%s: %s; the root group's attributes were not read", f->a->path,
                                 msg);
}

/* Finds the superblock; sets base, sizes and *root (object header address). */
static int superblock(h5 *f, uint64_t *root)
{
    unsigned char b[112];
    uint64_t at = 0;
    for (;; at = at ? at * 2 : 512) {
        if (at >= f->src->size || at > (1u << 20))
            return malformed(f, "no superblock signature");
        if (f->src->size - at >= 9 && trop_src_read(f->src, at, b, 9) == 0 &&
            memcmp(b, "\x89HDF\r\n\x1a\n", 8) == 0)
            break;
    }
    f->version = b[8];
    size_t need = f->version <= 1 ? sizeof b : 48;
    size_t n = f->src->size - at < need ? (size_t)(f->src->size - at) : need;
    if (trop_src_read(f->src, at, b, n) || n < 40)
        return malformed(f, "superblock truncated");
    f->so = f->version <= 1 ? b[13] : b[9];
    f->sl = f->version <= 1 ? b[14] : b[10];
    if (f->version > 3 || (f->so != 2 && f->so != 4 && f->so != 8) ||
        (f->sl != 2 && f->sl != 4 && f->sl != 8))
        return malformed(f,
                         "superblock version %u with %u-byte offsets is not one this "
                         "reader knows",
                         f->version, f->so);
    f->base = at;
    if (f->version >= 2) {
        if (n < 12 + 4u * f->so)
            return malformed(f, "superblock truncated");
        *root = addr_of(f, b + 12 + 3 * f->so);
        return TRO_OK;
    }
    size_t p = 24 + (f->version == 1 ? 4 : 0) + 4 * f->so; /* root symbol table entry */
    if (n < p + 2 * f->so)
        return malformed(f, "superblock truncated");
    *root = addr_of(f, b + p + f->so);
    return TRO_OK;
}

/* ---- Attribute values ----------------------------------------------------- */

/* The object of global heap collection coll with index idx. */
static char *heap_object(h5 *f, uint64_t coll, uint32_t idx, uint64_t want, size_t *len)
{
    unsigned char h[32];
    if (!rd(f, coll, h, 8 + f->sl) || memcmp(h, "GCOL", 4) != 0)
        return NULL;
    uint64_t size = le(h + 8, f->sl), pos = 8 + f->sl;
    while (pos + 8 + f->sl <= size) {
        if (!rd(f, coll + pos, h, 8 + f->sl))
            return NULL;
        uint32_t index = (uint32_t)le(h, 2);
        uint64_t osize = le(h + 8, f->sl);
        if (index == 0 || osize > size - pos - 8 - f->sl)
            return NULL; /* free space: the rest of the collection */
        if (index == idx) {
            if (osize < want || want > f->ctx->limits.max_text_bytes)
                return NULL;
            char *s = malloc((size_t)want + 1);
            if (s && !rd(f, coll + pos + 8 + f->sl, s, (size_t)want)) {
                free(s);
                return NULL;
            }
            if (s)
                s[want] = '\0';
            *len = (size_t)want;
            return s;
        }
        pos += 8 + f->sl + ((osize + 7) & ~7ull);
    }
    return NULL;
}

/* A string attribute whose datatype (dt, dtn bytes), dataspace and data
 * start at addr: its value, or NULL when it is not a scalar string. */
static char *string_value(h5 *f, const unsigned char *dt, size_t dtn, const unsigned char *ds,
                          size_t dsn, uint64_t data, uint64_t end, size_t *len)
{
    if (dtn < 8 || dsn < 2)
        return NULL;
    unsigned cls = dt[0] & 15, rank = ds[1];
    if (ds[0] >= 2 && dsn >= 4 && ds[3] == 2)
        return NULL; /* a null dataspace holds nothing */
    bool scalar = rank == 0 || (rank == 1 && dsn >= (ds[0] == 1 ? 8u : 4u) + f->sl &&
                                le(ds + (ds[0] == 1 ? 8 : 4), f->sl) == 1);
    if (!scalar)
        return NULL;
    if (cls == 3) { /* fixed-length string */
        uint64_t n = le(dt + 4, 4);
        if (n > end - data || n > f->ctx->limits.max_text_bytes)
            return NULL;
        char *s = malloc((size_t)n + 1);
        if (s && !rd(f, data, s, (size_t)n)) {
            free(s);
            return NULL;
        }
        if (s) {
            s[n] = '\0';
            *len = strlen(s); /* null terminated or padded */
        }
        return s;
    }
    if (cls == 9 && (dt[1] & 15) == 1) { /* variable-length string */
        unsigned char id[4 + 8 + 4];
        if (end - data < 8u + f->so || !rd(f, data, id, 8 + f->so))
            return NULL;
        return heap_object(f, addr_of(f, id + 4), (uint32_t)le(id + 4 + f->so, 4), le(id, 4), len);
    }
    return NULL;
}

/* An attribute message of size n at addr: keeps the value if wanted. */
static int attribute(h5 *f, uint64_t addr, size_t n)
{
    unsigned char h[8], name[64], dt[64], ds[64];
    if (n < 8 || !rd(f, addr, h, 8))
        return TRO_OK;
    unsigned v = h[0];
    size_t nn = le(h + 2, 2), dtn = le(h + 4, 2), dsn = le(h + 6, 2), hl = v == 3 ? 9 : 8;
    if (v < 1 || v > 3 || (v >= 2 && (h[1] & 3))) /* shared datatype or dataspace: skip */
        return TRO_OK;
    size_t pn = v == 1 ? (nn + 7) & ~(size_t)7 : nn, pdt = v == 1 ? (dtn + 7) & ~(size_t)7 : dtn;
    size_t pds = v == 1 ? (dsn + 7) & ~(size_t)7 : dsn;
    if (nn == 0 || nn > sizeof name || dtn > sizeof dt || dsn > sizeof ds ||
        hl + pn + pdt + pds > n || !rd(f, addr + hl, name, nn) || !rd(f, addr + hl + pn, dt, dtn) ||
        !rd(f, addr + hl + pn + pdt, ds, dsn))
        return TRO_OK;
    for (size_t i = 0; i < sizeof wanted / sizeof *wanted; i++) {
        size_t wl = strlen(wanted[i]);
        if (!(nn >= wl && memcmp(name, wanted[i], wl) == 0 && (nn == wl || name[wl] == '\0')) ||
            json_object_get(f->values, wanted[i]))
            continue;
        size_t len = 0;
        uint64_t data = addr + hl + pn + pdt + pds;
        char *s = string_value(f, dt, dtn, ds, dsn, data, addr + n, &len);
        if (!s)
            return f->failed == TRO_EIO ? TRO_EIO : TRO_OK;
        json_t *str = trop_json_text(s, len, len, NULL);
        free(s);
        if (!str || json_object_set_new(f->values, wanted[i], str))
            return TRO_ENOMEM;
    }
    return TRO_OK;
}

/* ---- The root group's object header ------------------------------------------ */

typedef struct chunk {
    uint64_t addr, len;
} chunk;

/* Walks the messages of one chunk; continuation messages add chunks. */
static int messages(h5 *f, int version, chunk c, bool v2_order, chunk *todo, size_t *ntodo,
                    unsigned *count)
{
    unsigned hl = version == 1 ? 8 : (v2_order ? 6 : 4);
    uint64_t pos = c.addr, end = c.addr + c.len;
    while (end - pos >= hl && (*count)++ < MAX_MESSAGES) {
        unsigned char h[8];
        if (!rd(f, pos, h, hl))
            return f->failed == TRO_EIO ? TRO_EIO : TRO_OK;
        unsigned type = version == 1 ? (unsigned)le(h, 2) : h[0];
        uint64_t size = version == 1 ? le(h + 2, 2) : le(h + 1, 2);
        uint64_t data = pos + hl;
        if (size > end - data)
            break;
        if (type == 0x0C) {
            int rc = attribute(f, data, (size_t)size);
            if (rc)
                return rc;
        } else if (type == 0x15) {
            f->dense = true;
        } else if (type == 0x10 && *ntodo < MAX_CHUNKS) {
            unsigned char b[16];
            if (size >= f->so + f->sl && rd(f, data, b, f->so + f->sl))
                todo[(*ntodo)++] = (chunk){addr_of(f, b), le(b + f->so, f->sl)};
        }
        pos = data + size;
    }
    return TRO_OK;
}

static int root_group(h5 *f, uint64_t root)
{
    unsigned char h[64];
    chunk todo[MAX_CHUNKS];
    size_t ntodo = 0;
    unsigned count = 0;
    if (!rd(f, root, h, 16))
        return f->failed == TRO_EIO ? TRO_EIO : malformed(f, "the root group is not in the file");
    int version;
    bool order = false;
    if (memcmp(h, "OHDR", 4) == 0) {
        unsigned fl = h[5], p = 6 + ((fl & 0x20) ? 16 : 0) + ((fl & 0x10) ? 4 : 0);
        unsigned sz = 1u << (fl & 3);
        if (!rd(f, root, h, p + sz))
            return malformed(f, "the root group's header is truncated");
        version = 2;
        order = (fl & 0x04) != 0;
        todo[ntodo++] = (chunk){root + p + sz, le(h + p, sz)};
    } else if (h[0] == 1) {
        version = 1;
        todo[ntodo++] = (chunk){root + 16, le(h + 8, 4)};
    } else {
        return malformed(f, "the root group's object header has an unknown version %u", h[0]);
    }
    for (size_t i = 0; i < ntodo; i++) {
        chunk c = todo[i];
        if (version == 2 && i > 0) { /* "OCHK", messages, checksum */
            unsigned char sig[4];
            if (c.len < 8 || !rd(f, c.addr, sig, 4) || memcmp(sig, "OCHK", 4) != 0)
                continue;
            c.addr += 4;
            c.len -= 8;
        } /* chunk 0's size field leaves its checksum out */
        int rc = messages(f, version, c, order, todo, &ntodo, &count);
        if (rc)
            return rc;
    }
    return TRO_OK;
}

int trop_read_hdf5(const tro_ctx *ctx, const trop_src *src, tro_artifact *a)
{
    h5 f = {.ctx = ctx, .src = src, .a = a, .values = json_object()};
    uint64_t root = UNDEF;
    if (!f.values)
        return TRO_ENOMEM;
    int rc = superblock(&f, &root);
    if (!rc && f.so)
        rc = root_group(&f, root);
    json_t *m = a->meta, *cfg = json_object_get(f.values, "model_config");
    if (!rc && (json_object_set_new(m, "format", json_string("hdf5")) ||
                json_object_set_new(m, "superblock", json_integer(f.version)) ||
                json_object_set_new(m, "model_config", json_boolean(cfg != NULL))))
        rc = TRO_ENOMEM;
    for (size_t i = 1; !rc && i < 3; i++) {
        json_t *v = json_object_get(f.values, wanted[i]);
        if (v && json_object_set(m, wanted[i], v))
            rc = TRO_ENOMEM;
    }
    if (!rc && f.failed == TRO_ELIMIT && !cfg)
        rc = trop_artifact_finding(a, TRO_SEVERITY_ERROR, "hdf5-scan-incomplete", -1,
                                   "%s: only the first %llu bytes are available here (streamed "
                                   "content): the root group's attributes were not all read",
                                   a->path, (unsigned long long)src->avail);
    else if (!rc && f.dense && !cfg)
        rc = trop_artifact_finding(a, TRO_SEVERITY_WARNING, "hdf5-attributes-not-read", -1,
                                   "%s: the root group keeps attributes in dense storage, which "
                                   "this reader does not follow: a Keras model_config there was "
                                   "not checked",
                                   a->path);
    if (!rc && cfg) {
        /* the model, then what compile() is given back (losses, metrics) */
        trop_keras_scan k;
        json_t *tc = json_object_get(f.values, "training_config");
        trop_keras_init(&k, a, "keras.models.load_model", "attribute model_config");
        const char *text = json_string_value(cfg);
        rc = trop_keras_check_text(ctx, &k, text, strlen(text), "keras");
        k.where = "attribute training_config";
        if (!rc && tc)
            rc = trop_keras_check_text(ctx, &k, json_string_value(tc),
                                       strlen(json_string_value(tc)), "keras");
        if (!rc)
            rc = trop_keras_meta(&k, m);
    }
    json_decref(f.values);
    return rc == TRO_EIO ? TRO_EIO : rc == TRO_ENOMEM ? TRO_ENOMEM : TRO_OK;
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* GGUF reader internals, shared by lib/read/gguf*.c only. */
#ifndef TROP_READ_GGUF_H
#define TROP_READ_GGUF_H

#include "../json/json.h"

/* Metadata value types (stored as uint32). */
enum {
    TROP_GGUF_UINT8, TROP_GGUF_INT8, TROP_GGUF_UINT16, TROP_GGUF_INT16, TROP_GGUF_UINT32,
    TROP_GGUF_INT32, TROP_GGUF_FLOAT32, TROP_GGUF_BOOL, TROP_GGUF_STRING, TROP_GGUF_ARRAY,
    TROP_GGUF_UINT64, TROP_GGUF_INT64, TROP_GGUF_FLOAT64, TROP_GGUF_NTYPES
};

/* Why parsing stopped. */
typedef enum {
    TROP_GGUF_OK = 0,
    TROP_GGUF_TRUNC,   /* the file ends inside the header */
    TROP_GGUF_UNAVAIL, /* past the kept prefix of a streamed archive entry */
    TROP_GGUF_LIMIT,   /* past limits.max_header_bytes */
    TROP_GGUF_IO,      /* read error */
    TROP_GGUF_NOMEM,
    TROP_GGUF_BAD      /* a structural error, already reported */
} trop_gguf_err;

/* How much of a value goes into meta. */
typedef enum { TROP_GGUF_CAP_NONE, TROP_GGUF_CAP_BRIEF, TROP_GGUF_CAP_FULL } trop_gguf_cap_mode;

/* Strings appended to one buffer; pointers made once it stops growing. */
typedef struct trop_gguf_pool {
    char *data;
    size_t len, cap;
    size_t *offs;
    size_t n, ncap;
} trop_gguf_pool;

typedef struct trop_gguf_tensor {
    size_t name;         /* index in the tensor name pool, SIZE_MAX if unusable */
    uint64_t ne, ne0;    /* elements; first dimension */
    uint32_t type;
    uint64_t offset;
    uint64_t at;         /* byte offset of the tensor info, for findings */
} trop_gguf_tensor;

typedef struct trop_gguf {
    const tro_ctx *ctx;
    const trop_src *src;
    tro_artifact *a;
    unsigned char *buf;  /* read buffer (fd sources) */
    uint64_t boff;
    size_t blen;
    uint64_t pos;        /* next byte to read */
    uint64_t limit;      /* header bytes allowed */
    bool be;             /* big-endian file */
    trop_gguf_err err;
    trop_json_budget budget;
    bool nested_seen;
    uint32_t alignment;
    uint64_t kv_count, tensor_count;
    trop_gguf_pool keys, names;
    trop_gguf_tensor *t;
    size_t nt, tcap;
    /* meta under construction */
    json_t *general, *kv, *bm, *ds; /* objects; bm and ds keyed by index */
    json_t *ds_names;               /* array of {"name": s} */
    long bm_max, ds_max;
    unsigned long long kv_dropped;
} trop_gguf;

/* Byte access (gguf.c): each returns false once g->err is set. */
const unsigned char *trop_gguf_need(trop_gguf *g, size_t n);
bool trop_gguf_skip(trop_gguf *g, uint64_t n);
bool trop_gguf_u32(trop_gguf *g, uint32_t *v);
bool trop_gguf_u64(trop_gguf *g, uint64_t *v);
/* Stops parsing with an error finding at offset `at`. */
int trop_gguf_fail(trop_gguf *g, const char *code, uint64_t at, const char *fmt, ...)
    TROP_PRINTF(4, 5);
/* Copies at most max bytes of s into out (size max+1) for messages,
 * with anything but printable ASCII shown as '?'. */
const char *trop_gguf_show(const char *s, size_t n, char *out, size_t max);

int trop_gguf_pool_add(trop_gguf_pool *p, const char *s, size_t n, size_t *index);
/* Reports entries of p present more than once. */
int trop_gguf_pool_dups(trop_gguf *g, trop_gguf_pool *p, const char *code, const char *what);
void trop_gguf_pool_free(trop_gguf_pool *p);

/* Tensor infos and data layout (tensors.c); meta keys written to a->meta. */
int trop_gguf_tensors(trop_gguf *g);

/* Where a key's value goes in meta (meta.c). */
trop_gguf_cap_mode trop_gguf_cap(const char *key);
/* Files the value of key (reference taken; may be NULL for skipped values). */
int trop_gguf_store(trop_gguf *g, const char *key, uint32_t type, json_t *value, uint64_t at);
/* Moves the collected general/base_models/datasets/kv into a->meta. */
int trop_gguf_finish_meta(trop_gguf *g);

#endif

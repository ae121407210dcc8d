/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* A remote file as a byte source: readers call trop_src_read() as on a
 * file, and each read that misses the bytes held is one HTTP Range request.
 * A miss fetches at least CHUNK_MIN bytes, twice as many as the last when
 * the reader goes on where the last fetch ended (GGUF metadata, a pickle
 * read in order), up to CHUNK_MAX: a safetensors header costs one or two
 * requests, a GGUF header a handful. The bytes fetched are cached by the
 * file's content id, so a second check reads them from disk. */
#include "hub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_MIN (64u << 10)
#define CHUNK_MAX (4u << 20)
#define ZIP_TAIL (64u << 10)
#define ZIP_TAIL_MAX (1u << 20)
#define ZIP_PREFIX_MAX (16u << 20)

typedef struct extent {
    uint64_t off;
    size_t len;
    unsigned char *data;
    bool fresh; /* fetched now: to be cached */
} extent;

struct trop_remote {
    tro_hub *hub;
    trop_hub_ref ref;
    char sha[41];
    char oid[65]; /* content id for the ranges cache, "" for none */
    char *path, *url;
    uint64_t size, max, held;
    TROP_VEC(extent) ext; /* sorted by offset, disjoint */
    uint64_t last_end, chunk;
    trop_src src;
    int err_rc;
    char err[400];
    unsigned char *zprefix, *ztail;
};

static int insert(trop_remote *r, uint64_t off, unsigned char *data, size_t len, bool fresh)
{
    if (trop_vec_reserve(&r->ext, 1)) {
        free(data);
        return TRO_ENOMEM;
    }
    size_t i = r->ext.n;
    while (i > 0 && r->ext.v[i - 1].off > off)
        i--;
    memmove(r->ext.v + i + 1, r->ext.v + i, (r->ext.n - i) * sizeof *r->ext.v);
    r->ext.v[i] = (extent){off, len, data, fresh};
    r->ext.n++;
    r->held += len;
    return 0;
}

static int from_cache(void *ud, uint64_t off, const void *data, size_t len)
{
    trop_remote *r = ud;
    for (size_t i = 0; i < r->ext.n; i++) /* keep extents disjoint */
        if (off < r->ext.v[i].off + r->ext.v[i].len && r->ext.v[i].off < off + len)
            return 0;
    unsigned char *copy = malloc(len);
    if (!copy)
        return TRO_ENOMEM;
    memcpy(copy, data, len);
    return insert(r, off, copy, len, false);
}

/* Fetches [off, off + len) into a new extent. */
static int fetch(trop_remote *r, uint64_t off, uint64_t len)
{
    if (r->held + len > r->max) {
        snprintf(r->err, sizeof r->err, "%s: reading more than %llu bytes of it was refused",
                 r->path, (unsigned long long)r->max);
        return r->err_rc = TRO_ELIMIT;
    }
    trop_http_req q = {.url = r->url, .range_off = off, .range_len = len, .max_body = len};
    int rc = trop_hub_get(r->hub, &q);
    if (!rc && q.body_len != len) {
        snprintf(q.err, sizeof q.err, "%s: %llu bytes at %llu asked, %zu received", r->url,
                 (unsigned long long)len, (unsigned long long)off, q.body_len);
        rc = TRO_ENETWORK;
    }
    if (rc) {
        snprintf(r->err, sizeof r->err, "%s", q.err);
        r->err_rc = rc;
        trop_http_req_clear(&q);
        return rc;
    }
    unsigned char *data = (unsigned char *)q.body;
    q.body = NULL;
    trop_http_req_clear(&q);
    return insert(r, off, data, (size_t)len, true);
}

/* The length to fetch for a miss at off needing need bytes. */
static uint64_t plan(trop_remote *r, uint64_t off, uint64_t need)
{
    r->chunk = off == r->last_end && r->chunk ? (r->chunk < CHUNK_MAX ? r->chunk * 2 : CHUNK_MAX)
                                              : CHUNK_MIN;
    uint64_t len = need > r->chunk ? need : r->chunk;
    if (len > r->size - off)
        len = r->size - off;
    /* stop where bytes already held begin, when the need ends before */
    for (size_t i = 0; i < r->ext.n; i++)
        if (r->ext.v[i].off > off && r->ext.v[i].off < off + len && r->ext.v[i].off >= off + need)
            len = r->ext.v[i].off - off;
    return len;
}

static int read_at(void *ud, uint64_t off, void *buf, size_t len)
{
    trop_remote *r = ud;
    unsigned char *out = buf;
    while (len) {
        const extent *e = NULL;
        for (size_t i = 0; i < r->ext.n && !e; i++)
            if (off >= r->ext.v[i].off && off < r->ext.v[i].off + r->ext.v[i].len)
                e = &r->ext.v[i];
        if (e) {
            size_t k = (size_t)(e->off + e->len - off);
            if (k > len)
                k = len;
            memcpy(out, e->data + (off - e->off), k);
            out += k;
            off += k;
            len -= k;
            continue;
        }
        uint64_t want = plan(r, off, len);
        int rc = fetch(r, off, want);
        if (rc)
            return rc == TRO_ENOMEM ? rc : rc == TRO_ELIMIT ? TRO_ELIMIT : TRO_EIO;
        r->last_end = off + want;
    }
    return 0;
}

int trop_remote_new(trop_remote **out, tro_hub *hub, const trop_hub_ref *ref, const char *sha,
                    const trop_hub_file *f, uint64_t max)
{
    trop_remote *r = calloc(1, sizeof *r);
    *out = NULL;
    if (!r)
        return TRO_ENOMEM;
    r->hub = hub;
    r->ref = *ref;
    memcpy(r->sha, sha, 41);
    strcpy(r->oid, f->lfs ? f->lfs_sha256 : f->oid);
    r->size = f->size;
    r->max = max;
    r->path = trop_strdup(f->path);
    r->url = trop_hub_file_url(hub, ref, sha, f->path);
    if (!r->path || !r->url) {
        trop_remote_free(r);
        return TRO_ENOMEM;
    }
    int rc = r->oid[0] ? trop_hub_cache_get_ranges(hub->cache_dir, ref, r->oid, r->size, max,
                                                   from_cache, r)
                       : 0;
    if (rc) {
        trop_remote_free(r);
        return rc;
    }
    if (r->ext.n)
        atomic_fetch_add(&hub->cache_reads, 1);
    r->src =
        (trop_src){.name = r->path, .size = r->size, .fd = -1, .read_at = read_at, .read_ud = r};
    *out = r;
    return 0;
}

void trop_remote_free(trop_remote *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->ext.n; i++)
        free(r->ext.v[i].data);
    trop_vec_free(&r->ext);
    free(r->path);
    free(r->url);
    free(r->zprefix);
    free(r->ztail);
    free(r);
}

const trop_src *trop_remote_src(trop_remote *r)
{
    return &r->src;
}

const char *trop_remote_error(const trop_remote *r, int *rc)
{
    *rc = r->err_rc;
    return r->err;
}

void trop_remote_keep(trop_remote *r)
{
    if (!r->oid[0] || !r->hub->cache_dir)
        return;
    for (size_t i = 0; i < r->ext.n; i++)
        if (r->ext.v[i].fresh) {
            trop_hub_cache_put_range(r->hub->cache_dir, &r->ref, r->oid, r->ext.v[i].off,
                                     r->ext.v[i].data, r->ext.v[i].len);
            r->ext.v[i].fresh = false;
        }
}

/* Copies [off, off + len) into a new buffer through the source. */
static int copy_out(trop_remote *r, uint64_t off, size_t len, unsigned char **out)
{
    *out = malloc(len ? len : 1);
    if (!*out)
        return TRO_ENOMEM;
    int rc = read_at(r, off, *out, len);
    if (rc) {
        free(*out);
        *out = NULL;
    }
    return rc;
}

int trop_remote_zip_src(trop_remote *r, trop_src *out)
{
    unsigned char magic[4];
    if (r->size < 22 + 4)
        return 0;
    int rc = read_at(r, 0, magic, 4);
    if (rc)
        return rc;
    if (memcmp(magic, "PK\3\4", 4))
        return 0;
    size_t tn = r->size < ZIP_TAIL ? (size_t)r->size : ZIP_TAIL;
    uint64_t cd_off = 0, cd_size = 0;
    if ((rc = copy_out(r, r->size - tn, tn, &r->ztail)))
        return rc;
    int found = trop_zip_locate(r->ztail, tn, r->size, &cd_off, &cd_size);
    /* the directory and what follows it, when longer than the tail read */
    if (found == 1 && r->size - cd_off > tn && r->size - cd_off <= ZIP_TAIL_MAX) {
        free(r->ztail);
        tn = (size_t)(r->size - cd_off);
        if ((rc = copy_out(r, cd_off, tn, &r->ztail)))
            return rc;
    }
    uint64_t need = CHUNK_MIN;
    if (found == 1 && r->size - cd_off <= tn)
        need = trop_zip_pickles_end(r->ztail + (tn - (r->size - cd_off)), (size_t)cd_size, r->size);
    if (need > ZIP_PREFIX_MAX)
        need = ZIP_PREFIX_MAX;
    if (need < CHUNK_MIN)
        need = CHUNK_MIN;
    if (need > r->size)
        need = r->size;
    if ((rc = copy_out(r, 0, (size_t)need, &r->zprefix)))
        return rc;
    *out = (trop_src){.name = r->path,
                      .size = r->size,
                      .fd = -1,
                      .data = r->zprefix,
                      .avail = need,
                      .tail = r->ztail,
                      .tail_len = tn};
    return 1;
}

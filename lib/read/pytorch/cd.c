/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The central directory of a PyTorch zip checkpoint that was streamed out
 * of an archive: the walk from the start (archive.c) only reaches
 * the end of the memory prefix, but the scanner keeps the last bytes of the
 * entry too (trop_src.tail), and a zip lists all its entries there. This
 * file finds the end of central directory record (zip64 too), lists the
 * entries, and checks that the entries the walk read are the first ones
 * the directory lists, laid end to end from byte 0, so that "read by the
 * walk" and "listed past it" cannot name different bytes. Everything is
 * bounded by the tail it is read from; nothing here trusts a size before
 * checking it against the file. */
#include "pytorch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EOCD_LEN 22
#define EOCD_COMMENT_MAX 65535u
#define LOC64_LEN 20
#define EOCD64_LEN 56
#define CDH_LEN 46 /* central directory header, before its name */
#define LFH_LEN 30 /* local file header, before its name */
#define U16_MAX 0xffffu
#define U32_MAX 0xffffffffu

/* A pytorch-malformed finding about the zip's index at byte off; the tail
 * is then not used (cd->ok stays false). Returns TRO_EFORMAT or
 * TRO_ENOMEM. */
static int bad(trop_pt_walk *w, uint64_t off, const char *fmt, ...) TROP_PRINTF(3, 4);
static int bad(trop_pt_walk *w, uint64_t off, const char *fmt, ...)
{
    char what[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    int rc = trop_pkl_finding(&w->job, TRO_SEVERITY_WARNING, "pytorch-malformed", (int64_t)off,
                              "%s: byte %llu: %s; the central directory was not used",
                              w->a->path, (unsigned long long)off, what);
    return rc ? rc : TRO_EFORMAT;
}

/* Where the central directory is and how many entries it lists. */
typedef struct cd_loc {
    uint64_t eocd;  /* offset of the end of central directory record */
    uint64_t end;   /* the directory must end by here */
    uint64_t off, size, count;
} cd_loc;

/* Finds the EOCD record: 1 found, 0 not in the tail, <0 after a finding. */
static int find_eocd(trop_pt_walk *w, const trop_src *src, cd_loc *l)
{
    uint64_t size = src->size, span = EOCD_LEN + EOCD_COMMENT_MAX;
    uint64_t lo = size > span ? size - span : 0;
    if (size < EOCD_LEN)
        return bad(w, 0, "too short for a zip's end of central directory record");
    for (uint64_t off = size - EOCD_LEN + 1; off-- > lo;) {
        const unsigned char *p = trop_src_mem(src, off, EOCD_LEN);
        if (!p)
            return 0; /* left the tail before finding it */
        if (memcmp(p, "PK\5\6", 4) == 0 && off + EOCD_LEN + trop_le16(p + 20) == size) {
            l->eocd = off;
            return 1;
        }
    }
    return bad(w, lo, "no end of central directory record in the last %llu bytes",
               (unsigned long long)(size - lo));
}

/* Reads the zip64 end of central directory record the locator before the
 * EOCD points at: 1 read, 0 not in the tail, <0 after a finding. */
static int read_zip64(trop_pt_walk *w, const trop_src *src, cd_loc *l, const unsigned char *loc)
{
    uint64_t at = trop_le64(loc + 8), loc_off = l->eocd - LOC64_LEN;
    if (trop_le32(loc + 4) != 0 || trop_le32(loc + 16) > 1)
        return bad(w, loc_off, "the zip spans several disks");
    if (loc_off < EOCD64_LEN || at > loc_off - EOCD64_LEN)
        return bad(w, loc_off, "the zip64 locator points at byte %llu, outside the file",
                   (unsigned long long)at);
    const unsigned char *r = trop_src_mem(src, at, EOCD64_LEN);
    if (!r)
        return 0;
    if (memcmp(r, "PK\6\6", 4) != 0)
        return bad(w, at, "no zip64 end of central directory record where its locator points");
    if (trop_le32(r + 16) != 0 || trop_le32(r + 20) != 0 || trop_le64(r + 24) != trop_le64(r + 32))
        return bad(w, at, "the zip spans several disks");
    l->count = trop_le64(r + 32);
    l->size = trop_le64(r + 40);
    l->off = trop_le64(r + 48);
    l->end = at;
    return 1;
}

/* Locates the directory: 1 found, 0 not usable (silently), <0 after a
 * finding. */
static int locate(trop_pt_walk *w, const trop_src *src, cd_loc *l)
{
    int rc = find_eocd(w, src, l);
    if (rc <= 0)
        return rc;
    const unsigned char *e = trop_src_mem(src, l->eocd, EOCD_LEN);
    l->count = trop_le16(e + 10);
    l->size = trop_le32(e + 12);
    l->off = trop_le32(e + 16);
    l->end = l->eocd;
    const unsigned char *loc =
        l->eocd >= LOC64_LEN ? trop_src_mem(src, l->eocd - LOC64_LEN, LOC64_LEN) : NULL;
    bool needs64 = l->count == U16_MAX || l->size == U32_MAX || l->off == U32_MAX;
    if (loc && memcmp(loc, "PK\6\7", 4) == 0)
        rc = read_zip64(w, src, l, loc);
    else if (needs64 && !loc && l->eocd >= LOC64_LEN)
        return 0; /* the locator lies before the tail */
    else if (needs64)
        return bad(w, l->eocd, "the end of central directory record needs a zip64 record, "
                               "and there is none");
    else if (trop_le16(e + 4) != 0 || trop_le16(e + 6) != 0 || trop_le16(e + 8) != trop_le16(e + 10))
        return bad(w, l->eocd, "the zip spans several disks");
    if (rc <= 0)
        return rc;
    uint64_t cd_end;
    if (!trop_add_u64(l->off, l->size, &cd_end) || cd_end > l->end)
        return bad(w, l->eocd, "the central directory (byte %llu, %llu bytes) runs past its "
                               "end record",
                   (unsigned long long)l->off, (unsigned long long)l->size);
    if (l->count > l->size / CDH_LEN)
        return bad(w, l->eocd, "%llu entries cannot fit in a central directory of %llu bytes",
                   (unsigned long long)l->count, (unsigned long long)l->size);
    if (l->count > w->ctx->limits.max_entries) {
        rc = trop_pkl_finding(&w->job, TRO_SEVERITY_ERROR, "pytorch-scan-incomplete", -1,
                              "%s: the central directory lists %llu entries, more than %llu "
                              "(limit)",
                              w->a->path, (unsigned long long)l->count,
                              (unsigned long long)w->ctx->limits.max_entries);
        return rc ? rc : TRO_EFORMAT;
    }
    return 1;
}

/* Applies a zip64 extra field to the 32-bit values that ask for it. */
static bool zip64_extra(const unsigned char *x, size_t xlen, trop_pt_cd_entry *e)
{
    bool nu = e->usize == U32_MAX, nc = e->csize == U32_MAX, no = e->lho == U32_MAX;
    for (size_t i = 0; xlen - i >= 4;) {
        size_t id = trop_le16(x + i), sz = trop_le16(x + i + 2);
        if (sz > xlen - i - 4)
            return false;
        if (id == 1) {
            const unsigned char *d = x + i + 4;
            size_t want = 8 * ((size_t)nu + nc + no);
            if (sz < want)
                return false;
            if (nu)
                e->usize = trop_le64(d), d += 8;
            if (nc)
                e->csize = trop_le64(d), d += 8;
            if (no)
                e->lho = trop_le64(d);
            return true;
        }
        i += 4 + sz;
    }
    return !nu && !nc && !no;
}

/* Parses the record at p (left bytes of directory left) into e; returns
 * its length, or 0 when malformed (message in why). */
static size_t parse_entry(const unsigned char *p, size_t left, trop_pt_cd_entry *e, char *pool,
                          const char **why)
{
    if (left < CDH_LEN || memcmp(p, "PK\1\2", 4) != 0)
        return *why = "not a central directory entry", 0;
    size_t n = trop_le16(p + 28), x = trop_le16(p + 30), c = trop_le16(p + 32);
    if (CDH_LEN + n + x + c > left)
        return *why = "the entry runs past the central directory", 0;
    if (n == 0 || memchr(p + CDH_LEN, 0, n))
        return *why = "empty name, or a name holding a NUL byte", 0;
    e->flags = trop_le16(p + 8);
    e->method = trop_le16(p + 10);
    e->csize = trop_le32(p + 20);
    e->usize = trop_le32(p + 24);
    e->lho = trop_le32(p + 42);
    if (!zip64_extra(p + CDH_LEN + n, x, e))
        return *why = "a bad or missing zip64 extra field", 0;
    if (trop_le16(p + 34) != 0)
        return *why = "the entry is on another disk", 0;
    memcpy(pool, p + CDH_LEN, n);
    pool[n] = '\0';
    e->name = pool;
    e->name_len = n;
    return CDH_LEN + n + x + c;
}

static int by_offset(const void *a, const void *b)
{
    const trop_pt_cd_entry *x = a, *y = b;
    return x->lho < y->lho ? -1 : x->lho > y->lho ? 1 : x->at < y->at ? -1 : x->at > y->at;
}

/* Parses every entry; checks each one's data precedes the directory and
 * that no two overlap. 1 done, <0 after a finding or TRO_ENOMEM. */
static int list(trop_pt_walk *w, const cd_loc *l, const unsigned char *p, trop_pt_cd *cd)
{
    size_t size = (size_t)l->size, pos = 0;
    /* count <= size / 46: both arrays are bounded by the tail */
    if (!(cd->v = calloc(l->count ? (size_t)l->count : 1, sizeof *cd->v)) ||
        !(cd->pool = malloc(size + 1)))
        return TRO_ENOMEM;
    char *pool = cd->pool;
    for (cd->n = 0; cd->n < l->count; cd->n++) {
        trop_pt_cd_entry *e = &cd->v[cd->n];
        const char *why = NULL;
        e->at = l->off + pos;
        size_t len = parse_entry(p + pos, size - pos, e, pool, &why);
        uint64_t end;
        if (!len)
            return bad(w, e->at, "central directory entry %zu: %s", cd->n, why);
        if (!trop_add_u64(e->lho, LFH_LEN + e->name_len, &end) ||
            !trop_add_u64(end, e->csize, &end) || end > l->off)
            return bad(w, e->at, "central directory entry %zu: its data (local header at byte "
                                 "%llu, %llu bytes) runs into the central directory",
                       cd->n, (unsigned long long)e->lho, (unsigned long long)e->csize);
        pool += e->name_len + 1;
        pos += len;
    }
    qsort(cd->v, cd->n, sizeof *cd->v, by_offset);
    for (size_t i = 0; i + 1 < cd->n; i++)
        if (cd->v[i].lho + LFH_LEN + cd->v[i].name_len + cd->v[i].csize > cd->v[i + 1].lho)
            return bad(w, cd->v[i + 1].lho, "entries overlap: the local header of '%.150s' lies "
                                            "inside the data of '%.150s'",
                       cd->v[i + 1].name, cd->v[i].name);
    return 1;
}

/* The local header of e, with its name checked against the directory's:
 * the offset of its data, or 0 when it is not in memory or differs. */
static uint64_t local_data(const trop_src *src, const trop_pt_cd_entry *e)
{
    const unsigned char *h = trop_src_mem(src, e->lho, LFH_LEN);
    if (!h || memcmp(h, "PK\3\4", 4) != 0 || trop_le16(h + 26) != e->name_len)
        return 0;
    const unsigned char *n = trop_src_mem(src, e->lho + LFH_LEN, e->name_len);
    if (!n || memcmp(n, e->name, e->name_len) != 0)
        return 0;
    return e->lho + LFH_LEN + e->name_len + trop_le16(h + 28);
}

/* Does the directory start with the entries the walk read, end to end
 * from byte 0? Then v[0..walked) are exactly those. */
static int match(trop_pt_walk *w, trop_pt_cd *cd)
{
    const trop_src *src = w->in.src;
    size_t seen = (size_t)w->entries;
    cd->walked = seen && !w->cur_done ? seen - 1 : seen;
    if (seen > cd->n)
        return bad(w, 0, "the archive holds more entries than its central directory lists");
    uint64_t next = 0;
    for (size_t i = 0; i < seen; i++) {
        const trop_pt_cd_entry *e = &cd->v[i];
        uint64_t data = local_data(src, e);
        if (e->lho != next || !data || !trop_strset_has(&w->names, e->name, strlen(e->name)))
            return bad(w, e->lho, "the central directory does not list the entries read from "
                                  "the start of the archive (entry %zu, '%.150s')",
                       i, e->name);
        if (i >= cd->walked || i + 1 == cd->n)
            break;
        next = data + e->csize;
        uint64_t gap = cd->v[i + 1].lho - (next < cd->v[i + 1].lho ? next : cd->v[i + 1].lho);
        /* a data descriptor (signature optional, 32- or 64-bit sizes) */
        if ((e->flags & 8) && (gap == 12 || gap == 16 || gap == 20 || gap == 24))
            next += gap;
    }
    return 1;
}

int trop_pt_cd_read(trop_pt_walk *w, trop_pt_cd *cd)
{
    const trop_src *src = w->in.src;
    cd_loc l = {0};
    memset(cd, 0, sizeof *cd);
    if (!src->tail || !src->tail_len || src->tail_len > src->size)
        return TRO_OK;
    int rc = locate(w, src, &l);
    const unsigned char *p = rc > 0 ? trop_src_mem(src, l.off, (size_t)l.size) : NULL;
    if (rc > 0 && l.size && !p)
        rc = 0; /* the directory starts before the tail */
    if (rc > 0)
        rc = list(w, &l, p, cd);
    if (rc > 0)
        rc = match(w, cd);
    cd->ok = rc > 0;
    return rc == TRO_ENOMEM ? rc : TRO_OK;
}

const unsigned char *trop_pt_cd_data(trop_pt_walk *w, const trop_pt_cd_entry *e, size_t *len)
{
    *len = 0;
    if (e->method != 0 || (e->flags & 1) || e->csize != e->usize || e->csize > SIZE_MAX)
        return NULL;
    static const unsigned char empty[1];
    uint64_t data = local_data(w->in.src, e);
    if (!data)
        return NULL;
    if (!e->csize)
        return empty;
    const unsigned char *p = trop_src_mem(w->in.src, data, (size_t)e->csize);
    if (p)
        *len = (size_t)e->csize;
    return p;
}

void trop_pt_cd_free(trop_pt_cd *cd)
{
    free(cd->v);
    free(cd->pool);
    memset(cd, 0, sizeof *cd);
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The scanner's input: a buffered stream over a read callback, bounded in
 * the bytes it may consume, plus a byte-source adapter and string sets. */
#include "pickle.h"

#include <stdlib.h>
#include <string.h>

int trop_pkl_in_init(trop_pkl_in *in, const trop_pkl_io *io, uint64_t max)
{
    memset(in, 0, sizeof *in);
    in->io = *io;
    in->max = max;
    in->buf = malloc(TROP_PKL_INBUF);
    return in->buf ? TRO_OK : TRO_ENOMEM;
}

void trop_pkl_in_fini(trop_pkl_in *in)
{
    free(in->buf);
    free(in->rec);
    in->buf = NULL;
    in->rec = NULL;
}

void trop_pkl_in_record(trop_pkl_in *in, size_t max)
{
    in->recording = true;
    in->rec_full = false;
    in->rec_len = 0;
    in->rec_max = max;
}

/* Copies consumed bytes into the record; past rec_max (or without memory)
 * the record is marked incomplete and stops. */
static void record(trop_pkl_in *in, const unsigned char *p, size_t n)
{
    if (!in->recording || in->rec_full || n == 0)
        return;
    if (n > in->rec_max - in->rec_len) {
        in->rec_full = true;
        return;
    }
    if (in->rec_len + n > in->rec_cap) {
        size_t cap = in->rec_cap ? in->rec_cap : 4096;
        while (cap < in->rec_len + n)
            cap = cap > SIZE_MAX / 2 ? SIZE_MAX : cap * 2;
        unsigned char *r = realloc(in->rec, cap);
        if (!r) {
            in->rec_full = true;
            return;
        }
        in->rec = r;
        in->rec_cap = cap;
    }
    memcpy(in->rec + in->rec_len, p, n);
    in->rec_len += n;
}

/* Consumes k buffered bytes. */
static void take(trop_pkl_in *in, size_t k)
{
    record(in, in->buf + in->pos, k);
    in->pos += k;
    in->off += k;
}

/* Refills the buffer when it is empty; false at the end of input. */
static bool fill(trop_pkl_in *in)
{
    if (in->pos < in->len)
        return true;
    if (in->eof)
        return false;
    in->pos = in->len = 0;
    if (in->off >= in->max) {
        /* At the bound: it was a limit only if the input goes on. */
        size_t probe = 0;
        in->err = in->io.read(in->io.ud, in->buf, 1, &probe);
        in->limited = in->err == 0 && probe > 0;
        in->eof = true;
        return false;
    }
    size_t want = TROP_PKL_INBUF;
    if (in->max - in->off < want)
        want = (size_t)(in->max - in->off);
    size_t got = 0;
    int rc = in->io.read(in->io.ud, in->buf, want, &got);
    if (rc || got == 0) {
        in->err = rc;
        in->eof = true;
        return false;
    }
    in->len = got;
    return true;
}

bool trop_pkl_in_at_end(trop_pkl_in *in)
{
    return !fill(in);
}

bool trop_pkl_in_peek(trop_pkl_in *in, unsigned char *c)
{
    if (!fill(in))
        return false;
    *c = in->buf[in->pos];
    return true;
}

bool trop_pkl_in_read(trop_pkl_in *in, void *buf, size_t n)
{
    unsigned char *p = buf;
    while (n > 0) {
        if (!fill(in))
            return false;
        size_t k = in->len - in->pos;
        if (k > n)
            k = n;
        memcpy(p, in->buf + in->pos, k);
        take(in, k);
        p += k;
        n -= k;
    }
    return true;
}

bool trop_pkl_in_skip(trop_pkl_in *in, uint64_t n)
{
    size_t k = in->len - in->pos;
    if (k > n)
        k = (size_t)n;
    take(in, k);
    n -= k;
    if (n == 0)
        return true;
    if (in->eof)
        return false;
    /* Past the buffer: let the source seek when it can (and no copy is
     * being kept that these bytes would still fit in). */
    bool keep = in->recording && !in->rec_full && n <= in->rec_max - in->rec_len;
    if (in->recording && !keep)
        in->rec_full = true;
    if (in->io.skip && !keep) {
        uint64_t room = in->max - in->off, want = n < room ? n : room, done = 0;
        int rc = in->io.skip(in->io.ud, want, &done);
        in->off += done;
        if (rc || done < want) {
            in->err = rc;
            in->eof = true;
            return false;
        }
        if (want < n) {
            fill(in); /* at the bound: tells a limit from the end of input */
            return false;
        }
        return true;
    }
    while (n > 0) {
        if (!fill(in))
            return false;
        k = in->len - in->pos;
        if (k > n)
            k = (size_t)n;
        take(in, k);
        n -= k;
    }
    return true;
}

bool trop_pkl_in_line(trop_pkl_in *in, char *out, size_t cap, size_t *kept, uint64_t *total)
{
    size_t o = 0;
    uint64_t t = 0;
    for (;;) {
        if (!fill(in)) {
            out[o] = '\0';
            *kept = o;
            *total = t;
            return false;
        }
        const unsigned char *start = in->buf + in->pos;
        size_t avail = in->len - in->pos;
        const unsigned char *nl = memchr(start, '\n', avail);
        size_t k = nl ? (size_t)(nl - start) : avail;
        size_t room = cap - 1 - o;
        memcpy(out + o, start, k < room ? k : room);
        o += k < room ? k : room;
        t += k;
        take(in, k + (nl ? 1 : 0));
        if (nl) {
            out[o] = '\0';
            *kept = o;
            *total = t;
            return true;
        }
    }
}

/* ---- trop_src adapter --------------------------------------------------- */

static int src_read(void *ud, void *buf, size_t len, size_t *got)
{
    trop_pkl_srcio *st = ud;
    const trop_src *src = st->src;
    *got = 0;
    if (st->pos >= src->size)
        return 0;
    uint64_t left = src->size - st->pos;
    if (!trop_src_random(src)) {
        if (st->pos >= src->avail)
            return TRO_ELIMIT; /* only a prefix of this artifact was kept */
        if (src->avail - st->pos < left)
            left = src->avail - st->pos;
    }
    size_t n = left < len ? (size_t)left : len;
    int rc = trop_src_read(src, st->pos, buf, n);
    if (rc)
        return rc;
    st->pos += n;
    *got = n;
    return 0;
}

static int src_skip(void *ud, uint64_t n, uint64_t *skipped)
{
    trop_pkl_srcio *st = ud;
    uint64_t left = st->src->size - st->pos;
    *skipped = n < left ? n : left;
    st->pos += *skipped;
    return 0;
}

void trop_pkl_srcio_init(trop_pkl_io *io, trop_pkl_srcio *st, const trop_src *src, uint64_t start)
{
    st->src = src;
    st->pos = start < src->size ? start : src->size;
    io->read = src_read;
    io->skip = src_skip;
    io->errmsg = NULL;
    io->ud = st;
}

/* ---- Bytes in memory ---------------------------------------------------- */

static int mem_read(void *ud, void *buf, size_t len, size_t *got)
{
    trop_pkl_memio *st = ud;
    size_t n = st->len - st->pos < len ? st->len - st->pos : len;
    memcpy(buf, st->data + st->pos, n);
    st->pos += n;
    *got = n;
    return 0;
}

static int mem_skip(void *ud, uint64_t n, uint64_t *skipped)
{
    trop_pkl_memio *st = ud;
    *skipped = st->len - st->pos < n ? st->len - st->pos : n;
    st->pos += (size_t)*skipped;
    return 0;
}

void trop_pkl_memio_init(trop_pkl_io *io, trop_pkl_memio *st, const void *data, size_t len)
{
    st->data = data;
    st->len = len;
    st->pos = 0;
    io->read = mem_read;
    io->skip = mem_skip;
    io->errmsg = NULL;
    io->ud = st;
}


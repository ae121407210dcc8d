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
    in->buf = NULL;
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
        in->pos += k;
        in->off += k;
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
    in->pos += k;
    in->off += k;
    n -= k;
    if (n == 0)
        return true;
    if (in->eof)
        return false;
    /* Past the buffer: let the source seek when it can. */
    if (in->io.skip) {
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
        in->pos += k;
        in->off += k;
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
        in->pos += k + (nl ? 1 : 0);
        in->off += k + (nl ? 1 : 0);
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
    if (src->fd < 0) {
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

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Reading and hashing one file for the pool (pool.c): reads sized for the
 * cache, a reader thread that overlaps reading with hashing for a big file
 * when a core is free, and the checks that what was hashed is the file:
 * sparse files are refused before any byte is hashed, and a file whose size
 * or modification time changed while it was read, or that gave fewer or
 * more bytes than its size, is an error, not a hash.
 *
 * Measured on a 512 MiB file in the page cache (2 shared cores, SHA-NI,
 * medians of 7 runs, CPU time since the machine was busy): reads of 64,
 * 128, 256 KiB and 1 MiB on one thread cost 0.43, 0.43, 0.44 and 0.44 s
 * of CPU, as openssl dgst (8 KiB reads) does, 0.44 s: the read size hardly
 * matters here, and 128 KiB stays well inside L2. Hashing is 0.29-0.32 s
 * of it and copying from the page cache the rest, so overlapping the two
 * on a second core is what can bring the wall time down to the hash alone.
 * Measured gain of the reader thread (the second path, checked against the
 * first by test_hash): in the quietest moment of the shared machine, 0.39-
 * 0.40 s against 0.43-0.44 s on one thread (1.10x); when the other core is
 * busy the two threads take turns and gain nothing (bench/hash.sh median
 * 0.43 s, openssl 0.40 s). Mapping the file instead (mmap + MADV_SEQUENTIAL) cost
 * 0.51 s of CPU in page faults, and a file truncated while mapped raises
 * SIGBUS, which a library cannot handle: reading it is. */
#include "scan.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* strerror() may share a buffer between threads. */
static const char *errtext(int e, char *buf, size_t n)
{
    return strerror_r(e, buf, n); /* the GNU variant (_GNU_SOURCE) */
}

bool trop_sparse(const struct stat *st)
{
    uint64_t size = (uint64_t)st->st_size, alloc = (uint64_t)st->st_blocks * 512u;
    return size >= TROP_SPARSE_MIN && alloc < size / TROP_SPARSE_RATIO;
}

/* ---- One thread: read, then hash, in turn --------------------------------- */

/* Reads up to len bytes; -1 with errno on failure, 0 at the end. */
static ssize_t read_some(int fd, unsigned char *buf, size_t len)
{
    ssize_t r;
    do
        r = read(fd, buf, len);
    while (r < 0 && errno == EINTR);
    return r;
}

typedef struct run {
    trop_hashio *io;
    trop_sha256 h;
    uint64_t total; /* bytes hashed */
    int rd_errno;   /* a read failed with this */
    int rc;         /* TRO_ENOMEM, or the digest's error */
} run;

static bool canceled(const run *r)
{
    return atomic_load_explicit(r->io->cancel, memory_order_relaxed);
}

static void consume(run *r, const unsigned char *b, size_t n)
{
    r->io->hashed += n;
    if (!r->rc && (r->rc = trop_sha256_update(&r->h, b, n)))
        snprintf(r->io->why, sizeof r->io->why, "SHA-256 update failed in OpenSSL");
    r->total += n;
    atomic_fetch_add_explicit(r->io->done, n, memory_order_relaxed);
}

static void serial(run *r, int fd)
{
    for (;;) {
        if (canceled(r) || r->rc)
            return;
        ssize_t n = read_some(fd, r->io->buf, TROP_HASH_READ);
        if (n < 0)
            r->rd_errno = errno;
        if (n <= 0)
            return;
        consume(r, r->io->buf, (size_t)n);
    }
}

/* ---- Two threads: a reader fills slots while the hasher empties them ------ */

typedef struct ring {
    pthread_mutex_t mu;
    pthread_cond_t filled, emptied;
    int fd;
    unsigned char *buf;
    size_t len[TROP_HASH_SLOTS];
    uint64_t head, tail; /* slots filled and emptied so far */
    bool end, stop;      /* under mu: the reader is done; the hasher gave up */
    int rd_errno;
} ring;

static void *reader(void *arg)
{
    ring *g = arg;
    pthread_mutex_lock(&g->mu);
    for (;;) {
        if (!g->stop && g->head - g->tail == TROP_HASH_SLOTS)
            while (!g->stop && g->head - g->tail > TROP_HASH_SLOTS / 2)
                pthread_cond_wait(&g->emptied, &g->mu);
        if (g->stop)
            break;
        size_t slot = (size_t)(g->head % TROP_HASH_SLOTS);
        pthread_mutex_unlock(&g->mu);
        ssize_t n = read_some(g->fd, g->buf + slot * TROP_HASH_READ, TROP_HASH_READ);
        int e = errno;
        pthread_mutex_lock(&g->mu);
        if (n <= 0) {
            g->rd_errno = n < 0 ? e : 0;
            break;
        }
        g->len[slot] = (size_t)n;
        g->head++;
        pthread_cond_signal(&g->filled);
    }
    g->end = true;
    pthread_cond_signal(&g->filled);
    pthread_mutex_unlock(&g->mu);
    return NULL;
}

static void hasher(run *r, ring *g)
{
    pthread_mutex_lock(&g->mu);
    for (;;) {
        while (g->head == g->tail && !g->end)
            pthread_cond_wait(&g->filled, &g->mu);
        if (g->head == g->tail || canceled(r) || r->rc)
            break;
        size_t slot = (size_t)(g->tail % TROP_HASH_SLOTS);
        pthread_mutex_unlock(&g->mu);
        consume(r, g->buf + slot * TROP_HASH_READ, g->len[slot]);
        pthread_mutex_lock(&g->mu);
        g->tail++;
        /* the reader, faster than the hash, waits for a full ring to drain:
         * wake it once half the slots are free, not for every slot */
        if (g->head - g->tail == TROP_HASH_SLOTS / 2)
            pthread_cond_signal(&g->emptied);
    }
    g->stop = true;
    r->rd_errno = g->rd_errno;
    pthread_cond_signal(&g->emptied);
    pthread_mutex_unlock(&g->mu);
}

/* false when no reader thread could be started (nothing was read). */
static bool overlapped(run *r, int fd)
{
    ring g = {.fd = fd, .buf = r->io->ring};
    pthread_t t;
    if (pthread_mutex_init(&g.mu, NULL))
        return false;
    bool ok = false;
    if (!pthread_cond_init(&g.filled, NULL)) {
        if (!pthread_cond_init(&g.emptied, NULL)) {
            if ((ok = pthread_create(&t, NULL, reader, &g) == 0)) {
                hasher(r, &g);
                pthread_join(t, NULL);
            }
            pthread_cond_destroy(&g.emptied);
        }
        pthread_cond_destroy(&g.filled);
    }
    pthread_mutex_destroy(&g.mu);
    return ok;
}

/* ---- One file --------------------------------------------------------------- */

static bool same_file(const struct stat *a, const struct stat *b)
{
    return a->st_size == b->st_size && a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
           a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* The finding for a file that changed; TROP_HASH_KEPT or TRO_ENOMEM. */
static int changed(tro_artifact *a, const struct stat *before, const struct stat *after,
                   uint64_t total, bool have_after)
{
    const char *what = !have_after ? "could not be checked after reading"
                       : before->st_size != after->st_size ? "its size changed"
                       : !same_file(before, after)         ? "its modification time changed"
                       : total < (uint64_t)before->st_size ? "fewer bytes were read than its size"
                                                           : "more bytes were read than its size";
    return trop_artifact_finding(a, TRO_SEVERITY_ERROR, "file-changed", -1,
                                 "%s: changed while it was hashed (%s: %llu bytes before, %llu "
                                 "bytes read, %llu after); not hashed",
                                 a->path, what, (unsigned long long)before->st_size,
                                 (unsigned long long)total,
                                 (unsigned long long)(have_after ? after->st_size : 0))
               ? TRO_ENOMEM
               : TROP_HASH_KEPT;
}

int trop_hash_file(trop_hashio *io, int fd, tro_artifact *a, const struct stat *before,
                   bool overlap)
{
    run r = {.io = io};
    char eb[128];
    io->hashed = 0;
    if ((r.rc = trop_sha256_init_md(&r.h, io->md))) {
        snprintf(io->why, sizeof io->why, "%s: %sSHA-256 could not be set up in OpenSSL", a->path,
                 r.rc == TRO_ENOMEM ? "out of memory: " : "");
        return r.rc;
    }
    if (lseek(fd, 0, SEEK_SET) != 0)
        r.rd_errno = errno;
    else if (!overlap || !io->ring || !overlapped(&r, fd))
        serial(&r, fd);
    if (r.rc || canceled(&r)) {
        trop_sha256_abort(&r.h);
        return r.rc;
    }
    if (r.rd_errno) {
        trop_sha256_abort(&r.h);
        return trop_artifact_finding(a, TRO_SEVERITY_ERROR, "read-error", (int64_t)r.total,
                                     "%s: read failed at byte %llu: %s", a->path,
                                     (unsigned long long)r.total, errtext(r.rd_errno, eb, sizeof eb))
                   ? TRO_ENOMEM
                   : TROP_HASH_DROP;
    }
    struct stat after;
    bool have_after = fstat(fd, &after) == 0;
    if (!have_after || !same_file(before, &after) || r.total != (uint64_t)before->st_size) {
        trop_sha256_abort(&r.h);
        return changed(a, before, &after, r.total, have_after);
    }
    if ((r.rc = trop_sha256_final(&r.h, a->sha256))) {
        snprintf(io->why, sizeof io->why, "%s: SHA-256 could not be finished in OpenSSL", a->path);
        return r.rc;
    }
    a->hashed = true;
    return TROP_HASHED;
}

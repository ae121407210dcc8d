/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The hashing pool: worker threads open, read and hash the files the walk
 * listed, biggest first; the calling thread reports progress and handles
 * cancellation. Results do not depend on the number of workers: each worker
 * writes only its own artifact, and the release is sorted afterwards.
 *
 * Every core stays busy: with as many files as workers, each worker reads
 * and hashes its own; a big file met while a core is idle (one file, or the
 * last ones) gets a reader thread beside its hasher (hashfile.c). With one
 * worker and no progress callback the work runs on the calling thread. */
#include "scan.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Files smaller than this are read and hashed on one thread: a reader
 * thread costs more than it saves. */
#define OVERLAP_MIN (8ull << 20)

typedef struct pool {
    tro_release *rel;
    const tro_ctx *ctx;
    const EVP_MD *md;
    trop_job **order; /* biggest first */
    size_t n;
    atomic_size_t next; /* next job to take */
    atomic_bool cancel;
    atomic_uint_fast64_t done; /* bytes processed, for progress */
    atomic_uint busy;          /* threads reading or hashing: workers and readers */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    unsigned running; /* under mu */
    int fatal;        /* under mu: first ENOMEM or similar */
    char why[256];    /* under mu: what failed, with fatal */
} pool;

/* strerror() may share a buffer between threads; workers use this. */
static const char *errtext(int e, char *buf, size_t n)
{
    return strerror_r(e, buf, n); /* the GNU variant (_GNU_SOURCE) */
}

static void set_fatal(pool *p, int rc, const char *why)
{
    pthread_mutex_lock(&p->mu);
    if (!p->fatal) {
        p->fatal = rc;
        snprintf(p->why, sizeof p->why, "%s", why && *why ? why : tro_strerror(rc));
    }
    pthread_mutex_unlock(&p->mu);
    atomic_store(&p->cancel, true);
}

/* Whether a reader thread may join this worker for a file of size bytes:
 * the file is big and fewer threads than ctx->threads are busy. Counts the
 * reader as busy when it says yes. */
static bool take_reader(pool *p, uint64_t size)
{
    if (size < OVERLAP_MIN)
        return false;
    unsigned b = atomic_load(&p->busy);
    while (b < p->ctx->threads)
        if (atomic_compare_exchange_weak(&p->busy, &b, b + 1))
            return true;
    return false;
}

/* Hashes the open file (its stat in st): a TROP_HASH* value or TRO_ENOMEM. */
static int hash_one(pool *p, trop_hashio *io, int fd, tro_artifact *a, const struct stat *st)
{
    bool overlap = take_reader(p, (uint64_t)st->st_size);
    if (overlap && !io->ring && !(io->ring = malloc(TROP_HASH_SLOTS * TROP_HASH_READ))) {
        atomic_fetch_sub(&p->busy, 1);
        overlap = false; /* no room for the slots: read on this thread */
    }
    int rc = trop_hash_file(io, fd, a, st, overlap);
    if (overlap)
        atomic_fetch_sub(&p->busy, 1);
    return rc;
}

/* The finding for a sparse file, which is not hashed. */
static int sparse(tro_artifact *a, const struct stat *st)
{
    return trop_artifact_finding(
        a, TRO_SEVERITY_ERROR, "sparse-file", -1,
        "%s: sparse file: %llu bytes, of which %llu are allocated on disk; not hashed "
        "(TRO_SCAN_HASH_SPARSE, --hash-sparse: hash it anyway)",
        a->path, (unsigned long long)st->st_size, (unsigned long long)st->st_blocks * 512u);
}

/* Reads and hashes one file. Returns 0, or TRO_ENOMEM (fatal for the scan,
 * io->why says why); files that cannot be read are marked failed with a
 * finding, files that changed or are sparse stay unhashed with one. */
static int process(pool *p, trop_job *j, trop_hashio *io)
{
    tro_artifact *a = j->a;
    int rc = 0;
    io->hashed = 0;
    /* O_NONBLOCK: if the file was replaced by a FIFO since the walk,
     * opening it must not wait for a writer. */
    int fd = open(a->fs_path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    struct stat st;
    char eb[128];
    if (fd < 0 || fstat(fd, &st) != 0) {
        rc = trop_artifact_finding(a, TRO_SEVERITY_ERROR, "read-error", -1, "%s: cannot open: %s",
                                   a->path, errtext(errno, eb, sizeof eb));
        j->failed = true;
        goto done;
    }
    if (!S_ISREG(st.st_mode)) {
        rc = trop_artifact_finding(a, TRO_SEVERITY_WARNING, "not-regular-file", -1,
                                   "%s: no longer a regular file; skipped", a->path);
        j->failed = true;
        goto done;
    }
    a->size = (uint64_t)st.st_size;
    bool hash = !(p->ctx->flags & TRO_SCAN_NO_HASH);
    if (hash && !(p->ctx->flags & TRO_SCAN_HASH_SPARSE) && trop_sparse(&st)) {
        if ((rc = sparse(a, &st)))
            goto done;
        hash = false;
    }
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    trop_src src = {.name = a->path, .size = a->size, .fd = fd};
    rc = trop_artifact_read(p->ctx, a, &src);
    if (rc == TRO_EIO) { /* finding added by trop_artifact_read */
        j->failed = true;
        rc = 0;
        goto done;
    }
    if (rc || !hash)
        goto done;
    rc = hash_one(p, io, fd, a, &st);
    if (rc == TROP_HASH_DROP)
        j->failed = true;
    if (rc > 0)
        rc = 0;
done:
    if (fd >= 0)
        close(fd);
    /* progress counts the size the walk announced, whatever was read */
    if (io->hashed < j->size)
        atomic_fetch_add_explicit(&p->done, j->size - io->hashed, memory_order_relaxed);
    if (rc && !*io->why)
        snprintf(io->why, sizeof io->why, "%s: %s", a->path, tro_strerror(rc));
    return rc;
}

static void *worker(void *arg)
{
    pool *p = arg;
    trop_hashio io = {.md = p->md, .cancel = &p->cancel, .done = &p->done};
    if (!(p->ctx->flags & TRO_SCAN_NO_HASH) && !(io.buf = malloc(TROP_HASH_READ)))
        set_fatal(p, TRO_ENOMEM, "out of memory for a read buffer");
    while (!atomic_load(&p->cancel)) {
        size_t i = atomic_fetch_add(&p->next, 1);
        if (i >= p->n)
            break;
        io.why[0] = '\0';
        int rc = process(p, p->order[i], &io);
        if (rc)
            set_fatal(p, rc, io.why);
    }
    atomic_fetch_sub(&p->busy, 1);
    free(io.buf);
    free(io.ring);
    pthread_mutex_lock(&p->mu);
    p->running--;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static int cmp_job(const void *pa, const void *pb)
{
    const trop_job *a = *(trop_job *const *)pa, *b = *(trop_job *const *)pb;
    if (a->size != b->size)
        return a->size > b->size ? -1 : 1;
    return strcmp(a->a->path, b->a->path);
}

/* Waits for the workers, reporting progress about ten times a second. */
static int supervise(pool *p, trop_ticker *tick, uint64_t total)
{
    int rc = 0;
    pthread_mutex_lock(&p->mu);
    while (p->running > 0) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_nsec += 100000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&p->cv, &p->mu, &ts);
        if (rc || p->running == 0)
            continue;
        pthread_mutex_unlock(&p->mu);
        rc = trop_tick(tick, atomic_load(&p->done), total, false);
        if (rc)
            atomic_store(&p->cancel, true);
        pthread_mutex_lock(&p->mu);
    }
    pthread_mutex_unlock(&p->mu);
    return rc;
}

static int init_sync(pool *p)
{
    if (pthread_mutex_init(&p->mu, NULL) != 0)
        return TRO_ENOMEM;
    pthread_condattr_t ca;
    int rc = pthread_condattr_init(&ca);
    if (!rc) {
        rc = pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) || pthread_cond_init(&p->cv, &ca);
        pthread_condattr_destroy(&ca);
    }
    if (rc) {
        pthread_mutex_destroy(&p->mu);
        return TRO_ENOMEM;
    }
    return TRO_OK;
}

static int start_workers(pool *p, pthread_t *tids, unsigned want, unsigned *started)
{
    *started = 0;
    for (unsigned i = 0; i < want; i++) {
        pthread_mutex_lock(&p->mu);
        p->running++;
        pthread_mutex_unlock(&p->mu);
        if (pthread_create(&tids[i], NULL, worker, p) != 0) {
            pthread_mutex_lock(&p->mu);
            p->running--;
            pthread_mutex_unlock(&p->mu);
            break; /* go on with fewer workers */
        }
        (*started)++;
    }
    return *started ? TRO_OK : TRO_ENOMEM;
}

static int drop_failed(tro_release *rel, trop_jobs *js)
{
    size_t nfail = 0;
    for (size_t i = 0; i < js->list.n; i++)
        nfail += js->list.v[i].failed;
    if (!nfail)
        return TRO_OK;
    tro_artifact **drop = malloc(nfail * sizeof *drop);
    if (!drop)
        return TRO_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < js->list.n; i++)
        if (js->list.v[i].failed)
            drop[k++] = js->list.v[i].a;
    int rc = trop_release_drop(rel, drop, nfail, true);
    free(drop);
    return rc;
}

/* Runs the workers: on the calling thread when there is one and nobody
 * watches progress, else on threads while this one reports progress. */
static int run_workers(pool *p, trop_ticker *tick, uint64_t total, unsigned want)
{
    /* every worker counts as busy from the start, so that the first to meet
     * a big file does not take a reader thread a later worker needs */
    atomic_store(&p->busy, want);
    if (want == 1 && !p->ctx->progress) {
        p->running = 1;
        worker(p);
        return 0;
    }
    pthread_t *tids = calloc(want, sizeof *tids);
    unsigned started = 0;
    int rc = tids ? start_workers(p, tids, want, &started) : TRO_ENOMEM;
    if (started < want) /* fewer threads than planned: the others never ran */
        atomic_fetch_sub(&p->busy, want - started);
    if (!rc)
        rc = supervise(p, tick, total);
    for (unsigned i = 0; i < started; i++)
        pthread_join(tids[i], NULL);
    free(tids);
    return rc;
}

int trop_pool_run(tro_release *rel, trop_jobs *js, trop_ticker *tick, tro_error *err)
{
    const tro_ctx *ctx = rel->ctx;
    unsigned want = ctx->threads < js->list.n ? ctx->threads : (unsigned)js->list.n;
    pool p = {.rel = rel, .ctx = ctx, .n = js->list.n};
    EVP_MD *md = NULL;
    atomic_init(&p.next, 0);
    atomic_init(&p.cancel, false);
    atomic_init(&p.done, 0);
    atomic_init(&p.busy, 0);
    p.order = malloc(js->list.n * sizeof *p.order);
    int rc = TRO_ENOMEM;
    if (!p.order || init_sync(&p) != 0)
        goto done;
    /* OpenSSL is set up here, once, before any worker needs it */
    if (!(ctx->flags & TRO_SCAN_NO_HASH) && (rc = trop_sha256_fetch(&md, p.why, sizeof p.why))) {
        pthread_cond_destroy(&p.cv);
        pthread_mutex_destroy(&p.mu);
        trop_error_set(err, rc, -1, "%s: %sSHA-256 is not available from OpenSSL: %s", rel->name,
                       rc == TRO_ENOMEM ? "out of memory: " : "", p.why);
        goto done_quiet;
    }
    p.md = md;
    for (size_t i = 0; i < js->list.n; i++)
        p.order[i] = &js->list.v[i];
    qsort(p.order, js->list.n, sizeof *p.order, cmp_job);

    if ((rc = trop_tick(tick, 0, js->bytes, true)) == 0)
        rc = run_workers(&p, tick, js->bytes, want);
    pthread_cond_destroy(&p.cv);
    pthread_mutex_destroy(&p.mu);
    if (!rc && p.fatal) {
        trop_error_set(err, p.fatal, -1, "%s: %s", rel->name, p.why);
        rc = p.fatal;
        goto done_quiet;
    }
    if (!rc)
        rc = drop_failed(rel, js);
    if (!rc)
        (void)trop_tick(tick, js->bytes, js->bytes, true); /* finished: cannot cancel now */
done:
    if (rc)
        trop_error_set(err, rc, -1, "%s: %s", rel->name, tro_strerror(rc));
done_quiet:
    trop_sha256_md_free(md);
    free(p.order);
    return rc;
}

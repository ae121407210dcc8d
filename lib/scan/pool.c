/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The hashing pool: worker threads open, read and hash the files the walk
 * listed, biggest first; the calling thread reports progress and handles
 * cancellation. Results do not depend on the number of workers: each worker
 * writes only its own artifact, and the release is sorted afterwards. */
#include "scan.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Per-worker read buffer. Big enough that syscalls cost nothing next to
 * SHA-256, small enough to stay in L2 while it is hashed; the total over
 * all workers is capped so memory never depends on the thread count. */
#define BUF_SIZE (1u << 20)
#define BUF_TOTAL_MAX (16u << 20)
#define BUF_MIN (128u << 10)

typedef struct pool {
    tro_release *rel;
    const tro_ctx *ctx;
    trop_job **order; /* biggest first */
    size_t n;
    size_t bufsize;
    atomic_size_t next; /* next job to take */
    atomic_bool cancel;
    atomic_uint_fast64_t done; /* bytes processed, for progress */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    unsigned running; /* under mu */
    int fatal;        /* under mu: first ENOMEM or similar */
} pool;

/* strerror() may share a buffer between threads; workers use this. */
static const char *errtext(int e, char *buf, size_t n)
{
    return strerror_r(e, buf, n); /* the GNU variant (_GNU_SOURCE) */
}

static void set_fatal(pool *p, int rc)
{
    pthread_mutex_lock(&p->mu);
    if (!p->fatal)
        p->fatal = rc;
    pthread_mutex_unlock(&p->mu);
    atomic_store(&p->cancel, true);
}

/* Streams the whole file through SHA-256. 1 when the read failed (finding
 * added), TRO_ENOMEM, or 0. */
static int hash_fd(pool *p, int fd, tro_artifact *a, unsigned char *buf, uint64_t *hashed)
{
    trop_sha256 h;
    int rc = trop_sha256_init(&h);
    if (rc)
        return rc;
    uint64_t total = 0;
    for (;;) {
        if (atomic_load_explicit(&p->cancel, memory_order_relaxed)) {
            trop_sha256_abort(&h);
            return 0;
        }
        ssize_t r = read(fd, buf, p->bufsize);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            char eb[128];
            trop_sha256_abort(&h);
            *hashed = total;
            return trop_artifact_finding(a, TRO_SEVERITY_ERROR, "read-error", (int64_t)total,
                                         "%s: read failed at byte %llu: %s", a->path,
                                         (unsigned long long)total, errtext(errno, eb, sizeof eb))
                       ? TRO_ENOMEM
                       : 1;
        }
        if (r == 0)
            break;
        if ((rc = trop_sha256_update(&h, buf, (size_t)r))) {
            trop_sha256_abort(&h);
            return rc;
        }
        total += (uint64_t)r;
        atomic_fetch_add_explicit(&p->done, (uint64_t)r, memory_order_relaxed);
    }
    *hashed = total;
    if ((rc = trop_sha256_final(&h, a->sha256)))
        return rc;
    a->hashed = true;
    if (total != a->size &&
        trop_artifact_finding(a, TRO_SEVERITY_WARNING, "file-changed", -1,
                              "%s: size changed while it was read (%llu bytes, then %llu "
                              "hashed)",
                              a->path, (unsigned long long)a->size, (unsigned long long)total))
        return TRO_ENOMEM;
    a->size = total;
    return 0;
}

/* Reads and hashes one file. Returns 0, or TRO_ENOMEM (fatal for the scan);
 * files that cannot be read are marked failed with a finding. */
static int process(pool *p, trop_job *j, unsigned char *buf)
{
    tro_artifact *a = j->a;
    uint64_t hashed = 0;
    int rc = 0;
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
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    trop_src src = {.name = a->path, .size = a->size, .fd = fd};
    rc = trop_artifact_read(p->ctx, a, &src);
    if (rc == TRO_EIO) { /* finding added by trop_artifact_read */
        j->failed = true;
        rc = 0;
        goto done;
    }
    if (rc || (p->ctx->flags & TRO_SCAN_NO_HASH))
        goto done;
    rc = hash_fd(p, fd, a, buf, &hashed);
    if (rc == 1) {
        j->failed = true;
        rc = 0;
    }
done:
    if (fd >= 0)
        close(fd);
    /* progress counts the size the walk announced, whatever was read */
    if (hashed < j->size)
        atomic_fetch_add_explicit(&p->done, j->size - hashed, memory_order_relaxed);
    return rc ? TRO_ENOMEM : 0;
}

static void *worker(void *arg)
{
    pool *p = arg;
    unsigned char *buf = (p->ctx->flags & TRO_SCAN_NO_HASH) ? NULL : malloc(p->bufsize);
    if (!buf && !(p->ctx->flags & TRO_SCAN_NO_HASH))
        set_fatal(p, TRO_ENOMEM);
    while (!atomic_load(&p->cancel)) {
        size_t i = atomic_fetch_add(&p->next, 1);
        if (i >= p->n)
            break;
        int rc = process(p, p->order[i], buf);
        if (rc)
            set_fatal(p, rc);
    }
    free(buf);
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
    for (size_t i = 0; i < js->n; i++)
        nfail += js->v[i].failed;
    if (!nfail)
        return TRO_OK;
    tro_artifact **drop = malloc(nfail * sizeof *drop);
    if (!drop)
        return TRO_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < js->n; i++)
        if (js->v[i].failed)
            drop[k++] = js->v[i].a;
    int rc = trop_release_drop(rel, drop, nfail, true);
    free(drop);
    return rc;
}

int trop_pool_run(tro_release *rel, trop_jobs *js, trop_ticker *tick, tro_error *err)
{
    const tro_ctx *ctx = rel->ctx;
    unsigned want = ctx->threads < js->n ? ctx->threads : (unsigned)js->n;
    pool p = {.rel = rel, .ctx = ctx, .n = js->n};
    p.bufsize = BUF_TOTAL_MAX / want < BUF_SIZE ? BUF_TOTAL_MAX / want : BUF_SIZE;
    if (p.bufsize < BUF_MIN)
        p.bufsize = BUF_MIN;
    atomic_init(&p.next, 0);
    atomic_init(&p.cancel, false);
    atomic_init(&p.done, 0);
    pthread_t *tids = calloc(want, sizeof *tids);
    p.order = malloc(js->n * sizeof *p.order);
    unsigned started = 0;
    int rc = TRO_ENOMEM;
    if (!tids || !p.order || init_sync(&p) != 0)
        goto done;
    for (size_t i = 0; i < js->n; i++)
        p.order[i] = &js->v[i];
    qsort(p.order, js->n, sizeof *p.order, cmp_job);

    if ((rc = trop_tick(tick, 0, js->bytes, true)) == 0 &&
        (rc = start_workers(&p, tids, want, &started)) == 0)
        rc = supervise(&p, tick, js->bytes);
    for (unsigned i = 0; i < started; i++)
        pthread_join(tids[i], NULL);
    pthread_cond_destroy(&p.cv);
    pthread_mutex_destroy(&p.mu);
    if (!rc)
        rc = p.fatal;
    if (!rc)
        rc = drop_failed(rel, js);
    if (!rc)
        (void)trop_tick(tick, js->bytes, js->bytes, true); /* finished: cannot cancel now */
done:
    if (rc)
        trop_error_set(err, rc, -1, "%s: %s", rel->name, tro_strerror(rc));
    free(p.order);
    free(tids);
    return rc;
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* tro_scan(): decides what a path is (directory, archive, single file) and
 * runs the matching pipeline, then the cross-checks. */
#include "scan.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TICK_NS 100000000ull /* 10 reports a second */

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void trop_ticker_init(trop_ticker *t, const tro_ctx *ctx)
{
    t->ctx = ctx;
    t->next_ns = 0;
}

int trop_tick(trop_ticker *t, uint64_t done, uint64_t total, bool force)
{
    if (!t->ctx->progress)
        return 0;
    uint64_t now = now_ns();
    if (!force && now < t->next_ns)
        return 0;
    t->next_ns = now + TICK_NS;
    if (done > total)
        done = total;
    return t->ctx->progress(done, total, t->ctx->progress_userdata) ? TRO_ECANCELED : 0;
}

char *trop_name_printable(const char *name)
{
    size_t n = strlen(name);
    char *out = malloc(4 * n + 1); /* every byte may become \xNN */
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)name[i];
        size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (c >= 0x20 && c != 0x7f && i + len <= n && trop_utf8_valid(name + i, len)) {
            memcpy(out + o, name + i, len);
            o += len;
            i += len;
            continue;
        }
        o += (size_t)snprintf(out + o, 5, "\\x%02x", c);
        i++;
    }
    out[o] = '\0';
    return out;
}

int trop_jobs_add(trop_jobs *js, tro_release *rel, const char *path, const char *fs_path,
                  uint64_t size)
{
    if (trop_vec_reserve(&js->list, 1))
        return TRO_ENOMEM;
    tro_artifact *a = trop_release_add(rel, path, size);
    if (!a)
        return TRO_ENOMEM;
    if (!(a->fs_path = trop_strdup(fs_path)))
        return TRO_ENOMEM; /* a stays in rel, freed with it */
    js->list.v[js->list.n++] = (trop_job){.a = a, .size = size, .failed = false};
    js->bytes += size;
    return TRO_OK;
}

void trop_jobs_free(trop_jobs *js)
{
    trop_vec_free(&js->list);
}

static const char *base_name(const char *path)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    const char *s = path + n;
    while (s > path && s[-1] != '/')
        s--;
    return s;
}

/* A single regular file: an archive streamed into many artifacts, or one
 * artifact named by its basename. */
static int scan_file(tro_release *rel, const char *path, trop_jobs *js, trop_ticker *tick,
                     tro_error *err)
{
    /* O_NONBLOCK: the path was a regular file at stat() time, but if it was
     * swapped for a FIFO since, opening must not block. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return trop_error_set(err, TRO_EIO, -1, "%s: cannot open: %s", path, strerror(errno));
    int rc = TRO_OK;
    struct stat st;
    unsigned char head[TROP_DETECT_HEAD];
    ssize_t n = 0;
    errno = 0;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (n = pread(fd, head, sizeof head, 0)) < 0) {
        rc = trop_error_set(err, TRO_EIO, -1, "%s: cannot read: %s", path,
                            errno ? strerror(errno) : "not a regular file");
        goto done;
    }
    const char *base = base_name(path);
    trop_archive_kind kind = trop_archive_kind_of(base, head, (size_t)n, (uint64_t)st.st_size);
    bool not_archive = kind == TROP_NOT_ARCHIVE;
    if (kind != TROP_NOT_ARCHIVE) {
        rc = trop_archive_scan(rel, fd, (uint64_t)st.st_size, kind, tick, &not_archive, err);
        if (rc)
            goto done;
    }
    if (not_archive && (rc = trop_jobs_add(js, rel, base, path, (uint64_t)st.st_size)))
        rc = trop_error_set(err, rc, -1, "%s: out of memory", path);
done:
    close(fd);
    return rc;
}

int tro_scan(tro_ctx *ctx, const char *path, tro_release **out, tro_error *err)
{
    if (!out)
        return trop_error_set(err, TRO_EINVAL, -1, "tro_scan: out is NULL");
    *out = NULL;
    if (!ctx || !path || !*path)
        return trop_error_set(err, TRO_EINVAL, -1, "tro_scan: %s is NULL or empty",
                              ctx ? "path" : "ctx");
    struct stat st;
    if (stat(path, &st) != 0)
        return trop_error_set(err, TRO_EIO, -1, "%s: %s", path, strerror(errno));
    if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode))
        return trop_error_set(err, TRO_EIO, -1, "%s: not a regular file or directory", path);

    tro_release *rel = NULL;
    trop_jobs js = {0};
    trop_ticker tick;
    trop_ticker_init(&tick, ctx);
    int rc = tro_release_new(&rel, ctx, path);
    if (rc) {
        trop_error_set(err, rc, -1, "%s: out of memory", path);
        goto done;
    }
    bool oom = false;
    char *snap = S_ISDIR(st.st_mode) ? trop_hf_repo_snapshot(path, &oom) : NULL;
    char example[600];
    int repos = S_ISDIR(st.st_mode) && !snap && !oom
                    ? trop_hf_cache_root(path, example, sizeof example)
                    : 0;
    if (oom)
        rc = trop_error_set(err, TRO_ENOMEM, -1, "%s: out of memory", path);
    else if (repos)
        rc = trop_error_set(err, TRO_EINVAL, -1,
                            "%s: a Hugging Face cache holding %d repositories, not one release: "
                            "name one of them (such as %s)",
                            path, repos, example);
    else if (S_ISDIR(st.st_mode)) /* a cache repository: its current snapshot */
        rc = trop_walk(rel, snap ? snap : path, &js, &tick, err);
    else
        rc = scan_file(rel, path, &js, &tick, err);
    free(snap);
    if (!rc && js.list.n)
        rc = trop_pool_run(rel, &js, &tick, err);
    if (!rc && (rc = trop_hf_blob_check(rel)))
        trop_error_set(err, rc, -1, "%s: out of memory", path);
    if (!rc && ((rc = trop_release_crosscheck(rel)) || (rc = trop_release_finish(rel))))
        trop_error_set(err, rc, -1, "%s: %s", path, tro_strerror(rc));
done:
    trop_jobs_free(&js);
    if (rc) {
        tro_release_free(rel);
        return rc;
    }
    *out = rel;
    return TRO_OK;
}

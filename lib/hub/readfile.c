/* Reading one file of a repository opened on the Hub (open.c's workers):
 * from the user's cache when it holds the file, else metadata whole and
 * weights by range; the hash from the Hub's LFS metadata, or computed
 * (and, for --download-hash, streamed and compared). */
#include "hub.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define WEIGHTS_EXTRA (8u << 20) /* read past a header's declared end: GGUF tensor infos */

/* ---- Findings from workers ----------------------------------------------------- */

static void note_gated(trop_hub_opener *o)
{
    pthread_mutex_lock(&o->mu);
    if (!o->gated_noted) {
        o->gated_noted = true;
        if (trop_release_finding(
                o->rel, TRO_SEVERITY_ERROR, "hub-gated", "", -1,
                "%s is gated or private: its files cannot be read without access; set HF_TOKEN "
                "to a token of an account that accepted its terms on %s/%s%s",
                o->ref.id, o->hub->endpoint, o->ref.kind == TRO_REF_DATASET ? "datasets/" : "",
                o->ref.id) &&
            !o->fatal)
            o->fatal = TRO_ENOMEM;
    }
    pthread_mutex_unlock(&o->mu);
}

/* A file that could not be had: listed unread, with why. */
static int unread(trop_hub_opener *o, tro_artifact *a, int rc, const char *why)
{
    if (rc == TRO_EACCESS) {
        note_gated(o);
        return 0;
    }
    if (rc == TRO_ENOMEM)
        return rc;
    return trop_artifact_finding(a, TRO_SEVERITY_ERROR, "hub-fetch-failed", -1,
                                 "%s: could not be read from the Hub: %s", a->path, why);
}

/* ---- Hashing ------------------------------------------------------------------- */

void trop_hub_lfs_hash(tro_artifact *a, const trop_hub_file *f)
{
    if (!f->lfs)
        return;
    memcpy(a->sha256, f->lfs_sha256, sizeof a->sha256);
    a->hashed = true;
    a->sha256_hub = true;
}

/* The SHA-256 of bytes at hand; for an LFS file, checked against the Hub's. */
static int computed_hash(tro_artifact *a, const trop_hub_file *f, const char *hex)
{
    memcpy(a->sha256, hex, 65);
    a->hashed = true;
    a->sha256_hub = false;
    if (f->lfs && strcmp(hex, f->lfs_sha256))
        return trop_artifact_finding(a, TRO_SEVERITY_ERROR, "hub-sha256-mismatch", -1,
                                     "%s: its content's SHA-256 is %s, the Hub's LFS metadata "
                                     "says %s",
                                     a->path, hex, f->lfs_sha256);
    return 0;
}

typedef struct stream {
    trop_sha256 h;
    uint64_t n;
    int rc;
} stream;

static int stream_write(void *ud, const void *p, size_t n)
{
    stream *s = ud;
    if (!s->rc)
        s->rc = trop_sha256_update(&s->h, p, n);
    s->n += n;
    return s->rc;
}

static void stream_restart(void *ud)
{
    stream *s = ud;
    trop_sha256_abort(&s->h);
    s->rc = trop_sha256_init(&s->h);
    s->n = 0;
}

/* --download-hash: the whole file through SHA-256, never stored. */
static int download_hash(trop_hub_opener *o, tro_artifact *a, const trop_hub_file *f)
{
    stream s = {.n = 0};
    if (trop_sha256_init(&s.h))
        return TRO_ENOMEM;
    trop_http_sink sink = {stream_write, stream_restart, &s};
    char *url = trop_hub_file_url(o->hub, &o->ref, o->sha, f->path);
    trop_http_req q = {
        .url = url, .max_body = f->size ? f->size : 1, .sink = &sink, .no_total_timeout = true};
    int rc = url ? trop_hub_get(o->hub, &q) : TRO_ENOMEM;
    if (!rc && s.rc)
        rc = s.rc;
    if (!rc && s.n != f->size) {
        snprintf(q.err, sizeof q.err, "%s: %llu bytes received, the tree lists %llu", url,
                 (unsigned long long)s.n, (unsigned long long)f->size);
        rc = TRO_ENETWORK;
    }
    char hex[65];
    if (rc) {
        trop_sha256_abort(&s.h);
        rc = unread(o, a, rc, q.err);
    } else if (!(rc = trop_sha256_final(&s.h, hex))) {
        rc = computed_hash(a, f, hex);
    }
    trop_http_req_clear(&q);
    free(url);
    return rc;
}

/* ---- Reading one file ------------------------------------------------------------ */

/* A file the user's Hugging Face cache holds whole (a downloaded model):
 * read from disk like a scanned file. 1 read, 0 not there, <0 error. */
static int read_local(trop_hub_opener *o, tro_artifact *a, const trop_hub_file *f)
{
    char *p = trop_hub_cache_file(o->hub->hf_cache_dir, &o->ref, o->sha, f->path);
    int fd = p ? open(p, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK) : -1;
    struct stat st;
    free(p);
    if (fd < 0)
        return 0;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size != f->size) {
        close(fd);
        return 0;
    }
    atomic_fetch_add(&o->hub->cache_reads, 1);
    trop_src src = {.name = a->path, .size = f->size, .fd = fd};
    int rc = trop_artifact_read(o->ctx, a, &src);
    bool want =
        !(o->ctx->flags & TRO_SCAN_NO_HASH) && (!f->lfs || (o->flags & TRO_HUB_DOWNLOAD_HASH));
    if (rc == 0 && want) {
        trop_sha256 h;
        char hex[65];
        unsigned char buf[65536];
        ssize_t n;
        off_t at = 0;
        rc = trop_sha256_init(&h);
        while (!rc && (n = pread(fd, buf, sizeof buf, at)) > 0) {
            rc = trop_sha256_update(&h, buf, (size_t)n);
            at += n;
        }
        if (!rc && (uint64_t)at == f->size && !(rc = trop_sha256_final(&h, hex)))
            rc = computed_hash(a, f, hex);
        else
            trop_sha256_abort(&h);
    }
    close(fd);
    return rc == TRO_EIO ? 1 : rc < 0 ? rc : 1;
}

static int read_whole(trop_hub_opener *o, tro_artifact *a, const trop_hub_file *f)
{
    trop_hub_blob b;
    char why[400] = "";
    uint64_t max =
        f->size > o->ctx->limits.max_text_bytes ? TROP_HASH_ALL_MAX : o->ctx->limits.max_text_bytes;
    int rc = trop_hub_fetch_file(o->hub, &o->ref, o->sha, f->path, max, &b, why, sizeof why);
    if (rc)
        return unread(o, a, rc, why);
    if (b.len != f->size)
        rc = trop_artifact_finding(a, TRO_SEVERITY_WARNING, "hub-size-mismatch", -1,
                                   "%s: %zu bytes received, the tree lists %llu", a->path, b.len,
                                   (unsigned long long)f->size);
    a->size = b.len;
    trop_src src = {.name = a->path,
                    .size = b.len,
                    .fd = -1,
                    .data = (const unsigned char *)b.data,
                    .avail = b.len};
    if (!rc)
        rc = trop_artifact_read(o->ctx, a, &src);
    char hex[65];
    if (!rc && !(o->ctx->flags & TRO_SCAN_NO_HASH) && !(rc = trop_sha256_buf(b.data, b.len, hex)))
        rc = computed_hash(a, f, hex);
    free(b.data);
    free(b.local);
    return rc == TRO_EIO ? 0 : rc;
}

/* Hashes a small file outside LFS through its ranges (what HASH_ALL or a
 * weights file stored in git needs). */
static int hash_remote(trop_remote *r, tro_artifact *a, const trop_hub_file *f)
{
    trop_sha256 h;
    unsigned char buf[65536];
    char hex[65];
    int rc = trop_sha256_init(&h);
    for (uint64_t at = 0; !rc && at < f->size;) {
        size_t n = f->size - at < sizeof buf ? (size_t)(f->size - at) : sizeof buf;
        if (!(rc = trop_src_read(trop_remote_src(r), at, buf, n)))
            rc = trop_sha256_update(&h, buf, n);
        at += n;
    }
    if (rc) {
        trop_sha256_abort(&h);
        return rc;
    }
    return (rc = trop_sha256_final(&h, hex)) ? rc : computed_hash(a, f, hex);
}

static bool pytorch_name(const char *p)
{
    return trop_str_iendswith(p, ".bin") || trop_str_iendswith(p, ".pt") ||
           trop_str_iendswith(p, ".pth") || trop_str_iendswith(p, ".ckpt");
}

static int read_ranges(trop_hub_opener *o, tro_artifact *a, const trop_hub_file *f)
{
    trop_remote *r;
    uint64_t max = o->ctx->limits.max_header_bytes + WEIGHTS_EXTRA;
    if (!f->lfs && f->size <= TROP_HASH_ALL_MAX && f->size > max)
        max = f->size;
    int rc = trop_remote_new(&r, o->hub, &o->ref, o->sha, f, max);
    if (rc)
        return rc;
    trop_src zsrc;
    const trop_src *src = trop_remote_src(r);
    int zip = pytorch_name(f->path) ? trop_remote_zip_src(r, &zsrc) : 0;
    if (zip == TRO_ENOMEM) {
        trop_remote_free(r);
        return zip;
    }
    if (zip == 1)
        src = &zsrc;
    if (zip >= 0)
        rc = trop_artifact_read(o->ctx, a, src);
    if (!rc && !f->lfs && !(o->ctx->flags & TRO_SCAN_NO_HASH) && f->size <= TROP_HASH_ALL_MAX)
        rc = hash_remote(r, a, f);
    int why_rc;
    const char *why = trop_remote_error(r, &why_rc);
    if (zip < 0 || rc == TRO_EIO || (rc == 0 && why_rc && why_rc != TRO_ELIMIT))
        rc = unread(o, a, why_rc ? why_rc : TRO_ENETWORK, *why ? why : "read failed");
    trop_remote_keep(r);
    trop_remote_free(r);
    return rc;
}

int trop_hub_read_one(trop_hub_opener *o, const trop_hub_job *j)
{
    tro_artifact *a = j->a;
    const trop_hub_file *f = j->f;
    int rc = j->how == TROP_READ_NONE ? 0 : read_local(o, a, f);
    if (rc == 0 && j->how == TROP_READ_WHOLE)
        rc = read_whole(o, a, f);
    else if (rc == 0 && j->how == TROP_READ_RANGES)
        rc = read_ranges(o, a, f);
    if (rc < 0)
        return rc;
    if (f->lfs && (o->flags & TRO_HUB_DOWNLOAD_HASH) && !(a->hashed && !a->sha256_hub))
        return download_hash(o, a, f);
    return 0;
}

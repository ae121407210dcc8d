/* A Hub repository as a release (tro_hub_open): the tree API lists the
 * files, what the readers need is fetched (metadata whole, weights by
 * range), on max_parallel threads whose requests share the client's
 * connections. Nothing is written to disk but the cache. */
#include "hub.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_PAGES 100000
#define WEIGHTS_EXTRA (8u << 20) /* read past a header's declared end: GGUF tensor infos */
#define HASH_ALL_MAX (64u << 20) /* a file outside LFS is small: the Hub requires LFS above 10 MB  \
                                  */

typedef enum how { READ_NONE, READ_WHOLE, READ_RANGES } how;

typedef struct job {
    tro_artifact *a;
    const trop_hub_file *f;
    how how;
} job;

typedef struct opener {
    tro_hub *hub;
    tro_ctx *ctx;
    trop_hub_ref ref;
    char sha[41];
    unsigned flags;
    tro_release *rel;
    trop_hub_tree tree;
    job *jobs;
    size_t njobs;
    atomic_size_t next;
    pthread_mutex_t mu; /* release-level findings, fatal */
    bool gated_noted;
    int fatal;
} opener;

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static bool ends(const char *s, const char *suffix)
{
    return trop_str_iendswith(s, suffix);
}

static bool license_name(const char *b)
{
    return !strncasecmp(b, "license", 7) || !strncasecmp(b, "licence", 7) ||
           !strncasecmp(b, "copying", 7);
}

/* What the readers need of a file, by its name. */
static how plan_of(const opener *o, const trop_hub_file *f)
{
    const char *b = base_name(f->path);
    bool top = !strchr(f->path, '/');
    if (o->ctx->flags & TRO_SCAN_NO_READERS)
        return READ_NONE;
    if (ends(b, ".safetensors") || ends(b, ".gguf") || ends(b, ".bin") || ends(b, ".pt") ||
        ends(b, ".pth") || ends(b, ".ckpt") || ends(b, ".pkl") || ends(b, ".pickle"))
        return READ_RANGES;
    bool meta =
        license_name(b) || ends(b, ".index.json") ||
        (top && (ends(b, ".md") || ends(b, ".markdown") || ends(b, ".yml") || ends(b, ".yaml") ||
                 !strcasecmp(b, "config.json") || !strcasecmp(b, "adapter_config.json") ||
                 !strcasecmp(b, "datapackage.json") || strcasestr(b, "croissant")));
    if (meta && f->size <= o->ctx->limits.max_text_bytes)
        return READ_WHOLE;
    if ((o->flags & TRO_HUB_HASH_ALL) && !f->lfs && f->size <= HASH_ALL_MAX)
        return READ_WHOLE;
    return READ_NONE;
}

/* ---- Findings from workers ----------------------------------------------------- */

static void note_gated(opener *o)
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
static int unread(opener *o, tro_artifact *a, int rc, const char *why)
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

static void hub_hash(tro_artifact *a, const trop_hub_file *f)
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
static int download_hash(opener *o, tro_artifact *a, const trop_hub_file *f)
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
static int read_local(opener *o, tro_artifact *a, const trop_hub_file *f)
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

static int read_whole(opener *o, tro_artifact *a, const trop_hub_file *f)
{
    trop_hub_blob b;
    char why[400] = "";
    uint64_t max =
        f->size > o->ctx->limits.max_text_bytes ? HASH_ALL_MAX : o->ctx->limits.max_text_bytes;
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
    return ends(p, ".bin") || ends(p, ".pt") || ends(p, ".pth") || ends(p, ".ckpt");
}

static int read_ranges(opener *o, tro_artifact *a, const trop_hub_file *f)
{
    trop_remote *r;
    uint64_t max = o->ctx->limits.max_header_bytes + WEIGHTS_EXTRA;
    if (!f->lfs && f->size <= HASH_ALL_MAX && f->size > max)
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
    if (!rc && !f->lfs && !(o->ctx->flags & TRO_SCAN_NO_HASH) && f->size <= HASH_ALL_MAX)
        rc = hash_remote(r, a, f);
    int why_rc;
    const char *why = trop_remote_error(r, &why_rc);
    if (zip < 0 || rc == TRO_EIO || (rc == 0 && why_rc && why_rc != TRO_ELIMIT))
        rc = unread(o, a, why_rc ? why_rc : TRO_ENETWORK, *why ? why : "read failed");
    trop_remote_keep(r);
    trop_remote_free(r);
    return rc;
}

static int read_one(opener *o, job *j)
{
    tro_artifact *a = j->a;
    const trop_hub_file *f = j->f;
    int rc = j->how == READ_NONE ? 0 : read_local(o, a, f);
    if (rc == 0 && j->how == READ_WHOLE)
        rc = read_whole(o, a, f);
    else if (rc == 0 && j->how == READ_RANGES)
        rc = read_ranges(o, a, f);
    if (rc < 0)
        return rc;
    if (f->lfs && (o->flags & TRO_HUB_DOWNLOAD_HASH) && !(a->hashed && !a->sha256_hub))
        return download_hash(o, a, f);
    return 0;
}

static void *worker(void *arg)
{
    opener *o = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&o->next, 1);
        pthread_mutex_lock(&o->mu);
        bool stop = o->fatal != 0;
        pthread_mutex_unlock(&o->mu);
        if (i >= o->njobs || stop)
            break;
        int rc = read_one(o, &o->jobs[i]);
        if (rc) {
            pthread_mutex_lock(&o->mu);
            if (!o->fatal)
                o->fatal = rc;
            pthread_mutex_unlock(&o->mu);
        }
    }
    return NULL;
}

static int run_jobs(opener *o)
{
    unsigned want = o->hub->http_opts.max_parallel;
    if (want > o->njobs)
        want = (unsigned)o->njobs;
    pthread_t tids[64];
    unsigned started = 0;
    atomic_init(&o->next, 0);
    for (unsigned i = 1; i < want; i++) /* the calling thread is one of them */
        if (pthread_create(&tids[started], NULL, worker, o) == 0)
            started++;
    worker(o);
    for (unsigned i = 0; i < started; i++)
        pthread_join(tids[i], NULL);
    return o->fatal;
}

/* ---- Listing ----------------------------------------------------------------------- */

static int list_tree(opener *o, char *why, size_t whysz)
{
    char name[64];
    snprintf(name, sizeof name, "tree-%s.json", o->sha);
    char *data = NULL;
    size_t len = 0;
    uint64_t max_entries = o->ctx->limits.max_entries;
    int rc =
        trop_hub_cache_get_meta(o->hub->cache_dir, &o->ref, name, UINT64_MAX >> 1, &data, &len);
    if (rc == 1) {
        atomic_fetch_add(&o->hub->cache_reads, 1);
        rc = trop_hub_parse_tree(data, len, max_entries, &o->tree, why, whysz);
        free(data);
        if (!rc)
            return 0;
        trop_hub_tree_clear(&o->tree); /* a damaged cache entry: ask again */
    }
    char *base = trop_hub_api_url(o->hub, &o->ref, "tree", o->sha);
    char *url = base ? trop_asprintf("%s?recursive=true", base) : NULL;
    free(base);
    rc = url ? 0 : TRO_ENOMEM;
    for (unsigned page = 0; !rc && url; page++) {
        trop_http_req q = {.url = url, .max_body = o->hub->max_response};
        if (page >= MAX_PAGES) {
            snprintf(why, whysz, "%s: more than %d pages", url, MAX_PAGES);
            rc = TRO_ELIMIT;
        } else if ((rc = trop_hub_get(o->hub, &q))) {
            if (snprintf(why, whysz, "listing the files at %s: %s", o->sha, q.err) < 0)
                why[0] = '\0';
        } else if ((rc = trop_hub_parse_tree(q.body ? q.body : "", q.body_len, max_entries,
                                             &o->tree, why, whysz))) {
            size_t n = strlen(why);
            snprintf(why + n, whysz - n, " (%s)", url);
        }
        free(url);
        url = NULL;
        if (!rc && q.link_next)
            url = q.link_next, q.link_next = NULL;
        trop_http_req_clear(&q);
    }
    free(url);
    if (!rc && !trop_hub_tree_json(&o->tree, &data, &len)) {
        trop_hub_cache_put_meta(o->hub->cache_dir, &o->ref, name, data, len);
        free(data);
    }
    return rc;
}

/* The artifacts, as listed; what each needs. */
static int plan(opener *o, tro_error *err)
{
    trop_ignore ig;
    int rc = trop_ignore_init(&ig, o->ctx);
    if (!rc && o->tree.n && !(o->jobs = calloc(o->tree.n, sizeof *o->jobs)))
        rc = TRO_ENOMEM;
    for (size_t i = 0; !rc && i < o->tree.n; i++) {
        const trop_hub_file *f = &o->tree.v[i];
        int skip = trop_ignore_path(&ig, f->path);
        if (skip < 0)
            rc = skip;
        if (skip)
            continue;
        tro_artifact *a = trop_release_add(o->rel, f->path, f->size);
        if (!a) {
            rc = TRO_ENOMEM;
            break;
        }
        a->type = trop_detect_type(f->path, (const unsigned char *)"", 0, f->size);
        hub_hash(a, f);
        o->jobs[o->njobs++] = (job){a, f, plan_of(o, f)};
    }
    trop_ignore_free(&ig);
    return rc ? trop_error_set(err, rc, -1, "%s: out of memory", o->ref.id) : 0;
}

static int release_names(opener *o)
{
    const char *ds = o->ref.kind == TRO_REF_DATASET ? "datasets/" : "";
    free(o->rel->name);
    o->rel->name = trop_asprintf("hf://%s%s@%s", ds, o->ref.id, o->sha);
    o->rel->origin = trop_asprintf("hub:%s%s@%s", ds, o->ref.id, o->sha);
    return o->rel->name && o->rel->origin ? 0 : TRO_ENOMEM;
}

int tro_hub_open(tro_hub *hub, tro_ctx *ctx, const char *ref, unsigned int flags, tro_release **out,
                 tro_error *err)
{
    if (!out)
        return trop_error_set(err, TRO_EINVAL, -1, "hub: out is NULL");
    *out = NULL;
    if (!hub || !ctx || !ref)
        return trop_error_set(err, TRO_EINVAL, -1, "hub: hub, ctx and ref are required");
    opener o = {.hub = hub, .ctx = ctx, .flags = flags};
    const char *bad;
    int rc = trop_hub_ref_parse(ref, hub->endpoint, &o.ref, &bad);
    if (rc != 1)
        return trop_error_set(err, TRO_EINVAL, -1, "%s: %s", ref,
                              rc ? bad : "not a Hub reference (hf://ORG/NAME[@REV] or a Hub URL)");
    char why[512] = "";
    bool cached;
    if ((rc = trop_hub_commit(hub, &o.ref, o.sha, NULL, &cached, why, sizeof why)))
        return trop_error_set(err, rc, -1, "%s: %s", ref, why);
    if ((rc = list_tree(&o, why, sizeof why))) {
        trop_hub_tree_clear(&o.tree);
        return trop_error_set(err, rc, -1, "%s: %s", ref, why);
    }
    if ((rc = tro_release_new(&o.rel, ctx, ref)) || (rc = release_names(&o)) ||
        pthread_mutex_init(&o.mu, NULL)) {
        tro_release_free(o.rel);
        trop_hub_tree_clear(&o.tree);
        return trop_error_set(err, rc ? rc : TRO_ENOMEM, -1, "%s: out of memory", ref);
    }
    if (!(rc = plan(&o, err)) && o.njobs && (rc = run_jobs(&o)))
        trop_error_set(err, rc, -1, "%s: %s", ref, tro_strerror(rc));
    if (!rc && ((rc = trop_release_crosscheck(o.rel)) || (rc = trop_release_finish(o.rel))))
        trop_error_set(err, rc, -1, "%s: %s", ref, tro_strerror(rc));
    pthread_mutex_destroy(&o.mu);
    free(o.jobs);
    trop_hub_tree_clear(&o.tree);
    if (rc) {
        tro_release_free(o.rel);
        return rc;
    }
    *out = o.rel;
    return 0;
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Helpers for tests of the format readers: run one reader over bytes in
 * memory and look at the metadata and findings it produced. */
#ifndef TRO_READ_TEST_H
#define TRO_READ_TEST_H

#include "internal.h"
#include "facts.h"
#include "test.h"

typedef struct rt {
    tro_ctx *ctx;
    tro_release *rel;
    tro_artifact *a;
    int rc;            /* what the reader returned */
    json_t *meta;      /* the artifact's metadata, as tro_artifact_metadata() gives it */
} rt;

/* The metadata of r's artifact, parsed (owned by r). */
static inline json_t *rt_meta(rt *r)
{
    json_decref(r->meta);
    r->meta = json_loads(trt_meta(r->a), JSON_ALLOW_NUL, NULL);
    return r->meta;
}

/* Runs the reader of `type` on data as artifact `name`; lim may be NULL.
 * Returns the artifact's meta (borrowed) or NULL when setup failed. */
static inline json_t *rt_read(rt *r, tro_type type, const char *name, const void *data,
                              size_t len, const tro_limits *lim)
{
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    memset(r, 0, sizeof *r);
    o.threads = 1;
    if (lim)
        o.limits = *lim;
    if (tro_ctx_new(&r->ctx, &o, NULL) || tro_release_new(&r->rel, r->ctx, "test"))
        return NULL;
    r->a = trop_release_add(r->rel, name, len);
    trop_reader_fn fn = trop_reader_for(type);
    if (!r->a || !fn)
        return NULL;
    r->a->type = type;
    trop_src src = {.name = name, .size = len, .fd = -1, .data = data, .avail = len};
    r->rc = fn(r->ctx, &src, r->a);
    return rt_meta(r);
}

#define RT_READ_STR(r, type, name, lit) rt_read(r, type, name, lit, strlen(lit), NULL)

static inline void rt_free(rt *r)
{
    json_decref(r->meta);
    tro_release_free(r->rel);
    tro_ctx_free(r->ctx);
    memset(r, 0, sizeof *r);
}

/* Runs the reader of `type` on a memory source that claims `size` bytes
 * while only `avail` are there (a hostile or streamed length). */
static inline json_t *rt_read_claimed(rt *r, tro_type type, const char *name, const void *data,
                                      size_t avail, uint64_t size)
{
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    memset(r, 0, sizeof *r);
    if (tro_ctx_new(&r->ctx, &o, NULL) || tro_release_new(&r->rel, r->ctx, "test"))
        return NULL;
    r->a = trop_release_add(r->rel, name, size);
    if (!r->a)
        return NULL;
    r->a->type = type;
    trop_src src = {.name = name, .size = size, .fd = -1, .data = data, .avail = avail};
    r->rc = trop_reader_for(type)(r->ctx, &src, r->a);
    return rt_meta(r);
}

/* The first finding with this code, or NULL. */
static inline const tro_finding *rt_finding(const rt *r, const char *code)
{
    for (size_t i = 0; i < r->a->findings.n; i++)
        if (strcmp(r->a->findings.v[i].code, code) == 0)
            return &r->a->findings.v[i];
    return NULL;
}

static inline size_t rt_count(const rt *r, const char *code)
{
    size_t n = 0;
    for (size_t i = 0; i < r->a->findings.n; i++)
        n += !code || strcmp(r->a->findings.v[i].code, code) == 0;
    return n;
}

/* Findings of at least this severity. */
static inline size_t rt_count_sev(const rt *r, tro_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < r->a->findings.n; i++)
        n += r->a->findings.v[i].severity >= sev;
    return n;
}

static inline void rt_dump_findings(const rt *r)
{
    for (size_t i = 0; i < r->a->findings.n; i++)
        fprintf(stderr, "  finding %s %s @%lld: %s\n",
                tro_severity_name(r->a->findings.v[i].severity), r->a->findings.v[i].code,
                (long long)r->a->findings.v[i].offset, r->a->findings.v[i].message);
}

/* Compact, key-sorted JSON text of v (a static buffer per call site is not
 * thread-safe, so the caller frees the result). */
static inline char *rt_json(const json_t *v)
{
    return v ? json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY) : NULL;
}

/* Checks that v serialises to exactly `want`. */
#define CHECK_JSON(v, want)                                                 \
    do {                                                                    \
        char *trt_j = rt_json(v);                                           \
        CHECK_STR(trt_j, want);                                             \
        free(trt_j);                                                        \
    } while (0)

/*
 * The shared corpus of real inputs (see the brief): $TRO_CORPUS, else
 * $top_srcdir/../shared/corpus, else $top_srcdir/../../shared/corpus (a
 * worktree one level deeper). False when there is none: the case then
 * skips (TRO_SKIP).
 */
#include <sys/stat.h>

static inline bool rt_corpus(char *out, size_t size) /* size >= 4096 */
{
    const char *env = getenv("TRO_CORPUS"), *top = getenv("top_srcdir");
    char cand[3][4096];
    snprintf(cand[0], sizeof cand[0], "%s", env ? env : "");
    snprintf(cand[1], sizeof cand[1], "%s/../shared/corpus", top ? top : ".");
    snprintf(cand[2], sizeof cand[2], "%s/../../shared/corpus", top ? top : ".");
    for (int i = 0; i < 3; i++) {
        struct stat st;
        size_t len = strlen(cand[i]);
        if (len && len < size && stat(cand[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            memcpy(out, cand[i], len + 1);
            return true;
        }
    }
    return false;
}

/* Runs the reader for the type detected from the file's head and name, on
 * the file itself (read through its descriptor, as a scan reads). */
static inline json_t *rt_read_file(rt *r, const char *path, const char *name)
{
    memset(r, 0, sizeof *r);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    struct stat st;
    fstat(fileno(fp), &st);
    unsigned char head[TROP_DETECT_HEAD];
    size_t n = fread(head, 1, sizeof head, fp);
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    o.threads = 1;
    if (tro_ctx_new(&r->ctx, &o, NULL) || tro_release_new(&r->rel, r->ctx, "corpus") ||
        !(r->a = trop_release_add(r->rel, name, (uint64_t)st.st_size))) {
        fclose(fp);
        return NULL;
    }
    r->a->type = trop_detect_type(name, head, n, (uint64_t)st.st_size);
    trop_reader_fn fn = trop_reader_for(r->a->type);
    trop_src src = {.name = name, .size = (uint64_t)st.st_size, .fd = fileno(fp)};
    r->rc = fn ? fn(r->ctx, &src, r->a) : TRO_EINVAL;
    fclose(fp);
    return rt_meta(r);
}

#endif

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Helpers for the tests of the weight and manifest readers: byte builders
 * for fixtures, running one reader on memory, and looking at the findings
 * and metadata it produced. Internal tests only (TRO_BUILDING). */
#ifndef TRO_WTEST_H
#define TRO_WTEST_H

#include "internal.h"
#include "facts.h"
#include "test.h"

#include <jansson.h>
#include <stdarg.h>
#include <sys/stat.h>

/* ---- Growing byte buffers ----------------------------------------------- */
typedef struct wbuf {
    unsigned char *p;
    size_t n, cap;
    int be; /* integers big-endian (GGUF big-endian fixtures) */
} wbuf;

static inline void wb_put(wbuf *b, const void *d, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (b->n + n + 1 > cap)
            cap *= 2;
        unsigned char *p = realloc(b->p, cap);
        if (!p)
            abort();
        b->p = p;
        b->cap = cap;
    }
    if (n)
        memcpy(b->p + b->n, d, n);
    b->n += n;
    b->p[b->n] = 0;
}

static inline void wb_uint(wbuf *b, uint64_t v, int bytes)
{
    unsigned char t[8];
    for (int i = 0; i < bytes; i++)
        t[b->be ? bytes - 1 - i : i] = (unsigned char)(v >> (8 * i));
    wb_put(b, t, (size_t)bytes);
}

static inline void wb_u8(wbuf *b, uint8_t v) { wb_uint(b, v, 1); }
static inline void wb_u32(wbuf *b, uint32_t v) { wb_uint(b, v, 4); }
static inline void wb_u64(wbuf *b, uint64_t v) { wb_uint(b, v, 8); }
static inline void wb_str(wbuf *b, const char *s) { wb_put(b, s, strlen(s)); }
static inline void wb_zeros(wbuf *b, size_t n)
{
    while (n--)
        wb_u8(b, 0);
}

static inline void wb_printf(wbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline void wb_printf(wbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = trop_vasprintf(fmt, ap);
    va_end(ap);
    if (!s)
        abort();
    wb_str(b, s);
    free(s);
}

static inline void wb_free(wbuf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

/* A safetensors file: 8-byte length, the header text, data_len zero bytes. */
static inline void wb_safetensors(wbuf *b, const char *header, uint64_t data_len)
{
    wbuf le = {0};
    wb_u64(&le, strlen(header));
    wb_put(b, le.p, 8);
    wb_free(&le);
    wb_str(b, header);
    wb_zeros(b, (size_t)data_len);
}

/* ---- Running a reader ----------------------------------------------------- */
typedef struct wrun {
    tro_ctx *ctx;
    tro_release *rel;
    tro_artifact *a;
    int rc;
    json_t *meta;
} wrun;

static inline tro_ctx *wt_ctx_limits(const tro_limits *l)
{
    tro_ctx *ctx;
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    o.threads = 1;
    if (l)
        o.limits = *l;
    if (tro_ctx_new(&ctx, &o, NULL))
        abort();
    return ctx;
}

/* Runs the reader of type on data seen as `size` bytes of which the first
 * `avail` are present (a streamed archive entry when avail < size). */
static inline void wt_read_src(wrun *r, const tro_limits *l, tro_type type, const char *name,
                        const void *data, uint64_t size, uint64_t avail)
{
    memset(r, 0, sizeof *r);
    r->ctx = wt_ctx_limits(l);
    if (tro_release_new(&r->rel, r->ctx, "test"))
        abort();
    r->a = trop_release_add(r->rel, name, size);
    r->a->type = type;
    trop_src src = {.name = name, .size = size, .fd = -1, .data = data, .avail = avail};
    r->rc = trop_reader_for(type)(r->ctx, &src, r->a);
    trop_release_finish(r->rel);
    r->meta = json_loads(trt_meta(r->a), JSON_ALLOW_NUL, NULL);
}

static inline void wt_read(wrun *r, tro_type type, const char *name, const void *data, size_t size)
{
    wt_read_src(r, NULL, type, name, data, size, size);
}

static inline void wt_done(wrun *r)
{
    json_decref(r->meta);
    tro_release_free(r->rel);
    tro_ctx_free(r->ctx);
    memset(r, 0, sizeof *r);
}

/* ---- Findings and metadata ------------------------------------------------ */
static inline const tro_finding *wt_find(const tro_release *rel, const char *code)
{
    for (size_t i = 0; i < tro_release_finding_count(rel); i++) {
        const tro_finding *f = tro_release_finding(rel, i);
        if (!strcmp(tro_finding_code(f), code))
            return f;
    }
    return NULL;
}

static inline size_t wt_count(const tro_release *rel, const char *code)
{
    size_t n = 0;
    for (size_t i = 0; i < tro_release_finding_count(rel); i++)
        n += !strcmp(tro_finding_code(tro_release_finding(rel, i)), code);
    return n;
}

static inline size_t wt_count_sev(const tro_release *rel, tro_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < tro_release_finding_count(rel); i++)
        n += tro_finding_severity(tro_release_finding(rel, i)) == sev;
    return n;
}

static inline void wt_dump(const tro_release *rel)
{
    for (size_t i = 0; i < tro_release_finding_count(rel); i++) {
        const tro_finding *f = tro_release_finding(rel, i);
        fprintf(stderr, "  %s %s @%lld: %s\n", tro_severity_name(tro_finding_severity(f)),
                tro_finding_code(f), (long long)tro_finding_offset(f), tro_finding_message(f));
    }
}

/* meta at a '/'-separated path of object keys and array indexes. */
static inline json_t *wt_at(json_t *v, const char *path)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *tok = strtok(buf, "/"); tok && v; tok = strtok(NULL, "/")) {
        if (json_is_array(v))
            v = json_array_get(v, (size_t)strtoul(tok, NULL, 10));
        else
            v = json_object_get(v, tok);
    }
    return v;
}

static inline long long wt_int(json_t *meta, const char *path)
{
    json_t *v = wt_at(meta, path);
    return json_is_integer(v) ? (long long)json_integer_value(v) : -999999;
}

static inline const char *wt_str(json_t *meta, const char *path)
{
    const char *s = json_string_value(wt_at(meta, path));
    return s ? s : "(missing)";
}

/* Where the shared corpus is: $TRO_CORPUS_DIR, else ../shared/corpus next to
 * the source tree (or one level up, for a git worktree); NULL if absent. */
static inline char *wt_corpus(const char *sub)
{
    const char *env = getenv("TRO_CORPUS_DIR");
    const char *top = getenv("top_srcdir");
    char *cands[3] = {
        env ? trop_asprintf("%s/%s", env, sub) : NULL,
        top ? trop_asprintf("%s/../shared/corpus/%s", top, sub) : NULL,
        top ? trop_asprintf("%s/../../shared/corpus/%s", top, sub) : NULL,
    };
    char *found = NULL;
    for (int i = 0; i < 3; i++) {
        struct stat st;
        if (!found && cands[i] && stat(cands[i], &st) == 0) {
            found = cands[i];
        } else {
            free(cands[i]);
        }
    }
    return found;
}

static inline unsigned char *wt_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    wbuf b = {0};
    unsigned char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        wb_put(&b, tmp, n);
    fclose(f);
    *len = b.n;
    if (!b.p)
        b.p = calloc(1, 1);
    return b.p;
}

#endif

/* Contexts: options validated and copied once, then read-only. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned int online_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        return 1;
    return n > 256 ? 256u : (unsigned int)n;
}

static void fill_limits(tro_limits *l, const tro_limits *in)
{
    *l = *in;
    if (!l->max_text_bytes)
        l->max_text_bytes = TROP_DEFAULT_MAX_TEXT_BYTES;
    if (!l->max_header_bytes)
        l->max_header_bytes = TROP_DEFAULT_MAX_HEADER_BYTES;
    if (!l->max_entries)
        l->max_entries = TROP_DEFAULT_MAX_ENTRIES;
    if (!l->max_depth)
        l->max_depth = TROP_DEFAULT_MAX_DEPTH;
    if (!l->max_aliases)
        l->max_aliases = TROP_DEFAULT_MAX_ALIASES;
    if (!l->max_expand_bytes)
        l->max_expand_bytes = TROP_DEFAULT_MAX_EXPAND_BYTES;
    if (!l->max_expand_ratio)
        l->max_expand_ratio = TROP_DEFAULT_MAX_EXPAND_RATIO;
}

/* The options as version 1 laid them out, before tro_limits grew: programs
 * built against it keep working. */
typedef struct options_v1 {
    unsigned int version, threads, flags;
    struct {
        uint64_t max_text_bytes, max_header_bytes, max_entries;
        uint32_t max_depth, max_aliases;
    } limits;
    const char *const *ignore;
    size_t ignore_count;
    tro_progress_fn progress;
    void *progress_userdata;
} options_v1;

static void from_v1(tro_ctx_options *o, const options_v1 *v1)
{
    *o = (tro_ctx_options)TRO_CTX_OPTIONS_INIT;
    o->threads = v1->threads;
    o->flags = v1->flags;
    o->limits.max_text_bytes = v1->limits.max_text_bytes;
    o->limits.max_header_bytes = v1->limits.max_header_bytes;
    o->limits.max_entries = v1->limits.max_entries;
    o->limits.max_depth = v1->limits.max_depth;
    o->limits.max_aliases = v1->limits.max_aliases;
    o->ignore = v1->ignore;
    o->ignore_count = v1->ignore_count;
    o->progress = v1->progress;
    o->progress_userdata = v1->progress_userdata;
}

int tro_ctx_new(tro_ctx **out, const tro_ctx_options *opts, tro_error *err)
{
    static const tro_ctx_options defaults = TRO_CTX_OPTIONS_INIT;
    if (!out)
        return trop_error_set(err, TRO_EINVAL, -1, "tro_ctx_new: out is NULL");
    *out = NULL;
    tro_ctx_options v2;
    if (!opts)
        opts = &defaults;
    if (opts->version == 1) {
        from_v1(&v2, (const options_v1 *)(const void *)opts);
        opts = &v2;
    }
    if (opts->version != TRO_CTX_OPTIONS_VERSION)
        return trop_error_set(err, TRO_EVERSION, -1,
                              "tro_ctx_new: options version %u not supported (expected 1 or %d)",
                              opts->version, TRO_CTX_OPTIONS_VERSION);
    if (opts->ignore_count && !opts->ignore)
        return trop_error_set(err, TRO_EINVAL, -1,
                              "tro_ctx_new: ignore_count is %zu but ignore is NULL",
                              opts->ignore_count);

    tro_ctx *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        goto nomem;
    ctx->threads = opts->threads ? opts->threads : online_cpus();
    if (ctx->threads > 256)
        ctx->threads = 256;
    ctx->flags = opts->flags;
    fill_limits(&ctx->limits, &opts->limits);
    ctx->progress = opts->progress;
    ctx->progress_userdata = opts->progress_userdata;
    if (opts->ignore_count) {
        ctx->ignore = calloc(opts->ignore_count, sizeof *ctx->ignore);
        if (!ctx->ignore)
            goto nomem;
        for (size_t i = 0; i < opts->ignore_count; i++) {
            if (!opts->ignore[i]) {
                tro_ctx_free(ctx);
                return trop_error_set(err, TRO_EINVAL, -1,
                                      "tro_ctx_new: ignore pattern %zu is NULL", i);
            }
            ctx->ignore_count = i + 1;
            if (!(ctx->ignore[i] = trop_strdup(opts->ignore[i])))
                goto nomem;
        }
    }
    *out = ctx;
    return TRO_OK;

nomem:
    tro_ctx_free(ctx);
    return trop_error_set(err, TRO_ENOMEM, -1, "tro_ctx_new: out of memory");
}

void tro_ctx_free(tro_ctx *ctx)
{
    if (!ctx)
        return;
    for (size_t i = 0; i < ctx->ignore_count; i++)
        free(ctx->ignore[i]);
    free(ctx->ignore);
    free(ctx);
}

unsigned int tro_ctx_threads(const tro_ctx *ctx)
{
    return ctx ? ctx->threads : 0;
}

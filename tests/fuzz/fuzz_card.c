/* The card reader (front matter + Markdown) on arbitrary bytes, as a model
 * card named README.md or as other Markdown (chosen by the size's parity,
 * so that seed inputs keep their meaning). Read as a release reads it
 * (a->lazy_meta: parts of the metadata built when asked for), a card must
 * give the same findings and metadata as read at once: a difference is a
 * crash. */
#include "fuzz.h"

#include <string.h>

/* Reads data as one artifact of rel; NULL when setup failed. */
static tro_artifact *read_one(tro_release *rel, tro_ctx *ctx, tro_type type, const char *name,
                              const uint8_t *data, size_t size, bool lazy)
{
    tro_artifact *a = trop_release_add(rel, name, size);
    if (!a)
        return NULL;
    a->type = type;
    a->lazy_meta = lazy;
    trop_src src = {.name = name, .size = size, .fd = -1, .data = data, .avail = size};
    int rc = trop_reader_for(type)(ctx, &src, a);
    if (rc && rc != TRO_ENOMEM)
        abort();
    return rc ? NULL : a;
}

static void same_lazy(tro_type type, const char *name, const uint8_t *data, size_t size)
{
    tro_ctx *ctx;
    tro_release *re = NULL, *rl = NULL;
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    o.threads = 1;
    if (tro_ctx_new(&ctx, &o, NULL))
        return;
    if (!tro_release_new(&re, ctx, "eager") && !tro_release_new(&rl, ctx, "lazy")) {
        tro_artifact *e = read_one(re, ctx, type, name, data, size, false);
        tro_artifact *l = read_one(rl, ctx, type, name, data, size, true);
        if (e && l) {
            if (e->findings.n != l->findings.n)
                abort();
            for (size_t i = 0; i < e->findings.n; i++)
                if (strcmp(e->findings.v[i].code, l->findings.v[i].code) ||
                    strcmp(e->findings.v[i].message, l->findings.v[i].message) ||
                    e->findings.v[i].offset != l->findings.v[i].offset)
                    abort();
            if (strcmp(tro_artifact_metadata_json(e), tro_artifact_metadata_json(l)))
                abort();
        }
    }
    tro_release_free(re);
    tro_release_free(rl);
    tro_ctx_free(ctx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tro_type type = size & 1 ? TRO_TYPE_MARKDOWN : TRO_TYPE_MODEL_CARD;
    const char *name = size & 1 ? "docs/notes.md" : "README.md";
    same_lazy(type, name, data, size);
    return trof_run_reader(type, name, data, size);
}

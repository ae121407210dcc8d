/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* A shard index and up to three shards, added through the public API so
 * that the release cross-check runs after each one. The input is split on
 * the line "#SHARD#": part 0 is model.safetensors.index.json, part i is
 * s<i>.safetensors (the names the seed indexes map tensors to). */
#include "fuzz.h"

#include <string.h>

static const char sep[] = "\n#SHARD#\n";

TROF_ENTRY(index)
{
    tro_ctx *ctx;
    tro_release *rel;
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    o.threads = 1;
    o.flags = TRO_SCAN_NO_HASH;
    if (tro_ctx_new(&ctx, &o, NULL))
        return 0;
    if (tro_release_new(&rel, ctx, "fuzz")) {
        tro_ctx_free(ctx);
        return 0;
    }
    const uint8_t *p = data, *end = data + size;
    for (int part = 0; part < 4; part++) {
        const uint8_t *cut = memmem(p, (size_t)(end - p), sep, sizeof sep - 1);
        size_t len = cut ? (size_t)(cut - p) : (size_t)(end - p);
        char name[64];
        if (part == 0)
            snprintf(name, sizeof name, "model.safetensors.index.json");
        else
            snprintf(name, sizeof name, "s%d.safetensors", part);
        tro_release_add_buffer(rel, name, len ? p : (const uint8_t *)"", len);
        if (!cut)
            break;
        p = cut + sizeof sep - 1;
    }
    /* running it again must change nothing */
    size_t n = tro_release_finding_count(rel);
    trop_release_crosscheck(rel);
    if (tro_release_finding_count(rel) != n)
        abort();
    for (size_t i = 0; i < n; i++)
        (void)tro_finding_message(tro_release_finding(rel, i));
    for (size_t i = 0; i < tro_release_artifact_count(rel); i++)
        trof_touch_meta(tro_release_artifact(rel, i));
    tro_release_free(rel);
    tro_ctx_free(ctx);
    return 0;
}

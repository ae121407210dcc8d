/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The whole in-memory pipeline: name chosen by the first byte, then type
 * detection, the matching reader and hashing, through the public API. */
#include "fuzz.h"

static const char *const names[] = {
    "README.md", "model.safetensors", "model.safetensors.index.json",
    "model.gguf", "pytorch_model.bin", "data.pkl", "config.json", "LICENSE",
    "croissant.json", "datapackage.json", "mof.yml", "weights.bin",
    "pytorch_model.bin.index.json", "notes.md", "other.dat",
};

TROF_ENTRY(buffer)
{
    if (size < 1)
        return 0;
    const char *name = names[data[0] % (sizeof names / sizeof *names)];
    tro_ctx *ctx;
    tro_release *rel;
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    o.threads = 1;
    if (tro_ctx_new(&ctx, &o, NULL))
        return 0;
    if (tro_release_new(&rel, ctx, "fuzz") == 0) {
        tro_release_add_buffer(rel, name, data + 1, size - 1);
        for (size_t i = 0; i < tro_release_artifact_count(rel); i++)
            trof_touch_meta(tro_release_artifact(rel, i));
        tro_release_free(rel);
    }
    tro_ctx_free(ctx);
    return 0;
}

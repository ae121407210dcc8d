/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The PyTorch checkpoint reader (TRO_TYPE_PYTORCH): zip and legacy tar
 * walks through libarchive, and the pickles inside. An input starting with
 * "TAIL" and two control bytes P, T is read as a streamed archive entry:
 * only its first P/256 and last T/256 (the tail) are in memory, which
 * drives the walk off its prefix and into the central directory reader. */
#include "fuzz.h"

#include <string.h>

static int run_streamed(const uint8_t *data, size_t size)
{
    tro_ctx *ctx;
    tro_release *rel;
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    o.threads = 1;
    if (tro_ctx_new(&ctx, &o, NULL))
        return 0;
    if (tro_release_new(&rel, ctx, "fuzz")) {
        tro_ctx_free(ctx);
        return 0;
    }
    const uint8_t *body = data + 6;
    size_t n = size - 6;
    tro_artifact *a = trop_release_add(rel, "fuzz.bin", n);
    if (a) {
        a->type = TRO_TYPE_PYTORCH;
        size_t tl = n * data[5] / 256;
        trop_src src = {.name = "fuzz.bin",
                        .size = n,
                        .fd = -1,
                        .data = body,
                        .avail = n * data[4] / 256,
                        .tail = body + n - tl,
                        .tail_len = tl};
        int rc = trop_reader_for(TRO_TYPE_PYTORCH)(ctx, &src, a);
        if (rc && rc != TRO_ENOMEM)
            abort();
        trof_touch_meta(a);
        for (size_t i = 0; i < tro_release_finding_count(rel); i++)
            (void)tro_finding_message(tro_release_finding(rel, i));
    }
    tro_release_free(rel);
    tro_ctx_free(ctx);
    return 0;
}

TROF_ENTRY(pytorch)
{
    if (size >= 6 && memcmp(data, "TAIL", 4) == 0)
        return run_streamed(data, size);
    return trof_run_reader(TRO_TYPE_PYTORCH, "fuzz.bin", data, size);
}

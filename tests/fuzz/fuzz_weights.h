/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Shared by the weight and manifest harnesses: run a reader on the whole
 * input, then again on a memory prefix of it, as the scanner does for
 * streamed archive entries (reads past the prefix must fail cleanly). */
#ifndef TRO_FUZZ_WEIGHTS_H
#define TRO_FUZZ_WEIGHTS_H

#include "fuzz.h"

static inline void trof_run_prefix(tro_type type, const char *name, const uint8_t *data,
                                   size_t size, size_t avail)
{
    tro_ctx *ctx;
    tro_release *rel;
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    o.threads = 1;
    if (tro_ctx_new(&ctx, &o, NULL))
        return;
    if (tro_release_new(&rel, ctx, "fuzz") == 0) {
        tro_artifact *a = trop_release_add(rel, name, size);
        if (a) {
            a->type = type;
            trop_src src = {.name = name, .size = size, .fd = -1, .data = data, .avail = avail};
            int rc = trop_reader_for(type)(ctx, &src, a);
            if (rc && rc != TRO_ENOMEM)
                abort();
            trof_touch_meta(a);
            for (size_t i = 0; i < tro_release_finding_count(rel); i++)
                (void)tro_finding_message(tro_release_finding(rel, i));
        }
        tro_release_free(rel);
    }
    tro_ctx_free(ctx);
}

static inline int trof_run_both(tro_type type, const char *name, const uint8_t *data, size_t size)
{
    trof_run_reader(type, name, data, size);
    trof_run_prefix(type, name, data, size, size / 2);
    return 0;
}

#endif

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Helpers for the libFuzzer harnesses (tests/fuzz/fuzz_*.c). Each harness
 * opens its entry point with TROF_ENTRY(NAME); it is built twice: alone with
 * -fsanitize=fuzzer (./configure --enable-fuzzers CC=clang), and together
 * with every other harness in tests/fuzz/replay, which runs a harness by
 * name over its seed corpus under `make check`. */
#ifndef TRO_FUZZ_H
#define TRO_FUZZ_H

#include "internal.h"
#include "facts.h"

#include <stdlib.h>

/* The entry point of harness NAME: LLVMFuzzerTestOneInput in its libFuzzer
 * build; trof_fuzz_NAME in the replay binary (TROF_REPLAY), where all the
 * harnesses are linked together. Declared, then opened for its body. */
#ifdef TROF_REPLAY
#define TROF_ENTRY_PROTO(name) int trof_fuzz_##name(const uint8_t *data, size_t size)
#else
#define TROF_ENTRY_PROTO(name) int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
#endif
#define TROF_ENTRY(name)                                                                           \
    TROF_ENTRY_PROTO(name);                                                                        \
    TROF_ENTRY_PROTO(name)

/* Renders an artifact's metadata (and frees it), so that every part of it
 * is touched. */
static inline void trof_touch_meta(const tro_artifact *a)
{
    char *text = NULL;
    if (tro_artifact_metadata(a, &text, NULL) == 0 && text[0] != '{')
        abort();
    tro_free(text);
}

/* Runs the reader of `type` on data as an artifact named `name`, then
 * serialises its metadata and findings, so that everything the reader
 * produced is touched. Aborts on a reader failure other than ENOMEM. */
static inline int trof_run_reader(tro_type type, const char *name,
                                  const uint8_t *data, size_t size)
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
    tro_artifact *a = trop_release_add(rel, name, size);
    trop_reader_fn reader = trop_reader_for(type);
    if (a && reader) {
        a->type = type;
        trop_src src = {.name = name, .size = size, .fd = -1, .data = data, .avail = size};
        int rc = trop_read(ctx, &src, a);
        if (rc && rc != TRO_ENOMEM)
            abort();
        trof_touch_meta(a);
        trop_release_crosscheck(rel);
        trop_release_finish(rel);
        for (size_t i = 0; i < tro_release_finding_count(rel); i++)
            (void)tro_finding_message(tro_release_finding(rel, i));
    }
    tro_release_free(rel);
    tro_ctx_free(ctx);
    return 0;
}

#endif

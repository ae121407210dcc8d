/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Batch checks: many releases checked in parallel with one catalog and one
 * policy, for registries and pipelines. */
#ifndef TRULYOPEN_BATCH_H
#define TRULYOPEN_BATCH_H

#ifndef TRULYOPEN_H_INSIDE
#error "include <trulyopen.h>, not the headers under trulyopen/"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** A running batch: worker threads that check what is submitted. */
typedef struct tro_batch tro_batch;
/** One finished check of a batch. Owned by the caller once taken. */
typedef struct tro_batch_item tro_batch_item;

/**
 * Makes the release an input stands for (called on a worker thread, for
 * several inputs at once): store it in *out (ownership passes to the batch)
 * and return 0, or return a TRO_E* code with err filled in; the input is
 * then reported as not checked, and the batch goes on. NULL in the options
 * means tro_scan(ctx, input, out, err): a folder, an archive or a file.
 */
typedef int (*tro_batch_open_fn)(tro_ctx *ctx, const char *input, tro_release **out,
                                 tro_error *err, void *userdata);

/** Batch flags (tro_batch_options.flags). */
enum {
    /** Render each report as JSON on the worker thread that checked it
     *  (tro_batch_item_json()); with TRO_BATCH_COMPACT, on one line
     *  (TRO_RENDER_COMPACT); with TRO_BATCH_NO_ARTIFACTS, without the
     *  artifact list (TRO_RENDER_NO_ARTIFACTS). Either of those two alone
     *  implies TRO_BATCH_JSON. */
    TRO_BATCH_JSON = 1u << 0,
    TRO_BATCH_COMPACT = 1u << 1,
    /** tro_batch_next() returns items in the order they were submitted
     *  (else as they finish). */
    TRO_BATCH_IN_ORDER = 1u << 2,
    /** The thread that calls tro_batch_next() is one of the threads: the
     *  batch starts threads - 1 workers (none for 1), and while the item
     *  tro_batch_next() waits for is not finished, the caller checks queued
     *  inputs itself instead of sleeping. Saves a thread and the hand-offs
     *  to it; with one thread everything runs on the caller. */
    TRO_BATCH_CALLER_WORKS = 1u << 3,
    TRO_BATCH_NO_ARTIFACTS = 1u << 4
};

#define TRO_BATCH_OPTIONS_VERSION 1

typedef struct tro_batch_options {
    unsigned int version;         /**< TRO_BATCH_OPTIONS_VERSION */
    unsigned int threads;         /**< releases checked at once; 0 = online CPUs */
    unsigned int flags;           /**< TRO_BATCH_* */
    tro_catalog *catalog;         /**< shared by every check (may be NULL) */
    const tro_policy *policy;     /**< applied to every report; NULL = the default */
    unsigned int max_lineage_depth; /**< as in tro_check_options; 0 = 8 */
    tro_batch_open_fn open;       /**< NULL: tro_scan() */
    void *open_userdata;
} tro_batch_options;

#define TRO_BATCH_OPTIONS_INIT \
    { TRO_BATCH_OPTIONS_VERSION, 0, 0, NULL, NULL, 0, NULL, NULL }

/**
 * Starts a batch: opts->threads worker threads (opts may be NULL for the
 * defaults) that each take a submitted input, make its release with ctx,
 * check it with the shared catalog, apply the policy and (TRO_BATCH_JSON)
 * render it. ctx, catalog and policy are borrowed: keep them alive until
 * tro_batch_free() returns. The catalog caches what it resolved, so a base
 * model or dataset named by many releases is judged once. No resolver
 * callback is taken: catalogs only. Owned by the caller (tro_batch_free()).
 * Errors: TRO_EINVAL, TRO_EVERSION (opts->version), TRO_ENOMEM (also when
 * no thread could be started, unless TRO_BATCH_CALLER_WORKS, where the
 * caller's thread is enough).
 */
TRO_API int tro_batch_new(tro_batch **out, tro_ctx *ctx, const tro_batch_options *opts,
                          tro_error *err);

/**
 * Queues an input (a path, or whatever opts->open reads; copied) with a tag
 * of the caller's, returned with its item. Never blocks: the caller bounds
 * memory by taking items (tro_batch_next()) while tro_batch_pending() is at
 * the bound it chooses. Errors: TRO_EINVAL (NULL or empty input), TRO_ENOMEM.
 */
TRO_API int tro_batch_submit(tro_batch *batch, const char *input, void *tag);

/**
 * Queues a release already built (e.g. from memory with
 * tro_release_add_buffer()); the batch owns it from this call on, even when
 * it fails. Its item's input is the release's name. Errors: TRO_EINVAL,
 * TRO_ENOMEM.
 */
TRO_API int tro_batch_submit_release(tro_batch *batch, tro_release *rel, void *tag);

/** Inputs submitted whose item has not been taken yet. */
TRO_API size_t tro_batch_pending(const tro_batch *batch);

/**
 * Takes the next finished item (in submission order with
 * TRO_BATCH_IN_ORDER), waiting for one when wait is nonzero (and, with
 * TRO_BATCH_CALLER_WORKS, checking queued inputs meanwhile). *out is owned
 * by the caller (tro_batch_item_free()). Returns TRO_ENOTFOUND when nothing
 * is pending, or, without wait, when nothing has finished yet.
 */
TRO_API int tro_batch_next(tro_batch *batch, int wait, tro_batch_item **out);

/**
 * Stops the batch: inputs not started are dropped, checks running are
 * waited for, items not taken are freed. NULL is allowed. Items already
 * taken stay valid.
 */
TRO_API void tro_batch_free(tro_batch *batch);

/** 0-based position of the item's input among everything submitted. */
TRO_API uint64_t tro_batch_item_index(const tro_batch_item *item);
/** The tag given with the input. */
TRO_API void *tro_batch_item_tag(const tro_batch_item *item);
/** The input as submitted (a release's name for a submitted release).
 *  Borrowed from the item. */
TRO_API const char *tro_batch_item_input(const tro_batch_item *item);
/**
 * 0 when the release was checked; else the TRO_E* code of what failed
 * (making the release, checking it, rendering it), with the message in
 * *message (may be NULL; borrowed from the item).
 */
TRO_API int tro_batch_item_error(const tro_batch_item *item, const char **message);
/** The report (borrowed from the item), or NULL when not checked. */
TRO_API const tro_report *tro_batch_item_report(const tro_batch_item *item);
/** Takes the report out of the item: owned by the caller
 *  (tro_report_free()); NULL when not checked or already taken. */
TRO_API tro_report *tro_batch_item_take_report(tro_batch_item *item);
/** 1 when the policy is met, 0 when not, -1 when not checked. */
TRO_API int tro_batch_item_policy_met(const tro_batch_item *item);
/** The report's JSON (TRO_BATCH_JSON; one line with TRO_BATCH_COMPACT,
 *  without artifacts with TRO_BATCH_NO_ARTIFACTS),
 *  borrowed from the item, with its length in *len (may be NULL); NULL
 *  when not rendered. */
TRO_API const char *tro_batch_item_json(const tro_batch_item *item, size_t *len);
/** Frees an item (and its report unless taken). NULL is allowed. */
TRO_API void tro_batch_item_free(tro_batch_item *item);

#ifdef __cplusplus
}
#endif

#endif /* TRULYOPEN_BATCH_H */

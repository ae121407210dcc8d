/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Bounded JSON loading and small helpers shared by the readers in lib/read.
 * Private to the library. */
#ifndef TROP_READ_JSON_H
#define TROP_READ_JSON_H

#include "internal.h"

/* How a reader wants its JSON text loaded. Finding codes are built from
 * prefix: "<prefix>-bad-json", "<prefix>-too-deep", "<prefix>-bad-utf8",
 * "<prefix>-duplicate-key", "<prefix>-not-object", "<prefix>-empty",
 * "<prefix>-too-large", "<prefix>-not-read". */
typedef struct trop_json_opts {
    const char *prefix;
    uint64_t max_bytes;   /* larger input is refused; 0: limits.max_text_bytes */
    uint64_t base;        /* offset of the text in the artifact, for findings */
    bool dup_is_error;    /* the format forbids duplicate keys: an error and no
                           * result; otherwise a warning and the last one wins */
    bool allow_bom;       /* skip a leading UTF-8 byte order mark */
} trop_json_opts;

/* Parses len bytes of text (not necessarily NUL-terminated) with the
 * nesting depth bounded by ctx->limits.max_depth before jansson sees it.
 * On success *out is a new reference (the caller decrefs). Malformed input
 * becomes findings on a and *out is NULL; the return is then still 0.
 * Returns TRO_ENOMEM only. Any JSON value is accepted as the root. */
int trop_json_parse(const tro_ctx *ctx, tro_artifact *a, const char *text, size_t len,
                    const trop_json_opts *o, json_t **out);

/* Reads the whole artifact (bounded by o->max_bytes) and parses it; the root
 * must be an object. Same ownership and findings as trop_json_parse(); a
 * memory source holding only a prefix gives an info finding "<prefix>-not-read".
 * Returns TRO_ENOMEM or TRO_EIO, else 0. */
int trop_json_load_object(const tro_ctx *ctx, const trop_src *src, tro_artifact *a,
                          const trop_json_opts *o, json_t **out);


/* Sets obj[key] = val, taking the reference to val. TRO_ENOMEM when val is
 * NULL (a failed constructor) or the set fails. */
int trop_json_put(json_t *obj, const char *key, json_t *val);
/* Appends val (reference taken) to arr; TRO_ENOMEM as trop_json_put. */
int trop_json_push(json_t *arr, json_t *val);

/* A JSON string from arbitrary bytes: invalid UTF-8 and NUL become U+FFFD,
 * and at most max bytes of input are kept (cut at a character boundary;
 * *cut, if not NULL, says whether anything was dropped). New reference or NULL. */
json_t *trop_json_text(const char *s, size_t n, size_t max, bool *cut);

/* v as a non-negative integer. */
bool trop_json_uint(const json_t *v, uint64_t *out);

/* obj[key] if it is a string, else NULL (borrowed from obj). */
const char *trop_json_get_str(const json_t *obj, const char *key);

/* Byte offset of the first occurrence of the JSON key "name" (followed by
 * optional blanks and a colon) in text, or -1. Used to point findings at a
 * header entry; names needing escapes are not found. */
int64_t trop_json_key_offset(const char *text, size_t len, const char *name);

/* A cap on how many findings of one kind a reader makes, so that hostile
 * input with a million bad entries gives a bounded report. */
typedef struct trop_json_budget {
    unsigned left;
    unsigned long long dropped;
} trop_json_budget;

#define TROP_JSON_BUDGET_INIT(n) { (n), 0 }

/* Like trop_artifact_finding() while the budget lasts; counts the rest. */
int trop_json_budget_finding(tro_artifact *a, trop_json_budget *b, tro_severity sev,
                             const char *code, int64_t offset, const char *fmt, ...)
    TROP_PRINTF(6, 7);
/* Reports the findings dropped, if any, as "<prefix>-more-findings" (info). */
int trop_json_budget_flush(tro_artifact *a, trop_json_budget *b, const char *prefix);

#endif

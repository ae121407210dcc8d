/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Private to the library: a JSON pull parser that knows the byte offset of
 * every error (json_pull.c), for the formats users write by hand (manifests,
 * policies). */
#ifndef TROP_JSON_PULL_H
#define TROP_JSON_PULL_H

#include "internal.h"

typedef struct trop_jp {
    const unsigned char *s;
    size_t len, pos;
    uint32_t depth, max_depth;
    char *buf; /* the last string read, decoded, NUL-ended; free() */
    size_t blen, bcap;
    size_t key_pos; /* where the last object key started */
    tro_error *err;
} trop_jp;

/* Every function returns 0, or an error code with err filled in as
 * "message at byte N": TRO_EPARSE for bad JSON, TRO_EFORMAT for a value of
 * the wrong kind, TRO_ELIMIT for nesting beyond max_depth, TRO_ENOMEM. */
int trop_jp_fail(trop_jp *p, int code, size_t off, const char *fmt, ...) TROP_PRINTF(4, 5);
/* Skips white space; the next byte, or -1 at the end. */
int trop_jp_peek(trop_jp *p);
int trop_jp_expect(trop_jp *p, char c);
/* '{' or '[' with the nesting bound. */
int trop_jp_open(trop_jp *p, char c);
/* Inside an object (obj) or array: the next member or element, or *done at
 * the closing bracket. For objects the key is left in p->buf, ':' read. */
int trop_jp_next(trop_jp *p, bool obj, bool *first, bool *done);
/* Any value, checked and discarded. */
int trop_jp_skip(trop_jp *p);
/* Values of one kind; what names the field in messages ("artifacts[2].size"). */
int trop_jp_string(trop_jp *p);
int trop_jp_text(trop_jp *p, const char *what);
int trop_jp_whole(trop_jp *p, const char *what, uint64_t *out);
int trop_jp_sha256(trop_jp *p, const char *what, char out[65]);

#endif

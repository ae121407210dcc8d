/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Writing JSON text as it goes, into one growing buffer: the library's one
 * JSON writer, for reports and the other documents it renders. Pretty output
 * is byte for byte what jansson's json_dumps(v, JSON_INDENT(2)) gives
 * (two-space indents, "key": value); compact output is one line with no
 * spaces, as JSON_COMPACT gives. Strings escape '"', '\\' and control
 * characters as jansson does and keep UTF-8 as is: callers pass valid UTF-8.
 *
 * Use: open/close containers, trop_jw_key() before each member of an
 * object, trop_jw_item() before each item of an array, then one value.
 * Errors (TRO_ENOMEM, nesting beyond TROP_JW_MAX_DEPTH) stick in err and
 * make the remaining calls do nothing.
 */
#ifndef TROP_JW_H
#define TROP_JW_H

#include "internal.h"

#define TROP_JW_MAX_DEPTH 63u

typedef struct trop_jw {
    char *s; /* the text so far (s[0..n)), owned until trop_jw_finish() */
    size_t n, cap;
    unsigned depth;
    uint64_t items; /* bit d: the container at depth d has items */
    bool compact;
    int err;
} trop_jw;

void trop_jw_open(trop_jw *w, char c); /* '{' or '[' */
void trop_jw_close(trop_jw *w, char c);
void trop_jw_key(trop_jw *w, const char *key);
void trop_jw_item(trop_jw *w);
void trop_jw_str(trop_jw *w, const char *s); /* NULL: null */
void trop_jw_strn(trop_jw *w, const char *s, size_t n);
void trop_jw_int(trop_jw *w, int64_t v);
void trop_jw_bool(trop_jw *w, bool b);
void trop_jw_null(trop_jw *w);
void trop_jw_real(trop_jw *w, double v); /* formatted as jansson formats reals */
/* A whole jansson value, at the current depth and in the writer's style. */
void trop_jw_json(trop_jw *w, const json_t *v);

/* Key and value in one call. */
void trop_jw_kstr(trop_jw *w, const char *key, const char *s);
void trop_jw_kstrn(trop_jw *w, const char *key, const char *s, size_t n);
void trop_jw_kint(trop_jw *w, const char *key, int64_t v);
void trop_jw_kbool(trop_jw *w, const char *key, bool b);

/* Ends the text with a newline and hands it over: 0 with *out (free()) and
 * *len, or the writer's error (the text is then freed). */
int trop_jw_finish(trop_jw *w, char **out, size_t *len);
/* Frees the text of a writer that is abandoned. */
void trop_jw_free(trop_jw *w);

#endif

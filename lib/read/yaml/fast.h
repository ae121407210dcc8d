/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Private to yaml_fast.c and yaml_fast_scalar.c: the fast path's state. */
#ifndef TROP_READ_YAML_FAST_H
#define TROP_READ_YAML_FAST_H

#include "../text/text.h"
#include "event.h"

#define DECLINE TROP_YAML_DECLINED
#define MAX_NEST 128
#define MAX_KEY 1000 /* libyaml refuses implicit keys over 1024 characters */

typedef struct level {
    size_t indent;
    bool seq;
    bool same_indent;      /* "key:\n- item": a sequence at its key's indent */
} level;

/* The parser: the text, the current line, the open collections. */
typedef struct fp {
    const char *s;
    size_t n;
    size_t ls, le;         /* the current line: start, end of content */
    size_t next;           /* where the next line starts */
    uint64_t line;
    size_t col_pos;        /* column cache for the current line */
    uint64_t col;
    bool ascii;            /* the text is ASCII: columns are byte counts */
    trop_yev_fn emit;
    void *ud;
    level st[MAX_NEST];
    size_t depth;
    bool started;
    bool pending;          /* "key:" or "-" waiting for a nested block */
    bool pending_key;
    size_t pending_indent;
    trop_ymark pending_at; /* where its empty value would be */
    char **scratch;
    size_t *scratch_cap;
} fp;

static inline size_t trop_yf_skip_spaces(const fp *f, size_t k)
{
    while (k < f->le && f->s[k] == ' ')
        k++;
    return k;
}

/* Nothing but spaces and a comment may follow a value. */
static inline bool trop_yf_rest_empty(const fp *f, size_t k)
{
    size_t e = trop_yf_skip_spaces(f, k);
    return e == f->le || (f->s[e] == '#' && e > k);
}

/* Events (yaml_fast.c). */
trop_ymark trop_yf_mark_utf8(fp *f, size_t pos);

/* Where an event at pos starts: its column counts characters, which are
 * bytes in ASCII text (before the line: column 0). */
static inline trop_ymark trop_yf_mark(fp *f, size_t pos)
{
    if (!f->ascii)
        return trop_yf_mark_utf8(f, pos);
    trop_ymark m = {pos, f->line, pos > f->ls ? pos - f->ls : 0};
    return m;
}
int trop_yf_scalar_at(fp *f, trop_ymark at, const char *v, size_t len, bool plain, bool stable);
int trop_yf_scalar(fp *f, size_t pos, const char *v, size_t len, bool plain, bool stable);

/* Quoted and block scalars (yaml_fast_scalar.c). */
/* A quoted scalar at s[q] ending on its line: *end past the closing quote
 * (0 when it continues on the next line), *escaped when it holds escapes. */
int trop_yf_quoted(fp *f, size_t q, size_t *end, bool *escaped);
int trop_yf_emit_quoted(fp *f, size_t q, size_t end, bool escaped);
int trop_yf_multi_quoted(fp *f, size_t v);
int trop_yf_block_scalar(fp *f, size_t v);

#endif

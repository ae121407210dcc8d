/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Private to fast.c and fast_scalar.c: the fast path's state. */
#ifndef TROP_READ_YAML_FAST_H
#define TROP_READ_YAML_FAST_H

#include "../text/text.h"
#include "event.h"

#define TROP_YAML_FAST_MAX_NEST 128
#define TROP_YAML_FAST_MAX_KEY 1000 /* libyaml refuses implicit keys over 1024 characters */

typedef struct trop_yaml_fast_level {
    size_t indent;
    bool seq;
    bool same_indent;      /* "key:\n- item": a sequence at its key's indent */
} trop_yaml_fast_level;

/* The parser: the text, the current line, the open collections. */
typedef struct trop_yaml_fast_parser {
    const char *s;
    size_t n;
    size_t ls, le;         /* the current line: start, end of content */
    size_t next;           /* where the next line starts */
    uint64_t line;
    size_t col_pos;        /* column cache for the current line */
    uint64_t col;
    bool ascii;            /* the text is ASCII: columns are byte counts */
    trop_yaml_ev_fn emit;
    void *ud;
    trop_yaml_fast_level st[TROP_YAML_FAST_MAX_NEST];
    size_t depth;
    bool started;
    bool pending;          /* "key:" or "-" waiting for a nested block */
    bool pending_key;
    size_t pending_indent;
    trop_yaml_ev_mark pending_at; /* where its empty value would be */
    char **scratch;
    size_t *scratch_cap;
} trop_yaml_fast_parser;

static inline size_t trop_yaml_fast_skip_spaces(const trop_yaml_fast_parser *f, size_t k)
{
    while (k < f->le && f->s[k] == ' ')
        k++;
    return k;
}

/* Nothing but spaces and a comment may follow a value. */
static inline bool trop_yaml_fast_rest_empty(const trop_yaml_fast_parser *f, size_t k)
{
    size_t e = trop_yaml_fast_skip_spaces(f, k);
    return e == f->le || (f->s[e] == '#' && e > k);
}

/* Events (fast.c). */
trop_yaml_ev_mark trop_yaml_fast_mark_utf8(trop_yaml_fast_parser *f, size_t pos);

/* Where an event at pos starts: its column counts characters, which are
 * bytes in ASCII text (before the line: column 0). */
static inline trop_yaml_ev_mark trop_yaml_fast_mark(trop_yaml_fast_parser *f, size_t pos)
{
    if (!f->ascii)
        return trop_yaml_fast_mark_utf8(f, pos);
    trop_yaml_ev_mark m = {pos, f->line, pos > f->ls ? pos - f->ls : 0};
    return m;
}
int trop_yaml_fast_scalar_at(trop_yaml_fast_parser *f, trop_yaml_ev_mark at, const char *v,
                             size_t len, bool plain, bool stable);
int trop_yaml_fast_scalar(trop_yaml_fast_parser *f, size_t pos, const char *v, size_t len,
                          bool plain, bool stable);

/* Quoted and block scalars (fast_scalar.c). */
/* A quoted scalar at s[q] ending on its line: *end past the closing quote
 * (0 when it continues on the next line), *escaped when it holds escapes. */
int trop_yaml_fast_quoted(trop_yaml_fast_parser *f, size_t q, size_t *end, bool *escaped);
int trop_yaml_fast_emit_quoted(trop_yaml_fast_parser *f, size_t q, size_t end, bool escaped);
int trop_yaml_fast_multi_quoted(trop_yaml_fast_parser *f, size_t v);
int trop_yaml_fast_block_scalar(trop_yaml_fast_parser *f, size_t v);

#endif

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Private to the YAML converter: the parse events yaml.c builds JSON from,
 * as libyaml.c gives them.
 */
#ifndef TROP_READ_YAML_EVENT_H
#define TROP_READ_YAML_EVENT_H

#include "internal.h"
#include "yaml.h"

#include <locale.h>

typedef enum trop_yaml_ev_type {
    TROP_YAML_EV_SCALAR,
    TROP_YAML_EV_ALIAS,
    TROP_YAML_EV_SEQ_START,
    TROP_YAML_EV_MAP_START,
    TROP_YAML_EV_SEQ_END,
    TROP_YAML_EV_MAP_END,
    TROP_YAML_EV_DOC_END
} trop_yaml_ev_type;

/* Where an event starts: byte offset in the text, 0-based line and column
 * (in characters, as libyaml counts them). */
typedef struct trop_yaml_ev_mark {
    uint64_t offset, line, column;
} trop_yaml_ev_mark;

typedef struct trop_yaml_ev {
    trop_yaml_ev_type type;
    const char *value;     /* scalar text (not NUL-terminated) or alias name */
    size_t length;
    bool plain;            /* a plain scalar without a tag: resolve its type */
    bool str_tag;          /* tagged !!str */
    const char *anchor;    /* NUL-terminated, or NULL */
    trop_yaml_ev_mark start;
} trop_yaml_ev;

/* Receives one event; returns 0 or a negative code that stops the parse. */
typedef int (*trop_yaml_ev_fn)(void *ud, const trop_yaml_ev *ev);

/*
 * libyaml as an event source (libyaml.c): parses the first document,
 * calling emit up to TROP_YAML_EV_DOC_END. Returns 0, the first nonzero value
 * emit returned, or TRO_EPARSE / TRO_ENOMEM with err filled (positions
 * relative to the text).
 */
int trop_yaml_libyaml(const char *text, size_t len, trop_yaml_ev_fn emit, void *ud,
                      trop_yaml_error *err);

/* Scalars (scalar.c): a new JSON value, or NULL when s is not valid
 * UTF-8 or memory ran out. *loc caches a "C" numeric locale for strtod_l
 * (start with (locale_t)0; freelocale() it when set). */
json_t *trop_yaml_string(const char *s, size_t n);
json_t *trop_yaml_plain(const char *s, size_t n, bool keep_numbers, locale_t *loc);

/* Node positions (marks.c). */
void trop_yaml_marks_reset(trop_yaml_marks *m, uint64_t offset_base, uint64_t line_base);
int trop_yaml_marks_add(trop_yaml_marks *m, const json_t *node, const trop_yaml_ev_mark *at);

#endif

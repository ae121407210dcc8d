/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Private to the library: bounded conversion of YAML text to a jansson value,
 * shared by the card front matter, MOF and any later YAML reader.
 *
 * The conversion is defensive: it refuses input over max_bytes, nesting
 * deeper than max_depth, more than max_aliases alias references, and more
 * than max_nodes nodes in total, counting the nodes each alias copies (so a
 * "billion laughs" document fails early instead of expanding).
 *
 * Scalars, as the YAML 1.2 core schema resolves them:
 *  - plain null, Null, NULL, ~ and the empty scalar: JSON null;
 *  - plain true/false (also True/TRUE/False/FALSE): JSON booleans;
 *  - plain [-+]?[0-9]+, 0o[0-7]+, 0x[0-9a-fA-F]+: JSON integers (a value
 *    beyond int64 stays a string, nothing is rounded);
 *  - plain decimal floats ([-+]?(.N|N(.N*)?)([eE][-+]?N)?): JSON reals;
 *    .inf and .nan have no JSON form and stay strings;
 *  - everything else, every quoted or block scalar, and plain scalars tagged
 *    !!str: strings. YAML 1.1 words (yes/no/on/off) and dates stay strings.
 * Version numbers: a plain scalar that would be a number is kept as its
 * source text when its mapping key is "version" or ends in "version"
 * (framework.version: 1.0 gives "1.0", not 1 or 1.0000000000000000), since
 * versions are labels, not quantities.
 * Mapping keys are always strings: a scalar key is its source text, a
 * collection key is its compact JSON text. A repeated key keeps the later
 * value and reports a warning. Anchors are resolved by copying the anchored
 * value. The merge key "<<" has no special meaning (YAML 1.2). Only the
 * first document of a stream is converted.
 */
#ifndef TROP_READ_YAML_H
#define TROP_READ_YAML_H

#include "internal.h"

/* Node count bound when the caller has no better one. */
#define TROP_YAML_DEFAULT_MAX_NODES 1000000u
/* Warnings reported per document before the rest are only counted. */
#define TROP_YAML_MAX_WARNINGS 16u

/* Why a conversion failed. Positions are in the caller's file. */
typedef struct trop_yaml_error {
    int code;           /* TRO_EPARSE (not YAML), TRO_ELIMIT (a bound), TRO_ENOMEM */
    const char *kind;   /* static: "syntax", "too-big", "too-deep",
                           "too-many-aliases", "too-many-nodes", "out-of-memory" */
    char message[256];  /* what went wrong, without path or position */
    int64_t offset;     /* byte offset, -1 when unknown */
    uint64_t line;      /* 1-based, 0 when unknown */
    uint64_t column;    /* 1-based (characters), 0 when unknown */
} trop_yaml_error;

/* Reports a warning (kind "duplicate-key"); message has no position.
 * Returns 0, or a negative code (TRO_ENOMEM) to stop the conversion. */
typedef int (*trop_yaml_warn_fn)(void *ud, const char *kind, int64_t offset,
                                 uint64_t line, const char *message);

/* Optional record of where each node of the result starts. */
typedef struct trop_yaml_marks trop_yaml_marks;

typedef struct trop_yaml_opts {
    uint64_t max_bytes;
    uint32_t max_depth;
    uint32_t max_aliases;
    uint64_t max_nodes;
    uint64_t offset_base;     /* byte offset of the text in its file */
    uint64_t line_base;       /* lines of the file before the text */
    trop_yaml_warn_fn warn;   /* may be NULL */
    void *warn_ud;
    trop_yaml_marks *marks;   /* may be NULL; see trop_yaml_marks_new() */
} trop_yaml_opts;

/* Fills o from the context's limits, with no warnings callback or marks. */
void trop_yaml_opts_init(trop_yaml_opts *o, const tro_ctx *ctx);

/*
 * Converts the first document of text[0..len) into *out (a new reference
 * owned by the caller, json_decref(); JSON null for an empty document).
 * Returns 0, or err->code (TRO_EPARSE, TRO_ELIMIT, TRO_ENOMEM, or a code a
 * warn callback returned) with *out NULL and err filled. Warnings are
 * reported once the conversion is over, also when it failed.
 */
int trop_yaml_to_json(const char *text, size_t len, const trop_yaml_opts *o,
                      json_t **out, trop_yaml_error *err);

/*
 * Node positions: create before the conversion, pass in opts->marks, then ask
 * where a node of the result started. The text must outlive the marks.
 * Returns NULL on allocation failure. Free with trop_yaml_marks_free().
 */
trop_yaml_marks *trop_yaml_marks_new(void);
void trop_yaml_marks_free(trop_yaml_marks *m);
/* Byte offset and 1-based line of node (a value inside the converted
 * result); returns false (and -1, 0) for nodes not recorded, such as alias
 * copies. */
bool trop_yaml_mark_find(trop_yaml_marks *m, const json_t *node,
                         int64_t *offset, uint64_t *line);

#endif

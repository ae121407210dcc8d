/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Bounded YAML to JSON conversion (see yaml.h): builds JSON from libyaml's
 * parse events (libyaml.c). */
#include "yaml.h"
#include "event.h"
#include "../text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One open collection (96 bytes: keep the first 8 under 1 KiB, see
 * on_start()). */
typedef struct frame {
    json_t *node;
    char *key;              /* owned */
    size_t key_len;
    trop_yaml_ev_mark key_mark;
    char *anchor;
    uint64_t nodes_at_start;
    trop_yaml_ev_mark start;
    uint32_t height;        /* of the tallest child so far */
    bool is_map;
    bool have_key;
    bool key_is_version;
} frame;

_Static_assert(8 * sizeof(frame) <= 1000, "8 frames must stay a small malloc request");

typedef struct anchor {
    char *name;
    json_t *node;
    uint64_t nodes;
    uint32_t height;
} anchor;

/* A warning held back until the conversion is over (yaml.h: reported once
 * it is over, also when it failed). */
typedef struct held_warning {
    int64_t offset;
    uint64_t line;
    char message[160];
} held_warning;

typedef struct conv {
    const trop_yaml_opts *o;
    const char *text;
    size_t len;
    frame *stack;
    size_t depth, cap;
    anchor *anchors;
    size_t nanchors, capanchors;
    json_t *anchor_index;   /* name -> integer index into anchors (made with
                               the first anchor: most texts have none) */
    uint64_t nodes;
    uint32_t aliases;
    uint32_t warnings;
    held_warning held[TROP_YAML_MAX_WARNINGS];
    json_t *root;
    bool have_root;
    locale_t c_locale;
    trop_yaml_error *err;
} conv;

void trop_yaml_opts_init(trop_yaml_opts *o, const tro_ctx *ctx)
{
    memset(o, 0, sizeof *o);
    o->max_bytes = ctx->limits.max_text_bytes;
    o->max_depth = ctx->limits.max_depth;
    o->max_aliases = ctx->limits.max_aliases;
    o->max_nodes = TROP_YAML_DEFAULT_MAX_NODES;
}

/* ---- errors and positions ------------------------------------------------ */

static void set_error(conv *c, int code, const char *kind, const trop_yaml_ev_mark *at,
                      const char *fmt, ...) TROP_PRINTF(5, 6);

static void set_error(conv *c, int code, const char *kind, const trop_yaml_ev_mark *at,
                      const char *fmt, ...)
{
    trop_yaml_error *e = c->err;
    e->code = code;
    e->kind = kind;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    if (at) {
        e->offset = (int64_t)(c->o->offset_base + at->offset);
        e->line = c->o->line_base + at->line + 1;
        e->column = at->column + 1;
    }
}

static int oom(conv *c)
{
    set_error(c, TRO_ENOMEM, "out-of-memory", NULL, "out of memory");
    return TRO_ENOMEM;
}

static int record_mark(conv *c, const json_t *node, const trop_yaml_ev_mark *at)
{
    if (c->o->marks && trop_yaml_marks_add(c->o->marks, node, at))
        return oom(c);
    return 0;
}

/* ---- building ----------------------------------------------------------- */

static int count_node(conv *c, uint64_t more, const trop_yaml_ev_mark *at)
{
    if (more > c->o->max_nodes || c->nodes > c->o->max_nodes - more) {
        set_error(c, TRO_ELIMIT, "too-many-nodes", at, "more than %llu nodes (an alias bomb?)",
                  (unsigned long long)c->o->max_nodes);
        return TRO_ELIMIT;
    }
    c->nodes += more;
    return 0;
}

static bool key_is_version(const char *k, size_t n)
{
    static const char v[] = "version";
    if (n < sizeof v - 1)
        return false;
    k += n - (sizeof v - 1);
    for (size_t i = 0; i < sizeof v - 1; i++)
        if ((k[i] | 0x20) != v[i]) /* ASCII case folding: v is all letters */
            return false;
    return true;
}

/* Holds the warning for p's key, already in its mapping (reported once the
 * conversion is known to stand: flush_warnings). */
static void hold_duplicate(conv *c, const frame *p)
{
    if (!c->o->warn || c->warnings >= TROP_YAML_MAX_WARNINGS)
        return;
    held_warning *w = &c->held[c->warnings++];
    snprintf(w->message, sizeof w->message, "duplicate key '%.*s' (the later value wins)",
             (int)(p->key_len > 80 ? 80 : p->key_len), p->key);
    w->offset = (int64_t)(c->o->offset_base + p->key_mark.offset);
    w->line = c->o->line_base + p->key_mark.line + 1;
}

static int flush_warnings(conv *c)
{
    for (uint32_t i = 0; i < c->warnings; i++) {
        int rc = c->o->warn(c->o->warn_ud, "duplicate-key", c->held[i].offset, c->held[i].line,
                            c->held[i].message);
        if (rc) {
            if (!c->err->code) /* an earlier error stays the one reported */
                set_error(c, rc, "out-of-memory", NULL, "warning callback failed");
            return rc;
        }
    }
    c->warnings = 0;
    return 0;
}

/* Text of a collection used as a mapping key. */
static char *key_text(const json_t *node, size_t *len)
{
    if (json_is_string(node)) {
        *len = json_string_length(node);
        return trop_strndup(json_string_value(node), *len);
    }
    char *s = json_dumps(node, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
    *len = s ? strlen(s) : 0;
    return s;
}

static void drop_key(frame *p)
{
    free(p->key);
    p->key = NULL;
    p->have_key = false;
}

/* Places a finished node (reference stolen) in its parent, or as the root. */
static int attach(conv *c, json_t *node, uint32_t height, const trop_yaml_ev_mark *at)
{
    if (!node)
        return oom(c);
    if (c->depth == 0) {
        c->root = node;
        c->have_root = true;
        return 0;
    }
    frame *p = &c->stack[c->depth - 1];
    if (height + 1 > p->height)
        p->height = height + 1;
    if (!p->is_map)
        return json_array_append_new(p->node, node) ? oom(c) : 0;
    if (!p->have_key) {
        p->key_mark = *at;
        p->key = key_text(node, &p->key_len);
        json_decref(node);
        if (!p->key)
            return oom(c);
        p->have_key = true;
        p->key_is_version = key_is_version(p->key, p->key_len);
        return 0;
    }
    if (json_object_getn(p->node, p->key, p->key_len))
        hold_duplicate(c, p);
    int rc = json_object_setn_new_nocheck(p->node, p->key, p->key_len, node) ? oom(c) : 0;
    drop_key(p);
    return rc;
}

static int add_anchor(conv *c, const char *name, json_t *node, uint64_t nodes, uint32_t height)
{
    if (!c->anchor_index && !(c->anchor_index = json_object()))
        return oom(c);
    json_t *idx = json_object_get(c->anchor_index, name);
    size_t i;
    if (idx) {
        i = (size_t)json_integer_value(idx);
        json_decref(c->anchors[i].node);
    } else {
        if (c->nanchors == c->capanchors) {
            size_t cap = c->capanchors ? c->capanchors * 2 : 8;
            anchor *v = realloc(c->anchors, cap * sizeof *v);
            if (!v)
                return oom(c);
            c->anchors = v;
            c->capanchors = cap;
        }
        i = c->nanchors;
        c->anchors[i].name = trop_strdup(name);
        if (!c->anchors[i].name ||
            json_object_set_new(c->anchor_index, name, json_integer((json_int_t)i)) != 0) {
            free(c->anchors[i].name);
            return oom(c);
        }
        c->nanchors++;
    }
    c->anchors[i].node = json_incref(node);
    c->anchors[i].nodes = nodes;
    c->anchors[i].height = height;
    return 0;
}

/* TRO_EPARSE, after setting the error, when ev's text is not UTF-8; else 0. */
static int check_utf8(conv *c, const trop_yaml_ev *ev, bool key)
{
    if (trop_utf8_check(ev->value, ev->length) == ev->length)
        return 0;
    set_error(c, TRO_EPARSE, "syntax", &ev->start,
              key ? "invalid UTF-8 in a key" : "invalid UTF-8 in a scalar");
    return TRO_EPARSE;
}

/* Remembers a key scalar of the innermost mapping, if one is expected. */
static bool take_key(conv *c, const trop_yaml_ev *ev, int *rc)
{
    *rc = 0;
    if (!c->depth)
        return false;
    frame *p = &c->stack[c->depth - 1];
    if (!p->is_map || p->have_key)
        return false;
    p->key_mark = ev->start;
    if ((*rc = check_utf8(c, ev, true)) != 0)
        return true;
    if (!(p->key = trop_strndup(ev->value, ev->length))) {
        *rc = oom(c);
        return true;
    }
    p->key_len = ev->length;
    p->have_key = true;
    p->key_is_version = key_is_version(ev->value, ev->length);
    if (ev->anchor) {
        json_t *k = json_stringn(ev->value, ev->length);
        *rc = k ? add_anchor(c, ev->anchor, k, 1, 0) : oom(c);
        json_decref(k);
    }
    return true;
}

/* ---- events -------------------------------------------------------------- */

static int on_scalar(conv *c, const trop_yaml_ev *ev)
{
    int rc = count_node(c, 1, &ev->start);
    if (rc)
        return rc;
    if (take_key(c, ev, &rc))
        return rc;
    bool keep_numbers = c->depth && c->stack[c->depth - 1].is_map &&
                        c->stack[c->depth - 1].key_is_version;
    json_t *node = (!ev->plain || ev->str_tag)
                       ? trop_yaml_string(ev->value, ev->length)
                       : trop_yaml_plain(ev->value, ev->length, keep_numbers, &c->c_locale);
    if (!node) {
        /* only an invalid UTF-8 scalar or memory exhaustion gets here */
        if (trop_utf8_check(ev->value, ev->length) != ev->length) {
            set_error(c, TRO_EPARSE, "syntax", &ev->start, "invalid UTF-8 in a scalar");
            return TRO_EPARSE;
        }
        return oom(c);
    }
    if ((rc = record_mark(c, node, &ev->start)) ||
        (ev->anchor && (rc = add_anchor(c, ev->anchor, node, 1, 0)))) {
        json_decref(node);
        return rc;
    }
    return attach(c, node, 0, &ev->start);
}

static int on_alias(conv *c, const trop_yaml_ev *ev)
{
    const char *name = ev->value;
    if (++c->aliases > c->o->max_aliases) {
        set_error(c, TRO_ELIMIT, "too-many-aliases", &ev->start, "more than %u alias references",
                  (unsigned)c->o->max_aliases);
        return TRO_ELIMIT;
    }
    json_t *idx = json_object_get(c->anchor_index, name);
    if (!idx) {
        set_error(c, TRO_EPARSE, "syntax", &ev->start,
                  "alias *%.64s names no anchor defined before it", name);
        return TRO_EPARSE;
    }
    const anchor *a = &c->anchors[json_integer_value(idx)];
    if (c->depth + a->height > c->o->max_depth) {
        set_error(c, TRO_ELIMIT, "too-deep", &ev->start, "alias *%.64s nests deeper than %u levels",
                  name, (unsigned)c->o->max_depth);
        return TRO_ELIMIT;
    }
    int rc = count_node(c, a->nodes, &ev->start);
    if (rc)
        return rc;
    json_t *copy = json_deep_copy(a->node);
    if (!copy)
        return oom(c);
    return attach(c, copy, a->height, &ev->start);
}

static int on_start(conv *c, const trop_yaml_ev *ev, bool is_map)
{
    int rc = count_node(c, 1, &ev->start);
    if (rc)
        return rc;
    if (c->depth >= c->o->max_depth) {
        set_error(c, TRO_ELIMIT, "too-deep", &ev->start, "nested deeper than %u levels",
                  (unsigned)c->o->max_depth);
        return TRO_ELIMIT;
    }
    if (c->depth == c->cap) {
        /* 8 frames stay under glibc's 1 KiB large-request size, whose
         * every malloc first consolidates all freed small chunks */
        size_t cap = c->cap ? c->cap * 2 : 8;
        frame *v = realloc(c->stack, cap * sizeof *v);
        if (!v)
            return oom(c);
        c->stack = v;
        c->cap = cap;
    }
    frame *f = &c->stack[c->depth];
    memset(f, 0, sizeof *f);
    f->is_map = is_map;
    f->start = ev->start;
    f->nodes_at_start = c->nodes - 1;
    f->node = is_map ? json_object() : json_array();
    if (!f->node)
        return oom(c);
    c->depth++;
    if (ev->anchor && !(f->anchor = trop_strdup(ev->anchor)))
        return oom(c);
    return record_mark(c, f->node, &ev->start);
}

static int on_end(conv *c)
{
    frame f = c->stack[--c->depth];
    int rc = 0;
    drop_key(&f);
    if (f.anchor)
        rc = add_anchor(c, f.anchor, f.node, c->nodes - f.nodes_at_start, f.height);
    free(f.anchor);
    if (rc) {
        json_decref(f.node);
        return rc;
    }
    return attach(c, f.node, f.height, &f.start);
}

static int on_event(void *ud, const trop_yaml_ev *ev)
{
    conv *c = ud;
    switch (ev->type) {
    case TROP_YAML_EV_SCALAR:
        return on_scalar(c, ev);
    case TROP_YAML_EV_ALIAS:
        return on_alias(c, ev);
    case TROP_YAML_EV_SEQ_START:
        return on_start(c, ev, false);
    case TROP_YAML_EV_MAP_START:
        return on_start(c, ev, true);
    case TROP_YAML_EV_SEQ_END:
    case TROP_YAML_EV_MAP_END:
        return c->depth ? on_end(c) : 0;
    default: /* the end of the first document: the sources stop there */
        return 0;
    }
}

/* ---- driver ------------------------------------------------------------- */

static void conv_free(conv *c)
{
    while (c->depth) {
        frame *f = &c->stack[--c->depth];
        json_decref(f->node);
        drop_key(f);
        free(f->anchor);
    }
    for (size_t i = 0; i < c->nanchors; i++) {
        free(c->anchors[i].name);
        json_decref(c->anchors[i].node);
    }
    json_decref(c->root);
    free(c->stack);
    free(c->anchors);
    json_decref(c->anchor_index);
    if (c->c_locale != (locale_t)0)
        freelocale(c->c_locale);
}

static int run(conv *c)
{
    trop_yaml_error own = {.offset = -1};
    int rc = trop_yaml_libyaml(c->text, c->len, on_event, c, &own);
    if (own.code) {
        /* libyaml's own error: its positions are in the text */
        *c->err = own;
        if (own.offset >= 0)
            c->err->offset += (int64_t)c->o->offset_base;
        if (own.line)
            c->err->line += c->o->line_base;
    } else if (rc == TRO_ENOMEM && !c->err->code) {
        oom(c);
    }
    return rc;
}

int trop_yaml_to_json(const char *text, size_t len, const trop_yaml_opts *o, json_t **out,
                      trop_yaml_error *err)
{
    trop_yaml_error dummy;
    if (!err)
        err = &dummy;
    memset(err, 0, sizeof *err);
    err->offset = -1;
    *out = NULL;
    conv c = {.o = o, .text = text, .len = len, .err = err};
    if (o->marks)
        trop_yaml_marks_reset(o->marks, o->offset_base, o->line_base);
    if (len > o->max_bytes) {
        set_error(&c, TRO_ELIMIT, "too-big", NULL,
                  "YAML text of %zu bytes is over the %llu-byte limit", len,
                  (unsigned long long)o->max_bytes);
        return TRO_ELIMIT;
    }
    int rc = run(&c);
    int wrc = c.warnings ? flush_warnings(&c) : 0;
    if (!rc)
        rc = wrc;
    if (!rc) {
        *out = c.have_root ? c.root : json_null();
        c.root = NULL;
    }
    conv_free(&c);
    return rc;
}

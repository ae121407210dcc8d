/* Bounded YAML to JSON conversion over libyaml's event parser (see yaml.h). */
#include "yaml.h"
#include "text.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

struct mark {
    const json_t *node;
    uint64_t index;     /* libyaml character index */
    uint64_t line;      /* 0-based, from libyaml */
    size_t seq;         /* later records win when an address is reused */
};

struct trop_yaml_marks {
    struct mark *v;
    size_t n, cap;
    bool sorted;
    const char *text;
    size_t len;
    uint64_t offset_base, line_base;
};

/* One open collection. */
typedef struct frame {
    json_t *node;
    bool is_map;
    bool have_key;
    bool key_is_version;
    char *key;
    size_t key_len;
    uint64_t key_index, key_line;
    char *anchor;
    uint64_t nodes_at_start;
    uint32_t height;        /* of the tallest child so far */
    yaml_mark_t start;
} frame;

typedef struct anchor {
    char *name;
    json_t *node;
    uint64_t nodes;
    uint32_t height;
} anchor;

typedef struct conv {
    const trop_yaml_opts *o;
    const char *text;
    size_t len;
    frame *stack;
    size_t depth, cap;
    anchor *anchors;
    size_t nanchors, capanchors;
    json_t *anchor_index;   /* name -> integer index into anchors */
    uint64_t nodes;
    uint32_t aliases;
    uint32_t warnings;
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

/* ---- positions ---------------------------------------------------------- */

/* libyaml counts characters; findings want bytes. */
static int64_t char_to_byte(const char *text, size_t len, uint64_t index)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        i = 3; /* libyaml consumes the BOM without counting it */
    uint64_t chars = 0;
    for (; i < len && chars < index; i++)
        if ((s[i] & 0xC0) != 0x80)
            chars++;
    while (i < len && (s[i] & 0xC0) == 0x80)
        i++;
    return (int64_t)i;
}

static void set_error(conv *c, int code, const char *kind, uint64_t index,
                      uint64_t line, uint64_t column, bool have_mark,
                      const char *fmt, ...) TROP_PRINTF(8, 9);

static void set_error(conv *c, int code, const char *kind, uint64_t index,
                      uint64_t line, uint64_t column, bool have_mark,
                      const char *fmt, ...)
{
    trop_yaml_error *e = c->err;
    e->code = code;
    e->kind = kind;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    if (have_mark) {
        e->offset = (int64_t)c->o->offset_base + char_to_byte(c->text, c->len, index);
        e->line = c->o->line_base + line + 1;
        e->column = column + 1;
    }
}

static int oom(conv *c)
{
    set_error(c, TRO_ENOMEM, "out-of-memory", 0, 0, 0, false, "out of memory");
    return TRO_ENOMEM;
}

trop_yaml_marks *trop_yaml_marks_new(void)
{
    return calloc(1, sizeof(trop_yaml_marks));
}

void trop_yaml_marks_free(trop_yaml_marks *m)
{
    if (!m)
        return;
    free(m->v);
    free(m);
}

static int record_mark(conv *c, const json_t *node, const yaml_mark_t *mk)
{
    trop_yaml_marks *m = c->o->marks;
    if (!m)
        return 0;
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        struct mark *v = realloc(m->v, cap * sizeof *v);
        if (!v)
            return oom(c);
        m->v = v;
        m->cap = cap;
    }
    m->v[m->n] = (struct mark){node, mk->index, mk->line, m->n};
    m->n++;
    return 0;
}

static int cmp_mark(const void *pa, const void *pb)
{
    const struct mark *a = pa, *b = pb;
    if (a->node != b->node)
        return (uintptr_t)a->node < (uintptr_t)b->node ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

bool trop_yaml_mark_find(trop_yaml_marks *m, const json_t *node, int64_t *offset,
                         uint64_t *line)
{
    *offset = -1;
    *line = 0;
    if (!m || !node || !m->n)
        return false;
    if (!m->sorted) {
        qsort(m->v, m->n, sizeof *m->v, cmp_mark);
        m->sorted = true;
    }
    size_t lo = 0, hi = m->n;
    while (lo < hi) { /* first record after node's last */
        size_t mid = lo + (hi - lo) / 2;
        if ((uintptr_t)m->v[mid].node <= (uintptr_t)node)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || m->v[lo - 1].node != node)
        return false;
    const struct mark *k = &m->v[lo - 1];
    *offset = (int64_t)m->offset_base + char_to_byte(m->text, m->len, k->index);
    *line = m->line_base + k->line + 1;
    return true;
}

/* ---- scalars ------------------------------------------------------------ */

static bool is_digits(const char *s, size_t n, int base)
{
    if (!n)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        bool ok = base == 16 ? ((ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'f'))
                             : (ch >= '0' && ch < '0' + base);
        if (!ok)
            return false;
    }
    return true;
}

/* Integer value of digits, or false when it does not fit int64. */
static bool to_int(const char *s, size_t n, int base, bool neg, json_int_t *out)
{
    uint64_t v = 0, lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (size_t i = 0; i < n; i++) {
        unsigned d = (unsigned char)s[i] <= '9' ? (unsigned)(s[i] - '0')
                                                : (unsigned)((s[i] | 0x20) - 'a' + 10);
        if (v > (lim - d) / (uint64_t)base)
            return false;
        v = v * (uint64_t)base + d;
    }
    *out = neg ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(json_int_t)v) : (json_int_t)v;
    return true;
}

/* YAML 1.2 core float: [-+]?(.D+|D+(.D*)?)([eE][-+]?D+)? */
static bool is_float(const char *s, size_t n)
{
    size_t i = 0, d = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        i++;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++, d++;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++, d++;
    }
    if (!d)
        return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '-' || s[i] == '+'))
            i++;
        size_t e = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == e)
            return false;
    }
    return i == n;
}

static bool word_in(const char *s, size_t n, const char *const *words)
{
    for (; *words; words++)
        if (strlen(*words) == n && memcmp(s, *words, n) == 0)
            return true;
    return false;
}

/* A number (or NULL when s is not one, or does not fit). */
static json_t *resolve_number(conv *c, const char *s, size_t n)
{
    json_int_t iv;
    size_t sign = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    if (is_digits(s + sign, n - sign, 10))
        return to_int(s + sign, n - sign, 10, s[0] == '-', &iv) ? json_integer(iv) : NULL;
    if (n > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
        int base = s[1] == 'o' ? 8 : 16;
        if (is_digits(s + 2, n - 2, base))
            return to_int(s + 2, n - 2, base, false, &iv) ? json_integer(iv) : NULL;
        return NULL;
    }
    if (!is_float(s, n) || n > 64)
        return NULL;
    if (c->c_locale == (locale_t)0) {
        /* strtod follows LC_NUMERIC; YAML does not */
        c->c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
        if (c->c_locale == (locale_t)0)
            return NULL;
    }
    char buf[65];
    memcpy(buf, s, n);
    buf[n] = '\0';
    double d = strtod_l(buf, NULL, c->c_locale);
    return isfinite(d) ? json_real(d) : NULL;
}

static json_t *make_string(const char *s, size_t n)
{
    /* libyaml checks its input, but never trust a parser's output blindly */
    if (trop_utf8_check(s, n) != n)
        return NULL;
    return json_stringn_nocheck(s, n);
}

static json_t *resolve_plain(conv *c, const char *s, size_t n, bool keep_numbers)
{
    static const char *const nulls[] = {"~", "null", "Null", "NULL", NULL};
    static const char *const trues[] = {"true", "True", "TRUE", NULL};
    static const char *const falses[] = {"false", "False", "FALSE", NULL};
    if (n == 0 || word_in(s, n, nulls))
        return json_null();
    if (word_in(s, n, trues))
        return json_true();
    if (word_in(s, n, falses))
        return json_false();
    unsigned char f = (unsigned char)s[0];
    if (!keep_numbers && ((f >= '0' && f <= '9') || f == '-' || f == '+' || f == '.')) {
        json_t *num = resolve_number(c, s, n);
        if (num)
            return num;
    }
    return make_string(s, n);
}

/* ---- building ----------------------------------------------------------- */

static int count_node(conv *c, uint64_t more, const yaml_mark_t *mk)
{
    if (more > c->o->max_nodes || c->nodes > c->o->max_nodes - more) {
        set_error(c, TRO_ELIMIT, "too-many-nodes", mk->index, mk->line, mk->column, true,
                  "more than %llu nodes (an alias bomb?)",
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
    return strncasecmp(k + n - (sizeof v - 1), v, sizeof v - 1) == 0;
}

static int warn(conv *c, const char *kind, uint64_t index, uint64_t line, const char *fmt, ...)
    TROP_PRINTF(5, 6);

static int warn(conv *c, const char *kind, uint64_t index, uint64_t line, const char *fmt, ...)
{
    if (!c->o->warn || c->warnings++ >= TROP_YAML_MAX_WARNINGS)
        return 0;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int64_t off = (int64_t)c->o->offset_base + char_to_byte(c->text, c->len, index);
    int rc = c->o->warn(c->o->warn_ud, kind, off, c->o->line_base + line + 1, msg);
    if (rc)
        set_error(c, rc, "out-of-memory", 0, 0, 0, false, "warning callback failed");
    return rc;
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

/* Places a finished node (reference stolen) in its parent, or as the root. */
static int attach(conv *c, json_t *node, uint32_t height, const yaml_mark_t *mk)
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
    if (!p->is_map) {
        if (json_array_append_new(p->node, node))
            return oom(c);
        return 0;
    }
    if (!p->have_key) {
        p->key_index = mk->index;
        p->key_line = mk->line;
        p->key = key_text(node, &p->key_len);
        json_decref(node);
        if (!p->key)
            return oom(c);
        p->have_key = true;
        p->key_is_version = key_is_version(p->key, p->key_len);
        return 0;
    }
    int rc = 0;
    if (json_object_getn(p->node, p->key, p->key_len))
        rc = warn(c, "duplicate-key", p->key_index, p->key_line,
                  "duplicate key '%.*s' (the later value wins)",
                  (int)(p->key_len > 80 ? 80 : p->key_len), p->key);
    if (!rc && json_object_setn_new_nocheck(p->node, p->key, p->key_len, node))
        rc = oom(c);
    else if (rc)
        json_decref(node);
    free(p->key);
    p->key = NULL;
    p->have_key = false;
    return rc;
}

static int add_anchor(conv *c, const char *name, json_t *node, uint64_t nodes, uint32_t height)
{
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

/* Remembers a key scalar of the innermost mapping, if one is expected. */
static bool take_key(conv *c, const yaml_event_t *ev, int *rc)
{
    *rc = 0;
    if (!c->depth)
        return false;
    frame *p = &c->stack[c->depth - 1];
    if (!p->is_map || p->have_key)
        return false;
    const char *v = (const char *)ev->data.scalar.value;
    size_t n = ev->data.scalar.length;
    p->key_index = ev->start_mark.index;
    p->key_line = ev->start_mark.line;
    if (trop_utf8_check(v, n) != n) {
        set_error(c, TRO_EPARSE, "syntax", ev->start_mark.index, ev->start_mark.line,
                  ev->start_mark.column, true, "invalid UTF-8 in a key");
        *rc = TRO_EPARSE;
        return true;
    }
    if (!(p->key = trop_strndup(v, n))) {
        *rc = oom(c);
        return true;
    }
    p->key_len = n;
    p->have_key = true;
    p->key_is_version = key_is_version(v, n);
    return true;
}

static int on_scalar(conv *c, const yaml_event_t *ev)
{
    int rc = count_node(c, 1, &ev->start_mark);
    if (rc || take_key(c, ev, &rc)) {
        if (!rc && ev->data.scalar.anchor) {
            json_t *k = json_stringn(c->stack[c->depth - 1].key, c->stack[c->depth - 1].key_len);
            rc = k ? add_anchor(c, (const char *)ev->data.scalar.anchor, k, 1, 0) : oom(c);
            json_decref(k);
        }
        return rc;
    }
    const char *v = (const char *)ev->data.scalar.value;
    size_t n = ev->data.scalar.length;
    const char *tag = (const char *)ev->data.scalar.tag;
    bool as_string = !ev->data.scalar.plain_implicit ||
                     (tag && strcmp(tag, YAML_STR_TAG) == 0);
    bool keep_numbers = c->depth && c->stack[c->depth - 1].is_map &&
                        c->stack[c->depth - 1].key_is_version;
    json_t *node = as_string ? make_string(v, n) : resolve_plain(c, v, n, keep_numbers);
    if (!node) {
        /* only an invalid UTF-8 scalar or memory exhaustion gets here */
        if (trop_utf8_check(v, n) != n) {
            set_error(c, TRO_EPARSE, "syntax", ev->start_mark.index, ev->start_mark.line,
                      ev->start_mark.column, true, "invalid UTF-8 in a scalar");
            return TRO_EPARSE;
        }
        return oom(c);
    }
    if ((rc = record_mark(c, node, &ev->start_mark)))
        return json_decref(node), rc;
    if (ev->data.scalar.anchor &&
        (rc = add_anchor(c, (const char *)ev->data.scalar.anchor, node, 1, 0)))
        return json_decref(node), rc;
    return attach(c, node, 0, &ev->start_mark);
}

static int on_alias(conv *c, const yaml_event_t *ev)
{
    const yaml_mark_t *mk = &ev->start_mark;
    const char *name = (const char *)ev->data.alias.anchor;
    if (++c->aliases > c->o->max_aliases) {
        set_error(c, TRO_ELIMIT, "too-many-aliases", mk->index, mk->line, mk->column, true,
                  "more than %u alias references", (unsigned)c->o->max_aliases);
        return TRO_ELIMIT;
    }
    json_t *idx = json_object_get(c->anchor_index, name);
    if (!idx) {
        set_error(c, TRO_EPARSE, "syntax", mk->index, mk->line, mk->column, true,
                  "alias *%.64s names no anchor defined before it", name);
        return TRO_EPARSE;
    }
    const anchor *a = &c->anchors[json_integer_value(idx)];
    if (c->depth + a->height > c->o->max_depth) {
        set_error(c, TRO_ELIMIT, "too-deep", mk->index, mk->line, mk->column, true,
                  "alias *%.64s nests deeper than %u levels", name, (unsigned)c->o->max_depth);
        return TRO_ELIMIT;
    }
    int rc = count_node(c, a->nodes, mk);
    if (rc)
        return rc;
    json_t *copy = json_deep_copy(a->node);
    if (!copy)
        return oom(c);
    return attach(c, copy, a->height, mk);
}

static int on_start(conv *c, const yaml_event_t *ev, bool is_map)
{
    const yaml_mark_t *mk = &ev->start_mark;
    int rc = count_node(c, 1, mk);
    if (rc)
        return rc;
    if (c->depth >= c->o->max_depth) {
        set_error(c, TRO_ELIMIT, "too-deep", mk->index, mk->line, mk->column, true,
                  "nested deeper than %u levels", (unsigned)c->o->max_depth);
        return TRO_ELIMIT;
    }
    if (c->depth == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        frame *v = realloc(c->stack, cap * sizeof *v);
        if (!v)
            return oom(c);
        c->stack = v;
        c->cap = cap;
    }
    const yaml_char_t *anc = is_map ? ev->data.mapping_start.anchor
                                    : ev->data.sequence_start.anchor;
    frame *f = &c->stack[c->depth];
    memset(f, 0, sizeof *f);
    f->is_map = is_map;
    f->start = *mk;
    f->nodes_at_start = c->nodes - 1;
    f->node = is_map ? json_object() : json_array();
    if (!f->node)
        return oom(c);
    c->depth++;
    if (anc && !(f->anchor = trop_strdup((const char *)anc)))
        return oom(c);
    return record_mark(c, f->node, mk);
}

static int on_end(conv *c)
{
    frame f = c->stack[--c->depth];
    int rc = 0;
    free(f.key);
    if (f.anchor)
        rc = add_anchor(c, f.anchor, f.node, c->nodes - f.nodes_at_start, f.height);
    free(f.anchor);
    if (rc) {
        json_decref(f.node);
        return rc;
    }
    return attach(c, f.node, f.height, &f.start);
}

/* ---- driver ------------------------------------------------------------- */

static int parser_error(conv *c, const yaml_parser_t *p)
{
    if (p->error == YAML_MEMORY_ERROR)
        return oom(c);
    const char *problem = p->problem ? p->problem : "invalid YAML";
    if (p->error == YAML_READER_ERROR) {
        /* problem_offset counts bytes for reader (encoding) errors */
        trop_yaml_error *e = c->err;
        e->code = TRO_EPARSE;
        e->kind = "syntax";
        snprintf(e->message, sizeof e->message, "%s", problem);
        e->offset = (int64_t)(c->o->offset_base + p->problem_offset);
        return TRO_EPARSE;
    }
    const yaml_mark_t *mk = &p->problem_mark;
    if (p->context)
        set_error(c, TRO_EPARSE, "syntax", mk->index, mk->line, mk->column, true,
                  "%s %s", p->context, problem);
    else
        set_error(c, TRO_EPARSE, "syntax", mk->index, mk->line, mk->column, true, "%s",
                  problem);
    return TRO_EPARSE;
}

static int on_event(conv *c, const yaml_event_t *ev, bool *done)
{
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        return on_scalar(c, ev);
    case YAML_ALIAS_EVENT:
        return on_alias(c, ev);
    case YAML_SEQUENCE_START_EVENT:
        return on_start(c, ev, false);
    case YAML_MAPPING_START_EVENT:
        return on_start(c, ev, true);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return c->depth ? on_end(c) : 0;
    case YAML_DOCUMENT_END_EVENT:
    case YAML_STREAM_END_EVENT:
        *done = true; /* only the first document counts */
        return 0;
    default:
        return 0;
    }
}

static void conv_free(conv *c)
{
    while (c->depth) {
        frame *f = &c->stack[--c->depth];
        json_decref(f->node);
        free(f->key);
        free(f->anchor);
    }
    free(c->stack);
    for (size_t i = 0; i < c->nanchors; i++) {
        free(c->anchors[i].name);
        json_decref(c->anchors[i].node);
    }
    free(c->anchors);
    json_decref(c->anchor_index);
    if (c->c_locale != (locale_t)0)
        freelocale(c->c_locale);
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
    if (o->marks) {
        o->marks->text = text;
        o->marks->len = len;
        o->marks->offset_base = o->offset_base;
        o->marks->line_base = o->line_base;
    }
    if (len > o->max_bytes) {
        err->code = TRO_ELIMIT;
        err->kind = "too-big";
        snprintf(err->message, sizeof err->message, "YAML text of %zu bytes is over the %llu-byte limit",
                 len, (unsigned long long)o->max_bytes);
        return TRO_ELIMIT;
    }
    if (!(c.anchor_index = json_object()))
        return oom(&c);
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        conv_free(&c);
        return oom(&c);
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
    int rc = 0;
    bool done = false;
    while (!rc && !done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            rc = parser_error(&c, &p);
            break;
        }
        rc = on_event(&c, &ev, &done);
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    if (!rc)
        *out = c.have_root ? c.root : json_null();
    else
        json_decref(c.root);
    conv_free(&c);
    return rc;
}

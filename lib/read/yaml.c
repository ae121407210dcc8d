/* Bounded YAML to JSON conversion (see yaml.h): builds JSON from parse
 * events, which come from the fast path (yaml_fast.c) or from libyaml. */
#include "yaml.h"
#include "yaml_event.h"
#include "text.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

struct mark {
    const json_t *node;
    uint64_t offset;    /* bytes, in the text */
    uint64_t line;      /* 0-based */
    size_t seq;         /* later records win when an address is reused */
};

struct trop_yaml_marks {
    struct mark *v;
    size_t n, cap;
    bool sorted;
    uint64_t offset_base, line_base;
};

/* One open collection. */
typedef struct frame {
    json_t *node;
    bool is_map;
    bool have_key;
    bool key_is_version;
    char *key;              /* owned when key_owned, else a slice of the text */
    bool key_owned;
    size_t key_len;
    trop_ymark key_mark;
    char *anchor;
    uint64_t nodes_at_start;
    uint32_t height;        /* of the tallest child so far */
    trop_ymark start;
} frame;

typedef struct anchor {
    char *name;
    json_t *node;
    uint64_t nodes;
    uint32_t height;
} anchor;

/* A warning held back until the conversion is over (a fast parse that is
 * declined half-way must not report anything). */
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
    json_t *anchor_index;   /* name -> integer index into anchors */
    uint64_t nodes;
    uint32_t aliases;
    uint32_t warnings;
    held_warning held[TROP_YAML_MAX_WARNINGS];
    json_t *root;
    bool have_root;
    bool done;
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

static void set_error(conv *c, int code, const char *kind, const trop_ymark *at,
                      const char *fmt, ...) TROP_PRINTF(5, 6);

static void set_error(conv *c, int code, const char *kind, const trop_ymark *at,
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

static int record_mark(conv *c, const json_t *node, const trop_ymark *at)
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
    m->v[m->n] = (struct mark){node, at->offset, at->line, m->n};
    m->n++;
    m->sorted = false;
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
    *offset = (int64_t)(m->offset_base + m->v[lo - 1].offset);
    *line = m->line_base + m->v[lo - 1].line + 1;
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

static int count_node(conv *c, uint64_t more, const trop_ymark *at)
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
    return strncasecmp(k + n - (sizeof v - 1), v, sizeof v - 1) == 0;
}

static void hold_warning(conv *c, const trop_ymark *at, const char *fmt, ...) TROP_PRINTF(3, 4);

static void hold_warning(conv *c, const trop_ymark *at, const char *fmt, ...)
{
    if (!c->o->warn || c->warnings >= TROP_YAML_MAX_WARNINGS)
        return;
    held_warning *w = &c->held[c->warnings++];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->message, sizeof w->message, fmt, ap);
    va_end(ap);
    w->offset = (int64_t)(c->o->offset_base + at->offset);
    w->line = c->o->line_base + at->line + 1;
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
    if (p->key_owned)
        free(p->key);
    p->key = NULL;
    p->key_owned = p->have_key = false;
}

/* Places a finished node (reference stolen) in its parent, or as the root. */
static int attach(conv *c, json_t *node, uint32_t height, const trop_ymark *at)
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
        p->have_key = p->key_owned = true;
        p->key_is_version = key_is_version(p->key, p->key_len);
        return 0;
    }
    if (json_object_getn(p->node, p->key, p->key_len))
        hold_warning(c, &p->key_mark, "duplicate key '%.*s' (the later value wins)",
                     (int)(p->key_len > 80 ? 80 : p->key_len), p->key);
    int rc = json_object_setn_new_nocheck(p->node, p->key, p->key_len, node) ? oom(c) : 0;
    drop_key(p);
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
static bool take_key(conv *c, const trop_yev *ev, int *rc)
{
    *rc = 0;
    if (!c->depth)
        return false;
    frame *p = &c->stack[c->depth - 1];
    if (!p->is_map || p->have_key)
        return false;
    p->key_mark = ev->start;
    if (trop_utf8_check(ev->value, ev->length) != ev->length) {
        set_error(c, TRO_EPARSE, "syntax", &ev->start, "invalid UTF-8 in a key");
        *rc = TRO_EPARSE;
        return true;
    }
    if (ev->stable) {
        p->key = (char *)ev->value; /* lives as long as the text */
        p->key_owned = false;
    } else if ((p->key = trop_strndup(ev->value, ev->length))) {
        p->key_owned = true;
    } else {
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

static int on_scalar(conv *c, const trop_yev *ev)
{
    int rc = count_node(c, 1, &ev->start);
    if (rc || take_key(c, ev, &rc))
        return rc;
    bool keep_numbers = c->depth && c->stack[c->depth - 1].is_map &&
                        c->stack[c->depth - 1].key_is_version;
    json_t *node = (!ev->plain || ev->str_tag) ? make_string(ev->value, ev->length)
                                               : resolve_plain(c, ev->value, ev->length,
                                                               keep_numbers);
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

static int on_alias(conv *c, const trop_yev *ev)
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

static int on_start(conv *c, const trop_yev *ev, bool is_map)
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
        size_t cap = c->cap ? c->cap * 2 : 16;
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

static int on_event(void *ud, const trop_yev *ev)
{
    conv *c = ud;
    switch (ev->type) {
    case TROP_YEV_SCALAR:
        return on_scalar(c, ev);
    case TROP_YEV_ALIAS:
        return on_alias(c, ev);
    case TROP_YEV_SEQ_START:
        return on_start(c, ev, false);
    case TROP_YEV_MAP_START:
        return on_start(c, ev, true);
    case TROP_YEV_SEQ_END:
    case TROP_YEV_MAP_END:
        return c->depth ? on_end(c) : 0;
    default:
        c->done = true; /* only the first document counts */
        return 0;
    }
}

/* ---- libyaml ------------------------------------------------------------- */

/* libyaml counts characters; we keep bytes. Events come mostly in text
 * order, so a cursor makes the conversion linear overall. */
typedef struct cursor {
    const unsigned char *s;
    size_t len, byte;
    uint64_t chars;
} cursor;

static uint64_t byte_of(cursor *k, uint64_t index)
{
    if (index < k->chars) {
        k->byte = 0;
        k->chars = 0;
    }
    if (k->byte == 0 && k->len >= 3 && k->s[0] == 0xEF && k->s[1] == 0xBB && k->s[2] == 0xBF)
        k->byte = 3; /* libyaml consumes the BOM without counting it */
    while (k->byte < k->len && k->chars < index) {
        k->byte++;
        while (k->byte < k->len && (k->s[k->byte] & 0xC0) == 0x80)
            k->byte++;
        k->chars++;
    }
    return k->byte;
}

static trop_ymark ymark(cursor *k, const yaml_mark_t *m)
{
    trop_ymark r = {byte_of(k, m->index), m->line, m->column};
    return r;
}

static int parser_error(conv *c, const yaml_parser_t *p, cursor *k)
{
    if (p->error == YAML_MEMORY_ERROR)
        return oom(c);
    const char *problem = p->problem ? p->problem : "invalid YAML";
    if (p->error == YAML_READER_ERROR) {
        /* problem_offset counts bytes for reader (encoding) errors */
        set_error(c, TRO_EPARSE, "syntax", NULL, "%s", problem);
        c->err->offset = (int64_t)(c->o->offset_base + p->problem_offset);
        return TRO_EPARSE;
    }
    trop_ymark at = ymark(k, &p->problem_mark);
    if (p->context)
        set_error(c, TRO_EPARSE, "syntax", &at, "%s %s", p->context, problem);
    else
        set_error(c, TRO_EPARSE, "syntax", &at, "%s", problem);
    return TRO_EPARSE;
}

static void translate(const yaml_event_t *e, cursor *k, trop_yev *ev)
{
    memset(ev, 0, sizeof *ev);
    ev->start = ymark(k, &e->start_mark);
    switch (e->type) {
    case YAML_SCALAR_EVENT:
        ev->type = TROP_YEV_SCALAR;
        ev->value = (const char *)e->data.scalar.value;
        ev->length = e->data.scalar.length;
        ev->plain = e->data.scalar.plain_implicit;
        ev->str_tag = e->data.scalar.tag &&
                      strcmp((const char *)e->data.scalar.tag, YAML_STR_TAG) == 0;
        ev->anchor = (const char *)e->data.scalar.anchor;
        break;
    case YAML_ALIAS_EVENT:
        ev->type = TROP_YEV_ALIAS;
        ev->value = (const char *)e->data.alias.anchor;
        ev->length = strlen(ev->value);
        break;
    case YAML_SEQUENCE_START_EVENT:
        ev->type = TROP_YEV_SEQ_START;
        ev->anchor = (const char *)e->data.sequence_start.anchor;
        break;
    case YAML_MAPPING_START_EVENT:
        ev->type = TROP_YEV_MAP_START;
        ev->anchor = (const char *)e->data.mapping_start.anchor;
        break;
    case YAML_SEQUENCE_END_EVENT:
        ev->type = TROP_YEV_SEQ_END;
        break;
    case YAML_MAPPING_END_EVENT:
        ev->type = TROP_YEV_MAP_END;
        break;
    case YAML_DOCUMENT_END_EVENT:
    case YAML_STREAM_END_EVENT:
        ev->type = TROP_YEV_DOC_END;
        break;
    default: /* stream and document starts carry nothing */
        ev->type = (trop_yev_type)-1;
        break;
    }
}

static int run_libyaml(conv *c)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        return oom(c);
    yaml_parser_set_input_string(&p, (const unsigned char *)c->text, c->len);
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
    cursor k = {(const unsigned char *)c->text, c->len, 0, 0};
    int rc = 0;
    while (!rc && !c->done) {
        yaml_event_t e;
        if (!yaml_parser_parse(&p, &e)) {
            rc = parser_error(c, &p, &k);
            break;
        }
        trop_yev ev;
        translate(&e, &k, &ev);
        if ((int)ev.type >= 0)
            rc = on_event(c, &ev);
        yaml_event_delete(&e);
    }
    yaml_parser_delete(&p);
    return rc;
}

/* ---- driver ------------------------------------------------------------- */

/* Forgets everything a declined fast parse built. */
static void conv_reset(conv *c)
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
    c->nanchors = 0;
    json_object_clear(c->anchor_index);
    json_decref(c->root);
    c->root = NULL;
    c->have_root = c->done = false;
    c->nodes = c->aliases = c->warnings = 0;
}

static void conv_free(conv *c)
{
    conv_reset(c);
    free(c->stack);
    free(c->anchors);
    json_decref(c->anchor_index);
    if (c->c_locale != (locale_t)0)
        freelocale(c->c_locale);
}

static int run(conv *c)
{
    if (c->o->engine != TROP_YAML_LIBYAML) {
        char *scratch = NULL;
        size_t cap = 0;
        int rc = trop_yaml_fast(c->text, c->len, on_event, c, &scratch, &cap);
        free(scratch);
        if (rc == TRO_ENOMEM && !c->err->code)
            oom(c);
        if (rc != TROP_YAML_DECLINED)
            return rc;
        conv_reset(c);
        if (c->o->marks)
            c->o->marks->n = 0;
        if (c->o->engine == TROP_YAML_FAST) {
            set_error(c, TRO_EFORMAT, "declined", NULL, "not handled by the fast path");
            return TRO_EFORMAT;
        }
    }
    return run_libyaml(c);
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
        o->marks->n = 0;
        o->marks->offset_base = o->offset_base;
        o->marks->line_base = o->line_base;
    }
    if (len > o->max_bytes) {
        set_error(&c, TRO_ELIMIT, "too-big", NULL,
                  "YAML text of %zu bytes is over the %llu-byte limit", len,
                  (unsigned long long)o->max_bytes);
        return TRO_ELIMIT;
    }
    if (!(c.anchor_index = json_object()))
        return oom(&c);
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

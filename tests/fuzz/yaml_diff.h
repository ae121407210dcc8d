/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Differential check of the two YAML engines (lib/read/yaml/fast.c against
 * libyaml), shared by tests/unit/read/test_yaml.c and tests/fuzz/fuzz_yaml.c:
 * whatever the fast path accepts, libyaml must read the same way: same
 * result or error, same warnings, same node positions. And a conversion
 * that defers values (opts->defer) must agree with the eager one: same
 * error or warnings, stand-ins of the same kinds, and once filled the same
 * result. */
#ifndef TRO_YAML_DIFF_H
#define TRO_YAML_DIFF_H

#include "internal.h"
#include "yaml/yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct tyd_warnings {
    int n;
    int64_t offset[TROP_YAML_MAX_WARNINGS];
    uint64_t line[TROP_YAML_MAX_WARNINGS];
    char message[TROP_YAML_MAX_WARNINGS][256];
} tyd_warnings;

static int tyd_warn(void *ud, const char *kind, int64_t offset, uint64_t line, const char *msg)
{
    tyd_warnings *w = ud;
    (void)kind;
    if (w->n < (int)TROP_YAML_MAX_WARNINGS) {
        w->offset[w->n] = offset;
        w->line[w->n] = line;
        snprintf(w->message[w->n], sizeof w->message[0], "%s", msg);
    }
    w->n++;
    return 0;
}

typedef struct tyd_run {
    int rc;
    json_t *v;
    trop_yaml_error err;
    tyd_warnings w;
    trop_yaml_marks *marks;
} tyd_run;

static void tyd_convert(const char *text, size_t len, const trop_yaml_opts *base, int engine,
                        tyd_run *r)
{
    trop_yaml_opts o = *base;
    memset(r, 0, sizeof *r);
    o.engine = engine;
    o.warn = tyd_warn;
    o.warn_ud = &r->w;
    if (!o.defer)
        o.marks = r->marks = trop_yaml_marks_new();
    r->rc = trop_yaml_to_json(text, len, &o, &r->v, &r->err);
}

/* Same positions for every node of a and b (equal trees). */
static int tyd_same_marks(tyd_run *ra, tyd_run *rb, const json_t *a, const json_t *b)
{
    int64_t oa, ob;
    uint64_t la, lb;
    bool fa = trop_yaml_mark_find(ra->marks, a, &oa, &la);
    bool fb = trop_yaml_mark_find(rb->marks, b, &ob, &lb);
    if (fa != fb || oa != ob || la != lb) {
        fprintf(stderr, "yaml_diff: node position libyaml %lld:%llu, fast %lld:%llu\n",
                (long long)oa, (unsigned long long)la, (long long)ob, (unsigned long long)lb);
        return 1;
    }
    size_t i, kl;
    const char *k;
    json_t *e;
    if (json_is_array(a)) {
        json_array_foreach((json_t *)a, i, e) if (tyd_same_marks(ra, rb, e, json_array_get(b, i)))
            return 1;
    } else if (json_is_object(a)) {
        /* keys may hold NUL bytes ("a\0b": 1): look them up by length */
        json_object_keylen_foreach((json_t *)a, k, kl, e) {
            if (tyd_same_marks(ra, rb, e, json_object_getn(b, k, kl)))
                return 1;
        }
    }
    return 0;
}

static int tyd_compare(tyd_run *a, tyd_run *b)
{
    if (a->rc != b->rc) {
        fprintf(stderr, "yaml_diff: libyaml rc %d (%s), fast rc %d (%s)\n", a->rc,
                a->rc ? a->err.message : "", b->rc, b->rc ? b->err.message : "");
        return 1;
    }
    if (a->rc) {
        if (strcmp(a->err.kind, b->err.kind) || a->err.offset != b->err.offset ||
            a->err.line != b->err.line || a->err.column != b->err.column) {
            fprintf(stderr, "yaml_diff: errors differ: libyaml %s @%lld %llu:%llu, fast %s "
                            "@%lld %llu:%llu\n", a->err.kind, (long long)a->err.offset,
                    (unsigned long long)a->err.line, (unsigned long long)a->err.column,
                    b->err.kind, (long long)b->err.offset, (unsigned long long)b->err.line,
                    (unsigned long long)b->err.column);
            return 1;
        }
    } else {
        /* compare the texts: json_equal() looks keys up as C strings, so it
         * misses keys with NUL bytes */
        char *ja = json_dumps(a->v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_SORT_KEYS);
        char *jb = json_dumps(b->v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_SORT_KEYS);
        int same = ja && jb && strcmp(ja, jb) == 0;
        if (!same)
            fprintf(stderr, "yaml_diff: libyaml %s\nyaml_diff: fast    %s\n", ja, jb);
        free(ja);
        free(jb);
        if (!same)
            return 1;
        if (a->marks && b->marks && tyd_same_marks(a, b, a->v, b->v))
            return 1;
    }
    if (a->w.n != b->w.n) {
        fprintf(stderr, "yaml_diff: %d warnings from libyaml, %d from fast\n", a->w.n, b->w.n);
        return 1;
    }
    for (int i = 0; i < a->w.n && i < (int)TROP_YAML_MAX_WARNINGS; i++)
        if (a->w.offset[i] != b->w.offset[i] || a->w.line[i] != b->w.line[i] ||
            strcmp(a->w.message[i], b->w.message[i])) {
            fprintf(stderr, "yaml_diff: warning %d differs: %lld %s / %lld %s\n", i,
                    (long long)a->w.offset[i], a->w.message[i], (long long)b->w.offset[i],
                    b->w.message[i]);
            return 1;
        }
    return 0;
}

/* What the card's judge can tell of a value: null, boolean, string or
 * number, list, mapping. */
static int tyd_kind(const json_t *v)
{
    if (!v || json_is_null(v))
        return 0;
    if (json_is_boolean(v))
        return 1;
    return json_is_array(v) ? 3 : json_is_object(v) ? 4 : 2;
}

/* A stand-in value a (deferred) for b (eager): the same kind, and the
 * same string when b is one starting with 'h' (the kept first letter). */
static int tyd_stand_in(const json_t *a, const json_t *b)
{
    const char *sb = json_string_value(b);
    if (tyd_kind(a) != tyd_kind(b))
        return 1;
    return sb && sb[0] == 'h' && !json_equal((json_t *)a, (json_t *)b);
}

/* The top level of a deferring conversion: every key, the kinds of values
 * and of list items (tyd_stand_in). */
static int tyd_top_level(const json_t *lazy, const json_t *eager)
{
    if (tyd_kind(lazy) != tyd_kind(eager) || json_object_size(lazy) != json_object_size(eager))
        return 1;
    const char *k;
    size_t kl;
    json_t *e;
    json_object_keylen_foreach((json_t *)eager, k, kl, e) {
        const json_t *l = json_object_getn(lazy, k, kl);
        if (!l || tyd_stand_in(l, e))
            return 1;
        for (size_t i = 0; json_is_array(e) && i < json_array_size(e); i++)
            if (tyd_stand_in(json_array_get(l, i), json_array_get(e, i)))
                return 1;
    }
    return 0;
}

/* Keys and strings a deferring conversion keeps (in the tests). */
static bool tyd_keep(const char *key, size_t len)
{
    return len && key[0] == 'k';
}

static bool tyd_keep_string(const char *s, size_t len)
{
    return len && s[0] == 'h';
}

/* 0 when a conversion deferring values agrees with the eager one (above),
 * 1 when not (described on stderr). */
static int tyd_lazy(const char *text, size_t len, const trop_yaml_opts *base)
{
    trop_yaml_opts o = *base;
    trop_yaml_defer d = {0};
    tyd_run eager, lazy;
    o.marks = NULL;
    tyd_convert(text, len, &o, TROP_YAML_AUTO, &eager);
    o.defer = &d;
    o.defer_keep = tyd_keep;
    o.defer_keep_string = tyd_keep_string;
    tyd_convert(text, len, &o, TROP_YAML_AUTO, &lazy);
    int differ = 0;
    if (lazy.rc == 0 && eager.rc == 0 && tyd_top_level(lazy.v, eager.v)) {
        fprintf(stderr, "yaml_diff: deferred stand-ins do not match the values\n");
        differ = 1;
    }
    if (lazy.rc == 0 && d.n) {
        int rc = trop_yaml_fill(lazy.v, text, 0, len, &d, &o);
        if (rc) {
            fprintf(stderr, "yaml_diff: filling deferred values failed: %d\n", rc);
            differ = 1;
        }
    }
    if (!differ && tyd_compare(&eager, &lazy)) {
        fprintf(stderr, "yaml_diff: (above: eager, then deferred and filled)\n");
        differ = 1;
    }
    trop_yaml_defer_clear(&d);
    json_decref(eager.v);
    json_decref(lazy.v);
    trop_yaml_marks_free(eager.marks);
    trop_yaml_marks_free(lazy.marks);
    return differ;
}

/* 0 when the engines agree or the fast path declined (*fast says which),
 * 1 when they differ (described on stderr); also 1 when tyd_lazy() finds a
 * difference. */
static int tyd_diff(const char *text, size_t len, const trop_yaml_opts *base, bool *fast)
{
    tyd_run a, b;
    tyd_convert(text, len, base, TROP_YAML_LIBYAML, &a);
    tyd_convert(text, len, base, TROP_YAML_FAST, &b);
    *fast = !(b.rc == TRO_EFORMAT && b.err.kind && strcmp(b.err.kind, "declined") == 0);
    int differ = *fast ? tyd_compare(&a, &b) : 0;
    differ |= tyd_lazy(text, len, base);
    json_decref(a.v);
    json_decref(b.v);
    trop_yaml_marks_free(a.marks);
    trop_yaml_marks_free(b.marks);
    return differ;
}

#endif

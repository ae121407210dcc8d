/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The header of a .npy file: a Python literal (numpy writes the repr of a
 * dict; np.load reads it with ast.literal_eval) such as
 *     {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }
 * parsed into JSON (tuples become arrays), bounded in depth, and the
 * question that matters for safety: does the dtype hold objects? Those
 * arrays are pickled after the header, and np.load(allow_pickle=True)
 * unpickles them.
 */
#include "numpy.h"

#include <stdio.h>
#include <string.h>

#define MAX_DEPTH 32

typedef struct lit {
    const char *s;
    size_t n, i;
    const char *err;
} lit;

static void blanks(lit *p)
{
    while (p->i < p->n && strchr(" \t\r\n", p->s[p->i]) && p->s[p->i])
        p->i++;
}

static json_t *fail(lit *p, const char *why)
{
    if (!p->err)
        p->err = why;
    return NULL;
}

static json_t *value(lit *p, int depth);

static json_t *string(lit *p)
{
    char q = p->s[p->i++];
    char buf[1024];
    size_t o = 0;
    while (p->i < p->n && p->s[p->i] != q) {
        char c = p->s[p->i++];
        if (c == '\\' && p->i < p->n) {
            c = p->s[p->i++];
            c = c == 'n' ? '\n' : c == 't' ? '\t' : c; /* others: the character itself */
        }
        if (o + 1 >= sizeof buf)
            return fail(p, "a string longer than 1023 bytes");
        buf[o++] = c;
    }
    if (p->i >= p->n)
        return fail(p, "an unterminated string");
    p->i++;
    json_t *str = json_stringn(buf, o);
    return str ? str : fail(p, "a string that is not UTF-8");
}

static json_t *number(lit *p)
{
    size_t start = p->i;
    if (p->s[p->i] == '-' || p->s[p->i] == '+')
        p->i++;
    long long v = 0;
    bool any = false;
    while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9') {
        if (v > (INT64_MAX - 9) / 10)
            return fail(p, "a number out of range");
        v = v * 10 + (p->s[p->i++] - '0');
        any = true;
    }
    if (p->i < p->n && p->s[p->i] == 'L')
        p->i++; /* Python 2 longs */
    if (!any)
        return fail(p, "a value that is not a literal");
    return json_integer(p->s[start] == '-' ? -v : v);
}

/* Items up to close (',' separated, trailing comma allowed). */
static json_t *sequence(lit *p, char close, bool dict, int depth)
{
    json_t *out = dict ? json_object() : json_array();
    p->i++;
    for (;;) {
        blanks(p);
        if (p->i >= p->n)
            break;
        if (p->s[p->i] == close) {
            p->i++;
            return out;
        }
        json_t *k = value(p, depth + 1), *v = NULL;
        blanks(p);
        if (k && dict) {
            if (!json_is_string(k) || p->i >= p->n || p->s[p->i] != ':') {
                json_decref(k);
                json_decref(out);
                return fail(p, "a dict key that is not a string");
            }
            p->i++;
            blanks(p);
            v = value(p, depth + 1);
        }
        int bad = !k || (dict && !v) ||
                  (dict ? json_object_set_new(out, json_string_value(k), v)
                        : json_array_append_new(out, k));
        if (dict)
            json_decref(k);
        if (bad) {
            json_decref(out);
            return fail(p, "an item that is not a literal");
        }
        blanks(p);
        if (p->i < p->n && p->s[p->i] == ',')
            p->i++;
        else if (p->i < p->n && p->s[p->i] != close)
            break;
    }
    json_decref(out);
    return fail(p, "an unclosed bracket");
}

static json_t *value(lit *p, int depth)
{
    blanks(p);
    if (p->i >= p->n)
        return fail(p, "a missing value");
    if (depth > MAX_DEPTH)
        return fail(p, "nesting deeper than 32");
    char c = p->s[p->i];
    if (c == '\'' || c == '"')
        return string(p);
    if (c == '{')
        return sequence(p, '}', true, depth);
    if (c == '[')
        return sequence(p, ']', false, depth);
    if (c == '(')
        return sequence(p, ')', false, depth);
    static const struct {
        const char *word;
        int kind;
    } words[] = {{"True", 1}, {"False", 0}, {"None", 2}};
    for (size_t k = 0; k < 3; k++) {
        size_t len = strlen(words[k].word);
        if (p->n - p->i >= len && memcmp(p->s + p->i, words[k].word, len) == 0) {
            p->i += len;
            return words[k].kind == 2 ? json_null() : json_boolean(words[k].kind);
        }
    }
    return number(p);
}

json_t *trop_npy_header_parse(const char *s, size_t n, const char **err)
{
    lit p = {s, n, 0, NULL};
    json_t *v = value(&p, 0);
    blanks(&p);
    if (v && p.i != n) {
        json_decref(v);
        v = fail(&p, "text after the dict");
    }
    if (v && !json_is_object(v)) {
        json_decref(v);
        v = fail(&p, "not a dict");
    }
    *err = p.err;
    return v;
}

/* A dtype string ("<f4", "|O", "O8"): does it hold Python objects? */
static bool code_is_object(const char *code)
{
    if (*code && strchr("<>|=", *code))
        code++;
    return *code == 'O';
}

int trop_npy_descr_object(const json_t *descr, int depth)
{
    if (depth > MAX_DEPTH)
        return -1;
    if (json_is_string(descr))
        return code_is_object(json_string_value(descr));
    if (!json_is_array(descr))
        return -1;
    /* [(name, type[, shape]), ...]; name may be a (title, name) pair */
    size_t i;
    const json_t *field;
    int any = 0;
    json_array_foreach(descr, i, field)
    {
        if (!json_is_array(field) || json_array_size(field) < 2)
            return -1;
        int r = trop_npy_descr_object(json_array_get(field, 1), depth + 1);
        if (r < 0)
            return r;
        any |= r;
    }
    return any;
}

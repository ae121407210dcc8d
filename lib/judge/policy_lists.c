/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Policy files: the lists of strings (licenses.allow / licenses.deny,
 * fail_on_codes / ignore_codes), each entry checked so that a typo is an
 * error at its byte rather than an entry that silently matches nothing.
 */
#include "policy_read.h"

#include "../license/license.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef trop_jp jp;

/* Checks the string in p->buf (read at off, named path) and stores it as
 * element n of the list being built. */
typedef int (*item_fn)(jp *p, size_t off, const char *path, void *list, size_t n);

/* A JSON list of strings; grow(list, n) makes room for n items. */
static int read_strings(jp *p, const char *path, bool may_be_empty, void *list,
                        int (*grow)(void *list, size_t n), item_fn item)
{
    if (trop_jp_peek(p) != '[')
        return trop_policy_wrong(p, path, "a list of strings");
    size_t start = trop_policy_at(p), n = 0;
    char where[96];
    bool first = true, done = false;
    int rc = trop_jp_open(p, '[');
    while (!rc && !(rc = trop_jp_next(p, false, &first, &done)) && !done) {
        size_t off = trop_policy_at(p);
        snprintf(where, sizeof where, "%s[%zu]", path, n);
        if (n >= TROP_POLICY_MAX_LIST)
            return trop_policy_bad(p, off, path, "more than %u entries", TROP_POLICY_MAX_LIST);
        if ((rc = trop_jp_text(p, where)) || (rc = trop_policy_no_nul(p, off, where)))
            break;
        if (grow(list, n + 1))
            return trop_error_set(p->err, TRO_ENOMEM, -1, "out of memory");
        rc = item(p, off, where, list, n++);
    }
    if (!rc && !n && !may_be_empty)
        rc = trop_policy_bad(p, start, path,
                             "an empty list (leave the key out to allow every licence)");
    return rc;
}

static int grow_array(void **v, size_t *cap, size_t n, size_t size)
{
    if (n <= *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 8;
    while (c < n)
        c *= 2;
    void *nv = realloc(*v, c * size);
    if (!nv)
        return TRO_ENOMEM;
    memset((char *)nv + *cap * size, 0, (c - *cap) * size);
    *v = nv;
    *cap = c;
    return 0;
}

/* Lists are grown through these wrappers, which keep the capacity in a
 * side field so that the public struct holds only v and n. */
typedef struct lic_build {
    trop_lic_list *l;
    size_t cap;
} lic_build;

typedef struct code_build {
    trop_code_list *l;
    size_t cap;
    size_t *offs; /* where each entry was written, for conflict messages */
    size_t offs_cap;
} code_build;

static int grow_lic(void *list, size_t n)
{
    lic_build *b = list;
    return grow_array((void **)&b->l->v, &b->cap, n, sizeof *b->l->v);
}

static int grow_code(void *list, size_t n)
{
    code_build *b = list;
    int rc = grow_array((void **)&b->l->v, &b->cap, n, sizeof *b->l->v);
    return rc ? rc : grow_array((void **)&b->offs, &b->offs_cap, n, sizeof *b->offs);
}

/* The licence an entry names, resolved as report expressions are (any
 * case, deprecated ids replaced, Hugging Face ids and names mapped): a
 * known id, or a LicenseRef- the tables do not know. NULL when it is not
 * one licence; *why says why. */
static int resolve_entry(const jp *p, trop_expr **out, const char **why)
{
    tro_error e;
    *out = NULL;
    *why = "is neither a known licence id, a LicenseRef- id nor a category";
    int rc = trop_spdx_parse(p->buf, p->blen, out, &e);
    if (rc)
        return rc == TRO_ENOMEM ? rc : 0;
    if ((rc = trop_expr_resolve(out, 0)) != 0)
        return rc;
    const trop_expr *x = *out;
    if (x->kind != TROP_EX_LICENSE)
        *why = "stands for several licences; list them one by one";
    else if (x->exception)
        *why = "has a WITH exception; list the licence alone (exceptions are not matched)";
    else if (x->lic || !strncmp(x->id, "LicenseRef-", 11))
        return 0;
    trop_expr_free(*out);
    *out = NULL;
    return 0;
}

/* A category name, or one licence (see resolve_entry). */
static int lic_item(jp *p, size_t off, const char *path, void *list, size_t n)
{
    lic_build *b = list;
    trop_lic_entry *e = &b->l->v[n];
    b->l->n = n + 1;
    for (int c = TRO_LICENSE_UNKNOWN; c <= TRO_LICENSE_PROPRIETARY; c++) {
        if (trop_policy_key_is(p, tro_license_category_name((tro_license_category)c))) {
            e->is_category = true;
            e->category = (tro_license_category)c;
            return 0;
        }
    }
    trop_expr *x;
    const char *why;
    int rc = resolve_entry(p, &x, &why);
    if (rc)
        return trop_error_set(p->err, rc, -1, "out of memory");
    if (!x)
        return trop_policy_bad(p, off, path, "\"%.80s\" %s", p->buf, why);
    e->id = trop_strdup(x->lic ? x->lic->id : x->id);
    trop_expr_free(x);
    return e->id ? 0 : trop_error_set(p->err, TRO_ENOMEM, -1, "out of memory");
}

/* "pickle-dangerous-global", or "pickle-*" for every code so prefixed: the
 * string last read (p->buf), at off, into *e. */
int trop_policy_code_entry(jp *p, size_t off, const char *path, trop_code_entry *e)
{
    size_t len = p->blen;
    bool prefix = len && p->buf[len - 1] == '*', ok = true;
    if (prefix)
        len--;
    for (size_t i = 0; i < len; i++) {
        char c = p->buf[i];
        ok &= (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              (c == '-' && (prefix || (i && i + 1 < len && p->buf[i + 1] != '-')));
    }
    if (!ok || (!prefix && !len))
        return trop_policy_bad(p, off, path,
                               "\"%.80s\" is not a finding code (lower-case words joined by '-', "
                               "optionally ending in '*')",
                               p->buf);
    if (!(e->code = trop_strndup(p->buf, len)))
        return trop_error_set(p->err, TRO_ENOMEM, -1, "out of memory");
    e->prefix = prefix;
    return 0;
}

static int code_item(jp *p, size_t off, const char *path, void *list, size_t n)
{
    code_build *b = list;
    b->l->n = n + 1;
    b->offs[n] = off;
    return trop_policy_code_entry(p, off, path, &b->l->v[n]);
}

int trop_policy_read_licenses(trop_jp *p, tro_policy *pol)
{
    if (trop_jp_peek(p) != '{')
        return trop_policy_wrong(p, "licenses", "an object");
    bool first = true, done = false;
    int rc = trop_jp_open(p, '{');
    while (!rc && !(rc = trop_jp_next(p, true, &first, &done)) && !done) {
        bool allow = trop_policy_key_is(p, "allow");
        if (!allow && !trop_policy_key_is(p, "deny"))
            return trop_policy_bad(p, p->key_pos, "licenses",
                                   "unknown key \"%.60s\" (expected allow or deny)", p->buf);
        trop_lic_list *l = allow ? &pol->allow : &pol->deny;
        const char *path = allow ? "licenses.allow" : "licenses.deny";
        if (l->set)
            return trop_policy_bad(p, p->key_pos, path, "key appears twice");
        l->set = true;
        lic_build b = {l, 0};
        rc = read_strings(p, path, !allow, &b, grow_lic, lic_item);
    }
    return rc;
}

int trop_policy_read_codes(trop_jp *p, const char *path, trop_code_list *l, size_t **offs)
{
    code_build b = {l, 0, NULL, 0};
    int rc = read_strings(p, path, true, &b, grow_code, code_item);
    *offs = b.offs;
    return rc;
}

/*
 * The licence statements and datasets a judgement keeps for its report
 * (report licenses[] and datasets[]), as C records: read back by lineage
 * and to_pass, and made JSON only when the report document is built.
 */
#include "judge.h"

#include <stdlib.h>
#include <string.h>

int trop_lic_add(trop_lics *ls, const trop_lic *l, const char *path, const char *statement,
                 const char *expression, const char *reason)
{
    if (ls->n == ls->cap) {
        size_t cap = ls->cap ? ls->cap * 2 : 4;
        trop_lic *v = realloc(ls->v, cap * sizeof *v);
        if (!v)
            return TRO_ENOMEM;
        ls->v = v;
        ls->cap = cap;
    }
    trop_lic *d = &ls->v[ls->n];
    *d = *l;
    d->expression = (trop_str){NULL, 0};
    if (!trop_texts_str(&ls->texts, path, &d->path) ||
        !trop_texts_str(&ls->texts, statement, &d->statement) ||
        !trop_texts_str(&ls->texts, reason, &d->reason) ||
        (expression && !trop_texts_str(&ls->texts, expression, &d->expression)))
        return TRO_ENOMEM;
    ls->n++;
    return 0;
}

void trop_lics_free(trop_lics *ls)
{
    free(ls->v);
    trop_texts_free(&ls->texts);
    memset(ls, 0, sizeof *ls);
}

static json_t *str(trop_str s)
{
    return s.s ? json_stringn_nocheck(s.s, s.n) : json_null();
}

static json_t *lic_json(const trop_lic *l)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    int bad = json_object_set_new_nocheck(o, "source", json_string_nocheck(l->source));
    bad |= json_object_set_new_nocheck(o, "path", str(l->path));
    bad |= json_object_set_new_nocheck(o, "statement", str(l->statement));
    bad |= json_object_set_new_nocheck(o, "expression", str(l->expression));
    bad |= json_object_set_new_nocheck(o, "category", json_string_nocheck(l->category));
    bad |= json_object_set_new_nocheck(o, "known", json_boolean(l->known));
    bad |= json_object_set_new_nocheck(o, "free", json_boolean(l->free));
    bad |= json_object_set_new_nocheck(o, "free_for_data", json_boolean(l->free_for_data));
    bad |= json_object_set_new_nocheck(o, "reason", str(l->reason));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *trop_lics_json(const trop_lics *ls)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < ls->n; i++)
        if (json_array_append_new(arr, lic_json(&ls->v[i]))) {
            json_decref(arr);
            return NULL;
        }
    return arr;
}

/* ---- datasets[] ----------------------------------------------------------------- */

int trop_dsrow_add(trop_dsrows *rs, const trop_dsrow *r, const char *id, const char *by,
                   size_t bylen, const char *source, const char *license)
{
    /* as json_string() had it: a text that is not UTF-8 fails the check */
    if ((id && !trop_utf8_valid(id, strlen(id))) ||
        (source && !trop_utf8_valid(source, strlen(source))) ||
        (license && !trop_utf8_valid(license, strlen(license))))
        return TRO_ENOMEM;
    if (rs->n == rs->cap) {
        size_t cap = rs->cap ? rs->cap * 2 : 4;
        trop_dsrow *v = realloc(rs->v, cap * sizeof *v);
        if (!v)
            return TRO_ENOMEM;
        rs->v = v;
        rs->cap = cap;
    }
    trop_dsrow *d = &rs->v[rs->n];
    *d = *r;
    d->source = d->license = (trop_str){NULL, 0};
    if (!trop_texts_str(&rs->texts, id, &d->id) || !trop_texts_put(&rs->texts, by, bylen, &d->by) ||
        (source && !trop_texts_str(&rs->texts, source, &d->source)) ||
        (license && !trop_texts_str(&rs->texts, license, &d->license)))
        return TRO_ENOMEM;
    rs->n++;
    return 0;
}

void trop_dsrows_free(trop_dsrows *rs)
{
    free(rs->v);
    trop_texts_free(&rs->texts);
    memset(rs, 0, sizeof *rs);
}

static json_t *by_json(trop_str by)
{
    json_t *arr = json_array();
    for (size_t at = 0; arr && at < by.n;) {
        size_t k = strlen(by.s + at);
        if (json_array_append_new(arr, json_stringn_nocheck(by.s + at, k))) {
            json_decref(arr);
            return NULL;
        }
        at += k + 1;
    }
    return arr;
}

static json_t *dsrow_json(const trop_dsrow *d)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    int bad = json_object_set_new_nocheck(o, "id", str(d->id));
    bad |= json_object_set_new_nocheck(o, "declared_by", by_json(d->by));
    bad |= json_object_set_new_nocheck(o, "resolved", json_boolean(d->resolved));
    bad |= json_object_set_new_nocheck(o, "source", str(d->source));
    bad |= json_object_set_new_nocheck(o, "license", str(d->license));
    bad |= json_object_set_new_nocheck(o, "free_for_data",
                                       d->free < 0 ? json_null() : json_boolean(d->free > 0));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *trop_dsrows_json(const trop_dsrows *rs)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < rs->n; i++)
        if (json_array_append_new(arr, dsrow_json(&rs->v[i]))) {
            json_decref(arr);
            return NULL;
        }
    return arr;
}

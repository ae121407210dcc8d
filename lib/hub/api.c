/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The Hub's API answers: GET /api/{models,datasets}/ID/revision/REV (the
 * commit, whether the repository is gated, its files) and GET
 * /api/.../tree/SHA?recursive=true (every file with its size, git blob id
 * and, for Git LFS files, the SHA-256 and size of the content). They come
 * from the network: every field is checked before it is kept. */
#include "hub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TROP_PRINTF(3, 4)
static int bad(char *why, size_t whysz, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, whysz, fmt, ap);
    va_end(ap);
    return TRO_EFORMAT;
}

static int load(const char *body, size_t len, json_t **out, char *why, size_t whysz)
{
    json_error_t je;
    *out = json_loadb(body, len, 0, &je);
    if (*out)
        return 0;
    return bad(why, whysz, "not JSON: %s (line %d, byte %d)", je.text, je.line, je.position);
}

/* Copies n lowercase hex digits of v into out (n + 1 bytes); false if v
 * is not that. */
static bool hex_id(const json_t *v, char *out, size_t n)
{
    const char *s = json_string_value(v);
    if (!s || json_string_length(v) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'F')
            c = (char)(c - 'A' + 'a');
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
        out[i] = c;
    }
    out[n] = '\0';
    return true;
}

static bool whole(const json_t *v, uint64_t *out)
{
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return false;
    *out = (uint64_t)json_integer_value(v);
    return true;
}

void trop_hub_revision_clear(trop_hub_revision *r)
{
    for (size_t i = 0; i < r->nsiblings; i++)
        free(r->siblings[i]);
    free(r->siblings);
    memset(r, 0, sizeof *r);
}

static int siblings(const json_t *arr, uint64_t max, trop_hub_revision *r, char *why, size_t whysz)
{
    size_t n = json_array_size(arr);
    if (n > max) {
        snprintf(why, whysz, "more than %llu files", (unsigned long long)max);
        return TRO_ELIMIT;
    }
    if (n && !(r->siblings = calloc(n, sizeof *r->siblings)))
        return TRO_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const char *name = json_string_value(json_object_get(json_array_get(arr, i), "rfilename"));
        if (!name || trop_path_problem(name) || !trop_utf8_valid(name, strlen(name)))
            return bad(why, whysz, "siblings[%zu].rfilename is not a relative path", i);
        if (!(r->siblings[r->nsiblings] = trop_strdup(name)))
            return TRO_ENOMEM;
        r->nsiblings++;
    }
    return 0;
}

int trop_hub_parse_revision(const char *body, size_t len, uint64_t max_entries,
                            trop_hub_revision *out, char *why, size_t whysz)
{
    json_t *doc;
    memset(out, 0, sizeof *out);
    int rc = load(body, len, &doc, why, whysz);
    if (rc)
        return rc;
    const json_t *gated = json_object_get(doc, "gated"), *sib = json_object_get(doc, "siblings");
    if (!json_is_object(doc))
        rc = bad(why, whysz, "not a JSON object");
    else if (!hex_id(json_object_get(doc, "sha"), out->sha, 40))
        rc = bad(why, whysz, "\"sha\" is not a 40-digit commit id");
    else if (sib && !json_is_array(sib))
        rc = bad(why, whysz, "\"siblings\" is not an array");
    if (!rc) {
        /* false, or how access is granted ("auto", "manual") */
        out->gated = json_is_true(gated) || (json_is_string(gated) && json_string_length(gated));
        out->priv = json_is_true(json_object_get(doc, "private"));
        if (sib)
            rc = siblings(sib, max_entries, out, why, whysz);
    }
    json_decref(doc);
    if (rc)
        trop_hub_revision_clear(out);
    return rc;
}

void trop_hub_tree_clear(trop_hub_tree *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i].path);
    free(t->v);
    memset(t, 0, sizeof *t);
}

static int entry(const json_t *e, size_t i, trop_hub_file *f, char *why, size_t whysz)
{
    const char *type = json_string_value(json_object_get(e, "type"));
    const json_t *path = json_object_get(e, "path"), *lfs = json_object_get(e, "lfs");
    const char *p = json_string_value(path);
    memset(f, 0, sizeof *f);
    if (!json_is_object(e) || !type)
        return bad(why, whysz, "entry %zu is not an object with a \"type\"", i);
    if (strcmp(type, "file") != 0)
        return 1; /* a folder: its files are listed too */
    if (!p || trop_path_problem(p) || !trop_utf8_valid(p, json_string_length(path)))
        return bad(why, whysz, "entry %zu: \"path\" is not a relative path", i);
    if (!whole(json_object_get(e, "size"), &f->size))
        return bad(why, whysz, "%s: \"size\" is not a whole number", p);
    if (json_object_get(e, "oid") && !hex_id(json_object_get(e, "oid"), f->oid, 40))
        return bad(why, whysz, "%s: \"oid\" is not a git object id", p);
    if (lfs && !json_is_null(lfs)) {
        if (!hex_id(json_object_get(lfs, "oid"), f->lfs_sha256, 64) ||
            !whole(json_object_get(lfs, "size"), &f->lfs_size))
            return bad(why, whysz, "%s: \"lfs\" has no SHA-256 \"oid\" and \"size\"", p);
        if (f->lfs_size != f->size)
            return bad(why, whysz, "%s: \"size\" %llu and \"lfs\".\"size\" %llu differ", p,
                       (unsigned long long)f->size, (unsigned long long)f->lfs_size);
        f->lfs = true;
    }
    return (f->path = trop_strdup(p)) ? 0 : TRO_ENOMEM;
}

int trop_hub_parse_tree(const char *body, size_t len, uint64_t max_entries, trop_hub_tree *t,
                        char *why, size_t whysz)
{
    json_t *doc;
    int rc = load(body, len, &doc, why, whysz);
    if (rc)
        return rc;
    if (!json_is_array(doc)) {
        json_decref(doc);
        return bad(why, whysz, "not a JSON array");
    }
    size_t n = json_array_size(doc);
    for (size_t i = 0; !rc && i < n; i++) {
        if (t->n >= max_entries) {
            rc = TRO_ELIMIT;
            snprintf(why, whysz, "more than %llu files", (unsigned long long)max_entries);
            break;
        }
        if (trop_vec_reserve(t, 1)) {
            rc = TRO_ENOMEM;
            break;
        }
        int r = entry(json_array_get(doc, i), i, &t->v[t->n], why, whysz);
        if (r == 0)
            t->n++;
        else if (r < 0)
            rc = r;
    }
    json_decref(doc);
    return rc;
}

int trop_hub_tree_json(const trop_hub_tree *t, char **out, size_t *len)
{
    json_t *arr = json_array();
    int rc = arr ? 0 : TRO_ENOMEM;
    for (size_t i = 0; !rc && i < t->n; i++) {
        const trop_hub_file *f = &t->v[i];
        json_t *e = json_pack("{s:s, s:s, s:I}", "type", "file", "path", f->path, "size",
                              (json_int_t)f->size);
        if (e && f->oid[0] && json_object_set_new(e, "oid", json_string(f->oid)))
            rc = TRO_ENOMEM;
        if (e && f->lfs &&
            json_object_set_new(
                e, "lfs",
                json_pack("{s:s, s:I}", "oid", f->lfs_sha256, "size", (json_int_t)f->lfs_size)))
            rc = TRO_ENOMEM;
        if (!e || json_array_append_new(arr, e))
            rc = TRO_ENOMEM;
    }
    *out = rc ? NULL : json_dumps(arr, JSON_COMPACT);
    json_decref(arr);
    if (!*out)
        return TRO_ENOMEM;
    *len = strlen(*out);
    return 0;
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Frictionless Data Package descriptors (datapackage.json): the package's
 * licenses and sources, and its resources (files) with their paths, sizes
 * and hashes. Older descriptors (v1 and before) are read too: licenses with
 * "type"/"url", a single "license", sources with "name"/"web", resources
 * with "url".
 *
 * meta:
 *   name, title, id, version, homepage   strings
 *   licenses        [{"name", "path", "title"}] (whichever are given)
 *   sources         [{"title", "path"}]
 *   resources       [{"name", "paths": [...], "hash": {"algorithm": "md5",
 *                     "value": hex}, "bytes", "format", "mediatype",
 *                     "licenses": [...]}], at most 1000
 *   resource_count
 *
 * Findings: datapackage-bad-json, -too-deep, -bad-utf8, -not-object, -empty
 * (errors), -bad-path (error: an absolute path, a ".." or hidden component,
 * or a URL scheme other than http(s)/ftp(s), which the standard forbids for
 * safety), -duplicate-key, -too-large, -no-resources, -bad-resource,
 * -bad-hash, -bad-license (warnings), -not-read, -more-findings (info).
 */
#include "../json/json.h"
#include "../readers.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define STR_MAX 1024
#define ITEMS_MAX 1000
#define LIST_MAX 64

typedef struct dp {
    tro_artifact *a;
    trop_json_budget budget;
} dp;

static int put_str(json_t *dst, const char *as, const json_t *src, const char *key)
{
    json_t *v = json_object_get(src, key);
    if (!json_is_string(v))
        return TRO_OK;
    return trop_json_put(dst, as, trop_json_text(json_string_value(v), json_string_length(v),
                                                 STR_MAX, NULL));
}

/* The first of the keys (new name, then old names) that is a string. */
static int put_first(json_t *dst, const char *as, const json_t *src, const char *const *keys)
{
    for (; *keys; keys++)
        if (json_is_string(json_object_get(src, *keys)))
            return put_str(dst, as, src, *keys);
    return TRO_OK;
}

/* One license: {"name", "path", "title"} from an object or a bare name. */
static int one_license(const json_t *v, json_t **out)
{
    static const char *const name[] = {"name", "type", "id", NULL};
    static const char *const path[] = {"path", "url", NULL};
    static const char *const title[] = {"title", NULL};
    *out = json_object();
    if (!*out)
        return TRO_ENOMEM;
    if (json_is_string(v))
        return trop_json_put(*out, "name", trop_json_text(json_string_value(v),
                                                          json_string_length(v), STR_MAX, NULL));
    if (!json_is_object(v))
        return TRO_OK;
    int rc = put_first(*out, "name", v, name);
    if (!rc)
        rc = put_first(*out, "path", v, path);
    if (!rc)
        rc = put_first(*out, "title", v, title);
    return rc;
}

/* "licenses" (a list) or the older "license" (one), normalised. */
static int licenses(dp *d, const json_t *obj, const char *where, json_t **out)
{
    json_t *v = json_object_get(obj, "licenses");
    if (!v)
        v = json_object_get(obj, "license");
    *out = NULL;
    if (!v)
        return TRO_OK;
    if (!(*out = json_array()))
        return TRO_ENOMEM;
    size_t n = json_is_array(v) ? json_array_size(v) : 1;
    for (size_t i = 0; i < n && i < LIST_MAX; i++) {
        json_t *lic;
        int rc = one_license(json_is_array(v) ? json_array_get(v, i) : v, &lic);
        if (!rc && !json_object_size(lic))
            rc = trop_json_budget_finding(
                d->a, &d->budget, TRO_SEVERITY_WARNING, "datapackage-bad-license", -1,
                "%s: %slicense %zu has no name or path", d->a->path, where, i);
        if (!rc && json_object_size(lic))
            rc = trop_json_push(*out, json_incref(lic));
        json_decref(lic);
        if (rc)
            return rc;
    }
    return TRO_OK;
}

static int put_licenses(dp *d, json_t *dst, const json_t *obj, const char *where)
{
    json_t *arr;
    int rc = licenses(d, obj, where, &arr);
    if (!rc && json_array_size(arr))
        return trop_json_put(dst, "licenses", arr);
    json_decref(arr);
    return rc;
}

static int put_sources(dp *d, const json_t *root)
{
    static const char *const title[] = {"title", "name", NULL};
    static const char *const path[] = {"path", "web", "url", NULL};
    json_t *v = json_object_get(root, "sources");
    if (!json_is_array(v))
        return TRO_OK;
    json_t *arr = json_array();
    int rc = arr ? TRO_OK : TRO_ENOMEM;
    for (size_t i = 0; i < json_array_size(v) && i < LIST_MAX && !rc; i++) {
        json_t *s = json_array_get(v, i), *o = json_object();
        rc = o ? put_first(o, "title", s, title) : TRO_ENOMEM;
        if (!rc)
            rc = put_first(o, "path", s, path);
        if (!rc && json_object_size(o))
            rc = trop_json_push(arr, json_incref(o));
        json_decref(o);
    }
    if (!rc && json_array_size(arr))
        return trop_json_put(d->a->meta, "sources", arr);
    json_decref(arr);
    return rc;
}

/* Why a resource path is unsafe or invalid, or NULL. */
static const char *path_problem(const char *p)
{
    size_t scheme = 0;
    while (isalnum((unsigned char)p[scheme]) || p[scheme] == '+' || p[scheme] == '-' ||
           p[scheme] == '.')
        scheme++;
    if (scheme && p[scheme] == ':' && isalpha((unsigned char)p[0])) {
        static const char *const ok[] = {"http", "https", "ftp", "ftps"};
        for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
            if (strlen(ok[i]) == scheme && strncasecmp(p, ok[i], scheme) == 0)
                return NULL;
        return "a URL scheme other than http, https, ftp or ftps (or a drive letter)";
    }
    if (!*p)
        return "an empty path";
    if (*p == '/' || *p == '\\')
        return "an absolute path";
    for (const char *c = p; *c;) {
        size_t len = strcspn(c, "/\\");
        if (len == 2 && c[0] == '.' && c[1] == '.')
            return "a '..' component";
        if (len > 1 && c[0] == '.')
            return "a hidden component";
        c += len;
        if (*c)
            c++;
    }
    return NULL;
}

static int put_paths(dp *d, size_t i, const json_t *res, json_t *out)
{
    json_t *v = json_object_get(res, "path");
    if (!v)
        v = json_object_get(res, "url");
    if (!v)
        return TRO_OK;
    json_t *arr = json_array();
    int rc = arr ? TRO_OK : TRO_ENOMEM;
    size_t n = json_is_array(v) ? json_array_size(v) : 1;
    for (size_t k = 0; k < n && !rc; k++) {
        const json_t *s = json_is_array(v) ? json_array_get(v, k) : v;
        const char *p = json_string_value(s);
        const char *why = p ? path_problem(p) : "not a string";
        if (why)
            rc = trop_json_budget_finding(
                d->a, &d->budget, p ? TRO_SEVERITY_ERROR : TRO_SEVERITY_WARNING,
                p ? "datapackage-bad-path" : "datapackage-bad-resource", -1,
                "%s: resources[%zu] path '%.200s' is %s", d->a->path, i, p ? p : "", why);
        else if (k < LIST_MAX)
            rc = trop_json_push(arr, trop_json_text(p, json_string_length(s), STR_MAX, NULL));
    }
    if (!rc)
        return trop_json_put(out, "paths", arr);
    json_decref(arr);
    return rc;
}

/* "hash": hex MD5, or "<algorithm>:<hex>". */
static int put_hash(dp *d, size_t i, const json_t *res, json_t *out)
{
    static const struct { const char *name; size_t hex; } algos[] = {
        {"md5", 32}, {"sha1", 40}, {"sha224", 56}, {"sha256", 64}, {"sha384", 96}, {"sha512", 128}};
    json_t *v = json_object_get(res, "hash");
    if (!v)
        return TRO_OK;
    const char *s = json_string_value(v), *colon = s ? strchr(s, ':') : NULL;
    char algo[16] = "md5";
    if (colon) {
        size_t n = (size_t)(colon - s) < sizeof algo - 1 ? (size_t)(colon - s) : sizeof algo - 1;
        for (size_t k = 0; k < n; k++)
            algo[k] = (char)tolower((unsigned char)s[k]);
        algo[n] = '\0';
    }
    const char *hex = colon ? colon + 1 : s;
    size_t want = 0, n = hex ? strlen(hex) : 0;
    for (size_t k = 0; k < sizeof algos / sizeof *algos; k++)
        if (strcmp(algos[k].name, algo) == 0)
            want = algos[k].hex;
    bool ok = s && want && n == want;
    for (size_t k = 0; ok && k < n; k++)
        ok = isxdigit((unsigned char)hex[k]);
    if (!ok)
        return trop_json_budget_finding(
            d->a, &d->budget, TRO_SEVERITY_WARNING, "datapackage-bad-hash", -1,
            "%s: resources[%zu] hash '%.140s' is not %s", d->a->path, i, s ? s : "(not a string)",
            !s      ? "a string"
            : !want ? "of a known algorithm"
                    : "the right number of hex digits");
    return trop_json_put(out, "hash", json_pack("{s:s,s:s%}", "algorithm", algo, "value", hex, n));
}

static int one_resource(dp *d, size_t i, const json_t *res, json_t *out)
{
    static const char *const strs[] = {"name", "format", "mediatype"};
    if (!json_is_object(res))
        return trop_json_budget_finding(d->a, &d->budget, TRO_SEVERITY_WARNING,
                                        "datapackage-bad-resource", -1,
                                        "%s: resources[%zu] is not an object", d->a->path, i);
    int rc = TRO_OK;
    if (!json_is_string(json_object_get(res, "name")))
        rc = trop_json_budget_finding(d->a, &d->budget, TRO_SEVERITY_WARNING,
                                      "datapackage-bad-resource", -1,
                                      "%s: resources[%zu] has no name", d->a->path, i);
    for (size_t k = 0; k < sizeof strs / sizeof *strs && !rc; k++)
        rc = put_str(out, strs[k], res, strs[k]);
    if (!rc)
        rc = put_paths(d, i, res, out);
    if (!rc)
        rc = put_hash(d, i, res, out);
    json_t *bytes = json_object_get(res, "bytes");
    uint64_t b;
    if (!rc && bytes && !trop_json_uint(bytes, &b))
        rc = trop_json_budget_finding(
            d->a, &d->budget, TRO_SEVERITY_WARNING, "datapackage-bad-resource", -1,
            "%s: resources[%zu] bytes is not a non-negative integer", d->a->path, i);
    else if (!rc && bytes)
        rc = trop_json_put(out, "bytes", json_integer((json_int_t)b));
    if (!rc)
        rc = put_licenses(d, out, res, "resource license: ");
    return rc;
}

static int put_resources(dp *d, const json_t *root)
{
    json_t *v = json_object_get(root, "resources");
    size_t n = json_array_size(v);
    if (!n)
        return trop_artifact_finding(d->a, TRO_SEVERITY_WARNING, "datapackage-no-resources", -1,
                                     "%s: no \"resources\" list with at least one resource",
                                     d->a->path);
    json_t *arr = json_array();
    int rc = arr ? TRO_OK : TRO_ENOMEM;
    for (size_t i = 0; i < n && !rc; i++) {
        json_t *out = json_object();
        rc = out ? one_resource(d, i, json_array_get(v, i), out) : TRO_ENOMEM;
        if (!rc && i < ITEMS_MAX && json_object_size(out))
            rc = trop_json_push(arr, json_incref(out));
        json_decref(out);
    }
    if (!rc)
        rc = trop_json_put(d->a->meta, "resource_count", json_integer((json_int_t)n));
    if (!rc)
        return trop_json_put(d->a->meta, "resources", arr);
    json_decref(arr);
    return rc;
}

int trop_read_datapackage(const tro_ctx *ctx, const trop_src *src, tro_artifact *a)
{
    static const char *const strs[] = {"name", "title", "id", "version", "homepage"};
    trop_json_opts o = {.prefix = "datapackage", .allow_bom = true};
    dp d = {.a = a, .budget = TROP_JSON_BUDGET_INIT(32)};
    json_t *root = NULL;
    int rc = trop_json_load_object(ctx, src, a, &o, &root);
    if (rc || !root)
        goto done;
    for (size_t k = 0; k < sizeof strs / sizeof *strs && !rc; k++)
        rc = put_str(a->meta, strs[k], root, strs[k]);
    if (!rc)
        rc = put_licenses(&d, a->meta, root, "");
    if (!rc)
        rc = put_sources(&d, root);
    if (!rc)
        rc = put_resources(&d, root);
    if (!rc)
        rc = trop_json_budget_flush(a, &d.budget, "datapackage");
done:
    json_decref(root);
    return rc;
}

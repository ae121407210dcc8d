/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Croissant (MLCommons) dataset descriptions: JSON-LD with schema.org and
 * cr: terms. What matters for openness is the license, where the data is
 * and whether its files can be verified (checksums).
 *
 * meta (top-level keys are this reader's; distribution items keep
 * Croissant's own property names):
 *   name, url, version, date_published       strings
 *   description, cite_as   strings, cut at 4096 bytes (description_cut,
 *                          cite_as_cut: true when cut)
 *   conforms_to            ["http://mlcommons.org/croissant/1.0"]
 *   licenses               normalised list of strings: a license given as a
 *                          string, URL, object (@id, url, name or
 *                          identifier) or a list of those
 *   creators               names (or @id/url) of the creators, at most 64
 *   is_live_dataset        bool, when given
 *   distribution           [{"type": "FileObject" | "FileSet", "id", "name",
 *                            "contentUrl", "encodingFormat", "contentSize",
 *                            "sha256", "md5", "containedIn": [ids],
 *                            "includes": [globs]}], at most 1000
 *   distribution_count, record_set_count
 *   rai                    the Responsible-AI properties present
 *                          (["rai:dataBiases", ...])
 *
 * Findings (warnings unless said): croissant-bad-json, -too-deep,
 * -bad-utf8, -not-object, -empty (errors), -duplicate-key, -too-large,
 * -not-read (info), -not-dataset, -no-license, -bad-license,
 * -bad-distribution, -bad-sha256, -bad-md5, -no-checksum (info),
 * -more-findings (info).
 */
#include "../json/json.h"
#include "../readers.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define TEXT_MAX 4096
#define STR_MAX 1024
#define ITEMS_MAX 1000
#define LIST_MAX 64

typedef struct cr {
    tro_artifact *a;
    trop_json_budget budget;
    bool live;
} cr;

/* obj[key], also when written with a schema.org or Croissant prefix. */
static json_t *getp(const json_t *obj, const char *key)
{
    static const char *const prefixes[] = {"", "sc:", "cr:", "schema:", "dct:"};
    char k[64];
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        snprintf(k, sizeof k, "%s%s", prefixes[i], key);
        json_t *v = json_object_get(obj, k);
        if (v)
            return v;
    }
    return NULL;
}

static json_t *text(const json_t *s, size_t max, bool *cut)
{
    return trop_json_text(json_string_value(s), json_string_length(s), max, cut);
}

/* A string, or the identifier of a node ({"@id": ...}). */
static const char *ident(const json_t *v)
{
    if (json_is_string(v))
        return json_string_value(v);
    static const char *const keys[] = {"@id", "url", "name", "identifier"};
    for (size_t i = 0; json_is_object(v) && i < sizeof keys / sizeof *keys; i++) {
        const char *s = json_string_value(getp(v, keys[i]));
        if (s)
            return s;
    }
    return NULL;
}

/* A value or list of values, as a list of identifier strings. */
static int id_list(const json_t *v, json_t **out, bool *bad)
{
    *out = json_array();
    if (!*out)
        return TRO_ENOMEM;
    *bad = false;
    size_t n = json_is_array(v) ? json_array_size(v) : 1;
    for (size_t i = 0; i < n && i < LIST_MAX; i++) {
        const json_t *e = json_is_array(v) ? json_array_get(v, i) : v;
        const char *s = ident(e);
        if (!s) {
            *bad = true;
            continue;
        }
        if (trop_json_push(*out, trop_json_text(s, strlen(s), STR_MAX, NULL)))
            return TRO_ENOMEM;
    }
    return TRO_OK;
}

static int put_text(json_t *dst, const char *as, const json_t *src, const char *key, size_t max)
{
    json_t *v = getp(src, key);
    if (!json_is_string(v))
        return TRO_OK;
    bool cut = false;
    int rc = trop_json_put(dst, as, text(v, max, &cut));
    if (!rc && cut) {
        char k[64];
        snprintf(k, sizeof k, "%s_cut", as);
        rc = trop_json_put(dst, k, json_true());
    }
    return rc;
}

static int put_list(json_t *dst, const char *as, const json_t *v)
{
    json_t *arr;
    bool bad;
    if (!v)
        return TRO_OK;
    int rc = id_list(v, &arr, &bad);
    if (!rc && json_array_size(arr))
        return trop_json_put(dst, as, arr);
    json_decref(arr);
    return rc;
}

static int put_licenses(cr *c, const json_t *root)
{
    json_t *v = getp(root, "license");
    if (!v)
        return trop_artifact_finding(c->a, TRO_SEVERITY_WARNING, "croissant-no-license", -1,
                                     "%s: the dataset declares no license", c->a->path);
    json_t *arr;
    bool bad;
    int rc = id_list(v, &arr, &bad);
    if (!rc && bad)
        rc = trop_artifact_finding(c->a, TRO_SEVERITY_WARNING, "croissant-bad-license", -1,
                                   "%s: a license is neither a string, a URL nor an object with "
                                   "@id, url or name", c->a->path);
    if (!rc)
        return trop_json_put(c->a->meta, "licenses", arr);
    json_decref(arr);
    return rc;
}

static bool all_hex(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isxdigit((unsigned char)s[i]))
            return false;
    return true;
}

/* sha256 must be 64 hex digits, md5 32; says what a wrong one looks like. */
static int check_digest(cr *c, size_t i, const char *item, const char *algo, const json_t *v)
{
    size_t want = strcmp(algo, "sha256") == 0 ? 64 : 32;
    const char *s = json_string_value(v);
    size_t n = s ? strlen(s) : 0;
    if (s && n == want && all_hex(s, n))
        return TRO_OK;
    const char *hint = !s ? "it is not a string"
                       : (n == 32 && want == 64 && all_hex(s, n)) ? "it looks like an MD5"
                       : (n == 64 && want == 32 && all_hex(s, n)) ? "it looks like a SHA-256"
                       : strncmp(s, "http", 4) == 0 ? "it is a URL, not a digest"
                                                     : "wrong length or not hexadecimal";
    char code[32];
    snprintf(code, sizeof code, "croissant-bad-%s", algo);
    return trop_json_budget_finding(
        c->a, &c->budget, TRO_SEVERITY_WARNING, code, -1,
        "%s: distribution[%zu] ('%s'): %s '%.80s' is not %zu hex digits: %s", c->a->path, i, item,
        algo, s ? s : "", want, hint);
}

/* "cr:FileObject", "sc:FileObject", a full IRI or a list: "FileObject". */
static const char *type_of(const json_t *item)
{
    json_t *t = json_object_get(item, "@type");
    if (json_is_array(t))
        t = json_array_get(t, 0);
    const char *s = json_string_value(t);
    if (!s)
        return NULL;
    /* the name after the last ':' or '/' */
    const char *name = s;
    for (const char *p = s; *p; p++)
        if (*p == ':' || *p == '/')
            name = p + 1;
    return name;
}

static int put_item_fields(json_t *out, const json_t *item, const char *type)
{
    static const char *const texts[] = {"name", "contentUrl", "sha256", "md5"};
    int rc = TRO_OK;
    if (type)
        rc = trop_json_put(out, "type", json_string(type));
    const char *id = json_string_value(json_object_get(item, "@id"));
    if (!rc && id)
        rc = trop_json_put(out, "id", trop_json_text(id, strlen(id), STR_MAX, NULL));
    for (size_t k = 0; k < sizeof texts / sizeof *texts && !rc; k++)
        rc = put_text(out, texts[k], item, texts[k], STR_MAX);
    json_t *size = getp(item, "contentSize");
    if (!rc && (json_is_string(size) || json_is_number(size)))
        rc = trop_json_put(out, "contentSize", json_is_string(size) ? text(size, STR_MAX, NULL)
                                                                    : json_incref(size));
    json_t *fmt = getp(item, "encodingFormat");
    if (!rc && fmt)
        rc = json_is_string(fmt) ? put_text(out, "encodingFormat", item, "encodingFormat", STR_MAX)
                                 : put_list(out, "encodingFormat", fmt);
    if (!rc)
        rc = put_list(out, "containedIn", getp(item, "containedIn"));
    if (!rc)
        rc = put_list(out, "includes", getp(item, "includes"));
    return rc;
}

/* mlcroissant's rules: a FileObject not inside another needs a contentUrl
 * and, unless the dataset is live, a checksum. */
static int check_item(cr *c, size_t i, const json_t *item, const char *type)
{
    const char *id = ident(item);
    id = id ? id : "";
    json_t *sha = getp(item, "sha256"), *md5 = getp(item, "md5");
    int rc = TRO_OK;
    if (sha)
        rc = check_digest(c, i, id, "sha256", sha);
    if (!rc && md5)
        rc = check_digest(c, i, id, "md5", md5);
    if (rc || !type || strcmp(type, "FileObject") != 0 || getp(item, "containedIn"))
        return rc;
    if (!getp(item, "contentUrl"))
        return trop_json_budget_finding(
            c->a, &c->budget, TRO_SEVERITY_WARNING, "croissant-bad-distribution", -1,
            "%s: distribution[%zu] ('%.80s'): FileObject without contentUrl", c->a->path, i, id);
    if (!sha && !md5 && !c->live)
        return trop_json_budget_finding(
            c->a, &c->budget, TRO_SEVERITY_INFO, "croissant-no-checksum", -1,
            "%s: distribution[%zu] ('%.80s'): no sha256 or md5 to verify "
            "the file with",
            c->a->path, i, id);
    return TRO_OK;
}

static int put_distribution(cr *c, const json_t *root)
{
    json_t *d = getp(root, "distribution");
    if (!d)
        return TRO_OK;
    if (!json_is_array(d) && !json_is_object(d))
        return trop_artifact_finding(c->a, TRO_SEVERITY_WARNING, "croissant-bad-distribution", -1,
                                     "%s: distribution is neither a list nor an object", c->a->path);
    size_t n = json_is_array(d) ? json_array_size(d) : 1;
    json_t *arr = json_array();
    int rc = arr ? TRO_OK : TRO_ENOMEM;
    for (size_t i = 0; i < n && !rc; i++) {
        const json_t *item = json_is_array(d) ? json_array_get(d, i) : d;
        if (!json_is_object(item)) {
            rc = trop_json_budget_finding(c->a, &c->budget, TRO_SEVERITY_WARNING,
                                          "croissant-bad-distribution", -1,
                                          "%s: distribution[%zu] is not an object", c->a->path, i);
            continue;
        }
        const char *type = type_of(item);
        rc = check_item(c, i, item, type);
        json_t *out = NULL;
        if (!rc && i < ITEMS_MAX && !(rc = (out = json_object()) ? TRO_OK : TRO_ENOMEM) &&
            !(rc = put_item_fields(out, item, type)))
            rc = trop_json_push(arr, json_incref(out));
        json_decref(out);
    }
    if (!rc)
        rc = trop_json_put(c->a->meta, "distribution_count", json_integer((json_int_t)n));
    if (!rc)
        return trop_json_put(c->a->meta, "distribution", arr);
    json_decref(arr);
    return rc;
}

static int put_rai(tro_artifact *a, const json_t *root)
{
    json_t *arr = json_array();
    const char *k;
    json_t *v;
    int rc = arr ? TRO_OK : TRO_ENOMEM;
    json_object_foreach((json_t *)root, k, v) {
        if (!rc && strncmp(k, "rai:", 4) == 0 && json_array_size(arr) < LIST_MAX)
            rc = trop_json_push(arr, trop_json_text(k, strlen(k), STR_MAX, NULL));
    }
    if (!rc && json_array_size(arr))
        return trop_json_put(a->meta, "rai", arr);
    json_decref(arr);
    return rc;
}

static int put_dataset(cr *c, const json_t *root)
{
    json_t *m = c->a->meta;
    static const char *const texts[][2] = {{"name", "name"}, {"url", "url"},
                                            {"version", "version"},
                                            {"datePublished", "date_published"}};
    int rc = TRO_OK;
    for (size_t i = 0; i < sizeof texts / sizeof *texts && !rc; i++)
        rc = put_text(m, texts[i][1], root, texts[i][0], STR_MAX);
    if (!rc)
        rc = put_text(m, "description", root, "description", TEXT_MAX);
    if (!rc)
        rc = put_text(m, "cite_as", root, "citeAs", TEXT_MAX);
    if (!rc)
        rc = put_list(m, "conforms_to", getp(root, "conformsTo"));
    if (!rc)
        rc = put_list(m, "creators", getp(root, "creator"));
    json_t *live = getp(root, "isLiveDataset");
    c->live = json_is_true(live);
    if (!rc && json_is_boolean(live))
        rc = trop_json_put(m, "is_live_dataset", json_boolean(c->live));
    json_t *rs = getp(root, "recordSet");
    if (!rc && rs)
        rc = trop_json_put(m, "record_set_count",
                           json_integer(json_is_array(rs) ? (json_int_t)json_array_size(rs) : 1));
    return rc;
}

int trop_read_croissant(const tro_ctx *ctx, const trop_src *src, tro_artifact *a)
{
    trop_json_opts o = {.prefix = "croissant", .allow_bom = true};
    cr c = {.a = a, .budget = TROP_JSON_BUDGET_INIT(32)};
    json_t *root = NULL;
    int rc = trop_json_load_object(ctx, src, a, &o, &root);
    if (rc || !root)
        goto done;
    const char *type = type_of(root);
    if (!type || strcmp(type, "Dataset") != 0)
        rc = trop_artifact_finding(a, TRO_SEVERITY_WARNING, "croissant-not-dataset", -1,
                                   "%s: @type is not Dataset", a->path);
    if (!rc)
        rc = put_dataset(&c, root);
    if (!rc)
        rc = put_licenses(&c, root);
    if (!rc)
        rc = put_distribution(&c, root);
    if (!rc)
        rc = put_rai(a, root);
    if (!rc)
        rc = trop_json_budget_flush(a, &c.budget, "croissant");
done:
    json_decref(root);
    return rc;
}

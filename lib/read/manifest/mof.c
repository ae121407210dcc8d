/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Model Openness Framework release files (TRO_TYPE_MOF): the YAML the Model
 * Openness Tool keeps per model (framework + release + components).
 *
 * Meta keys:
 *   framework   {name, version, date}: strings or null
 *   release     {name, version, date, type, producer, repository,
 *                huggingface: strings or null,
 *                license: {distribution, code, data, document}, each
 *                  {name, path} (strings or null) or null when not given,
 *                components: [{name, description, license (string or null;
 *                  from a string or from {name, path}), license_path (the
 *                  component's license_path, else the path of a {name, path}
 *                  license), component_path, known (one of the 17 MOF
 *                  components, matched exactly), id, class (1-3),
 *                  content_type ("code", "data", "document"), required
 *                  (id..required are null for unknown components)}]}
 *   document    the whole file as JSON
 * Values are kept as written: an empty license string ("" means "included
 * without a license" to the MOF) stays "", and "Apache 2.0" is not turned
 * into "Apache-2.0": judging licenses is lib/license's job. Numbers where
 * strings are expected (version: 2) become their text.
 */
#include "../readers.h"
#include "../facts.h"
#include "../text/text.h"
#include "../yaml/yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COMPONENT_FINDINGS 32u

typedef struct mofr {
    tro_artifact *a;
    trop_yaml_marks *marks;
    unsigned component_findings;
    uint64_t unlisted;
} mofr;

static int note(mofr *r, tro_severity sev, const char *code, const json_t *at,
                const char *fmt, ...) TROP_PRINTF(5, 6);

/* A finding placed at the YAML node `at` (or nowhere when unknown). */
static int note(mofr *r, tro_severity sev, const char *code, const json_t *at,
                const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int64_t off;
    uint64_t line;
    if (trop_yaml_mark_find(r->marks, at, &off, &line))
        return trop_artifact_finding(r->a, sev, code, off, "%s: line %llu: %s", r->a->path,
                                     (unsigned long long)line, msg);
    return trop_artifact_finding(r->a, sev, code, -1, "%s: %s", r->a->path, msg);
}

/* Text of a scalar (new reference), JSON null for null or absent; NULL
 * after reporting a value of the wrong kind. */
static json_t *text_of(mofr *r, const json_t *v, const char *where, int *rc)
{
    *rc = 0;
    if (!v || json_is_null(v))
        return json_null();
    if (json_is_string(v))
        return json_incref((json_t *)v);
    if (json_is_integer(v) || json_is_real(v) || json_is_boolean(v)) {
        char *s = json_dumps(v, JSON_ENCODE_ANY);
        json_t *t = s ? json_string(s) : NULL;
        free(s);
        if (!t)
            *rc = TRO_ENOMEM;
        return t;
    }
    *rc = note(r, TRO_SEVERITY_ERROR, "mof-invalid-value", v, "%s should be a string, not a %s",
               where, json_is_array(v) ? "list" : "mapping");
    return json_null();
}

/* Copies the listed keys of src (a mapping) into dst as strings. */
static int copy_strings(mofr *r, const json_t *src, json_t *dst, const char *prefix,
                        const char *const *keys)
{
    for (; *keys; keys++) {
        char where[96];
        snprintf(where, sizeof where, "%s.%s", prefix, *keys);
        int rc;
        json_t *t = text_of(r, json_object_get(src, *keys), where, &rc);
        if (!t || json_object_set_new_nocheck(dst, *keys, t))
            return TRO_ENOMEM;
        if (rc)
            return rc;
    }
    return 0;
}

static int require(mofr *r, const json_t *obj, const char *prefix, const char *const *keys)
{
    for (; *keys; keys++)
        if (!json_object_get(obj, *keys)) {
            int rc = note(r, TRO_SEVERITY_ERROR, "mof-missing-key", obj,
                          "required key %s.%s is missing", prefix, *keys);
            if (rc)
                return rc;
        }
    return 0;
}

/* A mapping value, or NULL after reporting anything else (absent is fine). */
static const json_t *mapping(mofr *r, const json_t *v, const char *where, int *rc)
{
    *rc = 0;
    if (json_is_object(v))
        return v;
    if (v && !json_is_null(v))
        *rc = note(r, TRO_SEVERITY_ERROR, "mof-invalid-value", v, "%s should be a mapping",
                   where);
    return NULL;
}

/* ---- licenses ------------------------------------------------------------ */

/* {name, path} from "Name" or {name: Name, path: P}; JSON null if absent. */
static json_t *license_pair(mofr *r, const json_t *v, const char *where, int *rc)
{
    json_t *o = json_object();
    if (!o) {
        *rc = TRO_ENOMEM;
        return NULL;
    }
    if (!v || json_is_null(v)) {
        json_decref(o);
        *rc = 0;
        return json_null();
    }
    char w[96];
    json_t *name, *path = json_null();
    if (json_is_object(v)) {
        snprintf(w, sizeof w, "%s.name", where);
        name = text_of(r, json_object_get(v, "name"), w, rc);
        if (name && !*rc) {
            snprintf(w, sizeof w, "%s.path", where);
            path = text_of(r, json_object_get(v, "path"), w, rc);
        }
    } else {
        name = text_of(r, v, where, rc);
    }
    if (!name || !path || json_object_set_new_nocheck(o, "name", name) ||
        json_object_set_new_nocheck(o, "path", path)) {
        json_decref(o);
        *rc = TRO_ENOMEM;
        return NULL;
    }
    return o;
}

static int release_licenses(mofr *r, const json_t *rel, json_t *out)
{
    static const char *const types[] = {"distribution", "code", "data", "document", NULL};
    int rc;
    const json_t *lic = mapping(r, json_object_get(rel, "license"), "release.license", &rc);
    json_t *o = json_object();
    if (!o || json_object_set_new_nocheck(out, "license", o))
        return TRO_ENOMEM;
    if (rc)
        return rc;
    for (const char *const *t = types; *t; t++) {
        char where[64];
        snprintf(where, sizeof where, "release.license.%s", *t);
        json_t *p = license_pair(r, lic ? json_object_get(lic, *t) : NULL, where, &rc);
        if (!p || json_object_set_new_nocheck(o, *t, p))
            return TRO_ENOMEM;
        if (rc)
            return rc;
    }
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)lic, key, v) {
        bool known = false;
        for (const char *const *t = types; *t; t++)
            known |= strcmp(key, *t) == 0;
        if (!known && (rc = note(r, TRO_SEVERITY_WARNING, "mof-unknown-license-type", v,
                                 "release.license.%.64s is not one of distribution, code, "
                                 "data, document; ignored", key)))
            return rc;
    }
    return 0;
}

/* ---- components ---------------------------------------------------------- */

/* Per-component findings are capped so a hostile list cannot flood. */
static int component_note(mofr *r, tro_severity sev, const char *code, const json_t *at,
                          const char *what, size_t i, const char *name)
{
    if (r->component_findings >= MAX_COMPONENT_FINDINGS) {
        r->unlisted++;
        return 0;
    }
    r->component_findings++;
    return note(r, sev, code, at, "release.components[%zu]: %s%s%.128s%s", i, what,
                name ? " '" : "", name ? name : "", name ? "'" : "");
}

static int component_facts(mofr *r, const json_t *name, size_t i, json_t *o, uint32_t *seen)
{
    const char *s = json_string_value(name);
    const trop_mof_component *c = s ? trop_mof_component_find(s, json_string_length(name)) : NULL;
    int rc = 0;
    if (s && !c)
        rc = component_note(r, TRO_SEVERITY_WARNING, "mof-unknown-component", name,
                            "not one of the 17 MOF components, so it counts for no class:", i, s);
    if (c) {
        uint32_t bit = 1u << (c - trop_mof_components());
        if (*seen & bit)
            rc = component_note(r, TRO_SEVERITY_WARNING, "mof-duplicate-component", name,
                                "listed more than once:", i, s);
        *seen |= bit;
    }
    int bad = json_object_set_new_nocheck(o, "known", json_boolean(c));
    bad |= json_object_set_new_nocheck(o, "id", c ? json_integer(c->id) : json_null());
    bad |= json_object_set_new_nocheck(o, "class", c ? json_integer(c->mof_class) : json_null());
    bad |= json_object_set_new_nocheck(
        o, "content_type", c ? json_string(trop_mof_content_name(c->content)) : json_null());
    bad |= json_object_set_new_nocheck(o, "required", c ? json_boolean(c->required) : json_null());
    return bad ? TRO_ENOMEM : rc;
}

static int component(mofr *r, const json_t *v, size_t i, json_t *list, uint32_t *seen)
{
    static const char *const keys[] = {"name", "description", "license_path", "component_path",
                                       NULL};
    if (!json_is_object(v))
        return component_note(r, TRO_SEVERITY_ERROR, "mof-invalid-value", v,
                              "a component should be a mapping", i, NULL);
    json_t *o = json_object();
    if (!o || json_array_append_new(list, o))
        return TRO_ENOMEM;
    char where[64];
    snprintf(where, sizeof where, "release.components[%zu]", i);
    int rc = copy_strings(r, v, o, where, keys);
    if (rc)
        return rc;
    const json_t *name = json_object_get(v, "name");
    if (!json_is_string(name) &&
        (rc = component_note(r, TRO_SEVERITY_ERROR, "mof-missing-key", v,
                             "a component needs a name", i, NULL)))
        return rc;
    snprintf(where, sizeof where, "release.components[%zu].license", i);
    json_t *lic = license_pair(r, json_object_get(v, "license"), where, &rc);
    if (!lic)
        return TRO_ENOMEM;
    json_t *lname = json_is_object(lic) ? json_object_get(lic, "name") : NULL;
    json_t *lpath = json_is_object(lic) ? json_object_get(lic, "path") : NULL;
    int bad = json_object_set_nocheck(o, "license", lname ? lname : json_null());
    /* the component's own license_path wins over a {name, path} path */
    if (json_is_null(json_object_get(o, "license_path")) && json_is_string(lpath))
        bad |= json_object_set_nocheck(o, "license_path", lpath);
    json_decref(lic);
    if (bad)
        return TRO_ENOMEM;
    return rc ? rc : component_facts(r, json_is_string(name) ? name : NULL, i, o, seen);
}

static int components(mofr *r, const json_t *rel, json_t *out)
{
    json_t *list = json_array();
    if (!list || json_object_set_new_nocheck(out, "components", list))
        return TRO_ENOMEM;
    const json_t *v = json_object_get(rel, "components");
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_array(v))
        return note(r, TRO_SEVERITY_ERROR, "mof-invalid-value", v,
                    "release.components should be a list");
    uint32_t seen = 0;
    size_t i;
    const json_t *c;
    json_array_foreach(v, i, c) {
        int rc = component(r, c, i, list, &seen);
        if (rc)
            return rc;
    }
    if (r->unlisted)
        return note(r, TRO_SEVERITY_INFO, "mof-more-problems", v,
                    "%llu more component problems were not listed",
                    (unsigned long long)r->unlisted);
    return 0;
}

/* ---- the document -------------------------------------------------------- */

static int framework(mofr *r, const json_t *doc, json_t *meta)
{
    static const char *const keys[] = {"name", "version", "date", NULL};
    int rc;
    const json_t *fw = mapping(r, json_object_get(doc, "framework"), "framework", &rc);
    json_t *o = json_object();
    if (!o || json_object_set_new_nocheck(meta, "framework", o))
        return TRO_ENOMEM;
    if (rc)
        return rc;
    if (!fw)
        return json_object_get(doc, "framework")
                   ? 0
                   : note(r, TRO_SEVERITY_ERROR, "mof-missing-key", doc,
                          "required key framework is missing");
    if ((rc = require(r, fw, "framework", keys)))
        return rc;
    return copy_strings(r, fw, o, "framework", keys);
}

static int release(mofr *r, const json_t *doc, json_t *meta)
{
    static const char *const keys[] = {"name", "version", "date", "type", "producer",
                                       "repository", "huggingface", NULL};
    static const char *const required[] = {"name", "license", "producer", "components", NULL};
    int rc;
    const json_t *rel = mapping(r, json_object_get(doc, "release"), "release", &rc);
    json_t *o = json_object();
    if (!o || json_object_set_new_nocheck(meta, "release", o))
        return TRO_ENOMEM;
    if (rc)
        return rc;
    if (!rel) {
        if (!json_object_get(doc, "release") &&
            (rc = note(r, TRO_SEVERITY_ERROR, "mof-missing-key", doc,
                       "required key release is missing")))
            return rc;
        /* rel stays NULL: the same shape, with nothing in it */
    } else if ((rc = require(r, rel, "release", required))) {
        return rc;
    }
    if ((rc = copy_strings(r, rel, o, "release", keys)) || (rc = release_licenses(r, rel, o)))
        return rc;
    return components(r, rel, o);
}

static int dup_key_warning(void *ud, const char *kind, int64_t offset, uint64_t line,
                           const char *message)
{
    tro_artifact *a = ud;
    (void)kind;
    return trop_artifact_finding(a, TRO_SEVERITY_WARNING, "mof-yaml-duplicate-key", offset,
                                 "%s: line %llu: %s", a->path, (unsigned long long)line,
                                 message);
}

static int parse(const tro_ctx *ctx, mofr *r, const trop_text *t, json_t **doc)
{
    trop_yaml_opts o;
    trop_yaml_error err;
    trop_yaml_opts_init(&o, ctx);
    o.warn = dup_key_warning;
    o.warn_ud = r->a;
    o.marks = r->marks;
    int rc = trop_yaml_to_json(t->data, t->len, &o, doc, &err);
    if (!rc || rc == TRO_ENOMEM)
        return rc;
    const char *code = rc == TRO_ELIMIT ? "mof-yaml-limit" : "mof-yaml-invalid";
    if (err.line)
        return trop_artifact_finding(r->a, TRO_SEVERITY_ERROR, code, err.offset,
                                     "%s: not valid YAML at line %llu, column %llu (byte %lld): "
                                     "%s", r->a->path, (unsigned long long)err.line,
                                     (unsigned long long)err.column, (long long)err.offset,
                                     err.message);
    return trop_artifact_finding(r->a, TRO_SEVERITY_ERROR, code, err.offset,
                                 "%s: not valid YAML (byte %lld): %s", r->a->path,
                                 (long long)err.offset, err.message);
}

static int too_big(tro_artifact *a, const trop_text *t)
{
    if (t->over_limit)
        return trop_artifact_finding(a, TRO_SEVERITY_ERROR, "mof-too-large", (int64_t)t->len,
                                     "%s: %llu bytes is over the %zu-byte text limit; not read",
                                     a->path, (unsigned long long)t->size, t->len);
    return trop_artifact_finding(a, TRO_SEVERITY_ERROR, "mof-partial", (int64_t)t->len,
                                 "%s: only the first %zu of %llu bytes were available; not read",
                                 a->path, t->len, (unsigned long long)t->size);
}

int trop_read_mof(const tro_ctx *ctx, const trop_src *src, tro_artifact *a)
{
    trop_text t;
    json_t *doc = NULL;
    mofr r = {.a = a};
    int rc = trop_text_read(src, ctx->limits.max_text_bytes, &t);
    if (rc == TRO_EFORMAT || rc == TRO_EIO) {
        int frc = trop_artifact_finding(a, TRO_SEVERITY_ERROR, "mof-read-error", -1,
                                        "%s: the file could not be read (%s)", a->path,
                                        tro_strerror(rc));
        return frc ? frc : rc == TRO_EIO ? rc : 0;
    }
    if (rc)
        return rc;
    if (t.over_limit || t.partial) {
        rc = too_big(a, &t);
        goto done;
    }
    rc = TRO_ENOMEM;
    if (!(r.marks = trop_yaml_marks_new()) || (rc = parse(ctx, &r, &t, &doc)) || !doc)
        goto done;
    if (!json_is_object(doc)) {
        rc = trop_artifact_finding(a, TRO_SEVERITY_ERROR, "mof-not-mapping", 0,
                                   "%s: a MOF file is a mapping with framework and release keys",
                                   a->path);
        goto done;
    }
    if (!(rc = framework(&r, doc, a->meta)) && !(rc = release(&r, doc, a->meta)) &&
        json_object_set_nocheck(a->meta, "document", doc))
        rc = TRO_ENOMEM;
done:
    json_decref(doc);
    trop_yaml_marks_free(r.marks);
    trop_text_free(&t);
    return rc;
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Facts of the artifacts whose readers keep a metadata object (weights and
 * their companions, licence files, MOF files, dataset manifests): taken from
 * that object once the reader is done, here rather than in each reader, so
 * that the keys they are read from sit in one place beside the facts
 * (facts.h) and the judge never looks a key up. Cards fill their facts as
 * they read (card/card.c).
 */
#include "facts.h"
#include "readers.h"

#include <string.h>
#include <strings.h>

trop_facts *trop_facts_get(tro_artifact *a)
{
    if (!a->facts) {
        trop_facts *f = trop_arena_alloc(&a->mem, sizeof *f);
        if (!f)
            return NULL;
        f->type = a->type;
        a->facts = f;
    }
    return a->facts;
}


/* A string value (NULL: not a string) into *out, in a's arena, as the
 * reader kept it. */
static bool take(tro_artifact *a, const json_t *v, trop_str *out)
{
    *out = (trop_str){NULL, 0};
    if (!json_is_string(v))
        return true;
    size_t n = json_string_length(v);
    const char *s = trop_arena_copy(&a->mem, json_string_value(v), n);
    *out = (trop_str){s, n};
    return s != NULL;
}

static int push(tro_artifact *a, trop_strs *list, const json_t *v)
{
    trop_str *s = trop_vec_add(list);
    return s && take(a, v, s) ? 0 : TRO_ENOMEM;
}

static int gguf(tro_artifact *a, trop_gguf_facts *g)
{
    const json_t *gen = json_object_get(a->meta, "general");
    if (!take(a, json_object_get(gen, "license"), &g->license) ||
        !take(a, json_object_get(gen, "license.name"), &g->license_name) ||
        !take(a, json_object_get(gen, "license.link"), &g->license_link))
        return TRO_ENOMEM;
    size_t i;
    const json_t *v;
    json_array_foreach(json_object_get(a->meta, "base_models"), i, v)
    {
        const json_t *url = json_object_get(v, "repo_url");
        if (json_is_string(url) && push(a, &g->base_model_urls, url))
            return TRO_ENOMEM;
    }
    return trop_vec_to_arena(&g->base_model_urls, &a->mem);
}

/* __metadata__ keys named license or *.license with a value. */
static int safetensors(tro_artifact *a, trop_safetensors_facts *s)
{
    const char *key;
    const json_t *v;
    json_object_foreach(json_object_get(a->meta, "metadata"), key, v)
    {
        size_t n = strlen(key);
        bool is_lic =
            !strcasecmp(key, "license") || (n > 8 && !strcasecmp(key + n - 8, ".license"));
        if (!is_lic || !json_is_string(v) || !json_string_length(v))
            continue;
        trop_kv *kv = trop_vec_add(&s->licenses);
        if (kv)
            kv->key.n = n;
        if (!kv || !(kv->key.s = trop_arena_copy(&a->mem, key, n)) || !take(a, v, &kv->value))
            return TRO_ENOMEM;
    }
    return trop_vec_to_arena(&s->licenses, &a->mem);
}

/* A MOF licence: a name, or {name, path}. */
static bool mof_name(tro_artifact *a, const json_t *v, trop_str *out)
{
    return take(a, json_is_object(v) ? json_object_get(v, "name") : v, out);
}

static int mof(tro_artifact *a, trop_mof_facts *m)
{
    const json_t *rel = json_object_get(a->meta, "release");
    const json_t *lic = json_object_get(rel, "license");
    if (!mof_name(a, json_object_get(lic, "distribution"), &m->distribution) ||
        !mof_name(a, json_object_get(lic, "code"), &m->code) ||
        !mof_name(a, json_object_get(lic, "data"), &m->data) ||
        !mof_name(a, json_object_get(lic, "document"), &m->document))
        return TRO_ENOMEM;
    size_t i;
    const json_t *c;
    json_array_foreach(json_object_get(rel, "components"), i, c)
    {
        trop_mof_fact_component *fc = trop_vec_add(&m->components);
        if (!fc || !take(a, json_object_get(c, "name"), &fc->name) ||
            !take(a, json_object_get(c, "license"), &fc->license) ||
            !take(a, json_object_get(c, "component_path"), &fc->path))
            return TRO_ENOMEM;
    }
    return trop_vec_to_arena(&m->components, &a->mem);
}

/* Croissant: licence strings; datapackage: each licence's name, else its
 * path, else its title. */
static int manifest(tro_artifact *a, trop_manifest_facts *m)
{
    size_t i;
    const json_t *v;
    json_array_foreach(json_object_get(a->meta, "licenses"), i, v)
    {
        const json_t *s = v;
        if (a->type == TRO_TYPE_DATAPACKAGE) {
            s = json_object_get(v, "name");
            if (!json_is_string(s))
                s = json_object_get(v, "path");
            if (!json_is_string(s))
                s = json_object_get(v, "title");
        }
        if (json_is_string(s) && push(a, &m->licenses, s))
            return TRO_ENOMEM;
    }
    if (!take(a, json_object_get(a->meta, "url"), &m->url))
        return TRO_ENOMEM;
    return trop_vec_to_arena(&m->licenses, &a->mem);
}

/* The facts of a, from what its reader kept in a->meta. */
static int derive(tro_artifact *a)
{
    switch (a->type) {
    case TRO_TYPE_GGUF:
    case TRO_TYPE_SAFETENSORS:
    case TRO_TYPE_SAFETENSORS_INDEX:
    case TRO_TYPE_PYTORCH_INDEX:
    case TRO_TYPE_CONFIG:
    case TRO_TYPE_HDF5:
    case TRO_TYPE_LICENSE:
    case TRO_TYPE_MOF:
    case TRO_TYPE_CROISSANT:
    case TRO_TYPE_DATAPACKAGE:
        break;
    default:
        return 0;
    }
    trop_facts *f = trop_facts_get(a);
    if (!f)
        return TRO_ENOMEM;
    switch (a->type) {
    case TRO_TYPE_GGUF: return gguf(a, &f->u.gguf);
    case TRO_TYPE_SAFETENSORS: return safetensors(a, &f->u.safetensors);
    case TRO_TYPE_CONFIG:
        return take(a, json_object_get(a->meta, "quantization"), &f->u.config.quantization) &&
                       take(a, json_object_get(a->meta, "name_or_path"),
                            &f->u.config.name_or_path) &&
                       take(a, json_object_get(a->meta, "base_model"), &f->u.config.base_model)
                   ? 0
                   : TRO_ENOMEM;
    case TRO_TYPE_HDF5:
        f->u.hdf5.keras_model = json_is_true(json_object_get(a->meta, "model_config"));
        return 0;
    case TRO_TYPE_LICENSE:
        return take(a, json_object_get(a->meta, "text"), &f->u.license_file.text) ? 0
                                                                                   : TRO_ENOMEM;
    case TRO_TYPE_MOF: return mof(a, &f->u.mof);
    case TRO_TYPE_CROISSANT:
    case TRO_TYPE_DATAPACKAGE: return manifest(a, &f->u.manifest);
    default: return 0; /* shard indexes: their map is attached by safetensors/index.c */
    }
}

int trop_read(const tro_ctx *ctx, const trop_src *src, tro_artifact *a)
{
    trop_reader_fn reader = trop_reader_for(a->type);
    if (!reader)
        return 0;
    int rc = reader(ctx, src, a);
    if (rc == TRO_ENOMEM || rc == TRO_EIO)
        return rc;
    return derive(a) == TRO_ENOMEM ? TRO_ENOMEM : 0;
}

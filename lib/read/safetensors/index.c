/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Shard indexes: model.safetensors.index.json and pytorch_model.bin.index.json
 * map every tensor to the shard file that holds it. The reader records the
 * map; trop_release_crosscheck() (crosscheck.c) then checks it against the
 * shards present in the release.
 *
 * meta:
 *   total_size    metadata.total_size (by convention the sum of the tensor
 *                 bytes of all shards; some tools write the file sizes)
 *   tensor_count  entries in weight_map
 *   shard_count   distinct shard files named
 *   shards        [{"file": "model-00001-of-00002.safetensors",
 *                   "tensor_count": 291}, ...] sorted by file
 *   metadata      the other scalar members of "metadata" ("format": "pt")
 * The map itself is kept in a->aux as a trop_shard_map.
 *
 * Findings: index-bad-json, -too-deep, -bad-utf8, -duplicate-key (errors:
 * a duplicate tensor makes the map ambiguous), -not-object, -empty,
 * -too-large and -not-read (warning/info), -no-weight-map (error),
 * -bad-entry (error: a value that is not a file name), -bad-shard-name
 * (error: absolute, "..", "." or empty components, backslashes),
 * -bad-total-size (warning), -empty-map (warning), -more-findings (info).
 */
#include "../json/json.h"
#include "../readers.h"
#include "shards.h"

#include <stdlib.h>
#include <string.h>

#define META_STR_MAX 1024

const trop_shard_map *trop_shard_map_of(const tro_artifact *a)
{
    const trop_facts *f = trop_facts_of(a);
    return f && (f->type == TRO_TYPE_SAFETENSORS_INDEX || f->type == TRO_TYPE_PYTORCH_INDEX)
               ? f->u.index.map
               : NULL;
}

/* Why a shard file name cannot be resolved inside the release, or NULL. */
static const char *name_problem(const char *s)
{
    if (!*s)
        return "empty name";
    if (*s == '/')
        return "absolute path";
    if (strchr(s, '\\'))
        return "backslash in the name";
    for (const char *p = s;;) {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        if (len == 0)
            return "empty path component";
        if ((len == 1 && p[0] == '.') || (len == 2 && p[0] == '.' && p[1] == '.'))
            return "'.' or '..' component";
        if (!slash)
            return NULL;
        p = slash + 1;
    }
}


static int cmp_entry(const void *pa, const void *pb)
{
    return strcmp(((const trop_shard_entry *)pa)->name, ((const trop_shard_entry *)pb)->name);
}

/* Copies names and shard files into one pool; entries point into it. */
static int fill_map(trop_shard_map *m, const json_t *wm, size_t bytes, trop_arena *mem)
{
    char *p = m->pool = trop_arena_alloc(mem, bytes ? bytes : 1);
    char **files = malloc((m->n ? m->n : 1) * sizeof *files);
    if (!p || !files) {
        free(files);
        return TRO_ENOMEM;
    }
    const char *key;
    json_t *v;
    size_t i = 0;
    json_object_foreach((json_t *)wm, key, v) {
        if (!json_is_string(v))
            continue;
        size_t k = strlen(key) + 1, f = json_string_length(v) + 1;
        memcpy(p, key, k);
        m->entries[i].name = p;
        p += k;
        memcpy(p, json_string_value(v), f);
        files[i++] = p;
        p += f;
    }
    /* distinct files: sort a copy, keep each once */
    memcpy(m->shards, files, m->n * sizeof *files);
    if (m->n > 1)
        qsort(m->shards, m->n, sizeof *m->shards, trop_cmp_str);
    size_t u = 0;
    for (size_t j = 0; j < m->n; j++)
        if (u == 0 || strcmp(m->shards[u - 1], m->shards[j]) != 0)
            m->shards[u++] = m->shards[j];
    m->nshards = u;
    for (size_t j = 0; j < m->n; j++) {
        char **hit = bsearch(&files[j], m->shards, u, sizeof *m->shards, trop_cmp_str);
        m->entries[j].shard = (size_t)(hit - m->shards);
    }
    free(files);
    if (m->n > 1)
        qsort(m->entries, m->n, sizeof *m->entries, cmp_entry);
    return TRO_OK;
}

/* Unusable file names are dropped from shards; their entries get SIZE_MAX. */
static int drop_bad_names(tro_artifact *a, trop_shard_map *m, trop_json_budget *b)
{
    size_t *remap = malloc((m->nshards ? m->nshards : 1) * sizeof *remap);
    if (!remap)
        return TRO_ENOMEM;
    size_t u = 0;
    int rc = TRO_OK;
    for (size_t j = 0; j < m->nshards && !rc; j++) {
        const char *why = name_problem(m->shards[j]);
        remap[j] = why ? SIZE_MAX : u;
        if (why)
            rc = trop_json_budget_finding(a, b, TRO_SEVERITY_ERROR, "index-bad-shard-name", -1,
                                          "%s: shard file name '%s' cannot be resolved (%s)",
                                          a->path, m->shards[j], why);
        else
            m->shards[u++] = m->shards[j];
    }
    m->nshards = u;
    for (size_t j = 0; j < m->n; j++)
        m->entries[j].shard = remap[m->entries[j].shard];
    free(remap);
    return rc;
}

static int build_map(tro_artifact *a, const json_t *wm, trop_json_budget *b, trop_shard_map **out)
{
    size_t n = 0, bytes = 0;
    const char *key;
    json_t *v;
    int rc = TRO_OK;
    json_object_foreach((json_t *)wm, key, v) {
        if (!json_is_string(v)) {
            if ((rc = trop_json_budget_finding(a, b, TRO_SEVERITY_ERROR, "index-bad-entry", -1,
                                               "%s: weight_map value of '%s' is not a file name",
                                               a->path, key)))
                return rc;
            continue;
        }
        n++;
        bytes += strlen(key) + 1 + json_string_length(v) + 1;
    }
    /* in the artifact's arena: the map is part of its facts */
    trop_shard_map *m = trop_arena_alloc(&a->mem, sizeof *m);
    if (!m)
        return TRO_ENOMEM;
    m->magic = TROP_SHARD_MAP_MAGIC;
    m->n = n;
    m->entries = trop_arena_alloc(&a->mem, (n ? n : 1) * sizeof *m->entries);
    m->shards = trop_arena_alloc(&a->mem, (n ? n : 1) * sizeof *m->shards);
    if (!m->entries || !m->shards || (rc = fill_map(m, wm, bytes, &a->mem)) ||
        (rc = drop_bad_names(a, m, b)))
        return rc ? rc : TRO_ENOMEM;
    *out = m;
    return TRO_OK;
}

static int read_total(tro_artifact *a, const json_t *md, trop_shard_map *m)
{
    json_t *t = json_object_get(md, "total_size");
    if (!t)
        return TRO_OK;
    double d = json_is_real(t) ? json_real_value(t) : -1;
    if (trop_json_uint(t, &m->total_size)) {
        m->has_total = true;
    } else if (d >= 0 && d < 9.2e18 && d == (double)(uint64_t)d) {
        m->total_size = (uint64_t)d;
        m->has_total = true;
    } else {
        return trop_artifact_finding(a, TRO_SEVERITY_WARNING, "index-bad-total-size", -1,
                                     "%s: metadata.total_size is not a non-negative integer",
                                     a->path);
    }
    return trop_json_put(a->meta, "total_size", json_integer((json_int_t)m->total_size));
}

/* The other scalar members of "metadata", for the record. */
static int put_metadata(tro_artifact *a, const json_t *md)
{
    json_t *out = json_object();
    const char *key;
    json_t *v;
    int rc = out ? TRO_OK : TRO_ENOMEM;
    json_object_foreach((json_t *)md, key, v) {
        if (rc || strcmp(key, "total_size") == 0 || json_object_size(out) >= 64)
            continue;
        if (json_is_string(v))
            rc = trop_json_put(out, key, trop_json_text(json_string_value(v),
                                                        json_string_length(v), META_STR_MAX, NULL));
        else if (json_is_number(v) || json_is_boolean(v))
            rc = trop_json_put(out, key, json_incref(v));
    }
    if (!rc && json_object_size(out))
        return trop_json_put(a->meta, "metadata", out);
    json_decref(out);
    return rc;
}

static int put_shards(tro_artifact *a, const trop_shard_map *m)
{
    json_t *arr = json_array();
    size_t *count = calloc(m->nshards ? m->nshards : 1, sizeof *count);
    int rc = arr && count ? TRO_OK : TRO_ENOMEM;
    for (size_t i = 0; !rc && i < m->n; i++)
        if (m->entries[i].shard != SIZE_MAX)
            count[m->entries[i].shard]++;
    for (size_t j = 0; !rc && j < m->nshards; j++)
        rc = trop_json_push(arr, json_pack("{s:s,s:I}", "file", m->shards[j], "tensor_count",
                                           (json_int_t)count[j]));
    free(count);
    if (!rc)
        rc = trop_json_put(a->meta, "tensor_count", json_integer((json_int_t)m->n));
    if (!rc)
        rc = trop_json_put(a->meta, "shard_count", json_integer((json_int_t)m->nshards));
    if (!rc)
        return trop_json_put(a->meta, "shards", arr);
    json_decref(arr);
    return rc;
}

int trop_read_shard_index(const tro_ctx *ctx, const trop_src *src, tro_artifact *a)
{
    trop_json_opts o = {.prefix = "index", .dup_is_error = true, .allow_bom = true};
    trop_json_budget b = TROP_JSON_BUDGET_INIT(32);
    trop_shard_map *m = NULL;
    json_t *root = NULL;
    int rc = trop_json_load_object(ctx, src, a, &o, &root);
    if (rc || !root)
        goto done;
    json_t *wm = json_object_get(root, "weight_map");
    if (!json_is_object(wm)) {
        rc = trop_artifact_finding(a, TRO_SEVERITY_ERROR, "index-no-weight-map", -1,
                                   "%s: no \"weight_map\" object", a->path);
        goto done;
    }
    if ((rc = build_map(a, wm, &b, &m)))
        goto done;
    json_t *md = json_object_get(root, "metadata");
    if (json_is_object(md) && ((rc = read_total(a, md, m)) || (rc = put_metadata(a, md))))
        goto done;
    if (!m->n && (rc = trop_artifact_finding(a, TRO_SEVERITY_WARNING, "index-empty-map", -1,
                                             "%s: weight_map names no tensor", a->path)))
        goto done;
    if ((rc = put_shards(a, m)) || (rc = trop_json_budget_flush(a, &b, "index")))
        goto done;
    trop_facts *f = trop_facts_get(a);
    if (!f) {
        rc = TRO_ENOMEM;
        goto done;
    }
    f->u.index.map = m;
done:
    json_decref(root);
    return rc;
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Reader of Keras .keras files (TRO_TYPE_KERAS): a zip holding
 * metadata.json (the Keras version), config.json (the model: what
 * keras.models.load_model rebuilds, checked by config.c) and
 * model.weights.h5 (numbers only, not read). Nothing is extracted.
 *
 * Metadata (a->meta):
 *   "format"         "keras"
 *   "keras_version"  from metadata.json, or null
 *   "class_name"     the model's class (config.json), or null
 *   "layers", "lambda_layers", "custom_objects"  (config.c)
 *   "entries"        zip members read
 * Findings: keras-lambda, keras-custom-object (errors); keras-malformed
 * (error: no config.json, or a zip that cannot be read); keras-bad-json
 * and the other JSON findings of config.json; keras-scan-incomplete.
 */
#include "keras.h"
#include "../pytorch/pytorch.h"
#include "../readers.h"

#include <stdlib.h>
#include <string.h>

static const char LOADER[] = "keras.models.load_model";

/* Reads the current member whole (at most max bytes): 0 with *out (free())
 * and *len, TRO_ELIMIT when longer, TRO_EFORMAT when unreadable. */
static int slurp_member(trop_pt_walk *w, uint64_t max, char **out, size_t *len)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    *out = NULL;
    while (buf) {
        if (n == cap) {
            if (cap >= max) {
                free(buf);
                return TRO_ELIMIT;
            }
            size_t ncap = cap * 2 > max ? (size_t)max : cap * 2;
            char *nb = realloc(buf, ncap + 1);
            if (!nb)
                break;
            buf = nb;
            cap = ncap;
        }
        la_ssize_t r = archive_read_data(w->ar, buf + n, cap - n);
        if (r < 0) {
            free(buf);
            return w->in.err ? w->in.err : TRO_EFORMAT;
        }
        if (r == 0) {
            buf[n] = '\0';
            *out = buf;
            *len = n;
            return TRO_OK;
        }
        n += (size_t)r;
    }
    free(buf);
    return TRO_ENOMEM;
}

typedef struct keras_state {
    trop_keras_scan k;
    bool has_config;
    json_t *version, *class_name;
} keras_state;

static int member(trop_pt_walk *w, keras_state *ks, const char *raw)
{
    bool config = strcmp(raw, "config.json") == 0, meta = strcmp(raw, "metadata.json") == 0;
    if (!config && !meta)
        return TRO_OK;
    char *text;
    size_t len;
    int rc = slurp_member(w, w->ctx->limits.max_text_bytes, &text, &len);
    if (rc == TRO_ENOMEM || rc == TRO_EIO)
        return rc;
    if (rc)
        return trop_pkl_finding(&w->job, TRO_SEVERITY_ERROR,
                                rc == TRO_ELIMIT ? "keras-scan-incomplete" : "keras-malformed", -1,
                                "%s: %s %s; it was not checked", w->a->path, raw,
                                rc == TRO_ELIMIT ? "is larger than the limits allow, or only "
                                                   "partly available here"
                                                 : "cannot be read");
    if (config) {
        ks->has_config = true;
        json_t *cfg = NULL;
        trop_json_opts o = {.prefix = "keras", .allow_bom = true};
        rc = trop_json_parse(w->ctx, w->a, text, len, &o, &cfg);
        if (!rc && cfg) {
            json_t *cls = json_object_get(cfg, "class_name");
            if (json_is_string(cls) && !ks->class_name)
                ks->class_name = json_incref(cls);
            rc = trop_keras_check(&ks->k, cfg);
        }
        json_decref(cfg);
    } else {
        json_t *m = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
        json_t *v = json_object_get(m, "keras_version");
        if (json_is_string(v) && !ks->version)
            ks->version = json_incref(v);
        json_decref(m);
    }
    free(text);
    return rc;
}

static int walk(trop_pt_walk *w, keras_state *ks, const trop_src *src)
{
    struct archive_entry *e;
    int rc = trop_pt_open(w, src, true);
    while (!rc && (rc = trop_pt_next(w, &e)) == 1) {
        const char *raw = archive_entry_pathname(e);
        rc = 0;
        if (++w->entries > w->ctx->limits.max_entries) {
            rc = trop_pkl_finding(&w->job, TRO_SEVERITY_ERROR, "keras-scan-incomplete", -1,
                                  "%s: more than %llu members (limit); the rest were not checked",
                                  w->a->path, (unsigned long long)w->ctx->limits.max_entries);
            break;
        }
        if (raw && archive_entry_filetype(e) != AE_IFDIR)
            rc = member(w, ks, raw);
    }
    if (rc == TRO_EFORMAT)
        rc = 0;
    if (!rc && !ks->has_config && !w->stopped)
        rc = trop_pkl_finding(&w->job, TRO_SEVERITY_ERROR, "keras-malformed", -1,
                              "%s: there is no config.json; keras.models.load_model cannot "
                              "load this file",
                              w->a->path);
    return rc;
}

int trop_read_keras(const tro_ctx *ctx, const trop_src *src, tro_artifact *a)
{
    int rc;
    trop_pt_walk *w = trop_pt_walk_new(ctx, a, "keras", &rc);
    keras_state ks = {0};
    if (!w)
        return TRO_ENOMEM;
    trop_keras_init(&ks.k, a, LOADER, "config.json");
    if (!rc)
        rc = walk(w, &ks, src);
    json_t *m = a->meta;
    if (!rc && (json_object_set_new(m, "format", json_string("keras")) ||
                json_object_set(m, "keras_version", ks.version ? ks.version : json_null()) ||
                json_object_set(m, "class_name", ks.class_name ? ks.class_name : json_null()) ||
                json_object_set_new(m, "entries", json_integer((json_int_t)w->entries))))
        rc = TRO_ENOMEM;
    if (!rc)
        rc = trop_keras_meta(&ks.k, m);
    json_decref(ks.version);
    json_decref(ks.class_name);
    trop_pt_walk_free(w);
    return rc == TRO_EFORMAT ? TRO_OK : rc;
}

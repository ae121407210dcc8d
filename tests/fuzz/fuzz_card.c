/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The card reader (front matter + Markdown) on arbitrary bytes, as a model
 * card named README.md or as other Markdown (chosen by the size's parity,
 * so that seed inputs keep their meaning). The facts it keeps for the judge
 * (made with the front matter partly unbuilt) must agree with its metadata
 * (rendered from them, the front matter parsed in full): a difference is a
 * crash. */
#include "fuzz.h"

#include <string.h>

static void same_list(const trop_strs *facts, const json_t *meta)
{
    if (facts->n != json_array_size(meta))
        abort();
    for (size_t i = 0; i < facts->n; i++) {
        const json_t *v = json_array_get(meta, i);
        if (facts->v[i].n != json_string_length(v) ||
            memcmp(facts->v[i].s, json_string_value(v), facts->v[i].n))
            abort();
    }
}

static void same_string(const trop_str *facts, const json_t *meta)
{
    if ((facts->s == NULL) != (json_string_value(meta) == NULL))
        abort();
    if (facts->s && (facts->n != json_string_length(meta) ||
                     memcmp(facts->s, json_string_value(meta), facts->n)))
        abort();
}

static void agree(tro_type type, const char *name, const uint8_t *data, size_t size)
{
    tro_ctx *ctx;
    tro_release *rel = NULL;
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    o.threads = 1;
    if (tro_ctx_new(&ctx, &o, NULL))
        return;
    tro_artifact *a = tro_release_new(&rel, ctx, "fuzz") ? NULL : trop_release_add(rel, name, size);
    if (a) {
        a->type = type;
        trop_src src = {.name = name, .size = size, .fd = -1, .data = data, .avail = size};
        int rc = trop_read(ctx, &src, a);
        if (rc && rc != TRO_ENOMEM)
            abort();
        char *text = NULL;
        const trop_card_facts *c = trop_card_facts_of(a);
        json_t *meta = !rc && c && !tro_artifact_metadata(a, &text, NULL)
                           ? json_loads(text, 0, NULL)
                           : NULL;
        if (meta && c->body) {
            same_list(&c->license, json_object_get(meta, "license"));
            same_list(&c->datasets, json_object_get(meta, "datasets"));
            same_list(&c->base_model, json_object_get(meta, "base_model"));
            same_list(&c->arxiv, json_object_get(meta, "arxiv"));
            same_string(&c->license_name, json_object_get(meta, "license_name"));
            same_string(&c->license_link, json_object_get(meta, "license_link"));
            same_string(&c->base_model_relation, json_object_get(meta, "base_model_relation"));
            if (c->body->nsecs != json_array_size(json_object_get(meta, "sections")) ||
                c->body->nlinks != json_array_size(json_object_get(meta, "links")))
                abort();
        }
        json_decref(meta);
        tro_free(text);
    }
    tro_release_free(rel);
    tro_ctx_free(ctx);
}

TROF_ENTRY(card)
{
    tro_type type = size & 1 ? TRO_TYPE_MARKDOWN : TRO_TYPE_MODEL_CARD;
    const char *name = size & 1 ? "docs/notes.md" : "README.md";
    agree(type, name, data, size);
    return trof_run_reader(type, name, data, size);
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * config.json: the model configuration Hugging Face transformers (and
 * similar tools) ship next to the weights; adapter_config.json, an
 * adapter's (PEFT), is read the same way. It says which architecture the
 * weights are for, how big the model is, and sometimes which model it was
 * made from.
 *
 * meta:
 *   architectures         ["LlamaForCausalLM"]
 *   model_type            "llama"
 *   torch_dtype           "bfloat16" (newer files call it "dtype")
 *   transformers_version  "4.36.1"
 *   name_or_path          _name_or_path: the path or hub id the model was
 *                         loaded from when saved, often its base model
 *   base_model            base_model_name_or_path of an adapter's
 *                         adapter_config.json (PEFT): the model it adapts
 *   sizes                 {"hidden_size", "num_hidden_layers",
 *                          "num_attention_heads", "num_key_value_heads",
 *                          "intermediate_size", "vocab_size",
 *                          "max_position_embeddings", "num_experts",
 *                          "num_experts_per_tok", "head_dim"}, whichever are
 *                         present, under these names even when the file uses
 *                         an alias (n_embd, d_model, dim, n_layer, n_head,
 *                         n_positions, num_local_experts, n_routed_experts...)
 *   quantization          quantization_config.quant_method
 *   auto_map              {"AutoModelForCausalLM": "modelling_x.Y"}: the
 *                         model needs code shipped with it
 *   text_config           {"model_type", "sizes"} of the language model
 *                         inside a multimodal configuration
 *
 * Findings: config-bad-json, -too-deep, -bad-utf8, -not-object, -empty
 * (errors), -duplicate-key, -too-large, -bad-field (warnings), -not-read
 * (info).
 */
#include "../json/json.h"
#include "../readers.h"

#include <string.h>

#define STR_MAX 1024

/* Canonical size name, then the names configurations use for it. */
static const char *const sizes[][6] = {
    {"hidden_size", "hidden_size", "n_embd", "d_model", "dim", NULL},
    {"num_hidden_layers", "num_hidden_layers", "n_layer", "num_layers", "n_layers", NULL},
    {"num_attention_heads", "num_attention_heads", "n_head", "num_heads", "n_heads", NULL},
    {"num_key_value_heads", "num_key_value_heads", "n_kv_heads", "num_kv_heads",
     "multi_query_group_num", NULL},
    {"intermediate_size", "intermediate_size", "n_inner", "ffn_dim", "inter_dim", NULL},
    {"vocab_size", "vocab_size", "padded_vocab_size", NULL},
    {"max_position_embeddings", "max_position_embeddings", "n_positions", "n_ctx",
     "max_seq_len", NULL},
    {"num_experts", "num_local_experts", "n_routed_experts", "num_experts", NULL},
    {"num_experts_per_tok", "num_experts_per_tok", "n_activated_experts", NULL},
    {"head_dim", "head_dim", NULL},
};

static int bad_field(tro_artifact *a, const char *where, const char *key, const char *want)
{
    return trop_artifact_finding(a, TRO_SEVERITY_WARNING, "config-bad-field", -1,
                                 "%s: %s\"%s\" is not %s; ignored", a->path, where, key, want);
}

static int get_sizes(tro_artifact *a, const json_t *cfg, const char *where, json_t *out)
{
    int rc = TRO_OK;
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes && !rc; i++) {
        for (size_t k = 1; k < 6 && sizes[i][k]; k++) {
            json_t *v = json_object_get(cfg, sizes[i][k]);
            uint64_t n;
            if (!v || json_is_null(v))
                continue;
            if (!trop_json_uint(v, &n)) {
                rc = bad_field(a, where, sizes[i][k], "a non-negative integer");
                continue;
            }
            rc = trop_json_put(out, sizes[i][0], json_integer((json_int_t)n));
            break;
        }
    }
    return rc;
}

static int put_str(tro_artifact *a, json_t *dst, const json_t *cfg, const char *key,
                   const char *as)
{
    json_t *v = json_object_get(cfg, key);
    if (!v || json_is_null(v))
        return TRO_OK;
    if (!json_is_string(v))
        return bad_field(a, "", key, "a string");
    return trop_json_put(dst, as, trop_json_text(json_string_value(v), json_string_length(v),
                                                 STR_MAX, NULL));
}

static int put_architectures(tro_artifact *a, const json_t *cfg)
{
    json_t *v = json_object_get(cfg, "architectures");
    if (!v || json_is_null(v))
        return TRO_OK;
    json_t *arr = json_array();
    if (!arr)
        return TRO_ENOMEM;
    int rc = TRO_OK;
    if (json_is_string(v)) {
        rc = trop_json_push(arr, json_incref(v));
    } else if (json_is_array(v)) {
        size_t i;
        json_t *s;
        json_array_foreach(v, i, s) {
            if (rc || i >= 64)
                break;
            rc = json_is_string(s) ? trop_json_push(arr, json_incref(s))
                                   : bad_field(a, "", "architectures", "a list of strings");
        }
    } else {
        rc = bad_field(a, "", "architectures", "a list of strings");
    }
    if (!rc && json_array_size(arr))
        return trop_json_put(a->meta, "architectures", arr);
    json_decref(arr);
    return rc;
}

/* String values of an object (auto_map), bounded. */
static int put_string_map(tro_artifact *a, const json_t *cfg, const char *key)
{
    json_t *v = json_object_get(cfg, key);
    if (!json_is_object(v))
        return TRO_OK;
    json_t *out = json_object();
    const char *k;
    json_t *s;
    int rc = out ? TRO_OK : TRO_ENOMEM;
    json_object_foreach(v, k, s) {
        if (!rc && json_is_string(s) && json_object_size(out) < 64)
            rc = trop_json_put(out, k, trop_json_text(json_string_value(s), json_string_length(s),
                                                      STR_MAX, NULL));
    }
    if (!rc && json_object_size(out))
        return trop_json_put(a->meta, key, out);
    json_decref(out);
    return rc;
}

static int put_sizes(tro_artifact *a, const json_t *cfg, const char *where, json_t *dst)
{
    json_t *s = json_object();
    int rc = s ? get_sizes(a, cfg, where, s) : TRO_ENOMEM;
    if (!rc && json_object_size(s))
        return trop_json_put(dst, "sizes", s);
    json_decref(s);
    return rc;
}

static int put_text_config(tro_artifact *a, const json_t *cfg)
{
    json_t *tc = json_object_get(cfg, "text_config");
    if (!json_is_object(tc))
        return TRO_OK;
    json_t *out = json_object();
    int rc = out ? put_str(a, out, tc, "model_type", "model_type") : TRO_ENOMEM;
    if (!rc)
        rc = put_sizes(a, tc, "text_config.", out);
    if (!rc && json_object_size(out))
        return trop_json_put(a->meta, "text_config", out);
    json_decref(out);
    return rc;
}

static int extract(tro_artifact *a, const json_t *cfg)
{
    json_t *m = a->meta;
    int rc = put_architectures(a, cfg);
    if (!rc)
        rc = put_str(a, m, cfg, "model_type", "model_type");
    if (!rc)
        rc = put_str(a, m, cfg, json_object_get(cfg, "torch_dtype") ? "torch_dtype" : "dtype",
                     "torch_dtype");
    if (!rc)
        rc = put_str(a, m, cfg, "transformers_version", "transformers_version");
    if (!rc)
        rc = put_str(a, m, cfg, "_name_or_path", "name_or_path");
    if (!rc)
        rc = put_str(a, m, cfg, "base_model_name_or_path", "base_model");
    if (!rc)
        rc = put_sizes(a, cfg, "", m);
    json_t *q = json_object_get(cfg, "quantization_config");
    if (!rc && json_is_object(q))
        rc = put_str(a, m, q, "quant_method", "quantization");
    if (!rc)
        rc = put_string_map(a, cfg, "auto_map");
    if (!rc)
        rc = put_text_config(a, cfg);
    return rc;
}

int trop_read_config(const tro_ctx *ctx, const trop_src *src, tro_artifact *a)
{
    trop_json_opts o = {.prefix = "config", .allow_bom = true};
    json_t *root = NULL;
    int rc = trop_json_load_object(ctx, src, a, &o, &root);
    if (!rc && root)
        rc = extract(a, root);
    json_decref(root);
    return rc;
}

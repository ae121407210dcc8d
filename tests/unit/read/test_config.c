/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* config.json: every extracted field, size aliases of several model
 * families, wrong field types, and malformed or oversized JSON. */
#include "wtest.h"

static void read_cfg(wrun *r, const char *text)
{
    wt_read(r, TRO_TYPE_CONFIG, "config.json", text, strlen(text));
}

TRO_TEST(config_llama_style)
{
    wrun r;
    read_cfg(&r, "{\"architectures\":[\"LlamaForCausalLM\"],\"model_type\":\"llama\","
                 "\"torch_dtype\":\"bfloat16\",\"transformers_version\":\"4.36.1\","
                 "\"_name_or_path\":\"meta-llama/Llama-2-7b-hf\",\"hidden_size\":4096,"
                 "\"num_hidden_layers\":32,\"num_attention_heads\":32,\"num_key_value_heads\":8,"
                 "\"intermediate_size\":11008,\"vocab_size\":32000,"
                 "\"max_position_embeddings\":4096,\"head_dim\":128,\"rope_scaling\":null,"
                 "\"quantization_config\":{\"quant_method\":\"gptq\",\"bits\":4},"
                 "\"auto_map\":{\"AutoModelForCausalLM\":\"modeling_x.XForCausalLM\",\"n\":3}}");
    json_t *m = r.meta;
    CHECK_INT(tro_release_finding_count(r.rel), 0);
    CHECK_STR(wt_str(m, "architectures/0"), "LlamaForCausalLM");
    CHECK_INT(json_array_size(wt_at(m, "architectures")), 1);
    CHECK_STR(wt_str(m, "model_type"), "llama");
    CHECK_STR(wt_str(m, "torch_dtype"), "bfloat16");
    CHECK_STR(wt_str(m, "transformers_version"), "4.36.1");
    CHECK_STR(wt_str(m, "name_or_path"), "meta-llama/Llama-2-7b-hf");
    CHECK_INT(wt_int(m, "sizes/hidden_size"), 4096);
    CHECK_INT(wt_int(m, "sizes/num_hidden_layers"), 32);
    CHECK_INT(wt_int(m, "sizes/num_attention_heads"), 32);
    CHECK_INT(wt_int(m, "sizes/num_key_value_heads"), 8);
    CHECK_INT(wt_int(m, "sizes/intermediate_size"), 11008);
    CHECK_INT(wt_int(m, "sizes/vocab_size"), 32000);
    CHECK_INT(wt_int(m, "sizes/max_position_embeddings"), 4096);
    CHECK_INT(wt_int(m, "sizes/head_dim"), 128);
    CHECK_INT(json_object_size(wt_at(m, "sizes")), 8);
    CHECK_STR(wt_str(m, "quantization"), "gptq");
    CHECK_STR(wt_str(m, "auto_map/AutoModelForCausalLM"), "modeling_x.XForCausalLM");
    CHECK_INT(json_object_size(wt_at(m, "auto_map")), 1);
    CHECK(wt_at(m, "text_config") == NULL);
    wt_done(&r);
}

/* An adapter's configuration (PEFT): the model it adapts. */
TRO_TEST(config_adapter)
{
    wrun r;
    wt_read(&r, TRO_TYPE_CONFIG, "adapter_config.json",
            "{\"base_model_name_or_path\":\"huggyllama/llama-7b\",\"peft_type\":\"LORA\","
            "\"r\":8}",
            strlen("{\"base_model_name_or_path\":\"huggyllama/llama-7b\",\"peft_type\":"
                   "\"LORA\",\"r\":8}"));
    CHECK_INT(tro_release_finding_count(r.rel), 0);
    CHECK_STR(wt_str(r.meta, "base_model"), "huggyllama/llama-7b");
    CHECK(wt_at(r.meta, "name_or_path") == NULL);
    wt_done(&r);
}

TRO_TEST(config_aliases)
{
    wrun r;
    read_cfg(&r, "{\"model_type\":\"gpt2\",\"n_embd\":768,\"n_layer\":12,\"n_head\":12,"
                 "\"n_positions\":1024,\"n_ctx\":2048,\"vocab_size\":50257,\"dtype\":\"float32\"}");
    CHECK_INT(wt_int(r.meta, "sizes/hidden_size"), 768);
    CHECK_INT(wt_int(r.meta, "sizes/num_hidden_layers"), 12);
    CHECK_INT(wt_int(r.meta, "sizes/num_attention_heads"), 12);
    CHECK_INT(wt_int(r.meta, "sizes/max_position_embeddings"), 1024); /* first alias wins */
    CHECK_STR(wt_str(r.meta, "torch_dtype"), "float32");
    wt_done(&r);
    read_cfg(&r, "{\"dim\":7168,\"n_layers\":61,\"n_heads\":128,\"n_routed_experts\":256,"
                 "\"n_activated_experts\":8,\"inter_dim\":18432}");
    CHECK_INT(wt_int(r.meta, "sizes/hidden_size"), 7168);
    CHECK_INT(wt_int(r.meta, "sizes/num_hidden_layers"), 61);
    CHECK_INT(wt_int(r.meta, "sizes/num_attention_heads"), 128);
    CHECK_INT(wt_int(r.meta, "sizes/num_experts"), 256);
    CHECK_INT(wt_int(r.meta, "sizes/num_experts_per_tok"), 8);
    CHECK_INT(wt_int(r.meta, "sizes/intermediate_size"), 18432);
    wt_done(&r);
    read_cfg(&r, "{\"architectures\":\"LlavaForConditionalGeneration\",\"num_local_experts\":8,"
                 "\"text_config\":{\"model_type\":\"mistral\",\"hidden_size\":4096,"
                 "\"num_hidden_layers\":32}}");
    CHECK_STR(wt_str(r.meta, "architectures/0"), "LlavaForConditionalGeneration");
    CHECK_INT(wt_int(r.meta, "sizes/num_experts"), 8);
    CHECK_STR(wt_str(r.meta, "text_config/model_type"), "mistral");
    CHECK_INT(wt_int(r.meta, "text_config/sizes/hidden_size"), 4096);
    CHECK_INT(wt_int(r.meta, "text_config/sizes/num_hidden_layers"), 32);
    wt_done(&r);
}

TRO_TEST(config_bad_fields)
{
    wrun r;
    read_cfg(&r, "{\"hidden_size\":\"4096\",\"num_hidden_layers\":-2,\"vocab_size\":3.5,"
                 "\"model_type\":7,\"architectures\":[\"A\",5],\"num_attention_heads\":16}");
    CHECK_INT(wt_count(r.rel, "config-bad-field"), 5);
    CHECK_INT(wt_count_sev(r.rel, TRO_SEVERITY_WARNING), 5);
    CHECK_CONTAINS(tro_finding_message(wt_find(r.rel, "config-bad-field")), "config.json");
    CHECK(wt_at(r.meta, "sizes/hidden_size") == NULL);
    CHECK(wt_at(r.meta, "model_type") == NULL);
    CHECK_INT(wt_int(r.meta, "sizes/num_attention_heads"), 16);
    CHECK_STR(wt_str(r.meta, "architectures/0"), "A");
    wt_done(&r);
}

typedef struct ccase {
    const char *what, *text, *code;
    tro_severity sev;
} ccase;

static const ccase bad[] = {
    {"empty", "", "config-empty", TRO_SEVERITY_ERROR},
    {"blank", "  \n", "config-bad-json", TRO_SEVERITY_ERROR},
    {"cut", "{\"model_type\": \"llama\"", "config-bad-json", TRO_SEVERITY_ERROR},
    {"trailing comma", "{\"a\": 1,}", "config-bad-json", TRO_SEVERITY_ERROR},
    {"array", "[1]", "config-not-object", TRO_SEVERITY_ERROR},
    {"string", "\"llama\"", "config-not-object", TRO_SEVERITY_ERROR},
    {"invalid UTF-8", "{\"model_type\": \"ll\xe0\x80\x80ma\"}", "config-bad-utf8", TRO_SEVERITY_ERROR},
    {"NUL escape", "{\"model_type\": \"a\\u0000b\"}", "config-bad-json", TRO_SEVERITY_ERROR},
    {"deep", "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]"
             "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}", "config-too-deep",
     TRO_SEVERITY_ERROR},
    {"duplicate key", "{\"model_type\":\"a\",\"model_type\":\"b\"}", "config-duplicate-key",
     TRO_SEVERITY_WARNING},
};

TRO_TEST(config_malformed)
{
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        wrun r;
        read_cfg(&r, bad[i].text);
        const tro_finding *f = wt_find(r.rel, bad[i].code);
        if (!f) {
            fprintf(stderr, "case '%s': no %s\n", bad[i].what, bad[i].code);
            wt_dump(r.rel);
        }
        CHECK(f && tro_finding_severity(f) == bad[i].sev);
        CHECK_CONTAINS(f ? tro_finding_message(f) : NULL, "config.json");
        CHECK_INT(r.rc, 0);
        wt_done(&r);
    }
    /* duplicate keys: the last value wins, as in Python */
    wrun r;
    read_cfg(&r, "{\"model_type\":\"a\",\"model_type\":\"b\"}");
    CHECK_STR(wt_str(r.meta, "model_type"), "b");
    wt_done(&r);
    /* the error names line, column and byte */
    read_cfg(&r, "{\n  \"a\": 1,\n  \"b\": ?\n}");
    const tro_finding *f = wt_find(r.rel, "config-bad-json");
    CHECK_CONTAINS(f ? tro_finding_message(f) : NULL, "line 3");
    if (f && getenv("WT_VERBOSE"))
        wt_dump(r.rel);
    CHECK(f && tro_finding_offset(f) >= 19 && tro_finding_offset(f) <= 20);
    wt_done(&r);
    /* a byte order mark is skipped */
    read_cfg(&r, "\xEF\xBB\xBF{\"model_type\":\"bert\"}");
    CHECK_INT(tro_release_finding_count(r.rel), 0);
    CHECK_STR(wt_str(r.meta, "model_type"), "bert");
    wt_done(&r);
}

TRO_TEST(config_limits)
{
    const char *text = "{\"model_type\":\"llama\",\"hidden_size\":4096}";
    tro_limits small = {.max_text_bytes = 16};
    wrun r;
    wt_read_src(&r, &small, TRO_TYPE_CONFIG, "config.json", text, strlen(text), strlen(text));
    const tro_finding *f = wt_find(r.rel, "config-too-large");
    CHECK(f && tro_finding_severity(f) == TRO_SEVERITY_WARNING);
    CHECK_INT(json_object_size(r.meta), 0);
    wt_done(&r);
    wt_read_src(&r, NULL, TRO_TYPE_CONFIG, "config.json", text, strlen(text), 10);
    f = wt_find(r.rel, "config-not-read");
    CHECK(f && tro_finding_severity(f) == TRO_SEVERITY_INFO);
    wt_done(&r);
}

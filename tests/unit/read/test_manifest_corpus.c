/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Real inputs from the shared corpus (../shared/corpus/manifests; skipped
 * when absent): each file, added under its real name through the public
 * API, gets the right type and reads without error findings; shard indexes
 * are then completed with shards generated from their own weight_map, and
 * the cross-check must find nothing wrong. */
#include "wtest.h"

static char *dir;

static tro_release *add_file(tro_ctx *ctx, const char *file, const char *name, tro_type type)
{
    char *path = trop_asprintf("%s/%s", dir, file);
    size_t n;
    unsigned char *d = wt_slurp(path, &n);
    tro_release *rel;
    tro_release_new(&rel, ctx, file);
    CHECK(d != NULL);
    CHECK_INT(tro_release_add_buffer(rel, name, d ? d : (unsigned char *)"", d ? n : 0), 0);
    const tro_artifact *a = tro_release_find(rel, name);
    if (tro_artifact_type(a) != type)
        fprintf(stderr, "%s as %s: type %s\n", file, name, tro_type_name(tro_artifact_type(a)));
    CHECK_INT(tro_artifact_type(a), type);
    free(d);
    free(path);
    return rel;
}

static json_t *meta_of(tro_release *rel, const char *name)
{
    return json_loads(trt_meta(tro_release_find(rel, name)), 0, NULL);
}

/* Error findings other than the given code. */
static size_t errors_except(tro_release *rel, const char *code)
{
    size_t n = 0;
    for (size_t i = 0; i < tro_release_finding_count(rel); i++) {
        const tro_finding *f = tro_release_finding(rel, i);
        if (tro_finding_severity(f) == TRO_SEVERITY_ERROR &&
            (!code || strcmp(tro_finding_code(f), code) != 0)) {
            fprintf(stderr, "unexpected: %s: %s\n", tro_finding_code(f), tro_finding_message(f));
            n++;
        }
    }
    return n;
}

static void test_configs(tro_ctx *ctx)
{
    static const struct {
        const char *file, *model_type, *arch;
        long long hidden, layers, heads, experts;
    } cfgs[] = {
        {"mistral-7b-v0.1.config.json", "mistral", "MistralForCausalLM", 128, 8, 8, -999999},
        {"mixtral-8x7b-v0.1.config.json", "mixtral", "MixtralForCausalLM", 256, 8, 8, 64},
        {"lucie-7b.config.json", "llama", "LlamaForCausalLM", 4096, 32, 32, -999999},
        {"olmo-2-1124-13b.config.json", "olmo2", "Olmo2ForCausalLM", 5120, 40, 40, -999999},
        {"falcon-7b.config.json", "RefinedWebModel", "RWForCausalLM", 4544, 32, 71, -999999},
        {"deepseek-v3-671b.inference-config.json", "(missing)", "(missing)", 7168, 61, 128, 256},
    };
    for (size_t i = 0; i < sizeof cfgs / sizeof *cfgs; i++) {
        tro_release *rel = add_file(ctx, cfgs[i].file, "config.json", TRO_TYPE_CONFIG);
        json_t *m = meta_of(rel, "config.json");
        CHECK_INT(errors_except(rel, NULL), 0);
        CHECK_INT(wt_count_sev(rel, TRO_SEVERITY_WARNING), 0);
        CHECK_STR(wt_str(m, "model_type"), cfgs[i].model_type);
        CHECK_STR(wt_str(m, "architectures/0"), cfgs[i].arch);
        CHECK_INT(wt_int(m, "sizes/hidden_size"), cfgs[i].hidden);
        CHECK_INT(wt_int(m, "sizes/num_hidden_layers"), cfgs[i].layers);
        CHECK_INT(wt_int(m, "sizes/num_attention_heads"), cfgs[i].heads);
        CHECK_INT(wt_int(m, "sizes/num_experts"), cfgs[i].experts);
        json_decref(m);
        tro_release_free(rel);
    }
    /* under its real name the DeepSeek inference config is not a config.json */
    tro_release *rel = add_file(ctx, "deepseek-v3-671b.inference-config.json", "config_671B.json",
                                TRO_TYPE_OTHER);
    tro_release_free(rel);
    rel = add_file(ctx, "falcon-7b.config.json", "config.json", TRO_TYPE_CONFIG);
    json_t *m = meta_of(rel, "config.json");
    CHECK_STR(wt_str(m, "torch_dtype"), "bfloat16");
    CHECK_STR(wt_str(m, "transformers_version"), "4.27.4");
    CHECK_STR(wt_str(m, "auto_map/AutoModelForCausalLM"), "modelling_RW.RWForCausalLM");
    CHECK_INT(wt_int(m, "sizes/vocab_size"), 65024);
    json_decref(m);
    tro_release_free(rel);
}

/* A safetensors shard declaring exactly these tensors (F32[1] each). */
static void add_shard(tro_release *rel, const char *name, json_t *tensors)
{
    wbuf h = {0}, b = {0};
    wb_str(&h, "{");
    for (size_t i = 0; i < json_array_size(tensors); i++)
        wb_printf(&h, "%s\"%s\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[%zu,%zu]}",
                  i ? "," : "", json_string_value(json_array_get(tensors, i)), 4 * i, 4 * i + 4);
    wb_str(&h, "}");
    wb_safetensors(&b, (const char *)h.p, 4 * json_array_size(tensors));
    CHECK_INT(tro_release_add_buffer(rel, name, b.p, b.n), 0);
    wb_free(&h);
    wb_free(&b);
}

static void test_safetensors_index(tro_ctx *ctx, const char *file)
{
    tro_release *rel = add_file(ctx, file, "model.safetensors.index.json",
                                TRO_TYPE_SAFETENSORS_INDEX);
    char *path = trop_asprintf("%s/%s", dir, file);
    json_t *src = json_load_file(path, 0, NULL), *wm = json_object_get(src, "weight_map");
    json_t *byshard = json_object(), *m = meta_of(rel, "model.safetensors.index.json");
    const char *k;
    json_t *v;
    json_object_foreach(wm, k, v) {
        json_t *list = json_object_get(byshard, json_string_value(v));
        if (!list)
            json_object_set_new(byshard, json_string_value(v), list = json_array());
        json_array_append_new(list, json_string(k));
    }
    CHECK_INT(wt_int(m, "tensor_count"), json_object_size(wm));
    CHECK_INT(wt_int(m, "shard_count"), json_object_size(byshard));
    CHECK_INT(wt_int(m, "total_size"),
              json_integer_value(json_object_get(json_object_get(src, "metadata"), "total_size")));
    CHECK_INT(errors_except(rel, "index-missing-shard"), 0);
    CHECK_INT(wt_count(rel, "index-missing-shard"), json_object_size(byshard));
    json_object_foreach(byshard, k, v)
        add_shard(rel, k, v);
    CHECK_INT(errors_except(rel, NULL), 0);
    /* the generated shards are far smaller than the real total_size */
    CHECK_INT(wt_count(rel, "index-total-size-mismatch"), 1);
    printf("%s: %zu tensors in %zu shards cross-checked\n", file, json_object_size(wm),
           json_object_size(byshard));
    json_decref(m);
    json_decref(byshard);
    json_decref(src);
    free(path);
    tro_release_free(rel);
}

static void test_pytorch_index(tro_ctx *ctx)
{
    tro_release *rel = add_file(ctx, "falcon-7b.pytorch_model.bin.index.json",
                                "pytorch_model.bin.index.json", TRO_TYPE_PYTORCH_INDEX);
    json_t *m = meta_of(rel, "pytorch_model.bin.index.json");
    CHECK_INT(wt_int(m, "tensor_count"), 196);
    CHECK_INT(wt_int(m, "shard_count"), 2);
    CHECK_INT(wt_int(m, "total_size"), 14434379520ll);
    CHECK_INT(wt_count(rel, "index-missing-shard"), 2);
    json_decref(m);
    /* the real LFS pointer of shard 1 stands for it */
    char *path = trop_asprintf("%s/falcon-7b.pytorch_model-00001-of-00002.bin.lfs-pointer.txt", dir);
    size_t n;
    unsigned char *d = wt_slurp(path, &n);
    CHECK_INT(tro_release_add_buffer(rel, "pytorch_model-00001-of-00002.bin", d, n), 0);
    CHECK_INT(tro_artifact_type(tro_release_find(rel, "pytorch_model-00001-of-00002.bin")),
              TRO_TYPE_LFS_POINTER);
    CHECK_INT(wt_count(rel, "index-missing-shard"), 1);
    CHECK_CONTAINS(tro_finding_message(wt_find(rel, "index-missing-shard")), "00002-of-00002");
    CHECK_INT(errors_except(rel, "index-missing-shard"), 0);
    free(d);
    free(path);
    tro_release_free(rel);
}

static void test_croissant(tro_ctx *ctx)
{
    static const struct {
        const char *file, *license;
        size_t items;
        bool sha_ok;
    } files[] = {
        {"croissant-fashion-mnist.metadata.json", "mit", 2, true},
        {"croissant-gpt-3.metadata.json", "unknown", 2, false},
        {"croissant-bigcode-the-stack.metadata.json", "other", 2, false},
        {"croissant-huggingface-c4.metadata.json", "odc-by", 2, false},
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        tro_release *rel = add_file(ctx, files[i].file, "metadata.json", TRO_TYPE_CROISSANT);
        json_t *m = meta_of(rel, "metadata.json");
        CHECK_INT(errors_except(rel, NULL), 0);
        CHECK_STR(wt_str(m, "licenses/0"), files[i].license);
        CHECK_STR(wt_str(m, "conforms_to/0"), "http://mlcommons.org/croissant/1.0");
        CHECK_INT(wt_int(m, "distribution_count"), files[i].items);
        CHECK_STR(wt_str(m, "distribution/0/type"), "FileObject");
        CHECK_STR(wt_str(m, "distribution/1/type"), "FileSet");
        CHECK_STR(wt_str(m, "distribution/1/containedIn/0"), "repo");
        /* the placeholder "sha256" URL some generators write is flagged */
        CHECK_INT(wt_count(rel, "croissant-bad-sha256"), files[i].sha_ok ? 0 : 1);
        json_decref(m);
        tro_release_free(rel);
    }
}

static void test_datapackages(tro_ctx *ctx)
{
    tro_release *rel = add_file(ctx, "frictionless-datasets-country-codes.datapackage.json",
                                "datapackage.json", TRO_TYPE_DATAPACKAGE);
    json_t *m = meta_of(rel, "datapackage.json");
    CHECK_INT(errors_except(rel, NULL), 0);
    CHECK_STR(wt_str(m, "name"), "country-codes");
    CHECK_STR(wt_str(m, "licenses/0/name"), "ODC-PDDL-1.0");
    CHECK_STR(wt_str(m, "licenses/0/path"), "http://opendatacommons.org/licenses/pddl/1.0/");
    CHECK_STR(wt_str(m, "resources/0/paths/0"), "data/country-codes.csv");
    CHECK_INT(wt_int(m, "resource_count"), 1);
    json_decref(m);
    tro_release_free(rel);

    rel = add_file(ctx, "frictionless-datasets-gdp.datapackage.json", "datapackage.json",
                   TRO_TYPE_DATAPACKAGE);
    m = meta_of(rel, "datapackage.json");
    CHECK_INT(errors_except(rel, NULL), 0);
    CHECK_INT(tro_release_finding_count(rel), 0);
    CHECK_STR(wt_str(m, "name"), "gdp");
    CHECK_STR(wt_str(m, "licenses/0/title"),
              "Open Data Commons Public Domain Dedication and License v1.0");
    CHECK_STR(wt_str(m, "sources/0/title"), "World Bank and OECD");
    CHECK_INT(wt_int(m, "resource_count"), 2);
    CHECK_STR(wt_str(m, "resources/1/paths/0"), "data/gdp.csv");
    json_decref(m);
    tro_release_free(rel);
}

TRO_TEST(manifest_corpus)
{
    dir = wt_corpus("manifests");
    if (!dir) {
        TRO_SKIP("no shared corpus");
    }
    tro_ctx *ctx = wt_ctx_limits(NULL);
    test_configs(ctx);
    test_safetensors_index(ctx, "mistral-7b-v0.1.model.safetensors.index.json");
    test_safetensors_index(ctx, "mixtral-8x7b-v0.1.model.safetensors.index.json");
    test_safetensors_index(ctx, "olmo-2-1124-13b.model.safetensors.index.json");
    test_pytorch_index(ctx);
    test_croissant(ctx);
    test_datapackages(ctx);
    tro_ctx_free(ctx);
    free(dir);
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Shard indexes: the reader (valid and malformed indexes) and the release
 * cross-check, driven through tro_release_add_buffer() as a registry would:
 * shards present, missing, standing in as LFS pointers, declaring tensors
 * the index does not map or mapping them elsewhere. */
#include "wtest.h"
#include "safetensors/shards.h"

#include <time.h>

/* A safetensors shard of F32[1] tensors with these names. */
static void shard(wbuf *b, const char *const *names, size_t n)
{
    wbuf h = {0};
    wb_str(&h, "{");
    for (size_t i = 0; i < n; i++)
        wb_printf(&h, "%s\"%s\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[%zu,%zu]}",
                  i ? "," : "", names[i], 4 * i, 4 * i + 4);
    wb_str(&h, "}");
    wb_safetensors(b, (const char *)h.p, 4 * n);
    wb_free(&h);
}

static int add_shard(tro_release *rel, const char *path, const char *const *names, size_t n)
{
    wbuf b = {0};
    shard(&b, names, n);
    int rc = tro_release_add_buffer(rel, path, b.p, b.n);
    wb_free(&b);
    return rc;
}

static int add_text(tro_release *rel, const char *path, const char *text)
{
    return tro_release_add_buffer(rel, path, text, strlen(text));
}

static tro_release *new_rel(tro_ctx *ctx)
{
    tro_release *rel;
    if (tro_release_new(&rel, ctx, "idx"))
        abort();
    return rel;
}

#define IDX2 "{\"metadata\":{\"total_size\":16,\"format\":\"pt\"},\"weight_map\":{" \
             "\"a\":\"model-1.safetensors\",\"b\":\"model-1.safetensors\","      \
             "\"c\":\"model-2.safetensors\",\"e\":\"model-2.safetensors\"}}"

static void test_missing_then_present(tro_ctx *ctx)
{
    static const char *const s1[] = {"a", "b"}, *const s2[] = {"c", "d"};
    tro_release *rel = new_rel(ctx);
    CHECK_INT(add_text(rel, "model.safetensors.index.json", IDX2), 0);
    CHECK_INT(wt_count(rel, "index-missing-shard"), 2);
    const tro_finding *f = wt_find(rel, "index-missing-shard");
    CHECK(f && tro_finding_severity(f) == TRO_SEVERITY_ERROR);
    CHECK_STR(f ? tro_finding_path(f) : "", "model.safetensors.index.json");
    CHECK_CONTAINS(f ? tro_finding_message(f) : NULL, "model-1.safetensors");

    CHECK_INT(add_shard(rel, "model-1.safetensors", s1, 2), 0);
    CHECK_INT(wt_count(rel, "index-missing-shard"), 1);
    CHECK_INT(wt_count_sev(rel, TRO_SEVERITY_ERROR), 1);

    CHECK_INT(add_shard(rel, "model-2.safetensors", s2, 2), 0);
    CHECK_INT(wt_count(rel, "index-missing-shard"), 0);
    CHECK_INT(wt_count(rel, "index-tensor-unlisted"), 1);
    CHECK_CONTAINS(tro_finding_message(wt_find(rel, "index-tensor-unlisted")), "'d'");
    CHECK_INT(wt_count(rel, "index-tensor-missing"), 1);
    CHECK_CONTAINS(tro_finding_message(wt_find(rel, "index-tensor-missing")), "'e'");
    CHECK(wt_find(rel, "index-total-size-mismatch") == NULL); /* 4 tensors x 4 bytes = 16 */
    size_t n = tro_release_finding_count(rel);
    CHECK_INT(n, 2);

    /* idempotent: running it again changes nothing */
    CHECK_INT(trop_release_crosscheck(rel), 0);
    CHECK_INT(trop_release_crosscheck(rel), 0);
    CHECK_INT(tro_release_finding_count(rel), n);

    const tro_artifact *idx = tro_release_find(rel, "model.safetensors.index.json");
    json_t *m = json_loads(trt_meta(idx), 0, NULL);
    CHECK_INT(tro_artifact_type(idx), TRO_TYPE_SAFETENSORS_INDEX);
    CHECK_INT(wt_int(m, "total_size"), 16);
    CHECK_INT(wt_int(m, "tensor_count"), 4);
    CHECK_INT(wt_int(m, "shard_count"), 2);
    CHECK_STR(wt_str(m, "shards/0/file"), "model-1.safetensors");
    CHECK_INT(wt_int(m, "shards/0/tensor_count"), 2);
    CHECK_STR(wt_str(m, "shards/1/file"), "model-2.safetensors");
    CHECK_STR(wt_str(m, "metadata/format"), "pt");
    json_decref(m);
    tro_release_free(rel);
}

static void test_duplicate_and_wrong_shard(tro_ctx *ctx)
{
    static const char *const s1[] = {"a", "b", "c"}, *const s2[] = {"b"};
    tro_release *rel = new_rel(ctx);
    add_text(rel, "model.safetensors.index.json",
             "{\"weight_map\":{\"a\":\"s1.safetensors\",\"b\":\"s2.safetensors\","
             "\"c\":\"s2.safetensors\"}}");
    add_shard(rel, "s1.safetensors", s1, 3);
    add_shard(rel, "s2.safetensors", s2, 1);
    CHECK_INT(wt_count(rel, "index-tensor-duplicate"), 1);
    CHECK_CONTAINS(tro_finding_message(wt_find(rel, "index-tensor-duplicate")), "'b'");
    CHECK_INT(wt_count(rel, "index-tensor-wrong-shard"), 1);
    CHECK_CONTAINS(tro_finding_message(wt_find(rel, "index-tensor-wrong-shard")),
                   "'c' is mapped to 's2.safetensors' but declared by 's1.safetensors'");
    CHECK_INT(wt_count(rel, "index-tensor-missing"), 0);
    CHECK_INT(wt_count(rel, "index-tensor-unlisted"), 0);
    tro_release_free(rel);
}

static void test_total_size(tro_ctx *ctx)
{
    static const char *const s1[] = {"a", "b"};
    wbuf b = {0};
    shard(&b, s1, 2);
    size_t file = b.n;
    wb_free(&b);
    uint64_t totals[] = {8, 12, file};
    const char *want[] = {NULL, "index-total-size-mismatch", "index-total-size-file-sizes"};
    tro_severity sev[] = {0, TRO_SEVERITY_WARNING, TRO_SEVERITY_INFO};
    for (int i = 0; i < 3; i++) {
        tro_release *rel = new_rel(ctx);
        char idx[256];
        snprintf(idx, sizeof idx, "{\"metadata\":{\"total_size\":%llu},\"weight_map\":"
                 "{\"a\":\"m.safetensors\",\"b\":\"m.safetensors\"}}", (unsigned long long)totals[i]);
        add_text(rel, "model.safetensors.index.json", idx);
        add_shard(rel, "m.safetensors", s1, 2);
        if (!want[i]) {
            CHECK_INT(tro_release_finding_count(rel), 0);
        } else {
            const tro_finding *f = wt_find(rel, want[i]);
            CHECK(f && tro_finding_severity(f) == sev[i]);
            CHECK_INT(tro_release_finding_count(rel), 1);
        }
        tro_release_free(rel);
    }
}

/* An LFS pointer standing for a shard: present, but nothing to compare. */
static void test_lfs_pointer(tro_ctx *ctx)
{
    tro_release *rel = new_rel(ctx);
    add_text(rel, "model.safetensors.index.json",
             "{\"metadata\":{\"total_size\":999},\"weight_map\":{\"a\":\"m.safetensors\"}}");
    add_text(rel, "m.safetensors",
             "version https://git-lfs.github.com/spec/v1\n"
             "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
             "size 12345\n");
    CHECK_INT(tro_artifact_type(tro_release_find(rel, "m.safetensors")), TRO_TYPE_LFS_POINTER);
    CHECK(wt_find(rel, "index-missing-shard") == NULL);
    CHECK(wt_find(rel, "index-tensor-missing") == NULL);
    CHECK(wt_find(rel, "index-total-size-mismatch") == NULL);
    tro_release_free(rel);
}

static void test_folders_and_names(tro_ctx *ctx)
{
    static const char *const s1[] = {"a"};
    tro_release *rel = new_rel(ctx);
    add_shard(rel, "m.safetensors", s1, 1); /* at the root: not the one meant */
    add_text(rel, "sub/model.safetensors.index.json",
             "{\"weight_map\":{\"a\":\"m.safetensors\",\"b\":\"../m.safetensors\","
             "\"c\":\"/abs.safetensors\",\"d\":\"x//y.safetensors\",\"e\":\"w\\\\x.safetensors\"}}");
    CHECK_INT(wt_count(rel, "index-missing-shard"), 1);
    CHECK_CONTAINS(tro_finding_message(wt_find(rel, "index-missing-shard")), "'m.safetensors'");
    CHECK_INT(wt_count(rel, "index-bad-shard-name"), 4);
    add_shard(rel, "sub/m.safetensors", s1, 1);
    CHECK_INT(wt_count(rel, "index-missing-shard"), 0);
    CHECK_INT(wt_count(rel, "index-tensor-missing"), 0);
    tro_release_free(rel);
}

static void test_pytorch_index(tro_ctx *ctx)
{
    tro_release *rel = new_rel(ctx);
    add_text(rel, "pytorch_model.bin.index.json",
             "{\"metadata\":{\"total_size\":10},\"weight_map\":{\"a\":\"pytorch_model-1.bin\","
             "\"b\":\"pytorch_model-2.bin\"}}");
    add_text(rel, "pytorch_model-1.bin", "not really a checkpoint");
    CHECK_INT(tro_artifact_type(tro_release_find(rel, "pytorch_model.bin.index.json")),
              TRO_TYPE_PYTORCH_INDEX);
    CHECK_INT(wt_count(rel, "index-missing-shard"), 1);
    CHECK_CONTAINS(tro_finding_message(wt_find(rel, "index-missing-shard")), "pytorch_model-2.bin");
    CHECK_INT(tro_release_finding_count(rel), 1);
    tro_release_free(rel);
}

/* Fifty mismatches give twenty findings and one "... and 30 more". */
static void test_capped(tro_ctx *ctx)
{
    static const char *const s1[] = {"zz"};
    wbuf idx = {0};
    wb_str(&idx, "{\"weight_map\":{");
    for (int i = 0; i < 50; i++)
        wb_printf(&idx, "%s\"t%d\":\"m.safetensors\"", i ? "," : "", i);
    wb_str(&idx, "}}");
    tro_release *rel = new_rel(ctx);
    add_text(rel, "model.safetensors.index.json", (const char *)idx.p);
    add_shard(rel, "m.safetensors", s1, 1);
    CHECK_INT(wt_count(rel, "index-tensor-missing"), 21);
    CHECK_INT(wt_count(rel, "index-tensor-unlisted"), 1);
    bool more = false;
    for (size_t i = 0; i < tro_release_finding_count(rel); i++)
        more |= strstr(tro_finding_message(tro_release_finding(rel, i)), "30 more") != NULL;
    CHECK(more);
    tro_release_free(rel);
    wb_free(&idx);
}

typedef struct icase {
    const char *what, *text, *code;
    tro_severity sev;
} icase;

static const icase bad[] = {
    {"empty", "", "index-empty", TRO_SEVERITY_ERROR},
    {"not JSON", "{\"weight_map\": {", "index-bad-json", TRO_SEVERITY_ERROR},
    {"an array", "[{\"weight_map\":{}}]", "index-not-object", TRO_SEVERITY_ERROR},
    {"no weight_map", "{\"metadata\":{}}", "index-no-weight-map", TRO_SEVERITY_ERROR},
    {"weight_map not an object", "{\"weight_map\":[]}", "index-no-weight-map", TRO_SEVERITY_ERROR},
    {"number as file", "{\"weight_map\":{\"a\":1}}", "index-bad-entry", TRO_SEVERITY_ERROR},
    {"tensor twice", "{\"weight_map\":{\"a\":\"x\",\"a\":\"y\"}}", "index-duplicate-key",
     TRO_SEVERITY_ERROR},
    {"deep", "{\"m\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]"
             "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],\"weight_map\":{}}",
     "index-too-deep", TRO_SEVERITY_ERROR},
    {"total_size a string", "{\"metadata\":{\"total_size\":\"12\"},\"weight_map\":{\"a\":\"x\"}}",
     "index-bad-total-size", TRO_SEVERITY_WARNING},
    {"total_size negative", "{\"metadata\":{\"total_size\":-1},\"weight_map\":{\"a\":\"x\"}}",
     "index-bad-total-size", TRO_SEVERITY_WARNING},
    {"empty map", "{\"weight_map\":{}}", "index-empty-map", TRO_SEVERITY_WARNING},
    {"invalid UTF-8", "{\"weight_map\":{\"a\xc0\":\"x\"}}", "index-bad-utf8", TRO_SEVERITY_ERROR},
};

static void test_malformed(void)
{
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        wrun r;
        wt_read(&r, TRO_TYPE_SAFETENSORS_INDEX, "model.safetensors.index.json", bad[i].text,
                strlen(bad[i].text));
        const tro_finding *f = wt_find(r.rel, bad[i].code);
        if (!f) {
            fprintf(stderr, "case '%s': no %s\n", bad[i].what, bad[i].code);
            wt_dump(r.rel);
        }
        CHECK(f && tro_finding_severity(f) == bad[i].sev);
        CHECK_INT(r.rc, 0);
        wt_done(&r);
    }
    /* a byte order mark and a real-valued total are accepted */
    const char *ok = "\xEF\xBB\xBF{\"metadata\":{\"total_size\":1.6e1},\"weight_map\":{\"a\":\"x\"}}";
    wrun r;
    wt_read(&r, TRO_TYPE_SAFETENSORS_INDEX, "model.safetensors.index.json", ok, strlen(ok));
    CHECK_INT(tro_release_finding_count(r.rel), 0);
    CHECK_INT(wt_int(r.meta, "total_size"), 16);
    wt_done(&r);
}

/* 100,000 tensors in 10 shards: the cross-check must stay near-linear. */
static void test_scale(tro_ctx *ctx)
{
    enum { SHARDS = 10, PER = 10000 };
    wbuf idx = {0};
    wb_str(&idx, "{\"weight_map\":{");
    for (int s = 0; s < SHARDS; s++)
        for (int i = 0; i < PER; i++)
            wb_printf(&idx, "%s\"layers.%d.w%d\":\"m-%d.safetensors\"", s || i ? "," : "", s, i, s);
    wb_str(&idx, "}}");
    tro_release *rel = new_rel(ctx);
    add_text(rel, "model.safetensors.index.json", (const char *)idx.p);
    double spent = 0;
    char **names = malloc(PER * sizeof *names);
    for (int s = 0; s < SHARDS; s++) {
        for (int i = 0; i < PER; i++)
            names[i] = trop_asprintf("layers.%d.w%d", s, i);
        char path[64];
        snprintf(path, sizeof path, "m-%d.safetensors", s);
        /* shard 0 lacks its last tensor: exactly one finding expected */
        add_shard(rel, path, (const char *const *)names, s ? PER : PER - 1);
        for (int i = 0; i < PER; i++)
            free(names[i]);
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        trop_release_crosscheck(rel);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        spent = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    }
    free(names);
    printf("cross-check of %d tensors in %d shards: %.3f s\n", SHARDS * PER, SHARDS, spent);
    CHECK(spent < 2.0);
    const trop_shard_tensor_list *l =
        trop_shard_tensor_list_of(tro_release_find(rel, "m-9.safetensors"));
    CHECK(l && l->n == PER && l->valid);
    CHECK_INT(tro_release_finding_count(rel), 1);
    CHECK_CONTAINS(tro_finding_message(wt_find(rel, "index-tensor-missing")), "layers.0.w9999");
    tro_release_free(rel);
    wb_free(&idx);
}

TRO_TEST(index)
{
    tro_ctx *ctx = wt_ctx_limits(NULL);
    test_missing_then_present(ctx);
    test_duplicate_and_wrong_shard(ctx);
    test_total_size(ctx);
    test_lfs_pointer(ctx);
    test_folders_and_names(ctx);
    test_pytorch_index(ctx);
    test_capped(ctx);
    test_malformed();
    test_scale(ctx);
    tro_ctx_free(ctx);
}

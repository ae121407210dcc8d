/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The safetensors header reader: a valid file's every field, a table of
 * malformed headers (each must give its finding, at the right byte), raw
 * length-field cases, streamed prefixes, and a 4 GiB file read by its
 * header alone. Fixtures are written here, at test time. */
#include "wtest.h"
#include "readers.h"
#include "safetensors/shards.h"

#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#define ERR TRO_SEVERITY_ERROR
#define F32(off0, off1, shape) \
    "{\"dtype\":\"F32\",\"shape\":" shape ",\"data_offsets\":[" #off0 "," #off1 "]}"

typedef struct stcase {
    const char *what;
    const char *header;
    uint64_t data_len;
    const char *code;      /* expected finding; NULL: no finding at all */
    int64_t offset;        /* expected offset of that finding, -2 to skip, or
                            * -3: at the key "b", else -4: at the key "a" */
} stcase;

static const stcase cases[] = {
    {"valid, leading and trailing blanks", " \t\n{\"a\":" F32(0, 4, "[1]") "}\r ", 4, NULL, 0},
    {"no tensors", "{}", 0, NULL, 0},
    {"unknown dtype", "{\"a\":{\"dtype\":\"F12\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4,
     "safetensors-unknown-dtype", -4},
    {"dtype missing", "{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "safetensors-bad-tensor", -4},
    {"entry not an object", "{\"a\":5}", 0, "safetensors-bad-tensor", -4},
    {"negative dimension", "{\"a\":" F32(0, 4, "[-1]") "}", 4, "safetensors-bad-shape", -4},
    {"shape not an array", "{\"a\":" F32(0, 4, "3") "}", 4, "safetensors-bad-shape", -4},
    {"real dimension", "{\"a\":" F32(0, 4, "[1.0]") "}", 4, "safetensors-bad-shape", -4},
    {"offsets reversed", "{\"a\":" F32(4, 0, "[1]") "}", 4, "safetensors-bad-offsets", -4},
    {"three offsets", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", 4,
     "safetensors-bad-offsets", -4},
    {"offsets missing", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 0, "safetensors-bad-offsets", -4},
    {"negative offset", "{\"a\":" F32(-4, 0, "[1]") "}", 4, "safetensors-bad-offsets", -4},
    {"size mismatch", "{\"a\":" F32(0, 4, "[2]") "}", 4, "safetensors-size-mismatch", -4},
    {"gap", "{\"a\":" F32(0, 4, "[1]") ",\"b\":" F32(8, 12, "[1]") "}", 12,
     "safetensors-offset-gap", -3},
    {"overlap", "{\"b\":" F32(4, 8, "[1]") ",\"a\":" F32(0, 8, "[2]") "}", 8,
     "safetensors-offset-overlap", -3},
    {"gap at start", "{\"a\":" F32(4, 8, "[1]") "}", 8, "safetensors-offset-gap", -4},
    {"trailing bytes", "{\"a\":" F32(0, 4, "[1]") "}", 5, "safetensors-trailing-bytes", -2},
    {"data truncated", "{\"a\":" F32(0, 8, "[2]") "}", 4, "safetensors-truncated", -2},
    {"F4 not whole bytes", "{\"a\":{\"dtype\":\"F4\",\"shape\":[3],\"data_offsets\":[0,2]}}", 2,
     "safetensors-misaligned", -4},
    {"F6 not whole bytes", "{\"a\":{\"dtype\":\"F6_E2M3\",\"shape\":[3],\"data_offsets\":[0,2]}}",
     2, "safetensors-misaligned", -4},
    {"element count overflow", "{\"a\":" F32(0, 4, "[4294967296,4294967296,16]") "}", 4,
     "safetensors-overflow", -4},
    {"bit count overflow", "{\"a\":" F32(0, 4, "[4611686018427387904]") "}", 4,
     "safetensors-overflow", -4},
    {"metadata not an object", "{\"__metadata__\":5}", 0, "safetensors-bad-metadata", 9},
    {"metadata value not a string", "{\"__metadata__\":{\"a\":1}}", 0, "safetensors-bad-metadata", 9},
    {"duplicate tensor", "{\"a\":" F32(0, 4, "[1]") ",\"a\":" F32(0, 4, "[1]") "}", 4,
     "safetensors-duplicate-key", -2},
    {"duplicate metadata key", "{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}", 0,
     "safetensors-duplicate-key", -2},
    {"array header", "[1,2]", 0, "safetensors-not-object", 8},
    {"cut JSON", "{\"a\":", 0, "safetensors-bad-json", -2},
    {"offset past 2^63", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,"
                         "99999999999999999999]}}", 0, "safetensors-bad-json", -2},
    {"empty header", "", 0, "safetensors-empty", 8},
    {"nested too deep", "{\"__metadata__\":{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
                        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
                        "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}", 0, "safetensors-too-deep", -2},
};

static void run_case(const stcase *c)
{
    wbuf b = {0};
    wrun r;
    wb_safetensors(&b, c->header, c->data_len);
    wt_read(&r, TRO_TYPE_SAFETENSORS, "m.safetensors", b.p, b.n);
    CHECK_INT(r.rc, 0);
    if (!c->code) {
        CHECK_INT(tro_release_finding_count(r.rel), 0);
    } else {
        const tro_finding *f = wt_find(r.rel, c->code);
        if (!f) {
            fprintf(stderr, "case '%s': no %s; findings:\n", c->what, c->code);
            wt_dump(r.rel);
        }
        CHECK(f != NULL);
        CHECK_INT(tro_finding_severity(f), ERR);
        CHECK_CONTAINS(tro_finding_message(f), "m.safetensors");
        int64_t want = c->offset;
        if (want == -3 || want == -4)
            want = 8 + (strstr(c->header, want == -3 ? "\"b\"" : "\"a\"") - c->header);
        if (f && want != -2 && tro_finding_offset(f) != want)
            fprintf(stderr, "case '%s': offset %lld, expected %lld\n", c->what,
                    (long long)tro_finding_offset(f), (long long)want);
        CHECK(!f || want == -2 || tro_finding_offset(f) == want);
    }
    wt_done(&r);
    wb_free(&b);
}

/* Files whose first 8 bytes are the problem. */
static void check_raw(const char *what, const void *data, size_t n, const char *code,
                      int64_t offset, const tro_limits *limits)
{
    wrun r;
    wt_read_src(&r, limits, TRO_TYPE_SAFETENSORS, "raw.safetensors", data, n, n);
    const tro_finding *f = wt_find(r.rel, code);
    if (!f) {
        fprintf(stderr, "raw case '%s': no %s\n", what, code);
        wt_dump(r.rel);
    }
    CHECK(f != NULL);
    CHECK(!f || offset == -2 || tro_finding_offset(f) == offset);
    CHECK_INT(r.rc, 0);
    wt_done(&r);
}

static void test_raw(void)
{
    unsigned char b[64] = {0};
    check_raw("empty file", b, 0, "safetensors-too-small", 0, NULL);
    check_raw("7 bytes", b, 7, "safetensors-too-small", 0, NULL);
    memset(b, 0xff, 8);
    check_raw("length 2^64-1", b, 16, "safetensors-header-too-large", 0, NULL);
    memset(b, 0, 8);
    b[0] = 0x01, b[1] = 0xe1, b[2] = 0xf5, b[3] = 0x05; /* 100,000,001 */
    check_raw("length over 100 MB", b, 16, "safetensors-header-too-large", 0, NULL);
    memset(b, 0, 8);
    b[0] = 100;
    check_raw("length past the end", b, 20, "safetensors-bad-header-length", 0, NULL);
    b[0] = 20;
    tro_limits small = {.max_header_bytes = 16};
    check_raw("length over the configured limit", b, 40, "safetensors-header-too-large", 0, &small);
    memset(b, 0, sizeof b);
    b[0] = 8;
    memcpy(b + 8, "{\"a\xff\":1}", 8);
    check_raw("invalid UTF-8", b, 16, "safetensors-bad-utf8", 11, NULL);
    memcpy(b + 8, "{}\0\0\0\0\0\0", 8);
    check_raw("NUL padding", b, 16, "safetensors-bad-json", -2, NULL);
}

/* A streamed archive entry that kept fewer bytes than the header needs. */
static void test_prefix(void)
{
    wbuf b = {0};
    wb_safetensors(&b, "{\"a\":" F32(0, 4, "[1]") "}", 4);
    uint64_t avails[] = {0, 4, 8, b.n - 5};
    for (size_t i = 0; i < sizeof avails / sizeof *avails; i++) {
        wrun r;
        wt_read_src(&r, NULL, TRO_TYPE_SAFETENSORS, "p.safetensors", b.p, b.n, avails[i]);
        const tro_finding *f = wt_find(r.rel, "safetensors-header-unavailable");
        CHECK(f != NULL);
        CHECK_INT(tro_finding_severity(f), TRO_SEVERITY_INFO);
        CHECK_CONTAINS(tro_finding_message(f), "not available");
        CHECK_INT(tro_release_finding_count(r.rel), 1);
        wt_done(&r);
    }
    /* the header alone is enough: the data need not be there */
    wrun r;
    wt_read_src(&r, NULL, TRO_TYPE_SAFETENSORS, "p.safetensors", b.p, b.n, b.n - 4);
    CHECK_INT(tro_release_finding_count(r.rel), 0);
    CHECK_INT(wt_int(r.meta, "tensor_bytes"), 4);
    wt_done(&r);
    wb_free(&b);
}

static void test_valid(void)
{
    const char *h =
        "{\"__metadata__\":{\"format\":\"pt\",\"license\":\"apache-2.0\"},"
        "\"z\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[42,42]},"
        "\"b\":{\"dtype\":\"BF16\",\"shape\":[4],\"data_offsets\":[24,32]},"
        "\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
        "\"e\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[34,42]},"
        "\"c\":{\"dtype\":\"F4\",\"shape\":[4],\"data_offsets\":[32,34]}}        ";
    wbuf b = {0};
    wb_safetensors(&b, h, 42);
    wrun r;
    wt_read(&r, TRO_TYPE_SAFETENSORS, "model.safetensors", b.p, b.n);
    CHECK_INT(r.rc, 0);
    CHECK_INT(tro_release_finding_count(r.rel), 0);
    CHECK_INT(wt_int(r.meta, "header_bytes"), strlen(h));
    CHECK_INT(wt_int(r.meta, "tensor_count"), 5);
    CHECK_INT(wt_int(r.meta, "parameter_count"), 6 + 4 + 4 + 1 + 0);
    CHECK_INT(wt_int(r.meta, "tensor_bytes"), 42);
    CHECK_INT(json_object_size(wt_at(r.meta, "dtypes")), 5);
    CHECK_INT(wt_int(r.meta, "dtypes/F32"), 1);
    CHECK_INT(wt_int(r.meta, "dtypes/BF16"), 1);
    CHECK_INT(wt_int(r.meta, "dtypes/F4"), 1);
    CHECK_INT(wt_int(r.meta, "dtypes/I64"), 1);
    CHECK_INT(wt_int(r.meta, "dtypes/U8"), 1);
    CHECK_STR(wt_str(r.meta, "metadata/format"), "pt");
    CHECK_STR(wt_str(r.meta, "metadata/license"), "apache-2.0");
    CHECK(wt_at(r.meta, "metadata_cut") == NULL);
    CHECK(wt_at(r.meta, "tensors") == NULL); /* names stay out of meta */
    const trop_shard_tensor_list *l = trop_shard_tensor_list_of(r.a);
    CHECK(l != NULL);
    if (l) {
        CHECK_INT(l->n, 5);
        const char *want[] = {"a", "b", "c", "e", "z"};
        for (size_t i = 0; i < 5 && i < l->n; i++)
            CHECK_STR(l->names[i], want[i]);
        CHECK_INT(l->tensor_bytes, 42);
        CHECK(l->valid);
    }
    wt_done(&r);
    wb_free(&b);
}

/* Long metadata values are cut in meta, and say so. */
static void test_long_metadata(void)
{
    wbuf h = {0}, b = {0};
    wb_str(&h, "{\"__metadata__\":{\"big\":\"");
    for (int i = 0; i < 5000; i++)
        wb_str(&h, "x");
    wb_str(&h, "\",\"small\":\"s\"}}");
    wb_safetensors(&b, (const char *)h.p, 0);
    wrun r;
    wt_read(&r, TRO_TYPE_SAFETENSORS, "m.safetensors", b.p, b.n);
    CHECK_INT(tro_release_finding_count(r.rel), 0);
    CHECK_INT(strlen(wt_str(r.meta, "metadata/big")), 4096);
    CHECK_STR(wt_str(r.meta, "metadata/small"), "s");
    CHECK_STR(wt_str(r.meta, "metadata_cut/0"), "big");
    wt_done(&r);
    wb_free(&h);
    wb_free(&b);
}

/* A million bad tensors would make a million findings: they are capped. */
static void test_budget(void)
{
    wbuf h = {0}, b = {0};
    wb_str(&h, "{");
    for (int i = 0; i < 200; i++)
        wb_printf(&h, "%s\"t%d\":{\"dtype\":\"X\",\"shape\":[1],\"data_offsets\":[%d,%d]}",
                  i ? "," : "", i, i, i + 1);
    wb_str(&h, "}");
    wb_safetensors(&b, (const char *)h.p, 200);
    wrun r;
    wt_read(&r, TRO_TYPE_SAFETENSORS, "m.safetensors", b.p, b.n);
    CHECK_INT(wt_count(r.rel, "safetensors-unknown-dtype"), 32);
    const tro_finding *f = wt_find(r.rel, "safetensors-more-findings");
    CHECK(f != NULL);
    CHECK_CONTAINS(tro_finding_message(f), "168 further");
    wt_done(&r);
    wb_free(&h);
    wb_free(&b);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* 100,000 tensors (a 7 MB header), valid and then all with an unknown
 * dtype: both read in well under a second, the bad one with capped
 * findings that are not each located by a scan of the header. */
static void test_large_header(void)
{
    for (int broken = 0; broken <= 1; broken++) {
        wbuf h = {0}, b = {0};
        wb_str(&h, "{");
        for (int i = 0; i < 100000; i++)
            wb_printf(&h, "%s\"model.layers.%d.weight\":{\"dtype\":\"%s\",\"shape\":[2],"
                      "\"data_offsets\":[%d,%d]}", i ? "," : "", i, broken ? "X" : "BF16",
                      4 * i, 4 * i + 4);
        wb_str(&h, "}");
        wb_safetensors(&b, (const char *)h.p, 400000);
        double t0 = now();
        wrun r;
        wt_read(&r, TRO_TYPE_SAFETENSORS, "big.safetensors", b.p, b.n);
        double spent = now() - t0;
        printf("safetensors header of %zu bytes, 100000 %s tensors: %.3f s\n", h.n,
               broken ? "invalid" : "valid", spent);
        CHECK(spent < 15.0); /* quadratic work would take minutes */
        CHECK_INT(wt_int(r.meta, "tensor_count"), 100000);
        CHECK_INT(tro_release_finding_count(r.rel), broken ? 33 : 0);
        CHECK_INT(wt_int(r.meta, "parameter_count"), 200000);
        wt_done(&r);
        wb_free(&h);
        wb_free(&b);
    }
}

static long long rchar(void)
{
    FILE *f = fopen("/proc/self/io", "r");
    char line[128];
    long long v = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "rchar: %lld", &v) == 1)
            break;
    if (f)
        fclose(f);
    return v;
}

/* A 4 GiB safetensors (sparse) costs one header read, not 4 GiB. */
static void test_sparse_4gib(void)
{
    const char *h = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1073741824],"
                    "\"data_offsets\":[0,4294967296]}}";
    wbuf b = {0};
    wb_safetensors(&b, h, 0);
    uint64_t size = b.n + 4294967296ull;
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char *path = trop_asprintf("%s/tro-st-XXXXXX", tmp);
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0 || write(fd, b.p, b.n) != (ssize_t)b.n || ftruncate(fd, (off_t)size) != 0) {
        fprintf(stderr, "cannot make the sparse file %s\n", path);
        trt_failures++;
        goto done;
    }
    tro_ctx *ctx = wt_ctx_limits(NULL);
    tro_release *rel;
    tro_release_new(&rel, ctx, "sparse");
    tro_artifact *a = trop_release_add(rel, "big.safetensors", size);
    a->type = TRO_TYPE_SAFETENSORS;
    trop_src src = {.name = a->path, .size = size, .fd = fd};
    long long before = rchar();
    CHECK_INT(trop_read_safetensors(ctx, &src, a), 0);
    long long read = rchar() - before;
    printf("4 GiB safetensors: %lld bytes read\n", read);
    CHECK(before >= 0 && read < (1 << 20));
    CHECK_INT(tro_release_finding_count(rel), 0);
    CHECK_CONTAINS(trt_meta(a), "\"tensor_bytes\":4294967296");
    CHECK_CONTAINS(trt_meta(a), "\"parameter_count\":1073741824");
    tro_release_free(rel);
    /* and from memory holding nothing but the header */
    wrun r;
    wt_read_src(&r, NULL, TRO_TYPE_SAFETENSORS, "big.safetensors", b.p, size, b.n);
    CHECK_INT(tro_release_finding_count(r.rel), 0);
    CHECK_INT(wt_int(r.meta, "tensor_bytes"), 4294967296ll);
    wt_done(&r);
    tro_ctx_free(ctx);
done:
    if (fd >= 0)
        close(fd);
    unlink(path);
    free(path);
    wb_free(&b);
}

TRO_TEST(safetensors)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        run_case(&cases[i]);
    test_raw();
    test_prefix();
    test_valid();
    test_long_metadata();
    test_budget();
    test_sparse_4gib();
    test_large_header();
}

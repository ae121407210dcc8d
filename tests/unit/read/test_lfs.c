/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Git LFS pointers: well-formed ones (current and legacy spec URL, CRLF,
 * extension keys) and a table of malformed ones, each with its offset. */
#include "internal.h"
#include "readers.h"
#include "test.h"

#define OID "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393"
#define V1 "version https://git-lfs.github.com/spec/v1\n"

static tro_ctx *ctx;

/* Runs the reader on text; returns the release (the artifact is its first). */
static tro_release *read_ptr(const char *text, size_t len)
{
    tro_release *rel;
    if (tro_release_new(&rel, ctx, "t"))
        exit(99);
    tro_artifact *a = trop_release_add(rel, "model.bin", len);
    a->type = TRO_TYPE_LFS_POINTER;
    trop_src src = {
        .name = a->path, .size = len, .fd = -1, .data = (const unsigned char *)text, .avail = len};
    CHECK_INT(trop_read_lfs(ctx, &src, a), 0);
    CHECK_INT(trop_release_finish(rel), 0);
    return rel;
}

typedef struct good_case {
    const char *text;
    uint64_t size;
} good_case;

static const good_case good[] = {
    {V1 "oid sha256:" OID "\nsize 12345\n", 12345},
    {"version https://hawser.github.com/spec/v1\noid sha256:" OID "\nsize 0\n", 0},
    {V1 "ext-0-foo sha256:abc\noid sha256:" OID "\nsize 9223372036854775807\n",
     9223372036854775807ull},
    {"version https://git-lfs.github.com/spec/v1\r\noid sha256:" OID "\r\nsize 7\r\n", 7},
    {V1 "oid sha256:" OID "\nsize 42", 42}, /* no final newline */
};

static void test_good(void)
{
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        tro_release *rel = read_ptr(good[i].text, strlen(good[i].text));
        const tro_artifact *a = rel->arts[0];
        const char *oid = NULL;
        uint64_t size = 1;
        CHECK_INT(tro_artifact_lfs(a, &oid, &size), 1);
        CHECK_STR(oid, OID);
        CHECK_INT(size, good[i].size);
        char meta[200];
        snprintf(meta, sizeof meta, "{\"lfs\":{\"oid\":\"%s\",\"size\":%llu}}", OID,
                 (unsigned long long)good[i].size);
        CHECK_STR(trt_meta(a), meta);
        CHECK_INT(tro_release_finding_count(rel), 1);
        const tro_finding *f = tro_release_finding(rel, 0);
        CHECK_STR(tro_finding_code(f), "lfs-pointer");
        CHECK_INT(tro_finding_severity(f), TRO_SEVERITY_WARNING);
        CHECK_CONTAINS(tro_finding_message(f), "model.bin: content not present");
        CHECK_CONTAINS(tro_finding_message(f), "sha256 " OID);
        tro_release_free(rel);
    }
}

typedef struct bad_case {
    const char *text;
    size_t len; /* 0: strlen */
    int64_t offset;
    const char *why;
} bad_case;

static const bad_case bad[] = {
    {"", 0, 0, "empty pointer"},
    {V1, 0, 43, "no 'oid' line"},
    {V1 "oid sha256:" OID "\n", 0, 119, "no 'size' line"},
    {V1 "size 1\n", 0, 50, "no 'oid' line"},
    {"version https://git-lfs.github.com/spec/v2\noid sha256:" OID "\nsize 1\n", 0, 0,
     "unknown pointer version"},
    {"oid sha256:" OID "\n" V1 "size 1\n", 0, 0, "first line is not 'version'"},
    {V1 "oid sha1:0123456789abcdef0123456789abcdef01234567\nsize 1\n", 0, 43, "only SHA-256"},
    {V1 "oid sha256:4D7A214614AB2935C943F9E0FF69D22EADBB8F32B1258DAAA5E2CA24D17E2393\nsize 1\n", 0,
     43, "lowercase hex"},
    {V1 "oid sha256:4d7a\nsize 1\n", 0, 43, "not 64 hex digits"},
    {V1 "oid sha256:" OID "\nsize 18446744073709551616\n", 0, 119, "too large"},
    {V1 "oid sha256:" OID "\nsize 9223372036854775808\n", 0, 119, "too large"},
    {V1 "oid sha256:" OID "\nsize -1\n", 0, 119, "not a decimal number"},
    {V1 "oid sha256:" OID "\nsize 012\n", 0, 119, "leading zeros"},
    {V1 "oid sha256:" OID "\nsize \n", 0, 119, "not a decimal number"},
    {V1 "oid sha256:" OID "\nsize 1\nsize 2\n", 0, 126, "'size' appears twice"},
    {V1 "oid sha256:" OID "\noid sha256:" OID "\nsize 1\n", 0, 119, "'oid' appears twice"},
    {V1 V1 "oid sha256:" OID "\nsize 1\n", 0, 43, "'version' appears twice"},
    {V1 "\noid sha256:" OID "\nsize 1\n", 0, 43, "empty line"},
    {V1 "Oid sha256:" OID "\nsize 1\n", 0, 43, "key is not made of"},
    {V1 "oidsha256\nsize 1\n", 0, 43, "not 'key value'"},
    {V1 "oid sha256:" OID "\nsize 1\0\n", 127, 125, "NUL byte"},
    {V1 "oid sha256:" OID "\nsize 1\nx \xff\n", 0, 0, "not valid UTF-8"},
};

static void test_bad(void)
{
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const bad_case *c = &bad[i];
        tro_release *rel = read_ptr(c->text, c->len ? c->len : strlen(c->text));
        CHECK_INT(tro_artifact_lfs(rel->arts[0], NULL, NULL), 0);
        CHECK_STR(trt_meta(rel->arts[0]), "{}");
        CHECK_INT(tro_release_finding_count(rel), 1);
        const tro_finding *f = tro_release_finding(rel, 0);
        CHECK_STR(tro_finding_code(f), "lfs-pointer-malformed");
        CHECK_INT(tro_finding_offset(f), c->offset);
        CHECK_CONTAINS(tro_finding_message(f), c->why);
        char at[64];
        snprintf(at, sizeof at, "model.bin: malformed Git LFS pointer at byte %lld",
                 (long long)c->offset);
        CHECK_CONTAINS(tro_finding_message(f), at);
        if (!strstr(tro_finding_message(f), c->why) || tro_finding_offset(f) != c->offset)
            fprintf(stderr, "  case %zu: %s\n", i, tro_finding_message(f));
        tro_release_free(rel);
    }
}

/* Through the whole pipeline: detection picks the reader; big files and
 * files that merely start like a pointer are not read as one. */
static void test_pipeline(void)
{
    tro_release *rel;
    CHECK_INT(tro_release_new(&rel, ctx, "p"), 0);
    const char *ptr = V1 "oid sha256:" OID "\nsize 5\n";
    CHECK_INT(tro_release_add_buffer(rel, "w/model.safetensors", ptr, strlen(ptr)), 0);
    char big[2048];
    memset(big, 'x', sizeof big);
    memcpy(big, ptr, strlen(ptr));
    CHECK_INT(tro_release_add_buffer(rel, "big.txt", big, sizeof big), 0);
    const tro_artifact *a = tro_release_find(rel, "w/model.safetensors");
    CHECK_INT(tro_artifact_type(a), TRO_TYPE_LFS_POINTER);
    CHECK_INT(tro_artifact_lfs(a, NULL, NULL), 1);
    CHECK_INT(tro_artifact_lfs(tro_release_find(rel, "big.txt"), NULL, NULL), 0);
    CHECK_INT(tro_release_finding_count(rel), 1);
    CHECK_STR(tro_finding_path(tro_release_finding(rel, 0)), "w/model.safetensors");

    /* a prefix shorter than the pointer (a stream cut short): malformed */
    tro_artifact *b = trop_release_add(rel, "cut.bin", strlen(ptr));
    trop_src src = {.name = "cut.bin",
                    .size = strlen(ptr),
                    .fd = -1,
                    .data = (const unsigned char *)ptr,
                    .avail = 10};
    CHECK_INT(trop_read_lfs(ctx, &src, b), 0);
    CHECK_INT(b->is_lfs, 0);
    CHECK_INT(b->findings.n, 1);
    tro_release_free(rel);
}

TRO_TEST(lfs)
{
    if (tro_ctx_new(&ctx, NULL, NULL))
        TRO_FAIL("tro_ctx_new");
    test_good();
    test_bad();
    test_pipeline();
    tro_ctx_free(ctx);
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Releases built from memory (tro_release_add_buffer): duplicates refused
 * at any size, names escaped as a scan escapes them, the limit on
 * artifacts, and cross-checks that see shards added after their index.
 * Through the public API. How the time per buffer grows with the release
 * is measured by bench/bench_buffers, not here: a timed test fails on a
 * busy machine. */
#include <trulyopen.h>

#include "test.h"

static tro_ctx *ctx;

/* Adds n small buffers named f/0 ... f/(n-1). */
static void add_many(tro_release *rel, size_t n)
{
    char name[32];
    for (size_t i = 0; i < n; i++) {
        snprintf(name, sizeof name, "f/%zu", i);
        if (tro_release_add_buffer(rel, name, name, strlen(name)) != 0) {
            CHECK_STR(tro_release_last_error(rel), "");
            break;
        }
    }
}

static void test_duplicates(void)
{
    tro_release *rel;
    CHECK_INT(tro_release_new(&rel, ctx, "dups"), 0);
    add_many(rel, 100000);
    CHECK_INT(tro_release_artifact_count(rel), 100000);
    const char *again[] = {"f/0", "f/54321", "f/99999"};
    for (size_t i = 0; i < 3; i++) {
        CHECK_INT(tro_release_add_buffer(rel, again[i], "x", 1), TRO_EINVAL);
        CHECK_CONTAINS(tro_release_last_error(rel), "already in the release");
    }
    CHECK_INT(tro_release_artifact_count(rel), 100000);
    /* a name that is not UTF-8 is escaped as a scan escapes it: the escape
     * of one name is never another name */
    CHECK_INT(tro_release_add_buffer(rel, "g\xff", "x", 1), 0);
    CHECK_INT(tro_release_add_buffer(rel, "g\\xff", "x", 1), 0);
    CHECK_INT(tro_release_add_buffer(rel, "g\xff", "x", 1), TRO_EINVAL);
    CHECK(tro_release_find(rel, "g\\xff") != NULL);
    CHECK(tro_release_find(rel, "g\\\\xff") != NULL);
    CHECK_INT(tro_release_artifact_count(rel), 100002);
    tro_release_free(rel);

    /* the limit on artifacts holds for buffers too */
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    tro_ctx *small;
    o.limits.max_entries = 3;
    CHECK_INT(tro_ctx_new(&small, &o, NULL), 0);
    CHECK_INT(tro_release_new(&rel, small, "small"), 0);
    for (int i = 0; i < 3; i++)
        CHECK_INT(tro_release_add_buffer(rel, i == 0 ? "a" : i == 1 ? "b" : "c", "x", 1), 0);
    CHECK_INT(tro_release_add_buffer(rel, "d", "x", 1), TRO_ELIMIT);
    tro_release_free(rel);
    tro_ctx_free(small);
}

/* A shard index checked against shards added after it: the check waits
 * until the release is read, and sees them all. */
static void test_crosscheck(void)
{
    static const char index[] =
        "{\"weight_map\": {\"a\": \"model-1.safetensors\", \"b\": \"model-2.safetensors\"}}";
    tro_release *rel;
    CHECK_INT(tro_release_new(&rel, ctx, "shards"), 0);
    CHECK_INT(tro_release_add_buffer(rel, "model.safetensors.index.json", index, strlen(index)), 0);
    size_t missing = 0;
    for (size_t i = 0; i < tro_release_finding_count(rel); i++)
        missing += !strcmp(tro_finding_code(tro_release_finding(rel, i)), "index-missing-shard");
    CHECK_INT(missing, 2);
    add_many(rel, 1000);
    CHECK_INT(tro_release_add_buffer(rel, "model-1.safetensors", "", 0), 0);
    CHECK_INT(tro_release_add_buffer(rel, "model-2.safetensors", "", 0), 0);
    missing = 0;
    for (size_t i = 0; i < tro_release_finding_count(rel); i++)
        missing += !strcmp(tro_finding_code(tro_release_finding(rel, i)), "index-missing-shard");
    CHECK_INT(missing, 0);
    tro_release_free(rel);
}

TRO_TEST(buffer)
{
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    o.flags = TRO_SCAN_NO_HASH; /* what is measured is the release, not SHA-256 */
    if (tro_ctx_new(&ctx, &o, NULL))
        TRO_FAIL("tro_ctx_new");
    test_duplicates();
    test_crosscheck();
    tro_ctx_free(ctx);
}

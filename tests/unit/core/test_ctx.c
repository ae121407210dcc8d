/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Context, errors, versions, in-memory releases, artifacts and findings. */
#include <trulyopen.h>

#include "config.h"
#include "test.h"

TRO_TEST(ctx_version)
{
    CHECK_STR(tro_version_string(), TRO_VERSION_STRING);
    CHECK_INT(tro_version_number(), TRO_VERSION_NUMBER);
    /* the configure script's version and the header's must agree */
    CHECK_STR(PACKAGE_VERSION, TRO_VERSION_STRING);
    char buf[32];
    snprintf(buf, sizeof buf, "%d.%d.%d", TRO_VERSION_MAJOR, TRO_VERSION_MINOR,
             TRO_VERSION_PATCH);
    CHECK_STR(buf, TRO_VERSION_STRING);
}

TRO_TEST(ctx_strerror)
{
    CHECK_STR(tro_strerror(TRO_OK), "success");
    CHECK_STR(tro_strerror(TRO_ENOMEM), "out of memory");
    CHECK_STR(tro_strerror(-12345), "unknown error");
    for (int c = TRO_EACCESS; c < 0; c++)
        CHECK(strcmp(tro_strerror(c), "unknown error") != 0);
}

TRO_TEST(ctx_ctx)
{
    tro_ctx *ctx = NULL;
    tro_error err;
    CHECK_INT(tro_ctx_new(NULL, NULL, &err), TRO_EINVAL);
    CHECK_INT(err.code, TRO_EINVAL);

    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    o.version = 99;
    CHECK_INT(tro_ctx_new(&ctx, &o, &err), TRO_EVERSION);
    CHECK(ctx == NULL);
    CHECK_CONTAINS(err.message, "version 99");

    o = (tro_ctx_options)TRO_CTX_OPTIONS_INIT;
    o.ignore_count = 2;
    CHECK_INT(tro_ctx_new(&ctx, &o, NULL), TRO_EINVAL);

    const char *pats[] = {"*.tmp", "cache/"};
    o.ignore = pats;
    o.threads = 3;
    CHECK_INT(tro_ctx_new(&ctx, &o, &err), TRO_OK);
    CHECK_INT(tro_ctx_threads(ctx), 3);
    tro_ctx_free(ctx);

    CHECK_INT(tro_ctx_new(&ctx, NULL, NULL), TRO_OK);
    CHECK(tro_ctx_threads(ctx) >= 1);
    tro_ctx_free(ctx);
    tro_ctx_free(NULL);
}

TRO_TEST(ctx_buffers)
{
    tro_ctx *ctx;
    tro_release *rel;
    CHECK_INT(tro_ctx_new(&ctx, NULL, NULL), TRO_OK);
    CHECK_INT(tro_release_new(&rel, ctx, "mem"), TRO_OK);
    CHECK_STR(tro_release_name(rel), "mem");
    CHECK_STR(tro_release_last_error(rel), "");

    CHECK_INT(tro_release_add_buffer(rel, "b.txt", "abc", 3), TRO_OK);
    CHECK_INT(tro_release_add_buffer(rel, "a/README.md", "---\nlicense: mit\n---\n# Hi\n", 27), TRO_OK);
    CHECK_INT(tro_release_add_buffer(rel, "empty", "", 0), TRO_OK);

    /* names that would escape or collide are refused, with a message */
    CHECK_INT(tro_release_add_buffer(rel, "../x", "a", 1), TRO_EINVAL);
    CHECK_CONTAINS(tro_release_last_error(rel), "'..'");
    CHECK_INT(tro_release_add_buffer(rel, "/etc/passwd", "a", 1), TRO_EINVAL);
    CHECK_CONTAINS(tro_release_last_error(rel), "absolute");
    CHECK_INT(tro_release_add_buffer(rel, "b.txt", "a", 1), TRO_EINVAL);
    CHECK_CONTAINS(tro_release_last_error(rel), "already");
    CHECK_INT(tro_release_add_buffer(rel, "a//b", "a", 1), TRO_EINVAL);
    CHECK_INT(tro_release_add_buffer(rel, "", "a", 1), TRO_EINVAL);
    CHECK_INT(tro_release_add_buffer(rel, "x", NULL, 1), TRO_EINVAL);

    CHECK_INT(tro_release_artifact_count(rel), 3);
    /* sorted by path */
    CHECK_STR(tro_artifact_path(tro_release_artifact(rel, 0)), "a/README.md");
    CHECK_STR(tro_artifact_path(tro_release_artifact(rel, 1)), "b.txt");
    CHECK_STR(tro_artifact_path(tro_release_artifact(rel, 2)), "empty");
    CHECK(tro_release_artifact(rel, 3) == NULL);

    const tro_artifact *b = tro_release_find(rel, "b.txt");
    CHECK(b != NULL);
    CHECK_INT(tro_artifact_size(b), 3);
    CHECK_STR(tro_artifact_sha256(b),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK_STR(tro_artifact_sha256(tro_release_find(rel, "empty")),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK_INT(tro_artifact_type(b), TRO_TYPE_OTHER);
    CHECK_INT(tro_artifact_type(tro_release_find(rel, "a/README.md")), TRO_TYPE_MODEL_CARD);
    CHECK(tro_release_find(rel, "nope") == NULL);
    CHECK_INT(tro_artifact_lfs(b, NULL, NULL), 0);
    CHECK(trt_meta(b)[0] == '{');

    tro_release_free(rel);

    /* without hashing, no digest */
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    o.flags = TRO_SCAN_NO_HASH;
    tro_ctx *nh;
    CHECK_INT(tro_ctx_new(&nh, &o, NULL), TRO_OK);
    CHECK_INT(tro_release_new(&rel, nh, NULL), TRO_OK);
    CHECK_INT(tro_release_add_buffer(rel, "x", "abc", 3), TRO_OK);
    CHECK(tro_artifact_sha256(tro_release_artifact(rel, 0)) == NULL);
    tro_release_free(rel);
    tro_ctx_free(nh);

    /* limit on the number of artifacts */
    o = (tro_ctx_options)TRO_CTX_OPTIONS_INIT;
    o.limits.max_entries = 2;
    CHECK_INT(tro_ctx_new(&nh, &o, NULL), TRO_OK);
    CHECK_INT(tro_release_new(&rel, nh, NULL), TRO_OK);
    CHECK_INT(tro_release_add_buffer(rel, "1", "", 0), TRO_OK);
    CHECK_INT(tro_release_add_buffer(rel, "2", "", 0), TRO_OK);
    CHECK_INT(tro_release_add_buffer(rel, "3", "", 0), TRO_ELIMIT);
    tro_release_free(rel);
    tro_ctx_free(nh);

    CHECK_INT(tro_release_new(NULL, ctx, NULL), TRO_EINVAL);
    CHECK_INT(tro_release_add_buffer(NULL, "x", "", 0), TRO_EINVAL);
    tro_release_free(NULL);
    tro_ctx_free(ctx);
}

TRO_TEST(ctx_names)
{
    CHECK_STR(tro_type_name(TRO_TYPE_SAFETENSORS), "safetensors");
    CHECK_STR(tro_type_name(TRO_TYPE_MODEL_CARD), "model-card");
    CHECK_STR(tro_type_name((tro_type)999), "other");
    for (int t = 0; t < TRO_TYPE__COUNT; t++)
        CHECK(tro_type_name((tro_type)t) != NULL);
    CHECK_STR(tro_severity_name(TRO_SEVERITY_ERROR), "error");
    CHECK_STR(tro_severity_name(TRO_SEVERITY_WARNING), "warning");
    CHECK_STR(tro_severity_name(TRO_SEVERITY_INFO), "info");
}

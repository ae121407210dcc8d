/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The license file reader (lib/read/manifest/license_file.c). */
#include "read_test.h"

static const char *s_(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static long long i_(const json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

TRO_TEST(license_file)
{
    rt r;
    const char *mit = "MIT License\n\nCopyright (c) 2024 Someone\n\nPermission is hereby granted";
    json_t *m = rt_read(&r, TRO_TYPE_LICENSE, "LICENSE", mit, strlen(mit), NULL);
    CHECK_INT(r.rc, 0);
    CHECK_STR(s_(m, "text"), mit);
    CHECK_INT(i_(m, "bytes"), (long long)strlen(mit));
    CHECK_INT(i_(m, "lines"), 5);
    CHECK(json_is_false(json_object_get(m, "truncated")));
    CHECK(json_is_true(json_object_get(m, "utf8_valid")));
    CHECK_INT(rt_count(&r, NULL), 0);
    rt_free(&r);

    /* BOM dropped, CRLF kept */
    m = rt_read(&r, TRO_TYPE_LICENSE, "LICENCE.md", "\xEF\xBB\xBFGPL\r\nv3\r\n", 12, NULL);
    CHECK_STR(s_(m, "text"), "GPL\r\nv3\r\n");
    CHECK_INT(i_(m, "lines"), 2);
    CHECK_INT(i_(m, "bytes"), 12);
    rt_free(&r);

    /* invalid UTF-8: a lossy copy and a finding at the first bad byte */
    const char latin1[] = "Copyright \xA9 2024 Jos\xE9\n";
    m = rt_read(&r, TRO_TYPE_LICENSE, "COPYING", latin1, sizeof latin1 - 1, NULL);
    CHECK_STR(s_(m, "text"), "Copyright \xEF\xBF\xBD 2024 Jos\xEF\xBF\xBD\n");
    CHECK(json_is_false(json_object_get(m, "utf8_valid")));
    const tro_finding *f = rt_finding(&r, "license-invalid-utf8");
    CHECK(f && f->offset == 10 && f->severity == TRO_SEVERITY_WARNING);
    CHECK_CONTAINS(f ? f->message : NULL, "COPYING: invalid UTF-8 at byte 10");
    rt_free(&r);

    /* NUL bytes are kept */
    m = rt_read(&r, TRO_TYPE_LICENSE, "LICENSE", "a\0b", 3, NULL);
    CHECK_INT(json_string_length(json_object_get(m, "text")), 3);
    CHECK_INT(rt_count(&r, NULL), 0);
    rt_free(&r);

    /* empty */
    m = rt_read(&r, TRO_TYPE_LICENSE, "LICENSE", "", 0, NULL);
    CHECK_STR(s_(m, "text"), "");
    CHECK_INT(i_(m, "lines"), 0);
    CHECK(rt_finding(&r, "license-empty") != NULL);
    rt_free(&r);

    /* over the limit: truncated at a character boundary, with a finding */
    tro_limits lim = {0};
    lim.max_text_bytes = 10;
    m = rt_read(&r, TRO_TYPE_LICENSE, "LICENSE", "123456789\xC3\xA9xyz", 14, &lim);
    CHECK_STR(s_(m, "text"), "123456789");
    CHECK(json_is_true(json_object_get(m, "truncated")));
    CHECK_INT(i_(m, "bytes"), 14);
    f = rt_finding(&r, "license-too-large");
    CHECK(f && f->offset == 9);
    CHECK(rt_finding(&r, "license-invalid-utf8") == NULL);
    rt_free(&r);

    /* a length near 2^64 */
    m = rt_read_claimed(&r, TRO_TYPE_LICENSE, "LICENSE", "MIT", 3, UINT64_MAX);
    CHECK_INT(r.rc, 0);
    CHECK(rt_finding(&r, "license-too-large") != NULL);
    CHECK_STR(s_(m, "text"), "MIT");
    rt_free(&r);

    /* only a streamed prefix in memory */
    tro_ctx *ctx;
    tro_release *rel;
    CHECK_INT(tro_ctx_new(&ctx, NULL, NULL), 0);
    CHECK_INT(tro_release_new(&rel, ctx, "t"), 0);
    tro_artifact *a = trop_release_add(rel, "LICENSE", 100);
    trop_src src = {.name = "LICENSE", .size = 100, .fd = -1,
                    .data = (const unsigned char *)"MIT License", .avail = 11};
    CHECK_INT(trop_reader_for(TRO_TYPE_LICENSE)(ctx, &src, a), 0);
    CHECK_STR(s_(a->meta, "text"), "MIT License");
    CHECK(a->findings.n == 1 && strcmp(a->findings.v[0].code, "license-partial") == 0);
    tro_release_free(rel);
    tro_ctx_free(ctx);
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * A report's index (lib/report/index.c: the steps to pass, the licences of
 * each statement's expression) and its rendering in each format, with every
 * allocation failing in turn (failalloc.h): TRO_ENOMEM and nothing half
 * made, or the whole result. The report is synthetic (report_fixture.h):
 * a real check would go through libraries whose allocations ASan takes
 * over, which the interposed allocator must not free.
 */
#include "failalloc.h"
#include "report_fixture.h"
#include "test.h"

static tro_report *sample(void)
{
    trt_rep d = {.card = "README.md",
                 .criteria = trt_statuses("fail", "partial", "unknown"),
                 .licenses = json_pack(
                     "[o, o]", trt_license("README.md", "Apache-2.0 OR MIT", "permissive"),
                     trt_license("LICENSE", "LicenseRef-trulyopen-llama-2", "use-restricted")),
                 .findings = json_pack("[o]", trt_finding("error", "pickle-dangerous-global",
                                                          "model.bin", 9, "runs code")),
                 .artifacts = json_pack("[{s:s, s:s, s:i}]", "path", "model.bin", "type", "pytorch",
                                        "size", 10),
                 .mof_class = -1};
    return trt_report(&d);
}

static void index_oom(const tro_report *r)
{
    int enomem = 0, done = 0;
    for (long n = 0; n < 100000 && !done; n++) {
        tro_report t = {.jd = r->jd, .policy = -1};
        trt_fail_in = n;
        int rc = trop_report_index(&t);
        done = trt_fail_in > 0;
        trt_fail_in = -1;
        if (rc) {
            CHECK_INT(rc, TRO_ENOMEM);
            enomem++;
        } else {
            CHECK_INT(t.to_pass.n, r->to_pass.n);
            CHECK_INT(t.stmts[0].n, 2);
            CHECK_STR(t.stmts[0].lics[1].id, "MIT");
            CHECK_STR(t.stmts[1].lics[0].id, "LicenseRef-trulyopen-llama-2");
        }
        trop_vec_free(&t.to_pass); /* what tro_report_free() does */
        trop_arena_free(&t.texts);
    }
    CHECK(done && enomem >= 3);
    CHECK(r->to_pass.n >= 2);
}

static void render_oom(const tro_report *r)
{
    static const tro_format formats[] = {
        TRO_FORMAT_JSON, TRO_FORMAT_TEXT,      TRO_FORMAT_SARIF,   TRO_FORMAT_HTML,
        TRO_FORMAT_MARKDOWN, TRO_FORMAT_BADGE_SVG, TRO_FORMAT_SHIELDS};
    for (size_t k = 0; k < sizeof formats / sizeof formats[0]; k++) {
        tro_format f = formats[k];
        tro_render_options o = TRO_RENDER_OPTIONS_INIT;
        char *full = NULL, *out = NULL;
        int enomem = 0, done = 0;
        o.format = f;
        CHECK_INT(tro_report_render(r, &o, &full, NULL), TRO_OK);
        for (long n = 0; n < 100000 && !done; n++) {
            trt_fail_in = n;
            int rc = tro_report_render(r, &o, &out, NULL);
            done = trt_fail_in > 0;
            trt_fail_in = -1;
            if (rc) {
                CHECK_INT(rc, TRO_ENOMEM);
                CHECK(out == NULL);
                enomem++;
            } else {
                CHECK(out && full && !strcmp(out, full));
            }
            tro_free(out);
            out = NULL;
        }
        CHECK(done && enomem >= 1);
        tro_free(full);
    }
}

TRO_TEST(access_oom)
{
    tro_report *r = sample();
    index_oom(r);
    render_oom(r);
    tro_report_free(r);
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* tro_verify() on arbitrary text against a small fixed release (plain files
 * and an LFS pointer), then every difference it reports is read. */
#include "fuzz.h"

#include <string.h>

static const char *const files[][2] = {
    {"README.md", "---\nlicense: mit\n---\n# Model\n"},
    {"config.json", "{\"model_type\": \"x\"}"},
    {"weights/big.bin",
     "version https://git-lfs.github.com/spec/v1\n"
     "oid sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n"
     "size 3\n"},
    {"a", "abc"},
};

TROF_ENTRY(manifest)
{
    tro_ctx *ctx;
    tro_release *rel;
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    o.threads = 1;
    o.limits.max_entries = 1000;
    o.limits.max_depth = 32;
    if (tro_ctx_new(&ctx, &o, NULL))
        return 0;
    if (tro_release_new(&rel, ctx, "fuzz") == 0) {
        for (size_t i = 0; i < sizeof files / sizeof *files; i++)
            tro_release_add_buffer(rel, files[i][0], files[i][1], strlen(files[i][1]));
        tro_verify_result *res = NULL;
        tro_error err;
        int rc = tro_verify(rel, (const char *)data, size, &res, &err);
        if (rc == 0) {
            for (size_t i = 0; i < tro_verify_result_count(res); i++) {
                tro_diff_kind kind;
                const char *path, *detail;
                if (tro_verify_result_get(res, i, &kind, &path, &detail) != 0 ||
                    strlen(path) + strlen(detail) == (size_t)-1)
                    abort();
            }
        } else if (err.code != rc || !memchr(err.message, '\0', sizeof err.message) ||
                   err.offset > (int64_t)size) {
            abort();
        }
        tro_verify_result_free(res);
        tro_release_free(rel);
    }
    tro_ctx_free(ctx);
    return 0;
}

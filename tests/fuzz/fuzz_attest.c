/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* tro_attest_verify() on arbitrary envelopes against a small fixed release
 * and a fixed Ed25519 public key (its private key signed the seeds
 * corpus/attest/signed*; it signs nothing else), then everything the
 * answer holds is read. */
#include "fuzz.h"

#include <string.h>

static const char *const files[][2] = {
    {"README.md", "---\nlicense: mit\n---\n# Model\n"},
    {"config.json", "{\"model_type\": \"x\"}"},
    {"a", "abc"},
};

static const char pub[] = "-----BEGIN PUBLIC KEY-----\n"
                          "MCowBQYDK2VwAyEAb6NT8H6VThheafLwK4XA0zVcDYoHLEu2bEpaWzfTBjY=\n"
                          "-----END PUBLIC KEY-----\n";

static void touch(const tro_attestation *a)
{
    const char *p = tro_attestation_predicate(a), *t = tro_attestation_predicate_type(a);
    if ((p && !tro_attestation_signature_ok(a)) || (t && strlen(t) == (size_t)-1))
        abort();
    for (size_t i = 0; i < tro_attestation_difference_count(a); i++) {
        tro_diff_kind kind;
        const char *path, *detail;
        if (tro_attestation_difference(a, i, &kind, &path, &detail) != 0 || kind > TRO_DIFF_CHANGED ||
            strlen(path) + strlen(detail) == (size_t)-1)
            abort();
    }
}

TROF_ENTRY(attest)
{
    tro_ctx *ctx;
    tro_release *rel;
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    o.threads = 1;
    o.limits.max_entries = 1000;
    if (tro_ctx_new(&ctx, &o, NULL))
        return 0;
    if (tro_release_new(&rel, ctx, "fuzz") == 0) {
        for (size_t i = 0; i < sizeof files / sizeof *files; i++)
            tro_release_add_buffer(rel, files[i][0], files[i][1], strlen(files[i][1]));
        tro_attestation *a = NULL;
        tro_error err;
        int rc = tro_attest_verify(rel, (const char *)data, size, pub, sizeof pub - 1, &a, &err);
        if (rc == 0)
            touch(a);
        else if (a || err.code != rc || !memchr(err.message, '\0', sizeof err.message) ||
                 err.offset > (int64_t)size)
            abort();
        tro_attestation_free(a);
        tro_release_free(rel);
    }
    tro_ctx_free(ctx);
    return 0;
}

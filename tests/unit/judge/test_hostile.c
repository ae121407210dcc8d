/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The judge on hostile cards: each a short unit repeated to 1 MiB, the
 * shapes that would make a rule scan a block once per link, per sentence or
 * per table row (links with training words, citation entries, table rows,
 * family names, a sentence without end). Each must be judged, in bounded
 * time: a quadratic rule takes minutes on these. */
#include "test.h"

#include <time.h>

static const struct {
    const char *head, *unit;
} units[] = {
    {"# M\n\n", "[code](https://github.com/o/r) trained with this training code "},
    {"# M\n\n", "- **Repository:** https://github.com/o/r/blob/main/configs/m.yml\n"},
    {"# M\n\n| Model | Tokens | LR |\n|---|---|---|\n", "| M 7B | 2T | 3e-4 |\n"},
    {"# M\n\n<table>\n", "<tr><td>M</td><td>7B</td><td>8k</td></tr>\n"},
    {"# M\n\n## Citation\n\n```\n", "@misc{a, eprint={2401.00001}, title={M 7B}}\n"},
    {"# M\n\n", "trained on 2T tokens with a batch size of 4 and a learning rate of 3e-4 "},
    {"# M\n\n", "fine-tuned from meta-llama/Llama-2-7b-hf and Llama 2 "},
    {"# M\n\n", "licensed under the [Apache 2.0 license](https://www.apache.org/licenses/LICENSE-2.0) "},
    {"# M\n\n", "[paper](https://arxiv.org/abs/2401.00001) "},
    {"# M\n\n## Training\n\n", "AdamW bf16 2048 "},
    {"---\nextra_gated_prompt: |\n", "  you agree to the terms. you must abide by them.\n"},
    {"# M\n\n", "](]("},
};

TRO_TEST(hostile)
{
    tro_ctx *ctx = NULL;
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    o.threads = 1;
    CHECK_INT(tro_ctx_new(&ctx, &o, NULL), TRO_OK);
    size_t n = 1 << 20;
    char *buf = malloc(n + 1);
    for (size_t u = 0; buf && u < sizeof units / sizeof *units; u++) {
        size_t hl = strlen(units[u].head), ul = strlen(units[u].unit), k = 0;
        memcpy(buf, units[u].head, hl);
        for (k = hl; k + ul <= n; k += ul)
            memcpy(buf + k, units[u].unit, ul);
        tro_release *rel = NULL;
        tro_report *r = NULL;
        CHECK_INT(tro_release_new(&rel, ctx, "o/m-7b"), TRO_OK);
        CHECK_INT(tro_release_add_buffer(rel, "README.md", buf, k), TRO_OK);
        clock_t t0 = clock();
        CHECK_INT(tro_check(ctx, rel, NULL, &r, NULL), TRO_OK);
        char *json = NULL;
        CHECK_INT(r ? tro_report_json(r, &json, NULL) : -1, TRO_OK);
        double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
        /* generous for sanitizer builds */
        CHECK(secs < 10.0);
        if (secs >= 10.0)
            fprintf(stderr, "  unit %zu ('%s') took %.1f s\n", u, units[u].unit, secs);
        tro_free(json);
        tro_report_free(r);
        tro_release_free(rel);
    }
    free(buf);
    tro_ctx_free(ctx);
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The built-in table of training datasets (data/datasets.tsv): lookup by Hub
 * id, and the datasets that prose names, with the false hits it must avoid. */
#include "builtin.h"
#include "test.h"

#include <stdbool.h>

/* A dataset expected in prose: the row's id, or its label when it has none. */
typedef struct expect {
    const char *row;
    size_t offset, len;
} expect;

typedef struct prose_case {
    const char *text;
    expect want[4]; /* ended by a NULL row */
} prose_case;

static const prose_case prose_cases[] = {
    /* what cards write */
    {"trained on RefinedWeb and The Pile.",
     {{"tiiuae/falcon-refinedweb", 11, 10}, {"EleutherAI/pile", 26, 8}}},
    {"We use the Pile, C4 and mC4.",
     {{"EleutherAI/pile", 7, 8}, {"allenai/c4", 17, 2}, {"mc4", 24, 3}}},
    {"pretrained on FineWeb-Edu", {{"HuggingFaceFW/fineweb-edu", 14, 11}}},
    {"FineWeb, then FineWeb Edu",
     {{"HuggingFaceFW/fineweb", 0, 7}, {"HuggingFaceFW/fineweb-edu", 14, 11}}},
    {"see huggingface.co/datasets/HuggingFaceFW/fineweb-edu for details",
     {{"HuggingFaceFW/fineweb-edu", 28, 25}}},
    {"The\n  Pile", {{"EleutherAI/pile", 0, 10}}},
    {"data: allenai/dolma.", {{"allenai/dolma", 6, 13}}},
    {"DOLMA v1.7", {{"allenai/dolma", 0, 5}}},
    {"SlimPajama-627B (Cerebras)", {{"cerebras/SlimPajama-627B", 0, 15}}},
    {"RedPajama v2 and RedPajama",
     {{"togethercomputer/RedPajama-Data-V2", 0, 12},
      {"togethercomputer/RedPajama-Data-1T", 17, 9}}},
    {"code from the Stack v2 and The Stack",
     {{"bigcode/the-stack-v2", 10, 12}, {"bigcode/the-stack", 27, 9}}},
    {"UltraFeedback Binarized, not UltraFeedback",
     {{"HuggingFaceH4/ultrafeedback_binarized", 0, 23}, {"openbmb/UltraFeedback", 29, 13}}},
    {"(Books3)", {{"the_pile_books3", 1, 6}}},
    {"Pile of Law", {{"pile-of-law/pile-of-law", 0, 11}}},
    {"evaluated on MMLU, HellaSwag and GSM8K",
     {{"cais/mmlu", 13, 4}, {"Rowan/hellaswag", 19, 9}, {"openai/gsm8k", 33, 5}}},
    {"ARC-Challenge; ARC", {{"allenai/ai2_arc", 0, 13}, {"allenai/ai2_arc", 15, 3}}},
    {"pairs from LAION-2B (en)", {{"laion/laion2B-en", 11, 8}}},
    {"Python-Edu and Cosmopedia v2", {{"Python-Edu", 0, 10}, {"Cosmopedia v2", 15, 13}}},
    {"Common  Crawl", {{"Common Crawl", 0, 13}}},
    {"a link to https://laion.ai/blog/laion-5b/", {{"LAION-5B", 32, 8}}},
    /* ordinary words, other names, links: nothing */
    {"a pile of papers, piled up; Piles", {{NULL, 0, 0}}},
    {"c4 instances and C4AI Command R", {{NULL, 0, 0}}},
    {"C4.5 decision trees, mC4-derived text", {{NULL, 0, 0}}},
    {"RedPajama-INCITE-7B-Base", {{NULL, 0, 0}}},
    {"HuggingFaceFW/fineweb-edu-llama3-annotations", {{NULL, 0, 0}}},
    {"code: https://github.com/allenai/dolma and github.com/EleutherAI/the-pile", {{NULL, 0, 0}}},
    {"en.wikipedia.org/wiki/Alpaca, an alpaca farm", {{NULL, 0, 0}}},
    {"arXiv:2101.00027 and arxiv.org/abs/2402.00159", {{NULL, 0, 0}}},
    {"OpenWebText2, arc, the stack of plates", {{NULL, 0, 0}}},
    {"RedPajama-INCITE", {{NULL, 0, 0}}},
    {"", {{NULL, 0, 0}}},
};

static const char *row_key(const trop_builtin_dataset *d)
{
    return d->id ? d->id : d->label;
}

static void check_prose(const prose_case *c)
{
    trop_ds_match m[8];
    size_t n = trop_builtin_datasets_in(c->text, strlen(c->text), m, 8);
    size_t want = 0;
    while (want < 4 && c->want[want].row)
        want++;
    if (n != want)
        fprintf(stderr, "prose \"%s\": %zu matches, expected %zu\n", c->text, n, want);
    CHECK_INT(n, want);
    for (size_t i = 0; i < n && i < want; i++) {
        CHECK_STR(row_key(m[i].ds), c->want[i].row);
        CHECK_INT(m[i].offset, c->want[i].offset);
        CHECK_INT(m[i].len, c->want[i].len);
    }
}

/* The text need not end where the name does: n bounds it. */
static void check_bounds(void)
{
    trop_ds_match m[2];
    CHECK_INT(trop_builtin_datasets_in("C4X", 2, m, 2), 1);
    CHECK_STR(m[0].ds->id, "allenai/c4");
    CHECK_INT(trop_builtin_datasets_in("C4X", 3, m, 2), 0);
    CHECK_INT(trop_builtin_datasets_in("The Pi", 6, m, 2), 0);
    CHECK_INT(trop_builtin_datasets_in(NULL, 4, m, 2), 0);
    CHECK_INT(trop_builtin_datasets_in("C4", 2, NULL, 2), 0);
    CHECK_INT(trop_builtin_datasets_in("C4", 2, m, 0), 0);

    /* At most max, in order; the caller resumes after the last one. */
    const char *t = "Dolma, C4 and OASST1";
    CHECK_INT(trop_builtin_datasets_in(t, strlen(t), m, 2), 2);
    CHECK_INT(m[1].offset, 7);
    size_t from = m[1].offset + m[1].len;
    CHECK_INT(trop_builtin_datasets_in(t + from, strlen(t) - from, m, 2), 1);
    CHECK_STR(m[0].ds->id, "OpenAssistant/oasst1");

    /* A long text full of near misses stays linear and finds nothing. */
    size_t big = 1 << 20;
    char *buf = malloc(big);
    CHECK(buf != NULL);
    if (!buf)
        return;
    for (size_t i = 0; i < big; i++)
        buf[i] = "Red Pajam"[i % 9];
    CHECK_INT(trop_builtin_datasets_in(buf, big, m, 2), 0);
    for (size_t i = 0; i + 3 <= big; i += 3)
        memcpy(buf + i, "C4 ", 3);
    CHECK_INT(trop_builtin_datasets_in(buf, big, m, 2), 2);
    free(buf);
}

static void check_find(void)
{
    CHECK_STR(trop_builtin_dataset_find("allenai/dolma")->id, "allenai/dolma");
    CHECK_STR(trop_builtin_dataset_find("ALLENAI/DOLMA")->id, "allenai/dolma");
    CHECK_STR(trop_builtin_dataset_find("the_pile")->id, "EleutherAI/pile");
    CHECK_STR(trop_builtin_dataset_find("c4")->id, "allenai/c4");
    const trop_builtin_dataset *d =
        trop_builtin_dataset_find("open-llm-leaderboard/details_meta-llama__Llama-2-7b-hf");
    CHECK(d && d->role == TROP_DS_RESULTS);
    d = trop_builtin_dataset_find("bigscience-data/roots_en_wikipedia");
    CHECK(d && d->avail == TROP_DS_GATED && !strcmp(d->label, "ROOTS corpus"));
    d = trop_builtin_dataset_find("Mozilla-Foundation/Common_Voice_11_0");
    CHECK(d && d->role == TROP_DS_SUPERVISED);
    d = trop_builtin_dataset_find("the_pile_books3");
    CHECK(d && d->avail == TROP_DS_WITHDRAWN && d->access == TROP_DS_ACCESS_NO && d->free == 0);
    d = trop_builtin_dataset_find("allenai/c4");
    CHECK(d && d->access == TROP_DS_ACCESS_YES && d->free == 1 && !d->problem);
    CHECK(trop_builtin_dataset_find("allenai/dolma-nonexistent") == NULL);
    CHECK(trop_builtin_dataset_find("dolma") == NULL);
    CHECK(trop_builtin_dataset_find("") == NULL);
    CHECK(trop_builtin_dataset_find(NULL) == NULL);
}

static unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static int fold_cmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int d = fold((unsigned char)*a) - fold((unsigned char)*b);
        if (d || !*a)
            return d;
    }
}

/* Every row is found by each of its ids; every name, written alone, finds
 * its own row (so no other row's name shadows it); names are sorted as the
 * matcher's binary search expects. */
static void check_table(void)
{
    CHECK(trop_builtin_dataset_count >= 80);
    for (size_t i = 0; i < trop_builtin_dataset_count; i++) {
        const trop_builtin_dataset *d = &trop_builtin_datasets[i];
        CHECK(d->label && *d->label && d->license && *d->license);
        CHECK(d->source && !strncmp(d->source, "https://", 8));
        CHECK(d->free >= -1 && d->free <= 1);
        if (d->access == TROP_DS_ACCESS_YES)
            CHECK(d->free == 1 && d->avail == TROP_DS_PUBLIC && !d->problem);
        if (d->id && trop_builtin_dataset_find(d->id) != d) {
            fprintf(stderr, "id %s is not found\n", d->id);
            CHECK(0);
        }
        for (const char *const *h = d->hub; *h; h++)
            if (!strpbrk(*h, "*?[") && trop_builtin_dataset_find(*h) != d) {
                fprintf(stderr, "mirror %s is not found\n", *h);
                CHECK(0);
            }
    }
    for (size_t k = 0; k < trop_builtin_ds_name_count; k++) {
        const trop_builtin_ds_name *nm = &trop_builtin_ds_names[k];
        trop_ds_match m[2];
        size_t n = trop_builtin_datasets_in(nm->text, nm->len, m, 2);
        if (n != 1 || m[0].ds != &trop_builtin_datasets[nm->row] || m[0].len != nm->len) {
            fprintf(stderr, "name \"%s\" does not find its own row\n", nm->text);
            CHECK(0);
        }
        if (k > 0 && fold_cmp(trop_builtin_ds_names[k - 1].text, nm->text) > 0) {
            fprintf(stderr, "names out of order at \"%s\"\n", nm->text);
            CHECK(0);
        }
    }
}

TRO_TEST(builtin_datasets)
{
    for (size_t i = 0; i < sizeof prose_cases / sizeof prose_cases[0]; i++)
        check_prose(&prose_cases[i]);
    check_bounds();
    check_find();
    check_table();
}

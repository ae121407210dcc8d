/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* What the card view keeps of its blocks (lib/judge/wordindex.c) gives the
 * answers of the plain functions of prose.c it stands for: the sentences of
 * trop_sentences(), the masks of trop_word_mask(), and for lists of patterns
 * the earliest, then longest, match trop_word_find() finds; and the plain
 * searches agree with a search tried at every offset. */
#include "prose.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

static const char *const texts[] = {
    "This model is licensed under the Apache 2.0 license. It was trained on data, e.g. C4.",
    "Released under CC-BY-NC-4.0 by J. Smith et al. in 2024! Use is subject to the AUP.",
    "The code is licensed\nunder MIT; the weights are released under a non-commercial licence.",
    "For research purposes only (c) 2024. Fine-tuned, finetuned, fine tuning: pre-train "
    "pretraining train trainer constraint. A a an and.",
    "",
    "x",
    "Llama-2 fine_tuned on OpenLLaMA; deployed, downloads, 3.5B params. Licence agreement.",
    "Fine-tuned from Llama with AdamW, learning rate 3e-4, batch size 512, cosine decay, bf16, "
    "2 epochs. You must agree to the terms; the dataset is no longer available. It was trained "
    "on data that has not been publicly released, for research use only.",
    /* words over 64 bytes, across the 64-byte groups the words are found in */
    "a pneumonoultramicroscopicsilicovolcanoconiosispneumonoultramicroscopicsilico was "
    "licensed under retrainingretrainingretrainingretrainingretrainingretrainingretraining x",
    /* non-ASCII bytes are word bytes */
    "Café licensed under règles, naïve fine-tuning; \xc3\xa9t\xc3\xa9 trained \xe2\x80\x94 "
    "entraîné à l'été.",
};

/* Patterns of every shape: whole words, heads of 1, 2, 3 and more bytes
 * before '*', phrases, and a pattern that starts with no word byte. */
static const char *const list_a[] = {"licensed under", "released under", "licen*", "under",
                                     NULL};
static const char *const list_b[] = {"a*", "an", "fi*", "fine tun*", "finetun*", "pre*",
                                     "train*", "(c)", "e.g", NULL};
static const char *const list_c[] = {"non commercial", "research purposes only", "use is",
                                     "subject to the", "llama", "openllama", "dep*", NULL};
static const char *const list_d[] = {"a*", "an", "retrain*", "train*", "pneumono*",
                                     "caf\xc3\xa9", "na\xc3\xaf*", "r\xc3\xa8gles",
                                     "\xc3\xa9t\xc3\xa9", "entra\xc3\xaen\xc3\xa9",
                                     "licensed under", "under", NULL};
static const char *const *const lists[] = {list_a, list_b, list_c, list_d};

#define NTEXTS (sizeof texts / sizeof *texts)

typedef struct view_fixture {
    trop_card_block blocks[NTEXTS + 1];
    trop_card_body body;
    char *lower[NTEXTS + 1];
    char *pool;
    trop_cardview v;
} view_fixture;

/* A view of texts (and one long block of many sentences), laid out as
 * trop_cardview_init() lays out its folded copies. */
static void view_make(view_fixture *f, char *many)
{
    memset(f, 0, sizeof *f);
    size_t total = 0;
    for (size_t i = 0; i <= NTEXTS; i++) {
        const char *t = i < NTEXTS ? texts[i] : many;
        f->blocks[i] = (trop_card_block){.text = t, .len = strlen(t), .info = ""};
        total += f->blocks[i].len + 1;
    }
    f->body.blocks = f->blocks;
    f->body.nblocks = NTEXTS + 1;
    f->pool = malloc(total);
    char *p = f->pool;
    for (size_t i = 0; i <= NTEXTS; i++) {
        f->lower[i] = p;
        trop_lower(f->blocks[i].text, f->blocks[i].len, p);
        p[f->blocks[i].len] = '\0';
        p += f->blocks[i].len + 1;
    }
    f->v.body = &f->body;
    f->v.lower = f->lower;
    CHECK_INT(trop_wordindex_new(&f->v.words, NTEXTS + 1), 0);
}

static void view_free(view_fixture *f)
{
    trop_wordindex_free(f->v.words);
    free(f->pool);
}

/* 300 sentences: more than the view cuts at once (256). */
static char *many_sentences(void)
{
    static const char one[] = "Go on, train it now. ";
    char *s = malloc(300 * (sizeof one - 1) + 1), *p = s;
    for (size_t i = 0; i < 300; i++, p += sizeof one - 1)
        memcpy(p, one, sizeof one - 1);
    *p = '\0';
    return s;
}

TRO_TEST(wordindex_sentences)
{
    char *many = many_sentences();
    view_fixture f;
    view_make(&f, many);
    static const size_t maxes[] = {1, 3, 64, 256, 1000};
    for (int round = 0; round < 2; round++) /* made, then kept */
        for (size_t bi = 0; bi < f.body.nblocks; bi++)
            for (size_t m = 0; m < sizeof maxes / sizeof *maxes; m++) {
                trop_span want[1000], got[1000];
                const trop_card_block *b = &f.blocks[bi];
                size_t nw = trop_sentences(b->text, b->len, want, maxes[m]);
                size_t ng = trop_cv_sentences(&f.v, bi, got, maxes[m]);
                CHECK_INT(ng, nw);
                CHECK(ng == nw && !memcmp(got, want, ng * sizeof *got));
            }
    CHECK(trop_cv_sentences(&f.v, NTEXTS, (trop_span[400]){{0, 0}}, 400) == 300);
    for (size_t bi = 0; bi < f.body.nblocks; bi++) {
        trop_wmask a = trop_cv_mask(&f.v, bi), b = trop_word_mask(f.lower[bi], f.blocks[bi].len);
        CHECK(!memcmp(&a, &b, sizeof a));
    }
    view_free(&f);
    free(many);
}

/* The earliest match of a list in s[0..n), the longest there, the first
 * pattern of those on a tie. */
static long plain_first(const char *s, size_t n, const char *const *list, size_t *at, size_t *len)
{
    long best = -1;
    for (size_t i = 0; list[i]; i++) {
        size_t l;
        long f = trop_word_find(s, n, 0, list[i], &l);
        if (f >= 0 && (best < 0 || (size_t)f < *at || ((size_t)f == *at && l > *len))) {
            best = (long)i;
            *at = (size_t)f;
            *len = l;
        }
    }
    return best;
}

/* The lists of the rules, compiled once for every index (wordindex.c). */
static const char *const *const *const rule_lists[] = {
    trop_terms_wordlists, trop_method_proc_wordlists, trop_bases_wordlists,
    trop_dsaccess_wordlists, trop_datatext_wordlists};

/* Each of lists[0..count) found in s[0..n) by the view as by the plain way. */
static void check_lists(const trop_cardview *v, const char *s, size_t n,
                        const char *const *const *ls, size_t count)
{
    for (size_t k = 0; k < count; k++) {
        size_t wat = 0, wlen = 0, gat = 0, glen = 0;
        long want = n ? plain_first(s, n, ls[k], &wat, &wlen) : -1;
        long got = trop_cv_word_find(v, s, n, ls[k], &gat, &glen);
        if (got != want || (got >= 0 && (gat != wat || glen != wlen)))
            fprintf(stderr, "'%.*s' list %zu: %ld at %zu+%zu, want %ld at %zu+%zu\n", (int)n, s,
                    k, got, gat, glen, want, wat, wlen);
        CHECK_INT(got, want);
        CHECK(got < 0 || (gat == wat && glen == wlen));
        CHECK(trop_cv_word_has(v, s, n, ls[k]) == (want >= 0));
    }
}

static void check_span(const trop_cardview *v, const char *s, size_t n)
{
    check_lists(v, s, n, lists, sizeof lists / sizeof *lists);
    for (size_t f = 0; f < sizeof rule_lists / sizeof *rule_lists; f++) {
        size_t count = 0;
        while (rule_lists[f][count])
            count++;
        CHECK(count > 0);
        check_lists(v, s, n, rule_lists[f], count);
    }
}

TRO_TEST(wordindex_find)
{
    char *many = many_sentences();
    view_fixture f;
    view_make(&f, many);
    for (size_t bi = 0; bi < f.body.nblocks; bi++) {
        const char *low = f.lower[bi];
        size_t n = f.blocks[bi].len;
        check_span(&f.v, low, n); /* the whole block */
        trop_span sp[400];
        size_t ns = trop_cv_sentences(&f.v, bi, sp, 400);
        for (size_t i = 0; i < ns; i++)
            check_span(&f.v, low + sp[i].at, sp[i].len);
        /* a copy of the text is searched the plain way, with the same answers */
        char *copy = malloc(n + 1);
        memcpy(copy, low, n + 1);
        check_span(&f.v, copy, n);
        free(copy);
    }
    view_free(&f);
    free(many);
}

/* Every span of the texts, starting and ending anywhere (inside a word
 * too: the end of "constraint" is "train"), with the plain answers. */
TRO_TEST(wordindex_find_spans)
{
    char *many = many_sentences();
    view_fixture f;
    view_make(&f, many);
    for (size_t bi = 0; bi < NTEXTS; bi++) {
        size_t n = f.blocks[bi].len;
        for (size_t from = 0; from < n; from++)
            for (size_t to = from + 1; to <= n; to++)
                check_lists(&f.v, f.lower[bi] + from, to - from, lists,
                            sizeof lists / sizeof *lists);
    }
    view_free(&f);
    free(many);
}

/* A tie (one place, one length) goes to the first pattern, as plainly. */
TRO_TEST(wordindex_find_tie)
{
    static const char *const text[] = {"an apple"};
    static const char *const ties[] = {"a*", "an", NULL}, *const ties2[] = {"an", "a*", NULL};
    trop_card_block b = {.text = text[0], .len = 8, .info = ""};
    trop_card_body body = {.blocks = &b, .nblocks = 1};
    char low[9] = "an apple", *lower[] = {low};
    trop_cardview v = {.body = &body, .lower = lower};
    CHECK_INT(trop_wordindex_new(&v.words, 1), 0);
    size_t at = 9, len = 0;
    CHECK_INT(trop_cv_word_find(&v, low, 8, ties, &at, &len), 0);
    CHECK(at == 0 && len == 2);
    CHECK_INT(trop_cv_word_find(&v, low, 8, ties2, &at, &len), 0);
    CHECK_INT(trop_word_any(low, 8, ties, NULL), 0);
    trop_wordindex_free(v.words);
}

TRO_TEST(wordindex_plain)
{
    /* trop_word_find at every offset from every start, against trop_word_at */
    static const char *const patterns[] = {"licen*", "under", "fine tun*", "a*", "(c)", "e.g",
                                           "train*", "an", "non commercial", NULL};
    for (size_t t = 0; t < NTEXTS; t++) {
        size_t n = strlen(texts[t]);
        char *low = malloc(n + 1);
        trop_lower(texts[t], n, low);
        for (const char *const *p = patterns; *p; p++)
            for (size_t from = 0; from <= n; from++) {
                long want = -1;
                size_t wl = 0, gl = 0;
                for (size_t at = from; at < n && want < 0; at++)
                    if (trop_word_at(low, n, at, *p, &wl))
                        want = (long)at;
                long got = trop_word_find(low, n, from, *p, &gl);
                CHECK_INT(got, want);
                CHECK(got < 0 || gl == wl);
            }
        static const char *const stems[] = {"licen", "trai", "fin", "pre", "x", NULL};
        for (size_t k = 0; stems[k]; k++) {
            const char *const one[] = {stems[k], NULL};
            bool want = false;
            for (size_t i = 0; i < n && !want; i++)
                want = (!i || !trop_word_byte((unsigned char)low[i - 1])) &&
                       !strncmp(low + i, stems[k], strlen(stems[k]));
            CHECK(trop_word_stem_any(low, n, one) == want);
        }
        free(low);
    }
}

TRO_TEST(wordindex_heading_kind)
{
    CHECK_INT(trop_heading_kind("Training Data", 13, false), TROP_SEC_DATA);
    CHECK_INT(trop_heading_kind("Training procedure", 18, false), TROP_SEC_TRAINING);
    CHECK_INT(trop_heading_kind("How to Use", 10, false), TROP_SEC_USAGE);
    CHECK_INT(trop_heading_kind("Bias, Risks, and Limitations", 28, false), TROP_SEC_ADVICE);
    CHECK_INT(trop_heading_kind("License", 7, false), TROP_SEC_LICENSE);
    CHECK_INT(trop_heading_kind("Evaluation results", 18, false), TROP_SEC_EVAL);
    CHECK_INT(trop_heading_kind("Base pretrained models", 22, false), 0);
    CHECK_INT(trop_heading_kind("Data curation", 13, true),
              TROP_SEC_DATA | TROP_SEC_CREATION | TROP_SEC_TRAINING);
    CHECK_INT(trop_heading_kind("Citation", 8, false), TROP_SEC_CITATION);
    CHECK_INT(trop_heading_kind("", 0, false), 0);
}

/* The heading rules are sorted by their first byte, each a word byte: a
 * rule that broke either would never be tried. */
TRO_TEST(wordindex_heading_rules)
{
    size_t n = 0;
    for (const char *p, *prev = NULL; (p = trop_heading_pattern(n)); prev = p, n++) {
        CHECK(trop_word_byte((unsigned char)p[0]));
        CHECK(!prev || (unsigned char)prev[0] <= (unsigned char)p[0]);
    }
    CHECK_INT(n, 97);
}

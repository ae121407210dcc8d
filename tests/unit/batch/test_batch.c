/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The batch API (tro_batch_*) and compact JSON (tro_report_json_flags):
 * every input gives one item, in submission order or as finished; failures
 * are items, not errors of the batch; reports equal those of tro_check();
 * a batch freed with work pending frees it. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <trulyopen.h>

#include "fixture.h"
#include "test.h"

static const char *cards[] = {
    "---\nlicense: apache-2.0\n---\n# A\n",
    "---\nlicense: llama2\n---\n# B\n",
    "---\nlicense: mit\ndatasets:\n- wikimedia/wikipedia\n---\n# C\n",
    "---\nlicense: cc-by-nc-4.0\n---\n# D\n",
};
#define NCARDS (sizeof cards / sizeof *cards)

static tro_release *card_release(tro_ctx *ctx, size_t i)
{
    tro_release *rel;
    char name[32];
    snprintf(name, sizeof name, "card-%zu", i);
    if (tro_release_new(&rel, ctx, name) ||
        tro_release_add_buffer(rel, "README.md", cards[i % NCARDS], strlen(cards[i % NCARDS])))
        exit(99);
    return rel;
}

/* The JSON of a single check of card i, compact or not. */
static char *single_json(tro_ctx *ctx, size_t i, unsigned flags)
{
    tro_release *rel = card_release(ctx, i);
    tro_report *r = NULL;
    char *json = NULL;
    CHECK_INT(tro_check(ctx, rel, NULL, &r, NULL), 0);
    CHECK(tro_report_apply_policy(r, NULL) >= 0);
    CHECK_INT(tro_report_json_flags(r, flags, &json, NULL), 0);
    tro_report_free(r);
    tro_release_free(rel);
    return json;
}

/* Compact JSON: one line, ending with a newline; the same text as the
 * indented one once the whitespace outside strings is gone. */
static void test_compact(tro_ctx *ctx)
{
    for (size_t i = 0; i < NCARDS; i++) {
        char *pretty = single_json(ctx, i, 0), *compact = single_json(ctx, i, TRO_JSON_COMPACT);
        size_t n = compact ? strlen(compact) : 0;
        CHECK(n > 2 && compact[n - 1] == '\n' && !memchr(compact, '\n', n - 1));
        /* squeeze the indented text */
        char *sq = malloc(pretty ? strlen(pretty) + 1 : 1);
        size_t k = 0;
        bool in_str = false;
        for (const char *p = pretty; p && *p; p++) {
            if (in_str) {
                sq[k++] = *p;
                if (*p == '\\' && p[1])
                    sq[k++] = *++p;
                else if (*p == '"')
                    in_str = false;
            } else if (*p == '"') {
                in_str = true;
                sq[k++] = *p;
            } else if (*p != ' ' && *p != '\n') {
                sq[k++] = *p;
            }
        }
        sq[k] = '\0';
        CHECK(compact && n - 1 == k && !memcmp(compact, sq, k));
        free(sq);
        tro_free(pretty);
        tro_free(compact);
    }
    tro_release *rel = card_release(ctx, 0);
    tro_report *r = NULL;
    char *json = (char *)"untouched";
    CHECK_INT(tro_check(ctx, rel, NULL, &r, NULL), 0);
    CHECK_INT(tro_report_json_flags(r, 1u << 7, &json, NULL), TRO_EINVAL);
    CHECK(json == NULL);
    CHECK_INT(tro_report_json_flags(NULL, 0, &json, NULL), TRO_EINVAL);
    tro_report_free(r);
    tro_release_free(rel);
}

/* Failing opener for inputs starting with "bad", tro_scan otherwise. */
static int opener(tro_ctx *ctx, const char *input, tro_release **out, tro_error *err, void *ud)
{
    atomic_fetch_add((atomic_int *)ud, 1);
    if (!strncmp(input, "bad", 3)) {
        snprintf(err->message, sizeof err->message, "%s: refused by the opener", input);
        return TRO_ENOTFOUND;
    }
    if (!strncmp(input, "card:", 5)) {
        *out = card_release(ctx, (size_t)atoi(input + 5));
        return 0;
    }
    return tro_scan(ctx, input, out, err);
}

/* TRO_BATCH_NO_ARTIFACTS alone: JSON rendered, indented, as
 * tro_report_render() with TRO_RENDER_NO_ARTIFACTS gives it. */
static void test_no_artifacts(tro_ctx *ctx)
{
    tro_batch_options o = TRO_BATCH_OPTIONS_INIT;
    o.threads = 1;
    o.flags = TRO_BATCH_NO_ARTIFACTS | TRO_BATCH_CALLER_WORKS;
    tro_batch *b = NULL;
    CHECK_INT(tro_batch_new(&b, ctx, &o, NULL), 0);
    CHECK_INT(tro_batch_submit_release(b, card_release(ctx, 2), NULL), 0);
    tro_batch_item *it = NULL;
    CHECK_INT(tro_batch_next(b, 1, &it), 0);
    size_t len = 0;
    const char *json = tro_batch_item_json(it, &len);
    tro_render_options ro = TRO_RENDER_OPTIONS_INIT;
    ro.flags = TRO_RENDER_NO_ARTIFACTS;
    char *want = NULL;
    CHECK_INT(tro_report_render(tro_batch_item_report(it), &ro, &want, NULL), 0);
    CHECK(json && want && len == strlen(want) && !memcmp(json, want, len));
    CHECK(json && !strstr(json, "\"artifacts\"") && strstr(json, "\n  \"verdict\": "));
    tro_free(want);
    tro_batch_item_free(it);
    tro_batch_free(b);
}

static void test_in_order(tro_ctx *ctx)
{
    atomic_int calls = 0;
    tro_batch_options o = TRO_BATCH_OPTIONS_INIT;
    o.threads = 3;
    o.flags = TRO_BATCH_IN_ORDER | TRO_BATCH_COMPACT;
    o.open = opener;
    o.open_userdata = &calls;
    tro_batch *b = NULL;
    CHECK_INT(tro_batch_new(&b, ctx, &o, NULL), 0);
    enum { N = 40 };
    char in[32];
    for (int i = 0; i < N; i++) {
        if (i % 7 == 3)
            snprintf(in, sizeof in, "bad-%d", i);
        else
            snprintf(in, sizeof in, "card:%d", i);
        CHECK_INT(tro_batch_submit(b, in, (void *)(intptr_t)(1000 + i)), 0);
    }
    CHECK_INT(tro_batch_submit(b, "", NULL), TRO_EINVAL);
    CHECK_INT(tro_batch_submit(b, NULL, NULL), TRO_EINVAL);
    CHECK(tro_batch_pending(b) == N);
    for (int i = 0; i < N; i++) {
        tro_batch_item *it = NULL;
        CHECK_INT(tro_batch_next(b, 1, &it), 0);
        CHECK_INT(tro_batch_item_index(it), i);
        CHECK_INT((intptr_t)tro_batch_item_tag(it), 1000 + i);
        const char *msg;
        int code = tro_batch_item_error(it, &msg);
        if (i % 7 == 3) {
            CHECK_INT(code, TRO_ENOTFOUND);
            CHECK_CONTAINS(msg, "refused by the opener");
            CHECK(tro_batch_item_report(it) == NULL && tro_batch_item_json(it, NULL) == NULL);
            CHECK_INT(tro_batch_item_policy_met(it), -1);
        } else {
            CHECK_INT(code, 0);
            CHECK_STR(msg, "");
            size_t len = 0;
            const char *json = tro_batch_item_json(it, &len);
            char *want = single_json(ctx, (size_t)i, TRO_JSON_COMPACT);
            CHECK(json && want && len == strlen(want) && !memcmp(json, want, len));
            tro_free(want);
            /* a licence alone shows no public method: no card is truly open */
            CHECK_INT(tro_batch_item_policy_met(it), 0);
            tro_report *r = tro_batch_item_take_report(it);
            CHECK(r && tro_batch_item_take_report(it) == NULL);
            CHECK_STR(tro_report_verdict(r), "not-truly-open");
            tro_report_free(r);
        }
        tro_batch_item_free(it);
    }
    tro_batch_item *it = (tro_batch_item *)&it;
    CHECK_INT(tro_batch_next(b, 1, &it), TRO_ENOTFOUND);
    CHECK(it == NULL);
    CHECK(tro_batch_pending(b) == 0);
    tro_batch_free(b);
    CHECK_INT(atomic_load(&calls), N);
}

/* As finished: every item comes back once; without wait nothing is
 * returned before a check finished; submitted releases are owned. */
static void test_any_order(tro_ctx *ctx)
{
    tro_batch_options o = TRO_BATCH_OPTIONS_INIT;
    o.threads = 2;
    tro_batch *b = NULL;
    CHECK_INT(tro_batch_new(&b, ctx, &o, NULL), 0);
    tro_batch_item *it;
    CHECK_INT(tro_batch_next(b, 0, &it), TRO_ENOTFOUND);
    enum { N = 25 };
    bool seen[N] = {false};
    for (int i = 0; i < N; i++)
        CHECK_INT(tro_batch_submit_release(b, card_release(ctx, (size_t)i), NULL), 0);
    CHECK_INT(tro_batch_submit_release(b, NULL, NULL), TRO_EINVAL);
    int got = 0;
    while (tro_batch_next(b, 1, &it) == TRO_OK) {
        uint64_t i = tro_batch_item_index(it);
        CHECK(i < N && !seen[i]);
        if (i < N)
            seen[i] = true;
        char name[32];
        snprintf(name, sizeof name, "card-%llu", (unsigned long long)i);
        CHECK_STR(tro_batch_item_input(it), name);
        CHECK(tro_batch_item_report(it) != NULL);
        CHECK(tro_batch_item_json(it, NULL) == NULL); /* not asked for */
        tro_batch_item_free(it);
        got++;
    }
    CHECK_INT(got, N);
    tro_batch_free(b);
}

/* The caller works: with one thread no worker is started and every check
 * runs inside tro_batch_next(), on the calling thread; with three, items
 * still come back once each, in order. */
static pthread_t main_thread;
static int caller_opener(tro_ctx *ctx, const char *input, tro_release **out, tro_error *err,
                         void *ud)
{
    if (!pthread_equal(pthread_self(), main_thread))
        atomic_fetch_add((atomic_int *)ud, 1);
    *out = card_release(ctx, (size_t)atoi(input));
    return 0;
}

static void test_caller_works(tro_ctx *ctx)
{
    main_thread = pthread_self();
    for (unsigned threads = 1; threads <= 3; threads += 2) {
        atomic_int elsewhere = 0;
        tro_batch_options o = TRO_BATCH_OPTIONS_INIT;
        o.threads = threads;
        o.flags = TRO_BATCH_CALLER_WORKS | TRO_BATCH_IN_ORDER | TRO_BATCH_JSON;
        o.open = caller_opener;
        o.open_userdata = &elsewhere;
        tro_batch *b = NULL;
        CHECK_INT(tro_batch_new(&b, ctx, &o, NULL), 0);
        char in[16];
        for (int i = 0; i < 30; i++) {
            snprintf(in, sizeof in, "%d", i);
            CHECK_INT(tro_batch_submit(b, in, NULL), 0);
        }
        tro_batch_item *it;
        /* without wait the caller does no work: with no worker, nothing is
         * finished yet; with workers, item 0 may be */
        int first = 0, rc = tro_batch_next(b, 0, &it);
        if (threads == 1)
            CHECK_INT(rc, TRO_ENOTFOUND);
        if (rc == TRO_OK) {
            CHECK_INT(tro_batch_item_index(it), 0);
            tro_batch_item_free(it);
            first = 1;
        }
        for (int i = first; i < 30; i++) {
            CHECK_INT(tro_batch_next(b, 1, &it), 0);
            CHECK_INT(tro_batch_item_index(it), i);
            CHECK(tro_batch_item_json(it, NULL) != NULL);
            tro_batch_item_free(it);
        }
        tro_batch_free(b);
        if (threads == 1)
            CHECK_INT(atomic_load(&elsewhere), 0);
    }
}

/* Freed with inputs queued, running and finished: no leak (ASan), no hang. */
static void test_free_pending(tro_ctx *ctx, const char *dir)
{
    tro_batch *b = NULL;
    CHECK_INT(tro_batch_new(&b, ctx, NULL, NULL), 0);
    for (int i = 0; i < 200; i++)
        CHECK_INT(i % 2 ? tro_batch_submit(b, dir, NULL)
                        : tro_batch_submit_release(b, card_release(ctx, (size_t)i), NULL),
                  0);
    tro_batch_item *it = NULL;
    CHECK_INT(tro_batch_next(b, 1, &it), 0);
    tro_batch_free(b);
    CHECK(tro_batch_item_input(it) != NULL); /* taken items outlive the batch */
    tro_batch_item_free(it);
    tro_batch_free(NULL);
    tro_batch_item_free(NULL);
}

static void test_errors(tro_ctx *ctx)
{
    tro_batch *b = (tro_batch *)&b;
    tro_error err;
    CHECK_INT(tro_batch_new(&b, NULL, NULL, &err), TRO_EINVAL);
    CHECK(b == NULL);
    tro_batch_options o = TRO_BATCH_OPTIONS_INIT;
    o.version = 99;
    CHECK_INT(tro_batch_new(&b, ctx, &o, &err), TRO_EVERSION);
    CHECK_CONTAINS(err.message, "version 99");
    CHECK_INT(tro_batch_new(NULL, ctx, NULL, NULL), TRO_EINVAL);
    CHECK_INT(tro_batch_next(NULL, 0, NULL), TRO_EINVAL);
    CHECK(tro_batch_pending(NULL) == 0);
    CHECK_INT(tro_batch_submit(NULL, "x", NULL), TRO_EINVAL);
    CHECK_INT(tro_batch_item_error(NULL, NULL), TRO_EINVAL);
    CHECK(tro_batch_item_report(NULL) == NULL);
    CHECK_INT(tro_batch_item_policy_met(NULL), -1);
}

TRO_TEST(batch)
{
    tro_ctx_options co = TRO_CTX_OPTIONS_INIT;
    co.threads = 1;
    tro_ctx *ctx;
    if (tro_ctx_new(&ctx, &co, NULL))
        TRO_FAIL("tro_ctx_new");
    char *dir = fx_tempdir();
    fx_text(fx_path(dir, "README.md"), cards[0]);
    test_compact(ctx);
    test_in_order(ctx);
    test_no_artifacts(ctx);
    test_any_order(ctx);
    test_caller_works(ctx);
    test_free_pending(ctx, dir);
    test_errors(ctx);
    fx_rmtree(dir);
    free(dir);
    tro_ctx_free(ctx);
}

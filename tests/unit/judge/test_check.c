/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* tro_check(): resolver callbacks (lineage, cycles, depth, errors, fallback
 * to a catalog), API errors, reports, link classification, and one catalog
 * shared by threads. */
#include "judge.h"

#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>

#include "fixture.h"
#include "test.h"

#define METHOD                                                                                     \
    "\n## Training procedure\n\nThe training code is at https://github.com/t/trainer and "         \
    "the paper at https://arxiv.org/abs/2401.00001. We trained for two epochs with AdamW, "        \
    "learning rate 3e-4, batch size 64, cosine schedule and 500 warm-up steps on eight "           \
    "GPUs, and kept the checkpoint with the lowest loss on a held-out split of the data.\n"

/* A release holding one README.md with this front matter and body. */
/* A string member of a JSON object, or NULL. */
static const char *jstr(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

static tro_release *card_release(tro_ctx *ctx, const char *fm, const char *body)
{
    tro_release *rel;
    char buf[4096];
    snprintf(buf, sizeof buf, "---\n%s\n---\n\n# Model\n%s", fm, body);
    if (tro_release_new(&rel, ctx, "mem") ||
        tro_release_add_buffer(rel, "README.md", buf, strlen(buf)))
        exit(99);
    return rel;
}

/* ---- a resolver backed by a table --------------------------------------------- */

typedef struct entry {
    tro_ref_kind kind;
    const char *id, *fm, *body;
    int error; /* returned instead of a release */
} entry;

typedef struct table {
    const entry *v;
    int calls[16];
} table;

static int resolve(tro_ctx *ctx, tro_ref_kind kind, const char *id, tro_release **out, void *ud)
{
    table *t = ud;
    for (int i = 0; t->v[i].id; i++) {
        if (t->v[i].kind != kind || strcmp(t->v[i].id, id))
            continue;
        t->calls[i]++;
        if (t->v[i].error)
            return t->v[i].error;
        *out = card_release(ctx, t->v[i].fm, t->v[i].body ? t->v[i].body : "");
        return 0;
    }
    return TRO_ENOTFOUND;
}

static json_t *check_json(tro_ctx *ctx, tro_release *rel, const tro_check_options *o, int *rc)
{
    tro_report *r = NULL;
    tro_error err;
    char *s = NULL;
    json_t *doc = NULL;
    *rc = tro_check(ctx, rel, o, &r, &err);
    if (*rc == 0 && tro_report_json(r, &s, NULL) == 0)
        doc = json_loads(s, 0, NULL);
    tro_free(s);
    tro_report_free(r);
    return doc;
}

static const char *status(const json_t *doc, const char *crit)
{
    return jstr(json_object_get(json_object_get(doc, "criteria"), crit), "status");
}

static bool has_finding(const json_t *doc, const char *code)
{
    size_t i;
    const json_t *f;
    json_array_foreach(json_object_get(doc, "findings"), i,
                       f) if (!strcmp(jstr(f, "code"), code)) return true;
    return false;
}

static void test_resolver_chain(tro_ctx *ctx)
{
    static const entry v[] = {
        {TRO_REF_MODEL, "org/a", "license: apache-2.0\nbase_model: org/b\ndatasets: [org/d]",
         METHOD, 0},
        {TRO_REF_MODEL, "org/b", "license: mit\nbase_model: org/c\ndatasets: [org/d]", METHOD, 0},
        {TRO_REF_MODEL, "org/c", "license: apache-2.0\ndatasets: [org/d]", METHOD, 0},
        {TRO_REF_DATASET, "org/d", "license: cc-by-4.0\ntask_categories: [text-generation]", "", 0},
        {0, NULL, NULL, NULL, 0}};
    table t = {.v = v};
    tro_check_options o = TRO_CHECK_OPTIONS_INIT;
    o.resolve = resolve;
    o.resolve_userdata = &t;
    tro_release *rel =
        card_release(ctx, "license: apache-2.0\nbase_model: org/a\ndatasets: [org/d]", METHOD);
    int rc;
    json_t *doc = check_json(ctx, rel, &o, &rc);
    CHECK_INT(rc, 0);
    CHECK_STR(jstr(doc, "verdict"), "truly-open");
    const json_t *lin = json_object_get(doc, "lineage");
    CHECK_INT(json_array_size(lin), 3);
    CHECK_STR(jstr(json_array_get(lin, 0), "id"), "org/a");
    CHECK_STR(jstr(json_array_get(lin, 2), "id"), "org/c");
    CHECK_INT(json_integer_value(json_object_get(json_array_get(lin, 2), "depth")), 3);
    CHECK_STR(jstr(json_array_get(lin, 1), "source"), "resolver");
    /* each id asked once, the dataset too although four releases name it */
    for (int i = 0; i < 4; i++)
        CHECK_INT(t.calls[i], 1);
    json_decref(doc);

    /* depth limit: one step only */
    memset(t.calls, 0, sizeof t.calls);
    o.max_lineage_depth = 1;
    doc = check_json(ctx, rel, &o, &rc);
    CHECK_INT(rc, 0);
    CHECK(has_finding(doc, "lineage-depth-limit"));
    CHECK_INT(t.calls[1], 0); /* org/b never asked */
    CHECK_STR(status(doc, "use_freedom"), "unknown");
    /* method is this model's own: a base out of reach does not lower it */
    CHECK_STR(status(doc, "method_transparency"), "pass");
    json_decref(doc);
    tro_release_free(rel);
}

static void test_resolver_cycle_and_errors(tro_ctx *ctx)
{
    static const entry v[] = {
        {TRO_REF_MODEL, "org/x", "license: apache-2.0\nbase_model: org/y", METHOD, 0},
        {TRO_REF_MODEL, "org/y", "license: apache-2.0\nbase_model: org/x", METHOD, 0},
        {TRO_REF_MODEL, "org/broken", NULL, NULL, TRO_EIO},
        {TRO_REF_MODEL, "org/llama", "license: llama2", "", 0},
        {0, NULL, NULL, NULL, 0}};
    table t = {.v = v};
    tro_check_options o = TRO_CHECK_OPTIONS_INIT;
    o.resolve = resolve;
    o.resolve_userdata = &t;
    int rc;
    tro_release *rel = card_release(ctx, "license: apache-2.0\nbase_model: org/x", METHOD);
    json_t *doc = check_json(ctx, rel, &o, &rc);
    CHECK_INT(rc, 0);
    CHECK(has_finding(doc, "lineage-cycle"));
    /* x, y, then x again, not followed */
    const json_t *lin = json_object_get(doc, "lineage");
    CHECK_INT(json_array_size(lin), 3);
    CHECK_STR(jstr(json_array_get(lin, 2), "id"), "org/x");
    CHECK(json_is_false(json_object_get(json_array_get(lin, 2), "resolved")));
    CHECK_STR(status(doc, "use_freedom"), "unknown");
    CHECK_INT(t.calls[0] + t.calls[1], 2); /* x and y, each once: the cycle stops */
    json_decref(doc);
    tro_release_free(rel);

    /* a resolver's own error aborts the check, with the id in the message */
    tro_report *r = NULL;
    tro_error err;
    rel = card_release(ctx, "license: apache-2.0\nbase_model: org/broken", "");
    CHECK_INT(tro_check(ctx, rel, &o, &r, &err), TRO_EIO);
    CHECK(r == NULL);
    CHECK_CONTAINS(err.message, "org/broken");
    tro_release_free(rel);

    /* laundering through a resolved base */
    rel = card_release(ctx, "license: mit\nbase_model: org/llama", METHOD);
    doc = check_json(ctx, rel, &o, &rc);
    CHECK(has_finding(doc, "license-laundering"));
    CHECK_STR(status(doc, "use_freedom"), "fail");
    json_decref(doc);
    tro_release_free(rel);
}

/* A resolver that knows nothing: the catalog answers. */
static void test_resolver_then_catalog(tro_ctx *ctx, const char *dir)
{
    static const entry none[] = {{0, NULL, NULL, NULL, 0}};
    table t = {.v = none};
    tro_catalog *cat;
    const char *dirs[] = {dir};
    CHECK_INT(tro_catalog_new(&cat, ctx, dirs, 1, NULL), 0);
    tro_check_options o = TRO_CHECK_OPTIONS_INIT;
    o.resolve = resolve;
    o.resolve_userdata = &t;
    o.catalog = cat;
    tro_release *rel = card_release(
        ctx, "license: apache-2.0\nbase_model: org/base\ndatasets: [org/data]", METHOD);
    int rc;
    json_t *doc = check_json(ctx, rel, &o, &rc);
    CHECK_STR(jstr(doc, "verdict"), "truly-open");
    const char *src = jstr(json_array_get(json_object_get(doc, "lineage"), 0), "source");
    CHECK(src && !strncmp(src, "catalog:", 8));
    json_decref(doc);
    tro_release_free(rel);
    tro_catalog_free(cat);
}

static void test_api_errors(tro_ctx *ctx)
{
    tro_report *r = (tro_report *)1;
    tro_error err;
    tro_release *rel = card_release(ctx, "license: mit", "");
    CHECK_INT(tro_check(NULL, rel, NULL, &r, &err), TRO_EINVAL);
    CHECK(r == NULL);
    CHECK_INT(tro_check(ctx, NULL, NULL, &r, NULL), TRO_EINVAL);
    CHECK_INT(tro_check(ctx, rel, NULL, NULL, NULL), TRO_EINVAL);
    tro_check_options o = TRO_CHECK_OPTIONS_INIT;
    o.version = 99;
    CHECK_INT(tro_check(ctx, rel, &o, &r, &err), TRO_EVERSION);
    tro_catalog *cat = (tro_catalog *)1;
    const char *missing[] = {"/nonexistent/trulyopen-catalog"};
    CHECK_INT(tro_catalog_new(&cat, ctx, missing, 1, &err), TRO_EIO);
    CHECK(cat == NULL);
    CHECK_CONTAINS(err.message, "trulyopen-catalog");
    CHECK_INT(tro_catalog_new(&cat, ctx, NULL, 1, NULL), TRO_EINVAL);
    tro_catalog_free(NULL);
    tro_report_free(NULL);
    char *s = (char *)1;
    CHECK_INT(tro_report_json(NULL, &s, NULL), TRO_EINVAL);
    CHECK(s == NULL);
    CHECK_INT(tro_report_text(NULL, 0, &s, NULL), TRO_EINVAL);
    CHECK_INT(tro_report_status(NULL, TRO_CRITERION_USE_FREEDOM), TRO_STATUS_UNKNOWN);
    CHECK_INT(tro_report_mof_class(NULL), -1);

    /* accessors and writers of a real report */
    CHECK_INT(tro_check(ctx, rel, NULL, &r, &err), 0);
    CHECK_INT(tro_report_status(r, TRO_CRITERION_USE_FREEDOM), TRO_STATUS_PASS);
    CHECK_INT(tro_report_status(r, TRO_CRITERION_DATA_ACCESS), TRO_STATUS_FAIL);
    CHECK_INT(tro_report_truly_open(r), 0);
    CHECK_STR(tro_report_verdict(r), "not-truly-open");
    CHECK_INT(tro_report_mof_class(r), -1);
    size_t len = 0;
    CHECK_INT(tro_report_text(r, TRO_TEXT_COLOR, &s, &len), 0);
    CHECK(!strncmp(s, "\033[1m\033[31mnot-truly-open", 23));
    CHECK_INT(len, strlen(s));
    tro_free(s);
    CHECK_INT(tro_report_text(r, 0, &s, NULL), 0);
    CHECK(!strncmp(s, "not-truly-open  mem", 19) && !strchr(s, '\033'));
    CHECK_CONTAINS(s, "To pass:");
    tro_free(s);
    CHECK_INT(tro_report_json(r, &s, &len), 0);
    CHECK(len > 2 && s[len - 1] == '\n' && s[len - 2] == '}');
    tro_free(s);
    tro_report_free(r);
    tro_release_free(rel);
}

/* Names added from memory may be any bytes: the report stays valid JSON,
 * with the bytes that are not UTF-8 escaped as a scan escapes them. */
static void test_bad_names(tro_ctx *ctx)
{
    tro_release *rel = card_release(ctx, "license: other", "");
    const char *mit = "SPDX-License-Identifier: MIT\n";
    CHECK_INT(tro_release_add_buffer(rel, "d\xff/LICENSE", mit, strlen(mit)), 0);
    int rc;
    json_t *doc = check_json(ctx, rel, NULL, &rc);
    CHECK_INT(rc, 0);
    CHECK(doc != NULL);
    const json_t *arts = json_object_get(doc, "artifacts");
    CHECK_STR(jstr(json_array_get(arts, 0), "path"), "README.md");
    CHECK_STR(jstr(json_array_get(arts, 1), "path"), "d\\xff/LICENSE");
    CHECK_STR(status(doc, "use_freedom"), "pass");
    json_decref(doc);
    tro_release_free(rel);
}

static void test_links(void)
{
    static const struct {
        const char *url;
        trop_link_kind kind;
        const char *id;
    } cases[] = {
        {"https://github.com/karpathy/nanoGPT", TROP_LINK_CODE, NULL},
        {"https://www.github.com/org/repo/tree/main/train", TROP_LINK_CODE, NULL},
        {"https://gitlab.com/org/repo/-/blob/main/train.py", TROP_LINK_CODE, NULL},
        {"https://codeberg.org/org/repo", TROP_LINK_CODE, NULL},
        {"git@github.com:org/repo.git", TROP_LINK_CODE, NULL},
        {"https://example.org/org/repo.git", TROP_LINK_CODE, NULL},
        {"https://github.com/org/repo/blob/main/LICENSE", TROP_LINK_OTHER, NULL},
        {"https://github.com/org/repo/issues/2", TROP_LINK_OTHER, NULL},
        {"https://github.com/org/repo/blob/main/figures/qr.jpeg?raw=true", TROP_LINK_OTHER, NULL},
        {"https://github.com/huggingface/transformers", TROP_LINK_OTHER, NULL},
        {"https://github.com/org", TROP_LINK_OTHER, NULL},
        {"https://github.com/features/copilot", TROP_LINK_OTHER, NULL},
        {"https://arxiv.org/abs/1706.03762", TROP_LINK_PAPER, NULL},
        {"http://arxiv.org/pdf/2204.06745.pdf", TROP_LINK_PAPER, NULL},
        {"https://arxiv.org/", TROP_LINK_OTHER, NULL},
        {"https://doi.org/10.1000/182", TROP_LINK_PAPER, NULL},
        {"https://openreview.net/forum?id=abc", TROP_LINK_PAPER, NULL},
        {"https://aclanthology.org/2020.acl-main.1", TROP_LINK_PAPER, NULL},
        {"https://huggingface.co/datasets/allenai/c4", TROP_LINK_HF_DATASET, "allenai/c4"},
        {"https://hf.co/datasets/wikipedia", TROP_LINK_HF_DATASET, "wikipedia"},
        {"https://huggingface.co/meta-llama/Llama-2-7b-hf/blob/main/README.md", TROP_LINK_HF_MODEL,
         "meta-llama/Llama-2-7b-hf"},
        {"https://huggingface.co/docs/hub", TROP_LINK_OTHER, NULL},
        {"https://huggingface.co/datasets/../../etc", TROP_LINK_OTHER, NULL},
        /* hosts read the long way: case, user@, :port, characters not in plain hosts */
        {"HTTPS://GitHub.COM/org/repo", TROP_LINK_CODE, NULL},
        {"https://git@github.com/org/repo", TROP_LINK_CODE, NULL},
        {"https://a@b@gitlab.com/o/r", TROP_LINK_CODE, NULL},
        {"https://user:pw@github.com/org/repo", TROP_LINK_OTHER, NULL},
        {"https://github.com:443/org/repo", TROP_LINK_CODE, NULL},
        {"https://exa_mple.com/o/r.git", TROP_LINK_CODE, NULL},
        {"https://example.com:8080/x/y.GIT?q", TROP_LINK_CODE, NULL},
        {"https://HF.co/datasets/Org/X", TROP_LINK_HF_DATASET, "Org/X"},
        {"https://www.huggingface.co/datasets/org/x", TROP_LINK_HF_DATASET, "org/x"},
        {"https://github.com/microsoft/DeepSpeed", TROP_LINK_OTHER, NULL},
        {"https://github.com/org/repo/raw/main/x.PNG", TROP_LINK_OTHER, NULL},
        {"https://github.com//o//r", TROP_LINK_CODE, NULL},
        {"javascript:alert(1)", TROP_LINK_OTHER, NULL},
        {"", TROP_LINK_OTHER, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char id[TROP_HUB_ID_MAX] = "";
        trop_link_kind k = trop_link_classify(cases[i].url, id, sizeof id);
        if (k != cases[i].kind)
            fprintf(stderr, "link %s\n", cases[i].url);
        CHECK_INT(k, cases[i].kind);
        if (cases[i].id)
            CHECK_STR(id, cases[i].id);
    }
    CHECK(trop_hub_id_valid("org/name-1.5_x"));
    CHECK(trop_hub_id_valid("c4"));
    CHECK(!trop_hub_id_valid("a/b/c"));
    CHECK(!trop_hub_id_valid("../x"));
    CHECK(!trop_hub_id_valid("org/.hidden"));
    CHECK(!trop_hub_id_valid("org/"));
    CHECK(!trop_hub_id_valid("/name"));
    CHECK(!trop_hub_id_valid("-org/name"));
    CHECK(!trop_hub_id_valid(""));
    CHECK(!trop_hub_id_valid("The Pile"));
    char id[TROP_HUB_ID_MAX];
    CHECK(trop_hub_id_normalise(" https://huggingface.co/datasets/org/x/ ", TRO_REF_DATASET, id,
                                sizeof id));
    CHECK_STR(id, "org/x");
    CHECK(!trop_hub_id_normalise("https://huggingface.co/org/x", TRO_REF_DATASET, id, sizeof id));
    CHECK(trop_builtin_find("META-LLAMA/llama-2-70b-chat-hf") != NULL);
    CHECK(trop_builtin_find("someone/llama-2-clone") == NULL);
}

/* ---- threads sharing a catalog ---------------------------------------------------- */

typedef struct job {
    tro_ctx *ctx;
    tro_catalog *cat;
    const char *expect;
    int mismatches;
} job;

static void *worker(void *p)
{
    job *jb = p;
    tro_check_options o = TRO_CHECK_OPTIONS_INIT;
    o.catalog = jb->cat;
    for (int i = 0; i < 100; i++) {
        tro_release *rel = card_release(
            jb->ctx, "license: apache-2.0\nbase_model: org/base\ndatasets: [org/data]", METHOD);
        tro_report *r;
        char *s = NULL;
        if (tro_check(jb->ctx, rel, &o, &r, NULL) || tro_report_json(r, &s, NULL) ||
            strcmp(s, jb->expect))
            jb->mismatches++;
        tro_free(s);
        tro_report_free(r);
        tro_release_free(rel);
    }
    return NULL;
}

static void test_threads(tro_ctx *ctx, const char *dir)
{
    tro_catalog *cat, *fresh;
    const char *dirs[] = {dir};
    CHECK_INT(tro_catalog_new(&cat, ctx, dirs, 1, NULL), 0);
    CHECK_INT(tro_catalog_new(&fresh, ctx, dirs, 1, NULL), 0);
    /* the expected report, from a catalog no thread touches */
    tro_check_options o = TRO_CHECK_OPTIONS_INIT;
    o.catalog = fresh;
    tro_release *rel = card_release(
        ctx, "license: apache-2.0\nbase_model: org/base\ndatasets: [org/data]", METHOD);
    tro_report *r;
    char *expect = NULL;
    CHECK_INT(tro_check(ctx, rel, &o, &r, NULL), 0);
    CHECK_INT(tro_report_json(r, &expect, NULL), 0);
    CHECK_INT(tro_report_truly_open(r), 1);
    tro_report_free(r);
    tro_release_free(rel);
    pthread_t th[4];
    job jobs[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (job){ctx, cat, expect, 0};
        CHECK_INT(pthread_create(&th[i], NULL, worker, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        CHECK_INT(jobs[i].mismatches, 0);
    }
    tro_free(expect);
    tro_catalog_free(cat);
    tro_catalog_free(fresh);
}

/* The document is built when first rendered: a report outlives its release
 * (rendered after the release is freed, it is the same), and threads that
 * render one report at once all get the same bytes. JSON is written
 * straight from the check's parts; SARIF needs the document, so the
 * threads render SARIF: the first one to build it races the others. */
typedef struct render_job {
    const tro_report *r;
    const char *expect;
    int mismatches;
} render_job;

static void *render(void *p)
{
    render_job *jb = p;
    char *s = NULL;
    if (tro_report_sarif(jb->r, &s, NULL) || strcmp(s, jb->expect))
        jb->mismatches++;
    tro_free(s);
    return NULL;
}

static void test_lazy_document(tro_ctx *ctx)
{
    static const char fm[] = "license: apache-2.0\ndatasets: [org/data]\nbase_model: org/x";
    tro_release *rel = card_release(ctx, fm, METHOD);
    tro_report *r, *early;
    char *expect = NULL, *late = NULL, *sarif = NULL;
    CHECK_INT(tro_check(ctx, rel, NULL, &early, NULL), 0);
    CHECK_INT(tro_report_json(early, &expect, NULL), 0);
    CHECK_INT(tro_check(ctx, rel, NULL, &r, NULL), 0);
    tro_release_free(rel);
    /* statuses need no document */
    CHECK_INT(tro_report_status(r, TRO_CRITERION_USE_FREEDOM), TRO_STATUS_UNKNOWN);
    CHECK_INT(tro_report_status(r, TRO_CRITERION_METHOD_TRANSPARENCY), TRO_STATUS_PASS);
    CHECK_INT(tro_report_sarif(r, &sarif, NULL), 0);
    CHECK_INT(tro_report_json(r, &late, NULL), 0);
    CHECK(expect && late && !strcmp(expect, late));
    CHECK_CONTAINS(late, "\"path\": \"README.md\"");
    CHECK_CONTAINS(late, "base-model-unresolved");
    tro_free(late);
    tro_free(sarif);
    tro_report_free(r);
    /* a fresh report, rendered by four threads at once */
    rel = card_release(ctx, fm, METHOD);
    CHECK_INT(tro_check(ctx, rel, NULL, &r, NULL), 0);
    tro_release_free(rel);
    char *expect_sarif = NULL;
    CHECK_INT(tro_report_sarif(early, &expect_sarif, NULL), 0);
    pthread_t th[4];
    render_job jobs[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (render_job){r, expect_sarif, 0};
        CHECK_INT(pthread_create(&th[i], NULL, render, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        CHECK_INT(jobs[i].mismatches, 0);
    }
    /* and the document they built gives the JSON written without it */
    CHECK_INT(tro_report_json(r, &late, NULL), 0);
    CHECK(late && !strcmp(expect, late));
    tro_free(late);
    tro_report_free(r);
    tro_report_free(early);
    tro_free(expect);
    tro_free(expect_sarif);
}

/* Use freedom asks the licence layer whether a licence is free for the
 * model: content and data licences free for data (CC BY and CC BY-SA of every
 * version, CC0, ODC-By, ODbL, PDDL) are, though not licences for software;
 * non-commercial and no-derivatives ones are not. A statement saying what
 * each licence covers is judged on the weights' licence; the data's licence
 * decides whether a dataset is free for training. */
static void test_content_licences(tro_ctx *ctx)
{
    static const struct {
        const char *license, *use;
    } v[] = {
        {"cc-by-4.0", "pass"},
        {"cc-by-3.0", "pass"},
        {"cc-by-2.0", "pass"},
        {"cc-by-sa-4.0", "pass"},
        {"cc-by-sa-3.0", "pass"},
        {"cc0-1.0", "pass"},
        {"odc-by", "pass"},
        {"odbl", "pass"},
        {"pddl", "pass"},
        {"CC-BY-4.0 AND MIT", "pass"},
        {"apache-2.0", "pass"},
        {"cc-by-nc-4.0", "fail"},
        {"cc-by-nc-sa-4.0", "fail"},
        {"cc-by-nd-4.0", "fail"},
        {"cc-by-nc-nd-3.0", "fail"},
        {"CC-BY-4.0 AND CC-BY-NC-4.0", "fail"},
        {"'MIT (code), CC BY 4.0 (weights)'", "pass"},
        {"'MIT (code), CC BY-NC 4.0 (weights)'", "fail"},
        {"'Apache-2.0 (code), CC BY-ND 4.0 (weights)'", "fail"},
        /* the code's licence does not restrict the weights */
        {"'CC BY-NC 4.0 (code), CC BY 4.0 (weights)'", "pass"},
    };
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        char fm[256];
        snprintf(fm, sizeof fm, "license: %s", v[i].license);
        tro_release *rel = card_release(ctx, fm, METHOD);
        int rc;
        json_t *doc = check_json(ctx, rel, NULL, &rc);
        CHECK_INT(rc, 0);
        const char *got = status(doc, "use_freedom");
        if (!got || strcmp(got, v[i].use))
            fprintf(stderr, "  license: %s\n", v[i].license);
        CHECK_STR(got, v[i].use);
        json_decref(doc);
        tro_release_free(rel);
    }

    /* a dataset: free for training under a content licence, not under NC */
    static const entry data[][2] = {
        {{TRO_REF_DATASET, "org/d", "license: cc-by-sa-4.0\ntask_categories: [text-generation]", "",
          0},
         {0, NULL, NULL, NULL, 0}},
        {{TRO_REF_DATASET, "org/d", "license: cc-by-nc-4.0\ntask_categories: [text-generation]", "",
          0},
         {0, NULL, NULL, NULL, 0}},
    };
    for (size_t i = 0; i < 2; i++) {
        table t = {.v = data[i]};
        tro_check_options o = TRO_CHECK_OPTIONS_INIT;
        o.resolve = resolve;
        o.resolve_userdata = &t;
        tro_release *rel = card_release(ctx, "license: cc-by-4.0\ndatasets: [org/d]", METHOD);
        int rc;
        json_t *doc = check_json(ctx, rel, &o, &rc);
        CHECK_INT(rc, 0);
        CHECK_STR(status(doc, "use_freedom"), "pass");
        const json_t *ds = json_array_get(json_object_get(doc, "datasets"), 0);
        CHECK(json_is_true(json_object_get(ds, "free_for_data")) == (i == 0));
        CHECK_STR(status(doc, "data_access"), i == 0 ? "pass" : "fail");
        json_decref(doc);
        tro_release_free(rel);
    }
}

/* A copyright line's "All Rights Reserved" beside a free licence is a
 * notice, not a licence: the licence layer reads the phrase alone as
 * proprietary, but the card's text names no licence with it. */
static void test_rights_reserved_notice(tro_ctx *ctx)
{
    static const char *const bodies[] = {
        "\n## License\n\nThis model is licensed under the Apache 2.0 License, Copyright 2024 "
        "Foo Inc. All Rights Reserved.\n",
        "\n## License\n\nApache 2.0\n\nCopyright 2024 Foo Inc. All rights reserved.\n",
    };
    for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
        tro_release *rel = card_release(ctx, "license: apache-2.0", bodies[i]);
        int rc;
        json_t *doc = check_json(ctx, rel, NULL, &rc);
        CHECK_INT(rc, 0);
        CHECK_STR(status(doc, "use_freedom"), "pass");
        CHECK_INT(json_array_size(json_object_get(doc, "licenses")), 1);
        json_decref(doc);
        tro_release_free(rel);
    }
}

/* A model card's sentence about its training data's licence is not the
 * model's licence: a non-free data licence does not fail use freedom, and a
 * free one adds no statement; the same sentence about the model counts. */
static void test_data_licence_sentence(tro_ctx *ctx)
{
    static const struct {
        const char *body, *use;
        size_t licenses;
    } cases[] = {
        {"\nTrained on the wiki dataset, whose text is available under CC BY-NC 4.0.\n", "pass", 1},
        {"\nOur training data is licensed under CC BY-SA 4.0.\n", "pass", 1},
        {"\nThe model is licensed under CC BY-NC 4.0.\n", "fail", 2},
        {"\nThe model and its training data are licensed under CC BY-NC 4.0.\n", "fail", 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        tro_release *rel = card_release(ctx, "license: apache-2.0", cases[i].body);
        int rc;
        json_t *doc = check_json(ctx, rel, NULL, &rc);
        CHECK_INT(rc, 0);
        CHECK_STR(status(doc, "use_freedom"), cases[i].use);
        CHECK_INT(json_array_size(json_object_get(doc, "licenses")), cases[i].licenses);
        json_decref(doc);
        tro_release_free(rel);
    }
}

TRO_TEST(check)
{
    tro_ctx *ctx;
    if (tro_ctx_new(&ctx, NULL, NULL))
        TRO_FAIL("tro_ctx_new");
    char *dir = fx_tempdir();
    fx_text(fx_path(dir, "models/org/base/README.md"),
            "---\nlicense: apache-2.0\ndatasets: [org/data]\n---\n# Base\n" METHOD);
    fx_text(fx_path(dir, "datasets/org/data/README.md"),
            "---\nlicense: odc-by\npretty_name: data\n---\n# Data\n");
    test_resolver_chain(ctx);
    test_resolver_cycle_and_errors(ctx);
    test_resolver_then_catalog(ctx, dir);
    test_api_errors(ctx);
    test_bad_names(ctx);
    test_links();
    test_threads(ctx, dir);
    test_lazy_document(ctx);
    test_content_licences(ctx);
    test_rights_reserved_notice(ctx);
    test_data_licence_sentence(ctx);
    fx_rmtree(dir);
    free(dir);
    tro_ctx_free(ctx);
}

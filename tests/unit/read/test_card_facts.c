/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* A card's facts (lib/read/facts.h), made as it is read with the front
 * matter values the judge does not read left unbuilt, must agree with its
 * metadata, rendered from the facts with the front matter parsed in full:
 * the judged fields, the kinds of keys, the code and paper URLs of the top
 * level, the body's sections and links. On hand-made cards and on every
 * card of the shared corpus when there is one. */
#include "read_test.h"
#include "judge.h"

#include <dirent.h>

static const char *const docs[] = {
    /* the body: sections, tables, links of every kind */
    "---\nlicense: mit\ndatasets: [c4]\n---\n# Model\n\nIntro text here.\n\n"
    "## Training procedure\n\nWe trained it for 3 epochs on 8 GPUs with AdamW.\n\n"
    "| a | b |\n|---|---|\n| 1 | 2 |\n\n### Sub   section\t title\n\nMore words, e.g. "
    "state-of-the-art.\n",
    "Text before\nany heading [inline](https://github.com/a/b \"T\") and ![img](x.png)\n"
    "<https://huggingface.co/datasets/c4> www.example.org and a@b.org\n"
    "[ref][Label] and [missing][nope]\n\n[label]: https://arxiv.org/abs/2305.1 'title'\n"
    "Setext title\nspanning lines\n====\n\n[More Information Needed]\n\n"
    "<a href=\"https://hf.co/org/model\">html</a>\n<!-- [hidden](https://x.y) -->\n",
    "",
    "# only a heading",
    "---\nnot: [closed\n",
    /* a model card: model-index, widget, extra gating, URLs in values */
    "---\nlicense: apache-2.0\ndatasets:\n- c4\n- x: 1\nbase_model: a/b\ntags:\n- arxiv:2305.1\n"
    "- text\nlanguage:\n- en\n- fr\n- 3\nlibrary_name: transformers\npipeline_tag: text-gen\n"
    "repository: https://github.com/a/b\npaper: https://arxiv.org/abs/1\ncode:\n- ha\n"
    "- git+ssh://git@github.com/a/b\n- git@github.com:a/b.git\n- summary\n- hf.co/a/b\n"
    "- github.com/a/b\n- HTTPS://GITHUB.COM/A/B\n- https://doi.org/10.1/x\nmodel-index:\n"
    "- name: m\n  results:\n  - task:\n      type: t\n    metrics:\n    - type: acc\n"
    "      value: 0.5\nwidget:\n- text: hi\nextra_gated_prompt: \"a long text\"\ninference: false\n"
    "co2:\n  emissions: 5\n---\n# Model\n\nText.\n",
    /* a dataset card: configs and output-only fields of every shape */
    "---\npretty_name: P\nsize_categories:\n- 1K<n<10K\ntask_categories: text\ntask_ids:\n"
    "  a: 1\nsource_datasets:\n-\n  - x\nconfigs:\n- config_name: default\n  data_files:\n"
    "  - split: train\n    path: data/*.parquet\ndataset_info:\n  features:\n  - name: text\n"
    "---\n# Data\n",
    /* shapes the normaliser warns about, in fields it reads */
    "---\nlicense:\n  a: b\nlicense_name:\n- x\nlibrary_name:\n  k: v\npipeline_tag: [a]\n"
    "pretty_name: true\nlanguage: false\nconfigs: text\ntags:\n- a: 1\n---\nbody\n",
    /* duplicates inside values left unbuilt, and at the top */
    "---\nmodel-index:\n- name: a\n  name: b\n  results:\n  - x: 1\n    x: 2\nw:\n  t: 1\n  t: 2\n"
    "w: 3\nlicense: mit\nlicense: [apache-2.0]\n---\n",
    /* malformed YAML inside what would be left unbuilt: libyaml's error */
    "---\nlicense: mit\nmodel-index:\n- name: a\n  results: [\n---\n# T\n",
    "---\nmodel-index:\n- name: a\n bad: 1\n---\n",
    "---\nm:\n  k: \"\\ud800\"\n---\n",
    /* nothing left unbuilt; no front matter; not a mapping */
    "---\nlicense: mit\n---\n# x\n",
    "# no front matter\n",
    "---\n- a\n- b: 1\n---\n",
    "---\n---\n",
};

static void same_list(const trop_strs *facts, const json_t *meta, const char *what)
{
    CHECK_INT(facts->n, json_array_size(meta));
    for (size_t i = 0; i < facts->n && i < json_array_size(meta); i++)
        CHECK_STR(facts->v[i].s, json_string_value(json_array_get(meta, i)));
    if (facts->n != json_array_size(meta))
        fprintf(stderr, "  %s differs\n", what);
}

static void same_string(const trop_str *facts, const json_t *meta)
{
    CHECK_INT(facts->s == NULL, json_is_null(meta) || !meta);
    if (facts->s && json_is_string(meta))
        CHECK_STR(facts->s, json_string_value(meta));
}

/* The URLs the judge classifies as code or paper, from the facts and from
 * the full front matter, in order. */
static bool judged_url(const char *s)
{
    if (!s || (s[0] != 'h' && s[0] != 'g' && s[0] != 's'))
        return false;
    trop_link_kind k = trop_link_classify(s, NULL, 0);
    return k == TROP_LINK_CODE || k == TROP_LINK_PAPER;
}

/* Per key (the rendered metadata sorts keys; the facts keep the file's
 * order), the judged URLs in order. */
static void same_urls(const trop_card_facts *c, const json_t *fm)
{
    size_t total = 0;
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)fm, key, v)
    {
        if (!strncmp(key, "license", 7))
            continue;
        size_t n = json_is_array(v) ? json_array_size(v) : 1, at = 0;
        for (size_t i = 0; i < n && i < TROP_FM_MAX_URLS; i++) {
            const char *s = json_string_value(json_is_array(v) ? json_array_get(v, i) : v);
            if (!judged_url(s))
                continue;
            total++;
            while (at < c->urls.n &&
                   (strcmp(c->urls.v[at].key.s, key) || !judged_url(c->urls.v[at].url.s)))
                at++;
            CHECK(at < c->urls.n);
            if (at < c->urls.n)
                CHECK_STR(c->urls.v[at++].url.s, s);
        }
    }
    size_t judged = 0;
    for (size_t i = 0; i < c->urls.n; i++)
        judged += judged_url(c->urls.v[i].url.s);
    CHECK_INT(judged, total);
}

static void same_body(const trop_card_body *b, const json_t *meta)
{
    const json_t *secs = json_object_get(meta, "sections");
    const json_t *links = json_object_get(meta, "links");
    CHECK(b != NULL);
    if (!b)
        return;
    CHECK_INT(json_array_size(secs), b->nsecs);
    CHECK_INT(json_array_size(links), b->nlinks);
    for (size_t i = 0; i < b->nsecs && i < json_array_size(secs); i++) {
        const json_t *s = json_array_get(secs, i);
        CHECK_STR(json_string_value(json_object_get(s, "title")), b->secs[i].title);
        CHECK_INT(json_integer_value(json_object_get(s, "words")), (long long)b->secs[i].words);
        CHECK_INT(json_integer_value(json_object_get(s, "line")), (long long)b->secs[i].line);
    }
    for (size_t i = 0; i < b->nlinks && i < json_array_size(links); i++)
        CHECK_STR(json_string_value(json_object_get(json_array_get(links, i), "url")),
                  b->links[i].url);
    CHECK_INT(json_integer_value(json_object_get(meta, "words")), (long long)b->words);
    CHECK_INT(json_integer_value(json_object_get(meta, "tables")), (long long)b->tables);
}

static unsigned keys_of(const json_t *fm)
{
    static const char *const data[] = {"task_categories", "task_ids", "size_categories",
                                       "source_datasets", "annotations_creators",
                                       "language_creators", "multilinguality", "dataset_info",
                                       "pretty_name", "configs", NULL};
    static const char *const model[] = {"base_model", "library_name", "pipeline_tag",
                                        "model-index", "model_name", NULL};
    unsigned k = 0;
    for (const char *const *p = data; json_is_object(fm) && *p; p++)
        k |= json_object_get(fm, *p) ? TROP_FM_DATASET_KEYS : 0;
    for (const char *const *p = model; json_is_object(fm) && *p; p++)
        k |= json_object_get(fm, *p) ? TROP_FM_MODEL_KEYS : 0;
    if (json_is_object(fm) && json_object_get(fm, "model-index"))
        k |= TROP_FM_MODEL_INDEX;
    if (json_is_object(fm) &&
        (json_object_get(fm, "quantized_by") || json_object_get(fm, "model_creator")))
        k |= TROP_FM_QUANTIZED;
    return k;
}

static void same(const char *name, const char *doc, size_t len)
{
    tro_ctx *ctx = NULL;
    tro_release *rel = NULL;
    CHECK_INT(tro_ctx_new(&ctx, NULL, NULL), 0);
    CHECK_INT(tro_release_new(&rel, ctx, "facts"), 0);
    CHECK_INT(tro_release_add_buffer(rel, "README.md", doc, len), 0);
    const tro_artifact *a = tro_release_artifact(rel, 0);
    const trop_card_facts *c = trop_card_facts_of(a);
    json_t *meta = json_loads(trt_meta(a), 0, NULL);
    CHECK(c != NULL && meta != NULL);
    if (c && meta) {
        int before = trt_failures;
        same_list(&c->license, json_object_get(meta, "license"), "license");
        same_list(&c->datasets, json_object_get(meta, "datasets"), "datasets");
        same_list(&c->base_model, json_object_get(meta, "base_model"), "base_model");
        same_list(&c->arxiv, json_object_get(meta, "arxiv"), "arxiv");
        same_string(&c->license_name, json_object_get(meta, "license_name"));
        same_string(&c->license_link, json_object_get(meta, "license_link"));
        same_string(&c->base_model_relation, json_object_get(meta, "base_model_relation"));
        CHECK_STR(c->fm_status, json_string_value(json_object_get(meta, "front_matter_status")));
        const json_t *fm = json_object_get(meta, "front_matter");
        CHECK_INT(c->keys, keys_of(fm));
        if (json_is_object(fm))
            same_urls(c, fm);
        same_body(c->body, meta);
        if (trt_failures != before)
            fprintf(stderr, "  in %s\n", name);
    }
    /* rendered again, the metadata is the same */
    char *first = strdup(trt_meta(a));
    CHECK_STR(trt_meta(a), first);
    free(first);
    json_decref(meta);
    tro_release_free(rel);
    tro_ctx_free(ctx);
}

/* Every card of the shared corpus, when there is one. */
static void corpus(void)
{
    const char *env = getenv("TRO_CORPUS"), *top = getenv("top_srcdir");
    static const char *const sub[] = {"cards", "real-cards"};
    size_t n = 0;
    for (int k = 0; k < 2; k++) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/%s", env ? env : "", sub[k]);
        if (!env)
            snprintf(dir, sizeof dir, "%s/../shared/corpus/%s", top ? top : ".", sub[k]);
        DIR *d = opendir(dir);
        if (!d)
            continue;
        struct dirent *e;
        while ((e = readdir(d))) {
            size_t l = strlen(e->d_name);
            if (l < 4 || strcmp(e->d_name + l - 3, ".md"))
                continue;
            char path[8192];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            FILE *f = fopen(path, "rb");
            char *buf = f ? malloc(1 << 22) : NULL;
            size_t len = buf ? fread(buf, 1, 1 << 22, f) : 0;
            if (f)
                fclose(f);
            if (buf)
                same(e->d_name, buf, len);
            n++;
            free(buf);
        }
        closedir(d);
    }
    printf("%zu corpus cards compared\n", n);
}

TRO_TEST(card_facts)
{
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++)
        same(docs[i], docs[i], strlen(docs[i]));
    corpus();
}

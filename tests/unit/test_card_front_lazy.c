/* A card read through a release (a->lazy_meta) leaves most of its front
 * matter unbuilt until the metadata is asked for (card.c, yaml.h: deferred
 * values), and the normalised fields the judge does not read. Read that way or at once, a card must give the same metadata
 * JSON and the same findings, in the same order; before the metadata is
 * asked for, what the judge reads must already be there. */
#include "read_test.h"
#include "judge.h"

#include <dirent.h>

static const char *const docs[] = {
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

static char *findings(const tro_artifact *a)
{
    size_t cap = 64, n = 0;
    char *s = calloc(1, cap);
    for (size_t i = 0; s && i < a->findings.n; i++) {
        const tro_finding *f = &a->findings.v[i];
        size_t need = strlen(f->code) + strlen(f->message) + 48;
        if (n + need >= cap) {
            char *t = realloc(s, cap = 2 * (n + need));
            if (!t) {
                free(s);
                return NULL;
            }
            s = t;
        }
        n += (size_t)snprintf(s + n, cap - n, "%d %s %lld %s\n", (int)f->severity, f->code,
                              (long long)f->offset, f->message);
    }
    return s;
}

/* A front matter value the judge sees before the metadata is asked for (l)
 * against the full one (e): the same kind, and where e is a string the
 * judge would take for a code or paper URL, the same string. */
static void judged_value(const json_t *l, const json_t *e)
{
    const char *t = json_string_value(e);
    CHECK_INT(json_is_null(l), json_is_null(e));
    CHECK_INT(json_is_boolean(l), json_is_boolean(e));
    CHECK_INT(json_is_array(l), json_is_array(e));
    CHECK_INT(json_is_object(l), json_is_object(e));
    const char *ls = json_string_value(l);
    if (!t || !ls || (t[0] != 'h' && t[0] != 'g' && t[0] != 's'))
        return;
    trop_link_kind k = trop_link_classify(t, NULL, 0);
    if (k == TROP_LINK_CODE || k == TROP_LINK_PAPER || ls[0]) /* "": a stand-in */
        CHECK_STR(ls, t);
}

/* What the judge reads before the metadata is asked for: the top-level
 * keys, the normalised fields it uses, code and paper URLs. */
static void judged_same(const json_t *lazy, const json_t *eager)
{
    static const char *const fields[] = {"license",  "license_name", "license_link",
                                         "datasets", "base_model",   "base_model_relation",
                                         "arxiv",    "tags",         "front_matter_status",
                                         NULL};
    for (const char *const *k = fields; *k; k++)
        CHECK(json_equal(json_object_get(lazy, *k), json_object_get(eager, *k)));
    const json_t *fl = json_object_get(lazy, "front_matter");
    const json_t *fe = json_object_get(eager, "front_matter");
    CHECK_INT(json_object_size(fl), json_object_size(fe));
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)fe, key, v)
    {
        const json_t *l = json_object_get(fl, key);
        CHECK(l != NULL);
        if (l)
            judged_value(l, v);
        for (size_t i = 0; l && json_is_array(v) && i < json_array_size(v); i++)
            judged_value(json_array_get(l, i), json_array_get(v, i));
    }
}

static void same(const char *name, const char *doc, size_t len, bool *deferred)
{
    rt r;
    json_t *m = rt_read(&r, TRO_TYPE_MODEL_CARD, "README.md", doc, len, NULL);
    CHECK(m != NULL);
    if (!m)
        return;
    char *eager = strdup(tro_artifact_metadata_json(r.a)), *ef = findings(r.a);
    tro_release *rel = NULL;
    CHECK_INT(tro_release_new(&rel, r.ctx, "lazy"), 0);
    CHECK_INT(tro_release_add_buffer(rel, "README.md", doc, len), 0);
    tro_artifact *a = rel->arts[0];
    char *lf = findings(a);
    CHECK_STR(lf, ef);
    judged_same(a->meta, r.a->meta);
    *deferred = a->lazy != NULL;
    /* the fields only the metadata shows are made when it is asked for */
    CHECK(a->meta_fill != NULL);
    CHECK(json_object_get(a->meta, "language") == NULL);
    CHECK(json_object_get(a->meta, "configs") == NULL);
    CHECK(json_object_get(a->meta, "license") != NULL);
    const char *lazy = tro_artifact_metadata_json(a);
    CHECK_STR(lazy, eager);
    if (strcmp(lazy, eager))
        fprintf(stderr, "  in %s\n", name);
    CHECK(a->lazy == NULL && a->meta_fill == NULL);
    CHECK_STR(tro_artifact_metadata_json(a), eager);
    free(eager);
    free(ef);
    free(lf);
    tro_release_free(rel);
    rt_free(&r);
}

/* Every card of the shared corpus, when there is one. */
static void corpus(void)
{
    const char *env = getenv("TRO_CORPUS"), *top = getenv("top_srcdir");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/cards", env ? env : "");
    if (!env)
        snprintf(dir, sizeof dir, "%s/../shared/corpus/cards", top ? top : ".");
    DIR *d = opendir(dir);
    if (!d) {
        printf("no shared corpus: its cards are not compared\n");
        return;
    }
    struct dirent *e;
    size_t n = 0, deferred = 0;
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
        bool def = false;
        if (buf)
            same(e->d_name, buf, len, &def);
        deferred += def;
        n++;
        free(buf);
    }
    closedir(d);
    CHECK(n > 0);
    CHECK(deferred > 0);
}

int main(void)
{
    size_t deferred = 0;
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        bool def = false;
        same(docs[i], docs[i], strlen(docs[i]), &def);
        deferred += def;
    }
    CHECK(deferred >= 4); /* the first four leave something unbuilt */
    corpus();
    return trt_finish("test_card_front_lazy");
}

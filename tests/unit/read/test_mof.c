/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The MOF release reader (lib/read/manifest/mof.c) and the component table. */
#include "read_test.h"
#include "facts.h"

static json_t *mof(rt *r, const char *text)
{
    json_t *m = rt_read(r, TRO_TYPE_MOF, "mof.yml", text, strlen(text), NULL);
    CHECK(m != NULL);
    CHECK_INT(r->rc, 0);
    return m;
}

static const json_t *rel(const json_t *m)
{
    return json_object_get(m, "release");
}

static const json_t *comp(const json_t *m, size_t i)
{
    return json_array_get(json_object_get(rel(m), "components"), i);
}

static const char *s_(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static const char *example =
    "framework:\n"
    "  name: Model Openness Framework\n"
    "  version: 1.0\n"
    "  date: '2024-12-15'\n"
    "release:\n"
    "  name: Tiny-1B\n"
    "  version: 1B\n"
    "  date: 2025-01-02\n"
    "  type: language\n"
    "  producer: Example Lab\n"
    "  repository: https://example.org/tiny\n"
    "  huggingface: https://huggingface.co/example/tiny\n"
    "  license:\n"
    "    distribution:\n"
    "      name: Apache-2.0\n"
    "      path: LICENSE\n"
    "    data: CDLA-Permissive-2.0\n"
    "  components:\n"
    "    - name: Model architecture\n"
    "      description: The code of the network\n"
    "      license: MIT\n"
    "      license_path: LICENSE-CODE\n"
    "      component_path: https://example.org/tiny/model.py\n"
    "    - name: Model parameters (Final)\n"
    "      license:\n"
    "        name: CC-BY-4.0\n"
    "        path: https://example.org/weights-license\n"
    "    - name: Research paper\n"
    "      license: ''\n"
    "    - name: Datasets\n";

TRO_TEST(mof_normalised)
{
    rt r;
    json_t *m = mof(&r, example);
    CHECK_INT(rt_count(&r, NULL), 0);
    rt_dump_findings(&r);
    CHECK_JSON(json_object_get(m, "framework"),
               "{\"date\":\"2024-12-15\",\"name\":\"Model Openness Framework\",\"version\":\"1.0\"}");
    const json_t *re = rel(m);
    CHECK_STR(s_(re, "name"), "Tiny-1B");
    CHECK_STR(s_(re, "version"), "1B");
    CHECK_STR(s_(re, "date"), "2025-01-02");
    CHECK_STR(s_(re, "type"), "language");
    CHECK_STR(s_(re, "producer"), "Example Lab");
    CHECK_STR(s_(re, "repository"), "https://example.org/tiny");
    CHECK_STR(s_(re, "huggingface"), "https://huggingface.co/example/tiny");
    CHECK_JSON(json_object_get(re, "license"),
               "{\"code\":null,\"data\":{\"name\":\"CDLA-Permissive-2.0\",\"path\":null},"
               "\"distribution\":{\"name\":\"Apache-2.0\",\"path\":\"LICENSE\"},\"document\":null}");
    CHECK_JSON(comp(m, 0),
               "{\"class\":3,\"component_path\":\"https://example.org/tiny/model.py\","
               "\"content_type\":\"code\",\"description\":\"The code of the network\",\"id\":9,"
               "\"known\":true,\"license\":\"MIT\",\"license_path\":\"LICENSE-CODE\",\"name\":"
               "\"Model architecture\",\"required\":true}");
    CHECK_JSON(comp(m, 1),
               "{\"class\":3,\"component_path\":null,\"content_type\":\"data\",\"description\":"
               "null,\"id\":10,\"known\":true,\"license\":\"CC-BY-4.0\",\"license_path\":"
               "\"https://example.org/weights-license\",\"name\":\"Model parameters (Final)\","
               "\"required\":true}");
    /* "" (included, no license) is kept as written */
    CHECK_STR(s_(comp(m, 2), "license"), "");
    CHECK(json_is_null(json_object_get(comp(m, 3), "license")));
    CHECK_STR(s_(comp(m, 3), "content_type"), "data");
    /* the whole document is there too */
    CHECK_STR(s_(json_object_get(json_object_get(m, "document"), "release"), "producer"),
              "Example Lab");
    rt_free(&r);
}

TRO_TEST(mof_components)
{
    rt r;
    json_t *m = mof(&r,
                    "framework: {name: Model Openness Framework, version: '1.0', date: x}\n"
                    "release:\n"
                    "  name: n\n  producer: p\n  license: {}\n"
                    "  components:\n"
                    "    - name: Training dataset\n"
                    "    - name: model card\n"
                    "    - name: Model card\n"
                    "    - name: Model card\n"
                    "    - just a string\n"
                    "    - description: no name\n"
                    "    - name: [not, a, string]\n");
    const tro_finding *f = rt_finding(&r, "mof-unknown-component");
    CHECK(f && f->severity == TRO_SEVERITY_WARNING);
    CHECK_CONTAINS(f ? f->message : NULL, "'Training dataset'");
    CHECK_CONTAINS(f ? f->message : NULL, "line 7");
    CHECK_CONTAINS(f ? f->message : NULL, "mof.yml");
    /* names are matched exactly, never guessed */
    CHECK_INT(rt_count(&r, "mof-unknown-component"), 2);
    CHECK(!json_is_true(json_object_get(comp(m, 1), "known")));
    CHECK(json_is_null(json_object_get(comp(m, 1), "class")));
    CHECK(json_is_true(json_object_get(comp(m, 2), "known")));
    CHECK_INT(rt_count(&r, "mof-duplicate-component"), 1);
    CHECK_INT(rt_count(&r, "mof-invalid-value"), 2);
    CHECK_INT(rt_count(&r, "mof-missing-key"), 2);
    CHECK_INT(json_array_size(json_object_get(rel(m), "components")), 6);
    rt_free(&r);

    /* a flood of unknown names: findings are capped */
    char *buf = malloc(64 * 200 + 200);
    size_t n = (size_t)sprintf(buf, "framework: {name: a, version: b, date: c}\nrelease:\n"
                                    "  name: n\n  producer: p\n  license: {}\n  components:\n");
    for (int i = 0; i < 200; i++)
        n += (size_t)sprintf(buf + n, "  - name: Thing %d\n", i);
    m = mof(&r, buf);
    CHECK_INT(rt_count(&r, "mof-unknown-component"), 32);
    f = rt_finding(&r, "mof-more-problems");
    CHECK_CONTAINS(f ? f->message : NULL, "168 more");
    CHECK_INT(json_array_size(json_object_get(rel(m), "components")), 200);
    rt_free(&r);
    free(buf);
}

typedef struct bad_case {
    const char *name;
    const char *text;
    const char *code;
    tro_severity sev;
    const char *in_message;
} bad_case;

static const bad_case bad_cases[] = {
    {"no framework", "release: {name: n, producer: p, license: {}, components: []}\n",
     "mof-missing-key", TRO_SEVERITY_ERROR, "framework is missing"},
    {"framework keys", "framework: {name: x}\nrelease: {name: n, producer: p, license: {}, "
     "components: []}\n", "mof-missing-key", TRO_SEVERITY_ERROR, "framework.version"},
    {"no producer", "framework: {name: a, version: b, date: c}\nrelease:\n  name: n\n"
     "  license: {}\n  components: []\n", "mof-missing-key", TRO_SEVERITY_ERROR,
     "release.producer"},
    {"no release", "framework: {name: a, version: b, date: c}\n", "mof-missing-key",
     TRO_SEVERITY_ERROR, "release is missing"},
    {"release a list", "framework: {name: a, version: b, date: c}\nrelease: [1]\n",
     "mof-invalid-value", TRO_SEVERITY_ERROR, "release should be a mapping"},
    {"components a mapping", "framework: {name: a, version: b, date: c}\nrelease:\n  name: n\n"
     "  producer: p\n  license: {}\n  components: {a: 1}\n", "mof-invalid-value",
     TRO_SEVERITY_ERROR, "line 6"},
    {"license list", "framework: {name: a, version: b, date: c}\nrelease:\n  name: [n]\n"
     "  producer: p\n  license: [MIT]\n  components: []\n", "mof-invalid-value",
     TRO_SEVERITY_ERROR, "release.name should be a string"},
    {"license type", "framework: {name: a, version: b, date: c}\nrelease:\n  name: n\n"
     "  producer: p\n  license: {weights: MIT}\n  components: []\n", "mof-unknown-license-type",
     TRO_SEVERITY_WARNING, "release.license.weights"},
    {"not a mapping", "- a\n- b\n", "mof-not-mapping", TRO_SEVERITY_ERROR, "mapping"},
    {"empty", "", "mof-not-mapping", TRO_SEVERITY_ERROR, "mof.yml"},
    {"syntax", "framework:\n  name: [a\nrelease: x\n", "mof-yaml-invalid", TRO_SEVERITY_ERROR,
     "line 3"},
    {"tabs", "framework:\n\tname: a\n", "mof-yaml-invalid", TRO_SEVERITY_ERROR, "line 2"},
    {"invalid UTF-8", "framework: {name: \xFF}\n", "mof-yaml-invalid", TRO_SEVERITY_ERROR,
     "byte 18"},
    {"duplicate keys", "framework: {name: a, version: b, date: c}\nframework: {name: a, "
     "version: b, date: c}\nrelease: {name: n, producer: p, license: {}, components: []}\n",
     "mof-yaml-duplicate-key", TRO_SEVERITY_WARNING, "line 2"},
    {"alias bomb", "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, "
     "*a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, "
     "*c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, "
     "*e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n",
     "mof-yaml-limit", TRO_SEVERITY_ERROR, "nodes"},
};

TRO_TEST(mof_malformed)
{
    for (size_t i = 0; i < sizeof bad_cases / sizeof *bad_cases; i++) {
        const bad_case *c = &bad_cases[i];
        rt r;
        json_t *m = mof(&r, c->text);
        const tro_finding *f = rt_finding(&r, c->code);
        CHECK(f != NULL);
        if (!f) {
            fprintf(stderr, "  case '%s': no %s\n", c->name, c->code);
            rt_dump_findings(&r);
        } else {
            CHECK_INT(f->severity, c->sev);
            CHECK_CONTAINS(f->message, c->in_message);
            CHECK_CONTAINS(f->message, "mof.yml");
        }
        CHECK(json_is_object(m));
        rt_free(&r);
    }
    /* a deeply nested file */
    char *deep = malloc(300);
    memset(deep, '[', 100);
    memset(deep + 100, ']', 100);
    deep[200] = '\0';
    rt r;
    mof(&r, deep);
    CHECK_INT(rt_count(&r, "mof-yaml-limit"), 1);
    rt_free(&r);
    free(deep);
    /* over the text limit: not parsed at all */
    tro_limits lim = {0};
    lim.max_text_bytes = 16;
    rt_read(&r, TRO_TYPE_MOF, "mof.yml", example, strlen(example), &lim);
    const tro_finding *f = rt_finding(&r, "mof-too-large");
    CHECK(f && f->severity == TRO_SEVERITY_ERROR);
    CHECK(json_object_get(r.a->meta, "release") == NULL);
    rt_free(&r);
    /* a length near 2^64 */
    rt_read_claimed(&r, TRO_TYPE_MOF, "mof.yml", example, strlen(example), UINT64_MAX);
    CHECK_INT(r.rc, 0);
    CHECK(rt_finding(&r, "mof-too-large") != NULL);
    rt_free(&r);
    /* a streamed prefix only */
    rt_read_claimed(&r, TRO_TYPE_MOF, "mof.yml", example, 10, strlen(example));
    CHECK(rt_finding(&r, "mof-partial") != NULL);
    rt_free(&r);
}

TRO_TEST(mof_table)
{
    const trop_mof_component *t = trop_mof_components();
    int per_class[4] = {0}, required = 0;
    for (int i = 0; i < TROP_MOF_COMPONENT_COUNT; i++) {
        per_class[t[i].mof_class]++;
        required += t[i].required;
        CHECK(trop_mof_component_find(t[i].name, strlen(t[i].name)) == &t[i]);
        for (int k = 0; k < i; k++)
            CHECK(t[k].id != t[i].id);
    }
    CHECK_INT(per_class[3], 7);
    CHECK_INT(per_class[2], 5);
    CHECK_INT(per_class[1], 5);
    CHECK_INT(required, 14);
    CHECK(trop_mof_component_find("Model card", 10) != NULL);
    CHECK(trop_mof_component_find("Model card ", 11) == NULL);
    CHECK(trop_mof_component_find("model card", 10) == NULL);
    CHECK(trop_mof_component_find("Model", 5) == NULL);
    const trop_mof_component *w = trop_mof_component_find("Model parameters (Final)", 24);
    CHECK(w && w->content == TROP_MOF_DATA && w->mof_class == 3 && w->id == 10);
    CHECK_STR(trop_mof_content_name(TROP_MOF_CODE), "code");
    CHECK_STR(trop_mof_content_name(TROP_MOF_DATA), "data");
    CHECK_STR(trop_mof_content_name(TROP_MOF_DOCUMENT), "document");
}

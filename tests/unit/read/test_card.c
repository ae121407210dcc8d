/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The card reader: front matter, normalised fields, findings (lib/read/card/card.c). */
#include "read_test.h"

#include <unistd.h>

static json_t *card(rt *r, const char *name, const char *text)
{
    json_t *m = rt_read(r, TRO_TYPE_MODEL_CARD, name, text, strlen(text), NULL);
    CHECK(m != NULL);
    CHECK_INT(r->rc, 0);
    return m;
}

static const char *str(const json_t *m, const char *key)
{
    return json_string_value(json_object_get(m, key));
}

TRO_TEST(card_model_card)
{
    rt r;
    json_t *m = card(&r, "README.md",
                     "---\n"
                     "license: other\n"
                     "license_name: llama3\n"
                     "license_link: LICENSE\n"
                     "datasets:\n- allenai/dolma\n- HuggingFaceFW/fineweb\n"
                     "base_model: meta-llama/Meta-Llama-3-8B\n"
                     "base_model_relation: finetune\n"
                     "language: [en, fr]\n"
                     "tags:\n- text-generation\n- arxiv:2307.09288\n- \"ARXIV: 2106.09685 \"\n"
                     "- \"arxiv:\"\n"
                     "library_name: transformers\n"
                     "pipeline_tag: text-generation\n"
                     "extra:\n  kept: [1, 2]\n"
                     "---\n"
                     "# Model\n");
    CHECK_STR(str(m, "front_matter_status"), "ok");
    CHECK_JSON(json_object_get(m, "license"), "[\"other\"]");
    CHECK_STR(str(m, "license_name"), "llama3");
    CHECK_STR(str(m, "license_link"), "LICENSE");
    CHECK_JSON(json_object_get(m, "datasets"), "[\"allenai/dolma\",\"HuggingFaceFW/fineweb\"]");
    CHECK_JSON(json_object_get(m, "base_model"), "[\"meta-llama/Meta-Llama-3-8B\"]");
    CHECK_STR(str(m, "base_model_relation"), "finetune");
    CHECK_JSON(json_object_get(m, "language"), "[\"en\",\"fr\"]");
    CHECK_JSON(json_object_get(m, "arxiv"), "[\"2307.09288\",\"2106.09685\"]");
    CHECK_INT(json_array_size(json_object_get(m, "tags")), 4);
    CHECK_STR(str(m, "library_name"), "transformers");
    CHECK_STR(str(m, "pipeline_tag"), "text-generation");
    CHECK_JSON(json_object_get(json_object_get(m, "front_matter"), "extra"), "{\"kept\":[1,2]}");
    /* dataset-card keys are there, empty */
    CHECK_JSON(json_object_get(m, "source_datasets"), "[]");
    CHECK_JSON(json_object_get(m, "configs"), "[]");
    CHECK(json_is_null(json_object_get(m, "pretty_name")));
    CHECK_INT(json_integer_value(json_object_get(m, "body_line")), 21);
    CHECK_INT(rt_count(&r, NULL), 0);
    rt_free(&r);
}

TRO_TEST(card_dataset_card)
{
    rt r;
    json_t *m = card(&r, "README.md",
                     "---\n"
                     "license:\n- cc-by-sa-3.0\n- gfdl\n"
                     "pretty_name: Wikipedia\n"
                     "source_datasets:\n- original\n"
                     "task_categories:\n- text-generation\n"
                     "task_ids: language-modeling\n"
                     "size_categories:\n- 1M<n<10M\n"
                     "configs:\n- config_name: default\n  data_files:\n  - split: train\n"
                     "    path: data/*.parquet\n"
                     "paperswithcode_id: null\n"
                     "...\n"
                     "Text\n");
    CHECK_JSON(json_object_get(m, "license"), "[\"cc-by-sa-3.0\",\"gfdl\"]");
    CHECK_STR(str(m, "pretty_name"), "Wikipedia");
    CHECK_JSON(json_object_get(m, "source_datasets"), "[\"original\"]");
    CHECK_JSON(json_object_get(m, "task_categories"), "[\"text-generation\"]");
    CHECK_JSON(json_object_get(m, "task_ids"), "[\"language-modeling\"]");
    CHECK_JSON(json_object_get(m, "size_categories"), "[\"1M<n<10M\"]");
    CHECK_JSON(json_object_get(m, "configs"),
               "[{\"config_name\":\"default\",\"data_files\":[{\"path\":\"data/*.parquet\","
               "\"split\":\"train\"}]}]");
    CHECK(json_is_null(json_object_get(m, "license_name")));
    CHECK_INT(json_integer_value(json_object_get(m, "body_line")), 20);
    CHECK_INT(rt_count(&r, NULL), 0);
    rt_free(&r);
}

TRO_TEST(card_field_shapes)
{
    rt r;
    json_t *m = card(&r, "README.md",
                     "---\nlicense: 2\nlicense_name: 1.5\ndatasets: {a: b}\n"
                     "language: [en, null, [x], 3]\nlicense_link: [a]\ntags: true\n"
                     "configs: {a: 1}\n---\n");
    CHECK_JSON(json_object_get(m, "license"), "[\"2\"]");
    CHECK_STR(str(m, "license_name"), "1.5");
    CHECK_JSON(json_object_get(m, "datasets"), "[]");
    CHECK_JSON(json_object_get(m, "language"), "[\"en\",\"3\"]");
    CHECK(json_is_null(json_object_get(m, "license_link")));
    CHECK_JSON(json_object_get(m, "tags"), "[]");
    CHECK_JSON(json_object_get(m, "configs"), "[]");
    CHECK_INT(rt_count(&r, "card-field-invalid"), 5);
    const tro_finding *f = rt_finding(&r, "card-field-invalid");
    CHECK(f && f->severity == TRO_SEVERITY_WARNING);
    CHECK_CONTAINS(f ? f->message : NULL, "README.md: front matter 'datasets'");
    rt_free(&r);
}

/* Front matter variants and what they report. */
TRO_TEST(card_front_matter)
{
    rt r;
    json_t *m;
    /* BOM and CRLF; "..." closes too */
    m = card(&r, "README.md", "\xEF\xBB\xBF---\r\nlicense: mit\r\n---\r\n# T\r\nx\r\n");
    CHECK_JSON(json_object_get(m, "license"), "[\"mit\"]");
    CHECK_INT(json_integer_value(json_object_get(m, "body_line")), 4);
    CHECK_STR(str(json_array_get(json_object_get(m, "sections"), 0), "title"), "T");
    rt_free(&r);
    /* closing line at the end of the file without a newline; trailing blanks */
    m = card(&r, "README.md", "---  \nlicense: mit\n--- ");
    CHECK_JSON(json_object_get(m, "license"), "[\"mit\"]");
    rt_free(&r);
    /* empty front matter */
    m = card(&r, "README.md", "---\n---\nbody\n");
    CHECK_STR(str(m, "front_matter_status"), "ok");
    CHECK_JSON(json_object_get(m, "front_matter"), "{}");
    CHECK_JSON(json_object_get(m, "license"), "[]");
    rt_free(&r);
    /* no front matter */
    m = card(&r, "README.md", "# Title\n\ntext\n");
    CHECK_STR(str(m, "front_matter_status"), "none");
    CHECK(json_is_null(json_object_get(m, "front_matter")));
    const tro_finding *f = rt_finding(&r, "card-no-front-matter");
    CHECK(f && f->severity == TRO_SEVERITY_INFO);
    rt_free(&r);
    m = rt_read(&r, TRO_TYPE_MARKDOWN, "docs/notes.md", "# Notes\n", 8, NULL);
    CHECK_INT(rt_count(&r, NULL), 0);
    CHECK_INT(json_array_size(json_object_get(m, "sections")), 1);
    rt_free(&r);
    m = rt_read(&r, TRO_TYPE_MARKDOWN, "sub/readme.MD", "x\n", 2, NULL);
    CHECK_INT(rt_count(&r, "card-no-front-matter"), 1);
    rt_free(&r);
    /* other Markdown opening with a rule: only an info */
    m = rt_read(&r, TRO_TYPE_MARKDOWN, "docs/a.md", "---\n\ntext\n", 11, NULL);
    f = rt_finding(&r, "card-front-matter-unterminated");
    CHECK(f && f->severity == TRO_SEVERITY_INFO);
    CHECK_INT(json_array_size(json_object_get(m, "sections")), 1);
    rt_free(&r);
    /* "----" is a rule, not front matter */
    m = card(&r, "README.md", "----\nlicense: mit\n----\n");
    CHECK_STR(str(m, "front_matter_status"), "none");
    rt_free(&r);
    /* not a mapping */
    m = card(&r, "README.md", "---\n- a\n- b\n---\n");
    CHECK_STR(str(m, "front_matter_status"), "not-mapping");
    CHECK_JSON(json_object_get(m, "front_matter"), "[\"a\",\"b\"]");
    CHECK_JSON(json_object_get(m, "license"), "[]");
    CHECK_INT(rt_count(&r, "card-front-matter-not-mapping"), 1);
    rt_free(&r);
    /* duplicate keys: the later wins, with a warning at the key's byte */
    m = card(&r, "README.md", "---\nlicense: mit\nlicense: apache-2.0\n---\n");
    CHECK_JSON(json_object_get(m, "license"), "[\"apache-2.0\"]");
    f = rt_finding(&r, "card-yaml-duplicate-key");
    CHECK(f && f->offset == 17 && f->severity == TRO_SEVERITY_WARNING);
    CHECK_CONTAINS(f ? f->message : NULL, "line 3");
    rt_free(&r);
}

/* Malformed inputs: each gives its finding and the body is still read. */
typedef struct bad_case {
    const char *name;
    const char *text;
    size_t len;             /* 0: strlen */
    const char *code;       /* expected finding */
    tro_severity sev;
    int64_t offset;         /* expected offset, or -2 to skip the check */
    const char *status;     /* front_matter_status */
    const char *in_message; /* expected in the message */
    int sections;           /* sections read from the body */
} bad_case;

static const bad_case bad_cases[] = {
    {"unterminated", "---\nlicense: mit\n# Title\ntext\n", 0, "card-front-matter-unterminated",
     TRO_SEVERITY_WARNING, 0, "unterminated", "never closed", 2},
    {"truncated front matter", "---\nlicense: [mit\n---\n# Title\n", 0, "card-yaml-invalid",
     TRO_SEVERITY_ERROR, -2, "invalid", "line 3", 1},
    {"bad indentation", "---\nlicense: mit\n  bad: x\n---\n# A\n## B\n", 0, "card-yaml-invalid",
     TRO_SEVERITY_ERROR, 22, "invalid", "line 3, column 6", 2},
    {"tabs in YAML", "---\na:\n\tb: 1\n---\n# A\n", 0, "card-yaml-invalid", TRO_SEVERITY_ERROR,
     -2, "invalid", "line 3", 1},
    {"alias bomb", "---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, "
     "*a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, "
     "*c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, "
     "*e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n---\n# A\n",
     0, "card-yaml-limit", TRO_SEVERITY_ERROR, -2, "invalid", "nodes", 1},
    {"undefined alias", "---\na: *b\n---\n", 0, "card-yaml-invalid", TRO_SEVERITY_ERROR, 7,
     "invalid", "no anchor", 0},
    {"invalid UTF-8 in body", "---\nlicense: mit\n---\n# T\xC3\n\xFF text\n", 0,
     "card-invalid-utf8", TRO_SEVERITY_WARNING, 24, "ok", "line 4", 1},
    {"invalid UTF-8 in front matter", "---\nlicense: m\xE9t\n---\n", 0, "card-invalid-utf8",
     TRO_SEVERITY_WARNING, 14, "ok", "byte 14", 0},
    {"NUL in front matter", "---\nlicense: a\0b\n---\n# T\n", 25, "card-yaml-invalid",
     TRO_SEVERITY_ERROR, -2, "invalid", "control", 1},
    {"empty", "", 0, "card-empty", TRO_SEVERITY_WARNING, -1, "none", "empty", 0},
    {"only the opening line", "---\n", 0, "card-front-matter-unterminated", TRO_SEVERITY_WARNING,
     0, "unterminated", "README.md", 0},
    {"scalar front matter", "---\njust text\n---\n", 0, "card-front-matter-not-mapping",
     TRO_SEVERITY_WARNING, 4, "not-mapping", "scalar", 0},
};

TRO_TEST(card_malformed)
{
    for (size_t i = 0; i < sizeof bad_cases / sizeof *bad_cases; i++) {
        const bad_case *c = &bad_cases[i];
        rt r;
        size_t len = c->len ? c->len : strlen(c->text);
        json_t *m = rt_read(&r, TRO_TYPE_MODEL_CARD, "README.md", c->text, len, NULL);
        CHECK(m != NULL);
        CHECK_INT(r.rc, 0);
        const tro_finding *f = rt_finding(&r, c->code);
        CHECK(f != NULL);
        if (!f) {
            fprintf(stderr, "  case '%s': no %s\n", c->name, c->code);
            rt_dump_findings(&r);
            rt_free(&r);
            continue;
        }
        CHECK_INT(f->severity, c->sev);
        if (c->offset != -2)
            CHECK_INT(f->offset, c->offset);
        CHECK_CONTAINS(f->message, c->in_message);
        CHECK_CONTAINS(f->message, "README.md");
        CHECK_STR(str(m, "front_matter_status"), c->status);
        CHECK_INT(json_array_size(json_object_get(m, "sections")), c->sections);
        /* every key is there whatever went wrong */
        CHECK(json_is_array(json_object_get(m, "license")));
        CHECK(json_is_array(json_object_get(m, "links")));
        CHECK(json_is_integer(json_object_get(m, "words")));
        if (trt_failures)
            fprintf(stderr, "  (case '%s')\n", c->name);
        rt_free(&r);
    }
}

TRO_TEST(card_patched_utf8)
{
    rt r;
    json_t *m = card(&r, "README.md", "---\nlicense: m\xE9t\n---\n");
    /* the invalid byte is read as '?', so the YAML still parses */
    CHECK_JSON(json_object_get(m, "license"), "[\"m?t\"]");
    rt_free(&r);
    /* a truncated sequence at the very end */
    m = card(&r, "README.md", "# Caf\xC3");
    CHECK_STR(str(json_array_get(json_object_get(m, "sections"), 0), "title"), "Caf?");
    CHECK_INT(rt_count(&r, "card-invalid-utf8"), 1);
    rt_free(&r);
}

TRO_TEST(card_limits)
{
    tro_limits lim = {0};
    lim.max_text_bytes = 64;
    char text[200];
    memset(text, 'x', sizeof text);
    memcpy(text, "---\nlicense: mit\n---\n# Big\n", 27);
    /* the cut falls inside a two-byte character: it is moved before it */
    text[63] = '\xC3';
    text[64] = '\xA9';
    rt r;
    json_t *m = rt_read(&r, TRO_TYPE_MODEL_CARD, "README.md", text, sizeof text, &lim);
    CHECK_INT(r.rc, 0);
    const tro_finding *f = rt_finding(&r, "card-too-large");
    CHECK(f && f->offset == 63 && f->severity == TRO_SEVERITY_WARNING);
    CHECK_CONTAINS(f ? f->message : NULL, "200 bytes");
    CHECK_JSON(json_object_get(m, "license"), "[\"mit\"]");
    CHECK_INT(json_integer_value(json_object_get(m, "bytes")), 200);
    CHECK_INT(rt_count(&r, "card-invalid-utf8"), 0);
    rt_free(&r);

    /* a streamed prefix: only part of the bytes in memory */
    tro_ctx *ctx;
    tro_release *rel;
    CHECK_INT(tro_ctx_new(&ctx, NULL, NULL), 0);
    CHECK_INT(tro_release_new(&rel, ctx, "t"), 0);
    tro_artifact *a = trop_release_add(rel, "README.md", 1000);
    trop_src src = {.name = "README.md", .size = 1000, .fd = -1,
                    .data = (const unsigned char *)text, .avail = 30};
    a->type = TRO_TYPE_MODEL_CARD;
    CHECK_INT(trop_reader_for(TRO_TYPE_MODEL_CARD)(ctx, &src, a), 0);
    CHECK_INT(a->findings.n >= 1, 1);
    CHECK_STR(a->findings.v[0].code, "card-partial");
    tro_release_free(rel);
    tro_ctx_free(ctx);

    /* a length near 2^64 with a few bytes present: bounded, never allocated */
    m = rt_read_claimed(&r, TRO_TYPE_MODEL_CARD, "README.md", "# T\n", 4, UINT64_MAX - 1);
    CHECK_INT(r.rc, 0);
    CHECK(rt_finding(&r, "card-too-large") != NULL);
    CHECK_INT(json_array_size(json_object_get(m, "sections")), 1);
    rt_free(&r);

    /* a tiny depth bound applies to the front matter */
    memset(&lim, 0, sizeof lim);
    lim.max_depth = 2;
    const char *deep = "---\na:\n  b:\n    c: 1\n---\n";
    m = rt_read(&r, TRO_TYPE_MODEL_CARD, "README.md", deep, strlen(deep), &lim);
    f = rt_finding(&r, "card-yaml-limit");
    CHECK(f != NULL);
    CHECK_CONTAINS(f ? f->message : NULL, "deeper than 2");
    CHECK_CONTAINS(f ? f->message : NULL, "line 4");
    rt_free(&r);
}

/* Reading through a file descriptor, the way a directory scan reads. */
static json_t *read_fd(rt *r, tro_type type, const char *name, const char *content)
{
    char path[] = "/tmp/tro-card-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return NULL;
    unlink(path);
    size_t len = strlen(content);
    CHECK_INT(write(fd, content, len), (long long)len);
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    memset(r, 0, sizeof *r);
    CHECK_INT(tro_ctx_new(&r->ctx, &o, NULL), 0);
    CHECK_INT(tro_release_new(&r->rel, r->ctx, "t"), 0);
    r->a = trop_release_add(r->rel, name, len);
    r->a->type = type;
    trop_src src = {.name = name, .size = len, .fd = fd};
    r->rc = trop_reader_for(type)(r->ctx, &src, r->a);
    /* a file that shrank after it was sized: a finding, not a crash */
    src.size = len + 10;
    tro_artifact *b = trop_release_add(r->rel, "shrunk.md", len + 10);
    CHECK_INT(trop_reader_for(type)(r->ctx, &src, b), 0);
    CHECK_INT(b->findings.n, 1);
    CHECK_CONTAINS(b->findings.n ? b->findings.v[0].message : NULL, "could not be read");
    close(fd);
    return rt_meta(r);
}

TRO_TEST(card_from_files)
{
    rt r;
    json_t *m = read_fd(&r, TRO_TYPE_MODEL_CARD, "README.md",
                        "---\nlicense: apache-2.0\nlicense_link: LICENSE\n---\n# Model\n\nSee "
                        "[the license](LICENSE).\n");
    CHECK_INT(r.rc, 0);
    CHECK_JSON(json_object_get(m, "license"), "[\"apache-2.0\"]");
    CHECK_STR(str(json_array_get(json_object_get(m, "links"), 0), "url"), "LICENSE");
    CHECK_INT(rt_count(&r, NULL), 0);
    rt_free(&r);
}

/* A card read through a release (tro_release_add_buffer) leaves its sections
 * and links to be built when the metadata is asked for (card_body.c); the
 * metadata must be the same as when the reader builds it at once, and the
 * body kept for the judge must hold the same sections and links. */
#include "read_test.h"
#include "card.h"

static const char *const docs[] = {
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
};

static char *dump(const tro_artifact *a)
{
    return strdup(tro_artifact_metadata_json(a));
}

static void same(const char *doc, size_t len)
{
    rt r;
    json_t *m = rt_read(&r, TRO_TYPE_MODEL_CARD, "README.md", doc, len, NULL);
    CHECK(m != NULL);
    if (!m)
        return;
    char *eager = dump(r.a);
    tro_release *rel = NULL;
    CHECK_INT(tro_release_new(&rel, r.ctx, "lazy"), 0);
    CHECK_INT(tro_release_add_buffer(rel, "README.md", doc, len), 0);
    tro_artifact *a = rel->arts[0];
    const trop_card_body *b = trop_card_body_of(a);
    CHECK(b != NULL);
    /* nothing built yet: the judge reads the body */
    CHECK(json_object_get(a->meta, "sections") == NULL);
    CHECK(json_object_get(a->meta, "links") == NULL);
    CHECK(a->meta_fill != NULL);
    CHECK_STR(tro_artifact_metadata_json(a), eager);
    CHECK(a->meta_fill == NULL);
    const json_t *secs = json_object_get(a->meta, "sections");
    const json_t *links = json_object_get(a->meta, "links");
    CHECK_INT(json_array_size(secs), b ? b->nsecs : 0);
    CHECK_INT(json_array_size(links), b ? b->nlinks : 0);
    for (size_t i = 0; b && i < b->nsecs && i < json_array_size(secs); i++) {
        const json_t *s = json_array_get(secs, i);
        CHECK_STR(json_string_value(json_object_get(s, "title")), b->secs[i].title);
        CHECK_INT(json_integer_value(json_object_get(s, "words")), (long long)b->secs[i].words);
    }
    for (size_t i = 0; b && i < b->nlinks && i < json_array_size(links); i++)
        CHECK_STR(json_string_value(json_object_get(json_array_get(links, i), "url")),
                  b->links[i].url);
    /* a second call returns the same text */
    CHECK_STR(tro_artifact_metadata_json(a), eager);
    free(eager);
    tro_release_free(rel);
    rt_free(&r);
}

int main(void)
{
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++)
        same(docs[i], strlen(docs[i]));
    /* a section over the text limit */
    size_t n = 40000;
    char *big = malloc(n + 1);
    CHECK(big != NULL);
    if (big) {
        memcpy(big, "# Big\n\n", 7);
        for (size_t i = 7; i < n; i++)
            big[i] = i % 7 ? 'x' : ' ';
        big[n] = '\0';
        same(big, n);
        free(big);
    }
    return trt_finish("test_card_lazy");
}

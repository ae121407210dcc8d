/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The rules of method transparency on the cases of
 * tests/data/judge/method-cases.txt: for each card, whether training code
 * and a paper are found, and which kinds of hyperparameters (or dataset
 * processing steps). */
#include "method.h"

#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct kcase {
    char name[160];
    char rel[128];
    bool dataset;
    int code, paper; /* 1 yes, 0 no */
    unsigned kinds;  /* TROP_HP_* bits; bit 31: processing */
    char *card;
    size_t len;
} kcase;

#define PROCESSING (1u << 31)

static unsigned kind_bit(const char *k, size_t n)
{
    static const char *const names[] = {"optimizer", "lr", "batch", "length", "seq", "precision"};
    for (unsigned i = 0; i < 6; i++)
        if (strlen(names[i]) == n && !strncmp(k, names[i], n))
            return 1u << i;
    if (n == 10 && !strncmp(k, "processing", 10))
        return PROCESSING;
    fprintf(stderr, "unknown kind '%.*s'\n", (int)n, k);
    exit(99);
}

static int yesno(const char *line, const char *key)
{
    const char *p = strstr(line, key);
    if (!p)
        exit(99);
    p += strlen(key);
    return !strncmp(p, "yes", 3) ? 1 : 0;
}

static void expect(kcase *c, const char *line)
{
    c->code = yesno(line, "code=");
    c->paper = yesno(line, "paper=");
    const char *k = strstr(line, "kinds=");
    if (!k)
        exit(99);
    k += 6;
    while (*k && *k != '\n' && *k != ' ') {
        size_t n = strcspn(k, ",\n ");
        if (n)
            c->kinds |= kind_bit(k, n);
        k += n;
        if (*k == ',')
            k++;
    }
}

/* Runs the rules on one case; the checks name the case when they fail. */
static void run(tro_ctx *ctx, const kcase *c)
{
    tro_release *rel = NULL;
    CHECK_INT(tro_release_new(&rel, ctx, c->rel[0] ? c->rel : "case"), TRO_OK);
    CHECK_INT(tro_release_add_buffer(rel, "README.md", c->card, c->len), TRO_OK);
    const tro_artifact *a = tro_release_artifact(rel, 0);
    trop_cardview v;
    CHECK_INT(trop_cardview_init(&v, a, c->dataset, tro_release_name(rel)), 0);
    trop_mfounds code = {.n = 0}, papers = {.n = 0}, proc = {.n = 0};
    unsigned kinds = 0;
    trop_mlinks links;
    CHECK_INT(trop_mlinks_init(&links, &v), 0);
    CHECK_INT(trop_method_code(&v, &links, &code), 0);
    CHECK_INT(trop_method_papers(&v, &links, &papers), 0);
    trop_mlinks_free(&links);
    CHECK_INT(trop_method_procedure(&v, &proc, &kinds), 0);
    /* every list these rules ask the word index is in their file's table */
    CHECK_INT(trop_wordindex_own_lists(v.words), 0);
    if (c->dataset && kinds)
        kinds = PROCESSING;
    int before = trt_failures;
    CHECK_INT(code.n > 0, c->code);
    CHECK_INT(papers.n > 0, c->paper);
    CHECK_INT(kinds, c->kinds);
    /* every piece of evidence says why and where */
    for (size_t i = 0; i < code.n; i++)
        CHECK(code.v[i].why && code.v[i].text && code.v[i].line > 0);
    for (size_t i = 0; i < papers.n; i++)
        CHECK(papers.v[i].why && papers.v[i].text);
    if (trt_failures != before) {
        fprintf(stderr, "  in case '%s'\n", c->name);
        for (size_t i = 0; i < code.n; i++)
            fprintf(stderr, "    code: %s (%s)\n", code.v[i].url ? code.v[i].url : code.v[i].text,
                    code.v[i].why);
        for (size_t i = 0; i < papers.n; i++)
            fprintf(stderr, "    paper: %s (%s)\n", papers.v[i].text, papers.v[i].why);
        for (size_t i = 0; i < proc.n; i++)
            fprintf(stderr, "    %s: %s\n", proc.v[i].why, proc.v[i].text);
    }
    trop_mfounds_free(&code);
    trop_mfounds_free(&papers);
    trop_mfounds_free(&proc);
    trop_cardview_free(&v);
    tro_release_free(rel);
}

TRO_TEST(method)
{
    const char *top = getenv("top_srcdir");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/judge/method-cases.txt", top ? top : ".");
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        TRO_FAIL("no method cases");
    }
    tro_ctx *ctx = NULL;
    CHECK_INT(tro_ctx_new(&ctx, NULL, NULL), TRO_OK);
    char line[4096];
    kcase c;
    bool open = false, body = false;
    size_t cap = 0, ncases = 0;
    char *buf = NULL;
    memset(&c, 0, sizeof c);
    for (;;) {
        bool eof = !fgets(line, sizeof line, f);
        if (eof || !strncmp(line, "=== ", 4)) {
            if (open) {
                c.card = buf;
                run(ctx, &c);
                ncases++;
            }
            if (eof)
                break;
            memset(&c, 0, sizeof c);
            snprintf(c.name, sizeof c.name, "%.*s", (int)strcspn(line + 4, "\n"), line + 4);
            open = true;
            body = false;
            continue;
        }
        if (!open)
            continue;
        if (!body) {
            if (!strncmp(line, "name: ", 6))
                snprintf(c.rel, sizeof c.rel, "%.*s", (int)strcspn(line + 6, "\n"), line + 6);
            else if (!strncmp(line, "dataset: yes", 12))
                c.dataset = true;
            else if (!strncmp(line, "expect: ", 8))
                expect(&c, line);
            else if (!strcmp(line, "---\n"))
                body = true;
            continue;
        }
        size_t n = strlen(line);
        if (c.len + n + 1 > cap) {
            cap = (c.len + n + 1) * 2;
            buf = realloc(buf, cap);
            if (!buf)
                TRO_FAIL("out of memory");
        }
        memcpy(buf + c.len, line, n);
        c.len += n;
        buf[c.len] = '\0';
    }
    fclose(f);
    free(buf);
    tro_ctx_free(ctx);
    CHECK(ncases >= 40);
}

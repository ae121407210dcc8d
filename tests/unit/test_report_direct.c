/* tro_report_json() writes a report whose document was never built
 * straight from what the check kept (lib/judge/document_json.c); the bytes
 * must be those of the document tree (lib/judge/document.c) that the text,
 * SARIF and policy code build. Compared on every release of the check
 * cases (tests/data/check) and on the corpus cards when they are there. */
#include "report.h"
#include "test.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compared;

/* Checks rel twice: JSON written straight, and from the tree. */
static void same_both_ways(tro_ctx *ctx, tro_release *rel, const tro_check_options *o,
                           const char *what)
{
    tro_report *direct = NULL, *tree = NULL;
    char *a = NULL, *b = NULL;
    CHECK_INT(tro_check(ctx, rel, o, &direct, NULL), 0);
    CHECK_INT(tro_check(ctx, rel, o, &tree, NULL), 0);
    CHECK(tree && trop_report_doc(tree) != NULL);
    CHECK_INT(tro_report_json(direct, &a, NULL), 0);
    CHECK_INT(tro_report_json(tree, &b, NULL), 0);
    CHECK(a && b);
    if (a && b && strcmp(a, b))
        fprintf(stderr, "%s: direct and tree JSON differ\n", what);
    CHECK(a && b && !strcmp(a, b));
    compared++;
    tro_free(a);
    tro_free(b);
    tro_report_free(direct);
    tro_report_free(tree);
}

static void cases(tro_ctx *ctx, const char *top)
{
    char dir[4096], cat[4096];
    snprintf(dir, sizeof dir, "%s/tests/data/check/cases", top);
    snprintf(cat, sizeof cat, "%s/tests/data/check/catalog", top);
    const char *dirs[] = {cat};
    tro_catalog *c = NULL;
    CHECK_INT(tro_catalog_new(&c, ctx, dirs, 1, NULL), 0);
    tro_check_options o = TRO_CHECK_OPTIONS_INIT;
    o.catalog = c;
    DIR *d = opendir(dir);
    CHECK(d != NULL);
    for (struct dirent *e; d && (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s/release", dir, e->d_name);
        tro_release *rel = NULL;
        if (tro_scan(ctx, path, &rel, NULL) == 0) {
            same_both_ways(ctx, rel, &o, e->d_name);
            same_both_ways(ctx, rel, NULL, e->d_name);
        }
        tro_release_free(rel);
    }
    if (d)
        closedir(d);
    tro_catalog_free(c);
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *s = f ? malloc(1 << 20) : NULL;
    *n = s ? fread(s, 1, 1 << 20, f) : 0;
    if (f)
        fclose(f);
    return s;
}

static void corpus(tro_ctx *ctx, const char *top)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/../shared/corpus/cards", top);
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));) {
        size_t l = strlen(e->d_name), n;
        if (l < 4 || strcmp(e->d_name + l - 3, ".md"))
            continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        char *text = slurp(path, &n);
        tro_release *rel = NULL;
        if (text && !tro_release_new(&rel, ctx, e->d_name) &&
            !tro_release_add_buffer(rel, "README.md", text, n))
            same_both_ways(ctx, rel, NULL, e->d_name);
        tro_release_free(rel);
        free(text);
    }
    if (d)
        closedir(d);
}

int main(void)
{
    const char *top = getenv("top_srcdir");
    tro_ctx *ctx;
    tro_ctx_options co = TRO_CTX_OPTIONS_INIT;
    co.flags = TRO_SCAN_NO_HASH;
    if (!top || tro_ctx_new(&ctx, &co, NULL))
        return 99;
    cases(ctx, top);
    corpus(ctx, top);
    CHECK(compared >= 40);
    tro_ctx_free(ctx);
    return trt_finish("test_report_direct");
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Throughput of checking cards, as a registry does it: every .md file of a
 * folder is loaded into memory once, then each is checked in turn on one
 * thread (tro_release_new + tro_release_add_buffer as README.md, no hashing,
 * tro_check against a catalog), for SECONDS; then N checks more in one
 * process, to show memory stays flat (RSS before and after).
 *
 *   bench/bench_check CARDS_DIR CATALOG_DIR [SECONDS [N]]   (N = 0: no memory run)
 *
 * Prints cards checked per second: check only; check + JSON report; and
 * check + the default policy + JSON report, what `trulyopen check --batch`
 * does for each card (bench/batch.sh compares it with that).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <trulyopen.h>

typedef struct card {
    char *data;
    size_t len;
} card;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long rss_kib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "VmRSS:", 6))
            kib = strtol(line + 6, NULL, 10);
    if (f)
        fclose(f);
    return kib;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static size_t load(const char *dir, card **out)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = 0;
    card *v = NULL;
    while (d && (e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 4 || strcmp(e->d_name + l - 3, ".md"))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        card *nv = realloc(v, (n + 1) * sizeof *v);
        if (!nv)
            break;
        v = nv;
        if ((v[n].data = slurp(path, &v[n].len)))
            n++;
    }
    if (d)
        closedir(d);
    *out = v;
    return n;
}

enum { JSON = 1, POLICY = 2 };

/* One check (mode: JSON, POLICY bits); the report's JSON length when JSON,
 * else 1. 0 on failure. */
static size_t check_one(tro_ctx *ctx, const tro_check_options *o, const card *c, int json)
{
    tro_release *rel;
    tro_report *r = NULL;
    size_t len = 1;
    if (tro_release_new(&rel, ctx, "bench") ||
        tro_release_add_buffer(rel, "README.md", c->data, c->len) ||
        tro_check(ctx, rel, o, &r, NULL))
        len = 0;
    if (len && (json & POLICY) && tro_report_apply_policy(r, NULL) < 0)
        len = 0;
    if (len && (json & JSON)) {
        char *s = NULL;
        if (tro_report_json(r, &s, &len))
            len = 0;
        tro_free(s);
    }
    tro_report_free(r);
    tro_release_free(rel);
    return len;
}

static int run(tro_ctx *ctx, const tro_check_options *o, card *v, size_t n, double secs, int json)
{
    unsigned long done = 0;
    double t0 = now(), t;
    do {
        for (size_t i = 0; i < n; i++, done++)
            if (!check_one(ctx, o, &v[i], json))
                return 1;
    } while ((t = now() - t0) < secs);
    printf("%s: %lu checks of %zu cards in %.2f s: %.0f cards/s\n",
           json == (JSON | POLICY) ? "check + policy + JSON report"
           : json                  ? "check + JSON report"
                                   : "check",
           done, n, t, done / t);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_check CARDS_DIR CATALOG_DIR [SECONDS [N]]\n");
        return 2;
    }
    double secs = argc > 3 ? atof(argv[3]) : 3.0;
    unsigned long total = argc > 4 ? strtoul(argv[4], NULL, 10) : 100000;
    tro_ctx_options co = TRO_CTX_OPTIONS_INIT;
    co.threads = 1;
    co.flags = TRO_SCAN_NO_HASH;
    tro_ctx *ctx;
    tro_catalog *cat;
    tro_error err;
    const char *dirs[] = {argv[2]};
    if (tro_ctx_new(&ctx, &co, &err) || tro_catalog_new(&cat, ctx, dirs, 1, &err)) {
        fprintf(stderr, "bench_check: %s\n", err.message);
        return 2;
    }
    card *v;
    size_t n = load(argv[1], &v);
    if (!n) {
        fprintf(stderr, "bench_check: no .md files in %s\n", argv[1]);
        return 77;
    }
    tro_check_options o = TRO_CHECK_OPTIONS_INIT;
    o.catalog = cat;
    int rc = run(ctx, &o, v, n, secs, 0) || run(ctx, &o, v, n, secs, JSON) ||
             run(ctx, &o, v, n, secs, JSON | POLICY);
    long before = rss_kib();
    double t0 = now();
    for (unsigned long i = 0; !rc && i < total; i++)
        rc = !check_one(ctx, &o, &v[i % n], 1);
    if (total)
        printf("memory: %lu checks + JSON in %.1f s; RSS %ld KiB before, %ld KiB after\n", total,
               now() - t0, before, rss_kib());
    for (size_t i = 0; i < n; i++)
        free(v[i].data);
    free(v);
    tro_catalog_free(cat);
    tro_ctx_free(ctx);
    return rc;
}

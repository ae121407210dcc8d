/*
 * Throughput of the card reader: reads every file of a folder into memory,
 * then runs the Markdown/model card reader over all of them repeatedly and
 * prints cards per second and MB/s (one thread).
 *
 *   bench/bench_card DIR [SECONDS [read]]  measure (default 3 seconds); with
 *                                          "read", skip the serialising pass
 *   bench/bench_card --dump FILE       print the metadata and findings of one file
 */
#include "internal.h"
#include "readers.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct input {
    char *name;
    unsigned char *data;
    size_t len;
} input;

static int load(const char *path, input *in)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 1 << 16;
    in->data = malloc(cap);
    in->len = 0;
    size_t r;
    while (in->data && (r = fread(in->data + in->len, 1, cap - in->len, f)) > 0) {
        in->len += r;
        if (in->len == cap) {
            unsigned char *n = realloc(in->data, cap *= 2);
            if (!n)
                free(in->data);
            in->data = n;
        }
    }
    fclose(f);
    return in->data ? 0 : -1;
}

/* CPU time of this process: other work on a shared machine does not count
 * (wall time is printed too). */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Reads every input once as an artifact of one release; 0 or an error. */
static int read_all(tro_ctx *ctx, input *v, size_t n, bool serialise)
{
    tro_release *rel;
    if (tro_release_new(&rel, ctx, "bench"))
        return 1;
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        tro_artifact *a = trop_release_add(rel, v[i].name, v[i].len);
        if (!a) {
            rc = 1;
            break;
        }
        a->type = TRO_TYPE_MODEL_CARD;
        trop_src src = {.name = v[i].name, .size = v[i].len, .fd = -1, .data = v[i].data,
                        .avail = v[i].len};
        rc = trop_read_card(ctx, &src, a);
        char *text = NULL;
        if (serialise && !rc && (rc = tro_artifact_metadata(a, &text, NULL)) != 0)
            rc = 1;
        tro_free(text);
    }
    tro_release_free(rel);
    return rc;
}

static int dump(tro_ctx *ctx, const char *path)
{
    input in = {.name = (char *)path};
    if (load(path, &in))
        return perror(path), 2;
    tro_release *rel;
    if (tro_release_new(&rel, ctx, "dump"))
        return 2;
    if (tro_release_add_buffer(rel, path[0] == '/' ? strrchr(path, '/') + 1 : path, in.data,
                               in.len)) {
        fprintf(stderr, "%s\n", tro_release_last_error(rel));
        return 2;
    }
    const tro_artifact *a = tro_release_artifact(rel, 0);
    char *meta = NULL;
    if (tro_artifact_metadata(a, &meta, NULL)) {
        fprintf(stderr, "%s: out of memory\n", path);
        return 2;
    }
    printf("%s (%s)\n%s\n", tro_artifact_path(a), tro_type_name(tro_artifact_type(a)), meta);
    tro_free(meta);
    for (size_t i = 0; i < tro_release_finding_count(rel); i++) {
        const tro_finding *f = tro_release_finding(rel, i);
        printf("%s %s @%lld: %s\n", tro_severity_name(tro_finding_severity(f)),
               tro_finding_code(f), (long long)tro_finding_offset(f), tro_finding_message(f));
    }
    tro_release_free(rel);
    free(in.data);
    return 0;
}

static size_t load_dir(const char *dir, input **out)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = 0;
    input *v = NULL;
    while (d && (e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 4 || strcmp(e->d_name + l - 3, ".md") != 0)
            continue;
        input *nv = realloc(v, (n + 1) * sizeof *v);
        if (!nv)
            break;
        v = nv;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        v[n].name = strdup(e->d_name);
        if (v[n].name && load(path, &v[n]) == 0)
            n++;
    }
    if (d)
        closedir(d);
    *out = v;
    return n;
}

int main(int argc, char **argv)
{
    tro_ctx *ctx;
    if (argc < 2 || tro_ctx_new(&ctx, NULL, NULL)) {
        fprintf(stderr, "usage: bench_card DIR [SECONDS] | --dump FILE\n");
        return 2;
    }
    if (strcmp(argv[1], "--dump") == 0)
        return argc > 2 ? dump(ctx, argv[2]) : 2;
    input *v;
    size_t n = load_dir(argv[1], &v), bytes = 0;
    double secs = argc > 2 ? atof(argv[2]) : 3.0;
    if (!n) {
        fprintf(stderr, "bench_card: no .md files in %s\n", argv[1]);
        return 77;
    }
    for (size_t i = 0; i < n; i++)
        bytes += v[i].len;
    int passes = argc > 3 && strcmp(argv[3], "read") == 0 ? 1 : 2;
    for (int serialise = 0; serialise < passes; serialise++) {
        unsigned long rounds = 0;
        double t0 = cpu_now(), w0 = wall_now(), t;
        do {
            if (read_all(ctx, v, n, serialise)) {
                fprintf(stderr, "bench_card: reader failed\n");
                return 1;
            }
            rounds++;
        } while ((t = cpu_now() - t0) < secs);
        double w = wall_now() - w0;
        printf("%s: %zu cards (%.1f KB average), %lu rounds in %.2f s CPU (%.2f s wall): "
               "%.0f cards/s, %.1f MB/s per CPU second\n",
               serialise ? "read + serialise meta" : "read", n, bytes / 1024.0 / n, rounds, t, w,
               rounds * n / t, rounds * bytes / t / 1e6);
    }
    for (size_t i = 0; i < n; i++)
        free(v[i].name), free(v[i].data);
    free(v);
    tro_ctx_free(ctx);
    return 0;
}

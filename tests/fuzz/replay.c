/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Runs a fuzz harness, chosen by name, over files and folders of inputs,
 * without libFuzzer: how `make check` replays each seed corpus.
 *   replay NAME PATH...
 * Every harness is linked in (its entry point is trof_fuzz_NAME, see
 * fuzz.h); harness_list.h, generated from TRO_FUZZ_NAMES in
 * tests/fuzz/local.mk, lists them. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef int (*harness_fn)(const uint8_t *data, size_t size);

#define TROF_HARNESS(name) int trof_fuzz_##name(const uint8_t *data, size_t size);
#include "harness_list.h"
#undef TROF_HARNESS

static const struct {
    const char *name;
    harness_fn run;
} harnesses[] = {
#define TROF_HARNESS(name) {#name, trof_fuzz_##name},
#include "harness_list.h"
#undef TROF_HARNESS
};

static harness_fn harness(const char *name)
{
    for (size_t i = 0; i < sizeof harnesses / sizeof *harnesses; i++)
        if (strcmp(harnesses[i].name, name) == 0)
            return harnesses[i].run;
    return NULL;
}

static int run_file(harness_fn run, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            uint8_t *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    fclose(f);
    if (!buf)
        return -1;
    /* an exact-size copy, so ASan sees reads past the end */
    uint8_t *exact = malloc(n ? n : 1);
    if (!exact) {
        free(buf);
        return -1;
    }
    memcpy(exact, buf, n);
    free(buf);
    run(exact, n);
    free(exact);
    return 0;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    harness_fn run = argc > 1 ? harness(argv[1]) : NULL;
    if (!run) {
        fprintf(stderr, "usage: replay HARNESS PATH...\n%s%s%s harnesses:",
                argc > 1 ? "replay: no harness named '" : "", argc > 1 ? argv[1] : "",
                argc > 1 ? "';" : "");
        for (size_t i = 0; i < sizeof harnesses / sizeof *harnesses; i++)
            fprintf(stderr, " %s", harnesses[i].name);
        fprintf(stderr, "\n");
        return 2;
    }
    int files = 0;
    for (int i = 2; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            perror(argv[i]);
            return 1;
        }
        if (!S_ISDIR(st.st_mode)) {
            if (run_file(run, argv[i]))
                return 1;
            files++;
            continue;
        }
        DIR *d = opendir(argv[i]);
        if (!d) {
            perror(argv[i]);
            return 1;
        }
        char **names = NULL;
        size_t n = 0;
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.')
                continue;
            char **nn = realloc(names, (n + 1) * sizeof *names);
            if (!nn)
                return 1;
            names = nn;
            size_t len = strlen(argv[i]) + strlen(e->d_name) + 2;
            names[n] = malloc(len);
            snprintf(names[n++], len, "%s/%s", argv[i], e->d_name);
        }
        closedir(d);
        qsort(names, n, sizeof *names, cmp);
        for (size_t k = 0; k < n; k++) {
            if (run_file(run, names[k]))
                return 1;
            files++;
            free(names[k]);
        }
        free(names);
    }
    printf("replayed %d inputs\n", files);
    return files > 0 ? 0 : 77;
}

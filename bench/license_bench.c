/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Licence benchmark: texts identified per second (without and with a
 * reference-text directory) and SPDX expressions parsed per second, by the
 * wall clock and by the processor time this process used (the figure to
 * compare on a machine other jobs share).
 *   license_bench TEXT_DIR [LICENSE_DIR]
 * Every regular file in TEXT_DIR is a licence text to identify. */
#include "internal.h"
#include "license.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

typedef struct text {
    char *data;
    size_t len;
} text;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t load_texts(const char *dir, text *v, size_t max)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *de;
    while (d && n < max && (de = readdir(d)) != NULL) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (de->d_name[0] == '.' || strstr(de->d_name, ".tsv") || stat(path, &st) ||
            !S_ISREG(st.st_mode))
            continue;
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        v[n].data = malloc((size_t)st.st_size + 1);
        v[n].len = fread(v[n].data, 1, (size_t)st.st_size, f);
        fclose(f);
        n++;
    }
    if (d)
        closedir(d);
    return n;
}

static void bench_texts(const char *label, const tro_license_db *db, text *v, size_t n)
{
    size_t done = 0;
    double t0 = now(), c0 = cpu(), t;
    do {
        for (size_t i = 0; i < n; i++) {
            tro_license_result *r;
            if (tro_license_identify(db, v[i].data, v[i].len, &r, NULL) == 0)
                tro_license_result_free(r);
            done++;
        }
        t = now() - t0;
    } while (t < 2.0);
    double c = cpu() - c0;
    printf("identify %-28s %9.0f texts/s (%zu texts in %.2f s); %.1f us processor time a text\n",
           label, (double)done / t, done, t, 1e6 * c / (double)done);
}

static void bench_expressions(void)
{
    static const char *const exprs[] = {
        "MIT",
        "Apache-2.0 OR MIT",
        "GPL-2.0-or-later WITH Classpath-exception-2.0",
        "(LGPL-2.1-only OR BSD-3-Clause) AND MIT",
        "LicenseRef-scancode-llama-2-license-2023",
        "CC-BY-NC-SA-4.0",
        "GPL-3.0+",
        "MPL-2.0 AND (Apache-2.0 OR BSD-2-Clause) AND ISC",
        "DocumentRef-x:LicenseRef-y OR CC0-1.0",
        "EPL-2.0 OR GPL-2.0-only WITH Classpath-exception-2.0",
    };
    size_t n = sizeof exprs / sizeof exprs[0], done = 0;
    double t0 = now(), c0 = cpu(), t;
    do {
        for (size_t i = 0; i < n; i++) {
            trop_expr *e;
            if (trop_spdx_parse(exprs[i], strlen(exprs[i]), &e, NULL) == 0) {
                trop_expr_resolve(&e, 0);
                trop_expr_free(e);
            }
            done++;
        }
        t = now() - t0;
    } while (t < 2.0);
    printf("parse+resolve SPDX expressions  %9.0f expressions/s; %.2f us processor time each\n",
           (double)done / t, 1e6 * (cpu() - c0) / (double)done);
    done = 0;
    t0 = now();
    c0 = cpu();
    do {
        for (size_t i = 0; i < n; i++) {
            tro_license_result *r;
            if (tro_license_classify(exprs[i], &r, NULL) == 0)
                tro_license_result_free(r);
            done++;
        }
        t = now() - t0;
    } while (t < 2.0);
    printf("classify (parse, judge, result) %9.0f expressions/s; %.2f us processor time each\n",
           (double)done / t, 1e6 * (cpu() - c0) / (double)done);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s TEXT_DIR [LICENSE_DIR]\n", argv[0]);
        return 2;
    }
    static text v[4096];
    size_t n = load_texts(argv[1], v, 4096);
    if (!n) {
        fprintf(stderr, "%s: no texts\n", argv[1]);
        return 2;
    }
    bench_texts("(no reference texts)", NULL, v, n);
    if (argc > 2) {
        tro_license_db *db;
        double t0 = now();
        if (tro_license_db_load(&db, argv[2], NULL) == 0) {
            printf("loaded %zu reference texts from %s in %.3f s\n", tro_license_db_count(db),
                   argv[2], now() - t0);
            bench_texts("(with --license-dir)", db, v, n);
            tro_license_db_free(db);
        }
    }
    bench_expressions();
    for (size_t i = 0; i < n; i++)
        free(v[i].data);
    return 0;
}

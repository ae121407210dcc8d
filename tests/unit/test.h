/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* A minimal assertion harness for the unit tests: each test program runs its
 * cases, prints one line per failed check, and exits 0 (all passed), 1 (a
 * check failed) or 77 (skipped), as Automake's test driver expects. */
#ifndef TRO_TEST_H
#define TRO_TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <trulyopen.h>

static int trt_failures;
static int trt_checks;

#define CHECK(cond)                                                         \
    do {                                                                    \
        trt_checks++;                                                       \
        if (!(cond)) {                                                      \
            trt_failures++;                                                 \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,          \
                    __LINE__, #cond);                                       \
        }                                                                   \
    } while (0)

#define CHECK_INT(a, b)                                                     \
    do {                                                                    \
        long long trt_a = (long long)(a), trt_b = (long long)(b);           \
        trt_checks++;                                                       \
        if (trt_a != trt_b) {                                               \
            trt_failures++;                                                 \
            fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", __FILE__, \
                    __LINE__, #a, trt_a, trt_b);                            \
        }                                                                   \
    } while (0)

#define CHECK_STR(a, b)                                                     \
    do {                                                                    \
        const char *trt_a = (a), *trt_b = (b);                              \
        trt_checks++;                                                       \
        if (!trt_a || !trt_b || strcmp(trt_a, trt_b) != 0) {                \
            trt_failures++;                                                 \
            fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n",       \
                    __FILE__, __LINE__, #a, trt_a ? trt_a : "(null)",       \
                    trt_b ? trt_b : "(null)");                              \
        }                                                                   \
    } while (0)

#define CHECK_CONTAINS(hay, needle)                                         \
    do {                                                                    \
        const char *trt_h = (hay), *trt_n = (needle);                       \
        trt_checks++;                                                       \
        if (!trt_h || !strstr(trt_h, trt_n)) {                              \
            trt_failures++;                                                 \
            fprintf(stderr, "%s:%d: \"%s\" does not contain \"%s\"\n",      \
                    __FILE__, __LINE__, trt_h ? trt_h : "(null)", trt_n);   \
        }                                                                   \
    } while (0)

/* An artifact's metadata text ("{}" when it cannot be had), valid until the
 * next call. */
static inline const char *trt_meta(const tro_artifact *a)
{
    static char *last;
    tro_free(last);
    last = NULL;
    if (tro_artifact_metadata(a, &last, NULL))
        return "{}";
    return last;
}

static inline int trt_finish(const char *name)
{
    printf("%s: %d checks, %d failed\n", name, trt_checks, trt_failures);
    return trt_failures ? 1 : 0;
}

#endif

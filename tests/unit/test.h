/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* A minimal assertion harness for the unit tests. Each file under
 * tests/unit/<layer>/ defines its cases with TRO_TEST(name) (no main());
 * tests/unit/gen-list.sh collects them into the list that tests/unit/main.c
 * runs, one case at a time, printing TAP. A failed check prints its file and
 * line on stderr and fails the case it runs in. */
#ifndef TRO_TEST_H
#define TRO_TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <trulyopen.h>

/* Checks run and failed by the case running (tests/unit/main.c). */
extern int trt_failures;
extern int trt_checks;
/* Why the running case was skipped, or NULL. */
extern const char *trt_skip_reason;

/* Defines the test case `name`: a function the runner finds by the name. A
 * name is unique in the program and begins with the file's name (read/
 * test_card.c: card_front_matter...), so that its TAP line points to it. */
#define TRO_TEST(name)                                                      \
    void trt_case_##name(void);                                             \
    void trt_case_##name(void)

/* Ends the running case as skipped (what it needs is missing). */
#define TRO_SKIP(reason)                                                    \
    do {                                                                    \
        trt_skip_reason = (reason);                                         \
        return;                                                             \
    } while (0)

/* Ends the running case as failed before its checks could run. */
#define TRO_FAIL(what)                                                      \
    do {                                                                    \
        trt_failures++;                                                     \
        fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, (what));         \
        return;                                                             \
    } while (0)

/* One case of the runner's list (written by tests/unit/gen-list.sh). */
typedef struct trt_case {
    const char *layer; /* the folder: core, read, ... */
    const char *file;  /* test_<file>.c */
    const char *name;  /* as given to TRO_TEST */
    void (*run)(void);
} trt_case;
extern const trt_case trt_cases[];
extern const size_t trt_ncases;

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

/* CHECK(cond), also naming `where` (the item being checked: a release, a
 * file) when it fails. */
#define CHECK_IN(where, cond)                                               \
    do {                                                                    \
        int trt_before = trt_failures;                                      \
        CHECK(cond);                                                        \
        if (trt_failures > trt_before)                                      \
            fprintf(stderr, "  (in %s)\n", (where));                        \
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

#endif

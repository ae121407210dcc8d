/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Allocation failures on demand, for unit tests of out-of-memory paths: the
 * program's own malloc, calloc and realloc take the place of the C
 * library's (ELF symbol interposition) and fail once trt_fail_in
 * allocations have succeeded; -1 (the default) never fails. glibc only:
 * the real work is done by its __libc_* entry points. */
#ifndef TRT_FAILALLOC_H
#define TRT_FAILALLOC_H

#include <stddef.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

void *malloc(size_t n);
void *calloc(size_t k, size_t n);
void *realloc(void *p, size_t n);
void free(void *p);

static long trt_fail_in = -1;

static int trt_fail_now(void)
{
    if (trt_fail_in == 0)
        return 1;
    if (trt_fail_in > 0)
        trt_fail_in--;
    return 0;
}

void *malloc(size_t n)
{
    return trt_fail_now() ? NULL : __libc_malloc(n);
}

void *calloc(size_t k, size_t n)
{
    return trt_fail_now() ? NULL : __libc_calloc(k, n);
}

void *realloc(void *p, size_t n)
{
    return trt_fail_now() ? NULL : __libc_realloc(p, n);
}

void free(void *p)
{
    __libc_free(p);
}

#endif

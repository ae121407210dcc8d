/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The toolkit (toolkit.h): growable arrays, the string arena, formatting,
 * the string set. */
#include "internal.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- growable arrays ---------------------------------------------------------- */

int trop_vec_reserve_(void **v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 4;
    while (c < need) {
        if (c > SIZE_MAX / 2)
            return TRO_ENOMEM;
        c *= 2;
    }
    if (size && c > SIZE_MAX / size)
        return TRO_ENOMEM;
    void *p = realloc(*v, c * size);
    if (!p)
        return TRO_ENOMEM;
    *v = p;
    *cap = c;
    return 0;
}

void *trop_vec_zero_(void *item, size_t size)
{
    return memset(item, 0, size);
}

int trop_vec_to_arena_(void **v, size_t *n, size_t *cap, size_t size, trop_arena *a)
{
    if (!*n) {
        free(*v);
        *v = NULL;
        *cap = 0;
        return 0;
    }
    void *copy = trop_arena_alloc(a, *n * size); /* n * size was allocated: no overflow */
    if (!copy)
        return TRO_ENOMEM;
    memcpy(copy, *v, *n * size);
    free(*v);
    *v = copy;
    *cap = *n;
    return 0;
}

/* ---- string arena ------------------------------------------------------------ */

/* Under glibc's 1 KiB "large request" size: those first consolidate the
 * fast bins, a cost paid on every check otherwise. */
#define CHUNK 960

struct trop_chunk {
    struct trop_chunk *next;
    size_t used, cap;
    char data[];
};

/* Room for n bytes and a NUL; NULL on ENOMEM. */
static char *room(trop_arena *a, size_t n)
{
    trop_chunk *k = a->chunks;
    if (n >= SIZE_MAX - sizeof *k - 1)
        return NULL;
    if (!k || k->cap - k->used < n + 1) {
        size_t cap = n + 1 > CHUNK ? n + 1 : CHUNK;
        trop_chunk *nk = malloc(sizeof *nk + cap);
        if (!nk)
            return NULL;
        nk->used = 0;
        nk->cap = cap;
        if (k && cap > CHUNK) { /* a long text alone; the current chunk keeps its room */
            nk->next = k->next;
            k->next = nk;
        } else {
            nk->next = k;
            a->chunks = nk;
        }
        k = nk;
    }
    char *p = k->data + k->used;
    k->used += n + 1;
    return p;
}

void *trop_arena_take(trop_arena *a, size_t n)
{
    const size_t align = _Alignof(max_align_t);
    if (n > SIZE_MAX - align)
        return NULL;
    char *p = room(a, n + align - 1);
    if (!p)
        return NULL;
    return (void *)(((uintptr_t)p + align - 1) & ~(uintptr_t)(align - 1));
}

void *trop_arena_alloc(trop_arena *a, size_t n)
{
    void *p = trop_arena_take(a, n);
    return p ? memset(p, 0, n) : NULL;
}

char *trop_arena_copy(trop_arena *a, const char *s, size_t n)
{
    if (!s)
        n = 0;
    char *t = room(a, n);
    if (!t)
        return NULL;
    if (n)
        memcpy(t, s, n);
    t[n] = '\0';
    return t;
}

bool trop_arena_text(trop_arena *a, const char *s, size_t n, trop_str *out)
{
    char *t = trop_arena_copy(a, s, n);
    if (!t)
        return false;
    n = s ? n : 0;
    trop_utf8_patch(t, n);
    *out = (trop_str){t, n};
    return true;
}

bool trop_arena_cstr(trop_arena *a, const char *s, trop_str *out)
{
    return trop_arena_text(a, s, s ? strlen(s) : 0, out);
}

bool trop_arena_vfmt(trop_arena *a, trop_str *out, const char *fmt, va_list ap)
{
    char buf[512];
    size_t n;
    char *s = trop_vfmt(buf, sizeof buf, &n, fmt, ap);
    bool ok = s && trop_arena_text(a, s, n, out);
    trop_fmt_free(s, buf);
    return ok;
}

void trop_arena_free(trop_arena *a)
{
    for (trop_chunk *k = a->chunks, *next; k; k = next) {
        next = k->next;
        free(k);
    }
    a->chunks = NULL;
}

/* ---- formatting ------------------------------------------------------------------ */

char *trop_vfmt(char *buf, size_t cap, size_t *len, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(buf, cap, fmt, cp);
    va_end(cp);
    if (n < 0)
        return NULL;
    if (len)
        *len = (size_t)n;
    if ((size_t)n < cap)
        return buf;
    char *p = malloc((size_t)n + 1);
    if (p)
        vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *trop_fmt(char *buf, size_t cap, size_t *len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = trop_vfmt(buf, cap, len, fmt, ap);
    va_end(ap);
    return s;
}

void trop_fmt_free(char *text, char *buf)
{
    if (text != buf)
        free(text);
}

/* ---- string set ------------------------------------------------------------------- */

uint64_t trop_hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 1099511628211ull;
    return h;
}

/* The slot of s: where it is, or the empty slot where it would go. */
static size_t probe(const trop_strset *set, const char *s, size_t n, uint64_t h)
{
    size_t mask = set->cap - 1, i = (size_t)h & mask;
    for (const trop_strset_slot *e; (e = &set->slot[i])->s; i = (i + 1) & mask)
        if (e->hash == h && e->n == n && !memcmp(e->s, s, n))
            break;
    return i;
}

static int grow(trop_strset *set)
{
    size_t cap = set->cap ? set->cap * 2 : 16;
    trop_strset bigger = {.slot = cap <= SIZE_MAX / sizeof *set->slot
                                      ? calloc(cap, sizeof *set->slot)
                                      : NULL,
                          .cap = cap};
    if (!bigger.slot)
        return TRO_ENOMEM;
    for (size_t i = 0; i < set->cap; i++)
        if (set->slot[i].s)
            bigger.slot[probe(&bigger, set->slot[i].s, set->slot[i].n, set->slot[i].hash)] =
                set->slot[i];
    free(set->slot);
    set->slot = bigger.slot;
    set->cap = cap;
    return 0;
}

int trop_strset_add(trop_strset *set, const char *s, size_t n)
{
    if (trop_strset_has(set, s, n))
        return 0;
    if (set->max && set->n >= set->max)
        return TRO_ELIMIT;
    if ((set->n + 1) * 4 > set->cap * 3 && grow(set))
        return TRO_ENOMEM;
    uint64_t h = trop_hash_bytes(s, n);
    trop_strset_slot *e = &set->slot[probe(set, s, n, h)];
    if (!(e->s = trop_arena_copy(&set->texts, s, n)))
        return TRO_ENOMEM;
    e->n = n;
    e->hash = h;
    e->value = 0;
    set->n++;
    return 1;
}

trop_strset_slot *trop_strset_get(const trop_strset *set, const char *s, size_t n)
{
    trop_strset_slot *e = set->cap ? &set->slot[probe(set, s, n, trop_hash_bytes(s, n))] : NULL;
    return e && e->s ? e : NULL;
}

bool trop_strset_has(const trop_strset *set, const char *s, size_t n)
{
    return trop_strset_get(set, s, n) != NULL;
}

void trop_strset_free(trop_strset *set)
{
    size_t max = set->max;
    free(set->slot);
    trop_arena_free(&set->texts);
    memset(set, 0, sizeof *set);
    set->max = max;
}

/* ---- comparing ------------------------------------------------------------------------ */

int trop_cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The library's small toolkit, one of each: a typed growable array, a string
 * arena, a string set, a comparison for qsort of strings, and formatting into
 * a caller's buffer with a heap fallback. Private; included by internal.h.
 */
#ifndef TROP_TOOLKIT_H
#define TROP_TOOLKIT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define TROP_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define TROP_PRINTF(f, a)
#endif

/* ---- Growable arrays -------------------------------------------------------
 * TROP_VEC(T) is a struct {T *v; size_t n, cap;}: v[0..n) are the items. Zero
 * initialised it is empty; free it with trop_vec_free(). The union lets the
 * generic growth function write the pointer without casting T ** to void **. */
#define TROP_VEC(T)                                                                                \
    struct {                                                                                       \
        union {                                                                                    \
            T *v;                                                                                  \
            void *vp_;                                                                             \
        };                                                                                         \
        size_t n, cap;                                                                             \
    }

/* Makes room for at least `need` items of `size` bytes: 0, or TRO_ENOMEM
 * (also on overflow) with the array unchanged. */
int trop_vec_reserve_(void **v, size_t *cap, size_t need, size_t size);

/* Room for k more items: 0 or TRO_ENOMEM. */
#define trop_vec_reserve(vec, k)                                                                   \
    ((vec)->cap - (vec)->n >= (size_t)(k)                                                          \
         ? 0                                                                                       \
         : trop_vec_reserve_(&(vec)->vp_, &(vec)->cap, (vec)->n + (size_t)(k), sizeof *(vec)->v))
/* Appends item (an expression of the item type): 0 or TRO_ENOMEM. */
#define trop_vec_push(vec, item)                                                                   \
    (trop_vec_reserve(vec, 1) ? TRO_ENOMEM : ((vec)->v[(vec)->n++] = (item), 0))
/* A pointer to a new zeroed item at the end, or NULL on ENOMEM. */
#define trop_vec_add(vec)                                                                          \
    (trop_vec_reserve(vec, 1) ? NULL : trop_vec_zero_(&(vec)->v[(vec)->n++], sizeof *(vec)->v))
#define trop_vec_free(vec)                                                                         \
    do {                                                                                           \
        free((vec)->vp_);                                                                          \
        (vec)->vp_ = NULL;                                                                         \
        (vec)->n = (vec)->cap = 0;                                                                 \
    } while (0)
void *trop_vec_zero_(void *item, size_t size);
/* Moves a vector's items into arena a (cap becomes n, the heap copy is
 * freed), for records that are freed with their arena: 0 or TRO_ENOMEM
 * (the vector unchanged). */
#define trop_vec_to_arena(vec, a)                                                                  \
    trop_vec_to_arena_(&(vec)->vp_, &(vec)->n, &(vec)->cap, sizeof *(vec)->v, (a))
struct trop_arena;
int trop_vec_to_arena_(void **v, size_t *n, size_t *cap, size_t size, struct trop_arena *a);

/* ---- String arena ------------------------------------------------------------
 * Texts copied into chunks owned by the arena and freed all at once: a
 * judgement or a reader keeps dozens of short strings, and one malloc each
 * would cost more than the work that makes them. Every text is
 * NUL-terminated; its length is kept beside it in a trop_str. */
typedef struct trop_str {
    const char *s; /* NULL: none (distinct from "") */
    size_t n;
} trop_str;

/* A list of texts. */
typedef TROP_VEC(trop_str) trop_strs;

typedef struct trop_chunk trop_chunk;
typedef struct trop_arena {
    trop_chunk *chunks;
} trop_arena;

/* n bytes aligned for any object, zeroed; NULL on ENOMEM. */
void *trop_arena_alloc(trop_arena *a, size_t n);
/* The same, not zeroed: for records the caller writes whole (zeroing a
 * card body's arrays first cost a fifth of their making). */
void *trop_arena_take(trop_arena *a, size_t n);
/* Copies n bytes of s (NULL: "") and returns the copy, or NULL on ENOMEM. */
char *trop_arena_copy(trop_arena *a, const char *s, size_t n);
/* The same, with the bytes that are not UTF-8 replaced by '?' (texts shown
 * in reports must be UTF-8; offsets stay exact); false on ENOMEM. */
bool trop_arena_text(trop_arena *a, const char *s, size_t n, trop_str *out);
bool trop_arena_cstr(trop_arena *a, const char *s, trop_str *out); /* s NUL-terminated */
/* A formatted text, made valid UTF-8 as trop_arena_text(); false on ENOMEM. */
bool trop_arena_vfmt(trop_arena *a, trop_str *out, const char *fmt, va_list ap)
    TROP_PRINTF(3, 0);
void trop_arena_free(trop_arena *a);

/* ---- Formatting into a buffer or the heap -----------------------------------
 * vsnprintf into buf (cap bytes) when the text fits, else into a new heap
 * buffer. Returns the text (buf, or a heap copy to free when it is not buf)
 * and its length in *len, or NULL on ENOMEM or an encoding error. */
char *trop_vfmt(char *buf, size_t cap, size_t *len, const char *fmt, va_list ap)
    TROP_PRINTF(4, 0);
char *trop_fmt(char *buf, size_t cap, size_t *len, const char *fmt, ...) TROP_PRINTF(4, 5);
/* Frees what trop_fmt returned, unless it is the caller's buf. */
void trop_fmt_free(char *text, char *buf);

/* ---- String set ----------------------------------------------------------------
 * Distinct byte strings, hashed (FNV-1a) with open addressing; the set keeps
 * its own copies. Lookups and inserts are O(1) on average. */
typedef struct trop_strset_slot {
    const char *s; /* NULL: empty */
    size_t n;
    uint64_t hash;
    size_t value; /* the caller's, 0 when added: a set used as a map */
} trop_strset_slot;
typedef struct trop_strset {
    trop_strset_slot *slot;
    size_t n, cap; /* cap: 0 or a power of two */
    size_t max;    /* at most this many strings; 0: no bound */
    trop_arena texts;
} trop_strset;

uint64_t trop_hash_bytes(const void *p, size_t n);
/* 1 when s[0..n) was added, 0 when it was there, TRO_ELIMIT when the set
 * already holds max strings, TRO_ENOMEM. */
int trop_strset_add(trop_strset *set, const char *s, size_t n);
bool trop_strset_has(const trop_strset *set, const char *s, size_t n);
/* The slot holding s (for its value), or NULL; valid until the next add. */
trop_strset_slot *trop_strset_get(const trop_strset *set, const char *s, size_t n);
void trop_strset_free(trop_strset *set);

/* ---- Comparing ------------------------------------------------------------------ */
/* qsort/bsearch comparison of two char * (pointers to the pointers), by strcmp. */
int trop_cmp_str(const void *a, const void *b);

#endif

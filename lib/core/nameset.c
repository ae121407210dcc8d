/* A set of strings with open addressing, for duplicate checks on names a
 * release or an archive supplies (archive entries, buffers added from
 * memory). Names come from hostile input, and an unkeyed hash lets them be
 * chosen to land in one slot, which makes every insertion walk all the
 * others: the hash is SipHash-1-3 under a random key drawn per set. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

static uint64_t rotl(uint64_t x, int b)
{
    return (x << b) | (x >> (64 - b));
}

static void sipround(uint64_t v[4])
{
    v[0] += v[1];
    v[1] = rotl(v[1], 13) ^ v[0];
    v[0] = rotl(v[0], 32);
    v[2] += v[3];
    v[3] = rotl(v[3], 16) ^ v[2];
    v[0] += v[3];
    v[3] = rotl(v[3], 21) ^ v[0];
    v[2] += v[1];
    v[1] = rotl(v[1], 17) ^ v[2];
    v[2] = rotl(v[2], 32);
}

static uint64_t siphash13(const uint64_t key[2], const char *s, size_t n)
{
    uint64_t v[4] = {key[0] ^ 0x736f6d6570736575ull, key[1] ^ 0x646f72616e646f6dull,
                     key[0] ^ 0x6c7967656e657261ull, key[1] ^ 0x7465646279746573ull};
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t m = trop_le64(p + i);
        v[3] ^= m;
        sipround(v);
        v[0] ^= m;
    }
    uint64_t last = (uint64_t)(n & 0xff) << 56;
    for (size_t k = 0; i + k < n; k++)
        last |= (uint64_t)p[i + k] << (8 * k);
    v[3] ^= last;
    sipround(v);
    v[0] ^= last;
    v[2] ^= 0xff;
    for (int r = 0; r < 3; r++)
        sipround(v);
    return v[0] ^ v[1] ^ v[2] ^ v[3];
}

/* A key no input can predict; without getrandom(), the clock and the
 * set's address (still different per process and per set). */
static void draw_key(trop_nameset *s)
{
    if (getrandom(s->key, sizeof s->key, GRND_NONBLOCK) == (ssize_t)sizeof s->key)
        return;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    s->key[0] = (uint64_t)ts.tv_nsec * 0x9e3779b97f4a7c15ull ^ (uint64_t)(uintptr_t)s;
    s->key[1] = (uint64_t)ts.tv_sec * 0xc2b2ae3d27d4eb4full ^ (uint64_t)(uintptr_t)&ts;
}

static uint64_t hash_of(const trop_nameset *s, const char *name)
{
    return siphash13(s->key, name, strlen(name));
}

/* The slot of name, or of the empty place where it would go. Hashes are
 * kept beside the names: growing never hashes again, and a probe compares
 * strings only when their hashes agree. */
static size_t find(const trop_nameset *s, const char *name, uint64_t h)
{
    size_t k = (size_t)h & (s->cap - 1);
    for (; s->slot[k]; k = (k + 1) & (s->cap - 1))
        if (s->hash[k] == h && !strcmp(s->slot[k], name))
            break;
    return k;
}

static int grow(trop_nameset *s)
{
    size_t cap = s->cap ? s->cap * 2 : 64;
    char **slot = calloc(cap, sizeof *slot);
    uint64_t *hash = malloc(cap * sizeof *hash);
    if (!slot || !hash) {
        free(slot);
        free(hash);
        return TRO_ENOMEM;
    }
    if (!s->cap)
        draw_key(s);
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->slot[i])
            continue;
        size_t k = (size_t)s->hash[i] & (cap - 1);
        while (slot[k])
            k = (k + 1) & (cap - 1);
        slot[k] = s->slot[i];
        hash[k] = s->hash[i];
    }
    free(s->slot);
    free(s->hash);
    s->slot = slot;
    s->hash = hash;
    s->cap = cap;
    return TRO_OK;
}

int trop_nameset_add(trop_nameset *s, const char *name)
{
    if ((s->n + 1) * 2 > s->cap && grow(s))
        return TRO_ENOMEM;
    uint64_t h = hash_of(s, name);
    size_t k = find(s, name, h);
    if (s->slot[k])
        return 0;
    if (!(s->slot[k] = trop_strdup(name)))
        return TRO_ENOMEM;
    s->hash[k] = h;
    s->n++;
    return 1;
}

bool trop_nameset_has(const trop_nameset *s, const char *name)
{
    return s->n && s->slot[find(s, name, hash_of(s, name))];
}

void trop_nameset_free(trop_nameset *s)
{
    for (size_t i = 0; i < s->cap; i++)
        free(s->slot[i]);
    free(s->slot);
    free(s->hash);
    *s = (trop_nameset){0};
}

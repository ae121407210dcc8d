/*
 * Texts of a judgement kept for its report (evidence, reasons, findings):
 * copied into chunks owned by their holder, checked as UTF-8 once, freed
 * at once. A check makes a few dozen; one malloc each would cost more than
 * judging them.
 */
#include "judge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Under glibc's 1 KiB "large request" size: those first consolidate the
 * fast bins, a cost paid on every check otherwise. */
#define CHUNK 960

struct trop_chunk {
    struct trop_chunk *next;
    size_t used, cap;
    char data[];
};

/* Room for n bytes and a NUL in c's chunks; NULL on ENOMEM. */
static char *room(trop_texts *c, size_t n)
{
    trop_chunk *k = c->chunks;
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
            c->chunks = nk;
        }
        k = nk;
    }
    char *p = k->data + k->used;
    k->used += n + 1;
    return p;
}

bool trop_texts_put(trop_texts *c, const char *s, size_t n, trop_str *out)
{
    char *t = room(c, s ? n : 0);
    if (!t)
        return false;
    if (s)
        memcpy(t, s, n);
    else
        n = 0;
    t[n] = '\0';
    trop_utf8_patch(t, n);
    *out = (trop_str){t, n};
    return true;
}

bool trop_texts_str(trop_texts *c, const char *s, trop_str *out)
{
    return trop_texts_put(c, s, s ? strlen(s) : 0, out);
}

bool trop_texts_vfmt(trop_texts *c, trop_str *out, const char *fmt, va_list ap)
{
    char buf[512];
    va_list cp;
    va_copy(cp, ap);
    int n = trop_vfmt(buf, sizeof buf, fmt, cp);
    va_end(cp);
    if (n < 0)
        return false;
    if ((size_t)n < sizeof buf)
        return trop_texts_put(c, buf, (size_t)n, out);
    char *s = trop_vasprintf(fmt, ap); /* rare: format again into the heap */
    bool ok = s && trop_texts_put(c, s, (size_t)n, out);
    free(s);
    return ok;
}

void trop_texts_free(trop_texts *c)
{
    for (trop_chunk *k = c->chunks, *next; k; k = next) {
        next = k->next;
        free(k);
    }
    c->chunks = NULL;
}

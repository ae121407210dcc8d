/*
 * A criterion's evidence and reasons. A check makes a dozen of them and a
 * registry may never render the report, so they are kept as C arrays (their
 * texts packed in chunks the criterion owns) and become JSON only when the
 * report document is built.
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
static char *room(trop_crit *c, size_t n)
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

/* A copy of n bytes of s (NULL: ""), bytes that are not UTF-8 replaced by
 * '?' as trop_jtext() does. False on ENOMEM. */
static bool put(trop_crit *c, const char *s, size_t n, trop_str *out)
{
    char *t = room(c, s ? n : 0);
    if (!t)
        return false;
    if (s)
        memcpy(t, s, n);
    else
        n = 0;
    t[n] = '\0';
    for (size_t i = trop_utf8_valid(t, n) ? n : 0; i < n;) {
        unsigned char ch = (unsigned char)t[i];
        size_t len = ch < 0x80 ? 1 : ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : 2;
        if (i + len <= n && trop_utf8_valid(t + i, len)) {
            i += len;
            continue;
        }
        t[i++] = '?';
    }
    *out = (trop_str){t, n};
    return true;
}

static bool put_str(trop_crit *c, const char *s, trop_str *out)
{
    return put(c, s, s ? strlen(s) : 0, out);
}

/* A formatted text, formatted once on the stack when it fits. */
static bool put_vfmt(trop_crit *c, trop_str *out, const char *fmt, va_list ap)
{
    char buf[512];
    va_list cp;
    va_copy(cp, ap);
    int n = trop_vfmt(buf, sizeof buf, fmt, cp);
    va_end(cp);
    if (n < 0)
        return false;
    if ((size_t)n < sizeof buf)
        return put(c, buf, (size_t)n, out);
    char *s = trop_vasprintf(fmt, ap); /* rare: format again into the heap */
    bool ok = s && put(c, s, (size_t)n, out);
    free(s);
    return ok;
}

/* The next evidence item, zeroed but for kind, line and offset. */
static trop_evidence *next_evidence(trop_crit *c, const char *kind, int64_t line, int64_t offset)
{
    if (c->nev == c->evcap) {
        size_t cap = c->evcap ? c->evcap * 2 : 4;
        trop_evidence *v = realloc(c->ev, cap * sizeof *v);
        if (!v)
            return NULL;
        c->ev = v;
        c->evcap = cap;
    }
    trop_evidence *e = &c->ev[c->nev];
    *e = (trop_evidence){.kind = kind, .line = line, .offset = offset};
    return e;
}

int trop_evidence_add(trop_crit *c, const char *kind, const char *text, const char *path,
                      const char *url, int64_t line, int64_t offset)
{
    trop_evidence *e = next_evidence(c, kind, line, offset);
    if (!e || !put_str(c, text, &e->text) || !put_str(c, path, &e->path) ||
        (url && !put_str(c, url, &e->url)))
        return TRO_ENOMEM;
    c->nev++;
    return 0;
}

int trop_evidence_addf(trop_crit *c, const char *kind, const char *path, const char *url,
                       int64_t line, int64_t offset, const char *fmt, ...)
{
    trop_evidence *e = next_evidence(c, kind, line, offset);
    if (!e || !put_str(c, path, &e->path) || (url && !put_str(c, url, &e->url)))
        return TRO_ENOMEM;
    va_list ap;
    va_start(ap, fmt);
    bool ok = put_vfmt(c, &e->text, fmt, ap);
    va_end(ap);
    if (!ok)
        return TRO_ENOMEM;
    c->nev++;
    return 0;
}

int trop_reason_add(trop_crit *c, const char *fmt, ...)
{
    if (c->nreasons == c->rcap) {
        size_t cap = c->rcap ? c->rcap * 2 : 8;
        trop_str *v = realloc(c->reasons, cap * sizeof *v);
        if (!v)
            return TRO_ENOMEM;
        c->reasons = v;
        c->rcap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    bool ok = put_vfmt(c, &c->reasons[c->nreasons], fmt, ap);
    va_end(ap);
    if (!ok)
        return TRO_ENOMEM;
    c->nreasons++;
    return 0;
}

void trop_crit_clear(trop_crit *c)
{
    for (trop_chunk *k = c->chunks, *next; k; k = next) {
        next = k->next;
        free(k);
    }
    free(c->ev);
    free(c->reasons);
    tro_status st = c->status;
    memset(c, 0, sizeof *c);
    c->status = st;
}

void trop_crit_move(trop_crit *dst, trop_crit *src)
{
    *dst = *src;
    tro_status st = src->status;
    memset(src, 0, sizeof *src);
    src->status = st;
}

static json_t *evidence_json(const trop_evidence *e)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    int bad = json_object_set_new_nocheck(o, "kind", json_string_nocheck(e->kind));
    bad |= json_object_set_new_nocheck(o, "text", json_stringn_nocheck(e->text.s, e->text.n));
    bad |= json_object_set_new_nocheck(o, "path", json_stringn_nocheck(e->path.s, e->path.n));
    if (e->url.s)
        bad |= json_object_set_new_nocheck(o, "url", json_stringn_nocheck(e->url.s, e->url.n));
    if (e->line > 0)
        bad |= json_object_set_new_nocheck(o, "line", json_integer(e->line));
    if (e->offset >= 0)
        bad |= json_object_set_new_nocheck(o, "offset", json_integer(e->offset));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *trop_crit_json(const trop_crit *c)
{
    json_t *o = json_object(), *ev = json_array(), *why = json_array();
    int bad = !o || !ev || !why;
    for (size_t i = 0; !bad && i < c->nev; i++)
        bad = json_array_append_new(ev, evidence_json(&c->ev[i]));
    for (size_t i = 0; !bad && i < c->nreasons; i++)
        bad = json_array_append_new(why, json_stringn_nocheck(c->reasons[i].s, c->reasons[i].n));
    if (!bad)
        bad = json_object_set_new_nocheck(o, "status",
                                          json_string_nocheck(tro_status_name(c->status)));
    if (!bad) {
        bad = json_object_set_new_nocheck(o, "evidence", ev) |
              json_object_set_new_nocheck(o, "reasons", why);
        ev = why = NULL;
    }
    json_decref(ev);
    json_decref(why);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

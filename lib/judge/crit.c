/*
 * A criterion's evidence and reasons. A check makes a dozen of them and a
 * registry may never render the report, so they are kept as C arrays (their
 * texts in the criterion's trop_texts) and become JSON only when the report
 * document is built.
 */
#include "judge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    if (!e || !trop_texts_str(&c->texts, text, &e->text) ||
        !trop_texts_str(&c->texts, path, &e->path) ||
        (url && !trop_texts_str(&c->texts, url, &e->url)))
        return TRO_ENOMEM;
    c->nev++;
    return 0;
}

int trop_evidence_addf(trop_crit *c, const char *kind, const char *path, const char *url,
                       int64_t line, int64_t offset, const char *fmt, ...)
{
    trop_evidence *e = next_evidence(c, kind, line, offset);
    if (!e || !trop_texts_str(&c->texts, path, &e->path) ||
        (url && !trop_texts_str(&c->texts, url, &e->url)))
        return TRO_ENOMEM;
    va_list ap;
    va_start(ap, fmt);
    bool ok = trop_texts_vfmt(&c->texts, &e->text, fmt, ap);
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
    bool ok = trop_texts_vfmt(&c->texts, &c->reasons[c->nreasons], fmt, ap);
    va_end(ap);
    if (!ok)
        return TRO_ENOMEM;
    c->nreasons++;
    return 0;
}

void trop_crit_clear(trop_crit *c)
{
    trop_texts_free(&c->texts);
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

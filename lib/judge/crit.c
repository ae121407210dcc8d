/*
 * A criterion's evidence and reasons, and the judge's findings: C records
 * whose texts live in their holder's arena, made into output only by the
 * report's writers. An item of a criterion that memory could not hold is
 * remembered on it (short_of_memory), so that a caller that lost the code
 * cannot make a record that looks whole without it.
 */
#include "judge.h"

#include <stdlib.h>
#include <string.h>

/* The next evidence item, zeroed but for kind, line and offset. */
static trop_evidence *next_evidence(trop_crit *c, const char *kind, int64_t line, int64_t offset)
{
    trop_evidence *e = trop_vec_add(&c->ev);
    if (e)
        *e = (trop_evidence){.kind = kind, .line = line, .offset = offset};
    return e;
}

int trop_evidence_add(trop_crit *c, const char *kind, const char *text, const char *path,
                      const char *url, int64_t line, int64_t offset)
{
    trop_evidence *e = next_evidence(c, kind, line, offset);
    if (!e || !trop_arena_cstr(&c->texts, text, &e->text) ||
        !trop_arena_cstr(&c->texts, path, &e->path) ||
        (url && !trop_arena_cstr(&c->texts, url, &e->url))) {
        c->ev.n -= e != NULL;
        c->short_of_memory = true;
        return TRO_ENOMEM;
    }
    return 0;
}

int trop_evidence_addf(trop_crit *c, const char *kind, const char *path, const char *url,
                       int64_t line, int64_t offset, const char *fmt, ...)
{
    trop_evidence *e = next_evidence(c, kind, line, offset);
    if (!e || !trop_arena_cstr(&c->texts, path, &e->path) ||
        (url && !trop_arena_cstr(&c->texts, url, &e->url))) {
        c->ev.n -= e != NULL;
        c->short_of_memory = true;
        return TRO_ENOMEM;
    }
    va_list ap;
    va_start(ap, fmt);
    bool ok = trop_arena_vfmt(&c->texts, &e->text, fmt, ap);
    va_end(ap);
    if (!ok) {
        c->ev.n--;
        c->short_of_memory = true;
        return TRO_ENOMEM;
    }
    return 0;
}

int trop_evidence_why(trop_crit *c, const char *why)
{
    if (!c->ev.n)
        return 0;
    trop_evidence *e = &c->ev.v[c->ev.n - 1];
    if (trop_arena_cstr(&c->texts, why, &e->why))
        return 0;
    c->short_of_memory = true;
    return TRO_ENOMEM;
}

int trop_reason_add(trop_crit *c, const char *fmt, ...)
{
    bool ok = !trop_vec_reserve(&c->reasons, 1);
    if (ok) {
        va_list ap;
        va_start(ap, fmt);
        ok = trop_arena_vfmt(&c->texts, &c->reasons.v[c->reasons.n], fmt, ap);
        va_end(ap);
    }
    if (!ok) {
        c->short_of_memory = true;
        return TRO_ENOMEM;
    }
    c->reasons.n++;
    return 0;
}

void trop_crit_clear(trop_crit *c)
{
    trop_arena_free(&c->texts);
    trop_vec_free(&c->ev);
    trop_vec_free(&c->reasons);
}

/* ---- findings --------------------------------------------------------------------- */

int trop_jfinding_copy(trop_jfindings *fs, tro_severity sev, const char *code,
                       const char *message, const char *path, int64_t offset)
{
    trop_jfinding *f = trop_vec_add(fs);
    if (!f)
        return TRO_ENOMEM;
    f->sev = sev;
    f->offset = offset;
    if (!trop_arena_cstr(&fs->texts, code, &f->code) ||
        !trop_arena_cstr(&fs->texts, message, &f->message) ||
        !trop_arena_cstr(&fs->texts, path, &f->path)) {
        fs->n--;
        return TRO_ENOMEM;
    }
    return 0;
}

int trop_judge_finding(trop_judgement *jd, tro_severity sev, const char *code, const char *path,
                       const char *fmt, ...)
{
    trop_jfindings *fs = &jd->findings;
    trop_jfinding *f = trop_vec_add(fs);
    if (!f)
        return TRO_ENOMEM;
    f->sev = sev;
    f->offset = -1;
    va_list ap;
    va_start(ap, fmt);
    bool ok = trop_arena_vfmt(&fs->texts, &f->message, fmt, ap);
    va_end(ap);
    if (!ok || !trop_arena_cstr(&fs->texts, path, &f->path) ||
        !trop_arena_cstr(&fs->texts, code, &f->code)) {
        fs->n--;
        return TRO_ENOMEM;
    }
    return 0;
}

void trop_jfindings_free(trop_jfindings *f)
{
    trop_vec_free(f);
    trop_arena_free(&f->texts);
}

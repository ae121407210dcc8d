/*
 * The report's JSON text written straight from what tro_check() kept, with
 * no JSON tree in between: the same bytes as the tree document.c builds,
 * written by tro_report_json() when nothing built the tree first (a policy,
 * the text or SARIF writers). Building and freeing the tree cost more than
 * writing its text.
 */
#include "pending.h"

#include <string.h>

static void key_str(trop_jw *w, const char *key, trop_str s)
{
    trop_jw_key(w, key);
    if (s.s)
        trop_jw_strn(w, s.s, s.n);
    else
        trop_jw_json(w, json_null());
}

static void key_cstr(trop_jw *w, const char *key, const char *s)
{
    trop_jw_key(w, key);
    trop_jw_str(w, s);
}

static void key_bool(trop_jw *w, const char *key, bool b)
{
    trop_jw_key(w, key);
    trop_jw_json(w, b ? json_true() : json_false());
}

static void key_int(trop_jw *w, const char *key, int64_t v)
{
    trop_jw_key(w, key);
    trop_jw_int(w, v);
}

static void criterion(trop_jw *w, const trop_crit *c)
{
    trop_jw_open(w, '{');
    key_cstr(w, "status", tro_status_name(c->status));
    trop_jw_key(w, "evidence");
    trop_jw_open(w, '[');
    for (size_t i = 0; i < c->nev; i++) {
        const trop_evidence *e = &c->ev[i];
        trop_jw_item(w);
        trop_jw_open(w, '{');
        key_cstr(w, "kind", e->kind);
        key_str(w, "text", e->text);
        key_str(w, "path", e->path);
        if (e->url.s)
            key_str(w, "url", e->url);
        if (e->line > 0)
            key_int(w, "line", e->line);
        if (e->offset >= 0)
            key_int(w, "offset", e->offset);
        trop_jw_close(w, '}');
    }
    trop_jw_close(w, ']');
    trop_jw_key(w, "reasons");
    trop_jw_open(w, '[');
    for (size_t i = 0; i < c->nreasons; i++) {
        trop_jw_item(w);
        trop_jw_strn(w, c->reasons[i].s, c->reasons[i].n);
    }
    trop_jw_close(w, ']');
    trop_jw_close(w, '}');
}

static void licenses(trop_jw *w, const trop_lics *ls)
{
    trop_jw_open(w, '[');
    for (size_t i = 0; i < ls->n; i++) {
        const trop_lic *l = &ls->v[i];
        trop_jw_item(w);
        trop_jw_open(w, '{');
        key_cstr(w, "source", l->source);
        key_str(w, "path", l->path);
        key_str(w, "statement", l->statement);
        key_str(w, "expression", l->expression);
        key_cstr(w, "category", l->category);
        key_bool(w, "known", l->known);
        key_bool(w, "free", l->free);
        key_bool(w, "free_for_data", l->free_for_data);
        key_str(w, "reason", l->reason);
        trop_jw_close(w, '}');
    }
    trop_jw_close(w, ']');
}

static void artifacts(trop_jw *w, const trop_pending *p)
{
    trop_jw_open(w, '[');
    for (size_t i = 0; i < p->nart; i++) {
        const snap_art *a = &p->arts[i];
        trop_jw_item(w);
        trop_jw_open(w, '{');
        key_cstr(w, "path", a->path);
        key_cstr(w, "type", tro_type_name(a->type));
        key_int(w, "size", (int64_t)a->size);
        key_cstr(w, "sha256", a->hashed ? a->sha256 : NULL);
        key_cstr(w, "sha256_source", a->sha256_source);
        trop_jw_close(w, '}');
    }
    trop_jw_close(w, ']');
}

/* The release's findings, then the judge's. */
static void findings(trop_jw *w, const trop_pending *p)
{
    trop_jw_open(w, '[');
    for (size_t i = 0; i < p->nfind; i++) {
        const tro_finding *f = &p->finds[i];
        trop_jw_item(w);
        trop_jw_open(w, '{');
        key_cstr(w, "severity", tro_severity_name(f->severity));
        key_cstr(w, "code", f->code);
        key_cstr(w, "message", f->message);
        key_cstr(w, "path", f->path);
        if (f->offset >= 0)
            key_int(w, "offset", f->offset);
        trop_jw_close(w, '}');
    }
    for (size_t i = 0; i < p->findings.n; i++) {
        const trop_jfinding *f = &p->findings.v[i];
        trop_jw_item(w);
        trop_jw_open(w, '{');
        key_cstr(w, "severity", tro_severity_name(f->sev));
        key_str(w, "code", f->code);
        key_str(w, "message", f->message);
        key_str(w, "path", f->path);
        trop_jw_close(w, '}');
    }
    trop_jw_close(w, ']');
}

static void datasets(trop_jw *w, const trop_dsrows *rs)
{
    trop_jw_open(w, '[');
    for (size_t i = 0; i < rs->n; i++) {
        const trop_dsrow *d = &rs->v[i];
        trop_jw_item(w);
        trop_jw_open(w, '{');
        key_str(w, "id", d->id);
        trop_jw_key(w, "declared_by");
        trop_jw_open(w, '[');
        for (size_t at = 0; at < d->by.n; at += strlen(d->by.s + at) + 1) {
            trop_jw_item(w);
            trop_jw_str(w, d->by.s + at);
        }
        trop_jw_close(w, ']');
        key_bool(w, "resolved", d->resolved);
        key_str(w, "source", d->source);
        key_str(w, "license", d->license);
        trop_jw_key(w, "free_for_data");
        trop_jw_json(w, d->free < 0 ? json_null() : d->free ? json_true() : json_false());
        trop_jw_close(w, '}');
    }
    trop_jw_close(w, ']');
}

static void mof(trop_jw *w, const trop_pending *p)
{
    if (p->mof) {
        trop_jw_json(w, p->mof);
        return;
    }
    json_t *shown = trop_mof_evidence_json(p->mof_shown);
    trop_jw_open(w, '{');
    trop_jw_key(w, "class");
    trop_jw_json(w, json_null());
    trop_jw_key(w, "label");
    trop_jw_json(w, json_null());
    trop_jw_key(w, "progress");
    trop_jw_json(w, json_null());
    trop_jw_key(w, "components");
    trop_jw_open(w, '[');
    trop_jw_close(w, ']');
    trop_jw_key(w, "evidence_components");
    trop_jw_json(w, shown);
    trop_jw_close(w, '}');
    json_decref(shown);
}

int trop_pending_write(const tro_report *r, trop_jw *w)
{
    const trop_pending *p = r->pending;
    json_t *to_pass = trop_pending_to_pass(p);
    if (!to_pass)
        return TRO_ENOMEM;
    trop_jw_open(w, '{');
    key_cstr(w, "format", TROP_REPORT_FORMAT);
    key_int(w, "format_version", TROP_REPORT_FORMAT_VERSION);
    key_cstr(w, "tool", "trulyopen " TRO_VERSION_STRING);
    trop_jw_key(w, "release");
    trop_jw_open(w, '{');
    key_cstr(w, "name", p->name);
    key_cstr(w, "card", p->card);
    trop_jw_close(w, '}');
    key_cstr(w, "verdict", tro_report_verdict(r));
    trop_jw_key(w, "criteria");
    trop_jw_open(w, '{');
    for (int i = 0; i < 3; i++) {
        trop_jw_key(w, tro_criterion_name((tro_criterion)i));
        criterion(w, &p->crit[i]);
    }
    trop_jw_close(w, '}');
    trop_jw_key(w, "licenses");
    licenses(w, &p->licenses);
    trop_jw_key(w, "artifacts");
    artifacts(w, p);
    trop_jw_key(w, "findings");
    findings(w, p);
    trop_jw_key(w, "lineage");
    trop_jw_json(w, p->lineage);
    trop_jw_key(w, "datasets");
    datasets(w, &p->datasets);
    trop_jw_key(w, "mof");
    mof(w, p);
    trop_jw_key(w, "to_pass");
    trop_jw_json(w, to_pass);
    trop_jw_close(w, '}');
    json_decref(to_pass);
    return w->err;
}

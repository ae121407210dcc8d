/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The report as JSON: the report document (report.h), keys in their
 * documented order, written straight from the judgement record with the
 * library's JSON writer (lib/core/jw.h), indented by two spaces or on one
 * line (TRO_RENDER_COMPACT), with a final newline. */
#include "report.h"

#include "jw.h"

#include <string.h>

static void kstr(trop_jw *w, const char *key, trop_str s)
{
    trop_jw_kstrn(w, key, s.s, s.n);
}

/* A list of NUL-terminated strings one after the other. */
static void strings(trop_jw *w, trop_str list)
{
    trop_jw_open(w, '[');
    for (size_t at = 0; at < list.n; at += strlen(list.s + at) + 1) {
        trop_jw_item(w);
        trop_jw_str(w, list.s + at);
    }
    trop_jw_close(w, ']');
}

static void strs(trop_jw *w, const trop_strs *v)
{
    trop_jw_open(w, '[');
    for (size_t i = 0; i < v->n; i++) {
        trop_jw_item(w);
        trop_jw_strn(w, v->v[i].s, v->v[i].n);
    }
    trop_jw_close(w, ']');
}

static void criterion(trop_jw *w, const trop_crit *c)
{
    trop_jw_open(w, '{');
    trop_jw_kstr(w, "status", tro_status_name(c->status));
    trop_jw_key(w, "evidence");
    trop_jw_open(w, '[');
    for (size_t i = 0; i < c->ev.n; i++) {
        const trop_evidence *e = &c->ev.v[i];
        trop_jw_item(w);
        trop_jw_open(w, '{');
        trop_jw_kstr(w, "kind", e->kind);
        kstr(w, "text", e->text);
        kstr(w, "path", e->path);
        if (e->url.s)
            kstr(w, "url", e->url);
        if (e->why.s)
            kstr(w, "why", e->why);
        if (e->line > 0)
            trop_jw_kint(w, "line", e->line);
        if (e->offset >= 0)
            trop_jw_kint(w, "offset", e->offset);
        trop_jw_close(w, '}');
    }
    trop_jw_close(w, ']');
    trop_jw_key(w, "reasons");
    strs(w, &c->reasons);
    trop_jw_close(w, '}');
}

static void licenses(trop_jw *w, const trop_licstmts *ls)
{
    trop_jw_open(w, '[');
    for (size_t i = 0; i < ls->n; i++) {
        const trop_licstmt *l = &ls->v[i];
        trop_jw_item(w);
        trop_jw_open(w, '{');
        trop_jw_kstr(w, "source", l->source);
        kstr(w, "path", l->path);
        kstr(w, "statement", l->statement);
        kstr(w, "expression", l->expression);
        trop_jw_kstr(w, "category", l->category);
        trop_jw_kbool(w, "known", l->known);
        trop_jw_kbool(w, "free", l->free);
        trop_jw_kbool(w, "free_for_data", l->free_for_data);
        kstr(w, "reason", l->reason);
        trop_jw_close(w, '}');
    }
    trop_jw_close(w, ']');
}

static void artifacts(trop_jw *w, const trop_judgement *jd)
{
    trop_jw_open(w, '[');
    for (size_t i = 0; i < jd->arts.n; i++) {
        const trop_art *a = &jd->arts.v[i];
        trop_jw_item(w);
        trop_jw_open(w, '{');
        kstr(w, "path", a->path);
        trop_jw_kstr(w, "type", tro_type_name(a->type));
        trop_jw_kint(w, "size", (int64_t)a->size);
        trop_jw_kstr(w, "sha256", a->hashed ? a->sha256 : NULL);
        trop_jw_kstr(w, "sha256_source", trop_sha256_source(a));
        trop_jw_close(w, '}');
    }
    trop_jw_close(w, ']');
}

static void findings(trop_jw *w, const tro_report *r)
{
    for (size_t i = 0; i < trop_report_finding_count(r); i++) {
        const trop_jfinding *f = trop_report_finding(r, i);
        trop_jw_item(w);
        trop_jw_open(w, '{');
        trop_jw_kstr(w, "severity", tro_severity_name(f->sev));
        kstr(w, "code", f->code);
        kstr(w, "message", f->message);
        kstr(w, "path", f->path);
        if (f->offset >= 0)
            trop_jw_kint(w, "offset", f->offset);
        if (f->waived) {
            trop_jw_kbool(w, "waived", true);
            kstr(w, "waiver", f->waiver);
        }
        trop_jw_close(w, '}');
    }
}

static void statuses(trop_jw *w, const tro_status st[3])
{
    trop_jw_open(w, '{');
    for (int c = 0; c < 3; c++)
        trop_jw_kstr(w, tro_criterion_name((tro_criterion)c), tro_status_name(st[c]));
    trop_jw_close(w, '}');
}

static void lineage(trop_jw *w, const trop_steps *ss)
{
    trop_jw_open(w, '[');
    for (size_t i = 0; i < ss->n; i++) {
        const trop_step *s = &ss->v[i];
        trop_jw_item(w);
        trop_jw_open(w, '{');
        kstr(w, "id", s->id);
        kstr(w, "relation", s->relation);
        trop_jw_kint(w, "depth", s->depth);
        trop_jw_kbool(w, "resolved", s->resolved);
        kstr(w, "source", s->source);
        if (s->known) {
            bool open = true;
            for (int c = 0; c < 3; c++)
                open &= s->status[c] == TRO_STATUS_PASS;
            trop_jw_kstr(w, "verdict", open ? "truly-open" : "not-truly-open");
            trop_jw_key(w, "criteria");
            statuses(w, s->status);
            trop_jw_key(w, "licenses");
            strings(w, s->licenses);
        }
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
        kstr(w, "id", d->id);
        trop_jw_kstr(w, "role", tro_data_role_name(d->role));
        trop_jw_key(w, "declared_by");
        strings(w, d->by);
        trop_jw_kbool(w, "resolved", d->resolved);
        kstr(w, "source", d->source);
        kstr(w, "license", d->license);
        trop_jw_key(w, "free_for_data");
        if (d->free < 0)
            trop_jw_null(w);
        else
            trop_jw_bool(w, d->free > 0);
        trop_jw_close(w, '}');
    }
    trop_jw_close(w, ']');
}

static void mof(trop_jw *w, const trop_mof *m)
{
    const char *shown[32];
    size_t nshown = trop_mof_shown_names(m->shown, shown);
    trop_jw_open(w, '{');
    trop_jw_key(w, "class");
    if (m->has_file)
        trop_jw_int(w, m->cls);
    else
        trop_jw_null(w);
    trop_jw_kstr(w, "label", m->has_file ? m->label : NULL);
    trop_jw_key(w, "progress");
    if (m->has_file) {
        static const char *const names[] = {"1", "2", "3"};
        trop_jw_open(w, '{');
        for (int c = 0; c < 3; c++) {
            trop_jw_key(w, names[c]);
            trop_jw_real(w, m->progress[c]);
        }
        trop_jw_close(w, '}');
    } else {
        trop_jw_null(w);
    }
    trop_jw_key(w, "components");
    trop_jw_open(w, '[');
    for (size_t i = 0; i < m->rows.n; i++) {
        const trop_mof_row *r = &m->rows.v[i];
        trop_jw_item(w);
        trop_jw_open(w, '{');
        trop_jw_kstr(w, "name", r->name);
        trop_jw_kint(w, "class", r->cls);
        trop_jw_kstr(w, "content_type", r->content_type);
        trop_jw_kbool(w, "required", r->required);
        trop_jw_kstr(w, "status", r->status);
        kstr(w, "license", r->license);
        trop_jw_close(w, '}');
    }
    trop_jw_close(w, ']');
    if (m->has_file)
        kstr(w, "path", m->path);
    trop_jw_key(w, "evidence_components");
    trop_jw_open(w, '[');
    for (size_t i = 0; i < nshown; i++) {
        trop_jw_item(w);
        trop_jw_str(w, shown[i]);
    }
    trop_jw_close(w, ']');
    trop_jw_close(w, '}');
}

static void document(trop_jw *w, const tro_report *r, unsigned flags)
{
    const trop_judgement *jd = r->jd;
    trop_jw_open(w, '{');
    trop_jw_kstr(w, "format", TROP_REPORT_FORMAT);
    trop_jw_kint(w, "format_version", TROP_REPORT_FORMAT_VERSION);
    trop_jw_kstr(w, "tool", "trulyopen " TRO_VERSION_STRING);
    trop_jw_key(w, "release");
    trop_jw_open(w, '{');
    kstr(w, "name", jd->name);
    kstr(w, "card", jd->card_path);
    trop_jw_close(w, '}');
    trop_jw_kstr(w, "verdict", tro_report_verdict(r));
    trop_jw_key(w, "criteria");
    trop_jw_open(w, '{');
    for (int i = 0; i < 3; i++) {
        trop_jw_key(w, tro_criterion_name((tro_criterion)i));
        criterion(w, &jd->crit[i]);
    }
    trop_jw_close(w, '}');
    trop_jw_key(w, "licenses");
    licenses(w, &jd->licenses);
    if (!(flags & TRO_RENDER_NO_ARTIFACTS)) {
        trop_jw_key(w, "artifacts");
        artifacts(w, jd);
    }
    trop_jw_key(w, "findings");
    trop_jw_open(w, '[');
    findings(w, r);
    trop_jw_close(w, ']');
    trop_jw_key(w, "lineage");
    lineage(w, &jd->lineage);
    trop_jw_key(w, "datasets");
    datasets(w, &jd->datasets);
    trop_jw_key(w, "mof");
    mof(w, &jd->mof);
    trop_jw_key(w, "to_pass");
    strs(w, &r->to_pass);
    if (r->policy >= 0) {
        trop_jw_key(w, "policy");
        trop_jw_open(w, '{');
        trop_jw_kbool(w, "passed", r->policy == 1);
        trop_jw_key(w, "failures");
        strs(w, &r->pol.failures);
        trop_jw_close(w, '}');
    }
    trop_jw_close(w, '}');
}

int trop_report_json(const tro_report *report, unsigned flags, char **out, size_t *len)
{
    trop_jw w = {.compact = (flags & TRO_RENDER_COMPACT) != 0};
    document(&w, report, flags);
    return trop_jw_finish(&w, out, len);
}

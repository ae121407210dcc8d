/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The report as a short text for people: the verdict first, then each
 * criterion with its status and the evidence and reasons behind it, lineage,
 * datasets, the MOF class, the findings (errors and warnings in full, infos
 * counted by code) and what would make the release pass. Rendered from the
 * judgement record, like every writer. Every string of the record comes
 * from a release (names, licences, card texts) and is escaped as
 * tro_text_escape() does: a terminal sees none of its controls, and no
 * string can start a line of its own.
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RESET "\033[0m"
#define BOLD "\033[1m"
#define RED "\033[31m"
#define GREEN "\033[32m"
#define YELLOW "\033[33m"
#define MAGENTA "\033[35m"
#define CYAN "\033[36m"
#define DIM "\033[2m"

#define RING 8 /* escaped strings alive at once: more than one line uses */

typedef struct out {
    FILE *f;
    bool color;
    char *ring[RING]; /* escaped copies, reused in turn */
    unsigned next;
    bool oom;
} out;

/* s made safe to display; valid until RING more strings are escaped. */
static const char *esc(out *o, const char *s)
{
    char *buf;
    const char *e = trop_text_display(s, &buf);
    if (!e) {
        o->oom = true;
        return "";
    }
    if (buf) {
        free(o->ring[o->next]);
        o->ring[o->next] = buf;
        o->next = (o->next + 1) % RING;
    }
    return e;
}

static const char *c(const out *o, const char *code)
{
    return o->color ? code : "";
}

static const char *status_color(const char *status)
{
    if (!strcmp(status, "pass"))
        return GREEN;
    if (!strcmp(status, "partial"))
        return YELLOW;
    if (!strcmp(status, "fail"))
        return RED;
    return MAGENTA;
}

static void where(out *o, trop_str path, int64_t line, int64_t offset)
{
    if (!path.n)
        return;
    fprintf(o->f, " %s(%s", c(o, DIM), esc(o, path.s));
    if (line > 0)
        fprintf(o->f, ":%lld", (long long)line);
    else if (offset >= 0)
        fprintf(o->f, " @%lld", (long long)offset);
    fprintf(o->f, ")%s", c(o, RESET));
}

static void criterion(out *o, const char *label, const trop_crit *cr)
{
    const char *st = tro_status_name(cr->status);
    char up[16];
    size_t i;
    for (i = 0; st[i] && i < sizeof up - 1; i++)
        up[i] = (char)(st[i] >= 'a' && st[i] <= 'z' ? st[i] - 32 : st[i]);
    up[i] = '\0';
    fprintf(o->f, "\n%-22s %s%s%s%s\n", label, c(o, BOLD), c(o, status_color(st)), up, c(o, RESET));
    for (i = 0; i < cr->ev.n; i++) {
        const trop_evidence *e = &cr->ev.v[i];
        fprintf(o->f, "  + %s: %s", e->kind, esc(o, e->text.s));
        where(o, e->path, e->line, e->offset);
        fputc('\n', o->f);
    }
    for (i = 0; i < cr->reasons.n; i++)
        fprintf(o->f, "  - %s\n", esc(o, cr->reasons.v[i].s));
}

static void lineage(out *o, const trop_steps *ss)
{
    if (!ss->n)
        return;
    fprintf(o->f, "\nLineage:\n");
    for (size_t i = 0; i < ss->n; i++) {
        const trop_step *s = &ss->v[i];
        unsigned depth = s->depth > 0 && s->depth < 20 ? s->depth : 1;
        fprintf(o->f, "%*s%s (%s, %s)", (int)(2 * depth), "", esc(o, s->id.s),
                s->relation.n ? esc(o, s->relation.s) : "derived",
                s->source.n ? esc(o, s->source.s) : "unresolved");
        if (s->known)
            fprintf(o->f, ": use %s, method %s, data %s", tro_status_name(s->status[0]),
                    tro_status_name(s->status[1]), tro_status_name(s->status[2]));
        fputc('\n', o->f);
    }
}

static void datasets(out *o, const trop_dsrows *rs)
{
    if (!rs->n)
        return;
    fprintf(o->f, "\nDatasets:\n");
    for (size_t i = 0; i < rs->n; i++) {
        const trop_dsrow *d = &rs->v[i];
        fprintf(o->f, "  %s", esc(o, d->id.s));
        if (d->role != TRO_ROLE_TRAINING)
            fprintf(o->f, " (%s)", tro_data_role_name(d->role));
        fprintf(o->f, ": ");
        if (!d->resolved)
            fprintf(o->f, "%sunresolved%s\n", c(o, MAGENTA), c(o, RESET));
        else
            fprintf(o->f, "%s, %s%s%s (%s)\n", d->license.n ? esc(o, d->license.s) : "no licence",
                    c(o, d->free > 0    ? GREEN
                         : d->free == 0 ? RED
                                        : MAGENTA),
                    d->free > 0    ? "free for data"
                    : d->free == 0 ? "not free for data"
                                   : "licence unknown",
                    c(o, RESET), esc(o, d->source.s));
    }
}

static void mof(out *o, const trop_mof *m)
{
    if (m->has_file) {
        fprintf(o->f, "\nMOF: %s (%s; progress: class I %.0f%%, II %.0f%%, III %.0f%%)\n", m->label,
                esc(o, m->path.s), m->progress[0], m->progress[1], m->progress[2]);
        return;
    }
    const char *shown[32];
    size_t n = trop_mof_shown_names(m->shown, shown);
    fprintf(o->f, "\nMOF: no MOF release file; the evidence shows:");
    for (size_t i = 0; i < n; i++)
        fprintf(o->f, "%s %s", i ? "," : "", shown[i]);
    fprintf(o->f, "%s\n", n ? "" : " nothing");
}

/* Errors and warnings in full; infos as a count per code. */
static void findings(out *o, const tro_report *r)
{
    size_t total = trop_report_finding_count(r), n[3] = {0, 0, 0};
    for (size_t i = 0; i < total; i++)
        n[trop_report_finding(r, i)->sev]++;
    fprintf(o->f, "\nFindings: %zu error%s, %zu warning%s, %zu info%s\n", n[2],
            n[2] == 1 ? "" : "s", n[1], n[1] == 1 ? "" : "s", n[0], n[0] == 1 ? "" : "s");
    for (size_t i = 0; i < total; i++) {
        const trop_jfinding *f = trop_report_finding(r, i);
        if (f->sev == TRO_SEVERITY_INFO)
            continue;
        fprintf(o->f, "  %s%s%s %s: %s\n", c(o, f->sev == TRO_SEVERITY_ERROR ? RED : YELLOW),
                tro_severity_name(f->sev), c(o, RESET), esc(o, f->code.s), esc(o, f->message.s));
        if (f->waived)
            fprintf(o->f, "    %swaived%s: %s\n", c(o, CYAN), c(o, RESET), esc(o, f->waiver.s));
    }
    if (!n[0])
        return;
    fprintf(o->f, "  infos:");
    trop_strset seen = {.n = 0};
    for (size_t i = 0; i < total; i++) { /* each code once, with its count */
        const trop_jfinding *f = trop_report_finding(r, i);
        if (f->sev != TRO_SEVERITY_INFO || trop_strset_add(&seen, f->code.s, f->code.n) != 1)
            continue;
        size_t count = 0;
        for (size_t k = i; k < total; k++) {
            const trop_jfinding *g = trop_report_finding(r, k);
            count += g->sev == TRO_SEVERITY_INFO && !strcmp(g->code.s, f->code.s);
        }
        fprintf(o->f, " %s x%zu", esc(o, f->code.s), count);
    }
    trop_strset_free(&seen);
    fputc('\n', o->f);
}

static void render(out *o, const tro_report *r)
{
    const trop_strs *to_pass = &r->to_pass;
    const trop_judgement *jd = r->jd;
    bool open = tro_report_truly_open(r);
    fprintf(o->f, "%s%s%s%s  %s", c(o, BOLD), c(o, open ? GREEN : RED), tro_report_verdict(r),
            c(o, RESET), esc(o, jd->name.s));
    if (jd->card_path.n)
        fprintf(o->f, " (card: %s)", esc(o, jd->card_path.s));
    fputc('\n', o->f);
    criterion(o, "use freedom", &jd->crit[TRO_CRITERION_USE_FREEDOM]);
    criterion(o, "method transparency", &jd->crit[TRO_CRITERION_METHOD_TRANSPARENCY]);
    criterion(o, "data access", &jd->crit[TRO_CRITERION_DATA_ACCESS]);
    lineage(o, &jd->lineage);
    datasets(o, &jd->datasets);
    mof(o, &jd->mof);
    findings(o, r);
    if (to_pass->n)
        fprintf(o->f, "\nTo pass:\n");
    for (size_t i = 0; i < to_pass->n; i++)
        fprintf(o->f, "  %zu. %s\n", i + 1, esc(o, to_pass->v[i].s));
    if (r->policy >= 0)
        fprintf(o->f, "\nPolicy: %s\n", r->policy == 1 ? "met" : "not met");
    for (size_t i = 0; r->policy >= 0 && i < r->pol.failures.n; i++)
        fprintf(o->f, "  - %s\n", esc(o, r->pol.failures.v[i].s));
}

int trop_report_text(const tro_report *report, unsigned flags, char **out_text, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    out o = {.f = open_memstream(&buf, &n), .color = (flags & TRO_RENDER_COLOR) != 0};
    int rc = o.f ? 0 : TRO_ENOMEM;
    if (o.f) {
        render(&o, report);
        if (ferror(o.f) || o.oom)
            rc = TRO_ENOMEM;
        for (unsigned i = 0; i < RING; i++)
            free(o.ring[i]);
        if (fclose(o.f) != 0)
            rc = TRO_ENOMEM;
    }
    if (rc || !buf) {
        free(buf);
        return TRO_ENOMEM;
    }
    *out_text = buf;
    if (len)
        *len = n;
    return 0;
}

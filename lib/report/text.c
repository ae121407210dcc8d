/*
 * The report as a short text for people: the verdict first, then each
 * criterion with its status and the evidence and reasons behind it, lineage,
 * datasets, the MOF class, the findings (errors and warnings in full, infos
 * counted by code) and what would make the release pass. Rendered from the
 * report document only, like every writer. Every string of the document
 * comes from a release (names, licences, card texts) and is escaped as
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

static const char *c(out *o, const char *code)
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

static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* str(), escaped. */
static const char *estr(out *o, const json_t *obj, const char *key)
{
    return esc(o, str(obj, key));
}

static void where(out *o, const json_t *e)
{
    const char *path = estr(o, e, "path");
    json_int_t line = json_integer_value(json_object_get(e, "line"));
    if (!*path)
        return;
    fprintf(o->f, " %s(%s", c(o, DIM), path);
    if (line > 0)
        fprintf(o->f, ":%lld", (long long)line);
    else if (json_is_integer(json_object_get(e, "offset")))
        fprintf(o->f, " @%lld", (long long)json_integer_value(json_object_get(e, "offset")));
    fprintf(o->f, ")%s", c(o, RESET));
}

static void criterion(out *o, const char *label, const json_t *cr)
{
    const char *st = str(cr, "status");
    char up[16];
    size_t i;
    for (i = 0; st[i] && i < sizeof up - 1; i++)
        up[i] = (char)(st[i] >= 'a' && st[i] <= 'z' ? st[i] - 32 : st[i]);
    up[i] = '\0';
    fprintf(o->f, "\n%-22s %s%s%s%s\n", label, c(o, BOLD), c(o, status_color(st)), up, c(o, RESET));
    const json_t *e;
    json_array_foreach(json_object_get(cr, "evidence"), i, e)
    {
        fprintf(o->f, "  + %s: %s", estr(o, e, "kind"), estr(o, e, "text"));
        where(o, e);
        fputc('\n', o->f);
    }
    json_array_foreach(json_object_get(cr, "reasons"), i, e)
        fprintf(o->f, "  - %s\n", esc(o, json_string_value(e)));
}

static void lineage(out *o, const json_t *doc)
{
    const json_t *arr = json_object_get(doc, "lineage"), *s;
    size_t i;
    if (!json_array_size(arr))
        return;
    fprintf(o->f, "\nLineage:\n");
    json_array_foreach(arr, i, s)
    {
        json_int_t depth = json_integer_value(json_object_get(s, "depth"));
        const json_t *cr = json_object_get(s, "criteria");
        fprintf(o->f, "%*s%s (%s, %s)", (int)(2 * (depth > 0 && depth < 20 ? depth : 1)), "",
                estr(o, s, "id"), *str(s, "relation") ? estr(o, s, "relation") : "derived",
                *str(s, "source") ? estr(o, s, "source") : "unresolved");
        if (cr)
            fprintf(o->f, ": use %s, method %s, data %s", estr(o, cr, "use_freedom"),
                    estr(o, cr, "method_transparency"), estr(o, cr, "data_access"));
        fputc('\n', o->f);
    }
}

static void datasets(out *o, const json_t *doc)
{
    const json_t *arr = json_object_get(doc, "datasets"), *d;
    size_t i;
    if (!json_array_size(arr))
        return;
    fprintf(o->f, "\nDatasets:\n");
    json_array_foreach(arr, i, d)
    {
        const json_t *f = json_object_get(d, "free_for_data");
        fprintf(o->f, "  %s: ", estr(o, d, "id"));
        if (!json_is_true(json_object_get(d, "resolved")))
            fprintf(o->f, "%sunresolved%s\n", c(o, MAGENTA), c(o, RESET));
        else
            fprintf(o->f, "%s, %s%s%s (%s)\n",
                    *str(d, "license") ? estr(o, d, "license") : "no licence",
                    c(o, json_is_true(f)    ? GREEN
                         : json_is_false(f) ? RED
                                            : MAGENTA),
                    json_is_true(f)    ? "free for data"
                    : json_is_false(f) ? "not free for data"
                                       : "licence unknown",
                    c(o, RESET), estr(o, d, "source"));
    }
}

static void mof(out *o, const json_t *doc)
{
    const json_t *m = json_object_get(doc, "mof"), *v;
    size_t i;
    if (json_is_integer(json_object_get(m, "class"))) {
        const json_t *p = json_object_get(m, "progress");
        fprintf(o->f, "\nMOF: %s (%s; progress: class I %.0f%%, II %.0f%%, III %.0f%%)\n",
                estr(o, m, "label"), estr(o, m, "path"), json_number_value(json_object_get(p, "1")),
                json_number_value(json_object_get(p, "2")),
                json_number_value(json_object_get(p, "3")));
        return;
    }
    fprintf(o->f, "\nMOF: no MOF release file; the evidence shows:");
    json_array_foreach(json_object_get(m, "evidence_components"), i, v)
        fprintf(o->f, "%s %s", i ? "," : "", esc(o, json_string_value(v)));
    fprintf(o->f, "%s\n",
            json_array_size(json_object_get(m, "evidence_components")) ? "" : " nothing");
}

/* Errors and warnings in full; infos as a count per code. */
static void findings(out *o, const json_t *doc)
{
    const json_t *arr = json_object_get(doc, "findings"), *f;
    size_t i, n[3] = {0, 0, 0};
    json_array_foreach(arr, i, f)
    {
        const char *s = str(f, "severity");
        n[!strcmp(s, "error") ? 2 : !strcmp(s, "warning") ? 1 : 0]++;
    }
    fprintf(o->f, "\nFindings: %zu error%s, %zu warning%s, %zu info%s\n", n[2],
            n[2] == 1 ? "" : "s", n[1], n[1] == 1 ? "" : "s", n[0], n[0] == 1 ? "" : "s");
    json_array_foreach(arr, i, f)
    {
        const char *s = str(f, "severity");
        if (!strcmp(s, "info"))
            continue;
        fprintf(o->f, "  %s%s%s %s: %s\n", c(o, !strcmp(s, "error") ? RED : YELLOW), s, c(o, RESET),
                estr(o, f, "code"), estr(o, f, "message"));
    }
    if (!n[0])
        return;
    fprintf(o->f, "  infos:");
    json_array_foreach(arr, i, f)
    { /* each code once, with its count */
        const char *code = str(f, "code");
        size_t k, count = 0;
        bool first = true;
        const json_t *g;
        if (strcmp(str(f, "severity"), "info"))
            continue;
        json_array_foreach(arr, k, g)
        {
            if (strcmp(str(g, "severity"), "info") || strcmp(str(g, "code"), code))
                continue;
            if (k < i)
                first = false;
            count++;
        }
        if (first)
            fprintf(o->f, " %s x%zu", esc(o, code), count);
    }
    fputc('\n', o->f);
}

static void render(out *o, const json_t *doc)
{
    const char *verdict = str(doc, "verdict");
    bool open = !strcmp(verdict, "truly-open");
    const json_t *rel = json_object_get(doc, "release"), *crit = json_object_get(doc, "criteria");
    fprintf(o->f, "%s%s%s%s  %s", c(o, BOLD), c(o, open ? GREEN : RED), verdict, c(o, RESET),
            estr(o, rel, "name"));
    if (*str(rel, "card"))
        fprintf(o->f, " (card: %s)", estr(o, rel, "card"));
    fputc('\n', o->f);
    criterion(o, "use freedom", json_object_get(crit, "use_freedom"));
    criterion(o, "method transparency", json_object_get(crit, "method_transparency"));
    criterion(o, "data access", json_object_get(crit, "data_access"));
    lineage(o, doc);
    datasets(o, doc);
    mof(o, doc);
    findings(o, doc);
    const json_t *steps = json_object_get(doc, "to_pass"), *s;
    size_t i;
    if (json_array_size(steps))
        fprintf(o->f, "\nTo pass:\n");
    json_array_foreach(steps, i, s) fprintf(o->f, "  %zu. %s\n", i + 1, esc(o, json_string_value(s)));
    const json_t *pol = json_object_get(doc, "policy"), *why;
    if (pol)
        fprintf(o->f, "\nPolicy: %s\n",
                json_is_true(json_object_get(pol, "passed")) ? "met" : "not met");
    json_array_foreach(json_object_get(pol, "failures"), i, why)
        fprintf(o->f, "  - %s\n", esc(o, json_string_value(why)));
}

int tro_report_text(const tro_report *report, unsigned int flags, char **out_text, size_t *len)
{
    if (out_text)
        *out_text = NULL;
    if (!report || !out_text)
        return TRO_EINVAL;
    const json_t *doc = trop_report_doc(report);
    if (!doc)
        return TRO_ENOMEM;
    char *buf = NULL;
    size_t n = 0;
    out o = {.f = open_memstream(&buf, &n), .color = (flags & TRO_TEXT_COLOR) != 0};
    if (!o.f)
        return TRO_ENOMEM;
    render(&o, doc);
    bool failed = ferror(o.f) || o.oom;
    for (unsigned i = 0; i < RING; i++)
        free(o.ring[i]);
    if (fclose(o.f) != 0 || failed || !buf) {
        free(buf);
        return TRO_ENOMEM;
    }
    *out_text = buf;
    if (len)
        *len = n;
    return 0;
}

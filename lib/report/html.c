/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The report as HTML (TRO_FORMAT_HTML): one self-contained page, or with
 * TRO_RENDER_FRAGMENT a <div> to embed in a registry's page. Read from the
 * top, it answers in order: is the release truly open (the verdict), why
 * not and what would make it pass, how it fares on each criterion, where
 * it comes from (the lineage graph), then the evidence, licences,
 * datasets, MOF class, findings and every artifact: a reader who stops
 * after the first screen knows the answer and what to do.
 *
 * The page must be safe to open whatever the release holds: every string
 * of the release is escaped (escape.h), links are made only for http(s)
 * URLs, and the whole page additionally carries a Content-Security-Policy
 * that forbids scripts and any load, so that a mistake here could still
 * not run a card's script or fetch anything.
 */
#include "html.h"

#include <stdlib.h>
#include <string.h>

#define P(w, s) fputs((s), (w)->f)

/* Reasons shown in a criterion's summary box; the rest are under Evidence. */
#define CARD_REASONS 4

void trop_hw_status(const trop_hw *w, tro_status s)
{
    fprintf(w->f, "<span class=\"tro-st tro-%s\">%s %s</span>", tro_status_name(s),
            trop_status_mark(s), tro_status_name(s));
}

void trop_hw_link(const trop_hw *w, const char *url, const char *text)
{
    if (!trop_url_is_web(url)) {
        trop_hw_text(w, text ? text : url, 0);
        return;
    }
    P(w, "<a href=\"");
    trop_hw_text(w, url, 0);
    P(w, "\" rel=\"nofollow noopener noreferrer\">");
    trop_hw_text(w, text ? text : url, 0);
    P(w, "</a>");
}

void trop_hw_where(const trop_hw *w, const char *path, int64_t line, int64_t offset)
{
    if (!path || !*path)
        return;
    long i = w->artifacts ? trop_artifact_index(w->r, path) : -1;
    if (i >= 0)
        fprintf(w->f, "<a class=\"tro-path\" href=\"#tro-art-%ld\">", i);
    else
        P(w, "<span class=\"tro-path\">");
    trop_hw_text(w, path, 0);
    if (line > 0)
        fprintf(w->f, ":%lld", (long long)line);
    else if (offset >= 0)
        fprintf(w->f, " @%lld", (long long)offset);
    P(w, i >= 0 ? "</a>" : "</span>");
}

static void head(const trop_hw *w)
{
    P(w, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'\">\n"
         "<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
    trop_hw_text(w, trop_verdict_words(w->r), 0);
    P(w, ": ");
    trop_hw_text(w, tro_report_release_name(w->r), 120);
    P(w, " (trulyopen)</title>\n");
}

static void verdict(const trop_hw *w)
{
    bool open = tro_report_truly_open(w->r);
    fprintf(
        w->f,
        "<header class=\"tro-verdict %s\">\n<div class=\"tro-big\" aria-hidden=\"true\">%s</div>\n"
        "<div><h1>%s</h1>\n<p>",
        open ? "tro-yes" : "tro-no", trop_status_mark(open ? TRO_STATUS_PASS : TRO_STATUS_FAIL),
        open ? "Truly open" : "Not truly open");
    trop_hw_text(w, tro_report_release_name(w->r), 0);
    const char *card = tro_report_card_path(w->r);
    if (card) {
        P(w, " <span class=\"tro-muted\">judged by its card</span> ");
        trop_hw_where(w, card, 0, -1);
    } else {
        P(w, " <span class=\"tro-muted\">(no card)</span>");
    }
    P(w, "</p>\n<p class=\"tro-muted\">");
    for (int c = 0; c < 3; c++)
        fprintf(w->f, "%s%s: %s", c ? " &middot; " : "", trop_criterion_title[c],
                tro_status_name(tro_report_status(w->r, (tro_criterion)c)));
    P(w, "</p></div>\n</header>\n");
}

static void criteria(const trop_hw *w)
{
    P(w, "<section class=\"tro-criteria\" aria-label=\"Criteria\">\n");
    for (int c = 0; c < 3; c++) {
        tro_status s = tro_report_status(w->r, (tro_criterion)c);
        size_t n = tro_report_reason_count(w->r, (tro_criterion)c);
        fprintf(w->f, "<article class=\"tro-crit tro-%s\">\n<h2>%s</h2>\n", tro_status_name(s),
                trop_criterion_title[c]);
        trop_hw_status(w, s);
        P(w, "\n<ul>\n");
        for (size_t i = 0; i < n && i < CARD_REASONS; i++) {
            P(w, "<li>");
            trop_hw_text(w, tro_report_reason(w->r, (tro_criterion)c, i), 300);
            P(w, "</li>\n");
        }
        if (n > CARD_REASONS)
            fprintf(w->f, "<li><a href=\"#tro-crit-%d\">%zu more</a></li>\n", c, n - CARD_REASONS);
        P(w, "</ul>\n</article>\n");
    }
    P(w, "</section>\n");
}

/* The errors that are not waived, then what would make the release pass:
 * for a fine-tune of a restricted base, the first thing a reader needs. */
static void why(const trop_hw *w)
{
    size_t steps = tro_report_to_pass_count(w->r), errors = 0;
    for (size_t i = 0, n = tro_report_finding_count(w->r); i < n; i++) {
        const tro_judged_finding *f = tro_report_finding(w->r, i);
        errors +=
            tro_judged_finding_severity(f) == TRO_SEVERITY_ERROR && !tro_judged_finding_waived(f);
    }
    if (!steps && !errors)
        return;
    P(w, "<section class=\"tro-why\" aria-label=\"Why, and what would make it pass\">\n");
    if (errors) {
        P(w, "<h2>Why</h2>\n<ul>\n");
        for (size_t i = 0, n = tro_report_finding_count(w->r); i < n; i++) {
            const tro_judged_finding *f = tro_report_finding(w->r, i);
            if (tro_judged_finding_severity(f) != TRO_SEVERITY_ERROR ||
                tro_judged_finding_waived(f))
                continue;
            P(w, "<li><span class=\"tro-sev tro-sev-error\">error</span> <b>");
            trop_hw_text(w, tro_judged_finding_code(f), 80);
            P(w, "</b>: ");
            trop_hw_text(w, tro_judged_finding_message(f), 400);
            P(w, "</li>\n");
        }
        P(w, "</ul>\n");
    }
    if (steps) {
        P(w, "<h2>What would make it pass</h2>\n<ol>\n");
        for (size_t i = 0; i < steps; i++) {
            P(w, "<li>");
            trop_hw_text(w, tro_report_to_pass(w->r, i), 400);
            P(w, "</li>\n");
        }
        P(w, "</ol>\n");
    }
    P(w, "</section>\n");
}

static void evidence_row(const trop_hw *w, const tro_evidence *e)
{
    P(w, "<tr><td>");
    trop_hw_text(w, tro_evidence_kind(e), 0);
    P(w, "</td><td>");
    const char *url = tro_evidence_url(e), *text = tro_evidence_text(e);
    if (url && text && !strcmp(url, text))
        trop_hw_link(w, url, NULL);
    else {
        trop_hw_text(w, text, 0);
        if (url) {
            P(w, "<br>");
            trop_hw_link(w, url, NULL);
        }
    }
    P(w, "</td><td class=\"tro-where\">");
    trop_hw_where(w, tro_evidence_path(e), tro_evidence_line(e), tro_evidence_offset(e));
    P(w, "</td><td>");
    trop_hw_text(w, tro_evidence_why(e), 0);
    P(w, "</td></tr>\n");
}

static void evidence(const trop_hw *w)
{
    P(w, "<section>\n<h2>Evidence and reasons</h2>\n");
    for (int c = 0; c < 3; c++) {
        tro_criterion cr = (tro_criterion)c;
        size_t n = tro_report_evidence_count(w->r, cr), m = tro_report_reason_count(w->r, cr);
        fprintf(w->f, "<h3 id=\"tro-crit-%d\">%s ", c, trop_criterion_title[c]);
        trop_hw_status(w, tro_report_status(w->r, cr));
        P(w, "</h3>\n");
        if (n) {
            P(w, "<table>\n<thead><tr><th>Kind</th><th>Evidence</th><th>Where</th><th>Why it "
                 "counted</th></tr></thead>\n<tbody>\n");
            for (size_t i = 0; i < n; i++)
                evidence_row(w, tro_report_evidence(w->r, cr, i));
            P(w, "</tbody>\n</table>\n");
        } else {
            P(w, "<p class=\"tro-muted\">No evidence.</p>\n");
        }
        P(w, "<ul>\n");
        for (size_t i = 0; i < m; i++) {
            P(w, "<li>");
            trop_hw_text(w, tro_report_reason(w->r, cr, i), 0);
            P(w, "</li>\n");
        }
        P(w, "</ul>\n");
    }
    P(w, "</section>\n");
}

static void body(const trop_hw *w)
{
    P(w, "<div class=\"tro-report\">\n");
    verdict(w);
    why(w);
    criteria(w);
    trop_hw_lineage(w);
    evidence(w);
    trop_hw_licenses(w);
    trop_hw_datasets(w);
    trop_hw_mof(w);
    trop_hw_findings(w);
    if (w->artifacts)
        trop_hw_artifacts(w);
    trop_hw_policy(w);
    P(w, "<footer>Checked by trulyopen " TRO_VERSION_STRING
         ". This page runs no script and loads nothing.</footer>\n</div>\n");
}

int trop_report_html(const tro_report *r, unsigned flags, char **out, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    trop_hw w = {open_memstream(&buf, &n), r, !(flags & TRO_RENDER_NO_ARTIFACTS)};
    if (!w.f)
        return TRO_ENOMEM;
    bool fragment = (flags & TRO_RENDER_FRAGMENT) != 0;
    if (!fragment)
        head(&w);
    fprintf(w.f, "<style>\n%s</style>\n", trop_html_css);
    if (!fragment)
        P(&w, "</head>\n<body>\n");
    body(&w);
    if (!fragment)
        P(&w, "</body>\n</html>\n");
    /* a write that failed (out of memory) leaves the stream's error set */
    int rc = ferror(w.f) | fclose(w.f) ? TRO_ENOMEM : 0;
    if (rc || !buf) {
        free(buf);
        return TRO_ENOMEM;
    }
    *out = buf;
    if (len)
        *len = n;
    return 0;
}

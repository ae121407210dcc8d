/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The report as GitHub-flavoured Markdown (TRO_FORMAT_MARKDOWN), for a
 * pull-request comment or a CI job summary: the verdict line, a table of
 * the criteria with their reasons, the errors, what would make the release
 * pass, and the details (evidence, lineage, licences, datasets, MOF,
 * findings) in a collapsed section.
 *
 * Every string of the release goes through trop_md() (escape.h): no HTML,
 * link, image, mention or table cell comes out of a card. The only HTML is
 * the writer's own <details> and <summary>, each alone on its line with a
 * blank line after, where GitHub expects them. Lists are cut at LIST_MAX
 * items and texts at a few hundred characters, so that a release of
 * thousands of findings still fits a comment.
 */
#include "escape.h"
#include "human.h"

#include <stdlib.h>

#define P(f, s) fputs((s), (f))

#define LIST_MAX 50     /* items of a list; then how many more */
#define TEXT_MAX 400    /* code points of a message or reason */
#define TABLE_REASONS 3 /* reasons in the criteria table */

static void md(FILE *f, const char *s)
{
    trop_md(f, s, TEXT_MAX);
}

static void more(FILE *f, size_t n, const char *prefix)
{
    if (n > LIST_MAX)
        fprintf(f, "%s*and %zu more*\n", prefix, n - LIST_MAX);
}

static void where(FILE *f, const char *path, int64_t line, int64_t offset)
{
    if (!path || !*path)
        return;
    P(f, " (");
    md(f, path);
    if (line > 0)
        fprintf(f, ":%lld", (long long)line);
    else if (offset >= 0)
        fprintf(f, " at byte %lld", (long long)offset);
    P(f, ")");
}

static void status(FILE *f, tro_status s)
{
    fprintf(f, "%s **%s**", trop_status_mark(s), tro_status_name(s));
}

static void summary(FILE *f, const tro_report *r)
{
    bool open = tro_report_truly_open(r);
    fprintf(f, "## %s %s: ", trop_status_mark(open ? TRO_STATUS_PASS : TRO_STATUS_FAIL),
            open ? "Truly open" : "Not truly open");
    md(f, tro_report_release_name(r));
    P(f, "\n\n");
    P(f, "| Criterion | Status | Reasons |\n|---|---|---|\n");
    for (int c = 0; c < 3; c++) {
        tro_criterion cr = (tro_criterion)c;
        size_t n = tro_report_reason_count(r, cr);
        fprintf(f, "| %s | ", trop_criterion_title[c]);
        status(f, tro_report_status(r, cr));
        P(f, " | ");
        for (size_t i = 0; i < n && i < TABLE_REASONS; i++) {
            P(f, i ? " &middot; " : "");
            trop_md(f, tro_report_reason(r, cr, i), 200);
        }
        if (n > TABLE_REASONS)
            fprintf(f, " (%zu more below)", n - TABLE_REASONS);
        P(f, " |\n");
    }
    P(f, "\n");
}

static void why(FILE *f, const tro_report *r)
{
    size_t shown = 0;
    for (size_t i = 0, n = tro_report_finding_count(r); i < n; i++) {
        const tro_judged_finding *x = tro_report_finding(r, i);
        if (tro_judged_finding_severity(x) != TRO_SEVERITY_ERROR || tro_judged_finding_waived(x))
            continue;
        if (shown++ == LIST_MAX)
            break;
        P(f, shown == 1 ? "**Why**\n\n" : "");
        P(f, "- **error** ");
        md(f, tro_judged_finding_code(x));
        P(f, ": ");
        md(f, tro_judged_finding_message(x));
        P(f, "\n");
    }
    if (shown)
        P(f, "\n");
    size_t steps = tro_report_to_pass_count(r);
    if (!steps)
        return;
    P(f, "**What would make it pass**\n\n");
    for (size_t i = 0; i < steps && i < LIST_MAX; i++) {
        fprintf(f, "%zu. ", i + 1);
        md(f, tro_report_to_pass(r, i));
        P(f, "\n");
    }
    more(f, steps, "");
    P(f, "\n");
}

static void evidence(FILE *f, const tro_report *r)
{
    P(f, "#### Evidence\n\n");
    for (int c = 0; c < 3; c++) {
        tro_criterion cr = (tro_criterion)c;
        size_t n = tro_report_evidence_count(r, cr), m = tro_report_reason_count(r, cr);
        fprintf(f, "**%s** (", trop_criterion_title[c]);
        status(f, tro_report_status(r, cr));
        P(f, ")\n\n");
        for (size_t i = 0; i < n && i < LIST_MAX; i++) {
            const tro_evidence *e = tro_report_evidence(r, cr, i);
            P(f, "- ");
            md(f, tro_evidence_kind(e));
            P(f, ": ");
            md(f, tro_evidence_text(e));
            where(f, tro_evidence_path(e), tro_evidence_line(e), tro_evidence_offset(e));
            P(f, "\n");
        }
        more(f, n, "- ");
        for (size_t i = 0; i < m && i < LIST_MAX; i++) {
            P(f, "- *");
            md(f, tro_report_reason(r, cr, i));
            P(f, "*\n");
        }
        P(f, n || m ? "\n" : "- no evidence\n\n");
    }
}

static void lineage(FILE *f, const tro_report *r)
{
    size_t n = tro_report_lineage_count(r);
    if (!n)
        return;
    P(f, "#### Lineage\n\n| Depth | Base model | Relation | Found in | Use | Method | Data | "
         "Licences |\n|---|---|---|---|---|---|---|---|\n");
    for (size_t i = 0; i < n && i < LIST_MAX; i++) {
        const tro_lineage_step *s = tro_report_lineage(r, i);
        bool known = tro_lineage_step_known(s) != 0;
        fprintf(f, "| %u | ", tro_lineage_step_depth(s));
        md(f, tro_lineage_step_id(s));
        P(f, " | ");
        md(f, tro_lineage_step_relation(s) ? tro_lineage_step_relation(s) : "not said");
        P(f, " | ");
        md(f, tro_lineage_step_source(s) ? tro_lineage_step_source(s) : "not found");
        for (int c = 0; c < 3; c++) {
            P(f, " | ");
            status(f, known ? tro_lineage_step_status(s, (tro_criterion)c) : TRO_STATUS_UNKNOWN);
        }
        P(f, " | ");
        for (size_t k = 0, m = tro_lineage_step_license_count(s); k < m; k++) {
            P(f, k ? ", " : "");
            md(f, tro_lineage_step_license(s, k));
        }
        P(f, " |\n");
    }
    more(f, n, "\n");
    P(f, "\n");
}

static const char *yes_no(int v)
{
    return v > 0 ? "\xE2\x9C\x93 yes" : v == 0 ? "\xE2\x9C\x97 no" : "? unknown";
}

static void licenses(FILE *f, const tro_report *r)
{
    size_t n = tro_report_license_count(r);
    P(f, "#### Licences\n\n");
    if (!n) {
        P(f, "No licence statement was found.\n\n");
        return;
    }
    P(f, "| Stated in | As written | Licence | Free to use | Free for data "
         "|\n|---|---|---|---|---|\n");
    for (size_t i = 0; i < n && i < LIST_MAX; i++) {
        const tro_statement *s = tro_report_license(r, i);
        bool known = tro_statement_known(s) != 0;
        P(f, "| ");
        md(f, tro_statement_source(s));
        where(f, tro_statement_path(s), 0, -1);
        P(f, " | ");
        trop_md(f, tro_statement_text(s), 120);
        P(f, " | ");
        md(f, tro_statement_expression(s) ? tro_statement_expression(s) : "not understood");
        fprintf(f, " | %s | %s |\n", yes_no(known ? tro_statement_free(s) : -1),
                yes_no(known ? tro_statement_free_for_data(s) : -1));
    }
    more(f, n, "\n");
    P(f, "\n");
}

static void datasets(FILE *f, const tro_report *r)
{
    size_t n = tro_report_dataset_count(r);
    if (!n)
        return;
    P(f, "#### Datasets\n\n| Dataset | Used for | Found in | Licence | Free for data |\n"
         "|---|---|---|---|---|\n");
    for (size_t i = 0; i < n && i < LIST_MAX; i++) {
        const tro_dataset *d = tro_report_dataset(r, i);
        P(f, "| ");
        md(f, tro_dataset_id(d));
        fprintf(f, " | %s | ", tro_data_role_name(tro_dataset_role(d)));
        md(f, tro_dataset_resolved(d) ? tro_dataset_source(d) : "not found");
        P(f, " | ");
        md(f, tro_dataset_license(d) ? tro_dataset_license(d) : "unknown");
        fprintf(f, " | %s |\n", yes_no(tro_dataset_free_for_data(d)));
    }
    more(f, n, "\n");
    P(f, "\n");
}

static void mof(FILE *f, const tro_report *r)
{
    P(f, "#### Model Openness Framework\n\n");
    if (tro_report_mof_class(r) >= 0) {
        md(f, tro_report_mof_label(r));
        fprintf(f, " (progress: class I %.0f%%, class II %.0f%%, class III %.0f%%)\n\n",
                tro_report_mof_progress(r, 1), tro_report_mof_progress(r, 2),
                tro_report_mof_progress(r, 3));
    } else {
        P(f, "No MOF release file, so no class is claimed. ");
    }
    size_t n = tro_report_mof_evidence_count(r);
    P(f, "The evidence shows: ");
    for (size_t i = 0; i < n; i++) {
        P(f, i ? ", " : "");
        md(f, tro_report_mof_evidence(r, i));
    }
    P(f, n ? ".\n\n" : "no component.\n\n");
}

static void findings(FILE *f, const tro_report *r)
{
    size_t c[3], n = tro_report_finding_count(r), shown = 0;
    trop_finding_counts(r, c);
    fprintf(f, "#### Findings\n\n%zu error%s, %zu warning%s, %zu info%s.\n\n", c[2],
            c[2] == 1 ? "" : "s", c[1], c[1] == 1 ? "" : "s", c[0], c[0] == 1 ? "" : "s");
    for (int sev = TRO_SEVERITY_ERROR; sev >= TRO_SEVERITY_INFO; sev--)
        for (size_t i = 0; i < n && shown < LIST_MAX; i++) {
            const tro_judged_finding *x = tro_report_finding(r, i);
            if ((int)tro_judged_finding_severity(x) != sev)
                continue;
            shown++;
            fprintf(f, "- **%s** ", tro_severity_name((tro_severity)sev));
            md(f, tro_judged_finding_code(x));
            P(f, ": ");
            md(f, tro_judged_finding_message(x));
            where(f, tro_judged_finding_path(x), tro_judged_finding_line(x),
                  tro_judged_finding_offset(x));
            if (tro_judged_finding_waived(x)) {
                P(f, " *waived*");
                if (tro_judged_finding_waiver(x)) {
                    P(f, ": ");
                    md(f, tro_judged_finding_waiver(x));
                }
            }
            P(f, "\n");
        }
    more(f, n, "- ");
    P(f, shown ? "\n" : "");
}

static void details(FILE *f, const tro_report *r)
{
    P(f,
      "<details>\n<summary>Details: evidence, lineage, licences, datasets, findings</summary>\n\n");
    evidence(f, r);
    lineage(f, r);
    licenses(f, r);
    datasets(f, r);
    mof(f, r);
    findings(f, r);
    size_t n = tro_report_artifact_count(r);
    uint64_t total = 0;
    char size[32];
    for (size_t i = 0; i < n; i++)
        total += tro_judged_artifact_size(tro_report_artifact(r, i));
    trop_human_size(total, size);
    fprintf(f,
            "#### Artifacts\n\n%zu artifact%s, %s in all; the JSON and HTML reports list each "
            "with its SHA-256.\n\n",
            n, n == 1 ? "" : "s", size);
    P(f, "</details>\n\n");
}

static void render(FILE *f, const tro_report *r)
{
    summary(f, r);
    why(f, r);
    int passed = tro_report_policy_passed(r);
    if (passed >= 0) {
        fprintf(f, "**Release gate**: %s\n\n",
                passed ? "\xE2\x9C\x93 met" : "\xE2\x9C\x97 not met");
        for (size_t i = 0, n = tro_report_policy_failure_count(r); i < n && i < LIST_MAX; i++) {
            P(f, "- ");
            md(f, tro_report_policy_failure(r, i));
            P(f, "\n");
        }
        P(f, tro_report_policy_failure_count(r) ? "\n" : "");
    }
    details(f, r);
    P(f, "<sub>Checked by trulyopen " TRO_VERSION_STRING ".</sub>\n");
}

int trop_report_markdown(const tro_report *r, unsigned flags, char **out, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    if (!f)
        return TRO_ENOMEM;
    render(f, r);
    if ((ferror(f) | fclose(f)) || !buf) { /* a write failed, or the close */
        free(buf);
        return TRO_ENOMEM;
    }
    *out = buf;
    if (len)
        *len = n;
    return 0;
}

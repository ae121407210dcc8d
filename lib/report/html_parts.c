/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The HTML report's reference sections: licence statements, datasets, the
 * Model Openness Framework, findings by severity, artifacts (collapsed
 * when there are many) and the policy's outcome. Tables, so that they
 * print and copy well; every release string escaped.
 */
#include "html.h"

#define P(w, s) fputs((s), (w)->f)

/* Lists longer than this start collapsed. */
#define OPEN_ARTIFACTS 12
#define OPEN_WARNINGS 20

static void yes_no(const trop_hw *w, int v)
{
    fprintf(w->f, "<td>%s</td>",
            v > 0    ? "<span class=\"tro-st tro-pass\">\xE2\x9C\x93 yes</span>"
            : v == 0 ? "<span class=\"tro-st tro-fail\">\xE2\x9C\x97 no</span>"
                     : "<span class=\"tro-st tro-unknown\">? unknown</span>");
}

static void cell(const trop_hw *w, const char *s, size_t max)
{
    P(w, "<td>");
    trop_hw_text(w, s, max);
    P(w, "</td>");
}

void trop_hw_licenses(const trop_hw *w)
{
    size_t n = tro_report_license_count(w->r);
    P(w, "<section>\n<h2>Licences</h2>\n");
    if (!n) {
        P(w, "<p>No licence statement was found.</p>\n</section>\n");
        return;
    }
    P(w, "<table>\n<thead><tr><th>Stated in</th><th>As written</th><th>Licence</th>"
         "<th>Category</th><th>Free to use</th><th>Free for data</th><th>Why</th></tr></thead>\n"
         "<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const tro_statement *s = tro_report_license(w->r, i);
        P(w, "<tr><td>");
        trop_hw_text(w, tro_statement_source(s), 0);
        P(w, "<br>");
        trop_hw_where(w, tro_statement_path(s), 0, -1);
        P(w, "</td>");
        cell(w, tro_statement_text(s), 200);
        P(w, "<td><code>");
        trop_hw_text(
            w, tro_statement_expression(s) ? tro_statement_expression(s) : "not understood", 0);
        P(w, "</code></td>");
        cell(w, tro_license_category_name(tro_statement_category(s)), 0);
        yes_no(w, tro_statement_known(s) ? tro_statement_free(s) : -1);
        yes_no(w, tro_statement_known(s) ? tro_statement_free_for_data(s) : -1);
        cell(w, tro_statement_reason(s), 0);
        P(w, "</tr>\n");
    }
    P(w, "</tbody>\n</table>\n</section>\n");
}

void trop_hw_datasets(const trop_hw *w)
{
    size_t n = tro_report_dataset_count(w->r);
    P(w, "<section>\n<h2>Datasets</h2>\n");
    if (!n) {
        P(w, "<p>The release declares no dataset.</p>\n</section>\n");
        return;
    }
    P(w, "<table>\n<thead><tr><th>Dataset</th><th>Used for</th><th>Declared by</th>"
         "<th>Found in</th><th>Licence</th><th>Free for data</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const tro_dataset *d = tro_report_dataset(w->r, i);
        P(w, "<tr>");
        cell(w, tro_dataset_id(d), 0);
        cell(w, tro_data_role_name(tro_dataset_role(d)), 0);
        P(w, "<td>");
        for (size_t k = 0, m = tro_dataset_declared_by_count(d); k < m; k++) {
            P(w, k ? "<br>" : "");
            trop_hw_text(w, tro_dataset_declared_by(d, k), 0);
        }
        P(w, "</td>");
        cell(w, tro_dataset_resolved(d) ? tro_dataset_source(d) : "not found", 0);
        P(w, "<td><code>");
        trop_hw_text(w, tro_dataset_license(d) ? tro_dataset_license(d) : "unknown", 0);
        P(w, "</code></td>");
        yes_no(w, tro_dataset_free_for_data(d));
        P(w, "</tr>\n");
    }
    P(w, "</tbody>\n</table>\n</section>\n");
}

static void mof_components(const trop_hw *w)
{
    size_t n = tro_report_mof_component_count(w->r);
    if (!n)
        return;
    P(w, "<table>\n<thead><tr><th>Component</th><th>Class</th><th>Required</th><th>Status</th>"
         "<th>Licence</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const tro_mof_component *c = tro_report_mof_component(w->r, i);
        P(w, "<tr>");
        cell(w, tro_mof_component_name(c), 0);
        fprintf(w->f, "<td>%d</td><td>%s</td>", tro_mof_component_class(c),
                tro_mof_component_required(c) ? "yes" : "no");
        cell(w, tro_mof_component_status(c), 0);
        cell(w, tro_mof_component_license(c), 0);
        P(w, "</tr>\n");
    }
    P(w, "</tbody>\n</table>\n");
}

void trop_hw_mof(const trop_hw *w)
{
    static const char *const roman[] = {"I", "II", "III"};
    P(w, "<section>\n<h2>Model Openness Framework</h2>\n");
    if (tro_report_mof_class(w->r) >= 0) {
        P(w, "<p><b>");
        trop_hw_text(w, tro_report_mof_label(w->r), 0);
        P(w, "</b>, from ");
        trop_hw_where(w, tro_report_mof_path(w->r), 0, -1);
        P(w, "</p>\n<ul>\n");
        for (int c = 1; c <= 3; c++) {
            double p = tro_report_mof_progress(w->r, c);
            p = p < 0 ? 0 : p > 100 ? 100 : p;
            fprintf(w->f,
                    "<li>Class %s: <progress max=\"100\" value=\"%.0f\">%.0f%%</progress> "
                    "%.0f%%</li>\n",
                    roman[c - 1], p, p, p);
        }
        P(w, "</ul>\n");
        mof_components(w);
    } else {
        P(w, "<p>The release has no MOF release file, so no class is claimed.</p>\n");
    }
    size_t n = tro_report_mof_evidence_count(w->r);
    P(w, "<p>The evidence shows: ");
    for (size_t i = 0; i < n; i++) {
        P(w, i ? ", " : "");
        trop_hw_text(w, tro_report_mof_evidence(w->r, i), 0);
    }
    P(w, n ? ".</p>\n</section>\n" : "no component.</p>\n</section>\n");
}

static void finding_table(const trop_hw *w, tro_severity sev)
{
    P(w, "<table>\n<thead><tr><th>Code</th><th>Message</th><th>Where</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0, n = tro_report_finding_count(w->r); i < n; i++) {
        const tro_judged_finding *f = tro_report_finding(w->r, i);
        if (tro_judged_finding_severity(f) != sev)
            continue;
        bool waived = tro_judged_finding_waived(f) != 0;
        P(w,
          waived ? "<tr class=\"tro-waived-row\"><td><span class=\"tro-waived\">" : "<tr><td><b>");
        trop_hw_text(w, tro_judged_finding_code(f), 0);
        P(w, waived ? "</span> (waived" : "</b>");
        if (waived && tro_judged_finding_waiver(f)) {
            P(w, ": ");
            trop_hw_text(w, tro_judged_finding_waiver(f), 0);
        }
        P(w, waived ? ")</td><td>" : "</td><td>");
        trop_hw_text(w, tro_judged_finding_message(f), 0);
        P(w, "</td><td class=\"tro-where\">");
        trop_hw_where(w, tro_judged_finding_path(f), tro_judged_finding_line(f),
                      tro_judged_finding_offset(f));
        P(w, "</td></tr>\n");
    }
    P(w, "</tbody>\n</table>\n");
}

void trop_hw_findings(const trop_hw *w)
{
    static const char *const title[] = {"Infos", "Warnings", "Errors"};
    size_t n[3];
    trop_finding_counts(w->r, n);
    fprintf(w->f, "<section>\n<h2>Findings</h2>\n<p>%zu error%s, %zu warning%s, %zu info%s.</p>\n",
            n[2], n[2] == 1 ? "" : "s", n[1], n[1] == 1 ? "" : "s", n[0], n[0] == 1 ? "" : "s");
    for (int s = TRO_SEVERITY_ERROR; s >= TRO_SEVERITY_INFO; s--) {
        if (!n[s])
            continue;
        /* errors always open, warnings while few, infos collapsed */
        bool open = s == TRO_SEVERITY_ERROR || (s == TRO_SEVERITY_WARNING && n[s] <= OPEN_WARNINGS);
        fprintf(
            w->f,
            "<details%s>\n<summary><span class=\"tro-sev tro-sev-%s\">%s</span> (%zu)</summary>\n",
            open ? " open" : "", tro_severity_name((tro_severity)s), title[s], n[s]);
        finding_table(w, (tro_severity)s);
        P(w, "</details>\n");
    }
    P(w, "</section>\n");
}

void trop_hw_artifacts(const trop_hw *w)
{
    size_t n = tro_report_artifact_count(w->r);
    uint64_t total = 0;
    char size[32];
    for (size_t i = 0; i < n; i++)
        total += tro_judged_artifact_size(tro_report_artifact(w->r, i));
    trop_human_size(total, size);
    fprintf(w->f,
            "<section>\n<h2>Artifacts</h2>\n<details%s>\n<summary>%zu artifact%s, %s in all, "
            "with their SHA-256</summary>\n",
            n <= OPEN_ARTIFACTS ? " open" : "", n, n == 1 ? "" : "s", size);
    P(w, "<table>\n<thead><tr><th>Path</th><th>Type</th><th>Size</th><th>SHA-256</th></tr>"
         "</thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const tro_judged_artifact *a = tro_report_artifact(w->r, i);
        uint64_t bytes = tro_judged_artifact_size(a);
        trop_human_size(bytes, size);
        fprintf(w->f, "<tr id=\"tro-art-%zu\"><td class=\"tro-path\">", i);
        trop_hw_text(w, tro_judged_artifact_path(a), 0);
        P(w, "</td>");
        cell(w, tro_type_name(tro_judged_artifact_type(a)), 0);
        fprintf(w->f, "<td class=\"tro-num\" title=\"%llu bytes\">%s</td><td>",
                (unsigned long long)bytes, size);
        if (tro_judged_artifact_sha256(a)) {
            P(w, "<code>");
            trop_hw_text(w, tro_judged_artifact_sha256(a), 0);
            P(w, "</code>");
        } else {
            P(w, "<span class=\"tro-muted\">not hashed</span>");
        }
        P(w, "</td></tr>\n");
    }
    P(w, "</tbody>\n</table>\n</details>\n</section>\n");
}

void trop_hw_policy(const trop_hw *w)
{
    int passed = tro_report_policy_passed(w->r);
    if (passed < 0)
        return;
    P(w, "<section>\n<h2>Release gate</h2>\n<p>The policy applied is ");
    P(w, passed ? "<span class=\"tro-st tro-pass\">\xE2\x9C\x93 met</span>.</p>\n"
                : "<span class=\"tro-st tro-fail\">\xE2\x9C\x97 not met</span>:</p>\n<ul>\n");
    for (size_t i = 0, n = tro_report_policy_failure_count(w->r); i < n; i++) {
        P(w, "<li>");
        trop_hw_text(w, tro_report_policy_failure(w->r, i), 0);
        P(w, "</li>\n");
    }
    P(w, passed ? "</section>\n" : "</ul>\n</section>\n");
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The lineage in the HTML report: an inline SVG graph of the release and
 * the base models it derives from, each node showing its use freedom by a
 * colour and, for readers without colour, a mark and a word; then the same
 * steps as a table with every criterion and licence.
 *
 * Steps come depth first (a base, then its own bases one level deeper), so
 * the graph is drawn as an indented tree: one row per node, the parent of
 * a node at depth d being the last node above it at depth d - 1.
 */
#include "html.h"

#define P(w, s) fputs((s), (w)->f)

#define ROW 58        /* height of a row */
#define BOX_W 440     /* width of a node */
#define BOX_H 46      /* height of a node */
#define INDENT 28     /* shift per level of depth */
#define MAX_INDENT 10 /* deeper levels are drawn at this one */
#define MAX_NODES 40  /* the graph stops there; the table lists them all */
#define NAME_MAX 46   /* code points of a name shown in a node */

static const struct {
    const char *stroke, *fill;
} colors[] = {
    [TRO_STATUS_UNKNOWN] = {"#6639ba", "#fbefff"},
    [TRO_STATUS_FAIL] = {"#cf222e", "#ffebe9"},
    [TRO_STATUS_PARTIAL] = {"#9a6700", "#fff8c5"},
    [TRO_STATUS_PASS] = {"#1a7f37", "#dafbe1"},
};

static unsigned level(unsigned depth)
{
    return depth > MAX_INDENT ? MAX_INDENT : depth;
}

/* One node: its box, a mark and its name, then a line of detail: its
 * relation to the node above and its licence (what makes a derivative of
 * a restricted base visible at a glance). */
static void node(const trop_hw *w, unsigned row, unsigned depth, tro_status use, const char *name,
                 const char *relation, const char *license, bool is_release)
{
    unsigned x = 4 + INDENT * level(depth), y = 4 + ROW * row;
    if ((unsigned)use > TRO_STATUS_PASS)
        use = TRO_STATUS_UNKNOWN;
    P(w, "<g><title>");
    trop_hw_text(w, name, 0);
    fprintf(w->f, ": use freedom %s</title>\n", tro_status_name(use));
    fprintf(w->f,
            "<rect x=\"%u\" y=\"%u\" width=\"%u\" height=\"%u\" rx=\"6\" fill=\"%s\" stroke=\"%s\" "
            "stroke-width=\"%s\"/>\n",
            x, y, BOX_W, BOX_H, colors[use].fill, colors[use].stroke, is_release ? "2.5" : "1.5");
    fprintf(w->f, "<text x=\"%u\" y=\"%u\" font-weight=\"700\">%s ", x + 10, y + 19,
            trop_status_mark(use));
    trop_hw_text(w, name, NAME_MAX);
    fprintf(w->f, "</text>\n<text class=\"tro-small\" x=\"%u\" y=\"%u\">use freedom: %s", x + 10,
            y + 37, tro_status_name(use));
    if (is_release)
        P(w, " &middot; the release");
    if (relation) {
        P(w, " &middot; ");
        trop_hw_text(w, relation, 20);
    }
    P(w, " &middot; ");
    trop_hw_text(w, license ? license : "licence not known", 48);
    P(w, "</text></g>\n");
}

/* The elbow from the parent's box (row prow, depth pdepth) to a node. */
static void edge(const trop_hw *w, unsigned prow, unsigned pdepth, unsigned row, unsigned depth)
{
    unsigned x1 = 4 + INDENT * level(pdepth) + 14, y1 = 4 + ROW * prow + BOX_H;
    unsigned x2 = 4 + INDENT * level(depth), y2 = 4 + ROW * row + BOX_H / 2;
    fprintf(w->f,
            "<path d=\"M%u %uV%uH%u\" fill=\"none\" stroke=\"#8c959f\" stroke-width=\"1.5\"/>\n",
            x1, y1, y2, x2 < x1 + 8 ? x1 + 8 : x2);
}

static void graph(const trop_hw *w, size_t n)
{
    size_t shown = n < MAX_NODES ? n : MAX_NODES;
    unsigned deepest = 0, rows[MAX_INDENT + 2] = {0}; /* last row seen at each level */
    for (size_t i = 0; i < shown; i++) {
        unsigned d = level(tro_lineage_step_depth(tro_report_lineage(w->r, i)));
        deepest = d > deepest ? d : deepest;
    }
    unsigned width = 8 + BOX_W + INDENT * deepest,
             height = 8 + ROW * (unsigned)(shown + 1) - (ROW - BOX_H);
    fprintf(
        w->f,
        "<svg class=\"tro-graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%u\" height=\"%u\" "
        "viewBox=\"0 0 %u %u\" role=\"img\" aria-label=\"Lineage of the release\">\n",
        width, height, width, height);
    for (size_t i = 0; i < shown; i++) { /* edges first: the boxes cover their ends */
        unsigned d = level(tro_lineage_step_depth(tro_report_lineage(w->r, i)));
        d = d ? d : 1;
        edge(w, rows[d - 1], d - 1, (unsigned)i + 1, d);
        rows[d] = (unsigned)i + 1;
    }
    const tro_statement *own = tro_report_license(w->r, 0);
    node(w, 0, 0, tro_report_status(w->r, TRO_CRITERION_USE_FREEDOM), tro_report_release_name(w->r),
         NULL, own ? tro_statement_expression(own) : NULL, true);
    for (size_t i = 0; i < shown; i++) {
        const tro_lineage_step *s = tro_report_lineage(w->r, i);
        unsigned d = level(tro_lineage_step_depth(s));
        tro_status use = tro_lineage_step_known(s)
                             ? tro_lineage_step_status(s, TRO_CRITERION_USE_FREEDOM)
                             : TRO_STATUS_UNKNOWN;
        node(w, (unsigned)i + 1, d ? d : 1, use, tro_lineage_step_id(s),
             tro_lineage_step_relation(s), tro_lineage_step_license(s, 0), false);
    }
    P(w, "</svg>\n");
    if (shown < n)
        fprintf(w->f,
                "<p class=\"tro-muted\">The graph shows the first %zu base models; the table "
                "lists all %zu.</p>\n",
                shown, n);
}

static void table(const trop_hw *w, size_t n)
{
    P(w, "<table>\n<thead><tr><th>Depth</th><th>Base model</th><th>Relation</th><th>Found in</th>"
         "<th>Verdict</th><th>Use</th><th>Method</th><th>Data</th><th>Licences</th></tr></thead>\n"
         "<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const tro_lineage_step *s = tro_report_lineage(w->r, i);
        bool known = tro_lineage_step_known(s) != 0;
        fprintf(w->f, "<tr><td class=\"tro-num\">%u</td><td>", tro_lineage_step_depth(s));
        trop_hw_text(w, tro_lineage_step_id(s), 0);
        P(w, "</td><td>");
        trop_hw_text(w, tro_lineage_step_relation(s) ? tro_lineage_step_relation(s) : "not said",
                     0);
        P(w, "</td><td>");
        trop_hw_text(w, tro_lineage_step_source(s) ? tro_lineage_step_source(s) : "not found", 0);
        P(w, "</td><td>");
        const char *verdict = known ? tro_lineage_step_verdict(s) : NULL;
        P(w, verdict ? verdict : "unknown");
        P(w, "</td>");
        for (int c = 0; c < 3; c++) {
            P(w, "<td>");
            trop_hw_status(w, known ? tro_lineage_step_status(s, (tro_criterion)c)
                                    : TRO_STATUS_UNKNOWN);
            P(w, "</td>");
        }
        P(w, "<td>");
        for (size_t k = 0, m = tro_lineage_step_license_count(s); k < m; k++) {
            P(w, k ? "<br><code>" : "<code>");
            trop_hw_text(w, tro_lineage_step_license(s, k), 0);
            P(w, "</code>");
        }
        P(w, "</td></tr>\n");
    }
    P(w, "</tbody>\n</table>\n");
}

void trop_hw_lineage(const trop_hw *w)
{
    size_t n = tro_report_lineage_count(w->r);
    P(w, "<section>\n<h2>Lineage</h2>\n");
    if (!n) {
        P(w, "<p>The release names no base model: it is judged on its own.</p>\n</section>\n");
        return;
    }
    P(w, "<p>A derivative can be no freer than what it derives from: each base model's use "
         "freedom counts.</p>\n");
    graph(w, n);
    table(w, n);
    P(w, "</section>\n");
}

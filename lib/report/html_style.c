/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The HTML report's stylesheet. Every rule is under .tro-report, so a
 * fragment embedded in a registry's page styles only itself. Status is
 * carried by a mark and a word as well as a colour (the page reads in
 * black and white and to a screen reader); print drops the backgrounds,
 * opens the collapsed lists and writes each link's address after it.
 */
#include "html.h"

const char trop_html_css[] =
    ".tro-report{--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#cf222e;--fail-bg:#ffebe9;"
    "--partial:#9a6700;--partial-bg:#fff8c5;--unknown:#6639ba;--unknown-bg:#fbefff;"
    "--line:#d0d7de;--muted:#57606a;"
    "font:15px/1.45 system-ui,-apple-system,'Segoe UI','DejaVu Sans',sans-serif;"
    "color:#1f2328;background:#fff;max-width:68rem;margin:0 auto;padding:1.5rem}\n"
    ".tro-report *{box-sizing:border-box}\n"
    ".tro-report h1,.tro-report h2,.tro-report h3{line-height:1.2;margin:0 0 .5rem}\n"
    ".tro-report h2{font-size:1.25rem;margin-top:1.75rem;padding-bottom:.3rem;"
    "border-bottom:1px solid var(--line)}\n"
    ".tro-report h3{font-size:1.05rem;margin-top:1.25rem}\n"
    ".tro-report a{color:#0969da;overflow-wrap:anywhere}\n"
    ".tro-report code,.tro-report .tro-path{font:.85em ui-monospace,'DejaVu Sans Mono',monospace;"
    "overflow-wrap:anywhere}\n"
    ".tro-report .tro-muted{color:var(--muted)}\n"
    /* the verdict */
    ".tro-report .tro-verdict{display:flex;gap:1rem;align-items:center;padding:1rem 1.25rem;"
    "border:2px solid;border-radius:10px}\n"
    ".tro-report .tro-verdict h1{font-size:2rem;margin:0}\n"
    ".tro-report .tro-verdict p{margin:.25rem 0 0}\n"
    ".tro-report .tro-big{font-size:2.75rem;font-weight:700;line-height:1;width:3.25rem;"
    "height:3.25rem;border-radius:50%;display:flex;align-items:center;justify-content:center;"
    "color:#fff;flex:none}\n"
    ".tro-report .tro-yes{border-color:var(--pass);background:var(--pass-bg)}\n"
    ".tro-report .tro-yes .tro-big{background:var(--pass)}\n"
    ".tro-report .tro-no{border-color:var(--fail);background:var(--fail-bg)}\n"
    ".tro-report .tro-no .tro-big{background:var(--fail)}\n"
    /* the three criteria */
    ".tro-report "
    ".tro-criteria{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));"
    "gap:.75rem;margin-top:1rem}\n"
    ".tro-report .tro-crit{border:1px solid var(--line);border-top:6px solid;border-radius:8px;"
    "padding:.75rem 1rem;min-width:0;overflow-wrap:anywhere}\n"
    ".tro-report .tro-crit h2{font-size:1.1rem;margin:0 0 .35rem;border:0;padding:0}\n"
    ".tro-report .tro-crit ul{margin:.5rem 0 0;padding-left:1.1rem;font-size:.9em}\n"
    ".tro-report .tro-crit.tro-pass{border-top-color:var(--pass)}\n"
    ".tro-report .tro-crit.tro-fail{border-top-color:var(--fail)}\n"
    ".tro-report .tro-crit.tro-partial{border-top-color:var(--partial)}\n"
    ".tro-report .tro-crit.tro-unknown{border-top-color:var(--unknown)}\n"
    ".tro-report .tro-st{display:inline-block;font-weight:700;text-transform:uppercase;"
    "font-size:.8em;letter-spacing:.04em;padding:.1rem "
    ".5rem;border-radius:1rem;white-space:nowrap}\n"
    ".tro-report .tro-st.tro-pass{color:var(--pass);background:var(--pass-bg)}\n"
    ".tro-report .tro-st.tro-fail{color:var(--fail);background:var(--fail-bg)}\n"
    ".tro-report .tro-st.tro-partial{color:var(--partial);background:var(--partial-bg)}\n"
    ".tro-report .tro-st.tro-unknown{color:var(--unknown);background:var(--unknown-bg)}\n"
    /* why, and what to do */
    ".tro-report .tro-why{margin-top:1rem;padding:.75rem 1.25rem;border-left:6px solid var(--fail);"
    "background:#f6f8fa;border-radius:0 8px 8px 0}\n"
    ".tro-report .tro-why h2{border:0;margin-top:.25rem}\n"
    ".tro-report .tro-why li{margin:.25rem 0;overflow-wrap:anywhere}\n"
    /* tables */
    ".tro-report table{border-collapse:collapse;width:100%;font-size:.9em;margin:.5rem 0}\n"
    ".tro-report th,.tro-report td{border:1px solid var(--line);padding:.3rem .5rem;"
    "text-align:left;vertical-align:top}\n"
    ".tro-report th{background:#f6f8fa}\n"
    ".tro-report td.tro-num{text-align:right;white-space:nowrap}\n"
    ".tro-report td.tro-where{min-width:9rem}\n"
    ".tro-report tr:target{background:#fff8c5}\n"
    ".tro-report details>summary{cursor:pointer;font-weight:600;margin:.5rem 0}\n"
    /* findings */
    ".tro-report .tro-sev{font-weight:700;text-transform:uppercase;font-size:.8em}\n"
    ".tro-report .tro-sev-error{color:var(--fail)}\n"
    ".tro-report .tro-sev-warning{color:var(--partial)}\n"
    ".tro-report .tro-sev-info{color:var(--muted)}\n"
    ".tro-report .tro-waived{text-decoration:line-through}\n"
    /* lineage */
    ".tro-report .tro-graph{max-width:100%;height:auto;display:block;margin:.5rem 0}\n"
    ".tro-report .tro-graph text{font:13px system-ui,'DejaVu Sans',sans-serif;fill:#1f2328}\n"
    ".tro-report .tro-graph .tro-small{font-size:11px;fill:#57606a}\n"
    ".tro-report progress{width:10rem;vertical-align:middle}\n"
    ".tro-report footer{margin-top:2rem;font-size:.85em;color:var(--muted)}\n"
    "@media print{"
    ".tro-report{max-width:none;padding:0;font-size:11pt}"
    ".tro-report .tro-verdict,.tro-report .tro-why,.tro-report .tro-st,.tro-report th"
    "{background:none!important}"
    ".tro-report .tro-big{color:#000!important;background:none!important;border:2px solid}"
    ".tro-report section,.tro-report tr,.tro-report .tro-crit{break-inside:avoid}"
    ".tro-report details::details-content{content-visibility:visible;display:contents}"
    ".tro-report details>summary{list-style:none}"
    ".tro-report a[href^='http']::after{content:' (' attr(href) ')';color:#57606a;font-size:.85em}"
    "}\n";

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Private to the HTML writer (html*.c): the report as one page a person
 * reads in a browser. It is written from the report's public accessors
 * only, as a registry reading the report would, and every string of the
 * release goes through trop_html() (escape.h). The page holds no script,
 * loads nothing (styles inline, the lineage an inline SVG) and links only
 * to http(s) URLs and to its own sections.
 */
#ifndef TROP_HTML_H
#define TROP_HTML_H

#include "escape.h"
#include "human.h"

#include <stdio.h>

typedef struct trop_hw {
    FILE *f;
    const tro_report *r;
    bool artifacts; /* the artifact list is written: paths link to its rows */
} trop_hw;

/* The stylesheet, every rule under .tro-report so that a fragment leaves
 * the page around it alone (html_style.c). */
extern const char trop_html_css[];

/* A release string as text, cut after max code points (0: whole). */
#define trop_hw_text(w, s, max) trop_html((w)->f, (s), (max))

/* A place in the release: "PATH:LINE" or "PATH @OFFSET", linking to the
 * artifact's row when the list is written; nothing for an empty path. */
void trop_hw_where(const trop_hw *w, const char *path, int64_t line, int64_t offset);
/* text linking to url when it is an http(s) URL, else text alone; text
 * NULL shows the URL itself. */
void trop_hw_link(const trop_hw *w, const char *url, const char *text);
/* A status as a label readable without colour: "<span class=...>✗ fail</span>". */
void trop_hw_status(const trop_hw *w, tro_status s);

/* The sections after the verdict and the criteria (html_parts.c). */
void trop_hw_licenses(const trop_hw *w);
void trop_hw_datasets(const trop_hw *w);
void trop_hw_mof(const trop_hw *w);
void trop_hw_findings(const trop_hw *w);
void trop_hw_artifacts(const trop_hw *w);
void trop_hw_policy(const trop_hw *w);
/* The lineage as a graph and a table (html_lineage.c). */
void trop_hw_lineage(const trop_hw *w);

#endif

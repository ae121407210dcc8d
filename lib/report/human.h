/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Private to lib/report: the words, marks and colours the formats people
 * look at share (HTML, Markdown, the SVG badge and the shields.io
 * endpoint), so that a verdict reads the same in a browser, a pull request
 * and a README. Every text here is the library's own: none needs escaping.
 */
#ifndef TROP_HUMAN_H
#define TROP_HUMAN_H

#include "report.h"

/* "Use freedom", "Method transparency", "Data access", by tro_criterion. */
extern const char *const trop_criterion_title[3];
/* "use", "method", "data": the badge's short names. */
extern const char *const trop_criterion_short[3];

/* The mark of a status, so that it reads without colour: pass ✓, partial
 * ~, fail ✗, unknown ?. Static. */
const char *trop_status_mark(tro_status s);

/* "truly open" or "not truly open". Static. */
const char *trop_verdict_words(const tro_report *r);

/* The badge's message ("truly open", or "not truly open: use ✗ method ✓
 * data ?") into buf, which has room for TROP_BADGE_MESSAGE_MAX bytes. */
#define TROP_BADGE_MESSAGE_MAX 64
void trop_badge_message(const tro_report *r, char *buf);

/* The badge's colour: its shields.io name ("brightgreen" when truly open,
 * "red" when a criterion fails, else "orange"), and *hex the same as
 * "#rrggbb" for the SVG badge. Static. */
const char *trop_badge_color(const tro_report *r, const char **hex);

/* A size for people ("524 bytes", "1.5 KiB", "3.2 GiB") into buf. */
void trop_human_size(uint64_t size, char buf[32]);

/* Index of the artifact at path in the report (artifacts are sorted by
 * path), or -1 when it is not one of them. */
long trop_artifact_index(const tro_report *r, const char *path);

/* The findings of each severity, by tro_severity. */
void trop_finding_counts(const tro_report *r, size_t counts[3]);

#endif

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The shared vocabulary of the people-facing writers (human.h). */
#include "human.h"

#include <stdio.h>
#include <string.h>

const char *const trop_criterion_title[3] = {"Use freedom", "Method transparency", "Data access"};
const char *const trop_criterion_short[3] = {"use", "method", "data"};

const char *trop_status_mark(tro_status s)
{
    switch (s) {
    case TRO_STATUS_PASS:
        return "\xE2\x9C\x93"; /* U+2713 check mark */
    case TRO_STATUS_FAIL:
        return "\xE2\x9C\x97"; /* U+2717 ballot x */
    case TRO_STATUS_PARTIAL:
        return "~";
    default:
        return "?";
    }
}

const char *trop_verdict_words(const tro_report *r)
{
    return tro_report_truly_open(r) ? "truly open" : "not truly open";
}

void trop_badge_message(const tro_report *r, char *buf)
{
    if (tro_report_truly_open(r)) {
        snprintf(buf, TROP_BADGE_MESSAGE_MAX, "truly open");
        return;
    }
    snprintf(buf, TROP_BADGE_MESSAGE_MAX, "not truly open: %s %s %s %s %s %s",
             trop_criterion_short[0], trop_status_mark(tro_report_status(r, 0)),
             trop_criterion_short[1], trop_status_mark(tro_report_status(r, 1)),
             trop_criterion_short[2], trop_status_mark(tro_report_status(r, 2)));
}

const char *trop_badge_color(const tro_report *r, const char **hex)
{
    if (tro_report_truly_open(r)) {
        *hex = "#3fb950";
        return "brightgreen";
    }
    for (int c = 0; c < 3; c++)
        if (tro_report_status(r, (tro_criterion)c) == TRO_STATUS_FAIL) {
            *hex = "#e05d44";
            return "red";
        }
    *hex = "#fe7d37";
    return "orange";
}

void trop_human_size(uint64_t size, char buf[32])
{
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    if (size < 1024) {
        snprintf(buf, 32, "%llu byte%s", (unsigned long long)size, size == 1 ? "" : "s");
        return;
    }
    double v = (double)size / 1024;
    size_t u = 0;
    while (v >= 1024 && u + 1 < sizeof units / sizeof units[0]) {
        v /= 1024;
        u++;
    }
    snprintf(buf, 32, "%.1f %s", v, units[u]);
}

long trop_artifact_index(const tro_report *r, const char *path)
{
    size_t lo = 0, hi = tro_report_artifact_count(r);
    if (!path || !*path)
        return -1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(tro_judged_artifact_path(tro_report_artifact(r, mid)), path);
        if (!c)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

void trop_finding_counts(const tro_report *r, size_t counts[3])
{
    counts[0] = counts[1] = counts[2] = 0;
    for (size_t i = 0, n = tro_report_finding_count(r); i < n; i++) {
        tro_severity s = tro_judged_finding_severity(tro_report_finding(r, i));
        if ((unsigned)s < 3)
            counts[s]++;
    }
}

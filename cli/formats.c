/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The names of the report formats on the command line (--format, --report
 * FMT=FILE, --output-FMT) and the rendering flags each one takes. */
#include "config.h"

#include <string.h>

#include "cli.h"

/* The flags are those tro_report_render() accepts for the format, so that a
 * flag given once on the command line goes to the outputs that have it. */
const trc_format_info trc_formats[] = {
    {"text", TRO_FORMAT_TEXT, TRO_RENDER_NO_ARTIFACTS},
    {"json", TRO_FORMAT_JSON, TRO_RENDER_COMPACT | TRO_RENDER_NO_ARTIFACTS},
    {"sarif", TRO_FORMAT_SARIF, TRO_RENDER_COMPACT | TRO_RENDER_NO_ARTIFACTS},
    {"cyclonedx", TRO_FORMAT_CYCLONEDX, TRO_RENDER_COMPACT | TRO_RENDER_NO_ARTIFACTS},
    {"spdx", TRO_FORMAT_SPDX, TRO_RENDER_COMPACT | TRO_RENDER_NO_ARTIFACTS},
    {"html", TRO_FORMAT_HTML, TRO_RENDER_NO_ARTIFACTS | TRO_RENDER_FRAGMENT},
    {"markdown", TRO_FORMAT_MARKDOWN, TRO_RENDER_NO_ARTIFACTS},
    {"badge-svg", TRO_FORMAT_BADGE_SVG, 0},
    {"shields", TRO_FORMAT_SHIELDS, TRO_RENDER_COMPACT},
};
const size_t trc_nformats = sizeof trc_formats / sizeof trc_formats[0];

const char trc_format_names[] =
    "text, json, sarif, cyclonedx, spdx, html, markdown, badge-svg or shields";

const trc_format_info *trc_format_named(const char *name, size_t n)
{
    for (size_t i = 0; i < trc_nformats; i++)
        if (strlen(trc_formats[i].name) == n && !strncmp(trc_formats[i].name, name, n))
            return &trc_formats[i];
    return NULL;
}

int trc_format_parse(const char *name, tro_format *out)
{
    const trc_format_info *f = trc_format_named(name, strlen(name));
    if (!f)
        return -1;
    *out = f->format;
    return 0;
}

unsigned trc_format_flags(tro_format format)
{
    for (size_t i = 0; i < trc_nformats; i++)
        if (trc_formats[i].format == format)
            return trc_formats[i].flags;
    return 0;
}

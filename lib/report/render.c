/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The one rendering entry point, tro_report_render(): a format and the
 * flags it takes, checked here once, then the format's writer (json.c,
 * sarif.c, text.c, cyclonedx.c, spdx.c, html.c, markdown.c, badge.c). A
 * format without a writer (none yet) is refused. The older entry points
 * are this with fixed options.
 */
#include "report.h"

#include <stddef.h>
#include <string.h>

/* The flags each format has, by tro_format. */
static const unsigned format_flags[] = {
    [TRO_FORMAT_JSON] = TRO_RENDER_COMPACT | TRO_RENDER_NO_ARTIFACTS,
    [TRO_FORMAT_TEXT] = TRO_RENDER_NO_ARTIFACTS | TRO_RENDER_COLOR,
    [TRO_FORMAT_SARIF] = TRO_RENDER_COMPACT | TRO_RENDER_NO_ARTIFACTS,
    [TRO_FORMAT_CYCLONEDX] = TRO_RENDER_COMPACT | TRO_RENDER_NO_ARTIFACTS,
    [TRO_FORMAT_SPDX] = TRO_RENDER_COMPACT | TRO_RENDER_NO_ARTIFACTS,
    [TRO_FORMAT_HTML] = TRO_RENDER_NO_ARTIFACTS | TRO_RENDER_FRAGMENT,
    [TRO_FORMAT_MARKDOWN] = TRO_RENDER_NO_ARTIFACTS,
    [TRO_FORMAT_BADGE_SVG] = 0,
    [TRO_FORMAT_SHIELDS] = TRO_RENDER_COMPACT,
};

typedef int (*writer)(const tro_report *r, unsigned flags, char **out, size_t *len);
static const writer writers[] = {
    [TRO_FORMAT_JSON] = trop_report_json,
    [TRO_FORMAT_TEXT] = trop_report_text,
    [TRO_FORMAT_SARIF] = trop_report_sarif,
    [TRO_FORMAT_HTML] = trop_report_html,
    [TRO_FORMAT_MARKDOWN] = trop_report_markdown,
    [TRO_FORMAT_BADGE_SVG] = trop_report_badge_svg,
    [TRO_FORMAT_SHIELDS] = trop_report_shields,
};

/* Writers that read more of the options than the flags (version 2). */
typedef int (*opts_writer)(const tro_report *r, const tro_render_options *o, char **out,
                           size_t *len);
static const opts_writer opts_writers[] = {
    [TRO_FORMAT_SARIF] = trop_report_sarif_opts,
    [TRO_FORMAT_CYCLONEDX] = trop_report_cyclonedx,
    [TRO_FORMAT_SPDX] = trop_report_spdx,
};

int tro_report_render(const tro_report *report, const tro_render_options *opts, char **out,
                      size_t *len)
{
    static const tro_render_options defaults = TRO_RENDER_OPTIONS_INIT;
    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (!report || !out)
        return TRO_EINVAL;
    if (!opts)
        opts = &defaults;
    if (opts->version < 1 || opts->version > TRO_RENDER_OPTIONS_VERSION)
        return TRO_EVERSION;
    tro_render_options o = TRO_RENDER_OPTIONS_INIT; /* version 1: the later fields unset */
    memcpy(&o, opts, opts->version == 1 ? offsetof(tro_render_options, root_uri) : sizeof o);
    unsigned f = (unsigned)o.format;
    if (f >= sizeof format_flags / sizeof format_flags[0] || (o.flags & ~format_flags[f]))
        return TRO_EINVAL;
    if (f < sizeof opts_writers / sizeof opts_writers[0] && opts_writers[f])
        return opts_writers[f](report, &o, out, len);
    if (f >= sizeof writers / sizeof writers[0] || !writers[f])
        return TRO_EINVAL;
    return writers[f](report, o.flags, out, len);
}

static int render(const tro_report *report, tro_format format, unsigned flags, char **out,
                  size_t *len)
{
    tro_render_options o = TRO_RENDER_OPTIONS_INIT;
    o.format = format;
    o.flags = flags;
    return tro_report_render(report, &o, out, len);
}

int tro_report_json(const tro_report *report, char **out, size_t *len)
{
    return render(report, TRO_FORMAT_JSON, 0, out, len);
}

int tro_report_json_flags(const tro_report *report, unsigned int flags, char **out, size_t *len)
{
    return render(report, TRO_FORMAT_JSON, flags, out, len);
}

int tro_report_sarif(const tro_report *report, char **out, size_t *len)
{
    return render(report, TRO_FORMAT_SARIF, 0, out, len);
}

/* Its flags were TRO_TEXT_*, whose other bits were never refused. */
int tro_report_text(const tro_report *report, unsigned int flags, char **out, size_t *len)
{
    return render(report, TRO_FORMAT_TEXT, flags & TRO_TEXT_COLOR ? TRO_RENDER_COLOR : 0, out, len);
}

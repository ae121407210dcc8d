/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The verdict as a badge for a README or a registry's page: an SVG image
 * (TRO_FORMAT_BADGE_SVG), "trulyopen | truly open" in green or
 * "trulyopen | not truly open: use ✗ method ✓ data ?" in red (a criterion
 * fails) or orange (none fails, not all pass); and the same as the JSON a
 * shields.io endpoint badge reads (TRO_FORMAT_SHIELDS: schemaVersion,
 * label, message, color), for a registry that serves a live badge.
 *
 * The badge holds only the library's own words, never a string of the
 * release. Text widths are estimated from a small table of glyph widths
 * of an 11px sans-serif face, and each text is given that length
 * (textLength) so the badge looks the same whatever font the viewer has.
 */
#include "human.h"
#include "escape.h"

#include "jw.h"

#include <stdlib.h>
#include <string.h>

#define LABEL "trulyopen"
#define PAD 6.0 /* px on each side of a text */

/* Width in px of a character at 11px, by a few classes of glyphs. */
static double glyph_width(unsigned char c)
{
    if (c >= 0x80)
        return 0; /* counted per code point below */
    if (strchr("iljI.,:;'!|", c))
        return 3.2;
    if (strchr("frt ()[]", c))
        return 4.4;
    if (strchr("mwMW", c))
        return 10.0;
    if (c >= 'A' && c <= 'Z')
        return 7.6;
    if (c >= '0' && c <= '9')
        return 7.0;
    if (c == '?' || c == '~')
        return 6.0;
    return 6.6;
}

static double text_width(const char *s)
{
    double w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x80)
            w += glyph_width(*p);
        else if ((*p & 0xC0) != 0x80)
            w += 8.0; /* a mark such as ✓ or ✗: one per lead byte */
    return w;
}

static void text(FILE *f, double x, double len, const char *s)
{
    /* a shadow one pixel below, then the text */
    fprintf(f,
            "<text x=\"%.1f\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\" textLength=\"%.1f\" "
            "lengthAdjust=\"spacing\">",
            x, len);
    trop_html(f, s, 0);
    fprintf(f, "</text>\n<text x=\"%.1f\" y=\"14\" textLength=\"%.1f\" lengthAdjust=\"spacing\">",
            x, len);
    trop_html(f, s, 0);
    fputs("</text>\n", f);
}

static void svg(FILE *f, const tro_report *r)
{
    char msg[TROP_BADGE_MESSAGE_MAX];
    const char *hex;
    trop_badge_message(r, msg);
    trop_badge_color(r, &hex);
    double lt = text_width(LABEL), mt = text_width(msg);
    double lw = lt + 2 * PAD, mw = mt + 2 * PAD, w = lw + mw;
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.1f\" height=\"20\" role=\"img\" "
            "aria-label=\"" LABEL ": %s\">\n<title>" LABEL ": %s</title>\n",
            w, msg, msg);
    fprintf(f,
            "<linearGradient id=\"tro-shine\" x2=\"0\" y2=\"100%%\"><stop offset=\"0\" "
            "stop-color=\"#bbb\" stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/>"
            "</linearGradient>\n"
            "<clipPath id=\"tro-round\"><rect width=\"%.1f\" height=\"20\" rx=\"3\" fill=\"#fff\"/>"
            "</clipPath>\n"
            "<g clip-path=\"url(#tro-round)\"><rect width=\"%.1f\" height=\"20\" fill=\"#555\"/>"
            "<rect x=\"%.1f\" width=\"%.1f\" height=\"20\" fill=\"%s\"/><rect width=\"%.1f\" "
            "height=\"20\" fill=\"url(#tro-shine)\"/></g>\n"
            "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,"
            "sans-serif\" font-size=\"11\">\n",
            w, lw, lw, mw, hex, w);
    text(f, lw / 2, lt, LABEL);
    text(f, lw + mw / 2, mt, msg);
    fputs("</g>\n</svg>\n", f);
}

int trop_report_badge_svg(const tro_report *r, unsigned flags, char **out, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    if (!f)
        return TRO_ENOMEM;
    svg(f, r);
    if ((ferror(f) | fclose(f)) || !buf) { /* a write failed, or the close */
        free(buf);
        return TRO_ENOMEM;
    }
    *out = buf;
    if (len)
        *len = n;
    return 0;
}

int trop_report_shields(const tro_report *r, unsigned flags, char **out, size_t *len)
{
    char msg[TROP_BADGE_MESSAGE_MAX];
    const char *hex;
    trop_badge_message(r, msg);
    trop_jw w = {.compact = (flags & TRO_RENDER_COMPACT) != 0};
    trop_jw_open(&w, '{');
    trop_jw_kint(&w, "schemaVersion", 1);
    trop_jw_kstr(&w, "label", LABEL);
    trop_jw_kstr(&w, "message", msg);
    trop_jw_kstr(&w, "color", trop_badge_color(r, &hex));
    trop_jw_close(&w, '}');
    return trop_jw_finish(&w, out, len);
}

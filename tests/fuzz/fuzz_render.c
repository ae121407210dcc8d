/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The formats people look at, on the report of an arbitrary card: the
 * input is a README.md, checked, then rendered as an HTML page, an HTML
 * fragment, Markdown, an SVG badge and shields JSON. Whatever the card
 * holds, the output must be valid UTF-8 without the characters that
 * reorder text, the HTML's every tag must be one the writer writes and its
 * every link http(s) or one of its own anchors, and the Markdown's only
 * HTML the writer's own, with every table row as many cells as its
 * header: a difference is a crash. */
#include "fuzz.h"

#include <string.h>
#include <strings.h>

/* Tags the HTML writer writes (opening or closing). */
static const char *const html_tags[] = {
    "!DOCTYPE", "html",   "head",    "meta",    "title", "style", "body",    "div",
    "header",   "footer", "section", "article", "h1",    "h2",    "h3",      "p",
    "span",     "b",      "br",      "ul",      "ol",    "li",    "a",       "table",
    "thead",    "tbody",  "tr",      "th",      "td",    "code",  "details", "summary",
    "progress", "svg",    "g",       "rect",    "text",  "path",
};

static const char *const md_tags[] = {"details", "summary", "sub"};

static bool known_tag(const char *p, const char *const *tags, size_t n)
{
    p += p[1] == '/' ? 2 : 1;
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(tags[i]);
        if (!strncmp(p, tags[i], k) && (p[k] == '>' || p[k] == ' ' || p[k] == '\n' || p[k] == '/'))
            return true;
    }
    return false;
}

static void plain_text(const char *s, size_t n)
{
    if (!trop_utf8_valid(s, n))
        abort();
    /* U+202A-U+202E and U+2066-U+2069: bidirectional overrides, isolates */
    for (const char *p = s; (p = memchr(p, 0xE2, (size_t)(s + n - p))) != NULL; p++)
        if ((unsigned char)p[1] == 0x80 && (unsigned char)p[2] >= 0xAA &&
            (unsigned char)p[2] <= 0xAE)
            abort();
        else if ((unsigned char)p[1] == 0x81 && (unsigned char)p[2] >= 0xA6 &&
                 (unsigned char)p[2] <= 0xA9)
            abort();
}

static void html_ok(const char *s, size_t n)
{
    plain_text(s, n);
    for (const char *p = s; (p = strchr(p, '<')) != NULL; p++)
        if (!known_tag(p, html_tags, sizeof html_tags / sizeof html_tags[0]))
            abort();
    for (const char *p = s; (p = strstr(p, "href=\"")) != NULL; p++)
        if (strncmp(p + 6, "#tro-", 5) && strncasecmp(p + 6, "http://", 7) &&
            strncasecmp(p + 6, "https://", 8))
            abort();
}

static size_t pipes(const char *line, const char *end)
{
    size_t n = 0;
    for (; line < end; line++)
        n += *line == '|';
    return n;
}

static void markdown_ok(const char *s, size_t n)
{
    plain_text(s, n);
    for (const char *p = s; (p = strchr(p, '<')) != NULL; p++)
        if (!known_tag(p, md_tags, sizeof md_tags / sizeof md_tags[0]))
            abort();
    size_t header = 0; /* pipes of the table's first row; 0 outside a table */
    for (const char *line = s; *line;) {
        const char *end = strchr(line, '\n');
        end = end ? end : line + strlen(line);
        if (*line != '|')
            header = 0;
        else if (!header)
            header = pipes(line, end);
        else if (pipes(line, end) != header)
            abort();
        line = *end ? end + 1 : end;
    }
}

static void render(const tro_report *r, tro_format format, unsigned flags)
{
    tro_render_options o = TRO_RENDER_OPTIONS_INIT;
    char *out = NULL;
    size_t len = 0;
    o.format = format;
    o.flags = flags;
    int rc = tro_report_render(r, &o, &out, &len);
    if (rc == TRO_ENOMEM)
        return;
    if (rc || strlen(out) != len)
        abort();
    if (format == TRO_FORMAT_HTML)
        html_ok(out, len);
    else if (format == TRO_FORMAT_MARKDOWN)
        markdown_ok(out, len);
    else
        plain_text(out, len);
    tro_free(out);
}

TROF_ENTRY(render)
{
    tro_ctx *ctx;
    tro_release *rel = NULL;
    tro_report *rep = NULL;
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    o.threads = 1;
    if (tro_ctx_new(&ctx, &o, NULL))
        return 0;
    if (tro_release_new(&rel, ctx, "fuzz/<release>") == 0 &&
        tro_release_add_buffer(rel, "README.md", data, size) == 0 &&
        tro_check(ctx, rel, NULL, &rep, NULL) == 0) {
        render(rep, TRO_FORMAT_HTML, 0);
        render(rep, TRO_FORMAT_HTML, TRO_RENDER_FRAGMENT | TRO_RENDER_NO_ARTIFACTS);
        render(rep, TRO_FORMAT_MARKDOWN, 0);
        render(rep, TRO_FORMAT_BADGE_SVG, 0);
        render(rep, TRO_FORMAT_SHIELDS, 0);
    }
    tro_report_free(rep);
    tro_release_free(rel);
    tro_ctx_free(ctx);
    return 0;
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Private to lib/report: writing the release's strings into the formats
 * people open in a browser or a pull request (HTML and the XML of SVG,
 * GitHub-flavoured Markdown), so that whatever a card holds is shown as
 * text and never becomes markup, a script, a style or a link.
 *
 * Every writer passes each string that comes from the release (names,
 * paths, licence statements, messages, URLs) through these functions; only
 * the writers' own constant markup is written as is.
 */
#ifndef TROP_ESCAPE_H
#define TROP_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* s as HTML or XML text, safe in element content and in a quoted attribute
 * value: & < > " ' become references; control characters, C1 controls,
 * bidirectional overrides and noncharacters become U+FFFD, so the text can
 * neither break the markup nor reorder what is shown around it (XML 1.0
 * allows none of them either). At most max code points are written, then
 * an ellipsis (max 0: no limit). s NULL writes nothing. */
void trop_html(FILE *f, const char *s, size_t max);

/* Whether url may become a link: http:// or https:// (any case) followed
 * by a host, with no space or control character anywhere. Every other
 * scheme (javascript:, data:, vbscript:, file:...) is shown as text. */
bool trop_url_is_web(const char *url);

/* s as inline GitHub-flavoured Markdown text, safe inside a paragraph, a
 * list item or a table cell: characters that could open markup are
 * escaped, those Python-Markdown also unescapes with a backslash (\ ` * _
 * [ ] # and a leading + - or ordered-list number), the others (& < > | ~
 * $ and a leading =) as character references, which every CommonMark
 * parser shows as the character itself; line breaks and control
 * characters become spaces; an @ before a name gets a zero-width space so
 * that it mentions no one. At most max code points, then an ellipsis
 * (0: no limit). */
void trop_md(FILE *f, const char *s, size_t max);

#endif

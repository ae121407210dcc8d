/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Escaping for the HTML, SVG and Markdown writers (escape.h). One pass per
 * string over its code points: each is written as is, as a character
 * reference, or replaced, by the rules of the target format. Nothing here
 * allocates; the writers write into a memory stream.
 */
#include "escape.h"

#include <string.h>
#include <strings.h>

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */
#define ELLIPSIS "\xE2\x80\xA6"    /* U+2026 */
#define ZWSP "\xE2\x80\x8B"        /* U+200B */

/* The code point at s (NUL-terminated) and its length in *len; U+FFFD
 * with length 1 for a byte that does not start a valid sequence. The
 * report's texts are valid UTF-8; this only keeps a bad byte from going
 * out unchanged. */
static unsigned next_cp(const unsigned char *s, size_t *len)
{
    unsigned c = s[0], cp, min;
    size_t n;
    *len = 1;
    if (c < 0x80)
        return c;
    if ((c & 0xE0) == 0xC0)
        n = 2, cp = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0)
        n = 3, cp = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0)
        n = 4, cp = c & 0x07, min = 0x10000;
    else
        return 0xFFFD;
    for (size_t k = 1; k < n; k++) { /* a NUL ends the loop: it is no continuation */
        if ((s[k] & 0xC0) != 0x80)
            return 0xFFFD;
        cp = (cp << 6) | (s[k] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0xFFFD;
    *len = n;
    return cp;
}

/* Code points a report never shows as they are: controls (C0 but tab and
 * line breaks, DEL, C1), the marks and overrides that reorder text around
 * them (bidirectional "Trojan source" tricks), and noncharacters, which
 * XML does not allow. */
static bool hidden(unsigned cp)
{
    if (cp < 0x20)
        return cp != '\t' && cp != '\n' && cp != '\r';
    return (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
           (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE ||
           cp == 0xFFFD; /* also what next_cp() makes of a bad byte */
}

void trop_html(FILE *f, const char *str, size_t max)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t shown = 0, len;
    if (!s)
        return;
    for (; *s; s += len, shown++) {
        unsigned cp = next_cp(s, &len);
        if (max && shown == max) {
            fputs(ELLIPSIS, f);
            return;
        }
        switch (cp) {
        case '&':
            fputs("&amp;", f);
            continue;
        case '<':
            fputs("&lt;", f);
            continue;
        case '>':
            fputs("&gt;", f);
            continue;
        case '"':
            fputs("&quot;", f);
            continue;
        case '\'':
            fputs("&#39;", f);
            continue;
        default:
            break;
        }
        if (hidden(cp))
            fputs(REPLACEMENT, f);
        else
            fwrite(s, 1, len, f);
    }
}

bool trop_url_is_web(const char *url)
{
    size_t skip;
    if (!url)
        return false;
    if (!strncasecmp(url, "https://", 8))
        skip = 8;
    else if (!strncasecmp(url, "http://", 7))
        skip = 7;
    else
        return false;
    if (!url[skip] || url[skip] == '/')
        return false; /* no host */
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p <= 0x20 || *p == 0x7F)
            return false;
    return true;
}

/* The reference that stands for an ASCII character that could open
 * Markdown (or GitHub's) markup anywhere in a line, or NULL. */
static const char *md_ref(unsigned cp)
{
    switch (cp) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '|':
        return "&#124;"; /* a table's cell separator */
    /* backslash escapes, which Python-Markdown also knows */
    case '\\':
        return "\\\\";
    case '`':
        return "\\`";
    case '*':
        return "\\*";
    case '_':
        return "\\_";
    case '[':
        return "\\[";
    case ']':
        return "\\]";
    case '#':
        return "\\#";
    case '~':
        return "&#126;"; /* strikethrough */
    case '$':
        return "&#36;"; /* maths */
    default:
        return NULL;
    }
}

static bool is_name_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* How many bytes of a leading "12." or "3)" are digits, when s starts an
 * ordered-list marker; else 0. */
static size_t list_number(const unsigned char *s)
{
    size_t n = 0;
    while (s[n] >= '0' && s[n] <= '9')
        n++;
    return n && (s[n] == '.' || s[n] == ')') ? n : 0;
}

void trop_md(FILE *f, const char *str, size_t max)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t shown = 0, len;
    if (!s)
        return;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++; /* leading blanks could make a code block or end a cell */
    /* markers that open a block only at the start of the text */
    if (*s == '+' || *s == '-') {
        fprintf(f, "\\%c", *s++);
        shown++;
    } else if (*s == '=') {
        fputs("&#61;", f);
        s++;
        shown++;
    } else if (list_number(s)) {
        size_t n = list_number(s);
        fwrite(s, 1, n, f);
        fprintf(f, "\\%c", s[n]);
        s += n + 1;
        shown += n + 1;
    }
    for (; *s; s += len, shown++) {
        unsigned cp = next_cp(s, &len);
        if (max && shown >= max) {
            fputs(ELLIPSIS, f);
            return;
        }
        const char *ref = md_ref(cp);
        if (ref)
            fputs(ref, f);
        else if (cp < 0x20 || cp == 0x7F)
            fputc(' ', f); /* a line break would end the paragraph or the row */
        else if (hidden(cp))
            fputs(REPLACEMENT, f);
        else if (cp == '@' && is_name_char(s[1]))
            fputs("@" ZWSP, f);
        else
            fwrite(s, 1, len, f);
    }
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The two escapings of lib/core/escape.c on arbitrary bytes. As a file
 * name: its path is UTF-8, is one trop_path_escape() writes, and gives the
 * name back. As a path: one that is canonical survives a round trip. For
 * display: nothing a terminal acts on is left. Aborts when one fails. */
#include "fuzz.h"

#include <string.h>

static void check_name(const char *raw, size_t n)
{
    char *path = trop_path_escape(raw, n);
    if (!path)
        return;
    size_t len, plen = strlen(path);
    char *back = trop_path_unescape(path, plen, &len);
    if (!trop_utf8_valid(path, plen) || trop_path_canonical(path, plen) == 0 ||
        (back && (len != n || memcmp(back, raw, n) != 0)))
        abort();
    free(back);
    free(path);
}

static void check_path(const char *text, size_t n)
{
    if (!trop_utf8_valid(text, n) || trop_path_canonical(text, n) != 1)
        return;
    size_t len;
    char *raw = trop_path_unescape(text, n, &len);
    char *again = raw ? trop_path_escape(raw, len) : NULL;
    if (again && (strlen(again) != n || memcmp(again, text, n) != 0))
        abort();
    free(again);
    free(raw);
}

static bool shown_raw(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 0x20 || s[i] == 0x7f)
            return true;
        if (i + 1 < n && s[i] == 0xc2 && s[i + 1] >= 0x80 && s[i + 1] <= 0x9f)
            return true;
        if (i + 1 < n && s[i] == 0xd8 && s[i + 1] == 0x9c)
            return true;
        if (i + 2 < n && s[i] == 0xe2 && s[i + 1] == 0x80 &&
            (s[i + 2] == 0x8e || s[i + 2] == 0x8f || (s[i + 2] >= 0xa8 && s[i + 2] <= 0xae)))
            return true;
        if (i + 2 < n && s[i] == 0xe2 && s[i + 1] == 0x81 && s[i + 2] >= 0xa6 && s[i + 2] <= 0xa9)
            return true;
    }
    return false;
}

static void check_display(const char *text)
{
    char *buf;
    const char *shown = trop_text_display(text, &buf);
    if (shown) {
        size_t n = strlen(shown);
        if (!trop_utf8_valid(shown, n) || shown_raw((const unsigned char *)shown, n))
            abort();
    }
    free(buf);
}

TROF_ENTRY(escape)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    size_t n = strlen(text); /* names and C strings end at a NUL */
    check_name(text, n);
    check_path(text, n);
    check_display(text);
    free(text);
    return 0;
}

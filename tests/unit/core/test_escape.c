/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* lib/core/escape.c: file names to paths and back, paths a manifest may
 * hold, and text made safe to display (each class of character). */
#include "internal.h"
#include "test.h"

static const struct {
    const char *name, *path;
} paths[] = {
    {"README.md", "README.md"},
    {"caf\xc3\xa9/\xe2\x82\xac", "caf\xc3\xa9/\xe2\x82\xac"},
    {"bad\xff.txt", "bad\\xff.txt"},
    {"\xfe\x80", "\\xfe\\x80"},
    {"\xc0\xaf", "\\xc0\\xaf"},             /* an overlong '/' */
    {"\xed\xa0\x80", "\\xed\\xa0\\x80"},     /* a surrogate */
    {"\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80"}, /* above U+10FFFF */
    {"back\\slash", "back\\slash"},          /* a backslash before 's' stands for itself */
    {"lit\\xff", "lit\\\\xff"},              /* before 'x': doubled */
    {"two\\\\", "two\\\\\\"},                /* before another: doubled; last: itself */
    {"a\\\xff", "a\\\\\\xff"},               /* before an escaped byte: doubled */
    {"trail\\", "trail\\"},
    {"ctl\x01\x1b", "ctl\x01\x1b"},         /* controls are UTF-8: JSON escapes them */
};

static const struct {
    const char *path;
    int canonical;
} stray[] = {
    {"a\\x41", 0}, {"a\\xFF", 0}, {"a\\x00", 0}, {"a\\\\b", 0}, {"a\\\\", 0},
    {"a\\xff", 1}, {"a\\b", 1},   {"a\\", 1},    {"a\\\\x", 1},
};

static const struct {
    const char *text, *shown;
} display[] = {
    {"plain text", NULL},
    {"caf\xc3\xa9 \\ ok", NULL},
    {"esc\x1b[2J", "esc\\x1b[2J"},
    {"osc\x1b]0;t\x07", "osc\\x1b]0;t\\x07"},
    {"cr\rx", "cr\\rx"},
    {"bel\x07", "bel\\x07"},
    {"nl\nerror fake-finding: x", "nl\\nerror fake-finding: x"},
    {"tab\t", "tab\\t"},
    {"del\x7f", "del\\x7f"},
    {"c1\xc2\x9b", "c1\\u009b"},
    {"c1\xc2\x85", "c1\\u0085"},
    {"rlo\xe2\x80\xae", "rlo\\u202e"},
    {"lre\xe2\x80\xaa", "lre\\u202a"},
    {"lri\xe2\x81\xa6", "lri\\u2066"},
    {"pdi\xe2\x81\xa9", "pdi\\u2069"},
    {"rlm\xe2\x80\x8f", "rlm\\u200f"},
    {"alm\xd8\x9c", "alm\\u061c"},
    {"ls\xe2\x80\xa8", "ls\\u2028"},
    {"bad\xff", "bad\\xff"},
    {"\xe2\x80", "\\xe2\\x80"}, /* cut short */
};

TRO_TEST(escape)
{
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        const char *name = paths[i].name;
        char *p = trop_path_escape(name, strlen(name));
        CHECK_STR(p, paths[i].path);
        size_t len;
        char *back = trop_path_unescape(p, strlen(p), &len);
        CHECK_INT(len, strlen(name));
        CHECK_STR(back, name);
        CHECK_INT(trop_path_canonical(p, strlen(p)), 1);
        free(back);
        free(p);
    }
    for (size_t i = 0; i < sizeof stray / sizeof *stray; i++) {
        const char *p = stray[i].path;
        int got = trop_path_canonical(p, strlen(p));
        if (got != stray[i].canonical)
            fprintf(stderr, "  canonical(%s)\n", p);
        CHECK_INT(got, stray[i].canonical);
    }
    for (size_t i = 0; i < sizeof display / sizeof *display; i++) {
        char *buf, *pub;
        const char *shown = trop_text_display(display[i].text, &buf);
        CHECK_STR(shown, display[i].shown ? display[i].shown : display[i].text);
        CHECK(display[i].shown ? buf != NULL : buf == NULL); /* no copy when unchanged */
        CHECK_INT(tro_text_escape(display[i].text, &pub), 0);
        CHECK_STR(pub, shown);
        tro_free(pub);
        free(buf);
    }
    char *out = (char *)1;
    CHECK_INT(tro_text_escape(NULL, &out), TRO_EINVAL);
    CHECK(out == NULL);
    CHECK_INT(tro_text_escape("x", NULL), TRO_EINVAL);
}

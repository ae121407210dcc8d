/* Reading and writing the library's JSON texts without parsing them into a
 * tree: jansson's loader aborts (an assert in its string lexer) when an
 * allocation fails while it reads a string with escapes, so the metadata
 * the library hands over as compact JSON is walked as text instead, and
 * the documents written from it are assembled as text. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"

/* The byte after the JSON value that starts at s (compact and well-formed:
 * the library wrote it). */
static const char *value_end(const char *s)
{
    if (*s == '"') {
        for (s++; *s && *s != '"'; s++)
            if (*s == '\\' && s[1])
                s++;
        return *s ? s + 1 : s;
    }
    if (*s == '{' || *s == '[') {
        int depth = 0;
        bool in_str = false;
        for (; *s; s++) {
            if (in_str) {
                if (*s == '\\' && s[1])
                    s++;
                else if (*s == '"')
                    in_str = false;
            } else if (*s == '"') {
                in_str = true;
            } else if (*s == '{' || *s == '[') {
                depth++;
            } else if ((*s == '}' || *s == ']') && --depth == 0) {
                return s + 1;
            }
        }
        return s;
    }
    while (*s && *s != ',' && *s != '}' && *s != ']') /* number, true, false, null */
        s++;
    return s;
}

int trc_json_members(const char *object, trc_member_fn fn, void *userdata)
{
    const char *s = object;
    if (*s++ != '{')
        return -1;
    while (*s == '"') {
        const char *key = s + 1, *key_end = value_end(s) - 1;
        if (*key_end != '"' || key_end[1] != ':')
            return -1;
        const char *v = key_end + 2, *v_end = value_end(v);
        if (fn(key, (size_t)(key_end - key), v, (size_t)(v_end - v), userdata))
            return -1;
        s = v_end;
        if (*s == ',')
            s++;
    }
    return *s == '}' ? 0 : -1;
}

static void newline(FILE *f, int depth)
{
    fputc('\n', f);
    for (int i = 0; i < depth; i++)
        fputs("  ", f);
}

void trc_json_indent(FILE *f, const char *s, size_t n, int depth)
{
    bool in_str = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (in_str) {
            fputc(c, f);
            if (c == '\\' && i + 1 < n)
                fputc(s[++i], f);
            else if (c == '"')
                in_str = false;
            continue;
        }
        bool empty = (c == '{' || c == '[') && i + 1 < n && (s[i + 1] == '}' || s[i + 1] == ']');
        if (empty) { /* "{}" and "[]" stay on their line */
            fputc(c, f);
            fputc(s[++i], f);
        } else if (c == '{' || c == '[') {
            fputc(c, f);
            newline(f, ++depth);
        } else if (c == '}' || c == ']') {
            newline(f, --depth);
            fputc(c, f);
        } else if (c == ',') {
            fputc(c, f);
            newline(f, depth);
        } else if (c == ':') {
            fputs(": ", f);
        } else {
            in_str = c == '"';
            fputc(c, f);
        }
    }
}

void trc_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        static const char esc[] = "btn?fr";
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c >= '\b' && c <= '\r' && c != '\v')
            fprintf(f, "\\%c", esc[c - '\b']);
        else if (c < 0x20)
            fprintf(f, "\\u%04X", c); /* as jansson writes it */
        else
            fputc(c, f);
    }
    fputc('"', f);
}

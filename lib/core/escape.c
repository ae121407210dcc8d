/*
 * Two escapings of text taken from outside.
 *
 * Paths (trop_path_escape): a file name is any bytes, an artifact path is
 * UTF-8 (it goes into JSON manifests and reports). A byte that is not part
 * of valid UTF-8 is written \xHH (two lowercase hex digits); a backslash is
 * doubled only where it would otherwise read as the start of an escape
 * (before "x", before another backslash or before an escaped byte). Every
 * other character stands for itself, so every name that is UTF-8 keeps the
 * path it always had, and the escaping is reversible: trop_path_unescape()
 * gives the bytes back, and trop_path_canonical() tells a path this
 * escaping could have written from one it could not (manifests are checked
 * with it).
 *
 * Display (tro_text_escape): what a terminal or a log line must not receive
 * raw. Control characters (C0, DEL, C1), the bidirectional controls that
 * reorder what is shown (U+061C, U+200E, U+200F, U+202A-U+202E,
 * U+2066-U+2069) and the line and paragraph separators (U+2028, U+2029)
 * are written \t, \n, \r, \xHH or \uHHHH, and bytes that are not UTF-8
 * \xHH, so a hostile name can neither move the cursor, rewrite what was
 * printed, start a line that looks like one of ours nor reverse the text
 * around it, as git quotes paths.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static const char hexdig[] = "0123456789abcdef";

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* ---- Paths -------------------------------------------------------------- */

/* Whether the text that encodes s[i..n) starts with '\' or 'x'. */
static bool escape_follows(const char *s, size_t i, size_t n)
{
    uint32_t cp;
    if (i >= n)
        return false;
    return s[i] == '\\' || s[i] == 'x' || trop_utf8_decode(s + i, n - i, &cp) == 0;
}

char *trop_path_escape(const char *s, size_t n)
{
    size_t o = 0;
    if (n > (SIZE_MAX - 1) / 4)
        return NULL;
    char *out = malloc(4 * n + 1); /* an escaped byte takes four */
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = trop_utf8_decode(s + i, n - i, &cp);
        if (!k) {
            unsigned char c = (unsigned char)s[i++];
            out[o++] = '\\';
            out[o++] = 'x';
            out[o++] = hexdig[c >> 4];
            out[o++] = hexdig[c & 15];
            continue;
        }
        if (s[i] == '\\' && escape_follows(s, i + 1, n))
            out[o++] = '\\';
        memcpy(out + o, s + i, k);
        o += k;
        i += k;
    }
    out[o] = '\0';
    return out;
}

/* Decodes the escape at s[i] ('\'): the byte it stands for and its length,
 * or 0 when the backslash stands for itself. */
static size_t unescape_at(const char *s, size_t i, size_t n, unsigned char *byte)
{
    if (i + 1 < n && s[i + 1] == '\\') {
        *byte = '\\';
        return 2;
    }
    if (i + 3 < n && s[i + 1] == 'x' && hexval(s[i + 2]) >= 0 && hexval(s[i + 3]) >= 0) {
        *byte = (unsigned char)(hexval(s[i + 2]) << 4 | hexval(s[i + 3]));
        return 4;
    }
    *byte = '\\';
    return 0;
}

char *trop_path_unescape(const char *s, size_t n, size_t *len)
{
    char *out = malloc(n + 1);
    size_t o = 0;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        unsigned char b;
        size_t k = s[i] == '\\' ? unescape_at(s, i, n, &b) : 0;
        out[o++] = k ? (char)b : s[i];
        i += k ? k : 1;
    }
    out[o] = '\0';
    if (len)
        *len = o;
    return out;
}

int trop_path_canonical(const char *s, size_t n)
{
    size_t raw_len;
    char *raw = trop_path_unescape(s, n, &raw_len);
    if (!raw)
        return TRO_ENOMEM;
    /* a raw NUL cannot be a file name, so it has no path */
    char *again = memchr(raw, '\0', raw_len) ? NULL : trop_path_escape(raw, raw_len);
    int same = again && strlen(again) == n && memcmp(again, s, n) == 0;
    bool nomem = !again && !memchr(raw, '\0', raw_len);
    free(again);
    free(raw);
    return nomem ? TRO_ENOMEM : same;
}

/* ---- Display ------------------------------------------------------------ */

static bool hidden(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E ||
           cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0x2028 || cp == 0x2029;
}

/* Bytes the escaped form of s[0..n) takes (without the NUL), and whether
 * anything changes. */
static size_t display_len(const char *s, size_t n, bool *changed)
{
    size_t len = 0;
    *changed = false;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = trop_utf8_decode(s + i, n - i, &cp);
        if (k && !hidden(cp)) {
            len += k;
            i += k;
            continue;
        }
        *changed = true;
        len += !k || cp < 0x80 ? (cp == '\t' || cp == '\n' || cp == '\r' ? 2 : 4) : 6;
        i += k ? k : 1;
    }
    return len;
}

static size_t put_display(char *out, const char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = trop_utf8_decode(s + i, n - i, &cp);
        if (k && !hidden(cp)) {
            memcpy(out + o, s + i, k);
            o += k;
            i += k;
            continue;
        }
        out[o++] = '\\';
        if (k && (cp == '\t' || cp == '\n' || cp == '\r')) {
            out[o++] = cp == '\t' ? 't' : cp == '\n' ? 'n' : 'r';
        } else if (!k || cp < 0x80) {
            unsigned char c = (unsigned char)s[i];
            out[o++] = 'x';
            out[o++] = hexdig[c >> 4];
            out[o++] = hexdig[c & 15];
        } else {
            out[o++] = 'u';
            for (int sh = 12; sh >= 0; sh -= 4)
                out[o++] = hexdig[(cp >> sh) & 15];
        }
        i += k ? k : 1;
    }
    return o;
}

const char *trop_text_display(const char *s, char **buf)
{
    *buf = NULL;
    if (!s)
        return "";
    size_t n = strlen(s);
    bool changed;
    size_t len = display_len(s, n, &changed);
    if (!changed)
        return s;
    if (!(*buf = malloc(len + 1)))
        return NULL;
    (*buf)[put_display(*buf, s, n)] = '\0';
    return *buf;
}

int tro_text_escape(const char *text, char **out)
{
    if (out)
        *out = NULL;
    if (!text || !out)
        return TRO_EINVAL;
    char *buf;
    const char *s = trop_text_display(text, &buf);
    if (!s)
        return TRO_ENOMEM;
    if (!buf && !(buf = trop_strdup(s)))
        return TRO_ENOMEM;
    *out = buf;
    return TRO_OK;
}

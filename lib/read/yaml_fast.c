/*
 * A fast path for the plain block YAML that card front matter and MOF files
 * nearly always are: block mappings and sequences indented with spaces,
 * "key: value" and "- item" lines (also "- key: value"), plain and quoted
 * one-line scalars, one-line flow sequences of scalars, {} and comments.
 *
 * It reads the text once, emits the events libyaml would emit (same values,
 * styles and start positions) and declines (TROP_YAML_DECLINED) anything
 * else: tabs, anchors, aliases, tags, block scalars, multi-line scalars,
 * escapes in double quotes, flow mappings, complex keys, directives,
 * document markers, a BOM, characters libyaml treats specially. Declined text
 * goes to libyaml, so errors always come from libyaml. Tests and the
 * fuzz_yaml harness check that both agree on everything this path accepts.
 * Why: libyaml costs a 64 KiB buffer set-up and per-token allocations that
 * dominated reading a typical model card.
 */
#include "yaml_event.h"

#include <stdlib.h>
#include <string.h>

#define DECLINE TROP_YAML_DECLINED
#define MAX_NEST 128
#define MAX_KEY 1000 /* libyaml refuses implicit keys over 1024 characters */

typedef struct level {
    size_t indent;
    bool seq;
    bool same_indent;      /* "key:\n- item": a sequence at its key's indent */
} level;

typedef struct fp {
    const char *s;
    size_t n;
    size_t ls, le;         /* the current line: start, end of content */
    size_t next;           /* where the next line starts */
    uint64_t line;
    size_t col_pos;        /* column cache for the current line */
    uint64_t col;
    trop_yev_fn emit;
    void *ud;
    level st[MAX_NEST];
    size_t depth;
    bool started;
    bool pending;          /* "key:" or "-" waiting for a nested block */
    bool pending_key;
    size_t pending_indent;
    trop_ymark pending_at; /* where its empty value would be */
    char **scratch;
    size_t *scratch_cap;
} fp;

/* ---- characters ---------------------------------------------------------- */

/* Code points libyaml rejects or treats as line breaks or BOMs. */
static bool special_cp(uint32_t cp)
{
    return (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF ||
           cp == 0xFFFE || cp == 0xFFFF;
}

/* Printable ASCII, "\r\n" line ends and valid UTF-8 without special code
 * points: anything else is libyaml's to judge. */
static bool plain_text(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c >= 0x20 && c < 0x7F) {
            i++;
            continue;
        }
        if (c == '\n' || (c == '\r' && i + 1 < n && s[i + 1] == '\n')) {
            i++;
            continue;
        }
        size_t len;
        uint32_t cp, min;
        if ((c & 0xE0) == 0xC0)
            len = 2, cp = c & 0x1F, min = 0x80;
        else if ((c & 0xF0) == 0xE0)
            len = 3, cp = c & 0x0F, min = 0x800;
        else if ((c & 0xF8) == 0xF0)
            len = 4, cp = c & 0x07, min = 0x10000;
        else
            return false;
        if (n - i < len)
            return false;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || special_cp(cp))
            return false;
        i += len;
    }
    return true;
}

/* Characters that may not start a plain scalar (or need care to). */
static bool indicator(unsigned char c)
{
    return strchr("-?:,[]{}#&*!|>'\"%@`", c) != NULL && c != '\0';
}

/* ---- events -------------------------------------------------------------- */

static trop_ymark mark(fp *f, size_t pos)
{
    if (f->col_pos < f->ls || f->col_pos > pos) {
        f->col_pos = f->ls;
        f->col = 0;
    }
    for (; f->col_pos < pos; f->col_pos++)
        f->col += ((unsigned char)f->s[f->col_pos] & 0xC0) != 0x80;
    trop_ymark m = {pos, f->line, f->col};
    return m;
}

static int ev(fp *f, trop_yev_type type, size_t pos)
{
    trop_yev e;
    memset(&e, 0, sizeof e);
    e.type = type;
    e.start = mark(f, pos);
    return f->emit(f->ud, &e);
}

static int scalar_at(fp *f, trop_ymark at, const char *v, size_t len, bool plain, bool stable)
{
    trop_yev e;
    memset(&e, 0, sizeof e);
    e.type = TROP_YEV_SCALAR;
    e.value = v;
    e.length = len;
    e.plain = plain;
    e.stable = stable;
    e.start = at;
    return f->emit(f->ud, &e);
}

static int scalar(fp *f, size_t pos, const char *v, size_t len, bool plain, bool stable)
{
    return scalar_at(f, mark(f, pos), v, len, plain, stable);
}

/* "key:" or "-" with nothing after it yet: a nested block may follow. */
static void set_pending(fp *f, bool key, size_t indent, size_t after)
{
    f->pending = true;
    f->pending_key = key;
    f->pending_indent = indent;
    f->pending_at = mark(f, after);
}

/* ---- scalars ------------------------------------------------------------- */

/* Length of the escape at s[k] == '\\' in a double-quoted scalar (0 for
 * escapes left to libyaml: unknown ones, surrogates, line continuations). */
static size_t escape_len(const fp *f, size_t k)
{
    static const char simple[] = "0abtnvfre \"/\\N_LP";
    if (k + 1 >= f->le)
        return 0;
    char c = f->s[k + 1];
    if (strchr(simple, c))
        return 2;
    size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
    if (!digits || f->le - k < 2 + digits)
        return 0;
    uint32_t cp = 0;
    for (size_t i = 0; i < digits; i++) {
        char h = f->s[k + 2 + i];
        int d = h >= '0' && h <= '9' ? h - '0' : (h | 0x20) >= 'a' && (h | 0x20) <= 'f'
                                                     ? (h | 0x20) - 'a' + 10 : -1;
        if (d < 0)
            return 0;
        cp = cp << 4 | (uint32_t)d;
    }
    return (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF ? 0 : 2 + digits;
}

/* A quoted scalar at s[q] (a quote) ending on this line: sets *end past the
 * closing quote and *escaped when it holds escapes ('' or backslashes). */
static int quoted(fp *f, size_t q, size_t *end, bool *escaped)
{
    const char *s = f->s;
    char quote = s[q];
    *escaped = false;
    for (size_t k = q + 1; k < f->le; k++) {
        if (quote == '"' && s[k] == '\\') {
            size_t n = escape_len(f, k);
            if (!n)
                return DECLINE;
            *escaped = true;
            k += n - 1;
            continue;
        }
        if (s[k] != quote)
            continue;
        if (quote == '\'' && k + 1 < f->le && s[k + 1] == '\'') {
            *escaped = true;
            k++;
            continue;
        }
        *end = k + 1;
        return 0;
    }
    *end = 0; /* continues on the next line (see multi_quoted) */
    return DECLINE;
}

/* Room for n more bytes in the scratch buffer after o. */
static int reserve(fp *f, size_t o, size_t n)
{
    if (*f->scratch && o <= *f->scratch_cap && *f->scratch_cap - o >= n)
        return 0;
    size_t cap = *f->scratch_cap ? *f->scratch_cap : 256;
    while (cap - o < n) {
        if (cap > SIZE_MAX / 2)
            return TRO_ENOMEM;
        cap *= 2;
    }
    char *p = realloc(*f->scratch, cap);
    if (!p)
        return TRO_ENOMEM;
    *f->scratch = p;
    *f->scratch_cap = cap;
    return 0;
}

static size_t put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* The code point an escape (checked by escape_len) stands for. */
static uint32_t escape_cp(const char *e, size_t n)
{
    static const char from[] = "0abtnvfre \"/\\N_LP";
    static const uint32_t to[] = {0, 7, 8, 9, 10, 11, 12, 13, 27, ' ', '"', '/', '\\',
                                  0x85, 0xA0, 0x2028, 0x2029};
    if (n == 2)
        return to[strchr(from, e[1]) - from];
    uint32_t cp = 0;
    for (size_t i = 2; i < n; i++)
        cp = cp << 4 | (uint32_t)(e[i] <= '9' ? e[i] - '0' : (e[i] | 0x20) - 'a' + 10);
    return cp;
}

static int emit_quoted(fp *f, size_t q, size_t end, bool escaped)
{
    const char *v = f->s + q + 1;
    size_t len = end - q - 2, o = 0;
    if (!escaped)
        return scalar(f, q, v, len, false, true);
    /* an escape never grows more than 3 bytes for 2 */
    if (len > SIZE_MAX / 2 || reserve(f, 0, len * 2))
        return TRO_ENOMEM;
    char *out = *f->scratch;
    for (size_t i = 0; i < len; i++) {
        if (f->s[q] == '\'') {
            out[o++] = v[i];
            i += v[i] == '\'';
        } else if (v[i] == '\\') {
            size_t n = escape_len(f, q + 1 + i);
            o += put_utf8(out + o, escape_cp(v + i, n));
            i += n - 1;
        } else {
            out[o++] = v[i];
        }
    }
    return scalar(f, q, out, o, false, false);
}

static size_t skip_spaces(const fp *f, size_t k)
{
    while (k < f->le && f->s[k] == ' ')
        k++;
    return k;
}

/* Nothing but spaces and a comment may follow a value. */
static bool rest_empty(const fp *f, size_t k)
{
    size_t e = skip_spaces(f, k);
    return e == f->le || (f->s[e] == '#' && e > k);
}

/* A plain scalar may start with '-' only as a number ("-1", "-.5"). */
static bool plain_start(const fp *f, size_t v)
{
    unsigned char c = (unsigned char)f->s[v];
    if (!indicator(c))
        return true;
    return c == '-' && v + 1 < f->le &&
           ((f->s[v + 1] >= '0' && f->s[v + 1] <= '9') || f->s[v + 1] == '.');
}

/* "[a, 'b', c]" on one line. */
static int flow_seq(fp *f, size_t v)
{
    const char *s = f->s;
    int rc = ev(f, TROP_YEV_SEQ_START, v);
    size_t k = skip_spaces(f, v + 1);
    bool first = true;
    while (!rc) {
        if (k >= f->le)
            return DECLINE;
        if (s[k] == ']' && first)
            break;
        if (s[k] == '\'' || s[k] == '"') {
            size_t e;
            bool esc;
            if ((rc = quoted(f, k, &e, &esc)) || (rc = emit_quoted(f, k, e, esc)))
                return rc;
            k = e;
        } else {
            if (!plain_start(f, k))
                return DECLINE;
            size_t e = k;
            while (e < f->le && s[e] != ',' && s[e] != ']') {
                if (strchr("[]{}#:", s[e]))
                    return DECLINE;
                e++;
            }
            size_t t = e;
            while (t > k && s[t - 1] == ' ')
                t--;
            if ((rc = scalar(f, k, s + k, t - k, true, true)))
                return rc;
            k = e;
        }
        first = false;
        k = skip_spaces(f, k);
        if (k < f->le && s[k] == ',') {
            k = skip_spaces(f, k + 1);
            if (k < f->le && s[k] == ']')
                return DECLINE; /* a trailing comma */
            continue;
        }
        if (k >= f->le || s[k] != ']')
            return DECLINE;
        break;
    }
    if (rc || !rest_empty(f, k + 1))
        return rc ? rc : DECLINE;
    return ev(f, TROP_YEV_SEQ_END, k);
}

/* ---- block scalars ("|", ">-", "|+") -------------------------------------- */

/* Spaces at s[pos] (at most max), and whether a line break follows them;
 * *after is where the next line starts. */
static size_t spaces_then(const fp *f, size_t pos, size_t max, bool *brk, size_t *after)
{
    size_t k = pos;
    while (k < f->n && f->s[k] == ' ' && k - pos < max)
        k++;
    *brk = false;
    if (k < f->n && (f->s[k] == '\n' || f->s[k] == '\r')) {
        *brk = true;
        *after = k + (f->s[k] == '\r' ? 2 : 1);
    }
    return k - pos;
}

static int put(fp *f, size_t *o, const char *src, size_t n)
{
    if (!n)
        return 0;
    if (reserve(f, *o, n))
        return TRO_ENOMEM;
    memcpy(*f->scratch + *o, src, n);
    *o += n;
    return 0;
}

static int put_breaks(fp *f, size_t *o, size_t n)
{
    if (!n)
        return 0;
    if (reserve(f, *o, n))
        return TRO_ENOMEM;
    memset(*f->scratch + *o, '\n', n);
    *o += n;
    return 0;
}

/* The lines of a block scalar, folded or not, the way libyaml's
 * yaml_parser_scan_block_scalar joins them. */
typedef struct block {
    bool folded;
    int chomp;             /* -1 strip, 0 clip, 1 keep */
    size_t indent;
    size_t pos;            /* start of the line being read */
    uint64_t lines;        /* line breaks passed */
} block;

static int block_body(fp *f, block *b, size_t col, size_t trailing, size_t *len)
{
    bool leading_break = false, leading_blank = false, brk;
    size_t o = 0, after = 0;
    int rc = 0;
    while (!rc && col == b->indent && b->pos + col < f->n) {
        size_t p = b->pos + col;
        bool trailing_blank = f->s[p] == ' ';
        if (b->folded && leading_break && !leading_blank && !trailing_blank) {
            if (trailing == 0)
                rc = put(f, &o, " ", 1);
        } else if (leading_break) {
            rc = put_breaks(f, &o, 1);
        }
        leading_break = false;
        if (rc || (rc = put_breaks(f, &o, trailing)))
            break;
        trailing = 0;
        leading_blank = trailing_blank;
        const char *nl = memchr(f->s + p, '\n', f->n - p);
        size_t e = nl ? (size_t)(nl - f->s) : f->n;
        if ((rc = put(f, &o, f->s + p, e - p - (nl && e > p && f->s[e - 1] == '\r'))))
            break;
        b->pos = nl ? e + 1 : f->n;
        b->lines += nl != NULL;
        leading_break = nl != NULL;
        for (;;) { /* blank lines after it */
            col = spaces_then(f, b->pos, b->indent, &brk, &after);
            if (!brk)
                break;
            trailing++;
            b->lines++;
            b->pos = after;
        }
    }
    if (!rc && b->chomp >= 0 && leading_break)
        rc = put_breaks(f, &o, 1);
    if (!rc && b->chomp > 0)
        rc = put_breaks(f, &o, trailing);
    *len = o;
    return rc;
}

static int block_scalar(fp *f, size_t v)
{
    block b = {f->s[v] == '>', 0, 0, f->next, 0};
    size_t k = v + 1;
    if (k < f->le && (f->s[k] == '-' || f->s[k] == '+'))
        b.chomp = f->s[k++] == '-' ? -1 : 1;
    if ((k < f->le && f->s[k] >= '0' && f->s[k] <= '9') || !rest_empty(f, k))
        return DECLINE; /* explicit indentation is libyaml's */
    /* the indentation is that of the first line with text, at least one
     * more than the collection holding the scalar */
    size_t min = f->st[f->depth - 1].indent + 1, max = 0, trailing = 0, col, after;
    bool brk;
    for (;;) {
        col = spaces_then(f, b.pos, SIZE_MAX, &brk, &after);
        if (col > max)
            max = col;
        if (!brk)
            break;
        trailing++;
        b.lines++;
        b.pos = after;
    }
    if (max > col && b.pos + col < f->n)
        return DECLINE; /* blank lines indented deeper than the text */
    b.indent = max > min ? max : min;
    size_t len;
    int rc = block_body(f, &b, col, trailing, &len);
    if (rc || (rc = scalar(f, v, *f->scratch ? *f->scratch : "", len, false, false)))
        return rc;
    f->next = b.pos;
    f->line += b.lines;
    return 0;
}

/* Moves to the next line; false at the end of the text. */
static bool next_line(fp *f)
{
    if (f->next >= f->n)
        return false;
    f->ls = f->next;
    const char *nl = memchr(f->s + f->ls, '\n', f->n - f->ls);
    size_t le = nl ? (size_t)(nl - f->s) : f->n;
    f->le = le > f->ls && f->s[le - 1] == '\r' ? le - 1 : le;
    f->next = nl ? le + 1 : f->n;
    f->line++;
    return true;
}

static bool doc_marker(const fp *f, size_t k)
{
    return k == f->ls && f->le - k >= 3 &&
           (!memcmp(f->s + k, "---", 3) || !memcmp(f->s + k, "...", 3)) &&
           (k + 3 == f->le || f->s[k + 3] == ' ');
}

/* One character (or escape) of a quoted scalar at s[*k], into the scratch. */
static int quoted_char(fp *f, size_t *k, size_t *o, bool dq)
{
    const char *s = f->s;
    if (!dq && s[*k] == '\'' && *k + 1 < f->le && s[*k + 1] == '\'') {
        *k += 2;
        return put(f, o, "'", 1);
    }
    if (dq && s[*k] == '\\') {
        size_t n = escape_len(f, *k);
        char buf[4];
        if (!n)
            return DECLINE;
        size_t bl = put_utf8(buf, escape_cp(s + *k, n));
        *k += n;
        return put(f, o, buf, bl);
    }
    return put(f, o, s + (*k)++, 1);
}

/* A quoted value running over several lines, folded the way libyaml's
 * yaml_parser_scan_flow_scalar folds it: a line break becomes a space,
 * empty lines become breaks, blanks around breaks go, "\" at the end of a
 * line joins without a space. */
static int multi_quoted(fp *f, size_t v)
{
    trop_ymark at = mark(f, v);
    const char *s = f->s;
    bool dq = s[v] == '"';
    size_t k = v + 1, o = 0;
    int rc = 0;
    for (;;) {
        if (doc_marker(f, k))
            return DECLINE;
        bool leading_blanks = false, leading_break = false;
        size_t breaks = 0, ws = 0;
        while (!rc && k < f->le && s[k] != ' ') {
            if (s[k] == s[v] && (dq || k + 1 == f->le || s[k + 1] != '\''))
                break; /* the closing quote */
            if (dq && s[k] == '\\' && k + 1 == f->le) { /* escaped line break */
                if (!next_line(f))
                    return DECLINE;
                k = f->ls;
                leading_blanks = true;
                break;
            }
            rc = quoted_char(f, &k, &o, dq);
        }
        if (rc)
            return rc;
        if (k < f->le && s[k] == s[v] && !leading_blanks)
            break; /* the closing quote */
        for (;;) { /* blanks and line breaks */
            if (k < f->le && s[k] == ' ') {
                ws += !leading_blanks;
                k++;
            } else if (k == f->le) {
                if (!next_line(f))
                    return DECLINE; /* the text ends inside the scalar */
                if (!leading_blanks)
                    ws = 0, leading_break = leading_blanks = true;
                else
                    breaks++;
                k = f->ls;
            } else {
                break;
            }
        }
        if (!leading_blanks) {
            if (reserve(f, o, ws))
                return TRO_ENOMEM;
            memset(*f->scratch + o, ' ', ws);
            o += ws;
        } else if (leading_break && !breaks) {
            rc = put(f, &o, " ", 1);
        } else {
            rc = put_breaks(f, &o, breaks);
        }
        if (rc)
            return rc;
    }
    if (!rest_empty(f, k + 1))
        return DECLINE;
    return scalar_at(f, at, *f->scratch ? *f->scratch : "", o, false, false);
}

/* The value that starts at s[v] and runs to the end of the line. */
static int value(fp *f, size_t v)
{
    const char *s = f->s;
    unsigned char c = (unsigned char)s[v];
    if (c == '"' || c == '\'') {
        size_t e;
        bool esc;
        int rc = quoted(f, v, &e, &esc);
        if (rc == DECLINE && e == 0)
            return multi_quoted(f, v);
        if (rc || !rest_empty(f, e))
            return rc ? rc : DECLINE;
        return emit_quoted(f, v, e, esc);
    }
    if (c == '[')
        return flow_seq(f, v);
    if (c == '|' || c == '>')
        return block_scalar(f, v);
    if (c == '{') {
        size_t k = skip_spaces(f, v + 1);
        if (k >= f->le || s[k] != '}' || !rest_empty(f, k + 1))
            return DECLINE;
        int rc = ev(f, TROP_YEV_MAP_START, v);
        return rc ? rc : ev(f, TROP_YEV_MAP_END, k);
    }
    if (!plain_start(f, v))
        return DECLINE;
    size_t e = v;
    for (; e < f->le; e++) {
        if (s[e] == '#' && s[e - 1] == ' ')
            break;
        if (s[e] == ':' && (e + 1 == f->le || s[e + 1] == ' '))
            return DECLINE; /* "a: b: c" is libyaml's to refuse */
    }
    while (e > v && s[e - 1] == ' ')
        e--;
    return scalar(f, v, s + v, e - v, true, true);
}

/* ---- structure ----------------------------------------------------------- */

/* Finds "key:" at s[q]: sets *found (and *ke, *colon). Returns 0 or
 * DECLINE. */
static int find_key(fp *f, size_t q, size_t *ke, size_t *colon, bool *found)
{
    const char *s = f->s;
    *found = false;
    if (s[q] == '"' || s[q] == '\'') {
        size_t e;
        bool esc;
        int rc = quoted(f, q, &e, &esc);
        if (rc)
            return e == 0 ? 0 : rc; /* a key never spans lines */
        size_t k = skip_spaces(f, e);
        if (k < f->le && s[k] == ':' && (k + 1 == f->le || s[k + 1] == ' ')) {
            *ke = e;
            *colon = k;
            *found = true;
        }
        return 0;
    }
    for (size_t k = q; k < f->le; k++) {
        if (s[k] == '#' && k > q && s[k - 1] == ' ')
            return 0;
        if (s[k] == ':' && (k + 1 == f->le || s[k + 1] == ' ')) {
            size_t e = k;
            while (e > q && s[e - 1] == ' ')
                e--;
            if (e == q || e - q > MAX_KEY || indicator((unsigned char)s[q]))
                return DECLINE;
            *ke = e;
            *colon = k;
            *found = true;
            return 0;
        }
    }
    return 0;
}

/* "key: value" or "key:" at s[q], in the mapping on top. */
static int entry(fp *f, size_t q)
{
    size_t ke, colon;
    bool found;
    int rc = find_key(f, q, &ke, &colon, &found);
    if (rc || !found)
        return rc ? rc : DECLINE;
    if (f->s[q] == '"' || f->s[q] == '\'') {
        size_t e;
        bool esc;
        if ((rc = quoted(f, q, &e, &esc)))
            return rc;
        rc = emit_quoted(f, q, ke, esc);
    } else {
        rc = scalar(f, q, f->s + q, ke - q, true, true);
    }
    if (rc)
        return rc;
    size_t v = skip_spaces(f, colon + 1);
    if (v == f->le || f->s[v] == '#') {
        set_pending(f, true, f->st[f->depth - 1].indent, colon + 1);
        return 0;
    }
    return value(f, v);
}

static int push(fp *f, size_t indent, bool seq, bool same, size_t pos)
{
    if (f->depth == MAX_NEST)
        return DECLINE;
    f->st[f->depth++] = (level){indent, seq, same};
    return ev(f, seq ? TROP_YEV_SEQ_START : TROP_YEV_MAP_START, pos);
}

static int pop(fp *f)
{
    bool seq = f->st[--f->depth].seq;
    return ev(f, seq ? TROP_YEV_SEQ_END : TROP_YEV_MAP_END, f->ls);
}

/* Makes the collection the line at `indent` belongs to the top one. */
static int place(fp *f, size_t indent, bool dash, size_t p)
{
    int rc;
    if (f->pending) {
        bool nested = indent > f->pending_indent ||
                      (dash && f->pending_key && indent == f->pending_indent);
        f->pending = false;
        if (nested)
            return push(f, indent, dash, indent == f->pending_indent, p);
        if ((rc = scalar_at(f, f->pending_at, "", 0, true, true)))
            return rc;
    }
    while (f->depth) {
        const level *t = &f->st[f->depth - 1];
        if (t->indent < indent || (t->indent == indent && !(t->same_indent && !dash)))
            break;
        if ((rc = pop(f)))
            return rc;
    }
    if (!f->depth) {
        if (f->started)
            return DECLINE; /* a second node at the root */
        f->started = true;
        return push(f, indent, dash, false, p);
    }
    const level *t = &f->st[f->depth - 1];
    return t->indent == indent && t->seq == dash ? 0 : DECLINE;
}

/* "- item", "- key: value" or "-" at s[p]. */
static int item(fp *f, size_t p)
{
    size_t q = skip_spaces(f, p + 1);
    if (q == f->le || f->s[q] == '#') {
        set_pending(f, false, p - f->ls, p + 1);
        return 0;
    }
    size_t ke, colon;
    bool found;
    int rc = find_key(f, q, &ke, &colon, &found);
    if (rc)
        return rc;
    if (found) { /* a mapping inside the item, at the key's column */
        if ((rc = push(f, q - f->ls, false, false, q)))
            return rc;
        return entry(f, q);
    }
    return value(f, q);
}

static int line(fp *f)
{
    const char *s = f->s;
    size_t p = skip_spaces(f, f->ls);
    if (p == f->le || s[p] == '#')
        return 0;
    size_t indent = p - f->ls;
    if (indent == 0 && (s[p] == '%' ||
                        (f->le - p >= 3 && (!memcmp(s + p, "---", 3) || !memcmp(s + p, "...", 3)) &&
                         (p + 3 == f->le || s[p + 3] == ' '))))
        return DECLINE;
    bool dash = s[p] == '-' && (p + 1 == f->le || s[p + 1] == ' ');
    int rc = place(f, indent, dash, p);
    if (rc)
        return rc;
    return dash ? item(f, p) : entry(f, p);
}

static int finish(fp *f)
{
    int rc = 0;
    f->ls = f->n;
    if (f->pending) {
        f->pending = false;
        rc = scalar_at(f, f->pending_at, "", 0, true, true);
    }
    while (!rc && f->depth)
        rc = pop(f);
    return rc ? rc : ev(f, TROP_YEV_DOC_END, f->n);
}

int trop_yaml_fast(const char *text, size_t len, trop_yev_fn emit, void *ud, char **scratch,
                   size_t *scratch_cap)
{
    if (!plain_text((const unsigned char *)text, len))
        return DECLINE;
    fp f = {.s = text, .n = len, .emit = emit, .ud = ud, .scratch = scratch,
            .scratch_cap = scratch_cap};
    for (; f.next < len; f.line++) {
        const char *nl = memchr(text + f.next, '\n', len - f.next);
        size_t le = nl ? (size_t)(nl - text) : len;
        f.ls = f.next;
        f.le = le > f.ls && text[le - 1] == '\r' ? le - 1 : le;
        f.next = nl ? le + 1 : len;
        int rc = line(&f); /* a block scalar moves next and line on */
        if (rc)
            return rc;
    }
    return finish(&f);
}

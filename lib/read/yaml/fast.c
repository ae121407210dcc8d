/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * A fast path for the block YAML that card front matter and MOF files
 * nearly always are: block mappings and sequences indented with spaces,
 * "key: value" and "- item" lines (also "- key: value"), plain one-line
 * scalars, quoted scalars (escapes and line folding included), literal and
 * folded block scalars, one-line flow sequences of scalars, {} and comments.
 *
 * It reads the text once, emits the events libyaml would emit (same values,
 * styles and start positions) and declines (TROP_YAML_DECLINED) anything
 * else: tabs, anchors, aliases, tags, multi-line plain scalars, explicit
 * block indentation, flow mappings, nested flow collections, complex keys,
 * directives, document markers, a BOM, characters libyaml treats specially.
 * Declined text goes to libyaml, so syntax errors always come from libyaml.
 *
 * Kept for speed, as measured: with this path turned off (every front
 * matter through libyaml), bench/check.sh's check of the corpus cards took
 * 81 % longer (measured when the architecture was rebuilt, before the
 * judge read card prose; the style keeps a second path only above 25 %).
 * Tests (test_yaml, test_card_corpus) and the fuzz_yaml harness check that
 * both agree on everything this path accepts.
 * Why: libyaml's per-parser buffers and per-token allocations cost more
 * than the rest of reading a typical model card's front matter.
 */
#include "fast.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* ---- characters ---------------------------------------------------------- */

/* Code points libyaml rejects or treats as line breaks or BOMs. */
static bool special_cp(uint32_t cp)
{
    return (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF ||
           cp == 0xFFFE || cp == 0xFFFF;
}

/* Whether the PLAIN_BLOCK bytes at s are all printable ASCII or '\n' (the
 * common case, checked a block at a time). */
#ifdef __SSE2__
#define PLAIN_BLOCK 16
static bool plain_block(const unsigned char *s)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    /* signed: bytes from 0x80 up are negative, so not above 0x1F */
    __m128i ok = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x1F)),
                               _mm_cmplt_epi8(v, _mm_set1_epi8(0x7F)));
    ok = _mm_or_si128(ok, _mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));
    return _mm_movemask_epi8(ok) == 0xFFFF;
}
#else
#define PLAIN_BLOCK 8
static bool plain_block(const unsigned char *s)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t w;
    memcpy(&w, s, 8);
    if (w & high)
        return false;
    /* per byte, exact: high bit set where the byte is >= 0x20, where it is
     * '\n', where it is 0x7F (no borrow crosses a byte with its high bit set) */
    uint64_t ge_space = ((w | high) - 0x20 * ones) & high;
    uint64_t nl = ~(((w ^ 0x0A * ones) | high) - ones) & high;
    uint64_t del = ~(((w ^ 0x7F * ones) | high) - ones) & high;
    return ((ge_space | nl) & ~del) == high;
}
#endif

/* Printable ASCII, "\r\n" line ends and valid UTF-8 without special code
 * points: anything else is libyaml's to judge. *ascii: no byte over 0x7F. */
static bool plain_text(const unsigned char *s, size_t n, bool *ascii)
{
    *ascii = true;
    for (size_t i = 0; i < n;) {
        if (n - i >= PLAIN_BLOCK && plain_block(s + i)) {
            i += PLAIN_BLOCK;
            continue;
        }
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
        *ascii = false;
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
    switch (c) {
    case '-': case '?': case ':': case ',': case '[': case ']': case '{': case '}': case '#':
    case '&': case '*': case '!': case '|': case '>': case '\'': case '"': case '%': case '@':
    case '`':
        return true;
    default:
        return false;
    }
}

/* Characters a plain scalar inside "[...]" may not hold. */
static bool flow_special(char c)
{
    return c == '[' || c == ']' || c == '{' || c == '}' || c == '#' || c == ':';
}

/* ---- events -------------------------------------------------------------- */

trop_yaml_ev_mark trop_yaml_fast_mark_utf8(trop_yaml_fast_parser *f, size_t pos)
{
    if (f->col_pos < f->ls || f->col_pos > pos) {
        f->col_pos = f->ls;
        f->col = 0;
    }
    for (; f->col_pos < pos; f->col_pos++)
        f->col += ((unsigned char)f->s[f->col_pos] & 0xC0) != 0x80;
    trop_yaml_ev_mark m = {pos, f->line, f->col};
    return m;
}

static int ev(trop_yaml_fast_parser *f, trop_yaml_ev_type type, size_t pos)
{
    trop_yaml_ev e;
    memset(&e, 0, sizeof e);
    e.type = type;
    e.start = trop_yaml_fast_mark(f, pos);
    return f->emit(f->ud, &e);
}

int trop_yaml_fast_scalar_at(trop_yaml_fast_parser *f, trop_yaml_ev_mark at, const char *v,
                             size_t len, bool plain, bool stable)
{
    trop_yaml_ev e;
    memset(&e, 0, sizeof e);
    e.type = TROP_YAML_EV_SCALAR;
    e.value = v;
    e.length = len;
    e.plain = plain;
    e.stable = stable;
    e.start = at;
    return f->emit(f->ud, &e);
}

int trop_yaml_fast_scalar(trop_yaml_fast_parser *f, size_t pos, const char *v, size_t len,
                          bool plain, bool stable)
{
    return trop_yaml_fast_scalar_at(f, trop_yaml_fast_mark(f, pos), v, len, plain, stable);
}

/* "key:" or "-" with nothing after it yet: a nested block may follow. */
static void set_pending(trop_yaml_fast_parser *f, bool key, size_t indent, size_t after)
{
    f->pending = true;
    f->pending_key = key;
    f->pending_indent = indent;
    f->pending_at = trop_yaml_fast_mark(f, after);
}

/* A plain scalar may start with '-' only as a number ("-1", "-.5"). */
static bool plain_start(const trop_yaml_fast_parser *f, size_t v)
{
    unsigned char c = (unsigned char)f->s[v];
    if (!indicator(c))
        return true;
    return c == '-' && v + 1 < f->le &&
           ((f->s[v + 1] >= '0' && f->s[v + 1] <= '9') || f->s[v + 1] == '.');
}

/* "[a, 'b', c]" on one line. */
static int flow_seq(trop_yaml_fast_parser *f, size_t v)
{
    const char *s = f->s;
    int rc = ev(f, TROP_YAML_EV_SEQ_START, v);
    size_t k = trop_yaml_fast_skip_spaces(f, v + 1);
    bool first = true;
    while (!rc) {
        if (k >= f->le)
            return TROP_YAML_DECLINED;
        if (s[k] == ']' && first)
            break;
        if (s[k] == '\'' || s[k] == '"') {
            size_t e;
            bool esc;
            if ((rc = trop_yaml_fast_quoted(f, k, &e, &esc)) ||
                (rc = trop_yaml_fast_emit_quoted(f, k, e, esc)))
                return rc;
            k = e;
        } else {
            if (!plain_start(f, k))
                return TROP_YAML_DECLINED;
            size_t e = k;
            while (e < f->le && s[e] != ',' && s[e] != ']') {
                if (flow_special(s[e]))
                    return TROP_YAML_DECLINED;
                e++;
            }
            size_t t = e;
            while (t > k && s[t - 1] == ' ')
                t--;
            if ((rc = trop_yaml_fast_scalar(f, k, s + k, t - k, true, true)))
                return rc;
            k = e;
        }
        first = false;
        k = trop_yaml_fast_skip_spaces(f, k);
        if (k < f->le && s[k] == ',') {
            k = trop_yaml_fast_skip_spaces(f, k + 1);
            if (k < f->le && s[k] == ']')
                return TROP_YAML_DECLINED; /* a trailing comma */
            continue;
        }
        if (k >= f->le || s[k] != ']')
            return TROP_YAML_DECLINED;
        break;
    }
    if (rc || !trop_yaml_fast_rest_empty(f, k + 1))
        return rc ? rc : TROP_YAML_DECLINED;
    return ev(f, TROP_YAML_EV_SEQ_END, k);
}

/* The value that starts at s[v] and runs to the end of the line. */
static int value(trop_yaml_fast_parser *f, size_t v)
{
    const char *s = f->s;
    unsigned char c = (unsigned char)s[v];
    if (c == '"' || c == '\'') {
        size_t e;
        bool esc;
        int rc = trop_yaml_fast_quoted(f, v, &e, &esc);
        if (rc == TROP_YAML_DECLINED && e == 0)
            return trop_yaml_fast_multi_quoted(f, v);
        if (rc || !trop_yaml_fast_rest_empty(f, e))
            return rc ? rc : TROP_YAML_DECLINED;
        return trop_yaml_fast_emit_quoted(f, v, e, esc);
    }
    if (c == '[')
        return flow_seq(f, v);
    if (c == '|' || c == '>')
        return trop_yaml_fast_block_scalar(f, v);
    if (c == '{') {
        size_t k = trop_yaml_fast_skip_spaces(f, v + 1);
        if (k >= f->le || s[k] != '}' || !trop_yaml_fast_rest_empty(f, k + 1))
            return TROP_YAML_DECLINED;
        int rc = ev(f, TROP_YAML_EV_MAP_START, v);
        return rc ? rc : ev(f, TROP_YAML_EV_MAP_END, k);
    }
    if (!plain_start(f, v))
        return TROP_YAML_DECLINED;
    size_t e = v;
    for (;; e++) { /* v holds no '#': plain_start() */
        e = trop_text_find_byte2(s, e, f->le, f->n, '#', ':');
        if (e == f->le || (s[e] == '#' && s[e - 1] == ' '))
            break;
        if (s[e] == ':' && (e + 1 == f->le || s[e + 1] == ' '))
            return TROP_YAML_DECLINED; /* "a: b: c" is libyaml's to refuse */
    }
    while (e > v && s[e - 1] == ' ')
        e--;
    return trop_yaml_fast_scalar(f, v, s + v, e - v, true, true);
}

/* ---- structure ----------------------------------------------------------- */

/* Finds "key:" at s[q]: sets *found (and *ke, *colon). Returns 0 or
 * TROP_YAML_DECLINED. */
static int find_key(trop_yaml_fast_parser *f, size_t q, size_t *ke, size_t *colon, bool *found)
{
    const char *s = f->s;
    *found = false;
    if (s[q] == '"' || s[q] == '\'') {
        size_t e;
        bool esc;
        int rc = trop_yaml_fast_quoted(f, q, &e, &esc);
        if (rc)
            return e == 0 ? 0 : rc; /* a key never spans lines */
        size_t k = trop_yaml_fast_skip_spaces(f, e);
        if (k < f->le && s[k] == ':' && (k + 1 == f->le || s[k + 1] == ' ')) {
            *ke = e;
            *colon = k;
            *found = true;
        }
        return 0;
    }
    for (size_t k = q; (k = trop_text_find_byte2(s, k, f->le, f->n, '#', ':')) < f->le; k++) {
        if (s[k] == '#' && k > q && s[k - 1] == ' ')
            return 0;
        if (s[k] == ':' && (k + 1 == f->le || s[k + 1] == ' ')) {
            size_t e = k;
            while (e > q && s[e - 1] == ' ')
                e--;
            if (e == q || e - q > TROP_YAML_FAST_MAX_KEY || indicator((unsigned char)s[q]))
                return TROP_YAML_DECLINED;
            *ke = e;
            *colon = k;
            *found = true;
            return 0;
        }
    }
    return 0;
}

/* "key: value" or "key:" at s[q], in the mapping on top. */
static int entry(trop_yaml_fast_parser *f, size_t q)
{
    size_t ke, colon;
    bool found;
    int rc = find_key(f, q, &ke, &colon, &found);
    if (rc || !found)
        return rc ? rc : TROP_YAML_DECLINED;
    if (f->s[q] == '"' || f->s[q] == '\'') {
        size_t e;
        bool esc;
        if ((rc = trop_yaml_fast_quoted(f, q, &e, &esc)))
            return rc;
        rc = trop_yaml_fast_emit_quoted(f, q, ke, esc);
    } else {
        rc = trop_yaml_fast_scalar(f, q, f->s + q, ke - q, true, true);
    }
    if (rc)
        return rc;
    size_t v = trop_yaml_fast_skip_spaces(f, colon + 1);
    if (v == f->le || f->s[v] == '#') {
        set_pending(f, true, f->st[f->depth - 1].indent, colon + 1);
        return 0;
    }
    return value(f, v);
}

static int push(trop_yaml_fast_parser *f, size_t indent, bool seq, bool same, size_t pos)
{
    if (f->depth == TROP_YAML_FAST_MAX_NEST)
        return TROP_YAML_DECLINED;
    f->st[f->depth++] = (trop_yaml_fast_level){indent, seq, same};
    return ev(f, seq ? TROP_YAML_EV_SEQ_START : TROP_YAML_EV_MAP_START, pos);
}

static int pop(trop_yaml_fast_parser *f)
{
    bool seq = f->st[--f->depth].seq;
    return ev(f, seq ? TROP_YAML_EV_SEQ_END : TROP_YAML_EV_MAP_END, f->ls);
}

/* Makes the collection the line at `indent` belongs to the top one. */
static int place(trop_yaml_fast_parser *f, size_t indent, bool dash, size_t p)
{
    int rc;
    if (f->pending) {
        bool nested = indent > f->pending_indent ||
                      (dash && f->pending_key && indent == f->pending_indent);
        f->pending = false;
        if (nested)
            return push(f, indent, dash, indent == f->pending_indent, p);
        if ((rc = trop_yaml_fast_scalar_at(f, f->pending_at, "", 0, true, true)))
            return rc;
    }
    while (f->depth) {
        const trop_yaml_fast_level *t = &f->st[f->depth - 1];
        if (t->indent < indent || (t->indent == indent && !(t->same_indent && !dash)))
            break;
        if ((rc = pop(f)))
            return rc;
    }
    if (!f->depth) {
        if (f->started)
            return TROP_YAML_DECLINED; /* a second node at the root */
        f->started = true;
        return push(f, indent, dash, false, p);
    }
    const trop_yaml_fast_level *t = &f->st[f->depth - 1];
    return t->indent == indent && t->seq == dash ? 0 : TROP_YAML_DECLINED;
}

/* "- item", "- key: value" or "-" at s[p]. */
static int item(trop_yaml_fast_parser *f, size_t p)
{
    size_t q = trop_yaml_fast_skip_spaces(f, p + 1);
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

static int line(trop_yaml_fast_parser *f)
{
    const char *s = f->s;
    size_t p = trop_yaml_fast_skip_spaces(f, f->ls);
    if (p == f->le || s[p] == '#')
        return 0;
    size_t indent = p - f->ls;
    if (indent == 0 && (s[p] == '%' ||
                        (f->le - p >= 3 && (!memcmp(s + p, "---", 3) || !memcmp(s + p, "...", 3)) &&
                         (p + 3 == f->le || s[p + 3] == ' '))))
        return TROP_YAML_DECLINED;
    bool dash = s[p] == '-' && (p + 1 == f->le || s[p + 1] == ' ');
    int rc = place(f, indent, dash, p);
    if (rc)
        return rc;
    return dash ? item(f, p) : entry(f, p);
}

static int finish(trop_yaml_fast_parser *f)
{
    int rc = 0;
    f->ls = f->n;
    if (f->pending) {
        f->pending = false;
        rc = trop_yaml_fast_scalar_at(f, f->pending_at, "", 0, true, true);
    }
    while (!rc && f->depth)
        rc = pop(f);
    return rc ? rc : ev(f, TROP_YAML_EV_DOC_END, f->n);
}

int trop_yaml_fast(const char *text, size_t len, trop_yaml_ev_fn emit, void *ud, char **scratch,
                   size_t *scratch_cap)
{
    bool ascii;
    if (!plain_text((const unsigned char *)text, len, &ascii))
        return TROP_YAML_DECLINED;
    trop_yaml_fast_parser f = {.s = text,
                               .n = len,
                               .emit = emit,
                               .ud = ud,
                               .scratch = scratch,
                               .scratch_cap = scratch_cap,
                               .ascii = ascii};
    for (; f.next < len; f.line++) {
        size_t le = trop_text_find_byte(text, f.next, len, '\n');
        f.ls = f.next;
        f.le = le > f.ls && text[le - 1] == '\r' ? le - 1 : le;
        f.next = le < len ? le + 1 : len;
        int rc = line(&f); /* a block scalar moves next and line on */
        if (rc)
            return rc;
    }
    return finish(&f);
}


/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The plain text of a block of Markdown (facts.h), for blocks.c. The judge
 * reads sentences out of it; the markup that would get in its way is
 * removed:
 *  - emphasis markers (* _ ~~, an underscore only at a word's edge, so that
 *    model_name_or_path stays whole), code span backticks, escapes;
 *  - a link becomes its text, an image disappears, an autolink its URL;
 *  - HTML tags disappear, comments with them; </p>, <br>, </li>, </tr>,
 *    </div> and closing headings end a line, </td> and </th> a cell (" | ");
 *    the common entities are decoded.
 * Most of a text is words and single spaces, copied as they are: the runs
 * of them are found 16 bytes at a time (bytes.h).
 */
#include "card.h"

#include <stdlib.h>
#include <string.h>

static bool word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* ---- brackets ------------------------------------------------------------------ */

/* The first of s[k..n) that is '\\', '(', ')', '[', ']' or '\n'; n if none
 * (k, past n after an escape at the end, if k > n). */
static size_t next_bracket(const char *s, size_t k, size_t n)
{
    /* eight bytes at a time (bytes.h): a long text's brackets are looked
     * for once per text, its links' ends once per link */
    for (; k < n && n - k >= 8; k += 8) {
        uint64_t x = trop_card_md_word((const unsigned char *)s + k), x7 = x & ~TROP_CARD_MD_TOP;
        uint64_t hit = ~x & (trop_card_md_in(x7, '(', ')') | trop_card_md_in(x7, '[', ']') |
                             ~trop_card_md_ne(x7, '\n'));
        if (hit & TROP_CARD_MD_TOP)
            return k + (size_t)__builtin_ctzll(hit & TROP_CARD_MD_TOP) / 8;
    }
    while (k < n && s[k] != '\\' && s[k] != '(' && s[k] != ')' && s[k] != '[' && s[k] != ']' &&
           s[k] != '\n')
        k++;
    return k;
}

/* An opening bracket and one past its closer (0: it does not close before
 * a blank line); below: the group open under it when it was opened. */
typedef struct group {
    size_t at, close, below;
} group;

#define NO_GROUP SIZE_MAX

/* Where each bracket of a long text closes, made in one pass when a text
 * first needs it, so that "](](](..." is not scanned to its end once per
 * bracket. The groups are in the order they open; the two open stacks (of
 * '(' and of '[') are chained through them. */
typedef struct groups {
    TROP_VEC(group) v; /* empty: short text, or no memory (scanned then) */
    bool made;
} groups;

static void groups_make(groups *g, const char *s, size_t n)
{
    g->made = true;
    if (n <= 256)
        return;
    size_t top[2] = {NO_GROUP, NO_GROUP}; /* of '(' and of '[' */
    for (size_t k = next_bracket(s, 0, n); k < n; k = next_bracket(s, k + 1, n)) {
        char c = s[k];
        if (c == '\\') {
            k++;
        } else if (c == '(' || c == '[') {
            size_t *t = &top[c == '['];
            if (trop_vec_push(&g->v, ((group){k, 0, *t}))) {
                trop_vec_free(&g->v);
                return;
            }
            *t = g->v.n - 1;
        } else if (c == ')' || c == ']') {
            size_t *t = &top[c == ']'];
            if (*t != NO_GROUP) {
                g->v.v[*t].close = k + 1;
                *t = g->v.v[*t].below;
            }
        } else if (k + 1 < n && s[k + 1] == '\n') {
            top[0] = top[1] = NO_GROUP; /* a blank line ends every group */
        }
    }
}

/* The end of the run [..) that closes what opens at s[i] with `open` (a
 * '(' or '['), on n bytes, or i when it does not close. */
static size_t skip_group(groups *g, const char *s, size_t i, size_t n, char open, char close)
{
    if (!g->made)
        groups_make(g, s, n);
    if (g->v.n) {
        size_t lo = 0, hi = g->v.n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (g->v.v[mid].at < i)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo < g->v.n && g->v.v[lo].at == i && g->v.v[lo].close ? g->v.v[lo].close : i;
    }
    size_t depth = 0;
    for (size_t k = next_bracket(s, i, n); k < n; k = next_bracket(s, k + 1, n)) {
        if (s[k] == '\\')
            k++;
        else if (s[k] == open)
            depth++;
        else if (s[k] == close && --depth == 0)
            return k + 1;
        else if (s[k] == '\n' && k + 1 < n && s[k + 1] == '\n')
            break;
    }
    return i;
}

/* ---- entities and tags ----------------------------------------------------------- */

static const struct {
    const char *name;
    const char *text;
} entities[] = {{"amp", "&"},   {"lt", "<"},     {"gt", ">"},       {"quot", "\""}, {"apos", "'"},
                {"#39", "'"},   {"nbsp", " "},   {"rarr", "->"},    {"larr", "<-"}, {"times", "x"},
                {"mdash", "-"}, {"ndash", "-"},  {"hellip", "..."}, {"asymp", "~"}, {"le", "<="},
                {"ge", ">="},   {"middot", "."}, {"#x27", "'"}};

/* An entity at s[i] ('&'): its text in *text, the bytes it takes. */
static size_t entity(const char *s, size_t i, size_t n, const char **text)
{
    const char *semi = memchr(s + i, ';', n - i < 10 ? n - i : 10);
    if (!semi)
        return 0;
    size_t len = (size_t)(semi - s) - i - 1;
    for (size_t k = 0; k < sizeof entities / sizeof *entities; k++)
        if (strlen(entities[k].name) == len && !strncmp(s + i + 1, entities[k].name, len)) {
            *text = entities[k].text;
            return len + 2;
        }
    return 0;
}

/* Tags that end a line of text, or a cell (their names folded to lower
 * case, with the '/' of a closing tag), sorted by name for a binary
 * search (a text holds a tag per 100 bytes). */
enum { TAG_OTHER = 0, TAG_LINE, TAG_CELL };
#define TAG_NAME 8 /* bytes of the longest name */
static const struct {
    char name[TAG_NAME + 1];
    unsigned char len, kind;
} tags[] = {
    {"/div", 4, TAG_LINE}, {"/h1", 3, TAG_LINE},      {"/h2", 3, TAG_LINE}, {"/h3", 3, TAG_LINE},
    {"/h4", 3, TAG_LINE},  {"/h5", 3, TAG_LINE},      {"/h6", 3, TAG_LINE}, {"/li", 3, TAG_LINE},
    {"/p", 2, TAG_LINE},   {"/summary", 8, TAG_LINE}, {"/td", 3, TAG_CELL}, {"/th", 3, TAG_CELL},
    {"/tr", 3, TAG_LINE},  {"br", 2, TAG_LINE},       {"hr", 2, TAG_LINE},  {"p", 1, TAG_LINE}};

/* A name, zero-padded to TAG_NAME bytes, as a number that sorts as the
 * name does (one compare instead of a memcmp). */
static uint64_t name_key(const char *p)
{
    uint64_t k = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(&k, p, sizeof k);
    k = __builtin_bswap64(k);
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    memcpy(&k, p, sizeof k);
#else
    for (unsigned j = 0; j < TAG_NAME; j++)
        k = k << 8 | (unsigned char)p[j];
#endif
    return k;
}

/* What the tag at s[i] ('<') is: its name (with the '/' of a closing tag)
 * ends where the text does or at '>', '/', a space, a tab or a line
 * break. Names are compared zero-padded, and then by length (a NUL in a
 * name is no padding). */
static unsigned tag_kind(const char *s, size_t i, size_t n)
{
    char name[TAG_NAME] = {0};
    size_t k = i + 1, len = 0;
    if (k < n && s[k] == '/')
        name[len++] = s[k++];
    for (; k < n && s[k] != '>' && s[k] != '/' && s[k] != ' ' && s[k] != '\t' && s[k] != '\n';
         k++) {
        if (len == TAG_NAME)
            return TAG_OTHER; /* longer than any of the table's */
        name[len++] = (char)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] | 0x20 : s[k]);
    }
    uint64_t key = name_key(name);
    size_t lo = 0, hi = sizeof tags / sizeof *tags;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint64_t t = name_key(tags[mid].name);
        if (t == key)
            return tags[mid].len == len ? tags[mid].kind : TAG_OTHER;
        if (t < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return TAG_OTHER;
}

/* A tag or comment at s[i] ('<'): the bytes it takes (0: not one). */
static size_t tag(const char *s, size_t i, size_t n)
{
    if (n - i >= 4 && !memcmp(s + i, "<!--", 4)) {
        const char *e = memmem(s + i + 4, n - i - 4, "-->", 3);
        return e ? (size_t)(e - s) + 3 - i : n - i;
    }
    size_t k = i + 1;
    if (k < n && s[k] == '/')
        k++;
    if (k >= n || !((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z'))
        return 0;
    const char *gt = memchr(s + k, '>', n - k < 2048 ? n - k : 2048);
    return gt ? (size_t)(gt - s) + 1 - i : 0;
}

/* ---- plain text ------------------------------------------------------------------ */

static void put(char *out, size_t *o, const char *t, size_t k)
{
    memcpy(out + *o, t, k);
    *o += k;
}

/* A space, unless the text is empty or ends with white space. */
static void space(char *out, size_t *o)
{
    if (*o && out[*o - 1] != ' ' && out[*o - 1] != '\n')
        out[(*o)++] = ' ';
}

static bool is_markup(unsigned char c)
{
    return trop_card_md_ctab[c] & TROP_CARD_MD_MARKUP;
}

/* The marks of s[k..k+16) of s[0..n), k < n; bytes past n are no markup
 * nor space. The last bytes of a text of 16 or more are read as the 16
 * that end it, shifted (a padded copy for each text cost 1 M instructions
 * on the 55 corpus cards); a shorter text is read from a padded copy. */
static trop_card_md_marks marks_at(const char *s, size_t k, size_t n)
{
    const unsigned char *p = (const unsigned char *)s + k;
    if (n - k >= TROP_CARD_MD_BLOCK)
        return trop_card_md_marks_of(p);
    if (n >= TROP_CARD_MD_BLOCK) {
        unsigned sh = (unsigned)(TROP_CARD_MD_BLOCK - (n - k));
        trop_card_md_marks b = trop_card_md_marks_of(p - sh);
        b.markup >>= sh;
        b.space >>= sh;
        return b;
    }
    unsigned char pad[TROP_CARD_MD_BLOCK];
    memset(pad, 0, sizeof pad);
    memcpy(pad, p, n - k);
    return trop_card_md_marks_of(pad);
}

/* The end of the run at s[i] (no markup) that is copied as it is: up to
 * the first markup byte, but for a space after a byte of no markup (which
 * is what space() would write). */
static size_t run_end(const char *s, size_t i, size_t n)
{
    for (size_t k = i + 1; k < n; k += TROP_CARD_MD_BLOCK) {
        trop_card_md_marks b = marks_at(s, k, n);
        unsigned after = (b.markup << 1) | (unsigned)is_markup((unsigned char)s[k - 1]);
        unsigned stop = b.markup & ~(b.space & ~after);
        if (stop)
            return k + (size_t)__builtin_ctz(stop);
    }
    return n;
}

/* The end of the white space (space, tab, CR, LF) at s[k..n). */
static size_t white_end(const char *s, size_t k, size_t n)
{
    while (k < n && (s[k] == ' ' || s[k] == '\n' || s[k] == '\t' || s[k] == '\r'))
        k++;
    return k;
}

/* Markup at s[*i], c: writes what it stands for. */
static void markup(const char *s, size_t n, size_t *ip, char *out, size_t *o, groups *g)
{
    size_t i = *ip;
    unsigned char c = (unsigned char)s[i];
    switch (c) {
    case '\\':
        if (i + 1 < n && s[i + 1] != '\n') {
            out[(*o)++] = s[i + 1];
            *ip = i + 2;
            return;
        }
        break;
    case '`':
    case '*':
        *ip = i + 1;
        return;
    case '~':
        if (i + 1 < n && s[i + 1] == '~') {
            *ip = i + 2;
            return;
        }
        break;
    case '_':
        if (i == 0 || i + 1 == n || !word_char((unsigned char)s[i - 1]) ||
            !word_char((unsigned char)s[i + 1])) {
            *ip = i + 1;
            return;
        }
        break;
    case '!':
        if (i + 1 < n && s[i + 1] == '[') { /* an image: dropped whole */
            size_t e = skip_group(g, s, i + 1, n, '[', ']');
            if (e > i + 1) {
                size_t d = e < n && s[e] == '(' ? skip_group(g, s, e, n, '(', ')') : e;
                *ip = d > e ? d : e;
                return;
            }
        }
        break;
    case '[':
        *ip = i + 1; /* the text of a link, or a plain bracket: kept without it */
        return;
    case ']':
        i++;
        if (i < n && (s[i] == '(' || s[i] == '[')) {
            size_t e = skip_group(g, s, i, n, s[i], s[i] == '(' ? ')' : ']');
            i = e > i ? e : i;
        }
        *ip = i;
        return;
    case '<': {
        /* a table row's cells are joined by "</td>" (blocks.c): the tag
         * tag() and tag_kind() would find, spelt out */
        if (n - i >= 5 && !memcmp(s + i, "</td>", 5)) {
            while (*o && out[*o - 1] == ' ')
                (*o)--;
            put(out, o, " | ", 3);
            *ip = i + 5;
            return;
        }
        size_t k = tag(s, i, n);
        if (k) {
            unsigned kind = tag_kind(s, i, n);
            if (kind != TAG_OTHER)
                while (*o && out[*o - 1] == ' ')
                    (*o)--;
            if (kind == TAG_LINE && *o && out[*o - 1] != '\n')
                out[(*o)++] = '\n';
            else if (kind == TAG_CELL)
                put(out, o, " | ", 3);
            *ip = i + k;
            return;
        }
        /* an autolink <https://...>: its URL */
        const char *gt =
            n - i > 8 && (!strncmp(s + i + 1, "http", 4) || !strncmp(s + i + 1, "www.", 4))
                ? memchr(s + i, '>', n - i < 2048 ? n - i : 2048)
                : NULL;
        if (gt && !memchr(s + i, ' ', (size_t)(gt - s) - i)) {
            put(out, o, s + i + 1, (size_t)(gt - s) - i - 1);
            *ip = (size_t)(gt - s) + 1;
            return;
        }
        break;
    }
    case '&': {
        const char *t;
        size_t k = entity(s, i, n, &t);
        if (k) {
            put(out, o, t, strlen(t) <= k ? strlen(t) : k);
            *ip = i + k;
            return;
        }
        break;
    }
    default: /* white space: a run of it (a table's padding) is one space */
        space(out, o);
        *ip = white_end(s, i + 1, n);
        return;
    }
    out[(*o)++] = (char)c;
    *ip = i + 1;
}

size_t trop_card_md_plain(const char *s, size_t n, char *out)
{
    size_t o = 0;
    groups g = {.made = false};
    for (size_t i = 0; i < n;) {
        if (is_markup((unsigned char)s[i])) {
            markup(s, n, &i, out, &o, &g);
            continue;
        }
        size_t e = run_end(s, i, n);
        memcpy(out + o, s + i, e - i);
        o += e - i;
        i = e;
    }
    trop_vec_free(&g.v);
    while (o && (out[o - 1] == ' ' || out[o - 1] == '\n'))
        o--;
    size_t start = 0;
    while (start < o && (out[start] == ' ' || out[start] == '\n'))
        start++;
    if (start)
        memmove(out, out + start, o - start);
    o -= start;
    out[o] = '\0';
    return o;
}

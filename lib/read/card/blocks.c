/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The blocks of a card's body as plain text (facts.h): paragraphs, list
 * items, table rows, headings and fenced code, in order, each with its
 * section, made from the lines the scanner classified (md.c). The
 * judge reads sentences out of them; the markup that would get in its way
 * is removed here:
 *  - emphasis markers (* _ ~~, an underscore only at a word's edge, so that
 *    model_name_or_path stays whole), code span backticks, escapes;
 *  - a link becomes its text, an image disappears, an autolink its URL;
 *  - HTML tags disappear, comments with them; </p>, <br>, </li>, </tr>,
 *    </div> and closing headings end a line, </td> and </th> a cell (" | ");
 *    the common entities are decoded.
 * A link of the body is then found in the plain text of the block on its
 * line, so the judge can read the sentence around it.
 */
#include "card.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- plain text ------------------------------------------------------------------ */

static bool word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c >= 0x80;
}

/* Where each bracket of a long text closes: close[i] is one past the ')' or
 * ']' matching the '(' or '[' at s[i], 0 when it does not close before a
 * blank line. Made in one pass when a text first needs it, so that
 * "](](](..." is not scanned to its end once per bracket. */
typedef struct groups {
    uint32_t *close; /* NULL: short text, or no memory (scanned then) */
    bool made;
} groups;

static void groups_make(groups *g, const char *s, size_t n)
{
    g->made = true;
    if (n <= 256 || n > UINT32_MAX)
        return;
    size_t np = 0, nb = 0;
    for (const char *p = s; (p = memchr(p, '(', n - (size_t)(p - s))) != NULL; p++)
        np++;
    for (const char *p = s; (p = memchr(p, '[', n - (size_t)(p - s))) != NULL; p++)
        nb++;
    uint32_t *close = calloc(n, sizeof *close);
    uint32_t *stack = malloc((np + nb + 1) * sizeof *stack);
    if (!close || !stack) {
        free(close);
        free(stack);
        return;
    }
    uint32_t *paren = stack, *brack = stack + np; /* two stacks in one block */
    size_t sp = 0, sb = 0;
    for (size_t k = 0; k < n; k++) {
        char c = s[k];
        if (c == '\\')
            k++;
        else if (c == '(')
            paren[sp++] = (uint32_t)k;
        else if (c == '[')
            brack[sb++] = (uint32_t)k;
        else if (c == ')' && sp)
            close[paren[--sp]] = (uint32_t)(k + 1);
        else if (c == ']' && sb)
            close[brack[--sb]] = (uint32_t)(k + 1);
        else if (c == '\n' && k + 1 < n && s[k + 1] == '\n')
            sp = sb = 0; /* a blank line ends every group */
    }
    free(stack);
    g->close = close;
}

/* The end of the run [..) that closes what opens at s[i] with `open` (a
 * '(' or '['), on n bytes, or i when it does not close. */
static size_t skip_group(groups *g, const char *s, size_t i, size_t n, char open, char close)
{
    if (!g->made)
        groups_make(g, s, n);
    if (g->close)
        return g->close[i] ? g->close[i] : i;
    size_t depth = 0;
    for (size_t k = i; k < n; k++) {
        if (s[k] == '\\') {
            k++;
            continue;
        }
        if (s[k] == open)
            depth++;
        else if (s[k] == close && --depth == 0)
            return k + 1;
        else if (s[k] == '\n' && k + 1 < n && s[k + 1] == '\n')
            break;
    }
    return i;
}

static const struct {
    const char *name;
    const char *text;
} entities[] = {{"amp", "&"},   {"lt", "<"},    {"gt", ">"},     {"quot", "\""},  {"apos", "'"},
                {"#39", "'"},   {"nbsp", " "},  {"rarr", "->"},  {"larr", "<-"},  {"times", "x"},
                {"mdash", "-"}, {"ndash", "-"}, {"hellip", "..."}, {"asymp", "~"}, {"le", "<="},
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
 * case, with the '/' of a closing tag). */
enum { TAG_OTHER = 0, TAG_LINE, TAG_CELL };
static const struct {
    char name[10];
    unsigned char len, kind;
} tags[] = {{"br", 2, TAG_LINE},  {"/p", 2, TAG_LINE},  {"p", 1, TAG_LINE},   {"/li", 3, TAG_LINE},
            {"/tr", 3, TAG_LINE}, {"/div", 4, TAG_LINE}, {"/h1", 3, TAG_LINE}, {"/h2", 3, TAG_LINE},
            {"/h3", 3, TAG_LINE}, {"/h4", 3, TAG_LINE}, {"/h5", 3, TAG_LINE}, {"/h6", 3, TAG_LINE},
            {"/summary", 8, TAG_LINE}, {"hr", 2, TAG_LINE}, {"/td", 3, TAG_CELL},
            {"/th", 3, TAG_CELL}};

/* What the tag at s[i] ('<') is: its name (with the '/' of a closing tag)
 * ends where the text does or at '>', '/', a space, a tab or a line
 * break. */
static unsigned tag_kind(const char *s, size_t i, size_t n)
{
    char name[10];
    size_t k = i + 1, len = 0;
    if (k < n && s[k] == '/')
        name[len++] = s[k++];
    for (; k < n && s[k] != '>' && s[k] != '/' && s[k] != ' ' && s[k] != '\t' && s[k] != '\n';
         k++) {
        if (len == sizeof name)
            return TAG_OTHER;
        name[len++] = (char)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] | 0x20 : s[k]);
    }
    for (size_t t = 0; t < sizeof tags / sizeof *tags; t++)
        if (tags[t].len == len && !memcmp(tags[t].name, name, len))
            return tags[t].kind;
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

/* The bytes trop_card_md_plain() may not copy as they are. */
static const bool markup[256] = {['\\'] = 1, ['`'] = 1, ['*'] = 1, ['~'] = 1, ['_'] = 1,
                                 ['!'] = 1,  ['['] = 1, [']'] = 1, ['<'] = 1, ['&'] = 1,
                                 ['\n'] = 1, ['\r'] = 1, ['\t'] = 1, [' '] = 1};

size_t trop_card_md_plain(const char *s, size_t n, char *out)
{
    size_t o = 0;
    groups g = {NULL, false};
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (!markup[c]) {
            /* most of a text is words and the single spaces between them,
             * copied as they are: a run at once, not through the switch */
            do
                out[o++] = s[i++];
            while (i < n && (!markup[(unsigned char)s[i]] ||
                             (s[i] == ' ' && !markup[(unsigned char)s[i - 1]])));
            continue;
        }
        switch (c) {
        case '\\':
            if (i + 1 < n && s[i + 1] != '\n') {
                out[o++] = s[i + 1];
                i += 2;
                continue;
            }
            break;
        case '`':
        case '*':
            i++;
            continue;
        case '~':
            if (i + 1 < n && s[i + 1] == '~') {
                i += 2;
                continue;
            }
            break;
        case '_':
            if (i == 0 || i + 1 == n || !word_char((unsigned char)s[i - 1]) ||
                !word_char((unsigned char)s[i + 1])) {
                i++;
                continue;
            }
            break;
        case '!':
            if (i + 1 < n && s[i + 1] == '[') { /* an image: dropped whole */
                size_t e = skip_group(&g, s, i + 1, n, '[', ']');
                if (e > i + 1) {
                    size_t d = e < n && s[e] == '(' ? skip_group(&g, s, e, n, '(', ')') : e;
                    i = d > e ? d : e;
                    continue;
                }
            }
            break;
        case '[':
            i++; /* the text of a link, or a plain bracket: kept without it */
            continue;
        case ']':
            i++;
            if (i < n && s[i] == '(') {
                size_t e = skip_group(&g, s, i, n, '(', ')');
                i = e > i ? e : i;
            } else if (i < n && s[i] == '[') {
                size_t e = skip_group(&g, s, i, n, '[', ']');
                i = e > i ? e : i;
            }
            continue;
        case '<': {
            size_t k = tag(s, i, n);
            if (k) {
                unsigned kind = tag_kind(s, i, n);
                if (kind == TAG_LINE) {
                    while (o && out[o - 1] == ' ')
                        o--;
                    if (o && out[o - 1] != '\n')
                        out[o++] = '\n';
                } else if (kind == TAG_CELL) {
                    while (o && out[o - 1] == ' ')
                        o--;
                    put(out, &o, " | ", 3);
                }
                i += k;
                continue;
            }
            /* an autolink <https://...>: its URL */
            const char *gt = n - i > 8 && (!strncmp(s + i + 1, "http", 4) ||
                                           !strncmp(s + i + 1, "www.", 4))
                                 ? memchr(s + i, '>', n - i < 2048 ? n - i : 2048)
                                 : NULL;
            if (gt &&
                !memchr(s + i, ' ', (size_t)(gt - s) - i)) {
                put(out, &o, s + i + 1, (size_t)(gt - s) - i - 1);
                i = (size_t)(gt - s) + 1;
                continue;
            }
            break;
        }
        case '&': {
            const char *t;
            size_t k = entity(s, i, n, &t);
            if (k) {
                put(out, &o, t, strlen(t) <= k ? strlen(t) : k);
                i += k;
                continue;
            }
            break;
        }
        case '\n':
        case '\r':
        case '\t':
        case ' ':
            space(out, &o);
            i++;
            continue;
        default:
            break;
        }
        out[o++] = (char)c;
        i++;
    }
    free(g.close);
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

/* ---- blocks ------------------------------------------------------------------------ */

typedef struct bld {
    const trop_card_md *m;
    TROP_VEC(trop_card_block) blocks;
    TROP_VEC(char) text;  /* the plain texts, one after the other */
    TROP_VEC(size_t) at;  /* where each block's text starts in text */
    TROP_VEC(char) raw;   /* the block being gathered, as written */
    trop_card_block cur;  /* its kind, lines, section... */
    bool open;            /* a block is being gathered */
    size_t info_at;       /* code: its info string in text */
    uint16_t tables;
    uint32_t row;
    bool hard;            /* the last text line ended with a hard break */
    bool oom;
} bld;

static void raw_add(bld *b, const char *s, size_t n)
{
    if (trop_vec_reserve(&b->raw, n + 1)) {
        b->oom = true;
        return;
    }
    memcpy(b->raw.v + b->raw.n, s, n);
    b->raw.n += n;
}

static void start(bld *b, uint8_t kind, const trop_card_md_line *l)
{
    b->raw.n = 0;
    b->open = true;
    b->cur = (trop_card_block){.kind = kind, .line = l->line, .last_line = l->line, .sec = l->sec};
}

/* A leading bold label "**Key**" (or __Key__): the bytes of Key, and whether
 * the bold span is the whole block (a trailing ':' aside). */
static size_t bold_lead(const char *s, size_t n, const char **key, bool *whole)
{
    *whole = false;
    if (n < 5 || !((s[0] == '*' && s[1] == '*') || (s[0] == '_' && s[1] == '_')))
        return 0;
    const char *close = memmem(s + 2, n - 2, s[0] == '*' ? "**" : "__", 2);
    if (!close || close == s + 2)
        return 0;
    *key = s + 2;
    size_t k = (size_t)(close - s) - 2, rest = (size_t)(close - s) + 2;
    while (rest < n && (s[rest] == ' ' || s[rest] == ':' || s[rest] == '\t'))
        rest++;
    *whole = rest == n;
    return k;
}

/* Ends the block being gathered: its plain text. */
static void flush(bld *b)
{
    if (!b->open || b->oom)
        return;
    b->open = false;
    const char *raw = b->raw.v ? b->raw.v : "";
    size_t n = b->raw.n;
    /* sections are numbered as the body shows them: without an empty first */
    if (b->cur.sec && !trop_card_md_section_shown(b->m, 0))
        b->cur.sec--;
    if (trop_vec_reserve(&b->text, n + 1) || trop_vec_reserve(&b->at, 1) ||
        trop_vec_reserve(&b->blocks, 1)) {
        b->oom = true;
        return;
    }
    size_t at = b->text.n, len;
    if (b->cur.kind == TROP_BLOCK_CODE) {
        memcpy(b->text.v + at, raw, n);
        len = n;
        b->text.v[at + len] = '\0';
    } else {
        const char *key = NULL;
        bool whole;
        size_t k = bold_lead(raw, n, &key, &whole);
        len = trop_card_md_plain(raw, n, b->text.v + at);
        if (k) {
            char tmp[256];
            size_t kl = trop_card_md_plain(key, k < sizeof tmp - 1 ? k : sizeof tmp - 1, tmp);
            while (kl && tmp[kl - 1] == ':')
                kl--;
            b->cur.key_len = (uint32_t)(kl <= len ? kl : 0);
            b->cur.bold = whole;
        }
    }
    if (!len && b->cur.kind != TROP_BLOCK_CODE && b->cur.kind != TROP_BLOCK_ROW)
        return; /* nothing left of it (an image, a comment) */
    b->text.n += len + 1;
    b->at.v[b->at.n++] = at;
    b->cur.len = len;
    b->blocks.v[b->blocks.n++] = b->cur;
}

/* A GFM table row: its cells joined by " | ", leading and trailing pipes
 * dropped. */
static void row(bld *b, const char *s, size_t p, size_t end)
{
    while (end > p && (s[end - 1] == ' ' || s[end - 1] == '\t'))
        end--;
    if (p < end && s[p] == '|')
        p++;
    if (end > p && s[end - 1] == '|' && (end - p < 2 || s[end - 2] != '\\'))
        end--;
    size_t cell = p;
    bool code = false;
    for (size_t k = p; k <= end; k++) {
        if (k < end && s[k] == '`')
            code = !code;
        if (k < end && (s[k] != '|' || code || (k > p && s[k - 1] == '\\')))
            continue;
        if (cell > p)
            raw_add(b, "</td>", 5); /* a cell separator once made plain */
        raw_add(b, s + cell, k - cell);
        cell = k + 1;
    }
}

static void text_line(bld *b, const trop_card_md_line *l)
{
    const char *s = b->m->s;
    size_t p = l->start, end = l->end;
    while (p < end && (s[p] == ' ' || s[p] == '\t'))
        p++;
    if (l->row) {
        flush(b);
        if (l->row == 2) {
            b->tables++;
            b->row = 0;
        } else {
            b->row++;
        }
        start(b, TROP_BLOCK_ROW, l);
        b->cur.table = b->tables;
        b->cur.row = b->row;
        row(b, s, p, end);
        flush(b);
        return;
    }
    size_t mk = p < end ? trop_card_md_list_marker((const unsigned char *)s, p, end) : 0;
    /* a line led by a bold label ("**Code**: ...") is a field of its own,
     * as the cards that list them one per line mean it */
    bool label = end - p > 4 && ((s[p] == '*' && s[p + 1] == '*') || (s[p] == '_' && s[p + 1] == '_'));
    if (mk) {
        flush(b);
        start(b, TROP_BLOCK_ITEM, l);
        b->cur.depth = (uint8_t)(l->indent / 2 > 20 ? 20 : l->indent / 2);
        p += mk;
    } else if (label || !b->open ||
               (b->cur.kind != TROP_BLOCK_PARA && b->cur.kind != TROP_BLOCK_ITEM)) {
        flush(b);
        start(b, TROP_BLOCK_PARA, l);
    } else {
        raw_add(b, b->hard ? "<br>" : "\n", b->hard ? 4 : 1);
    }
    b->hard = (end - l->start >= 2 && s[end - 1] == ' ' && s[end - 2] == ' ') ||
              (end > l->start && s[end - 1] == '\\');
    while (p < end && s[p] == '>') { /* a quote's markers */
        p++;
        while (p < end && s[p] == ' ')
            p++;
    }
    raw_add(b, s + p, end - p);
    b->cur.last_line = l->line;
}

static void heading_line(bld *b, const trop_card_md_line *l)
{
    const char *s = b->m->s;
    size_t p = l->start, end = l->end;
    while (p < end && (s[p] == ' ' || s[p] == '\t'))
        p++;
    if (l->kind == TROP_CARD_MD_L_HEADING) {
        flush(b);
        start(b, TROP_BLOCK_HEADING, l);
        while (p < end && s[p] == '#')
            p++;
        while (end > p && (s[end - 1] == '#' || s[end - 1] == ' ' || s[end - 1] == '\t'))
            end--;
        raw_add(b, s + p, end - p);
        flush(b);
        return;
    }
    if (!b->open || b->cur.kind != TROP_BLOCK_HEADING) { /* a setext title's first line */
        flush(b);
        start(b, TROP_BLOCK_HEADING, l);
    } else {
        raw_add(b, "\n", 1);
    }
    raw_add(b, s + p, end - p);
    b->cur.last_line = l->line;
}

static void fence_line(bld *b, const trop_card_md_line *l)
{
    const char *s = b->m->s;
    if (b->open && b->cur.kind == TROP_BLOCK_CODE) {
        flush(b);
        return;
    }
    flush(b);
    start(b, TROP_BLOCK_CODE, l);
    size_t p = l->start, end = l->end;
    while (p < end && (s[p] == ' ' || s[p] == '\t'))
        p++;
    char f = s[p];
    while (p < end && s[p] == f)
        p++;
    while (p < end && s[p] == ' ')
        p++;
    size_t e = p;
    while (e < end && s[e] != ' ' && s[e] != '\t' && s[e] != '{')
        e++;
    /* the info string waits in raw until the first line; kept apart */
    b->info_at = e - p < 64 ? e - p : 64;
    raw_add(b, s + p, b->info_at);
}

static void code_line(bld *b, const trop_card_md_line *l)
{
    if (!b->open || b->cur.kind != TROP_BLOCK_CODE) { /* a fence never opened */
        flush(b);
        start(b, TROP_BLOCK_CODE, l);
        b->info_at = 0;
    }
    raw_add(b, "\n", 1);
    raw_add(b, b->m->s + l->start, l->end - l->start);
    b->cur.last_line = l->line;
}

/* The blocks' texts are kept in one pool in the arena; code blocks keep
 * their info string at the start of their raw text, split off here. */
static int freeze(bld *b, trop_arena *arena, trop_card_body *body)
{
    char *pool = trop_arena_alloc(arena, b->text.n ? b->text.n : 1);
    trop_card_block *v = trop_arena_alloc(arena, (b->blocks.n ? b->blocks.n : 1) * sizeof *v);
    if (!pool || !v)
        return TRO_ENOMEM;
    if (b->text.n)
        memcpy(pool, b->text.v, b->text.n);
    for (size_t i = 0; i < b->blocks.n; i++) {
        v[i] = b->blocks.v[i];
        char *t = pool + b->at.v[i];
        v[i].text = t;
        v[i].info = "";
        if (v[i].kind == TROP_BLOCK_CODE) {
            /* "info\ncode...": the info string, then the code */
            char *nl = memchr(t, '\n', v[i].len);
            size_t il = nl ? (size_t)(nl - t) : v[i].len;
            t[il] = '\0';
            v[i].info = t;
            v[i].text = nl ? nl + 1 : t + il;
            v[i].len = nl ? v[i].len - il - 1 : 0;
        }
    }
    body->blocks = v;
    body->nblocks = b->blocks.n;
    return 0;
}

/* The block holding line, or -1 (binary search: blocks are in line order). */
static long block_at(const trop_card_body *body, uint64_t line)
{
    size_t lo = 0, hi = body->nblocks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (body->blocks[mid].last_line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < body->nblocks && body->blocks[lo].line <= line ? (long)lo : -1;
}

/* Where each link's text stands in its block; a block is searched from the
 * end of its previous link, so repeated texts are told apart in order. */
static void place_links(trop_card_body *body)
{
    size_t cursor_block = SIZE_MAX, cursor = 0;
    char tmp[TROP_CARD_MD_MAX_LINK_TEXT + 1];
    for (size_t i = 0; i < body->nlinks; i++) {
        trop_card_href *h = &body->links[i];
        h->block = TROP_CARD_NO_BLOCK;
        long k = h->image ? -1 : block_at(body, h->line);
        if (k < 0 || body->blocks[k].kind == TROP_BLOCK_CODE)
            continue;
        const trop_card_block *blk = &body->blocks[k];
        size_t tl = h->text_len ? trop_card_md_plain(h->text,
                                                     h->text_len < TROP_CARD_MD_MAX_LINK_TEXT
                                                         ? h->text_len
                                                         : TROP_CARD_MD_MAX_LINK_TEXT,
                                                     tmp)
                                : 0;
        const char *needle = tl ? tmp : h->url;
        size_t nl = tl ? tl : h->url_len;
        if (!nl)
            continue;
        if ((size_t)k != cursor_block) {
            cursor_block = (size_t)k;
            cursor = 0;
        }
        const char *hit = cursor <= blk->len ? memmem(blk->text + cursor, blk->len - cursor,
                                                      needle, nl)
                                             : NULL;
        if (!hit)
            hit = memmem(blk->text, blk->len, needle, nl);
        if (!hit)
            continue;
        h->block = (uint32_t)k;
        h->at = (uint32_t)(hit - blk->text);
        h->len = (uint32_t)nl;
        cursor = h->at + nl;
    }
}

int trop_card_md_blocks(const trop_card_md *m, trop_arena *arena, trop_card_body *body)
{
    bld b = {.m = m};
    for (size_t i = 0; i < m->lines.n && !b.oom; i++) {
        const trop_card_md_line *l = &m->lines.v[i];
        switch (l->kind) {
        case TROP_CARD_MD_L_TEXT:
            text_line(&b, l);
            break;
        case TROP_CARD_MD_L_HEADING:
        case TROP_CARD_MD_L_SETEXT:
            heading_line(&b, l);
            break;
        case TROP_CARD_MD_L_FENCE:
            fence_line(&b, l);
            break;
        case TROP_CARD_MD_L_CODE:
            code_line(&b, l);
            break;
        default: flush(&b); break; /* blank, underline, delimiter, rule, definition */
        }
    }
    flush(&b);
    int rc = b.oom ? TRO_ENOMEM : freeze(&b, arena, body);
    trop_vec_free(&b.blocks);
    trop_vec_free(&b.text);
    trop_vec_free(&b.at);
    trop_vec_free(&b.raw);
    if (!rc)
        place_links(body);
    return rc;
}

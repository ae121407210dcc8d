/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Block structure of a card's Markdown body, in one pass over its lines:
 * ATX and setext headings (not inside fenced code or HTML comments), the
 * sections they open, GFM tables, fenced code, link reference definitions.
 * Inline content goes to inline.c. What each line is goes to m->lines,
 * from which blocks.c makes the body's blocks.
 */
#include "card.h"
#include "../text/text.h"

#include <stdlib.h>
#include <string.h>

/* Block state carried from line to line. */
typedef struct blocks {
    bool in_fence;
    unsigned char fence_ch;
    size_t fence_len;
    bool in_table;
    bool para;               /* inside a paragraph */
    bool para_ok;            /* it may become a setext heading */
    size_t para_start;
    uint64_t para_line, para_words, para_placeholders;
    bool prev_pipe;          /* the previous line held a '|' */
} blocks;

static trop_card_md_section *cur(trop_card_md *m)
{
    return &m->secs[m->nsecs - 1];
}

/* Opens a section at the heading on line `line` starting at `at`; false
 * when the section bound is reached (the heading is then body text). */
static bool open_section(trop_card_md *m, unsigned level, size_t at, uint64_t line, size_t ts,
                         size_t te, size_t body)
{
    if (m->nsecs > TROP_CARD_MD_MAX_SECTIONS) { /* secs[0] is no heading */
        m->st->sections_dropped++;
        return false;
    }
    if (m->nsecs == m->capsecs) {
        size_t cap = m->capsecs * 2;
        trop_card_md_section *v = realloc(m->secs, cap * sizeof *v);
        if (!v) {
            m->oom = true;
            return false;
        }
        m->secs = v;
        m->capsecs = cap;
    }
    cur(m)->body_end = at;
    trop_card_md_section *s = &m->secs[m->nsecs++];
    memset(s, 0, sizeof *s);
    s->level = (uint8_t)level;
    s->line = line;
    s->title = m->s + ts;
    s->title_len = te - ts;
    s->body_start = body;
    return true;
}

/* Run of c at s[p..end): its length. */
static size_t run_of(const unsigned char *s, size_t p, size_t end, unsigned char c)
{
    size_t k = p;
    while (k < end && s[k] == c)
        k++;
    return k - p;
}

static bool only_spaces(const unsigned char *s, size_t p, size_t end)
{
    while (p < end && trop_card_md_is_sp(s[p]))
        p++;
    return p == end;
}

static bool atx_heading(trop_card_md *m, blocks *b, size_t ls, size_t p, size_t end, size_t next)
{
    const unsigned char *s = (const unsigned char *)m->s;
    size_t level = run_of(s, p, end, '#');
    if (level > 6 || (p + level < end && !trop_card_md_is_sp(s[p + level])))
        return false;
    size_t ts = p + level, te = end;
    while (ts < te && trop_card_md_is_sp(s[ts]))
        ts++;
    while (te > ts && trop_card_md_is_sp(s[te - 1]))
        te--;
    size_t q = te; /* an optional closing run of '#' after a space */
    while (q > ts && s[q - 1] == '#')
        q--;
    if (q == ts)
        te = ts;
    else if (q < te && trop_card_md_is_sp(s[q - 1])) {
        te = q;
        while (te > ts && trop_card_md_is_sp(s[te - 1]))
            te--;
    }
    b->para = b->in_table = false;
    m->line_kind = TROP_CARD_MD_L_HEADING;
    return open_section(m, (unsigned)level, ls, m->line, ts, te, next);
}

/* A line of one repeated character (with spaces between for breaks). */
static bool rule_line(const unsigned char *s, size_t p, size_t end, unsigned char c,
                      bool spaced, size_t min)
{
    size_t count = 0;
    for (size_t k = p; k < end; k++) {
        if (s[k] == c)
            count++;
        else if (!trop_card_md_is_sp(s[k]) || (!spaced && count && !only_spaces(s, k, end)))
            return false;
    }
    return count >= min;
}

static bool setext_heading(trop_card_md *m, blocks *b, unsigned level, size_t ls, size_t next)
{
    uint64_t words = cur(m)->words, placeholders = cur(m)->placeholders;
    size_t te = ls;
    while (te > b->para_start && (m->s[te - 1] == '\n' || m->s[te - 1] == '\r'))
        te--;
    /* the paragraph, counted as text of the section before, is the title */
    cur(m)->words = b->para_words;
    cur(m)->placeholders = b->para_placeholders;
    b->para = false;
    m->line_kind = TROP_CARD_MD_L_UNDER;
    if (open_section(m, level, b->para_start, b->para_line, b->para_start, te, next)) {
        for (size_t i = m->para_first; i < m->lines.n; i++) {
            m->lines.v[i].kind = TROP_CARD_MD_L_SETEXT;
            m->lines.v[i].sec = (uint32_t)(m->nsecs - 1);
        }
        return true;
    }
    cur(m)->words = words;
    cur(m)->placeholders = placeholders;
    return true;
}

/* A GFM table delimiter row: only | : - and spaces, with a '|' and a '-'. */
static bool delimiter_row(const unsigned char *s, size_t p, size_t end)
{
    bool pipe = false, dash = false;
    for (size_t k = p; k < end; k++) {
        unsigned char c = s[k];
        if (c == '|')
            pipe = true;
        else if (c == '-')
            dash = true;
        else if (c != ':' && !trop_card_md_is_sp(c))
            return false;
    }
    return pipe && dash;
}

static bool fence_open(trop_card_md *m, blocks *b, size_t p, size_t end)
{
    const unsigned char *s = (const unsigned char *)m->s;
    unsigned char c = s[p];
    size_t len = run_of(s, p, end, c);
    if (len < 3)
        return false;
    if (c == '`' && memchr(s + p + len, '`', end - p - len))
        return false; /* a backtick info string makes it inline code */
    b->in_fence = true;
    b->fence_ch = c;
    b->fence_len = len;
    b->para = b->in_table = false;
    m->line_kind = TROP_CARD_MD_L_FENCE;
    return true;
}

static bool fence_close(const blocks *b, const unsigned char *s, size_t p, size_t end)
{
    size_t len = run_of(s, p, end, b->fence_ch);
    return len >= b->fence_len && only_spaces(s, p + len, end);
}

size_t trop_card_md_list_marker(const unsigned char *s, size_t p, size_t end)
{
    if ((s[p] == '-' || s[p] == '*' || s[p] == '+') &&
        (p + 1 == end || trop_card_md_is_sp(s[p + 1])))
        return p + 1 < end ? 2 : 1;
    size_t k = p;
    while (k < end && k - p < 9 && s[k] >= '0' && s[k] <= '9')
        k++;
    if (k > p && k < end && (s[k] == '.' || s[k] == ')') &&
        (k + 1 == end || trop_card_md_is_sp(s[k + 1])))
        return k + 1 - p + (k + 1 < end);
    return 0;
}

/* Structure a line may have: returns true when it was fully handled. */
static bool block_line(trop_card_md *m, blocks *b, size_t ls, size_t p, size_t end, size_t next,
                       unsigned indent)
{
    const unsigned char *s = (const unsigned char *)m->s;
    unsigned char c = s[p];
    if (c == '`' || c == '~')
        return fence_open(m, b, p, end);
    if (indent > 3)
        return false;
    switch (c) {
    case '#':
        return atx_heading(m, b, ls, p, end, next);
    case '=':
    case '-':
        if (b->para && b->para_ok && !b->in_table && rule_line(s, p, end, c, false, 1))
            return setext_heading(m, b, c == '=' ? 1 : 2, ls, next);
        break;
    case '[':
        return !b->para && trop_card_md_definition(m, p, end);
    default:
        break;
    }
    if ((c == '-' || c == '*' || c == '_') && rule_line(s, p, end, c, true, 3)) {
        b->para = b->in_table = false;
        return true;
    }
    if (b->prev_pipe && b->para && delimiter_row(s, p, end)) {
        cur(m)->has_table = true;
        m->tables++;
        b->in_table = true;
        b->para = false;
        m->line_kind = TROP_CARD_MD_L_DELIM;
        if (m->lines.n && m->lines.v[m->lines.n - 1].kind == TROP_CARD_MD_L_TEXT)
            m->lines.v[m->lines.n - 1].row = 2; /* the line above is the header */
        return true;
    }
    return false;
}

static unsigned indent_of(const unsigned char *s, size_t *p, size_t end)
{
    unsigned col = 0;
    for (; *p < end && trop_card_md_is_sp(s[*p]); (*p)++)
        col = s[*p] == '\t' ? (col + 4) & ~3u : col + 1;
    return col;
}

static void count_line(trop_card_md *m)
{
    trop_card_md_section *c = cur(m);
    if (m->line_placeholder)
        c->placeholders++;
    else
        c->words += m->line_words;
    if (m->line_table)
        c->has_table = true;
}

static void text_line(trop_card_md *m, blocks *b, size_t ls, size_t p, size_t end)
{
    const unsigned char *s = (const unsigned char *)m->s;
    if (!b->para && !b->in_table) {
        b->para = true;
        b->para_start = ls;
        b->para_line = m->line;
        m->para_first = m->lines.n;
        b->para_words = cur(m)->words;
        b->para_placeholders = cur(m)->placeholders;
        b->para_ok = !strchr("><|", s[p]) && !trop_card_md_list_marker(s, p, end);
    }
    trop_card_md_inline(m, p, end);
    b->prev_pipe = m->line_pipe;
}

/* Keeps what the line is for the blocks (no more than TROP_CARD_MD_MAX_LINES). */
static void record_line(trop_card_md *m, size_t ls, size_t end, unsigned indent, bool row)
{
    if (m->lines.n >= TROP_CARD_MD_MAX_LINES)
        return;
    if (trop_vec_reserve(&m->lines, 1)) {
        m->oom = true;
        return;
    }
    m->lines.v[m->lines.n++] = (trop_card_md_line){.start = ls,
                             .end = end,
                             .line = m->line,
                             .sec = (uint32_t)(m->nsecs - 1),
                             .kind = m->line_kind,
                             .indent = (uint8_t)(indent > 255 ? 255 : indent),
                             .row = row};
}

static void one_line(trop_card_md *m, blocks *b, size_t ls, size_t end, size_t next)
{
    const unsigned char *s = (const unsigned char *)m->s;
    m->line_words = 0;
    m->line_placeholder = m->line_pipe = m->line_table = false;
    m->line_kind = TROP_CARD_MD_L_OTHER;
    size_t p = ls;
    unsigned indent = indent_of(s, &p, end);
    bool row = false;
    if (b->in_fence) {
        if (fence_close(b, s, p, end)) {
            b->in_fence = false;
            m->line_kind = TROP_CARD_MD_L_FENCE;
        } else {
            trop_card_md_words(m, p, end); /* code is content, but holds no links */
            m->line_kind = TROP_CARD_MD_L_CODE;
        }
    } else if (m->in_comment) {
        trop_card_md_inline(m, ls, end); /* looks for the end of the comment */
    } else if (p == end) {
        b->para = b->in_table = b->prev_pipe = false;
        m->line_kind = TROP_CARD_MD_L_BLANK;
    } else if (!block_line(m, b, ls, p, end, next, indent)) {
        text_line(m, b, ls, p, end);
        m->line_kind = TROP_CARD_MD_L_TEXT;
        row = b->in_table;
    }
    record_line(m, ls, end, indent, row);
    if (m->line_table)
        m->tables++;
    count_line(m);
}

/* ---- output -------------------------------------------------------------- */

/* Words of each section together with its subsections. */
static void subtree_words(trop_card_md *m)
{
    size_t stack[8], depth = 0;
    for (size_t i = 0; i < m->nsecs; i++) {
        trop_card_md_section *c = &m->secs[i];
        c->subtree_words = c->words;
        if (c->level == 0)
            continue;
        while (depth && m->secs[stack[depth - 1]].level >= c->level)
            depth--;
        for (size_t k = 0; k < depth; k++)
            m->secs[stack[k]].subtree_words += c->words;
        stack[depth++] = i;
    }
}

/* The body of the scanned m, in arena. */
static int output(trop_card_md *m, trop_arena *arena, trop_card_body **body)
{
    subtree_words(m);
    trop_card_md_links_resolve(m);
    if (trop_card_md_body(m, arena, body) || trop_card_md_blocks(m, arena, *body))
        return TRO_ENOMEM;
    for (size_t i = 0; i < m->nsecs; i++)
        (*body)->words += m->secs[i].words;
    (*body)->tables = m->tables;
    return 0;
}

int trop_card_md_scan(const char *s, size_t n, uint64_t first_line, trop_card_md_stats *st,
                      trop_arena *arena, trop_card_body **body)
{
    *body = NULL;
    trop_card_md m = {.s = s, .n = n, .line = first_line, .st = st, .blk = {.at = SIZE_MAX}};
    blocks b = {0};
    int rc = TRO_ENOMEM;
    /* Cards have a link per ~400 bytes and a heading per ~700: sized so,
     * the arrays are allocated once for most cards instead of doubling
     * from small (each step a copy, and past 1 KiB a consolidation of
     * glibc's free small chunks). */
    m.capsecs = n / 512 + 8 < TROP_CARD_MD_MAX_SECTIONS ? n / 512 + 8 : TROP_CARD_MD_MAX_SECTIONS;
    m.caplinks = n / 256 + 8 < TROP_CARD_MD_MAX_LINKS ? n / 256 + 8 : TROP_CARD_MD_MAX_LINKS;
    m.secs = malloc(m.capsecs * sizeof *m.secs);
    m.links = malloc(m.caplinks * sizeof *m.links);
    /* and a line per ~50 bytes: room for one per 32, up to 64 Ki lines
     * (doubling from small cost 1.2 M instructions on the 55 corpus cards) */
    size_t lines = n / 32 + 16 < 65536 ? n / 32 + 16 : 65536;
    if (!m.secs || !m.links || trop_vec_reserve(&m.lines, lines))
        goto done;
    memset(&m.secs[0], 0, sizeof m.secs[0]); /* open_section clears the others */
    m.nsecs = 1; /* the text before the first heading */
    m.secs[0].line = first_line;
    for (size_t pos = 0; pos < n && !m.oom; m.line++) {
        size_t le = trop_text_find_byte(s, pos, n, '\n'), next = le < n ? le + 1 : n, e = le;
        if (e > pos && s[e - 1] == '\r')
            e--;
        one_line(&m, &b, pos, e, next);
        pos = next;
    }
    cur(&m)->body_end = n;
    st->last_line = m.line - 1;
    if (!m.oom && !output(&m, arena, body))
        rc = 0;
done:
    trop_card_md_links_free(&m);
    trop_vec_free(&m.lines);
    free(m.secs);
    return rc;
}

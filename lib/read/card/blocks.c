/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The blocks of a card's body as plain text (facts.h): paragraphs, list
 * items, table rows, headings and fenced code, in order, each with its
 * section, made from the lines the scanner classified (md.c). The
 * judge reads sentences out of them, once the markup that would get in its
 * way is removed (plain.c).
 * A link of the body is then found in the plain text of the block on its
 * line, so the judge can read the sentence around it.
 */
#include "card.h"
#include "../text/text.h"

#include <stdlib.h>
#include <string.h>

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
    for (size_t k = p;; k++) {
        k = trop_text_find_byte2(s, k, end, b->m->n, '|', '`');
        if (k < end && s[k] == '`')
            code = !code;
        if (k < end && (s[k] != '|' || code || (k > p && s[k - 1] == '\\')))
            continue;
        if (cell > p)
            raw_add(b, "</td>", 5); /* a cell separator once made plain */
        raw_add(b, s + cell, k - cell);
        cell = k + 1;
        if (k == end)
            return;
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
    char *pool = trop_arena_copy(arena, b->text.v, b->text.n);
    trop_card_block *v = trop_arena_take(arena, (b->blocks.n ? b->blocks.n : 1) * sizeof *v);
    if (!pool || !v)
        return TRO_ENOMEM;
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

/* The first needle[0..nl) in s[0..len), nl > 0. A link's text is mostly
 * found within a few bytes of the cursor: its first byte is looked for
 * with memchr and the rest compared, a few times, before memmem (which
 * prepares a two-way search each call, some 350 instructions; place_links
 * spent 1.9 M of them on the 55 corpus cards), which bounds the work on a
 * text of many near misses. */
static const char *find(const char *s, size_t len, const char *needle, size_t nl)
{
    for (int tries = 0; tries < 8 && len >= nl; tries++) {
        const char *p = memchr(s, needle[0], len - nl + 1);
        if (!p)
            return NULL;
        if (!memcmp(p + 1, needle + 1, nl - 1))
            return p;
        len -= (size_t)(p - s) + 1;
        s = p + 1;
    }
    return len >= nl ? memmem(s, len, needle, nl) : NULL;
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
        const char *hit =
            cursor <= blk->len ? find(blk->text + cursor, blk->len - cursor, needle, nl) : NULL;
        if (!hit)
            hit = find(blk->text, blk->len, needle, nl);
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
    /* the texts take about the body's bytes, a block at least a line: room
     * made once, not doubled from small (a copy each step) */
    b.oom = trop_vec_reserve(&b.text, m->n + 1) || trop_vec_reserve(&b.at, m->lines.n + 1) ||
            trop_vec_reserve(&b.blocks, m->lines.n + 1);
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

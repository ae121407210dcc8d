/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Inline Markdown for the card reader: words, links, code spans, HTML
 * comments and tags on one line.
 *
 * Every construct is looked for on one line only, and each search is bounded
 * or remembered when it fails (code span closers, link destinations), so a
 * hostile line costs time linear in its length.
 */
#include "card.h"
#include "bytes.h"
#include "../text/text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The classes of bytes.h; ':' and 'w' are special only as the start
 * of "://" and "www.", which bytes.h checks before calling them so. */
/* clang-format off */
const unsigned char trop_card_md_ctab[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 17, 17, 1, 1, 17, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    17, 16, 0, 0, 0, 0, 16, 8, 0, 0, 16, 0, 0, 8, 8, 8,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 12, 0, 20, 0, 0, 0,
    8, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 20, 20, 20, 0, 24,
    20, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 6, 2, 2, 2, 0, 4, 0, 16, 0,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};
/* clang-format on */

/* The block holding s[i] (loaded unless it is the one kept); words: its
 * word starts are enough. */
static inline const trop_card_md_block *block_of(trop_card_md *m, size_t i, bool words)
{
    size_t at = i & ~(size_t)(TROP_CARD_MD_SPAN - 1);
    if (m->blk.at == at && (!m->blk.words || words))
        return &m->blk;
    if (words)
        trop_card_md_block_words(&m->blk, (const unsigned char *)m->s, m->n, at);
    else
        trop_card_md_block_load(&m->blk, (const unsigned char *)m->s, m->n, at);
    return &m->blk;
}

/* Where the scan of block k stops for text ending at end: bit index. */
static inline unsigned block_end(const trop_card_md_block *k, size_t end)
{
    return end - k->at < TROP_CARD_MD_SPAN ? (unsigned)(end - k->at) : TROP_CARD_MD_SPAN;
}

/* Words starting in s[i..end). Whether a word starts at a byte depends on
 * the two bytes before it, whatever they are: text scanned from s[i] has
 * before it a line break, indentation, a backtick or "-->", none of which
 * is a word character or joins one, so no byte before i changes a count. */
static uint64_t count_words(trop_card_md *m, size_t i, size_t end)
{
    uint64_t w = 0;
    while (i < end) {
        const trop_card_md_block *k = block_of(m, i, true);
        unsigned lim = block_end(k, end);
        w += trop_text_popcount(k->starts & trop_card_md_range((unsigned)(i - k->at), lim));
        i = k->at + lim;
    }
    return w;
}

static trop_card_md_link *new_link(trop_card_md *m, uint8_t kind, size_t off)
{
    size_t resolved = m->nlinks - m->pending_refs;
    if (resolved >= TROP_CARD_MD_MAX_LINKS || m->pending_refs >= TROP_CARD_MD_MAX_LINKS) {
        m->st->links_dropped++;
        return NULL;
    }
    if (m->nlinks == m->caplinks) {
        size_t cap = m->caplinks * 2; /* the first size: trop_card_md_scan */
        trop_card_md_link *v = realloc(m->links, cap * sizeof *v);
        if (!v) {
            m->oom = true;
            return NULL;
        }
        m->links = v;
        m->caplinks = cap;
    }
    trop_card_md_link *l = &m->links[m->nlinks++];
    memset(l, 0, sizeof *l);
    l->kind = kind;
    l->off = off;
    l->line = m->line;
    if (kind == TROP_CARD_LINK_REFERENCE)
        m->pending_refs++;
    return l;
}

/* Bare URLs seen inside what became a link's text are that text, not links. */
static void drop_bare_after(trop_card_md *m, size_t off)
{
    for (size_t k = m->nlinks; k > 0 && m->links[k - 1].off > off; k--)
        if (m->links[k - 1].kind == TROP_CARD_LINK_BARE)
            m->links[k - 1].removed = true;
}

/* ---- code spans --------------------------------------------------------- */

static size_t code_span(trop_card_md *m, size_t i, size_t end)
{
    const unsigned char *s = (const unsigned char *)m->s;
    size_t k = i;
    while (k < end && s[k] == '`')
        k++;
    size_t run = k - i;
    /* a failed search for a closer of this length fails again later on the
     * line: remember it (runs over 8 backticks are never spans) */
    if (run > 8 || (m->span_failed & (1u << run)))
        return k;
    for (size_t p = k; p < end;) {
        const unsigned char *q = memchr(s + p, '`', end - p);
        if (!q)
            break;
        size_t qs = (size_t)(q - s), qe = qs;
        while (qe < end && s[qe] == '`')
            qe++;
        if (qe - qs == run) {
            m->line_words += count_words(m, k, qs);
            return qe;
        }
        p = qe;
    }
    m->span_failed |= 1u << run;
    return k;
}

/* ---- bare URLs (GFM extended autolinks) --------------------------------- */

static bool bare_boundary(const unsigned char *s, size_t start, size_t seg)
{
    if (start == seg)
        return true;
    unsigned char c = s[start - 1];
    return trop_card_md_is_sp(c) || c == '*' || c == '_' || c == '~' || c == '(';
}

static size_t bare_url(trop_card_md *m, size_t start, size_t body, size_t end, bool www)
{
    const unsigned char *s = (const unsigned char *)m->s;
    if (body >= end || !(trop_card_md_ctab[s[body]] & TROP_CARD_MD_AL))
        return start;
    size_t j = start;
    while (j < end && !(trop_card_md_ctab[s[j]] & TROP_CARD_MD_SP) && s[j] != '<' &&
           !(s[j] == ']' && m->nopen))
        j++;
    m->bare_until = j;
    if (j - start > TROP_CARD_MD_MAX_URL)
        return j;
    size_t e = j, open = 0, close = 0;
    for (size_t q = start; q < e; q++)
        open += s[q] == '(', close += s[q] == ')';
    /* trailing punctuation is the sentence's, and so is an unmatched ')' */
    while (e > body) {
        unsigned char c = s[e - 1];
        if (c && strchr("?!.,:*_~'\";", c))
            e--;
        else if (c == ')' && close > open)
            e--, close--;
        else
            break;
    }
    if (e <= body)
        return j;
    trop_card_md_link *l = new_link(m, TROP_CARD_LINK_BARE, start);
    if (l) {
        trop_card_md_slice(&l->url, &l->url_len, m->s, start, e, TROP_CARD_MD_MAX_URL);
        l->text = l->url;
        l->text_len = trop_card_md_clamp(l->url_len, TROP_CARD_MD_MAX_LINK_TEXT);
        l->www = www;
    }
    return j;
}

static void maybe_bare(trop_card_md *m, size_t i, size_t seg, size_t end)
{
    const unsigned char *s = (const unsigned char *)m->s;
    size_t start;
    bool www = s[i] == 'w';
    if (www) {
        if (end - i < 5 || memcmp(s + i, "www.", 4) != 0)
            return;
        start = i;
    } else {
        if (end - i < 3 || s[i + 1] != '/' || s[i + 2] != '/')
            return;
        if (i >= 5 + seg && strncasecmp((const char *)s + i - 5, "https", 5) == 0)
            start = i - 5;
        else if (i >= 4 + seg && strncasecmp((const char *)s + i - 4, "http", 4) == 0)
            start = i - 4;
        else
            return;
    }
    if (start < m->bare_until || !bare_boundary(s, start, seg))
        return;
    bare_url(m, start, www ? i + 4 : i + 3, end, www);
}

/* ---- [text](url "title"), [text][ref], [ref] ----------------------------- */

/* The first byte of s[k..lim) that ends or shapes a link destination: a
 * space or control byte, '\\', '(' or ')'; lim if none. */
static size_t dest_stop(const unsigned char *s, size_t k, size_t lim)
{
    while (k < lim && s[k] > ' ' && s[k] != '\\' && s[k] != '(' && s[k] != ')')
        k++;
    return k;
}

/* Parses "(dest "title")" at s[j] == '('. Returns the end or 0. */
static size_t inline_dest(trop_card_md *m, size_t j, size_t end, trop_card_md_link *out)
{
    const unsigned char *s = (const unsigned char *)m->s;
    size_t k = j + 1, ds, de;
    while (k < end && trop_card_md_is_sp(s[k]))
        k++;
    if (k < end && s[k] == '<') {
        ds = ++k;
        while (k < end && s[k] != '>' && s[k] != '<' && k - ds < TROP_CARD_MD_MAX_URL)
            k += (s[k] == '\\' && k + 1 < end) ? 2 : 1;
        if (k >= end || s[k] != '>')
            goto fail;
        de = k++;
    } else {
        unsigned depth = 0;
        ds = k;
        size_t lim = end - ds > TROP_CARD_MD_MAX_URL ? ds + TROP_CARD_MD_MAX_URL : end;
        for (;;) {
            k = dest_stop(s, k, lim);
            if (k >= lim || s[k] <= ' ')
                break;
            if (s[k] == '\\' && k + 1 < end) {
                k += 2;
                continue;
            }
            if (s[k] == '(' && ++depth > 32)
                goto fail;
            if (s[k] == ')' && depth-- == 0)
                break;
            k++;
        }
        de = k;
    }
    while (k < end && trop_card_md_is_sp(s[k]))
        k++;
    if (k < end && (s[k] == '"' || s[k] == '\'' || s[k] == '(') && k > de) {
        unsigned char close = s[k] == '(' ? ')' : s[k];
        size_t ts = ++k;
        while (k < end && s[k] != close && k - ts < TROP_CARD_MD_MAX_LINK_TEXT)
            k += (s[k] == '\\' && k + 1 < end) ? 2 : 1;
        if (k >= end || s[k] != close)
            goto fail;
        trop_card_md_slice(&out->title, &out->title_len, m->s, ts, k, TROP_CARD_MD_MAX_LINK_TEXT);
        k++;
        while (k < end && trop_card_md_is_sp(s[k]))
            k++;
    }
    if (k >= end || s[k] != ')')
        goto fail;
    trop_card_md_slice(&out->url, &out->url_len, m->s, ds, de, TROP_CARD_MD_MAX_URL);
    return k + 1;
fail:
    /* a later destination starting inside this one would rescan it */
    if (k > m->no_link_before)
        m->no_link_before = k;
    return 0;
}

static size_t close_bracket(trop_card_md *m, size_t i, size_t end)
{
    const unsigned char *s = (const unsigned char *)m->s;
    m->nopen--;
    size_t o = m->open[m->nopen];
    bool image = m->open_image[m->nopen];
    size_t start = image ? o - 1 : o, after = i + 1;
    if (after < end && s[after] == '(' && after >= m->no_link_before) {
        trop_card_md_link tmp = {0};
        size_t e = inline_dest(m, after, end, &tmp);
        if (e) {
            trop_card_md_link *l = new_link(m, TROP_CARD_LINK_INLINE, start);
            if (l) {
                tmp.kind = l->kind, tmp.off = l->off, tmp.line = l->line;
                *l = tmp;
                l->image = image;
                trop_card_md_slice(&l->text, &l->text_len, m->s, o + 1, i,
                                   TROP_CARD_MD_MAX_LINK_TEXT);
            }
            drop_bare_after(m, o);
            return e;
        }
    }
    size_t ls = o + 1, le = i, ret = i + 1;
    if (after < end && s[after] == '[') {
        size_t k = after + 1;
        while (k < end && s[k] != ']' && s[k] != '[' && k - after <= TROP_CARD_MD_MAX_LABEL)
            k += (s[k] == '\\' && k + 1 < end) ? 2 : 1;
        if (k < end && s[k] == ']') {
            if (k > after + 1)
                ls = after + 1, le = k;
            ret = k + 1;
            drop_bare_after(m, o);
        }
    }
    if (le > ls && le - ls <= TROP_CARD_MD_MAX_LABEL) {
        trop_card_md_link *l = new_link(m, TROP_CARD_LINK_REFERENCE, start);
        if (l) {
            l->image = image;
            trop_card_md_slice(&l->text, &l->text_len, m->s, o + 1, i, TROP_CARD_MD_MAX_LINK_TEXT);
            trop_card_md_slice(&l->label, &l->label_len, m->s, ls, le, TROP_CARD_MD_MAX_LABEL);
        }
    }
    return ret;
}

/* ---- <autolinks>, <a href>, <img src>, <table>, <!-- --> ----------------- */

static size_t autolink(trop_card_md *m, size_t i, size_t end)
{
    const unsigned char *s = (const unsigned char *)m->s;
    size_t k = i + 1, limit = end - i > TROP_CARD_MD_MAX_URL ? i + TROP_CARD_MD_MAX_URL : end;
    bool at = false, colon = false;
    if (k >= end || !(trop_card_md_ctab[s[k]] & TROP_CARD_MD_AL))
        return 0;
    for (; k < limit && s[k] != '>'; k++) {
        if (s[k] <= ' ' || s[k] == '<')
            return 0;
        if (s[k] == ':' && !at && k - i >= 3 && k - i <= 33)
            colon = true;
        at |= s[k] == '@';
    }
    if (k >= limit || (!colon && !at) || k == i + 1)
        return 0;
    trop_card_md_link *l = new_link(m, TROP_CARD_LINK_AUTOLINK, i);
    if (l) {
        trop_card_md_slice(&l->url, &l->url_len, m->s, i + 1, k, TROP_CARD_MD_MAX_URL);
        l->text = l->url;
        l->text_len = trop_card_md_clamp(l->url_len, TROP_CARD_MD_MAX_LINK_TEXT);
        l->mailto = !colon;
    }
    return k + 1;
}

/* Value of attribute name in the tag s[a..b), or false. */
static bool tag_attr(const unsigned char *s, size_t a, size_t b, const char *name,
                     size_t *vs, size_t *ve)
{
    size_t nl = strlen(name);
    for (size_t k = a; k + nl < b; k++) {
        if (!trop_card_md_is_sp(s[k]) || strncasecmp((const char *)s + k + 1, name, nl) != 0)
            continue;
        size_t p = k + 1 + nl;
        while (p < b && trop_card_md_is_sp(s[p]))
            p++;
        if (p >= b || s[p] != '=')
            continue;
        p++;
        while (p < b && trop_card_md_is_sp(s[p]))
            p++;
        if (p < b && (s[p] == '"' || s[p] == '\'')) {
            const unsigned char *q = memchr(s + p + 1, s[p], b - p - 1);
            if (!q)
                return false;
            *vs = p + 1, *ve = (size_t)(q - s);
            return true;
        }
        *vs = p;
        while (p < b && !trop_card_md_is_sp(s[p]) && s[p] != '>')
            p++;
        *ve = p;
        return *ve > *vs;
    }
    return false;
}

/* Whether the tag at s[i] == '<' is <name ...>, name in lower case
 * letters: compared byte by byte (a '<' in prose is common, a call to
 * strncasecmp per '<' was not cheap). */
static bool tag_is(const unsigned char *s, size_t i, size_t end, const char *name, size_t nl)
{
    if (end - i < nl + 2)
        return false;
    for (size_t k = 0; k < nl; k++)
        if ((s[i + 1 + k] | 0x20) != (unsigned char)name[k])
            return false;
    unsigned char c = s[i + 1 + nl];
    return trop_card_md_is_sp(c) || c == '>' || c == '/';
}

static size_t html_tag(trop_card_md *m, size_t i, size_t end)
{
    const unsigned char *s = (const unsigned char *)m->s;
    bool a = tag_is(s, i, end, "a", 1), img = !a && tag_is(s, i, end, "img", 3);
    if (!a && !img) {
        if (tag_is(s, i, end, "table", 5))
            m->line_table = true;
        return 0;
    }
    size_t lim = end - i > TROP_CARD_MD_MAX_URL ? i + TROP_CARD_MD_MAX_URL : end;
    const unsigned char *gt = memchr(s + i, '>', lim - i);
    size_t vs, ve;
    if (!gt || !tag_attr(s, i, (size_t)(gt - s), a ? "href" : "src", &vs, &ve))
        return 0;
    size_t after = (size_t)(gt - s) + 1;
    trop_card_md_link *l = new_link(m, TROP_CARD_LINK_HTML, i);
    if (!l)
        return after;
    l->image = img;
    trop_card_md_slice(&l->url, &l->url_len, m->s, vs, ve, TROP_CARD_MD_MAX_URL);
    if (a) { /* the text runs to </a> on the same line */
        size_t tl =
            end - after > TROP_CARD_MD_MAX_LINK_TEXT ? after + TROP_CARD_MD_MAX_LINK_TEXT : end;
        for (size_t k = after; k + 4 <= tl; k++)
            if (s[k] == '<' && strncasecmp((const char *)s + k, "</a>", 4) == 0) {
                trop_card_md_slice(&l->text, &l->text_len, m->s, after, k,
                                   TROP_CARD_MD_MAX_LINK_TEXT);
                break;
            }
    } else if (tag_attr(s, i, (size_t)(gt - s), "alt", &vs, &ve)) {
        trop_card_md_slice(&l->text, &l->text_len, m->s, vs, ve, TROP_CARD_MD_MAX_LINK_TEXT);
    }
    return after;
}

static size_t less_than(trop_card_md *m, size_t i, size_t end)
{
    const unsigned char *s = (const unsigned char *)m->s;
    if (end - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
        const unsigned char *c = memmem(s + i + 4, end - i - 4, "-->", 3);
        if (c)
            return (size_t)(c - s) + 3;
        m->in_comment = true;
        return end;
    }
    size_t e = autolink(m, i, end);
    if (!e)
        e = html_tag(m, i, end);
    return e ? e : i + 1;
}

/* ---- the line scanner ---------------------------------------------------- */

static size_t special(trop_card_md *m, size_t i, size_t seg, size_t end)
{
    const unsigned char *s = (const unsigned char *)m->s;
    switch (s[i]) {
    case '\\':
        return i + 2 <= end ? i + 2 : end;
    case '`':
        return code_span(m, i, end);
    case '[':
        if (end - i >= sizeof TROP_CARD_MD_PLACEHOLDER - 1 &&
            memcmp(s + i, TROP_CARD_MD_PLACEHOLDER, sizeof TROP_CARD_MD_PLACEHOLDER - 1) == 0)
            m->line_placeholder = true;
        if (m->nopen < TROP_CARD_MD_MAX_OPEN) {
            m->open_image[m->nopen] = i > seg && s[i - 1] == '!';
            m->open[m->nopen++] = i;
        }
        return i + 1;
    case ']':
        return m->nopen ? close_bracket(m, i, end) : i + 1;
    case '<':
        return less_than(m, i, end);
    default: /* ':' or 'w' */
        maybe_bare(m, i, seg, end);
        return i + 1;
    }
}

void trop_card_md_inline(trop_card_md *m, size_t i, size_t end)
{
    const unsigned char *s = (const unsigned char *)m->s;
    size_t seg = i;
    m->nopen = 0;
    m->span_failed = 0;
    m->no_link_before = 0;
    m->bare_until = 0;
    if (m->in_comment) {
        const unsigned char *close = memmem(s + i, end - i, "-->", 3);
        if (!close)
            return;
        m->in_comment = false;
        i = seg = (size_t)(close - s) + 3;
    }
    uint64_t w = 0, pipes = 0;
    while (i < end) {
        const trop_card_md_block *k = block_of(m, i, false);
        uint64_t r = trop_card_md_range((unsigned)(i - k->at), block_end(k, end));
        uint64_t sp = k->special & r;
        if (!sp) {
            w += trop_text_popcount(k->starts & r);
            pipes |= k->pipe & r;
            i = k->at + block_end(k, end);
            continue;
        }
        /* the words and pipes up to the special byte, itself included */
        unsigned j = (unsigned)__builtin_ctzll(sp);
        r &= trop_card_md_range(0, j + 1);
        w += trop_text_popcount(k->starts & r);
        pipes |= k->pipe & r;
        i = special(m, k->at + j, seg, end); /* may skip a destination or a tag */
    }
    m->line_words += w;
    m->line_pipe |= pipes != 0;
}

void trop_card_md_words(trop_card_md *m, size_t i, size_t end)
{
    m->line_words += count_words(m, i, end);
}

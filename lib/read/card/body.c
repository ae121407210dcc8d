/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The sections and links of a card's body as compact C arrays (one pool of
 * strings) in the artifact's arena, part of its facts (facts.h): the judge
 * reads them directly, and the "sections" and "links" JSON of the metadata
 * is rendered from them only when someone asks for the metadata (a check
 * builds no JSON per section or link).
 */
#include "card.h"

#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {"inline", "reference", "autolink", "bare", "html"};
#define KINDS (sizeof kind_names / sizeof *kind_names)

/* Trimmed text of c: [*a, *a + return) of m->s; *cut when over the limit. */
static size_t section_text(const trop_card_md *m, const trop_card_md_section *c, size_t *a,
                           bool *cut)
{
    size_t s = c->body_start, e = c->body_end;
    while (s < e && (unsigned char)m->s[s] <= ' ')
        s++;
    while (e > s && (unsigned char)m->s[e - 1] <= ' ')
        e--;
    *a = s;
    *cut = e - s > TROP_CARD_MD_MAX_SECTION_TEXT;
    return *cut ? trop_utf8_floor(m->s + s, e - s, TROP_CARD_MD_MAX_SECTION_TEXT) : e - s;
}

/* Pool bytes the titles and links of m need at most. */
static size_t pool_size(const trop_card_md *m)
{
    size_t n = 0;
    for (size_t i = 0; i < m->nsecs; i++)
        n += trop_card_md_clamp(m->secs[i].title_len, TROP_CARD_MD_MAX_TITLE) + 1;
    for (size_t i = 0; i < m->nlinks; i++) {
        const trop_card_md_link *l = &m->links[i];
        n += 7 + (size_t)l->url_len + 1 + (size_t)l->text_len + 1 + (size_t)l->title_len + 1;
    }
    return n;
}

static char *put(char **pool, const char *prefix, const char *s, size_t n, size_t *len)
{
    char *r = *pool, *p = r;
    size_t pl = prefix ? strlen(prefix) : 0;
    memcpy(p, prefix ? prefix : "", pl);
    if (n)
        memcpy(p + pl, s, n);
    p[pl + n] = '\0';
    *len = pl + n;
    *pool = p + pl + n + 1;
    return r;
}

/* Title with whitespace runs (and setext line breaks) collapsed. */
static char *put_title(char **pool, const trop_card_md_section *c, size_t *len)
{
    char *buf = *pool;
    size_t o = 0;
    bool space = false;
    for (size_t i = 0; i < c->title_len && o < TROP_CARD_MD_MAX_TITLE; i++) {
        char ch = c->title[i];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            space = o > 0;
            continue;
        }
        if (space)
            buf[o++] = ' ';
        space = false;
        if (o < TROP_CARD_MD_MAX_TITLE)
            buf[o++] = ch;
    }
    o = trop_utf8_floor(buf, o, o);
    buf[o] = '\0';
    *len = o;
    *pool = buf + o + 1;
    return buf;
}

/* Each record is written whole, as a compound literal: a field not named
 * is zero, though the arena does not zero what it gives. Its strings are
 * put in the pool first, one after another (a literal's initialisers are
 * evaluated in no set order). */

/* text: the pool's copy of m->s */
static void fill_section(const trop_card_md *m, const trop_card_md_section *c, trop_card_section *o,
                         const char *text, char **pool)
{
    size_t a, title_len;
    bool cut;
    size_t text_len = section_text(m, c, &a, &cut);
    const char *title = put_title(pool, c, &title_len);
    *o = (trop_card_section){.title = title,
                             .text = text + a,
                             .title_len = title_len,
                             .text_len = text_len,
                             .line = c->line,
                             .words = c->words,
                             .subtree_words = c->subtree_words,
                             .level = c->level,
                             .has_table = c->has_table,
                             .placeholder = c->placeholders && !c->words,
                             .text_truncated = cut};
}

static void fill_link(const trop_card_md_link *l, trop_card_href *o, char **pool)
{
    const char *prefix = l->www ? "http://" : l->mailto ? "mailto:" : NULL;
    size_t url_len, text_len, title_len = 0;
    const char *url = put(pool, prefix, l->url, l->url_len, &url_len);
    const char *t = put(pool, NULL, l->text, l->text ? l->text_len : 0, &text_len);
    const char *title = l->title ? put(pool, NULL, l->title, l->title_len, &title_len) : NULL;
    *o = (trop_card_href){.url = url,
                          .text = t,
                          .title = title,
                          .url_len = url_len,
                          .text_len = text_len,
                          .title_len = title_len,
                          .line = l->line,
                          .kind = l->kind < KINDS ? l->kind : 0,
                          .image = l->image,
                          /* placed with the blocks (blocks.c) */
                          .block = TROP_CARD_NO_BLOCK};
}

int trop_card_md_body(const trop_card_md *m, trop_arena *arena, trop_card_body **out)
{
    /* one block: the body, its arrays, then the titles and links (counts
     * are bounded by TROP_CARD_MD_MAX_SECTIONS and TROP_CARD_MD_MAX_LINKS,
     * strings by the text); the sections' texts are slices of a copy of the
     * whole text, made apart; the block is not zeroed first, as each
     * record is written whole */
    size_t hs = sizeof(trop_card_body), ss = m->nsecs * sizeof(trop_card_section);
    size_t ls = m->nlinks * sizeof(trop_card_href), ps = pool_size(m);
    *out = NULL;
    if (ps > SIZE_MAX - hs - ss - ls)
        return TRO_ENOMEM;
    char *blk = trop_arena_take(arena, hs + ss + ls + ps);
    const char *text = blk ? trop_arena_copy(arena, m->s, m->n) : NULL;
    if (!text)
        return TRO_ENOMEM;
    trop_card_body *b = (trop_card_body *)(void *)blk;
    *b = (trop_card_body){.secs = (trop_card_section *)(void *)(blk + hs),
                          .links = (trop_card_href *)(void *)(blk + hs + ss)};
    char *pool = blk + hs + ss + ls;
    for (size_t i = 0; i < m->nsecs; i++)
        if (trop_card_md_section_shown(m, i))
            fill_section(m, &m->secs[i], &b->secs[b->nsecs++], text, &pool);
    for (size_t i = 0; i < m->nlinks; i++)
        if (!m->links[i].removed)
            fill_link(&m->links[i], &b->links[b->nlinks++], &pool);
    *out = b;
    return 0;
}

/* ---- JSON ---------------------------------------------------------------- */

static int section_json(const trop_card_section *c, json_t *arr)
{
    json_t *o = json_object();
    int bad = !o;
    bad |= json_object_set_new_nocheck(o, "level", json_integer(c->level));
    bad |= json_object_set_new_nocheck(o, "title", json_stringn_nocheck(c->title, c->title_len));
    bad |= json_object_set_new_nocheck(o, "line", json_integer((json_int_t)c->line));
    bad |= json_object_set_new_nocheck(o, "text", json_stringn_nocheck(c->text, c->text_len));
    bad |= json_object_set_new_nocheck(o, "words", json_integer((json_int_t)c->words));
    bad |=
        json_object_set_new_nocheck(o, "subtree_words", json_integer((json_int_t)c->subtree_words));
    /* flags appear only when true: fewer keys to allocate and hash */
    if (c->has_table)
        bad |= json_object_set_new_nocheck(o, "has_table", json_true());
    if (c->placeholder)
        bad |= json_object_set_new_nocheck(o, "placeholder", json_true());
    if (c->text_truncated)
        bad |= json_object_set_new_nocheck(o, "text_truncated", json_true());
    bad |= json_array_append_new(arr, o);
    return bad ? TRO_ENOMEM : 0;
}

int trop_card_sections_json(const trop_card_body *b, json_t *meta)
{
    json_t *arr = json_array();
    if (!arr || json_object_set_new_nocheck(meta, "sections", arr))
        return TRO_ENOMEM;
    for (size_t i = 0; i < b->nsecs; i++)
        if (section_json(&b->secs[i], arr))
            return TRO_ENOMEM;
    return 0;
}

/* kinds: one shared string per kind, so a link costs fewer allocations */
static int link_json(const trop_card_href *l, json_t *arr, json_t *const *kinds)
{
    json_t *o = json_object();
    json_t *url = json_stringn_nocheck(l->url, l->url_len);
    json_t *text = json_stringn_nocheck(l->text, l->text_len);
    int bad = !o || !url;
    bad |= json_object_set_new_nocheck(o, "url", url);
    bad |= json_object_set_new_nocheck(o, "text", text);
    bad |= json_object_set_new_nocheck(o, "line", json_integer((json_int_t)l->line));
    bad |= json_object_set_nocheck(o, "kind", kinds[l->kind]);
    if (l->image) /* flags appear only when true */
        bad |= json_object_set_new_nocheck(o, "image", json_true());
    if (l->title)
        bad |=
            json_object_set_new_nocheck(o, "title", json_stringn_nocheck(l->title, l->title_len));
    bad |= json_array_append_new(arr, o);
    return bad ? TRO_ENOMEM : 0;
}

int trop_card_links_json(const trop_card_body *b, json_t *meta)
{
    json_t *arr = json_array(), *kinds[KINDS];
    int rc = TRO_ENOMEM;
    if (!arr || json_object_set_new_nocheck(meta, "links", arr))
        return rc;
    size_t k = 0;
    for (; k < KINDS; k++)
        if (!(kinds[k] = json_string_nocheck(kind_names[k])))
            goto done;
    rc = 0;
    for (size_t i = 0; i < b->nlinks && !rc; i++)
        rc = link_json(&b->links[i], arr, kinds);
done:
    while (k > 0)
        json_decref(kinds[--k]);
    return rc;
}

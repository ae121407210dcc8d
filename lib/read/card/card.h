/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Private to the card reader: the Markdown body scanner (md.c). */
#ifndef TROP_READ_CARD_H
#define TROP_READ_CARD_H

#include "../facts.h"
#include "bytes.h"

/* Bounds on what one card contributes to its metadata. */
#define TROP_CARD_MD_MAX_SECTIONS 5000u /* headings; text before the first is one more */
#define TROP_CARD_MD_MAX_LINKS 10000u
#define TROP_CARD_MD_MAX_SECTION_TEXT 16384u /* bytes of text kept per section */
#define TROP_CARD_MD_MAX_TITLE 512u
#define TROP_CARD_MD_MAX_LINK_TEXT 512u
#define TROP_CARD_MD_MAX_URL 2048u
#define TROP_CARD_MD_MAX_LABEL 999u /* CommonMark's bound on reference labels */

/* The placeholder the Hugging Face card templates leave in unfilled fields. */
#define TROP_CARD_MD_PLACEHOLDER "[More Information Needed]"

typedef struct trop_card_md_stats {
    uint64_t sections_dropped;   /* headings beyond TROP_CARD_MD_MAX_SECTIONS */
    uint64_t links_dropped;      /* links beyond TROP_CARD_MD_MAX_LINKS */
    uint64_t last_line;          /* file line of the last line scanned */
} trop_card_md_stats;

/*
 * Scans the Markdown text s[0..n) (valid UTF-8), whose first line is line
 * first_line of the file, in one pass: *body (allocated in arena) gets the
 * sections, the links and the totals. Returns 0 or TRO_ENOMEM.
 */
int trop_card_md_scan(const char *s, size_t n, uint64_t first_line, trop_card_md_stats *st,
                      trop_arena *arena, trop_card_body **body);

/* ---- Scanner state shared by md.c (blocks) and inline.c ------------------ */

enum {
    TROP_CARD_LINK_INLINE,
    TROP_CARD_LINK_REFERENCE,
    TROP_CARD_LINK_AUTOLINK,
    TROP_CARD_LINK_BARE,
    TROP_CARD_LINK_HTML
};

/* A link found in the body; strings are slices of the body. */
typedef struct trop_card_md_link {
    const char *url, *text, *title, *label;
    uint32_t url_len, text_len, title_len, label_len;
    uint64_t line;
    size_t off;            /* where it starts in the body */
    uint8_t kind;
    bool image;
    bool removed;          /* a bare URL that turned out to be link text */
    bool www;              /* bare "www." link: the URL gets "http://" */
    bool mailto;           /* e-mail autolink: the URL gets "mailto:" */
} trop_card_md_link;

/* A link reference definition: [label]: url "title". */
typedef struct trop_card_md_def {
    char *label;           /* normalised (owned) */
    const char *url, *title;
    uint32_t url_len, title_len;
    size_t seq;            /* the first definition of a label wins */
} trop_card_md_def;

typedef struct trop_card_md_section {
    const char *title;     /* slice; setext titles may span lines */
    size_t title_len;
    uint64_t line;
    size_t body_start, body_end;
    uint64_t words, subtree_words;
    uint64_t placeholders; /* lines holding the template placeholder */
    uint8_t level;         /* 0 for the text before the first heading */
    bool has_table;
} trop_card_md_section;

#define TROP_CARD_MD_MAX_OPEN 32 /* nesting of '[' tracked on one line */

/* What a line of the body is, for the blocks (blocks.c). */
enum {
    TROP_CARD_MD_L_BLANK = 0,
    TROP_CARD_MD_L_TEXT,    /* paragraph, list item, table row, quote, HTML */
    TROP_CARD_MD_L_HEADING, /* an ATX heading */
    TROP_CARD_MD_L_SETEXT,  /* a line of a setext heading's title */
    TROP_CARD_MD_L_UNDER,   /* a setext heading's underline */
    TROP_CARD_MD_L_FENCE,   /* a code fence opening or closing */
    TROP_CARD_MD_L_CODE,    /* a line inside fenced code */
    TROP_CARD_MD_L_DELIM,   /* a GFM table's delimiter row */
    TROP_CARD_MD_L_OTHER    /* a rule, a link reference definition, a comment */
};

typedef struct trop_card_md_line {
    size_t start, end; /* body offsets, without the line break */
    uint64_t line;
    uint32_t sec;      /* index of the section the line belongs to */
    uint8_t kind;      /* TROP_MD_L_* */
    uint8_t indent;    /* columns of indentation, at most 255 */
    uint8_t row;       /* 1: a table row, 2: a table's header row */
} trop_card_md_line;

/* Lines recorded for the blocks, at most (past it, the blocks stop). */
#define TROP_CARD_MD_MAX_LINES 1000000u

typedef struct trop_card_md {
    const char *s;
    size_t n;
    uint64_t line;                 /* file line of the current line */
    trop_card_md_section *secs;
    size_t nsecs, capsecs;
    trop_card_md_link *links;
    size_t nlinks, caplinks, pending_refs;
    trop_card_md_def *defs;
    size_t ndefs, capdefs;
    TROP_VEC(trop_card_md_line) lines; /* each line of the body, for the blocks */
    size_t para_first;             /* index in lines of the current paragraph's first */
    uint8_t line_kind;             /* what block_line() made of the current line */
    trop_card_md_stats *st;
    trop_card_md_block blk; /* the inline scanner's block */
    /* inline state of the current line */
    size_t open[TROP_CARD_MD_MAX_OPEN];
    bool open_image[TROP_CARD_MD_MAX_OPEN];
    unsigned nopen;
    size_t no_link_before;         /* destinations starting earlier failed */
    size_t bare_until;             /* end of the last bare URL */
    unsigned span_failed;          /* code span lengths without a closer */
    uint64_t tables;
    uint64_t line_words;
    bool line_placeholder, line_pipe, line_table;
    bool in_comment;
    bool oom;
} trop_card_md;

static inline bool trop_card_md_is_sp(unsigned char c)
{
    return c == ' ' || c == '\t';
}

static inline uint32_t trop_card_md_clamp(size_t n, size_t max)
{
    return (uint32_t)(n > max ? max : n);
}

/* Points *p at s[a..b), at most max bytes of it. */
static inline void trop_card_md_slice(const char **p, uint32_t *len, const char *s, size_t a,
                                      size_t b, size_t max)
{
    *p = s + a;
    *len = trop_card_md_clamp(b - a, max);
}

/* Scans s[i..end) of the current line: words, links, placeholders, pipes,
 * HTML tables and comments. */
void trop_card_md_inline(trop_card_md *m, size_t i, size_t end);
/* Counts the words of s[i..end) only (lines of fenced code). */
void trop_card_md_words(trop_card_md *m, size_t i, size_t end);
/* Parses a link reference definition filling the line; false if it is not
 * one (links.c, like the two below). */
bool trop_card_md_definition(trop_card_md *m, size_t p, size_t end);
/* Resolves reference links to their definitions; drops those without one. */
void trop_card_md_links_resolve(trop_card_md *m);
/* The body of a scanned card (body.c): *out (in arena) holds the
 * sections and links of m, whose references are resolved and subtree words
 * counted. 0 or TRO_ENOMEM. */
int trop_card_md_body(const trop_card_md *m, trop_arena *arena, trop_card_body **out);
/* The blocks of the body (blocks.c), from m's lines, into b (in
 * arena), and where each link of b stands in them. 0 or TRO_ENOMEM. */
int trop_card_md_blocks(const trop_card_md *m, trop_arena *arena, trop_card_body *b);
/* Text before the first heading is a section only if it has any. */
static inline bool trop_card_md_section_shown(const trop_card_md *m, size_t i)
{
    const trop_card_md_section *c = &m->secs[i];
    return i > 0 || c->words || c->placeholders || c->has_table;
}

/* The length of a list item's marker at s[p..end) with the space after it,
 * or 0 when the line starts no list item. */
size_t trop_card_md_list_marker(const unsigned char *s, size_t p, size_t end);
/* The plain text of Markdown s[0..n) (plain.c, see facts.h), written
 * to out (room for n + 1 bytes); returns its length. */
size_t trop_card_md_plain(const char *s, size_t n, char *out);
/* Adds "sections" or "links" of b to meta. 0 or TRO_ENOMEM. */
int trop_card_sections_json(const trop_card_body *b, json_t *meta);
int trop_card_links_json(const trop_card_body *b, json_t *meta);
/* The card's metadata (card.c's top comment), rendered from its facts:
 * *out a new JSON object. 0 or TRO_ENOMEM. */
int trop_card_meta(const trop_card_facts *f, json_t **out);
void trop_card_md_links_free(trop_card_md *m);

#endif

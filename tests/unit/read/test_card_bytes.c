/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The card reader's byte classes (card/bytes.h): the 64-byte blocks the
 * scanner reads (word starts, specials, pipes) follow the per-byte rules
 * across block edges and at the end of the text; the markup class is what
 * plain text does not copy as it is. */
#include "test.h"
#include "card/bytes.h"
#include "text/text.h"

#include <stdint.h>

static uint64_t rng = 0x9e3779b97f4a7c15u;

static unsigned next(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (unsigned)(rng >> 32);
}

/* Bytes around which the masks change: the specials, "://" and "www.". */
static const char alphabet[] = "w.:/[]<`\\|'-_@ aZ09\t\n\x80\xff";

static void fill(unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (next() & 3) ? (unsigned char)alphabet[next() % (sizeof alphabet - 1)]
                            : (unsigned char)next();
}

static uint64_t specials_of(const char *t, size_t at)
{
    trop_card_md_block b;
    trop_card_md_block_load(&b, (const unsigned char *)t, strlen(t), at);
    return b.special;
}

/* The markup class is the bytes plain text does not copy as they are. */
static void markup(void)
{
    int bad = 0;
    for (unsigned c = 0; c < 256; c++)
        bad += !(trop_card_md_ctab[c] & TROP_CARD_MD_MARKUP) !=
               !(c && strchr("\\`*~_![]<& \t\r\n", (int)c));
    CHECK_INT(bad, 0);
}

/* The word characters and joining punctuation of 16 bytes: bit j is byte
 * j's class, for every byte at every place; a block of words only has
 * the same. */
static void classes(void)
{
    unsigned char p[TROP_CARD_MD_BLOCK + TROP_CARD_MD_AHEAD];
    int bad = 0;
    for (unsigned j = 0; j < sizeof p; j++)
        for (unsigned c = 0; c < 256; c++) {
            fill(p, sizeof p);
            p[j] = (unsigned char)c;
            trop_card_md_bits b = trop_card_md_bits_of(p, false), w = trop_card_md_bits_of(p, true);
            bad += w.al != b.al || w.join != b.join || w.special || w.pipe;
            for (unsigned i = 0; i < TROP_CARD_MD_BLOCK; i++) {
                unsigned k = trop_card_md_ctab[p[i]];
                bad += !((b.al >> i) & 1) != !(k & TROP_CARD_MD_AL);
                bad += !((b.join >> i) & 1) != !(k & TROP_CARD_MD_JOIN);
            }
        }
    CHECK_INT(bad, 0);
}

/* Plain text's marks of 16 bytes: bit j is byte j's markup class and
 * whether it is a space, for every byte at every place. */
static void marks(void)
{
    unsigned char p[TROP_CARD_MD_BLOCK];
    int bad = 0;
    for (unsigned j = 0; j < TROP_CARD_MD_BLOCK; j++)
        for (unsigned c = 0; c < 256; c++) {
            fill(p, sizeof p);
            p[j] = (unsigned char)c;
            trop_card_md_marks m = trop_card_md_marks_of(p);
            for (unsigned i = 0; i < TROP_CARD_MD_BLOCK; i++) {
                bad += !((m.markup >> i) & 1) != !(trop_card_md_ctab[p[i]] & TROP_CARD_MD_MARKUP);
                bad += (int)((m.space >> i) & 1) != (p[i] == ' ');
            }
        }
    CHECK_INT(bad, 0);
}

static void specials(void)
{
    /* the ':' of "://" (":/" is text), the 'w' of "www." ("wwwx" is text),
     * [ ] < ` \ (not '>' nor parentheses); '|' apart */
    const char *t = "a://b:/ wwwx www.x [a](b)<c>`d`|e\\f";
    CHECK(specials_of(t, 0) == ((1u << 1) | (1u << 13) | (1u << 19) | (1u << 21) | (1u << 25) |
                                (1u << 28) | (1u << 30) | (1ull << 33)));
    trop_card_md_block b;
    trop_card_md_block_load(&b, (const unsigned char *)t, strlen(t), 0);
    CHECK(b.pipe == 1ull << 31);
    /* past the end of the text: no "//" follows */
    CHECK(specials_of("a:/", 0) == 0);
    /* in a block's last bytes, the bytes after a ':' or a 'w' are read
     * from the next block's: a ':' or 'w' with no "//" nor "ww." after it
     * is text there too, one with them special */
    char big[130];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    big[62] = ':', big[63] = 'w', big[61] = 'w', big[60] = ':';
    CHECK(specials_of(big, 0) == 0);
    memcpy(big + 61, "www.", 4);
    CHECK(specials_of(big, 0) == 1ull << 61);
    memcpy(big + 61, "x://", 4);
    CHECK(specials_of(big, 0) == 1ull << 62);
    memcpy(big + 63, "www.", 4);
    CHECK(specials_of(big, 0) == 1ull << 63);
    /* and at the end of a text, nothing follows */
    big[66] = '\0';
    CHECK(specials_of(big, 0) == 0);
}

/* Per-byte rules: a word starts at a word character that follows no word
 * character, nor joining punctuation that follows one. */
static int starts_word(const unsigned char *s, size_t i)
{
    unsigned c = trop_card_md_ctab[s[i]];
    unsigned p1 = i ? trop_card_md_ctab[s[i - 1]] : 0, p2 = i > 1 ? trop_card_md_ctab[s[i - 2]] : 0;
    return (c & TROP_CARD_MD_AL) && !(p1 & TROP_CARD_MD_AL) &&
           !((p1 & TROP_CARD_MD_JOIN) && (p2 & TROP_CARD_MD_AL));
}

/* Special at s[i] of s[0..n) (bytes past n are NUL), whichever block
 * holds it. */
static int special_at(const unsigned char *s, size_t n, size_t i)
{
    unsigned char c = s[i];
#define AT(k) (i + (k) < n ? s[i + (k)] : 0)
    if (c == ':')
        return AT(1) == '/' && AT(2) == '/';
    if (c == 'w')
        return AT(1) == 'w' && AT(2) == 'w' && AT(3) == '.';
#undef AT
    return c == '[' || c == ']' || c == '<' || c == '`' || c == '\\';
}

/* One block of s[0..n) checked bit by bit. */
static int block_errors(const unsigned char *s, size_t n, size_t at)
{
    trop_card_md_block b;
    trop_card_md_block_load(&b, s, n, at);
    int bad = b.at != at;
    for (size_t j = 0; j < TROP_CARD_MD_SPAN; j++) {
        size_t i = at + j;
        int in = i < n;
        bad += (int)((b.starts >> j) & 1) != (in && starts_word(s, i));
        bad += (int)((b.special >> j) & 1) != (in && special_at(s, n, i));
        bad += (int)((b.pipe >> j) & 1) != (in && s[i] == '|');
    }
    /* a block of word starts only (fenced code) has the same starts */
    trop_card_md_block w;
    trop_card_md_block_words(&w, s, n, at);
    bad += w.at != at || w.starts != b.starts || w.special || w.pipe || !w.words || b.words;
    return bad;
}

/* Random texts of random length (the last block partial). */
static void blocks(void)
{
    unsigned char s[64 * 4];
    int bad = 0;
    for (int k = 0; k < 20000; k++) {
        fill(s, sizeof s);
        size_t n = 1 + next() % sizeof s;
        for (size_t at = 0; at < n; at += TROP_CARD_MD_SPAN)
            bad += block_errors(s, n, at);
    }
    CHECK_INT(bad, 0);
}

static void counts(void)
{
    int bad = 0;
    for (unsigned x = 0; x < 0x10000u; x++)
        bad += trop_text_popcount(x) != (unsigned)__builtin_popcount(x);
    for (int k = 0; k < 100000; k++) {
        uint64_t x = ((uint64_t)next() << 32 | next()) & ((uint64_t)next() << 32 | next());
        bad += trop_text_popcount(x) != (unsigned)__builtin_popcountll(x);
    }
    CHECK_INT(trop_text_popcount(~(uint64_t)0), 64);
    CHECK(trop_card_md_range(0, 64) == ~(uint64_t)0);
    CHECK(trop_card_md_range(3, 5) == 0x18u);
    CHECK(trop_card_md_range(64, 64) == 0);
    CHECK(trop_card_md_range(0, 0) == 0);
    CHECK_INT(bad, 0);
}

TRO_TEST(card_bytes)
{
    counts();
    markup();
    classes();
    marks();
    specials();
    blocks();
}

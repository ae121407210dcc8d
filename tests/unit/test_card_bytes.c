/* The card reader's byte classes, 16 at a time (card_bytes.h): the SSE2
 * masks equal the table's for every byte in every position and next to
 * every neighbour that matters, and the 64-byte blocks the scanner reads
 * (word starts, specials, pipes, line feeds) follow the per-byte rules across
 * block edges and at the end of the text. */
#include "test.h"
#include "card_bytes.h"

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

static int same(trop_md_bits a, trop_md_bits b)
{
    return a.al == b.al && a.join == b.join && a.special == b.special && a.pipe == b.pipe &&
           a.nl == b.nl;
}

/* The one implementation the platform has, against the table's. */
static trop_md_bits native(const unsigned char *p)
{
    return trop_md_bits_at(p, 0, TROP_MD_BLOCK_READ);
}

static void every_byte(void)
{
    unsigned char p[TROP_MD_BLOCK_READ];
    int bad = 0;
    for (unsigned j = 0; j < TROP_MD_BLOCK; j++)
        for (unsigned c = 0; c < 256; c++) {
            fill(p, sizeof p);
            p[j] = (unsigned char)c;
            bad += !same(native(p), trop_md_bits_table(p));
        }
    CHECK_INT(bad, 0);
}

static void random_windows(void)
{
    unsigned char p[TROP_MD_BLOCK_READ];
    int bad = 0;
    for (int k = 0; k < 200000; k++) {
        fill(p, sizeof p);
        bad += !same(native(p), trop_md_bits_table(p));
    }
    CHECK_INT(bad, 0);
}

static void specials(void)
{
    const unsigned char *t = (const unsigned char *)"a://b:/ wwwx www.x [a](b)<c>`d`|e\\f";
    trop_md_bits b = trop_md_bits_at(t, 0, strlen((const char *)t));
    /* the ':' of "://" (":/" is text) and the 'w' of "www." ("wwwx" is text) */
    CHECK_INT(b.special, (1u << 1) | (1u << 13));
    b = trop_md_bits_at(t, 16, strlen((const char *)t));
    /* ".x [a](b)<c>`d`|": [ ] < ` ` (not '>' nor parentheses); '|' is apart */
    CHECK_INT(b.special, (1u << 3) | (1u << 5) | (1u << 9) | (1u << 12) | (1u << 14));
    CHECK_INT(b.pipe, 1u << 15);
    b = trop_md_bits_at(t, 32, strlen((const char *)t)); /* "e\f", then NULs */
    CHECK_INT(b.special, 1u << 1);
    CHECK_INT(b.al, 1u | 4u);
    b = trop_md_bits_at(t, 0, 3); /* past n reads as NUL: no "//" */
    CHECK_INT(b.special, 0);
    CHECK_INT(b.al, 1);
}

/* Per-byte rule: a word character that follows no word character, nor
 * joining punctuation that follows one. */
static int starts_word(const unsigned char *s, size_t i)
{
    unsigned c = trop_md_ctab[s[i]];
    unsigned p1 = i ? trop_md_ctab[s[i - 1]] : 0, p2 = i > 1 ? trop_md_ctab[s[i - 2]] : 0;
    return (c & TROP_MD_AL) && !(p1 & TROP_MD_AL) && !((p1 & TROP_MD_JOIN) && (p2 & TROP_MD_AL));
}

/* One block of s[0..n) checked bit by bit: word starts against the rule,
 * specials against the table, line feeds against the bytes. */
static int block_errors(const unsigned char *s, size_t n, size_t at)
{
    trop_md_block b;
    trop_md_block_load(&b, s, n, at);
    uint64_t nl = trop_md_nl_mask(s, n, at);
    int bad = b.nl != nl || b.at != at;
    for (size_t j = 0; j < TROP_MD_SPAN; j++) {
        size_t i = at + j;
        int in = i < n;
        if (in && j % TROP_MD_BLOCK == 0) {
            unsigned char pad[TROP_MD_BLOCK_READ] = {0};
            memcpy(pad, s + i, n - i < sizeof pad ? n - i : sizeof pad);
            bad += ((b.special >> j) & 0xffffu) != trop_md_bits_table(pad).special;
        }
        bad += (int)((b.starts >> j) & 1) != (in && starts_word(s, i));
        bad += (int)((nl >> j) & 1) != (in && s[i] == '\n');
        bad += (int)((b.pipe >> j) & 1) != (in && s[i] == '|');
    }
    return bad;
}

/* Random texts of random length (the last block partial). */
static void blocks(void)
{
    unsigned char s[64 * 4 + TROP_MD_BLOCK_READ];
    int bad = 0;
    for (int k = 0; k < 20000; k++) {
        fill(s, sizeof s);
        size_t n = 1 + next() % (64 * 4);
        for (size_t at = 0; at < n; at += TROP_MD_SPAN)
            bad += block_errors(s, n, at);
    }
    CHECK_INT(bad, 0);
}

static void counts(void)
{
    int bad = 0;
    for (unsigned x = 0; x < 0x10000u; x++)
        bad += trop_md_count(x) != (unsigned)__builtin_popcount(x);
    for (int k = 0; k < 100000; k++) {
        uint64_t x = ((uint64_t)next() << 32 | next()) & ((uint64_t)next() << 32 | next());
        bad += trop_md_count(x) != (unsigned)__builtin_popcountll(x);
    }
    CHECK_INT(trop_md_count(~(uint64_t)0), 64);
    CHECK(trop_md_range(0, 64) == ~(uint64_t)0);
    CHECK(trop_md_range(3, 5) == 0x18u);
    CHECK(trop_md_range(64, 64) == 0);
    CHECK(trop_md_range(0, 0) == 0);
    CHECK_INT(bad, 0);
}

int main(void)
{
    counts();
    every_byte();
    random_windows();
    specials();
    blocks();
#ifdef TROP_MD_SSE2
    printf("card_bytes: SSE2 masks checked against the table\n");
#else
    printf("card_bytes: no SSE2; the table's masks checked\n");
#endif
    return trt_finish("test_card_bytes");
}

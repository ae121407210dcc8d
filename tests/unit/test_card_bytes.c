/* The card reader's byte classes, 16 at a time (card_bytes.h): the SSE2
 * masks equal the table's for every byte in every position and next to
 * every neighbour that matters, and the word starts of a block follow the
 * per-byte rule across block edges. */
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
    return a.al == b.al && a.join == b.join && a.special == b.special;
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
    /* ".x [a](b)<c>`d`|": [ ] < ` ` | (not '>' nor parentheses) */
    CHECK_INT(b.special, (1u << 3) | (1u << 5) | (1u << 9) | (1u << 12) | (1u << 14) | (1u << 15));
    b = trop_md_bits_at(t, 32, strlen((const char *)t)); /* "e\f", then NULs */
    CHECK_INT(b.special, 1u << 1);
    CHECK_INT(b.al, 1u | 4u);
    b = trop_md_bits_at(t, 0, 3); /* past n reads as NUL: no "//" */
    CHECK_INT(b.special, 0);
    CHECK_INT(b.al, 1);
}

/* Word starts by the per-byte rule, against the blocks' masks carried
 * from block to block as the scanner does. */
static void word_starts(void)
{
    unsigned char s[16 * 8 + TROP_MD_BLOCK_READ];
    int bad = 0;
    for (int k = 0; k < 20000; k++) {
        fill(s, sizeof s);
        size_t n = 16 * 8;
        unsigned want = 0, got = 0;
        for (size_t i = 0; i < n; i++) {
            unsigned c = trop_md_ctab[s[i]];
            unsigned p1 = i ? trop_md_ctab[s[i - 1]] : 0, p2 = i > 1 ? trop_md_ctab[s[i - 2]] : 0;
            int start = (c & TROP_MD_AL) && !(p1 & TROP_MD_AL) &&
                        !((p1 & TROP_MD_JOIN) && (p2 & TROP_MD_AL));
            want += (unsigned)start;
        }
        unsigned c1 = 0, c2 = 0, j1 = 0;
        for (size_t i = 0; i < n; i += TROP_MD_BLOCK) {
            trop_md_bits b = trop_md_bits_at(s, i, n);
            got += trop_md_count16(trop_md_word_starts(b, c1, c2, j1));
            c1 = (b.al >> 15) & 1, c2 = (b.al >> 14) & 1, j1 = (b.join >> 15) & 1;
        }
        bad += want != got;
    }
    CHECK_INT(bad, 0);
}

static void counts(void)
{
    int bad = 0;
    for (unsigned x = 0; x < 0x10000u; x++)
        bad += trop_md_count16(x) != (unsigned)__builtin_popcount(x);
    CHECK_INT(bad, 0);
}

int main(void)
{
    counts();
    every_byte();
    random_windows();
    specials();
    word_starts();
#ifdef TROP_MD_SSE2
    printf("card_bytes: SSE2 masks checked against the table\n");
#else
    printf("card_bytes: no SSE2; the table's masks checked\n");
#endif
    return trt_finish("test_card_bytes");
}

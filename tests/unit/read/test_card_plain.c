/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The plain text of a block (card/plain.c) against a reference written
 * byte by byte, on random texts of every length up to 300 made of markup:
 * plain.c finds its runs of words, of white space and the brackets a link
 * closes 16 bytes at a time, reads a text's last 16 bytes shifted back,
 * and groups the brackets of a text longer than 256 bytes in one pass;
 * none of that may change a byte of the result. Its answer must not depend
 * on the bytes after the text's end either. */
#include "test.h"
#include "card/card.h"

#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x2545f4914f6cdd1du;

static unsigned next(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (unsigned)(rng >> 32);
}

/* ---- the reference --------------------------------------------------------- */

/* Of the markup, these only: the reference has no tags, entities nor
 * autolinks, whose bytes ('<' and '&') plain.c reads one at a time. */
static const char simple[] = "ab Z09_*`~\\[]()! \t\n\r\n.,|#-\x80\xc3";

static bool ref_word(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static bool ref_white(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* One past the bracket that closes the one at s[i], or i when none does
 * before a blank line; an escape hides the byte after it. */
static size_t ref_close(const char *s, size_t i, size_t n, char open, char close)
{
    size_t depth = 0;
    for (size_t k = i; k < n; k++) {
        if (s[k] == '\\')
            k++;
        else if (s[k] == open)
            depth++;
        else if (s[k] == close && --depth == 0)
            return k + 1;
        else if (s[k] == '\n' && k + 1 < n && s[k + 1] == '\n')
            return i;
    }
    return i;
}

/* facts.h's rules for the bytes of simple[], one byte at a time. */
static size_t ref_plain(const char *s, size_t n, char *out)
{
    size_t o = 0, e;
    for (size_t i = 0; i < n;) {
        char c = s[i];
        if (ref_white(c)) { /* a run is one space, none first nor after a break */
            if (o && out[o - 1] != ' ' && out[o - 1] != '\n')
                out[o++] = ' ';
            while (i < n && ref_white(s[i]))
                i++;
        } else if (c == '\\' && i + 1 < n && s[i + 1] != '\n') {
            out[o++] = s[i + 1];
            i += 2;
        } else if (c == '`' || c == '*' || c == '[') {
            i++;
        } else if (c == '~' && i + 1 < n && s[i + 1] == '~') {
            i += 2;
        } else if (c == '_' && (i == 0 || i + 1 == n || !ref_word((unsigned char)s[i - 1]) ||
                                !ref_word((unsigned char)s[i + 1]))) {
            i++;
        } else if (c == '!' && i + 1 < n && s[i + 1] == '[' &&
                   (e = ref_close(s, i + 1, n, '[', ']')) > i + 1) {
            i = e < n && s[e] == '(' ? ref_close(s, e, n, '(', ')') : e; /* an image */
        } else if (c == ']') {
            i++;
            if (i < n && (s[i] == '(' || s[i] == '['))
                i = ref_close(s, i, n, s[i], s[i] == '(' ? ')' : ']');
        } else {
            out[o++] = c;
            i++;
        }
    }
    while (o && (out[o - 1] == ' ' || out[o - 1] == '\n'))
        o--;
    size_t start = 0;
    while (start < o && (out[start] == ' ' || out[start] == '\n'))
        start++;
    memmove(out, out + start, o - start);
    out[o - start] = '\0';
    return o - start;
}

/* ---- the checks ------------------------------------------------------------ */

#define MAXLEN 300
#define TAIL 32 /* bytes after a text's end that vary */

/* Bytes of every kind plain.c treats apart, tags and entities too. */
static const char heavy[] = "<>&;/#pbrtdx_*`~\\[]()! \t\n\r.a\x80\xc3";

static void fill(char *p, size_t n, const char *alphabet, size_t k)
{
    for (size_t i = 0; i < n; i++)
        p[i] = alphabet[next() % k];
}

/* s[0..n) in plain text, the text in a block of its own size, and with
 * each of two tails after it: 1 when all three agree. */
static int same_whatever_follows(const char *s, size_t n, char *out)
{
    char buf[MAXLEN + TAIL], a[MAXLEN + 1], b[MAXLEN + 1];
    char *own = malloc(n ? n : 1);
    if (!own)
        return 0;
    memcpy(own, s, n);
    size_t len = trop_card_md_plain(own, n, out);
    free(own);
    memcpy(buf, s, n);
    memset(buf + n, 0, TAIL);
    size_t la = trop_card_md_plain(buf, n, a);
    fill(buf + n, TAIL, heavy, sizeof heavy - 1);
    size_t lb = trop_card_md_plain(buf, n, b);
    return la == len && lb == len && !memcmp(a, out, len + 1) && !memcmp(b, out, len + 1);
}

/* plain.c against the reference, and the same whatever follows. */
static int errors(const char *s, size_t n, bool reference)
{
    char out[MAXLEN + 1], want[MAXLEN + 1];
    int bad = !same_whatever_follows(s, n, out);
    if (reference) {
        size_t w = ref_plain(s, n, want);
        bad += w != strlen(out) || strcmp(out, want) != 0;
    }
    return bad;
}

TRO_TEST(card_plain_reference)
{
    char s[MAXLEN];
    int bad = 0;
    for (int k = 0; k < 30000; k++) {
        size_t n = next() % (MAXLEN + 1);
        /* a few of the alphabet's bytes at a time, for runs of one kind */
        size_t kinds = 2 + next() % (sizeof simple - 2);
        fill(s, n, simple + next() % (sizeof simple - kinds), kinds);
        bad += errors(s, n, true);
        fill(s, n, simple, sizeof simple - 1);
        bad += errors(s, n, true);
    }
    CHECK_INT(bad, 0);
}

TRO_TEST(card_plain_tails)
{
    char s[MAXLEN];
    int bad = 0;
    for (int k = 0; k < 30000; k++) {
        size_t n = next() % (MAXLEN + 1);
        fill(s, n, heavy, sizeof heavy - 1);
        bad += errors(s, n, false);
    }
    CHECK_INT(bad, 0);
}

/* Every length of a few texts: each end falls once on every byte. */
TRO_TEST(card_plain_prefixes)
{
    static const char *const texts[] = {
        "word [t1](u(v)w) word ![i](j(k)) x](y\\)z) ](](]( [a](b\n\nc) end **b** _e_ a_b ~~s~~ "
        "`c` \\* \\\n  lead it: [a [b] c](d (e) f) \t\tcells \r\n x](y) ](z] ![n] !x a  b   c "
        "[link](https://x.org/a_(b)) "
        "and ![img](p.png) [ref][r] [plain] model_name_or_path ~~gone~~ `code` [x](y\n\n) end\\",
        "a  b\t\tc \n d_ _e f_g ~x~ ~~y~~ [[[[[[[[[[ ]]]]]]]]]] (((((((( )))))))) "
        "\\\\\\\\\\ ` `` ``` **** ____ !!!! ![![![ ]]] ]( ]] ][ xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx "
        "yyyyyyyyyyyyyyyyyyyyyyyyyyyy z                                 w\n\n\n ]([x]) ![a] "
        "![b](c)d ~~~ x__y__z _ _a_ a_ _",
        "| a </td> b </TH> c <td> d <span>e</span> <!-- hidden --> f &amp; &lt;&gt; &bogus; & "
        "<https://example.org/x> <www.example.org> <http no> a<br>b<BR/>c</p>d<p>e</li>f "
        "</tr>g</div>h</h1>i</H6>j</summary>k<hr>l cell one  </td>  cell two</td>x_y _z_ "
        "&hellip; [a](b) <p\x01x>q</pp>r<br\ts> <",
    };
    char s[MAXLEN];
    int bad = 0;
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        size_t len = strlen(texts[t]);
        CHECK(len >= 257 && len <= MAXLEN); /* short texts and long ones */
        memcpy(s, texts[t], len);
        for (size_t n = 0; n <= len; n++)
            bad += errors(s, n, !strpbrk(texts[t], "<&"));
    }
    CHECK_INT(bad, 0);
}

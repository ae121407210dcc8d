/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Words, sentences and numbers of a card's prose (prose.h). */
#include "prose.h"

#include <stdlib.h>
#include <string.h>

#define W4(c) [c] = true, [c + 1] = true, [c + 2] = true, [c + 3] = true
#define W16(c) W4(c), W4(c + 4), W4(c + 8), W4(c + 12)
const bool trop_word_bytes[256] = {
    W4('0'), W4('4'), ['8'] = true, ['9'] = true,
    W16('A'), W4('Q'), W4('U'), ['Y'] = true, ['Z'] = true,
    W16('a'), W4('q'), W4('u'), ['y'] = true, ['z'] = true,
    W16(0x80), W16(0x90), W16(0xa0), W16(0xb0), W16(0xc0), W16(0xd0), W16(0xe0), W16(0xf0)};
#undef W16
#undef W4

void trop_lower(const char *s, size_t n, char *out)
{
    /* eight bytes at a time: a byte is upper case when it is ASCII, at
     * least 'A' and not past 'Z' (each told by the carry of an addition
     * into its top bit); its 0x20 bit is then set. A card's body is folded
     * whole: 6.3 M instructions on the 55 corpus cards bytewise, 1.7 M so. */
    const uint64_t ones = 0x0101010101010101ull, top = 0x8080808080808080ull;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t low7 = x & ~top;
        uint64_t ge_a = low7 + ones * (0x80 - 'A'); /* top bit: >= 'A' */
        uint64_t gt_z = low7 + ones * (0x7f - 'Z'); /* top bit: > 'Z' */
        uint64_t upper = ge_a & ~gt_z & ~x & top;
        x |= upper >> 2;
        memcpy(out + i, &x, 8);
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        out[i] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    }
}

static bool joiner(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '-' || c == '_';
}

/* Does pattern p match the text at s[i..n) (i a word start)? *end gets
 * where the match ends. */
static bool match_at(const char *s, size_t n, size_t i, const char *p, size_t *end)
{
    size_t k = i;
    for (; *p; p++) {
        if (*p == '*') { /* the rest of the word */
            while (k < n && trop_word_byte((unsigned char)s[k]))
                k++;
            *end = k;
            return true;
        }
        if (*p == ' ') {
            size_t start = k;
            while (k < n && joiner((unsigned char)s[k]))
                k++;
            if (k == start)
                return false;
            continue;
        }
        if (k >= n || s[k] != *p)
            return false;
        k++;
    }
    if (k < n && trop_word_byte((unsigned char)s[k]) && trop_word_byte((unsigned char)s[k - 1]))
        return false;
    *end = k;
    return true;
}

bool trop_word_at(const char *s, size_t n, size_t at, const char *pattern, size_t *len)
{
    size_t end;
    if (at >= n || (at && trop_word_byte((unsigned char)s[at - 1]) &&
                    trop_word_byte((unsigned char)pattern[0])))
        return false;
    if (!match_at(s, n, at, pattern, &end))
        return false;
    *len = end - at;
    return true;
}

long trop_word_find(const char *s, size_t n, size_t from, const char *pattern, size_t *len)
{
    char c0 = pattern[0], c1 = c0 ? pattern[1] : '\0';
    if (!c0 || c0 == ' ' || c0 == '*' || from >= n)
        return -1; /* no literal head to search for */
    bool anchored = trop_word_byte((unsigned char)c0);
    bool lit1 = c1 && c1 != ' ' && c1 != '*'; /* a second byte to test first */
    /* by its first byte (memchr is fast), then its second, then the rest
     * in place (the length of the pattern's literal head is not worth
     * measuring: most hits fail on their second byte) */
    for (size_t i = from; i < n;) {
        const char *hit = memchr(s + i, c0, n - i);
        if (!hit)
            return -1;
        size_t at = (size_t)(hit - s), end;
        bool start = at == 0 || !anchored || !trop_word_byte((unsigned char)s[at - 1]);
        if (start && (!lit1 || (at + 1 < n && hit[1] == c1)) &&
            match_at(s, n, at, pattern, &end)) {
            *len = end - at;
            return (long)at;
        }
        i = at + 1;
    }
    return -1;
}

trop_wmask trop_word_mask(const char *s, size_t n)
{
    trop_wmask m = {{0, 0, 0, 0}};
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i++];
        if (!trop_word_byte(c))
            continue;
        /* a word begins: its first two bytes, then on past its end */
        unsigned char c1 = i < n && trop_word_byte((unsigned char)s[i]) ? (unsigned char)s[i] : 0;
        unsigned k = trop_wmask_bit(c, c1);
        m.bits[k / 64] |= 1ull << (k % 64);
        k = trop_wmask_bit(c, 0); /* "a" may start "a*" too */
        m.bits[k / 64] |= 1ull << (k % 64);
        while (i < n && trop_word_byte((unsigned char)s[i]))
            i++;
    }
    return m;
}

bool trop_word_keys(trop_wmask *keys, const char *const *patterns)
{
    bool all = true;
    for (; *patterns; patterns++) {
        unsigned char c0 = (unsigned char)(*patterns)[0], c1 = (unsigned char)(*patterns)[1];
        if (!trop_word_byte(c0)) {
            all = false;
            continue;
        }
        unsigned k = trop_wmask_bit(c0, trop_word_byte(c1) ? c1 : 0);
        keys->bits[k / 64] |= 1ull << (k % 64);
    }
    return all;
}

long trop_word_any_m(const char *s, size_t n, const char *const *patterns, size_t *at,
                     const trop_wmask *m)
{
    long best = -1;
    size_t len;
    for (size_t i = 0; patterns[i]; i++) {
        if (m && !trop_word_may(m, patterns[i]))
            continue;
        long k = trop_word_find(s, n, 0, patterns[i], &len);
        if (k >= 0 && (best < 0 || (at && (size_t)k < *at))) {
            if (at)
                *at = (size_t)k;
            best = (long)i;
            if (!at)
                break;
        }
    }
    return best;
}

long trop_word_any(const char *s, size_t n, const char *const *patterns, size_t *at)
{
    size_t count = 0;
    while (patterns[count])
        count++;
    /* the word beginnings cost a pass over the text: worth it for a long
     * list only */
    if (count < 6)
        return trop_word_any_m(s, n, patterns, at, NULL);
    trop_wmask m = trop_word_mask(s, n);
    return trop_word_any_m(s, n, patterns, at, &m);
}

bool trop_word_stem_any(const char *s, size_t n, const char *const *stems)
{
    /* the stems' first bytes as a set, then only word starts in it are
     * compared (the 55 corpus cards: 36 M instructions testing every byte
     * against a list of first bytes, 22 M so) */
    uint64_t first[4] = {0, 0, 0, 0};
    size_t k = 0, lens[32];
    for (; stems[k] && k < sizeof lens / sizeof *lens; k++) {
        unsigned char c = (unsigned char)stems[k][0];
        first[c >> 6] |= 1ull << (c & 63);
        lens[k] = strlen(stems[k]);
    }
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (!trop_word_byte(u[i])) {
            i++;
            continue;
        }
        if ((first[u[i] >> 6] >> (u[i] & 63)) & 1)
            for (size_t j = 0; j < k; j++)
                if (s[i] == stems[j][0] && lens[j] <= n - i && !memcmp(s + i, stems[j], lens[j]))
                    return true;
        while (i < n && trop_word_byte(u[i]))
            i++;
    }
    return false;
}

/* ---- sentences ------------------------------------------------------------------------ */

static bool ends_sentence(const char *s, size_t n, size_t i)
{
    /* s[i] is '.', '!' or '?' */
    if (i + 1 < n && s[i + 1] != ' ' && s[i + 1] != '\t')
        return false;
    size_t k = i + 1;
    while (k < n && (s[k] == ' ' || s[k] == '\t'))
        k++;
    if (k < n) {
        unsigned char c = (unsigned char)s[k];
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '"' || c == '(' ||
              c == '[' || c >= 0x80))
            return false;
    }
    if (s[i] != '.')
        return true;
    /* abbreviations and initials do not end one */
    static const struct {
        const char *s;
        size_t n;
    } abbrev[] = {{"e.g", 3}, {"i.e", 3}, {"al", 2},     {"vs", 2},   {"etc", 3}, {"fig", 3},
                  {"eq", 2},  {"no", 2},  {"approx", 6}, {"incl", 4}, {"cf", 2},  {"resp", 4}};
    size_t w = i;
    while (w > 0 && (trop_word_byte((unsigned char)s[w - 1]) || s[w - 1] == '.'))
        w--;
    if (i - w == 1)
        return false; /* a single letter: an initial */
    for (size_t a = 0; a < sizeof abbrev / sizeof *abbrev; a++) {
        size_t al = abbrev[a].n;
        if (i - w == al) {
            size_t m = 0;
            while (m < al && (s[w + m] | 0x20) == abbrev[a].s[m])
                m++;
            if (m == al)
                return false;
        }
    }
    return true;
}

/* The bytes a sentence may end at. */
static const bool stops[256] = {['\n'] = true, ['.'] = true, ['!'] = true, ['?'] = true};

size_t trop_sentences(const char *s, size_t n, trop_span *out, size_t max)
{
    size_t count = 0, start = 0;
    for (size_t i = 0; i <= n && count < max; i++) {
        while (i < n && !stops[(unsigned char)s[i]])
            i++;
        bool cut = i == n || s[i] == '\n';
        size_t end = i;
        if (!cut && (s[i] == '.' || s[i] == '!' || s[i] == '?') && ends_sentence(s, n, i)) {
            cut = true;
            end = i + 1;
        }
        if (!cut)
            continue;
        while (start < end && (s[start] == ' ' || s[start] == '\t'))
            start++;
        if (end > start)
            out[count++] = (trop_span){start, end - start};
        start = end < n && s[end] == '\n' ? end + 1 : end;
        if (end > i)
            i = end - 1;
    }
    return count;
}

trop_span trop_sentence_at(const char *s, size_t n, size_t at)
{
    /* found around at, never more than TROP_SENTENCE_REACH bytes each way:
     * a block may hold many links, each asking for its sentence */
    size_t lo = at > TROP_SENTENCE_REACH ? at - TROP_SENTENCE_REACH : 0;
    size_t hi = n - at > TROP_SENTENCE_REACH ? at + TROP_SENTENCE_REACH : n;
    size_t a = at < n ? at : n, e = a;
    while (a > lo) {
        char c = s[a - 1];
        if (c == '\n' ||
            ((c == '.' || c == '!' || c == '?') && a - 1 < at && ends_sentence(s, n, a - 1)))
            break;
        a--;
    }
    while (e < hi) {
        char c = s[e];
        if (c == '\n')
            break;
        if ((c == '.' || c == '!' || c == '?') && ends_sentence(s, n, e)) {
            e++;
            break;
        }
        e++;
    }
    while (a < e && (s[a] == ' ' || s[a] == '\t'))
        a++;
    return (trop_span){a, e - a};
}

/* ---- numbers ----------------------------------------------------------------------------- */

static bool digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Digits from s[i] ("1,500" with commas: a comma before three digits). */
static size_t digits(const char *s, size_t n, size_t i, bool commas)
{
    size_t k = i;
    for (;;) {
        if (k < n && digit(s[k])) {
            k++;
            continue;
        }
        if (commas && k > i && k + 3 < n && s[k] == ',' && digit(s[k + 1]) &&
            digit(s[k + 2]) && digit(s[k + 3]) && !(k + 4 < n && digit(s[k + 4]))) {
            k += 4;
            continue;
        }
        return k - i;
    }
}

/* 10 to the power e, without libm (exponents written in cards are small). */
static double ten_to(int e)
{
    double v = 1;
    for (int k = 0; k < e && k < 400; k++)
        v *= 10;
    for (int k = 0; k > e && k > -400; k--)
        v /= 10;
    return v;
}

size_t trop_number(const char *s, size_t n, size_t i, double *value, double *mult)
{
    if (i >= n || !(s[i] >= '0' && s[i] <= '9') ||
        (i > 0 && (trop_word_byte((unsigned char)s[i - 1]) && !digit(s[i - 1]))))
        return 0;
    size_t k = i + digits(s, n, i, true);
    if (k + 1 < n && s[k] == '.' && s[k + 1] >= '0' && s[k + 1] <= '9')
        k += 1 + digits(s, n, k + 1, false);
    char buf[64];
    size_t bl = 0;
    for (size_t j = i; j < k && bl < sizeof buf - 1; j++)
        if (s[j] != ',')
            buf[bl++] = s[j];
    buf[bl] = '\0';
    double v = strtod(buf, NULL);
    /* exponents: 3e-4, 6.0E-04, 1e^-6, "x 10-4" / "x 10^-4" / "* 10-4" */
    size_t e = k;
    if (e < n && (s[e] == 'e' || s[e] == 'E')) {
        size_t x = e + 1;
        if (x < n && s[x] == '^')
            x++;
        bool neg = x < n && s[x] == '-';
        if (x < n && (s[x] == '-' || s[x] == '+'))
            x++;
        size_t d = digits(s, n, x, false);
        if (d && d < 4) {
            v *= ten_to((neg ? -1 : 1) * atoi(s + x));
            k = x + d;
        }
    } else {
        size_t x = e, y = 0;
        while (x < n && s[x] == ' ')
            x++;
        if (x < n && (s[x] == 'x' || s[x] == '*'))
            y = x + 1;
        else if (x + 1 < n && (unsigned char)s[x] == 0xc3 && (unsigned char)s[x + 1] == 0x97)
            y = x + 2; /* U+00D7, the multiplication sign */
        if (y) {
            while (y < n && s[y] == ' ')
                y++;
            if (y + 2 < n && s[y] == '1' && s[y + 1] == '0') {
                size_t z = y + 2;
                if (z < n && s[z] == '^')
                    z++;
                bool neg = z < n && s[z] == '-';
                if (z < n && (s[z] == '-' || s[z] == '+'))
                    z++;
                size_t d = digits(s, n, z, false);
                if (d && d < 4) {
                    v *= ten_to((neg ? -1 : 1) * atoi(s + z));
                    k = z + d;
                }
            }
        }
    }
    double m = 1;
    if (k < n) {
        switch (s[k]) {
        case 'k': case 'K': m = 1e3; break;
        case 'm': case 'M': m = 1e6; break;
        case 'b': case 'B': m = 1e9; break;
        case 't': case 'T': m = 1e12; break;
        default: break;
        }
        /* a suffix only when no letter follows it ("2T", not "2Tb" or "7Billion") */
        if (m != 1 && k + 1 < n && ((s[k + 1] | 0x20) >= 'a' && (s[k + 1] | 0x20) <= 'z'))
            m = 1;
        if (m != 1)
            k++;
    }
    *value = v;
    if (mult)
        *mult = m;
    return k - i;
}

bool trop_has_number(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double v;
        if (s[i] >= '0' && s[i] <= '9' && trop_number(s, n, i, &v, NULL))
            return true;
    }
    return false;
}

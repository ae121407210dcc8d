/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Words of a licence text for full-text matching, in the spirit of the SPDX
 * matching guidelines: case, punctuation, white space, bullets and list
 * numbers do not count; hyphens and quotes of every kind are separators;
 * variant spellings (licence/license) count as one word; copyright lines are
 * left out. Letters of every script are words (translated texts), and "2.0"
 * is one word, so that versions stay apart. The same rules, in Python, turn
 * the SPDX sources into the templates (licwords.py). */
#include "internal.h"
#include "license.h"
#include "tmatch.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Code points above ASCII that separate words: Latin-1 punctuation and
 * symbols, general punctuation, arrows and other symbols, CJK and fullwidth
 * punctuation, the byte order mark. */
static bool sep_cp(uint32_t cp)
{
    return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
           (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x2190 && cp <= 0x2BFF) ||
           (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
           (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0xFEFF ||
           cp == 0xFFFD;
}

/* Decodes the UTF-8 sequence at s[i]; an invalid byte is U+FFFD of length 1. */
static uint32_t decode(const unsigned char *s, size_t n, size_t i, size_t *len)
{
    unsigned char c = s[i];
    *len = 1;
    if (c < 0x80)
        return c;
    size_t need = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    if (!need || i + need > n)
        return 0xFFFD;
    uint32_t cp = c & (need == 2 ? 0x1F : need == 3 ? 0x0F : 0x07);
    for (size_t k = 1; k < need; k++) {
        if ((s[i + k] & 0xC0) != 0x80)
            return 0xFFFD;
        cp = cp << 6 | (s[i + k] & 0x3F);
    }
    if ((need == 3 && cp < 0x800) || (need == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0xFFFD;
    *len = need;
    return cp;
}

static bool ascii_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool ascii_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* A line that states a copyright: "Copyright (c) 2024", "Copyright 2024",
 * "(c) 2024", "© 2024", after any leading punctuation. */
static bool copyright_line(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n && !ascii_alnum(s[i]) && s[i] != '(' &&
           !(s[i] == 0xC2 && i + 1 < n && s[i + 1] == 0xA9))
        i++;
    if (n - i >= 3 && !strncasecmp((const char *)s + i, "(c)", 3))
        return true;
    if (n - i >= 2 && s[i] == 0xC2 && s[i + 1] == 0xA9)
        return true;
    if (n - i < 9 || strncasecmp((const char *)s + i, "copyright", 9))
        return false;
    i += 9;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\f' || s[i] == '\v'))
        i++;
    return i < n && (ascii_digit(s[i]) || (s[i] == 0xC2 && i + 1 < n && s[i + 1] == 0xA9) ||
                     (n - i >= 3 && !strncasecmp((const char *)s + i, "(c)", 3)));
}

/* Whether the n bytes at w are one of the words of list, in any case. */
static bool listed(const char *w, size_t n, const char *const *list)
{
    for (const char *const *p = list; *p; p++)
        if (strlen(*p) == n && !strncasecmp(w, *p, n))
            return true;
    return false;
}

/* Words a holder's name may hold in lower case. */
static bool holder_word(const char *w, size_t n)
{
    static const char *const words[] = {
        "and",       "of",   "the",          "by",      "de",         "da",  "van", "von",
        "der",       "du",   "la",           "le",      "et",         "al",  "y",   "c",
        "copyright", "copr", "contributors", "authors", "developers", "inc", "ltd", "llc",
        "co",        "corp", "gmbh",         "rights",  "reserved",   "all", NULL};
    return listed(w, n, words);
}

bool trop_abbreviation(const char *s, size_t i)
{
    static const char *const words[] = {"inc", "ltd", "co", "corp", "jr",   "sr",   "st",
                                        "dr",  "mr",  "ms", "bros", "assn", "univ", NULL};
    size_t k = i;
    while (k > 0 && ascii_alnum((unsigned char)s[k - 1]))
        k--;
    return (i - k == 1 && s[k] >= 'A' && s[k] <= 'Z') || listed(s + k, i - k, words);
}

/* Where words from s[i] on end in a word for a group of holders
 * ("authors", "contributors", "team") within four plain words: one past it,
 * or 0. */
static size_t group_end(const char *s, size_t n, size_t i)
{
    static const char *const groups[] = {"authors", "contributors", "developers", "maintainers",
                                         "team",    "project",      "community",  NULL};
    for (int words = 0; words < 4 && i < n; words++) {
        size_t j = i;
        while (j < n && (ascii_alnum((unsigned char)s[j]) || s[j] == '-' || s[j] == '_'))
            j++;
        if (j == i)
            return 0;
        if (listed(s + i, j - i, groups))
            return j;
        if (j >= n || s[j] != ' ')
            return 0;
        i = j + 1;
    }
    return 0;
}

size_t trop_copyright_statement_len(const char *s, size_t n)
{
    /* the statement, then its holders: names ("Acme Corp.", "Jane Doe
     * <jane@example.com>", "The Regents of the University of California"),
     * years, addresses; it ends at a word in lower case or a mark that
     * starts something else ("--", ";", ":") */
    size_t i = 0, end = 0;
    /* what copyright_line() passes over before the statement */
    while (i < n && !ascii_alnum((unsigned char)s[i]) && s[i] != '(' &&
           !((unsigned char)s[i] == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA9))
        i++;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == '.' && end && i + 1 < n && (s[i + 1] == ' ' || s[i + 1] == '\t') &&
            !trop_abbreviation(s, i)) {
            end = i + 1; /* "Copyright 2024 Acme Labs. This grant lasts..." */
            break;
        }
        if (c == ' ' || c == '\t' || c == ',' || c == '.' || c == '\'' || c == '&' || c == '(' ||
            c == ')' || c == '\r') {
            if (c == '(' && !(i + 2 < n && (s[i + 1] | 0x20) == 'c' && s[i + 2] == ')'))
                break;
            i++;
            continue;
        }
        size_t j = i;
        if (c == '<' ||
            (n - i >= 4 && (!strncasecmp(s + i, "http", 4) || !strncasecmp(s + i, "www.", 4)))) {
            while (j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '>')
                j++;
            i = end = j < n && s[j] == '>' ? j + 1 : j;
            continue;
        }
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA9) { /* © */
            i = end = i + 2;
            continue;
        }
        while (j < n &&
               (ascii_alnum((unsigned char)s[j]) || (unsigned char)s[j] >= 0x80 || s[j] == '@' ||
                (s[j] == '-' && j > i && j + 1 < n && ascii_alnum((unsigned char)s[j + 1])) ||
                (s[j] == '.' && j + 1 < n && ascii_alnum((unsigned char)s[j + 1]))))
            j++;
        if (j == i)
            break; /* "--", ";", ":", "/" ... */
        /* "sp. z o.o.", "e.V.", "s.r.l.": a company's legal form */
        bool abbrev = j - i <= 3 && ((j < n && s[j] == '.') ||
                                     (j - i == 1 && j + 1 < n && s[j] == ' ' && s[j + 1] != ' '));
        bool name = ascii_digit(c) || (c >= 'A' && c <= 'Z') || c >= 0x80 ||
                    holder_word(s + i, j - i) || abbrev;
        if (!name) {
            /* a name in lower case before what its holders are ("The
             * trulyopen example authors", "the gRPC contributors") */
            size_t k = group_end(s, n, i);
            if (!k)
                break;
            j = k;
        }
        i = end = j;
    }
    while (end < n && (s[end] == '.' || s[end] == ')'))
        end++;
    return end ? end : n; /* always past the statement's first mark */
}

bool trop_copyright_line(const char *s, size_t n)
{
    return copyright_line((const unsigned char *)s, n);
}

static uint64_t fold(uint64_t h)
{
    if (!(trop_equiv_bloom[(h >> 6) & 63] >> (h & 63) & 1))
        return h;
    size_t lo = 0, hi = trop_equiv_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (trop_equiv_table[mid].from < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < trop_equiv_count && trop_equiv_table[lo].from == h ? trop_equiv_table[lo].to : h;
}

/* Keeps a word unless it is a single Latin letter or a roman numeral (list
 * markers, or "a"). w is lower case. */
static bool keep(const char *w, size_t n)
{
    static const char *const roman[] = {"ii", "iii", "iv",  "vi",   "vii", "viii",
                                        "ix", "xi",  "xii", "xiii", "xiv", "xv"};
    if (n == 1)
        return !(w[0] >= 'a' && w[0] <= 'z');
    if (n > 4 || !strchr("ivx", w[0]))
        return true;
    for (size_t i = 0; i < sizeof roman / sizeof roman[0]; i++)
        if (!strncmp(roman[i], w, n) && !roman[i][n])
            return false;
    return true;
}

static bool numeric(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!ascii_digit((unsigned char)w[i]) && w[i] != '.')
            return false;
    return true;
}

typedef struct builder {
    trop_toks *out; /* room for a word every two bytes, the most there can be */
    char w[64];     /* the lower-cased word, as far as it fits (for keep()) */
    size_t wn, start;
    uint64_t h;
    bool in_word, first_on_line, input;
} builder;

static void push(builder *b, size_t end)
{
    b->in_word = false;
    bool first = b->first_on_line;
    b->first_on_line = false;
    size_t n = end - b->start;
    if (n < sizeof b->w && !keep(b->w, n))
        return;
    if (b->input && first && n < sizeof b->w && numeric(b->w, n))
        return; /* "1.", "2.3" starting a line: numbering */
    b->out->v[b->out->n++] = (trop_tok){(uint32_t)b->start, (uint32_t)n, fold(b->h)};
}

static void add_byte(builder *b, unsigned char c)
{
    if (b->wn < sizeof b->w)
        b->w[b->wn++] = (char)c;
    b->h = (b->h ^ c) * 1099511628211ull;
}

/* Adds the code point at s[i] (length len) to the current word, lower-cased:
 * ASCII and the Latin-1 capitals (U+00C0-U+00DE). */
static void add_cp(builder *b, const unsigned char *s, size_t i, size_t len, uint32_t cp)
{
    if (!b->in_word) {
        b->in_word = true;
        b->start = i;
        b->wn = 0;
        b->h = 1469598103934665603ull;
    }
    if (cp < 0x80) {
        add_byte(b, (unsigned char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
        return;
    }
    for (size_t k = 0; k < len; k++) {
        unsigned char c = s[i + k];
        if (k == 1 && cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
            c += 32;
        add_byte(b, c);
    }
}

int trop_norm_split(const char *text, size_t len, bool input, trop_toks *out)
{
    out->v = NULL;
    out->n = 0;
    if (len > TROP_TEXT_SCAN_LEN)
        len = TROP_TEXT_SCAN_LEN;
    if (!(out->v = malloc((len / 2 + 1) * sizeof *out->v)))
        return TRO_ENOMEM;
    const unsigned char *s = (const unsigned char *)text;
    builder b = {.out = out, .first_on_line = true, .input = input};
    for (size_t i = 0; i < len;) {
        if (input && (i == 0 || s[i - 1] == '\n')) {
            const unsigned char *eol = memchr(s + i, '\n', len - i);
            size_t ln = eol ? (size_t)(eol - (s + i)) : len - i;
            if (copyright_line(s + i, ln)) {
                /* the statement is left out; what the line says after it
                 * ("... 2024 Acme. Licensed to Acme's customers.") is read */
                size_t st = trop_copyright_statement_len((const char *)s + i, ln);
                i += st;
                b.first_on_line = st >= ln;
                continue;
            }
        }
        unsigned char c = s[i];
        if (c < 0x80) { /* most of a text: no decoding */
            if (ascii_alnum(c) || (c == '.' && b.in_word && i > 0 && ascii_digit(s[i - 1]) &&
                                   i + 1 < len && ascii_digit(s[i + 1]))) {
                add_cp(&b, s, i, 1, c);
            } else {
                if (b.in_word)
                    push(&b, i);
                if (c == '\n')
                    b.first_on_line = true;
            }
            i++;
            continue;
        }
        size_t cl;
        uint32_t cp = decode(s, len, i, &cl);
        if (!sep_cp(cp))
            add_cp(&b, s, i, cl, cp);
        else if (b.in_word)
            push(&b, i);
        i += cl;
    }
    if (b.in_word)
        push(&b, len);
    return 0;
}

void trop_toks_free(trop_toks *t)
{
    free(t->v);
    t->v = NULL;
    t->n = 0;
}

uint64_t trop_norm_word_hash(const char *w, size_t n)
{
    builder b = {0};
    for (size_t i = 0; i < n;) {
        size_t cl = 1;
        uint32_t cp = (unsigned char)w[i];
        if (cp >= 0x80)
            cp = decode((const unsigned char *)w, n, i, &cl);
        add_cp(&b, (const unsigned char *)w, i, cl, cp);
        i += cl;
    }
    return fold(b.h);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

bool trop_vocab_has(uint64_t h)
{
    return bsearch(&h, trop_vocab_hash, trop_vocab_count, sizeof h, cmp_u64) != NULL;
}

uint32_t trop_norm_bigram(uint64_t a, uint64_t b)
{
    uint64_t h = a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull + (a << 6) + (a >> 2));
    h ^= h >> 29;
    return (uint32_t)(h >> 32);
}

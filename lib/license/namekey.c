/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Normalised forms of licence names and URLs, so that "Apache License, Version
 * 2.0", "apache-2.0" and "Apache 2" compare equal. The rules are duplicated in
 * gen-table.py, which keys the name table at build time; test_license checks
 * that both agree on every key. */
#include "internal.h"
#include "license.h"

#include <string.h>
#include <strings.h>

static bool is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static char lower(unsigned char c)
{
    return (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

/* Splits raw text into words: letter/digit runs (a '.' between digits stays,
 * "2.0"), runs of '+', and Unicode dashes as separators. */
typedef struct rawtok {
    char s[64];
    size_t n;
} rawtok;

static int push_part(rawtok *out, int n, int max, const char *s, size_t len)
{
    if (n >= max || len >= sizeof out[0].s)
        return -1;
    memcpy(out[n].s, s, len);
    out[n].s[len] = '\0';
    out[n].n = len;
    return n + 1;
}

/* Splits one word at letter/digit boundaries: "gplv3" -> "gplv", "3". */
static int split_word(const char *w, size_t len, rawtok *out, int n, int max)
{
    size_t i = 0;
    while (i < len && n >= 0) {
        size_t j = i;
        if (is_digit((unsigned char)w[i])) {
            while (j < len && (is_digit((unsigned char)w[j]) || w[j] == '.'))
                j++;
        } else if (w[i] == '+') {
            while (j < len && w[j] == '+')
                j++;
        } else {
            while (j < len && !is_digit((unsigned char)w[j]) && w[j] != '+')
                j++;
        }
        n = push_part(out, n, max, w + i, j - i);
        i = j;
    }
    return n;
}

static int raw_tokens(const char *t, size_t len, rawtok *out, int max)
{
    int n = 0;
    char word[64];
    for (size_t i = 0; i < len && n >= 0;) {
        unsigned char c = (unsigned char)t[i];
        if (is_alnum(c)) {
            size_t j = i, k = 0;
            while (j < len && (is_alnum((unsigned char)t[j]) ||
                               (t[j] == '.' && j > i && is_digit((unsigned char)t[j - 1]) &&
                                j + 1 < len && is_digit((unsigned char)t[j + 1])))) {
                if (k + 1 >= sizeof word)
                    return -1;
                word[k++] = lower((unsigned char)t[j]);
                j++;
            }
            n = split_word(word, k, out, n, max);
            i = j;
        } else if (c == '+') {
            size_t j = i;
            while (j < len && t[j] == '+')
                j++;
            n = push_part(out, n, max, t + i, j - i);
            i = j;
        } else if (c == '&') {
            n = push_part(out, n, max, "and", 3);
            i++;
        } else {
            i++;
        }
    }
    return n;
}

static const char *const noise[] = {"the",     "license", "licenses", "agreement",
                                    "version", "v",       "ver",      NULL};
static const struct {
    const char *from, *a, *b;
} splits[] = {
    {"noncommercial", "non", "commercial"}, {"noderivatives", "no", "derivatives"},
    {"noderivs", "no", "derivatives"},      {"sharealike", "share", "alike"},
    {"licence", "license", NULL},           {"licences", "licenses", NULL},
    {"acknowledgment", "acknowledgement", NULL},
};

static bool is_noise(const char *s)
{
    for (size_t i = 0; noise[i]; i++)
        if (!strcmp(s, noise[i]))
            return true;
    return false;
}

/* Adds a final word unless it is noise; numbers lose trailing ".0". */
static int emit(char (*toks)[64], int n, int max, const char *s)
{
    if (is_noise(s))
        return n;
    if (n >= max)
        return -1;
    size_t len = strlen(s);
    if (len >= 64)
        return -1;
    memcpy(toks[n], s, len + 1);
    if (is_digit((unsigned char)s[0]))
        while (len > 2 && toks[n][len - 2] == '.' && toks[n][len - 1] == '0')
            toks[n][len -= 2] = '\0';
    return n + 1;
}

int trop_name_tokens(const char *text, size_t len, char (*toks)[64], int max)
{
    rawtok raw[96];
    int nraw = raw_tokens(text, len, raw, 96);
    if (nraw < 0)
        return -1;
    int n = 0;
    for (int k = 0; k < nraw && n >= 0; k++) {
        size_t s;
        for (s = 0; s < sizeof splits / sizeof splits[0]; s++)
            if (!strcmp(raw[k].s, splits[s].from))
                break;
        if (s < sizeof splits / sizeof splits[0]) {
            n = emit(toks, n, max, splits[s].a);
            if (splits[s].b && n >= 0)
                n = emit(toks, n, max, splits[s].b);
            continue;
        }
        if (raw[k].n > 2 && raw[k].s[raw[k].n - 1] == 'v' && k + 1 < nraw &&
            is_digit((unsigned char)raw[k + 1].s[0]))
            raw[k].s[--raw[k].n] = '\0';
        n = emit(toks, n, max, raw[k].s);
    }
    /* "or later", "or any later (version)", "or newer" at the end mean "+" */
    static const char *const tails[][3] = {{"or", "later", NULL}, {"or", "any", "later"},
                                           {"or", "newer", NULL}};
    for (size_t t = 0; n > 1 && t < sizeof tails / sizeof tails[0]; t++) {
        int k = tails[t][2] ? 3 : 2;
        bool match = n > k;
        for (int i = 0; match && i < k; i++)
            match = !strcmp(toks[n - k + i], tails[t][i]);
        if (match) {
            n -= k;
            strcpy(toks[n++], "+");
            break;
        }
    }
    return n;
}

int trop_name_key(const char *text, size_t len, char *out)
{
    char toks[48][64];
    int n = trop_name_tokens(text, len, toks, 48);
    if (n < 0)
        return -1;
    size_t k = 0;
    for (int i = 0; i < n; i++) {
        size_t l = strlen(toks[i]);
        if (k + l + 2 > TROP_NAME_KEY_MAX)
            return -1;
        if (i)
            out[k++] = ' ';
        memcpy(out + k, toks[i], l);
        k += l;
    }
    out[k] = '\0';
    return (int)k;
}

/* ---- URLs ------------------------------------------------------------------- */

static bool starts_with(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

/* Removes from the last path segment what does not tell the licence apart:
 * "legalcode", "deed.fr", "index.html", and file extensions. */
static size_t trim_last_segment(char *out, size_t n)
{
    static const char *const ext[] = {".html", ".htm", ".php", ".txt", ".md",
                                      ".json", ".pdf", ".rst", NULL};
    for (int pass = 0; pass < 3; pass++) {
        while (n && out[n - 1] == '/')
            out[--n] = '\0';
        char *slash = memrchr(out, '/', n);
        char *seg = slash ? slash + 1 : out;
        if (slash && (starts_with(seg, "legalcode") || starts_with(seg, "deed") ||
                      starts_with(seg, "index."))) {
            n = (size_t)(slash - out);
            out[n] = '\0';
            continue;
        }
        /* a language variant after a version: gnu.org's "gpl-3.0.en.html" */
        if (slash && n - (size_t)(seg - out) > 4 && out[n - 3] == '.' && out[n - 2] >= 'a' &&
            out[n - 2] <= 'z' && out[n - 1] >= 'a' && out[n - 1] <= 'z' && out[n - 4] >= '0' &&
            out[n - 4] <= '9')
            out[n -= 3] = '\0';
        for (size_t i = 0; ext[i]; i++) {
            size_t el = strlen(ext[i]);
            if (n > el && !strcmp(out + n - el, ext[i]) && out + n - el > seg) {
                n -= el;
                out[n] = '\0';
                break;
            }
        }
    }
    return n;
}

#define RAW_GITHUB "raw.githubusercontent.com"

const char *trop_url_host_alias(const char *host, size_t hn)
{
    return hn == strlen(RAW_GITHUB) && !memcmp(host, RAW_GITHUB, hn) ? "github.com" : NULL;
}

/* Rewrites raw and resolve links to the blob form the table uses. */
static size_t canonical_host_path(char *out, size_t n, size_t outsz)
{
    char *p = strstr(out, "/resolve/");
    if (p && starts_with(out, "huggingface.co/")) {
        memcpy(p, "/blob/", 6);
        memmove(p + 6, p + 9, n - (size_t)(p + 9 - out) + 1);
        n -= 3;
    }
    if (starts_with(out, RAW_GITHUB "/")) {
        /* raw.githubusercontent.com/OWNER/REPO/REF/PATH -> github.com/OWNER/REPO/blob/REF/PATH */
        char *s = out + strlen(RAW_GITHUB "/");
        char *o = strchr(s, '/');
        char *r = o ? strchr(o + 1, '/') : NULL;
        size_t head = strlen(RAW_GITHUB "/") - strlen("github.com/");
        if (r && n - head + 5 < outsz) {
            memmove(out, out + head, n - head + 1);
            n -= head;
            memcpy(out, "github.com/", strlen("github.com/"));
            r -= head;
            memmove(r + 5, r, n - (size_t)(r - out) + 1);
            memcpy(r, "/blob", 5);
            n += 5;
        }
    }
    return n;
}

size_t trop_url_start(const char *url, size_t len)
{
    size_t i = 0;
    while (i < len && (url[i] == ' ' || url[i] == '<' || url[i] == '('))
        i++;
    for (size_t k = i; k + 2 < len && k < i + 10; k++)
        if (url[k] == ':' && url[k + 1] == '/' && url[k + 2] == '/') {
            i = k + 3;
            break;
        }
    if (len - i >= 4 && !strncasecmp(url + i, "www.", 4))
        i += 4;
    return i;
}

bool trop_url_ends_at(char c)
{
    return c == '?' || c == '#' || c == ' ' || c == '>' || c == ')' || c == '"' || c == '\'' ||
           c == '\n' || c == '\r' || c == '\t';
}

int trop_url_normalise(const char *url, size_t len, char *out, size_t outsz)
{
    size_t n = 0;
    for (size_t i = trop_url_start(url, len); i < len; i++) {
        char c = lower((unsigned char)url[i]);
        if (trop_url_ends_at(c))
            break;
        if (n + 16 >= outsz)
            return -1;
        out[n++] = c;
    }
    out[n] = '\0';
    n = canonical_host_path(out, n, outsz);
    n = trim_last_segment(out, n);
    return (int)n;
}

/* ---- Names by their words ---------------------------------------------------- */

static bool soft_word(const char *w)
{
    static const char *const soft[] = {"generic", "unported", "international", "public", NULL};
    for (size_t i = 0; soft[i]; i++)
        if (!strcmp(w, soft[i]))
            return true;
    return false;
}

/* Abbreviations a name may use for words of another ("CC BY", "ODC"). */
static int expand(char (*toks)[64], int n, int max)
{
    static const struct {
        const char *abbr, *words[3];
    } ex[] = {{"cc", {"creative", "commons", NULL}}, {"odc", {"open", "data", "commons"}}};
    char out[32][64];
    int m = 0;
    for (int i = 0; i < n; i++) {
        size_t e;
        for (e = 0; e < sizeof ex / sizeof ex[0]; e++)
            if (!strcmp(toks[i], ex[e].abbr))
                break;
        if (e == sizeof ex / sizeof ex[0]) {
            if (m == 32)
                return -1;
            memcpy(out[m++], toks[i], 64);
            continue;
        }
        for (size_t w = 0; w < 3 && ex[e].words[w]; w++) {
            if (m == 32)
                return -1;
            strcpy(out[m++], ex[e].words[w]);
        }
    }
    if (m > max)
        return -1;
    memcpy(toks, out, (size_t)m * 64);
    return m;
}

/* How the words of a name key k compare with toks (which hold no repeats):
 * SAME when every word of k is in toks, soft, or a version (when toks give
 * none) and every word of toks is in k, the version "1" standing for a name
 * that gives none; PART when toks are only some of k's words, but at least
 * half of them. */
enum { WORDS_NONE, WORDS_PART, WORDS_SAME };

uint32_t trop_flat_hash(const char *text)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        h = (h ^ *p) * 16777619u;
    return h;
}

unsigned trop_word_bit(const char *word)
{
    return trop_flat_hash(word) & 63;
}

/* Whether the word w is one of k's. */
static bool key_has(const char *k, const char *w)
{
    size_t wl = strlen(w);
    for (const char *p = k; (p = strstr(p, w)) != NULL; p++)
        if ((p == k || p[-1] == ' ') && (p[wl] == ' ' || !p[wl]))
            return true;
    return false;
}

static bool key_has_version(const char *k)
{
    for (const char *p = k; *p; p++)
        if ((p == k || p[-1] == ' ') && is_digit((unsigned char)*p))
            return true;
    return false;
}

static int compare_words(const char *k, char (*toks)[64], int n, bool toks_version)
{
    bool one = false;
    for (int i = 0; i < n; i++)
        if (!key_has(k, toks[i])) {
            if (strcmp(toks[i], "1") || key_has_version(k))
                return WORDS_NONE;
            one = true;
        }
    bool missing = false;
    int words = 0, hits = 0;
    for (const char *p = k; *p;) {
        const char *e = strchr(p, ' ');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        char w[64];
        if (l >= sizeof w)
            return WORDS_NONE;
        memcpy(w, p, l);
        w[l] = '\0';
        bool found = false;
        for (int i = 0; i < n && !found; i++)
            found = !strcmp(toks[i], w);
        words++;
        hits += found;
        if (!found && !soft_word(w) && !(is_digit((unsigned char)*w) && !toks_version))
            missing = true;
        p = e ? e + 1 : p + l;
    }
    if (!missing)
        return WORDS_SAME;
    return !one && 2 * hits >= words ? WORDS_PART : WORDS_NONE;
}

/* Whether k with its spaces taken out is flat ("term readkey" = "termreadkey"). */
static bool same_letters(const char *k, const char *flat)
{
    for (; *k; k++) {
        if (*k == ' ')
            continue;
        if (*k != *flat++)
            return false;
    }
    return !*flat;
}

static bool memmem_nocase(const char *s, size_t n, const char *w)
{
    size_t wl = strlen(w);
    for (size_t i = 0; i + wl <= n; i++)
        if (!strncasecmp(s + i, w, wl))
            return true;
    return false;
}

/* Words that do not tell one licence from another. */
static bool plain_word(const char *w)
{
    static const char *const plain[] = {"public", "open",  "source", "software", "code",
                                        "and",    "of",    "for",    "free",     "gnu",
                                        "general", "style", "+",     "bsd",      "mit", NULL};
    if (is_digit((unsigned char)*w))
        return true;
    for (size_t i = 0; plain[i]; i++)
        if (!strcmp(w, plain[i]))
            return true;
    return false;
}

const char *trop_name_find_words(const char *text, size_t len)
{
    char toks[32][64];
    int n = trop_name_tokens(text, len, toks, 32);
    if (n < 1 || (n = expand(toks, n, 32)) < 1)
        return NULL;
    bool version = false, telling = false;
    int m = 0;
    for (int i = 0; i < n; i++) {
        bool repeat = false;
        for (int j = 0; j < m && !repeat; j++)
            repeat = !strcmp(toks[i], toks[j]);
        if (repeat)
            continue;
        if (m != i)
            memcpy(toks[m], toks[i], 64);
        version |= is_digit((unsigned char)toks[m][0]);
        telling |= !plain_word(toks[m]);
        m++;
    }
    n = m;
    /* the same words, or the same letters run together */
    char flat[TROP_NAME_KEY_MAX];
    size_t fl = 0;
    for (int i = 0; i < n && fl + 64 < sizeof flat; i++)
        fl += (size_t)snprintf(flat + fl, sizeof flat - fl, "%s", toks[i]);
    uint64_t bits = 0; /* of the words every key compared must have */
    for (int i = 0; i < n; i++)
        if (strcmp(toks[i], "1"))
            bits |= (uint64_t)1 << trop_word_bit(toks[i]);
    uint32_t flat_hash = trop_flat_hash(flat);
    const char *found = NULL, *part = NULL;
    int parts = 0;
    for (size_t i = 0; i < trop_spdx_name_key_count; i++) {
        const char *k = trop_spdx_name_keys[i].key;
        int c = n >= 2 && !(bits & ~trop_spdx_name_key_bits[i])
                    ? compare_words(k, toks, n, version)
                    : WORDS_NONE;
        if (c == WORDS_NONE && fl > 6 && trop_spdx_name_key_flat[i] == flat_hash &&
            same_letters(k, flat))
            c = WORDS_SAME;
        if (c == WORDS_SAME) {
            if (found && strcmp(found, trop_spdx_name_keys[i].expr))
                return NULL; /* several licences: which one is not said */
            found = trop_spdx_name_keys[i].expr;
        } else if (c == WORDS_PART && (!part || strcmp(part, trop_spdx_name_keys[i].expr))) {
            part = trop_spdx_name_keys[i].expr;
            parts++;
        }
    }
    if (found)
        return found;
    /* Some of one licence's words, none of another's, at least one of them
     * telling it apart, in a text that says it is a licence and says
     * nothing of a restriction. */
    if (parts != 1 || !telling ||
        (!memmem_nocase(text, len, "licen") && !memmem_nocase(text, len, "agreement")))
        return NULL;
    trop_expr *r = NULL;
    if (trop_stated_restriction(text, len, &r) != 0 || r) {
        trop_expr_free(r);
        return NULL;
    }
    return part;
}

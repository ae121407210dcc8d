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

/* Whether w is a word of list (NULL-terminated). The first letters are
 * compared first: most words of a name are in none of the lists, and
 * calling strcmp for every entry of each list cost a check 56 k
 * instructions. */
static bool in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (**list == *w && !strcmp(*list, w))
            return true;
    return false;
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

/* The code point of the UTF-8 sequence at t[0..len) and its length in *n
 * (an invalid byte: -1, length 1). */
static long utf8_at(const char *t, size_t len, size_t *n)
{
    unsigned char c = (unsigned char)t[0];
    size_t l = c >= 0xf0 && c < 0xf8 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
    *n = 1;
    if (!l || l > len)
        return -1;
    long cp = c & (0x3f >> (l - 1));
    for (size_t k = 1; k < l; k++) {
        if (((unsigned char)t[k] & 0xc0) != 0x80)
            return -1;
        cp = (cp << 6) | ((unsigned char)t[k] & 0x3f);
    }
    *n = l;
    return cp;
}

/* Punctuation and spaces beyond ASCII that separate a name's words: dashes,
 * quotes, no-break and ideographic spaces, bullets, CJK and fullwidth
 * brackets and commas. Any other character beyond ASCII is a word of its own
 * that no name has, so that "CC BY 非商用" names nothing. */
static bool wide_separator(long cp)
{
    return cp == 0xa0 || cp == 0xab || cp == 0xbb || cp == 0xb7 || cp == 0xfeff ||
           (cp >= 0x2010 && cp <= 0x2015) || (cp >= 0x2018 && cp <= 0x201f) || cp == 0x2022 ||
           cp == 0x2026 || (cp >= 0x3000 && cp <= 0x3003) || (cp >= 0x3008 && cp <= 0x3011) ||
           cp == 0xff08 || cp == 0xff09 || cp == 0xff0c || cp == 0xff1a || cp == 0xff1b;
}

#define FOREIGN_WORD "#" /* what a run of other characters beyond ASCII becomes */

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
        } else if (c >= 0x80) {
            size_t l;
            if (wide_separator(utf8_at(t + i, len - i, &l))) {
                i += l;
                continue;
            }
            while (i < len && (unsigned char)t[i] >= 0x80 &&
                   !wide_separator(utf8_at(t + i, len - i, &l)))
                i += l;
            n = push_part(out, n, max, FOREIGN_WORD, 1);
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
    {"noncommercial", "non", "commercial"},
    {"noderivatives", "no", "derivatives"},
    {"noderivs", "no", "derivatives"},
    {"sharealike", "share", "alike"},
    {"licence", "license", NULL},
    {"licences", "licenses", NULL},
    {"acknowledgment", "acknowledgement", NULL},
    /* the word "license" as people misspell it, and "MIT licensed" */
    {"lisence", "license", NULL},
    {"lisense", "license", NULL},
    {"licese", "license", NULL},
    {"liscense", "license", NULL},
    {"lincense", "license", NULL},
    {"licens", "license", NULL},
    {"licensed", "license", NULL},
    {"unlicence", "unlicense", NULL},
    {"unlisence", "unlicense", NULL},
    {"unliscense", "unlicense", NULL},
};

static bool is_noise(const char *s)
{
    return in_list(s, noise);
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

/* trop_name_tokens, and in *before the count of words before an "or
 * later" became "+" (-1 when too many). */
static int name_tokens(const char *text, size_t len, char (*toks)[64], int max, int *before)
{
    *before = -1;
    rawtok raw[96];
    int nraw = raw_tokens(text, len, raw, 96);
    if (nraw < 0)
        return -1;
    int n = 0;
    for (int k = 0; k < nraw && n >= 0; k++) {
        size_t s;
        for (s = 0; s < sizeof splits / sizeof splits[0]; s++)
            if (*raw[k].s == *splits[s].from && !strcmp(raw[k].s, splits[s].from))
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
    *before = n;
    /* "or later", "or any later (version)", "or newer" at the end mean "+" */
    static const char *const tails[][3] = {
        {"or", "later", NULL}, {"or", "any", "later"}, {"or", "newer", NULL}};
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

int trop_name_tokens(const char *text, size_t len, char (*toks)[64], int max)
{
    int before;
    return name_tokens(text, len, toks, max, &before);
}

void trop_name_words_of(const char *text, size_t len, trop_name_words *w)
{
    w->n = name_tokens(text, len, w->toks, TROP_NAME_WORDS_MAX, &w->before);
}

int trop_name_words_key(const trop_name_words *w, char *out)
{
    int n = w->n;
    if (n < 0)
        return -1;
    size_t k = 0;
    for (int i = 0; i < n; i++) {
        size_t l = strlen(w->toks[i]);
        if (k + l + 2 > TROP_NAME_KEY_MAX)
            return -1;
        if (i)
            out[k++] = ' ';
        memcpy(out + k, w->toks[i], l);
        k += l;
    }
    out[k] = '\0';
    return (int)k;
}

int trop_name_key(const char *text, size_t len, char *out)
{
    trop_name_words w;
    trop_name_words_of(text, len, &w);
    return trop_name_words_key(&w, out);
}

/* ---- URLs ------------------------------------------------------------------- */

static bool starts_with(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

/* seg is word, alone or with a language: "legalcode", "deed.fr",
 * "legalcode.zh-hans"; not "legalcodeNC" nor "deedAUP". */
static bool legal_segment(const char *seg, const char *word)
{
    if (!starts_with(seg, word))
        return false;
    const char *p = seg + strlen(word);
    if (!*p)
        return true;
    if (*p++ != '.' || !*p)
        return false;
    for (size_t k = 0; p[k]; k++)
        if (k >= 10 || !((p[k] >= 'a' && p[k] <= 'z') || p[k] == '-' || p[k] == '_'))
            return false;
    return true;
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
        if (slash && (legal_segment(seg, "legalcode") || legal_segment(seg, "deed") ||
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

/* mit-license.org shows the MIT licence for a person at their own
 * subdomain ("rem.mit-license.org"): every subdomain is the site. */
#define MIT_LICENSE_ORG "mit-license.org"

/* host is a subdomain of domain: labels of letters, digits and dashes
 * before ".domain" (not "evil.com\\.mit-license.org", "a..mit-license.org"). */
static bool subdomain_of(const char *host, size_t hn, const char *domain)
{
    size_t dn = strlen(domain);
    if (hn <= dn + 1 || host[hn - dn - 1] != '.' || memcmp(host + hn - dn, domain, dn))
        return false;
    for (size_t i = 0; i < hn - dn; i++) {
        char c = host[i];
        bool dot = c == '.';
        if (!dot && !is_alnum((unsigned char)c) && c != '-')
            return false;
        if (dot && (i == 0 || host[i - 1] == '.' || host[i - 1] == '-'))
            return false;
    }
    return true;
}

const char *trop_url_host_alias(const char *host, size_t hn)
{
    if (subdomain_of(host, hn, MIT_LICENSE_ORG))
        return MIT_LICENSE_ORG;
    return hn == strlen(RAW_GITHUB) && !memcmp(host, RAW_GITHUB, hn) ? "github.com" : NULL;
}

/* Rewrites raw and resolve links to the blob form the table uses. */
size_t trop_url_host_clean(char *host, size_t hn)
{
    const char *at = memchr(host, '@', hn);
    if (at) { /* user@host: the host is after it */
        size_t cut = (size_t)(at - host) + 1;
        memmove(host, host + cut, hn - cut);
        hn -= cut;
    }
    const char *colon = memchr(host, ':', hn);
    if (colon) { /* host:port */
        size_t k = (size_t)(colon - host) + 1;
        while (k < hn && is_digit((unsigned char)host[k]))
            k++;
        if (k == hn)
            hn = (size_t)(colon - host);
    }
    while (hn && host[hn - 1] == '.') /* "creativecommons.org." */
        hn--;
    return hn;
}

static size_t canonical_host_path(char *out, size_t n, size_t outsz)
{
    const char *slash = strchr(out, '/');
    size_t hn = slash ? (size_t)(slash - out) : n;
    size_t clean = trop_url_host_clean(out, hn);
    if (clean != hn) {
        memmove(out + clean, out + hn, n - hn + 1);
        n -= hn - clean;
        hn = clean;
    }
    if (subdomain_of(out, hn, MIT_LICENSE_ORG)) {
        size_t cut = hn - strlen(MIT_LICENSE_ORG);
        memmove(out, out + cut, n - cut + 1);
        n -= cut;
    }
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
    return in_list(w, soft);
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

/* Words that do not tell one licence from another. */
static bool plain_word(const char *w)
{
    static const char *const plain[] = {"public", "open", "source", "software", "code",    "and",
                                        "of",     "for",  "free",   "gnu",      "general", "style",
                                        "+",      "bsd",  "mit",    NULL};
    if (is_digit((unsigned char)*w))
        return true;
    return in_list(w, plain);
}

/* How the words of a name compare with a key's. */
enum { WORDS_NONE, WORDS_PART, WORDS_SAME };

#define KEY_WORDS 48

/* Words a name may add that say nothing of which licence it is: "Artistic
 * License for dist", "ANTLR-PD with fallback". */
static bool filler_word(const char *w)
{
    static const char *const filler[] = {"of", "and", "for", "with", NULL};
    return in_list(w, filler);
}

/* A year ("CLIPS License 2017") names a licence only where its key has
 * one; the word at p ends at a space, ':', '=' or the end. */
static bool year_at(const char *p)
{
    return strspn(p, "0123456789") == 4 && strchr(" :=", p[4]) &&
           (!strncmp(p, "19", 2) || !strncmp(p, "20", 2));
}

static bool is_year(const char *w)
{
    return year_at(w) && !w[4];
}

/* Words written for others in licence names: "ALv2" for Apache 2.0. */
static const char *same_word(const char *w)
{
    return !strcmp(w, "apache") ? "al" : NULL;
}

typedef struct keywords {
    char w[KEY_WORDS][64];
    bool found[KEY_WORDS];
    int n;
    bool version, year;
} keywords;

static bool split_key(const char *k, keywords *kw)
{
    kw->n = 0;
    kw->version = kw->year = false;
    for (const char *p = k; *p;) {
        const char *e = strchr(p, ' ');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l >= 64 || kw->n == KEY_WORDS)
            return false;
        memcpy(kw->w[kw->n], p, l);
        kw->w[kw->n][l] = '\0';
        kw->found[kw->n] = false;
        kw->version |= is_digit((unsigned char)*p);
        kw->year |= is_year(kw->w[kw->n]);
        kw->n++;
        p = e ? e + 1 : p + l;
    }
    return true;
}

static bool mark(keywords *kw, const char *w, size_t l)
{
    bool any = false;
    for (int j = 0; j < kw->n; j++)
        if (strlen(kw->w[j]) == l && !memcmp(kw->w[j], w, l))
            kw->found[j] = any = true;
    return any;
}

/* Whether w is one of the extra words: the id's, the id standing for the
 * whole name ("tosl=trusster,open,source"), an initialism ("osl:open,
 * software") unless initials are not to be read; the last two mark the
 * key's words they stand for. */
static bool mark_extra(keywords *kw, const char *extra, const char *w, bool initials)
{
    size_t wl = strlen(w);
    for (const char *p = extra; *p;) {
        const char *e = strchr(p, ' ');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        size_t hl = strcspn(p, ":= ");
        if (hl > l)
            hl = l;
        if (hl == wl && !memcmp(p, w, wl) && (initials || hl == l || p[hl] == '=')) {
            for (const char *q = p + hl + 1; q < p + l;) {
                const char *c = memchr(q, ',', (size_t)(p + l - q));
                size_t ql = c ? (size_t)(c - q) : (size_t)(p + l - q);
                mark(kw, q, ql);
                q += ql + 1;
            }
            return true;
        }
        p = e ? e + 1 : p + l;
    }
    return false;
}

typedef struct words_cmp {
    int level;   /* WORDS_* */
    bool subset; /* every word of the name is one the key allows */
    int missing; /* words of the key the name does not give */
    int telling; /* words of the key the name gives that tell licences apart */
    int hits;    /* words of the key the name gives */
} words_cmp;

/* How the words of a name key k (with its extra words) compare with toks
 * (which hold no repeats): SAME when every word of toks is k's (or an extra
 * word, a filler, a year, a version where k has none) and every word of k
 * is in toks, soft, or a version when toks give none; PART
 * when toks give at least half of k's words. */
static words_cmp compare_words(const char *k, const char *extra, char (*toks)[64], int n,
                               bool toks_version, bool initials)
{
    words_cmp r = {WORDS_NONE, false, 0, 0, 0};
    keywords kw;
    if (!split_key(k, &kw))
        return r;
    /* a first version or a year the name adds is let pass only where
     * neither the key nor its id has a number ("Nokia Open Source License
     * 1.0a"); another number may be part of a name ("RSA-MD2") */
    for (const char *p = extra;; p++) { /* each extra word's first letter */
        if (is_digit((unsigned char)*p)) {
            kw.version = true;
            kw.year |= year_at(p);
        }
        if (!(p = strchr(p, ' ')))
            break;
    }
    bool direct = false; /* a telling word of the key written out */
    for (int i = 0; i < n; i++) {
        const char *t = toks[i], *alt = same_word(t);
        if (mark(&kw, t, strlen(t)) || (alt && mark(&kw, alt, strlen(alt)))) {
            direct |= !plain_word(t);
            continue;
        }
        if (mark_extra(&kw, extra, t, initials))
            continue;
        /* "and" joins licences; a word at either end is no filler ("MIT AND") */
        bool filler = filler_word(t) && strcmp(t, "and") && i && i + 1 < n;
        /* a year, where the licence is not named by one ("bzip2 License 2010") */
        if (!filler && !((!strcmp(t, "1") || is_year(t)) && !kw.version) &&
            !(is_year(t) && !kw.year))
            return r;
    }
    r.subset = true;
    int words = 0, hits = 0;
    for (int j = 0; j < kw.n; j++) {
        const char *w = kw.w[j];
        if (filler_word(w))
            continue;
        words++;
        hits += kw.found[j];
        if (kw.found[j])
            r.telling += !plain_word(w);
        else if (!soft_word(w) && !(is_digit((unsigned char)*w) && !toks_version))
            r.missing++;
    }
    if (!(r.hits = hits))
        return r;
    /* initialisms alone ("TOSL") must give the whole name */
    if (!r.missing)
        r.level = WORDS_SAME;
    else if (direct && 2 * hits >= words)
        r.level = WORDS_PART;
    return r;
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

/* Whether toks give every word of the licence id ("ANTLR-PD with fallback":
 * ANTLR-PD-fallback), two at least, single letters aside ("W3C"). */
static bool id_given(const char *id, char (*toks)[64], int n)
{
    char idt[16][64];
    int m = trop_name_tokens(id, strlen(id), idt, 16), words = 0;
    for (int j = 0; j < m; j++) {
        if (!idt[j][1] && !is_digit((unsigned char)idt[j][0]))
            continue;
        bool given = false;
        for (int i = 0; i < n && !given; i++)
            given = !strcmp(toks[i], idt[j]) ||
                    (same_word(toks[i]) && !strcmp(same_word(toks[i]), idt[j]));
        if (!given)
            return false;
        words++;
    }
    return words >= 2;
}

/* Words that say a text is a licence's name. */
static bool says_licence(const char *text, size_t len)
{
    static const char *const words[] = {"licen",      "agreement", "notice",    "variant",
                                        "disclaimer", "copyleft",  "copyright", NULL};
    for (size_t i = 0; words[i]; i++)
        if (memmem_nocase(text, len, words[i]))
            return true;
    return false;
}

/* Words that model and data licences with use restrictions are named with
 * ("Research License", "Community License", "Acceptable Use"): a name that
 * has one is matched to a licence only by all of its words, never as the
 * nearest of some ("Research License 2.0" is not the OCLC Research Public
 * License 2.0). */
static bool restricted_hint(const char *w)
{
    static const char *const hint[] = {
        "research", "community",  "academic", "noncommercial", "non",         "commercial", "nc",
        "nd",       "evaluation", "personal", "restricted",    "responsible", "acceptable", "rail",
        "model",    "models",     "ai",       "weights",       NULL};
    return in_list(w, hint);
}

/* A word of a name that a key need not have (see compare_words). */
static bool skippable(const char *w)
{
    return filler_word(w) || is_digit((unsigned char)*w) || same_word(w);
}

/* The keys a name is compared with, in table order (on which the first
 * WORDS_SAME and the nearest WORDS_PART depend): those that have every word
 * of the name a key must have (those of its rarest such word; all of them
 * when it has none), and those whose letters are the name's run together.
 * No other key can be WORDS_SAME or WORDS_PART. Walking these instead of
 * the whole table took trop_name_find_words from 88 k instructions a call
 * to 20 k on the corpus cards. */
typedef struct key_walk {
    const uint16_t *word, *flat; /* ascending key indices */
    size_t nword, nflat;
    size_t all; /* the next of every key, when the name has no such word */
    bool every;
} key_walk;

static key_walk keys_for(char (*toks)[64], int n, bool words, size_t fl, uint32_t flat_hash)
{
    key_walk k = {NULL, NULL, 0, 0, 0, false};
    if (fl > 6)
        k.flat = trop_name_keys_flat(flat_hash, &k.nflat);
    if (!words)
        return k;
    k.every = true;
    for (int i = 0; i < n; i++) {
        if (skippable(toks[i]))
            continue;
        size_t c;
        const uint16_t *keys = trop_name_keys_with(toks[i], &c);
        if (k.every || c < k.nword) {
            k.word = keys;
            k.nword = c;
            k.every = false;
        }
    }
    return k;
}

static bool next_key(key_walk *k, size_t *i)
{
    if (k->every) {
        *i = k->all++;
        return *i < trop_spdx_name_key_count;
    }
    if (k->nflat && (!k->nword || *k->flat <= *k->word)) {
        *i = *k->flat++;
        k->nflat--;
        if (k->nword && *k->word == *i) {
            k->word++;
            k->nword--;
        }
        return true;
    }
    if (!k->nword)
        return false;
    *i = *k->word++;
    k->nword--;
    return true;
}

const char *trop_name_find_words(const char *text, size_t len)
{
    trop_name_words w;
    trop_name_words_of(text, len, &w);
    return trop_name_find_words_of(text, len, &w);
}

const char *trop_name_find_words_of(const char *text, size_t len, trop_name_words *w)
{
    char(*toks)[64] = w->toks;
    /* a name of more than 32 words is none */
    int n = w->before > 32 ? -1 : w->n;
    if (n < 1 || (n = expand(toks, n, 32)) < 1)
        return NULL;
    bool version = false, telling = false, hint = false;
    int m = 0;
    for (int i = 0; i < n; i++) {
        /* the letter of a version ("1.0a", "2.0B") */
        bool repeat = !toks[i][1] && i && is_digit((unsigned char)toks[i - 1][0]);
        for (int j = 0; j < m && !repeat; j++)
            repeat = !strcmp(toks[i], toks[j]);
        if (repeat)
            continue;
        if (m != i)
            memcpy(toks[m], toks[i], 64);
        version |= is_digit((unsigned char)toks[m][0]) && !is_year(toks[m]);
        telling |= !plain_word(toks[m]);
        hint |= restricted_hint(toks[m]);
        m++;
    }
    n = m;
    /* the same words, or the same letters run together */
    char flat[TROP_NAME_KEY_MAX];
    size_t fl = 0;
    flat[0] = '\0';
    for (int i = 0; i < n && fl + 64 < sizeof flat; i++) {
        size_t tl = strlen(toks[i]);
        memcpy(flat + fl, toks[i], tl + 1);
        fl += tl;
    }
    uint64_t bits = 0; /* of the words every key compared must have */
    for (int i = 0; i < n; i++)
        if (!skippable(toks[i]))
            bits |= (uint64_t)1 << trop_word_bit(toks[i]);
    /* One word alone says too little ("Sun License", "Apple License", "CCL"),
     * unless its letters are the whole name run together. A
     * parenthesised group must agree with the name by the rules of whole
     * names (classify.c), not by its initials ("(UP)" is no short id). */
    bool initials = !memchr(text, '(', len);
    bool one = n == 1;
    uint32_t flat_hash = trop_flat_hash(flat);
    const char *found = NULL, *best = NULL;
    words_cmp bc = {WORDS_NONE, false, 0, 0, 0};
    bool tie = false;
    key_walk keys = keys_for(toks, n, !one, fl, flat_hash);
    for (size_t i; next_key(&keys, &i);) {
        const char *k = trop_spdx_name_keys[i].key;
        const char *expr = trop_spdx_name_keys[i].expr;
        words_cmp c = {WORDS_NONE, false, 0, 0, 0};
        if (!one && !(bits & ~trop_spdx_name_key_bits[i]))
            c = compare_words(k, trop_spdx_name_key_extra[i], toks, n, version, initials);
        if (c.subset && c.level != WORDS_SAME && id_given(expr, toks, n))
            c.level = WORDS_SAME;
        if (c.level == WORDS_NONE && fl > 6 && trop_spdx_name_key_flat[i] == flat_hash &&
            same_letters(k, flat))
            c.level = WORDS_SAME;
        if (c.level == WORDS_SAME) {
            if (found && strcmp(found, expr))
                return NULL; /* several licences: which one is not said */
            found = expr;
        } else if (c.level == WORDS_PART) {
            if (!best || c.missing < bc.missing) {
                best = expr;
                bc = c;
                tie = false;
            } else if (c.missing == bc.missing && strcmp(best, expr)) {
                tie = true;
            }
        }
    }
    if (found)
        return found;
    /* Some of one licence's words, fewer missing than of any other's, at
     * least one of them telling it apart, in a text that says it is a
     * licence (or gives all its telling words but one) and says nothing of
     * a restriction, nor has a word restricted licences are named with. */
    if (!best || tie || !telling || hint ||
        (!says_licence(text, len) && (bc.telling < 2 || bc.missing > 1)))
        return NULL;
    trop_expr *r = NULL;
    if (trop_stated_restriction(text, len, &r) != 0 || r) {
        trop_expr_free(r);
        return NULL;
    }
    return best;
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Built-in knowledge of training datasets (data/datasets.tsv): lookup by
 * Hub id, and the datasets that a piece of prose names. */
#include "builtin.h"

#include <fnmatch.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

static bool is_pattern(const char *s)
{
    return strpbrk(s, "*?[") != NULL;
}

const trop_builtin_dataset *trop_builtin_dataset_find(const char *id)
{
    if (!id || !*id)
        return NULL;
    /* Exact ids first, so that a mirror listed by name wins over a pattern
     * of an earlier row. */
    for (size_t i = 0; i < trop_builtin_dataset_count; i++) {
        const trop_builtin_dataset *d = &trop_builtin_datasets[i];
        if (d->id && !strcasecmp(d->id, id))
            return d;
        for (const char *const *h = d->hub; *h; h++)
            if (!is_pattern(*h) && !strcasecmp(*h, id))
                return d;
    }
    for (size_t i = 0; i < trop_builtin_dataset_count; i++) {
        const trop_builtin_dataset *d = &trop_builtin_datasets[i];
        for (const char *const *h = d->hub; *h; h++)
            if (is_pattern(*h) && fnmatch(*h, id, FNM_CASEFOLD) == 0)
                return d;
    }
    return NULL;
}

/* ---- Names in prose --------------------------------------------------------
 * ASCII only and locale-free: names are ASCII (the generator checks), and a
 * byte of a UTF-8 sequence is never a word character. */

static bool is_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r'); /* \t \n \v \f \r */
}

static bool is_word(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

static unsigned char fold(unsigned char c)
{
    return is_space(c) ? ' ' : lower(c);
}

/* A hyphen or a dot between two word characters joins them into one word:
 * "mC4-derived" and "RedPajama-INCITE" are other words, "wikipedia.org" a
 * host name. */
static bool is_joiner(unsigned char c)
{
    return c == '-' || c == '.';
}

static bool starts_word(const unsigned char *t, size_t p)
{
    if (p == 0)
        return true;
    if (is_word(t[p - 1]))
        return false;
    return !(is_joiner(t[p - 1]) && p >= 2 && is_word(t[p - 2]));
}

static bool ends_word(const unsigned char *t, size_t n, size_t e)
{
    if (e >= n)
        return true;
    if (is_word(t[e]))
        return false;
    return !(is_joiner(t[e]) && e + 1 < n && is_word(t[e + 1]));
}

/* Length of text matched by name at t[0, n), 0 when it does not match. */
static size_t match_name(const trop_builtin_ds_name *nm, const unsigned char *t, size_t n)
{
    const unsigned char *s = (const unsigned char *)nm->text;
    bool cased = nm->flags & TROP_DS_NAME_CASED;
    size_t j = 0;
    for (size_t i = 0; i < nm->len; i++) {
        if (j >= n)
            return 0;
        if (s[i] == ' ') {
            if (!is_space(t[j]))
                return 0;
            while (j < n && is_space(t[j]))
                j++;
            continue;
        }
        /* s[i] is no space here: no white space of t folds to it */
        if (cased ? t[j] != s[i] : lower(t[j]) != lower(s[i]))
            return 0;
        j++;
    }
    return j;
}

static unsigned key2(unsigned char a, unsigned char b)
{
    return (unsigned)fold(a) << 8 | fold(b);
}

/* The names that may match at t[p] (a word byte), as [*from, to): none
 * unless one begins with the first two bytes there. A lead's range is
 * small, and most words begin no name: the bits of the second byte turn
 * them away before any search. */
static size_t names_at(const unsigned char *t, size_t n, size_t p, size_t *from)
{
    *from = 0;
    if (n - p < 2 || t[p] >= 128 || t[p + 1] >= 128)
        return 0;
    const trop_builtin_ds_lead *l = &trop_builtin_ds_leads[fold(t[p])];
    unsigned char b = fold(t[p + 1]);
    if (!(l->second[b >> 6] >> (b & 63) & 1))
        return 0;
    unsigned key = key2(t[p], t[p + 1]);
    size_t lo = l->from, hi = l->to;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const unsigned char *s = (const unsigned char *)trop_builtin_ds_names[mid].text;
        if (key2(s[0], s[1]) < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    *from = lo;
    return l->to;
}

/* Is t[p] the start of a github.com link? Hub ids there name repositories
 * of code, not datasets. */
static bool github_link_at(const unsigned char *t, size_t n, size_t p)
{
    static const char host[] = "github.com/";
    size_t k = sizeof host - 1;
    if (n - p < k)
        return false;
    for (size_t i = 0; i < k; i++)
        if (lower(t[p + i]) != (unsigned char)host[i])
            return false;
    return true;
}

/* End of the link that starts at p: the next space or closing character. */
static size_t link_end(const unsigned char *t, size_t n, size_t p)
{
    while (p < n && !is_space(t[p]) && !strchr(")]>\"'`", t[p]))
        p++;
    return p;
}

/* The longest name that matches at p as a whole word; its text length in *len. */
static const trop_builtin_ds_name *longest_at(const unsigned char *t, size_t n, size_t p,
                                              size_t *len)
{
    const trop_builtin_ds_name *best = NULL;
    *len = 0;
    size_t k, to = names_at(t, n, p, &k);
    unsigned key = to ? key2(t[p], t[p + 1]) : 0;
    for (; k < to; k++) {
        const trop_builtin_ds_name *nm = &trop_builtin_ds_names[k];
        const unsigned char *s = (const unsigned char *)nm->text;
        if (key2(s[0], s[1]) != key)
            break;
        size_t m = match_name(nm, t + p, n - p);
        if (m > *len && ends_word(t, n, p + m)) {
            best = nm;
            *len = m;
        }
    }
    return best;
}

size_t trop_builtin_datasets_in(const char *text, size_t n, trop_ds_match *out, size_t max)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t found = 0;
    if (!text || !out)
        return 0;
    for (size_t p = 0; p < n && found < max;) {
        /* names begin with a letter or a digit (the generator checks) */
        unsigned char c = t[p];
        if ((c | 0x20) == 'g' && github_link_at(t, n, p)) {
            p = link_end(t, n, p);
            continue;
        }
        size_t len;
        const trop_builtin_ds_name *nm =
            is_word(c) && starts_word(t, p) ? longest_at(t, n, p, &len) : NULL;
        if (!nm) {
            p++;
            continue;
        }
        out[found++] = (trop_ds_match){&trop_builtin_datasets[nm->row], p, len};
        p += len;
    }
    return found;
}

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

/* Does name nm, whose folded text matched t[0, j), match there in its own
 * case? (A name counted only in its case is narrowed to by its folded
 * text like the others.) */
static bool case_matches(const trop_builtin_ds_name *nm, const unsigned char *t)
{
    const unsigned char *s = (const unsigned char *)nm->text;
    for (size_t i = 0, j = 0; i < nm->len; i++) {
        if (s[i] == ' ') {
            while (is_space(t[j]))
                j++; /* the walk saw this run: it ends within the text */
            continue;
        }
        if (t[j++] != s[i])
            return false;
    }
    return true;
}

/* The names that begin with the first two folded bytes at t[p] (a word
 * byte): the lead's range, none when no name of the lead goes on with the
 * second byte (its bits turn most words away before any search). */
static bool lead_at(const unsigned char *t, size_t n, size_t p, size_t *lo, size_t *hi)
{
    if (n - p < 2 || t[p] >= 128 || t[p + 1] >= 128)
        return false;
    const trop_builtin_ds_lead *l = &trop_builtin_ds_leads[fold(t[p])];
    unsigned char b = fold(t[p + 1]);
    if (!(l->second[b >> 6] >> (b & 63) & 1))
        return false;
    *lo = l->from;
    *hi = l->to;
    return true;
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

/* Narrows the names [*lo, *hi), sorted by folded text and longer than d
 * bytes, to those whose byte d is c. */
static void narrow(size_t d, unsigned char c, size_t *lo, size_t *hi)
{
    const trop_builtin_ds_name *names = trop_builtin_ds_names;
    size_t a = *lo, b = *hi;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if ((unsigned char)names[mid].folded[d] < c)
            a = mid + 1;
        else
            b = mid;
    }
    size_t e = a;
    b = *hi;
    while (e < b) {
        size_t mid = e + (b - e) / 2;
        if ((unsigned char)names[mid].folded[d] <= c)
            e = mid + 1;
        else
            b = mid;
    }
    *lo = a;
    *hi = e;
}

/* The longest name that matches at p as a whole word; its text length in
 * *len. The names that share the d bytes matched so far are [lo, hi) (by
 * folded text), those that end there first: each byte of the text narrows
 * them to the names that go on with it (a space of a name takes a run of
 * white space), so no name is compared from its start again. */
static const trop_builtin_ds_name *longest_at(const unsigned char *t, size_t n, size_t p,
                                              size_t *len)
{
    const trop_builtin_ds_name *best = NULL, *names = trop_builtin_ds_names;
    size_t lo, hi, j = p + 1;
    *len = 0;
    if (!lead_at(t, n, p, &lo, &hi))
        return NULL;
    for (size_t d = 1; lo < hi; d++) {
        for (; lo < hi && names[lo].len == d; lo++)
            /* of names of one length, the first in the table's order, as
             * the generator sorts them; a longer one then replaces it */
            if (!(best && best->len == d) && ends_word(t, n, j) &&
                (!(names[lo].flags & TROP_DS_NAME_CASED) || case_matches(&names[lo], t + p))) {
                best = &names[lo];
                *len = j - p;
            }
        if (j >= n || lo == hi)
            break;
        unsigned char c = fold(t[j++]);
        narrow(d, c, &lo, &hi);
        if (c == ' ')
            while (j < n && is_space(t[j]))
                j++;
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
        if (!is_word(c) || !starts_word(t, p)) {
            p++;
            continue;
        }
        size_t len;
        const trop_builtin_ds_name *nm = longest_at(t, n, p, &len);
        if (!nm) {
            /* no name starts within the word; a link's host may */
            for (p++; p < n && is_word(t[p]) && (t[p] | 0x20) != 'g';)
                p++;
            continue;
        }
        out[found++] = (trop_ds_match){&trop_builtin_datasets[nm->row], p, len};
        p += len;
    }
    return found;
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Licence texts as words: lower-case ASCII letter/digit runs with their byte
 * offsets, and matching of short phrases against them ("*" = up to 6 words). */
#include "internal.h"
#include "license.h"

#include <stdlib.h>
#include <string.h>

#define WILDCARD_SPAN 6

static bool alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

uint64_t trop_word_hash(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c += 32;
        h = (h ^ c) * 1099511628211ull;
    }
    return h;
}

int trop_words_split(const char *text, size_t len, trop_words *out)
{
    out->v = NULL;
    out->n = 0;
    if (len > TROP_TEXT_SCAN_LEN)
        len = TROP_TEXT_SCAN_LEN;
    /* Count first so that one allocation, bounded by the text, suffices. */
    size_t count = 0;
    for (size_t i = 0; i < len; i++)
        if (alnum((unsigned char)text[i]) && (i == 0 || !alnum((unsigned char)text[i - 1])))
            count++;
    if (!count)
        return 0;
    out->v = malloc(count * sizeof *out->v);
    if (!out->v)
        return TRO_ENOMEM;
    for (size_t i = 0; i < len;) {
        if (!alnum((unsigned char)text[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < len && alnum((unsigned char)text[j]))
            j++;
        out->v[out->n++] =
            (trop_word){(uint32_t)i, (uint32_t)(j - i), trop_word_hash(text + i, j - i)};
        i = j;
    }
    return 0;
}

void trop_words_free(trop_words *w)
{
    free(w->v);
    w->v = NULL;
    w->n = 0;
}

bool trop_phrase_compile(const char *s, trop_phrase *p)
{
    p->n = 0;
    while (*s) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        const char *e = s;
        while (*e && *e != ' ')
            e++;
        if (p->n == TROP_PHRASE_MAX_WORDS)
            return false;
        p->h[p->n++] = (e - s == 1 && *s == '*') ? 0 : trop_word_hash(s, (size_t)(e - s));
        s = e;
    }
    return p->n > 0 && p->h[0] != 0;
}

/* Matches p from phrase word k at text word i; returns one past the end or 0. */
static size_t match_from(const trop_words *w, size_t i, const trop_phrase *p, size_t k)
{
    for (; k < p->n; k++, i++) {
        if (p->h[k] == 0) {
            for (size_t skip = 0; skip <= WILDCARD_SPAN && i + skip <= w->n; skip++) {
                size_t end = match_from(w, i + skip, p, k + 1);
                if (end)
                    return end;
            }
            return 0;
        }
        if (i >= w->n || w->v[i].hash != p->h[k])
            return 0;
    }
    return i;
}

size_t trop_phrase_match(const trop_words *w, size_t i, const trop_phrase *p)
{
    if (i >= w->n || w->v[i].hash != p->h[0])
        return 0;
    return match_from(w, i, p, 0);
}

bool trop_phrase_next(const trop_words *w, size_t from, const trop_phrase *p, size_t *start,
                      size_t *end)
{
    for (size_t i = from; i < w->n; i++) {
        size_t e = trop_phrase_match(w, i, p);
        if (e) {
            *start = i;
            *end = e;
            return true;
        }
    }
    return false;
}

bool trop_phrase_find(const trop_words *w, size_t from, const char *text, size_t *start,
                      size_t *end)
{
    trop_phrase p;
    return trop_phrase_compile(text, &p) && trop_phrase_next(w, from, &p, start, end);
}

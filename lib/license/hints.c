/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* What a licence text says of itself besides its wording: the
 * SPDX-License-Identifier lines it carries, the title near its top,
 * sentences that mark a licence whose text usually has no title, and the
 * licence URLs it cites. Text identification (identify.c) weighs them. */
#include "internal.h"
#include "identify.h"
#include "license.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TITLE_LINES 15
#define TITLE_BYTES 4096

static bool strncasestr(const char *s, size_t n, const char *needle)
{
    size_t l = strlen(needle);
    for (size_t i = 0; i + l <= n; i++)
        if (!strncasecmp(s + i, needle, l))
            return true;
    return false;
}

/* ---- Titles -------------------------------------------------------------- */

static int candidate_score(const char *expr, int words)
{
    const trop_lic *lic = trop_lic_find(expr, strlen(expr));
    /* families and "unknown" only win when nothing more precise is there */
    return lic && lic->category == TRO_LICENSE_UNKNOWN ? 1 : words * 10;
}

/* Whether some name key is key or starts with key and a space: a title
 * longer than key may still name a licence. */
static bool key_prefix(const char *key, size_t kl)
{
    size_t lo = 0, hi = trop_name_count;
    while (lo < hi) { /* the first key >= key */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(trop_name_table[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == trop_name_count)
        return false;
    const char *k = trop_name_table[lo].key;
    return !strncmp(k, key, kl) && (k[kl] == '\0' || k[kl] == ' ');
}

/* Longest prefix of the line's words that names a licence (one word only when
 * the line has a single significant word). Prefixes grow while some name
 * starts with them, so that a long line costs a few look-ups. */
static const char *title_match(const char *s, size_t n, int *score, int *used)
{
    char toks[32][64], key[TROP_NAME_KEY_MAX];
    int nt = trop_name_tokens(s, n, toks, 32);
    const char *best = NULL;
    size_t kl = 0;
    for (int k = 1; k <= nt; k++) {
        size_t l = strlen(toks[k - 1]);
        if (kl + l + 2 > sizeof key)
            break;
        if (k > 1)
            key[kl++] = ' ';
        memcpy(key + kl, toks[k - 1], l);
        kl += l;
        key[kl] = '\0';
        if (!key_prefix(key, kl))
            break;
        const char *e = (k > 1 || nt == 1) ? trop_name_find_key(key) : NULL;
        if (e) {
            best = e;
            *score = candidate_score(e, k);
            *used = k;
        }
    }
    return best;
}

/* Copyright lines, which name holders, not licences ("All rights reserved"
 * ends many of them). */
static bool skip_line(const char *s, size_t n)
{
    return (n >= 9 && !strncasecmp(s, "copyright", 9)) || (n >= 3 && !strncasecmp(s, "(c)", 3)) ||
           (n >= 2 && (unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa9) ||
           strncasestr(s, n, "all rights reserved");
}

typedef struct line {
    size_t off, len;
} line;

static size_t title_lines(const char *text, size_t len, line *lines)
{
    size_t n = 0, end = len < TITLE_BYTES ? len : TITLE_BYTES;
    for (size_t i = 0; i < end && n < TITLE_LINES;) {
        size_t j = i;
        while (j < end && text[j] != '\n')
            j++;
        size_t s = i, e = j;
        while (s < e && strchr("#*=-/>| \t\r", text[s]))
            s++;
        while (e > s && strchr("#*=-:| \t\r", text[e - 1]))
            e--;
        if (e > s && e - s <= 200 && !skip_line(text + s, e - s))
            lines[n++] = (line){s, e - s};
        i = j + 1;
    }
    return n;
}

trop_found trop_hint_title(const char *text, size_t len)
{
    trop_found best = {0};
    line lines[TITLE_LINES];
    size_t n = title_lines(text, len, lines);
    for (size_t i = 0; i < n; i++) {
        int score = 0, used = 0;
        const char *e;
        if (i + 1 < n) { /* "Apache License" / "Version 2.0, January 2004" */
            char pair[420], toks[32][64];
            int pl = snprintf(pair, sizeof pair, "%.*s %.*s", (int)lines[i].len,
                              text + lines[i].off, (int)lines[i + 1].len, text + lines[i + 1].off);
            int first = trop_name_tokens(text + lines[i].off, lines[i].len, toks, 32);
            if ((e = title_match(pair, (size_t)pl, &score, &used)) != NULL && score > best.score) {
                size_t end = used > first ? lines[i + 1].off + lines[i + 1].len
                                          : lines[i].off + lines[i].len;
                best = (trop_found){e, "title", lines[i].off, end - lines[i].off, score};
            }
        }
        if ((e = title_match(text + lines[i].off, lines[i].len, &score, &used)) != NULL &&
            score > best.score)
            best = (trop_found){e, "title", lines[i].off, lines[i].len, score};
    }
    return best;
}

/* ---- Sentences, URLs ---------------------------------------------------------- */

/* The first place of each fingerprint phrase. */
typedef struct fp_scan {
    size_t start[256], end[256];
    bool seen[256];
} fp_scan;

static bool on_fp(size_t p, size_t start, size_t end, void *arg)
{
    fp_scan *f = arg;
    if (p < 256 && !f->seen[p]) {
        f->seen[p] = true;
        f->start[p] = start;
        f->end[p] = end;
    }
    return true;
}

/* Excluded sentences are not in the scan (they are flagged): looked for
 * only when a fingerprint's required ones are all there. */
static bool has_phrase(size_t p, const trop_toks *w)
{
    for (size_t i = 0; i < w->n; i++)
        if (trop_phrase_at(&trop_fingerprint_set, p, w, i))
            return true;
    return false;
}

size_t trop_hint_fingerprints(const trop_toks *w, trop_found *out, size_t max)
{
    const trop_phrase_set *set = &trop_fingerprint_set;
    fp_scan f;
    memset(f.seen, 0, sizeof f.seen);
    trop_phrases_scan(set, w, on_fp, &f);
    size_t n = 0;
    for (size_t fp = 0; fp < trop_fingerprint_count && n < max; fp++) {
        bool ok = true, any = false;
        size_t first = 0;
        for (size_t p = 0; p < set->nphrases && p < 256 && ok; p++) {
            if (set->phrases[p].group != fp)
                continue;
            if (set->phrases[p].flag) {
                ok = !has_phrase(p, w);
            } else {
                ok = f.seen[p];
                if (ok && !any)
                    first = p, any = true;
            }
        }
        if (ok && any) {
            const trop_tok *a = &w->v[f.start[first]], *b = &w->v[f.end[first] - 1];
            out[n++] = (trop_found){trop_fingerprint_table[fp].expr, "fingerprint", a->off,
                                    b->off + b->len - a->off, 8};
        }
    }
    return n;
}

size_t trop_hint_urls(const char *text, size_t len, trop_found *out, size_t max)
{
    size_t n = 0;
    const char *t = text, *end = text + len;
    while (n < max) {
        const char *p = memmem(t, (size_t)(end - t), "http", 4);
        if (!p)
            break;
        const char *q = p;
        while (q < end && (unsigned char)*q > ' ' && !strchr("\"'<>)]", *q))
            q++;
        t = q > p ? q : p + 4;
        if (q - p < 12 || (strncmp(p, "http://", 7) && strncmp(p, "https://", 8)))
            continue;
        size_t ul = (size_t)(q - p);
        while (ul && strchr(".,;:", p[ul - 1]))
            ul--;
        const char *e = trop_url_find(p, ul);
        if (e)
            out[n++] = (trop_found){e, "url", (size_t)(p - text), ul, 5};
    }
    return n;
}

/* ---- SPDX-License-Identifier lines --------------------------------------------- */

/* The expression of one line; a line that is not a valid expression is an
 * unknown licence, since it declares one. */
static int spdx_line(const char *s, size_t n, trop_expr **out)
{
    trop_expr *x;
    int rc = trop_spdx_parse(s, n, &x, NULL);
    if (!rc && (rc = trop_expr_resolve(&x, 0)) == 0 && trop_expr_check(x, 0, NULL) == 0) {
        *out = x;
        return 0;
    }
    if (!rc)
        trop_expr_free(x);
    if (rc == TRO_ENOMEM)
        return rc;
    if (!(x = trop_expr_leaf("LicenseRef-trulyopen-custom", 27)))
        return TRO_ENOMEM;
    x->note = "an SPDX-License-Identifier line that is not a valid expression, or whose WITH "
              "names neither an SPDX exception nor a known licence";
    x->conf = 0.1;
    *out = x;
    return 0;
}

int trop_hint_spdx(const char *text, size_t len, trop_expr **out, trop_found *ev, size_t *nev)
{
    static const char tag[] = "SPDX-License-Identifier:";
    const char *t = text, *end = text + len;
    *out = NULL;
    *nev = 0;
    while (*nev < TROP_HINT_MAX_SPDX) {
        const char *p = memmem(t, (size_t)(end - t), tag, sizeof tag - 1);
        if (!p)
            break;
        const char *s = p + sizeof tag - 1, *e = s;
        while (e < end && *e != '\n' && *e != '\r')
            e++;
        t = e;
        size_t n = (size_t)(e - s);
        for (const char *c = s; c < e; c++) /* stop at the end of a comment */
            if ((c + 1 < e && c[0] == '*' && c[1] == '/') || (c + 2 < e && !strncmp(c, "-->", 3))) {
                n = (size_t)(c - s);
                break;
            }
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
        trop_expr *x;
        int rc = spdx_line(s, n, &x);
        if (rc) {
            trop_expr_free(*out);
            *out = NULL;
            return rc;
        }
        ev[(*nev)++] =
            (trop_found){NULL, "spdx-identifier", (size_t)(p - text), (size_t)(s + n - p), 100};
        if (!(*out = *out ? trop_expr_join(TROP_EX_AND, *out, x) : x))
            return TRO_ENOMEM;
    }
    return 0;
}

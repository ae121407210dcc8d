/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Identifying a licence text: SPDX-License-Identifier lines, titles near the
 * top, characteristic sentences, licence URLs, full-text matching against a
 * template database, and restrictive clauses anywhere. A text identified as a
 * free licence that carries restrictive clauses is not free; an unrecognised
 * text with such clauses is restricted, with the clause quoted. */
#include "internal.h"
#include "license.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TITLE_LINES 15
#define TITLE_BYTES 4096
#define MAX_SPDX_LINES 16
#define MAX_URLS 64
#define MAX_HITS 32
#define QUOTE_MAX 320

typedef struct found {
    const char *expr; /* static (table) or owned in spdx */
    const char *kind;
    size_t off, len; /* evidence span in the text */
    int score;
} found;

typedef struct ident {
    const char *text;
    size_t len; /* analysed length */
    tro_license_result *r;
} ident;

/* ---- Titles -------------------------------------------------------------- */

static int candidate_score(const char *expr, int words)
{
    const trop_lic *lic = trop_lic_find(expr, strlen(expr));
    /* families and "unknown" only win when nothing more precise is there */
    return lic && lic->category == TRO_LICENSE_UNKNOWN ? 1 : words * 10;
}

/* Longest prefix of the line's words that names a licence (one word only when
 * the line has a single significant word). */
static const char *title_match(const char *s, size_t n, int *score, int *used)
{
    char toks[32][64];
    int nt = trop_name_tokens(s, n, toks, 32);
    for (int k = nt; k >= 1; k--) {
        if (k == 1 && nt > 1)
            break;
        char key[TROP_NAME_KEY_MAX];
        size_t kl = 0;
        bool fits = true;
        for (int i = 0; i < k && fits; i++) {
            size_t l = strlen(toks[i]);
            fits = kl + l + 2 <= sizeof key;
            if (fits) {
                if (i)
                    key[kl++] = ' ';
                memcpy(key + kl, toks[i], l);
                kl += l;
            }
        }
        key[kl] = '\0';
        const char *e = fits ? trop_name_find_key(key) : NULL;
        if (e) {
            *score = candidate_score(e, k);
            *used = k;
            return e;
        }
    }
    return NULL;
}

static bool skip_line(const char *s, size_t n)
{
    return (n >= 9 && !strncasecmp(s, "copyright", 9)) || (n >= 3 && !strncasecmp(s, "(c)", 3)) ||
           (n >= 2 && (unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa9);
}

typedef struct line {
    size_t off, len;
} line;

static size_t title_lines(const ident *id, line *lines)
{
    size_t n = 0, end = id->len < TITLE_BYTES ? id->len : TITLE_BYTES;
    for (size_t i = 0; i < end && n < TITLE_LINES;) {
        size_t j = i;
        while (j < end && id->text[j] != '\n')
            j++;
        size_t s = i, e = j;
        while (s < e && strchr("#*=-/>| \t\r", id->text[s]))
            s++;
        while (e > s && strchr("#*=-:| \t\r", id->text[e - 1]))
            e--;
        if (e > s && e - s <= 200 && !skip_line(id->text + s, e - s))
            lines[n++] = (line){s, e - s};
        i = j + 1;
    }
    return n;
}

static found find_title(const ident *id)
{
    found best = {0};
    line lines[TITLE_LINES];
    size_t n = title_lines(id, lines);
    for (size_t i = 0; i < n; i++) {
        int score = 0, used = 0;
        const char *e;
        if (i + 1 < n) { /* "Apache License" / "Version 2.0, January 2004" */
            char pair[420], toks[32][64];
            int pl =
                snprintf(pair, sizeof pair, "%.*s %.*s", (int)lines[i].len, id->text + lines[i].off,
                         (int)lines[i + 1].len, id->text + lines[i + 1].off);
            int first = trop_name_tokens(id->text + lines[i].off, lines[i].len, toks, 32);
            if ((e = title_match(pair, (size_t)pl, &score, &used)) != NULL && score > best.score) {
                size_t end = used > first ? lines[i + 1].off + lines[i + 1].len
                                          : lines[i].off + lines[i].len;
                best = (found){e, "title", lines[i].off, end - lines[i].off, score};
            }
        }
        if ((e = title_match(id->text + lines[i].off, lines[i].len, &score, &used)) != NULL &&
            score > best.score)
            best = (found){e, "title", lines[i].off, lines[i].len, score};
    }
    return best;
}

/* ---- Sentences, URLs, SPDX lines ---------------------------------------------- */

static size_t find_fingerprints(const trop_words *w, found *out, size_t max)
{
    size_t n = 0;
    for (size_t f = 0; f < trop_fingerprint_count && n < max; f++) {
        const trop_fingerprint *fp = &trop_fingerprint_table[f];
        size_t s = 0, e = 0, first_s = 0, first_e = 0;
        bool ok = true;
        for (size_t k = 0; ok && fp->required[k]; k++) {
            ok = trop_phrase_find(w, 0, fp->required[k], &s, &e);
            if (ok && k == 0)
                first_s = s, first_e = e;
        }
        for (size_t k = 0; ok && fp->excluded[k]; k++)
            ok = !trop_phrase_find(w, 0, fp->excluded[k], &s, &e);
        if (ok)
            out[n++] =
                (found){fp->expr, "fingerprint", w->v[first_s].off,
                        w->v[first_e - 1].off + w->v[first_e - 1].len - w->v[first_s].off, 8};
    }
    return n;
}

static size_t find_urls(const ident *id, found *out, size_t max)
{
    size_t n = 0;
    const char *t = id->text, *end = t + id->len;
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
            out[n++] = (found){e, "url", (size_t)(p - id->text), ul, 5};
    }
    return n;
}

/* Parses SPDX-License-Identifier lines; their expressions joined by AND. */
static int find_spdx_lines(const ident *id, trop_expr **out, found *ev, size_t *nev)
{
    static const char tag[] = "SPDX-License-Identifier:";
    const char *t = id->text, *end = t + id->len;
    *out = NULL;
    *nev = 0;
    while (*nev < MAX_SPDX_LINES) {
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
        trop_expr *x;
        int rc = trop_spdx_parse(s, n, &x, NULL);
        if (rc == TRO_ENOMEM) {
            trop_expr_free(*out);
            return rc;
        }
        if (rc || (rc = trop_expr_resolve(&x, 0)) != 0) {
            if (!rc)
                trop_expr_free(x);
            if (rc == TRO_ENOMEM) {
                trop_expr_free(*out);
                return rc;
            }
            continue;
        }
        ev[(*nev)++] =
            (found){NULL, "spdx-identifier", (size_t)(p - id->text), (size_t)(s + n - p), 100};
        *out = *out ? trop_expr_join(TROP_EX_AND, *out, x) : x;
        if (!*out)
            return TRO_ENOMEM;
    }
    return 0;
}

/* ---- Putting it together ----------------------------------------------------------- */

static int evidence(ident *id, const found *f)
{
    size_t len = f->len < QUOTE_MAX ? f->len : QUOTE_MAX;
    return trop_result_add_evidence(id->r, f->kind, id->text + f->off, len, (int64_t)f->off);
}

/* The sentence around bytes [from, to): back to the previous full stop or
 * blank line (at most 100 bytes), on to the next one (at most 200). */
static bool stop_at(const ident *id, size_t i) /* a full stop ends a sentence at i */
{
    const char *t = id->text;
    if (t[i] == ';' || (t[i] == '\n' && i + 1 < id->len && t[i + 1] == '\n'))
        return true;
    return t[i] == '.' && (i + 1 == id->len || strchr(" \t\r\n", t[i + 1]));
}

/* The sentence around bytes [from, to): back to the previous full stop or
 * blank line (at most 100 bytes), on to the next one (at most 200). */
static found sentence(const ident *id, size_t from, size_t to)
{
    size_t s = from, e = to;
    while (s > 0 && from - s < 100 && !stop_at(id, s - 1))
        s--;
    while (s < from && strchr(" \t\r\n", id->text[s]))
        s++;
    while (e < id->len && e - to < 200 && !stop_at(id, e))
        e++;
    if (e < id->len && id->text[e] == '.')
        e++;
    return (found){NULL, "clause", s, e - s, 0};
}

static int clause_verdict(ident *id, const trop_words *w, const char *how)
{
    trop_clause_hit hits[MAX_HITS];
    size_t n = trop_clauses_find(w, hits, MAX_HITS);
    int rc = 0;
    char reasons[1024] = "";
    size_t rl = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        const trop_word *a = &w->v[hits[i].start], *b = &w->v[hits[i].end - 1];
        found f = sentence(id, a->off, b->off + b->len);
        rc = evidence(id, &f);
        if (rl < sizeof reasons)
            rl += (size_t)snprintf(reasons + rl, sizeof reasons - rl, "%s%s (byte %u)",
                                   i ? "; " : "", hits[i].rule->reason, a->off);
    }
    tro_license_category cat = trop_clauses_category(hits, n);
    if (rc || !n ||
        (!tro_license_result_is_free(id->r) &&
         tro_license_result_category(id->r) != TRO_LICENSE_UNKNOWN))
        return rc;
    char *why =
        how ? trop_asprintf("identified as %s by its %s, but the text adds "
                            "restrictive terms: %s",
                            tro_license_result_expression(id->r), how, reasons)
            : trop_asprintf("unrecognised licence text with restrictive terms: %s", reasons);
    if (!why)
        return TRO_ENOMEM;
    rc = trop_result_restrict(id->r, cat, why);
    free(why);
    if (!how && !rc)
        trop_result_set_confidence(id->r, 0.5);
    return rc;
}

/* The identification, strongest first: SPDX lines, a template match, the
 * title (confirmed by a sentence or URL), sentences, URLs that all agree. */
typedef struct pick {
    trop_expr *spdx;
    found spdx_ev[MAX_SPDX_LINES];
    size_t nspdx;
    found title;
    found fps[8];
    size_t nfps;
    found urls[MAX_URLS];
    size_t nurls;
    trop_match match;
} pick;

static bool urls_agree(const pick *p)
{
    for (size_t i = 1; i < p->nurls; i++)
        if (strcmp(p->urls[i].expr, p->urls[0].expr))
            return false;
    return p->nurls > 0;
}

static bool confirmed(const pick *p, const char *expr)
{
    for (size_t i = 0; i < p->nfps; i++)
        if (!strcmp(p->fps[i].expr, expr))
            return true;
    for (size_t i = 0; i < p->nurls; i++)
        if (!strcmp(p->urls[i].expr, expr))
            return true;
    return false;
}

/* Builds the expression of the best identification; *how names the source. */
static int choose(const pick *p, trop_expr **e, const char **how, double *conf)
{
    *e = NULL;
    *how = NULL;
    *conf = 0;
    const char *expr = NULL;
    /* A title that names another licence wins over a template that is close
     * but not near-identical (the AGPL text scores 0.92 against the GPL's). */
    bool title_disagrees = p->title.expr && p->match.id && strcmp(p->title.expr, p->match.id) &&
                           p->match.score < TROP_MATCH_SURE;
    if (p->match.id && p->match.score >= TROP_MATCH_THRESHOLD &&
        p->match.order >= TROP_ORDER_THRESHOLD && !title_disagrees) {
        expr = p->match.id;
        *how = "full text";
        *conf = p->match.score;
    } else if (p->title.expr) {
        expr = p->title.expr;
        *how = "title";
        *conf = confirmed(p, expr) ? 0.95 : 0.9;
    } else if (p->nfps) {
        trop_expr *acc = NULL;
        for (size_t i = 0; i < p->nfps; i++) {
            trop_expr *x;
            int rc = trop_expr_from_table(p->fps[i].expr, &x);
            if (!rc && !(acc = acc ? trop_expr_join(TROP_EX_AND, acc, x) : x))
                rc = TRO_ENOMEM;
            if (rc) {
                trop_expr_free(acc);
                return rc;
            }
        }
        *e = acc;
        *how = "characteristic sentences";
        *conf = 0.85;
        return 0;
    } else if (urls_agree(p)) {
        expr = p->urls[0].expr;
        *how = "licence URL";
        *conf = 0.6;
    }
    return expr ? trop_expr_from_table(expr, e) : 0;
}

static int add_all_evidence(ident *id, const pick *p)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < p->nspdx; i++)
        rc = evidence(id, &p->spdx_ev[i]);
    if (!rc && p->title.expr)
        rc = evidence(id, &p->title);
    for (size_t i = 0; !rc && i < p->nfps; i++)
        rc = evidence(id, &p->fps[i]);
    for (size_t i = 0; !rc && i < p->nurls && i < 8; i++)
        rc = evidence(id, &p->urls[i]);
    if (!rc && p->match.id) {
        char buf[200];
        int n = snprintf(buf, sizeof buf, "closest reference text %s: score %.3f, order %.3f%s",
                         p->match.id, p->match.score, p->match.order,
                         p->match.score >= TROP_MATCH_THRESHOLD &&
                                 p->match.order >= TROP_ORDER_THRESHOLD
                             ? ""
                             : " (not accepted)");
        rc = trop_result_add_evidence(id->r, "template", buf, (size_t)n, -1);
    }
    return rc;
}

static int identify(ident *id, const tro_license_db *db, const trop_words *w)
{
    pick p;
    memset(&p, 0, sizeof p);
    int rc = find_spdx_lines(id, &p.spdx, p.spdx_ev, &p.nspdx);
    if (!rc && db)
        rc = trop_db_best(db, id->text, id->len, &p.match);
    if (rc) {
        trop_expr_free(p.spdx);
        return rc;
    }
    p.title = find_title(id);
    p.nfps = find_fingerprints(w, p.fps, 8);
    p.nurls = find_urls(id, p.urls, MAX_URLS);
    trop_expr *e = p.spdx;
    const char *how = p.spdx ? "SPDX-License-Identifier" : NULL;
    double conf = p.spdx ? 1.0 : 0;
    if (!e && (rc = choose(&p, &e, &how, &conf)) != 0)
        return rc;
    if (!e) {
        if (!(e = trop_expr_leaf("LicenseRef-trulyopen-custom", 27)))
            return TRO_ENOMEM;
        e->note = "the licence text was not recognised";
    }
    if ((rc = trop_result_from_expr(e, "", "text", &id->r)) != 0)
        return rc;
    trop_result_set_confidence(id->r, conf);
    rc = add_all_evidence(id, &p);
    return rc ? rc : clause_verdict(id, w, how);
}

int tro_license_identify(const tro_license_db *db, const void *text, size_t len,
                         tro_license_result **out, tro_error *err)
{
    if (!out || (!text && len))
        return trop_error_set(err, TRO_EINVAL, -1, "licence text: invalid argument");
    *out = NULL;
    if (len > TROP_TEXT_MAX_LEN)
        return trop_error_set(err, TRO_ELIMIT, -1, "licence text: %zu bytes, more than %u", len,
                              TROP_TEXT_MAX_LEN);
    ident id = {text ? text : "", len < TROP_TEXT_SCAN_LEN ? len : TROP_TEXT_SCAN_LEN, NULL};
    trop_words w;
    int rc = trop_words_split(id.text, id.len, &w);
    if (!rc)
        rc = identify(&id, db, &w);
    trop_words_free(&w);
    if (rc) {
        tro_license_result_free(id.r);
        return trop_error_set(err, rc, -1, "licence text: %s", tro_strerror(rc));
    }
    *out = id.r;
    return 0;
}

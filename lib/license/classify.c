/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Classifying what people write as a licence. A statement is read, in this
 * order, as a URL, an exact id (SPDX, Hugging Face, LicenseRef-), a whole
 * licence name (parentheses, versions and commas included: "Open Database
 * License (ODbL)"), a strict SPDX expression, and last as prose naming
 * several licences and what each covers (prose.c). Unbalanced parentheses are
 * an error; so is a WITH naming nothing known. What is not recognised is
 * unknown, never free. The Hugging Face `other` + license_name + license_link
 * triple is read here too. */
#include "internal.h"
#include "license.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CONF_URL 0.9
#define CONF_NAME 0.9
#define CONF_NAME_WORDS 0.8 /* a name by its words, not as a whole */
#define CONF_SCANCODE_NAME 0.85 /* a name only ScanCode's LicenseDB gives */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

void trop_trim(const char **s, size_t *n)
{
    for (;;) {
        while (*n && is_space(**s))
            (*s)++, (*n)--;
        while (*n && is_space((*s)[*n - 1]))
            (*n)--;
        /* quotes, and the brackets of a YAML list */
        if (*n >= 2 &&
            (((*s)[0] == '"' && (*s)[*n - 1] == '"') || ((*s)[0] == '\'' && (*s)[*n - 1] == '\'') ||
             ((*s)[0] == '[' && (*s)[*n - 1] == ']'))) {
            (*s)++;
            *n -= 2;
            continue;
        }
        return;
    }
}

bool trop_looks_like_url(const char *s, size_t n)
{
    if ((n > 4 && memmem(s, n, "://", 3)) || (n > 4 && !strncasecmp(s, "www.", 4)))
        return true;
    /* "opensource.org/licenses/MIT": a host name, then a path, no spaces */
    const char *slash = memchr(s, '/', n);
    for (size_t i = 0; i < n; i++)
        if (is_space(s[i]))
            return false;
    if (!slash || slash - s < 4)
        return false;
    /* the host ends in a dot and letters (".org"), unlike "GPL-2.0/MIT" */
    const char *dot = memrchr(s, '.', (size_t)(slash - s));
    if (!dot || slash - dot < 3)
        return false;
    for (const char *c = dot + 1; c < slash; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z')))
            return false;
    return true;
}

/* Unbalanced parentheses: the byte of a ')' without a '(', or the end of
 * the text where a ')' is missing (*open is then the '(' left open); -1
 * when they balance. */
static int64_t unbalanced(const char *s, size_t n, size_t *open)
{
    size_t depth = 0, first_open = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '(') {
            if (!depth)
                first_open = i;
            depth++;
        } else if (s[i] == ')') {
            if (!depth)
                return (int64_t)i;
            depth--;
        }
    }
    *open = first_open;
    return depth ? (int64_t)n : -1;
}

/* Looks like an SPDX expression: parentheses or an operator word (any case). */
static bool looks_like_expression(const char *s, size_t n)
{
    if (memchr(s, '(', n) || memchr(s, ')', n))
        return true;
    static const char *const ops[] = {"and", "or", "with"};
    for (size_t i = 1; i < n; i++) {
        if (!is_space(s[i - 1]))
            continue;
        for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
            size_t l = strlen(ops[k]);
            if (i + l <= n && !strncasecmp(s + i, ops[k], l) && (i + l == n || is_space(s[i + l])))
                return true;
        }
    }
    return false;
}

static int from_table(const char *expr, double conf, trop_expr **out)
{
    int rc = trop_expr_from_table(expr, out);
    if (!rc && conf < 1.0)
        trop_expr_set_conf(*out, conf);
    return rc;
}

static bool whole_url(const char *s, size_t n);
static bool link_names(const char *u, size_t un, const char *id);

/* g is expr's own short id, with or without its version, perhaps with an
 * L for licence: "UPL" for UPL-1.0, "MS-LPL" for MS-LPL, "ISCL" for ISC. */
static bool group_is_id(const char *g, size_t gn, const char *expr)
{
    trop_trim(&g, &gn);
    size_t en = strlen(expr);
    /* as it is, then without one final L */
    size_t tries[2] = {gn, gn > 1 && (g[gn - 1] == 'L' || g[gn - 1] == 'l') ? gn - 1 : 0};
    for (int t = 0; t < 2; t++) {
        size_t k = tries[t];
        if (k && k <= en && !strncasecmp(g, expr, k) &&
            (k == en || (expr[k] == '-' && expr[k + 1] >= '0' && expr[k + 1] <= '9')))
            return true;
    }
    return false;
}

/* A parenthesised group that adds nothing to the name outside it: noise
 * ("(the "License")"), the same licence again ("(ODbL)"), its short id
 * ("Universal Permissive License (UPL) v1.0"), or a link the URL table knows
 * as that licence, perhaps after "see" ("WTFPL (wtfpl.net)", "Unlicense (see
 * http://unlicense.org/)"). */
static bool group_agrees(const char *g, size_t gn, const char *expr)
{
    if (group_is_id(g, gn, expr))
        return true;
    trop_trim(&g, &gn);
    if (gn > 4 && !strncasecmp(g, "see ", 4)) {
        g += 4;
        gn -= 4;
        trop_trim(&g, &gn);
    }
    if (gn && memchr(g, '.', gn) && !memchr(g, ' ', gn)) { /* a link, or nothing */
        /* the whole group is the link: nothing after it ("wtfpl.net?nc",
         * "wtfpl.net'nc'") and no backslash, which browsers read as '/' */
        for (size_t i = 0; i < gn; i++)
            if (trop_url_ends_at(g[i]) || g[i] == '\\' || g[i] == '<')
                return false;
        return (whole_url(g, gn) || !memmem(g, gn, "://", 3)) && link_names(g, gn, expr);
    }
    char key[TROP_NAME_KEY_MAX];
    int k = trop_name_key(g, gn, key);
    if (k == 0)
        return true;
    if (k < 0)
        return false;
    const char *ge = trop_name_find_key(key);
    if (!ge)
        ge = trop_hf_find(g, gn);
    return ge && !strcmp(ge, expr);
}

/* The licence a parenthesised group names when it is one of family's:
 * "Public Domain (Unlicense)" is the Unlicense, "GPL (GPL-3.0)" GPL-3.0. family
 * is LicenseRef-trulyopen-public-domain (a member is a public-domain
 * dedication) or LicenseRef-trulyopen-<x>-family (a member is a version of
 * x: trop_license_family_member). NULL otherwise. */
static const char *group_member(const char *g, size_t gn, const char *family)
{
    trop_trim(&g, &gn);
    const trop_lic *lic = trop_lic_find(g, gn);
    const char *m = lic ? lic->id : NULL;
    char key[TROP_NAME_KEY_MAX];
    if (!m && trop_name_key(g, gn, key) > 0)
        m = trop_name_find_key(key);
    return m && trop_license_family_member(family, m) ? m : NULL;
}

/* A name ending in "or later" ("GNU GPL v3 or later", key "gnu gpl 3 +", of
 * k bytes; it is cut) whose version without it names one licence: that
 * licence with "+", in buf. */
static const char *or_later_name(char *key, int k, char *buf, size_t bufsz)
{
    if (k < 3 || strcmp(key + k - 2, " +"))
        return NULL;
    key[k - 2] = '\0';
    const char *e = trop_name_find_key(key);
    if (!e || strchr(e, ' ') || strchr(e, '+') || !strncmp(e, "LicenseRef-", 11))
        return NULL;
    int w = snprintf(buf, bufsz, "%s+", e);
    return w > 0 && (size_t)w < bufsz ? buf : NULL;
}

/* The whole text, of words w, as one licence name. Parentheses are ignored first; then, if
 * that names nothing, the name outside them is looked up and every group must
 * agree with it. */
static const char *whole_name(const char *s, size_t n, const trop_name_words *w, char *buf,
                              size_t bufsz)
{
    char key[TROP_NAME_KEY_MAX];
    int k = trop_name_words_key(w, key);
    const char *e = k > 0 ? trop_name_find_key(key) : NULL;
    if (!e)
        e = or_later_name(key, k, buf, bufsz);
    if (e || !memchr(s, '(', n) || n >= TROP_NAME_KEY_MAX * 2)
        return e;
    char outside[TROP_NAME_KEY_MAX * 2];
    size_t on = 0, depth = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '(')
            depth++;
        else if (s[i] == ')')
            depth -= depth > 0, outside[on++] = ' ';
        else if (!depth)
            outside[on++] = s[i];
    }
    if (!(e = trop_name_find(outside, on)))
        return NULL;
    const char *member = NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '(')
            continue;
        size_t j = i + 1, d = 1;
        while (j < n && (d += (s[j] == '(') - (s[j] == ')')) > 0)
            j++;
        if (!group_agrees(s + i + 1, j - i - 1, e)) {
            /* one group naming one licence of the family outside */
            const char *m = group_member(s + i + 1, j - i - 1, e);
            if (!m || member)
                return NULL;
            member = m;
        }
        i = j;
    }
    return member ? member : e;
}

/* Every licence of e is in the tables (and not the unknown placeholder). */
static bool all_known(const trop_expr *e)
{
    if (e->kind != TROP_EX_LICENSE)
        return all_known(e->left) && all_known(e->right);
    return e->lic && strcmp(e->lic->id, "LicenseRef-trulyopen-custom");
}

/* The text is one URL and nothing else: no space, and before any "://" only
 * its scheme (after a '<' or '('). "MIT https://.../MIT https://.../by-nc/4.0/"
 * and "NC,https://.../MIT" are not their link's licence. */
static bool whole_url(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (is_space(s[i]))
            return false;
    if (!trop_looks_like_url(s, n))
        return false;
    const char *sep = memmem(s, n, "://", 3);
    if (!sep)
        return true;
    size_t i = 0;
    while (i < (size_t)(sep - s) && (s[i] == '<' || s[i] == '('))
        i++;
    if (i == (size_t)(sep - s))
        return false;
    for (; i < (size_t)(sep - s); i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
            return false;
    return true;
}

int trop_classify_item(const char *s, size_t n, trop_expr **out, const char **kind, tro_error *err)
{
    *out = NULL;
    const char *expr;
    if (whole_url(s, n)) {
        /* a query or fragment with words may say anything ("...?nc"): the
         * table reads links without them */
        for (size_t i = 0; i < n; i++)
            if (s[i] == '?' || s[i] == '#') {
                for (size_t k = i + 1; k < n; k++)
                    if ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z'))
                        return 0;
                break;
            }
        if (!(expr = trop_url_find(s, n)))
            return 0;
        /* the link's own words may restrict what it names: its query,
         * fragment or host ("...licenses/MIT?use=non-commercial-only") */
        int rc = trop_stated_restriction(s, n, out);
        if (rc || *out) {
            *kind = "restriction";
            return rc;
        }
        *kind = "url";
        return from_table(expr, CONF_URL, out);
    }
    const trop_lic *lic = trop_lic_find(s, n);
    if ((expr = trop_hf_find(s, n)) != NULL && !lic) {
        *kind = "hf-id";
        return from_table(expr, 1.0, out);
    }
    /* An expression whose every licence is known is read at once: no name
     * could mean something else. Otherwise the whole text is tried as a
     * name first ("GPL v2 or later" parses, with "later" for a licence). */
    trop_expr *e = NULL;
    tro_error perr = {0, "", -1};
    int rc = trop_spdx_parse(s, n, &e, &perr);
    if (!rc && (rc = trop_expr_resolve(&e, 0)) == 0 && trop_expr_check(e, 0, NULL) == 0 &&
        all_known(e)) {
        *kind = "expression";
        *out = e;
        return 0;
    }
    if (rc == TRO_ENOMEM || rc == TRO_ELIMIT) {
        trop_expr_free(e);
        if (err)
            *err = perr;
        return rc;
    }
    /* the words of a name, made once for its key and for its words */
    trop_name_words words;
    if (!lic)
        trop_name_words_of(s, n, &words);
    char later[128];
    if (!lic && (expr = whole_name(s, n, &words, later, sizeof later)) != NULL) {
        trop_expr_free(e);
        *kind = "name";
        return from_table(expr, CONF_NAME, out);
    }
    /* ScanCode's name or short name for a licence, as a whole: "Tidy License",
     * "X11-Style (Adobe)", "BSD-Original" */
    char sckey[TROP_NAME_KEY_MAX];
    if (!lic && trop_name_words_key(&words, sckey) > 0 &&
        (expr = trop_scancode_name_find_key(sckey)) != NULL) {
        trop_expr_free(e);
        *kind = "name";
        return from_table(expr, CONF_SCANCODE_NAME, out);
    }
    /* an expression of several licences is not one name */
    bool several = !rc && e && e->kind != TROP_EX_LICENSE;
    if (!lic && !several && (expr = trop_name_find_words_of(s, n, &words)) != NULL) {
        trop_expr_free(e);
        *kind = "name";
        return from_table(expr, CONF_NAME_WORDS, out);
    }
    if (rc) { /* not an expression either: its parse error */
        if (err)
            *err = perr;
        return rc;
    }
    if ((rc = trop_expr_check(e, 0, err)) == 0) {
        *kind = "expression";
        *out = e;
        return 0;
    }
    trop_expr_free(e);
    return rc;
}

/* ---- A name, then where to read it ------------------------------------------
 * npm and card fields often follow the licence with where to read it: "MIT
 * License - https://opensource.org/licenses/MIT", "MIT License, see
 * LICENSE.md". The licence is the part before when what follows can add
 * nothing to it (only_reference): links the URL table knows as this very
 * licence, or "see" and a pointer to its text in a few English words, and
 * then nothing. Anything else (a second licence, a link the table does not
 * know, another word, another sentence, a copyright line, whose holder's name
 * could be any words in any language) leaves the string unknown: it may
 * restrict the licence. */

#define CONF_REFERENCE 0.7

static bool alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool word_start(const char *s, size_t i)
{
    return !i || !alnum((unsigned char)s[i - 1]);
}

static bool word_at(const char *s, size_t n, size_t i, const char *w)
{
    size_t l = strlen(w);
    if (i + l > n || strncasecmp(s + i, w, l) || !word_start(s, i))
        return false;
    return i + l == n || !alnum((unsigned char)s[i + l]);
}

static bool url_at(const char *s, size_t n, size_t i)
{
    return (i + 7 <= n && !strncasecmp(s + i, "http://", 7)) ||
           (i + 8 <= n && !strncasecmp(s + i, "https://", 8)) ||
           (i + 4 <= n && !strncasecmp(s + i, "www.", 4) && word_start(s, i));
}

/* The byte where a reference starts, a URL or "see"; n when there is none. */
static size_t reference_start(const char *s, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (url_at(s, n, i) || word_at(s, n, i, "see"))
            return i;
    return n;
}

static bool in_words(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(*list, w))
            return true;
    return false;
}

/* Copies the letter and digit run at t[i] into w, lower-cased (cut at
 * wsz - 1 bytes); returns the byte after it. */
static size_t take_word(const char *t, size_t tn, size_t i, char *w, size_t wsz)
{
    size_t k = 0;
    for (; i < tn && alnum((unsigned char)t[i]); i++)
        if (k + 1 < wsz)
            w[k++] = (char)(t[i] >= 'A' && t[i] <= 'Z' ? t[i] + 32 : t[i]);
    w[k] = '\0';
    return i;
}

/* A link that may follow licence id: one the URL table knows as that very
 * licence, written in plain ASCII (no "%" escapes). A link the table does
 * not know may lead to any terms. */
static bool link_names(const char *u, size_t un, const char *id)
{
    for (size_t i = 0; i < un; i++)
        if ((unsigned char)u[i] >= 0x80 || u[i] == '%')
            return false;
    const char *e = trop_url_find(u, un);
    if (!e || strcmp(e, id))
        return false;
    /* nor may its own words restrict it ("noncommercial.mit-license.org") */
    trop_expr *restr = NULL;
    if (trop_stated_restriction(u, un, &restr) == 0 && !restr)
        return true;
    trop_expr_free(restr);
    return false;
}

/* The tail adds nothing to licence id: links that name it, or "see" and a
 * pointer to its text ("see the LICENSE file in this repository for
 * details"), and then nothing. */
static bool only_reference(const char *t, size_t tn, const char *id)
{
    static const char *const pointer[] = {
        "the", "a", "for", "details", "more", "information", "full", "text", "file", "files",
        "md", "txt", "rst", "in", "of", "this", "its", "repository", "repo", "root", "directory",
        "folder", "project", "package", "included", "accompanying", "bundled", "attached", "top",
        "level", NULL};
    bool see = false, named = false, ended = false;
    for (size_t i = 0; i < tn;) {
        unsigned char c = (unsigned char)t[i];
        if (url_at(t, tn, i)) {
            size_t j = i;
            while (j < tn && !trop_url_ends_at(t[j]))
                j++;
            if (ended || !link_names(t + i, j - i, id))
                return false;
            named = true;
            i = j;
            continue;
        }
        if (c >= 0x80)
            return false;
        if (!alnum(c)) {
            if (c == '.' || c == ';' || c == '!' || c == '?' || c == '+' || c == '&' || c == '@')
                ended = ended || c != '.' || i + 1 == tn || is_space(t[i + 1]);
            i++;
            continue;
        }
        char w[32];
        i = take_word(t, tn, i, w, sizeof w);
        if (ended) /* words after a sentence, "+" or "&" */
            return false;
        if (!see) {
            if (strcmp(w, "see"))
                return false;
            see = true;
        } else if (!strcmp(w, "license") || !strcmp(w, "licence") || !strcmp(w, "licensing") ||
                   !strcmp(w, "copying")) {
            named = true;
        } else if (!in_words(w, pointer)) {
            return false;
        }
    }
    return named;
}

/* The licence named before a reference, or *out NULL. */
static int name_before_reference(const char *s, size_t n, trop_expr **out)
{
    *out = NULL;
    size_t cut = reference_start(s, n);
    if (cut == n)
        return 0;
    size_t hn = cut;
    /* the separators before the reference: "MIT (", "MIT License -", "MIT," */
    while (hn && (is_space(s[hn - 1]) || (s[hn - 1] && strchr(",;:-/(<.", s[hn - 1]))))
        hn--;
    /* the name ends in a letter or digit: not "MIT*" or "MIT†", marks of a footnote */
    if (!hn || !alnum((unsigned char)s[hn - 1]) || memchr(s, '(', hn) || memchr(s, ')', hn))
        return 0;
    trop_expr *e = NULL;
    const char *kind;
    int rc = trop_classify_item(s, hn, &e, &kind, NULL);
    if (rc) {
        trop_expr_free(e);
        return rc == TRO_EPARSE ? 0 : rc;
    }
    if (!e || !all_known(e) || e->kind != TROP_EX_LICENSE ||
        !only_reference(s + cut, n - cut, e->lic->id)) {
        trop_expr_free(e);
        return 0;
    }
    trop_expr *restr = NULL;
    if ((rc = trop_stated_restriction(s + cut, n - cut, &restr)) != 0 || restr) {
        trop_expr_free(restr);
        trop_expr_free(e);
        return rc;
    }
    if (e->conf > CONF_REFERENCE)
        trop_expr_set_conf(e, CONF_REFERENCE);
    e->note = "the licence named before a link to it or a pointer to its text";
    *out = e;
    return 0;
}

/* A footnote mark: "*" not inside a word ("F*ck" is), a dagger or a
 * superscript digit. "Apache 2.0*" points at terms written elsewhere. */
static bool footnote_mark(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i], d = i + 1 < n ? (unsigned char)s[i + 1] : 0;
        if (c == '*' && !(i && alnum((unsigned char)s[i - 1]) && alnum(d)))
            return true;
        if (c == 0xe2 && d == 0x80 && i + 2 < n &&
            ((unsigned char)s[i + 2] == 0xa0 || (unsigned char)s[i + 2] == 0xa1)) /* † ‡ */
            return true;
        if (c == 0xc2 && (d == 0xb9 || d == 0xb2 || d == 0xb3)) /* ¹ ² ³ */
            return true;
    }
    return false;
}

/* Rewrites err (from parsing s) to count from the start of text. */
static int shift_error(tro_error *err, const tro_error *perr, const char *text, const char *s)
{
    if (err) {
        const char *at = strstr(perr->message, " at byte ");
        int keep = at ? (int)(at - perr->message) : (int)strlen(perr->message);
        err->code = TRO_EPARSE;
        err->offset = perr->offset + (s - text);
        snprintf(err->message, sizeof err->message, "%.*s at byte %lld", keep > 400 ? 400 : keep,
                 perr->message, (long long)err->offset);
    }
    return TRO_EPARSE;
}

int trop_classify_expr(const char *text, size_t len, trop_expr **out, const char **kind,
                       tro_error *err)
{
    *out = NULL;
    *kind = "unknown";
    if (len > TROP_EXPR_MAX_LEN)
        return trop_error_set(err, TRO_ELIMIT, -1, "licence: longer than %u bytes",
                              TROP_EXPR_MAX_LEN);
    const char *s = text;
    size_t n = len;
    trop_trim(&s, &n);
    if (!n)
        return trop_expr_from_table("LicenseRef-trulyopen-unknown", out);
    size_t open = 0;
    int64_t bad = unbalanced(s, n, &open);
    if (bad >= 0) {
        tro_error perr;
        if ((size_t)bad == n)
            trop_error_set(&perr, TRO_EPARSE, bad,
                           "licence: expected ')' to close the '(' of byte %zu at byte %lld",
                           open + (size_t)(s - text), (long long)bad);
        else
            trop_error_set(&perr, TRO_EPARSE, bad,
                           "licence: ')' without a matching '(' at byte %lld", (long long)bad);
        return shift_error(err, &perr, text, s);
    }
    if (footnote_mark(s, n))
        return 0; /* not recognised: the terms are in the footnote */
    tro_error perr = {0, "", -1};
    int rc = trop_classify_item(s, n, out, kind, &perr);
    if (rc != TRO_EPARSE)
        return rc;
    /* a WITH naming nothing known is refused, not read as prose */
    bool with_error = strstr(perr.message, "after WITH") != NULL;
    if (!with_error && (rc = trop_prose(s, n, out)) != 0)
        return rc;
    if (*out) {
        *kind = "prose";
        return 0;
    }
    if (!with_error && ((rc = name_before_reference(s, n, out)) != 0 || *out)) {
        *kind = "name";
        return rc;
    }
    /* words side by side with no operator between them ("X11-Style (Adobe)",
     * "MIT (https://...) plus terms") are a name nobody knows, not an
     * expression written wrong */
    bool adjacent = strstr(perr.message, "expected AND, OR or WITH between") != NULL;
    if (with_error || (looks_like_expression(s, n) && !adjacent))
        return shift_error(err, &perr, text, s);
    if ((rc = trop_stated_restriction(s, n, out)) != 0 || *out)
        *kind = "restriction";
    return rc; /* *out NULL: not recognised */
}

/* Builds the result; an unrecognised text becomes an unknown licence. */
static int finish(const char *input, trop_expr *e, const char *kind, tro_license_result **out)
{
    if (!e) {
        if (!(e = trop_expr_leaf("LicenseRef-trulyopen-custom", 27)))
            return TRO_ENOMEM;
        e->note = "not recognised as a licence id, expression, name or URL";
        e->conf = 0.1;
        kind = "unknown";
    }
    return trop_result_from_expr(e, input, kind, out);
}

int tro_license_classify(const char *text, tro_license_result **out, tro_error *err)
{
    if (!out || !text)
        return trop_error_set(err, TRO_EINVAL, -1, "licence: no text given");
    *out = NULL;
    trop_expr *e;
    const char *kind;
    int rc = trop_classify_expr(text, strlen(text), &e, &kind, err);
    if (rc == TRO_ENOMEM)
        trop_error_set(err, rc, -1, "out of memory");
    return rc ? rc : finish(text, e, kind, out);
}

static bool is_relative_link(const char *link)
{
    return link && *link && !strstr(link, "://") && strncasecmp(link, "www.", 4) &&
           !trop_looks_like_url(link, strlen(link)); /* "creativecommons.org/licenses/..." */
}

/* license: other: the license_name, else the license_link, else "other". */
static int classify_other(const char *license_name, const char *license_link, trop_expr **out)
{
    trop_expr *e = NULL;
    int rc;
    if (license_name && *license_name) {
        const char *k;
        rc = trop_classify_expr(license_name, strlen(license_name), &e, &k, NULL);
        if (rc && rc != TRO_EPARSE && rc != TRO_ELIMIT)
            return rc;
        if (e && !all_known(e)) { /* a made-up name: the link may say more */
            trop_expr_free(e);
            e = NULL;
        }
    }
    /* the link's licence, read once */
    bool link = license_link && *license_link && !is_relative_link(license_link);
    size_t ll = link ? strlen(license_link) : 0;
    const char *lexpr = link ? trop_url_find(license_link, ll) : NULL;
    trop_expr *le = NULL;
    if (lexpr && (rc = from_table(lexpr, CONF_URL, &le)) != 0) {
        trop_expr_free(e);
        return rc;
    }
    if (e && e->kind == TROP_EX_LICENSE && trop_license_is_family(e->id)) {
        /* a family without its version ("CC-BY-NC") and a link to one
         * licence: the link's, unless it is free where the family is not;
         * a licence site's page the table does not know ("CC BY" and
         * .../by-nc/5.0/): the family says too little */
        if (!le && link && trop_url_host_known(license_link, ll)) {
            trop_expr_free(e);
            e = NULL;
        } else if (le && (!trop_expr_is_free(le) || trop_expr_is_free(e))) {
            trop_expr_free(e);
            e = le;
            le = NULL;
        }
    }
    if (!e) { /* a made-up name or none: the link's */
        e = le;
        le = NULL;
    } else if (le && trop_expr_is_free(e) && !trop_expr_is_free(le)) {
        /* a free licence named and a link to one that is not ("MIT" and
         * .../by-nc/4.0/): both apply */
        if (!(e = trop_expr_join(TROP_EX_AND, e, le)))
            return TRO_ENOMEM;
        le = NULL;
    }
    trop_expr_free(le);
    /* a link whose own words restrict ("https://example.com/noncommercial-terms")
     * adds that restriction to a free licence the name or link gave */
    if (e && trop_expr_is_free(e) && link) {
        trop_expr *restr = NULL;
        if ((rc = trop_stated_restriction(license_link, ll, &restr)) != 0) {
            trop_expr_free(e);
            return rc;
        }
        if (restr && !(e = trop_expr_join(TROP_EX_AND, e, restr)))
            return TRO_ENOMEM;
    }
    if (!e) {
        if (!(e = trop_expr_leaf("LicenseRef-trulyopen-other", 26)))
            return TRO_ENOMEM;
        e->lic = trop_lic_find(e->id, strlen(e->id));
        if (is_relative_link(license_link)) {
            e->lic = NULL;
            e->note = "licence text in a file of the repository (license_link); identify it "
                      "with `trulyopen license --file`";
        }
        if (license_name && *license_name)
            e->conf = 0.1; /* a name nobody knows */
    }
    *out = e;
    return 0;
}

/* The strings of parts (at most 8) joined in a new string. A format printed
 * them at 1.7 k instructions a call, 1.2 M on the 55 corpus cards. */
static char *concat(const char *const *parts, size_t n)
{
    size_t len[8], total = 1;
    for (size_t i = 0; i < n; i++)
        total += len[i] = strlen(parts[i]);
    char *out = malloc(total), *o = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        memcpy(o, parts[i], len[i]);
        o += len[i];
    }
    *o = '\0';
    return out;
}

int tro_license_classify_hf(const char *license, const char *license_name, const char *license_link,
                            tro_license_result **out, tro_error *err)
{
    if (!out)
        return trop_error_set(err, TRO_EINVAL, -1, "licence: no result pointer");
    *out = NULL;
    const char *lv = license ? license : "";
    size_t ln = strlen(lv);
    trop_trim(&lv, &ln); /* "[other]" in a YAML list */
    bool other = !ln || (ln == 5 && !strncasecmp(lv, "other", 5));
    if (!other)
        return tro_license_classify(license, out, err);
    trop_expr *e = NULL;
    int rc = classify_other(license_name, license_link, &e);
    if (rc)
        return rc;
    const char *parts[] = {license ? license : "other", license_name ? " license_name=" : "",
                           license_name ? license_name : "", license_link ? " license_link=" : "",
                           license_link ? license_link : ""};
    char *input = concat(parts, sizeof parts / sizeof parts[0]);
    if (!input) {
        trop_expr_free(e);
        return TRO_ENOMEM;
    }
    rc = trop_result_from_expr(e, input, "hf-other", out);
    free(input);
    return rc;
}

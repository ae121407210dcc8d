/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Classifying what people write as a licence: SPDX expressions, Hugging Face
 * ids, names, URLs and lists, and the Hugging Face `other` + license_name +
 * license_link triple. What is not recognised is unknown, never free. */
#include "internal.h"
#include "license.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Trims white space, quotes and the brackets of a YAML list. */
static void trim(const char **s, size_t *n)
{
    for (;;) {
        while (*n && is_space(**s))
            (*s)++, (*n)--;
        while (*n && is_space((*s)[*n - 1]))
            (*n)--;
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

static bool looks_like_url(const char *s, size_t n)
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

/* A single item (no list): URL, Hugging Face id, strict expression, name. */
static int classify_item(const char *s, size_t n, trop_expr **out, const char **kind,
                         tro_error *err)
{
    *out = NULL;
    const char *expr = NULL;
    if (looks_like_url(s, n)) {
        if ((expr = trop_url_find(s, n)) != NULL)
            *kind = "url";
    } else if ((expr = trop_hf_find(s, n)) != NULL) {
        *kind = trop_lic_find(s, n) ? "expression" : "hf-id";
    } else {
        trop_expr *e;
        int rc = trop_spdx_parse(s, n, &e, err);
        if (rc == TRO_ENOMEM || rc == TRO_ELIMIT)
            return rc;
        if (!rc) {
            if ((rc = trop_expr_resolve(&e, 0)) != 0) {
                trop_expr_free(e);
                return rc;
            }
            *kind = "expression";
            *out = e;
            return 0;
        }
        if ((expr = trop_name_find(s, n)) != NULL)
            *kind = "name";
        else
            return TRO_EPARSE; /* err holds the parse error */
    }
    if (!expr)
        return 0;
    return trop_expr_from_table(expr, out);
}

/* Splits at ',' ';' '/' (all parts apply) and the words and/or written in one
 * case: "Apache 2.0 and MIT", "cc-by-sa-3.0, gfdl", "MIT/Apache-2.0". Each
 * part must be recognised. */
static int classify_lenient(const char *s, size_t n, trop_expr **out)
{
    trop_expr *acc = NULL;
    trop_ex_kind op = TROP_EX_AND;
    size_t start = 0, parts = 0;
    bool mixed = false;
    for (size_t i = 0; i <= n; i++) {
        size_t oplen = 0;
        trop_ex_kind next = TROP_EX_AND;
        if (i < n && (s[i] == ',' || s[i] == ';' || s[i] == '/'))
            oplen = 1;
        else if (i < n && i > 0 && is_space(s[i - 1])) {
            /* operators in one case, as in SPDX ("And" is an error there) */
            if (i + 4 <= n && (!strncmp(s + i, "and", 3) || !strncmp(s + i, "AND", 3)) &&
                is_space(s[i + 3]))
                oplen = 3;
            else if (i + 3 <= n && (!strncmp(s + i, "or", 2) || !strncmp(s + i, "OR", 2)) &&
                     is_space(s[i + 2]))
                oplen = 2, next = TROP_EX_OR;
        }
        if (i < n && !oplen)
            continue;
        const char *p = s + start;
        size_t pn = i - start;
        trim(&p, &pn);
        trop_expr *e = NULL;
        const char *kind;
        tro_error ignored;
        int rc = pn ? classify_item(p, pn, &e, &kind, &ignored) : TRO_EPARSE;
        if (!rc && !e)
            rc = TRO_EPARSE;
        if (rc) {
            trop_expr_free(acc);
            return rc == TRO_ENOMEM ? rc : TRO_EPARSE;
        }
        acc = acc ? trop_expr_join(op, acc, e) : e;
        if (!acc)
            return TRO_ENOMEM;
        if (++parts > TROP_EXPR_MAX_TERMS) {
            trop_expr_free(acc);
            return TRO_ELIMIT;
        }
        if (i == n)
            break;
        if (parts > 1 && next != op)
            mixed = true;
        op = next;
        start = i + oplen;
        i = start - 1;
    }
    /* "A or B and C" has no reliable grouping in prose: not recognised. */
    if (parts < 2 || mixed) {
        trop_expr_free(acc);
        return TRO_EPARSE;
    }
    *out = acc;
    return 0;
}

/* Looks like an SPDX expression: parentheses or an operator word (any case). */
static bool looks_like_expression(const char *s, size_t n)
{
    if (memchr(s, '(', n) || memchr(s, ')', n))
        return true;
    static const char *const ops[] = {"and", "or", "with"};
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && !is_space(s[i - 1]))
            continue;
        for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
            size_t l = strlen(ops[k]);
            if (i > 0 && i + l <= n && !strncasecmp(s + i, ops[k], l) &&
                (i + l == n || is_space(s[i + l])))
                return true;
        }
    }
    return false;
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
    trim(&s, &n);
    if (!n)
        return trop_expr_from_table("LicenseRef-trulyopen-unknown", out);
    tro_error perr = {0, "", -1};
    int rc = classify_item(s, n, out, kind, &perr);
    if (rc != TRO_EPARSE)
        return rc;
    if (!memchr(s, '(', n) && (rc = classify_lenient(s, n, out)) != TRO_EPARSE) {
        *kind = "list";
        return rc;
    }
    if (looks_like_expression(s, n)) {
        if (err) { /* the position in the caller's text, before trimming */
            const char *at = strstr(perr.message, " at byte ");
            int keep = at ? (int)(at - perr.message) : (int)strlen(perr.message);
            err->code = TRO_EPARSE;
            err->offset = perr.offset + (s - text);
            snprintf(err->message, sizeof err->message, "%.*s at byte %lld",
                     keep > 400 ? 400 : keep, perr.message, (long long)err->offset);
        }
        return TRO_EPARSE;
    }
    return 0; /* not recognised: *out stays NULL */
}

/* Builds the result; an unrecognised text becomes an unknown licence. */
static int finish(const char *input, trop_expr *e, const char *kind, tro_license_result **out)
{
    if (!e) {
        if (!(e = trop_expr_leaf("LicenseRef-trulyopen-custom", 27)))
            return TRO_ENOMEM;
        e->note = "not recognised as a licence id, expression, name or URL";
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

static bool all_known(const trop_expr *e)
{
    if (e->kind != TROP_EX_LICENSE)
        return all_known(e->left) && all_known(e->right);
    return e->lic && strcmp(e->lic->id, "LicenseRef-trulyopen-custom");
}

static bool is_relative_link(const char *link)
{
    return link && *link && !strstr(link, "://") && strncasecmp(link, "www.", 4);
}

int tro_license_classify_hf(const char *license, const char *license_name, const char *license_link,
                            tro_license_result **out, tro_error *err)
{
    if (!out)
        return trop_error_set(err, TRO_EINVAL, -1, "licence: no result pointer");
    *out = NULL;
    const char *lv = license ? license : "";
    size_t ln = strlen(lv);
    trim(&lv, &ln); /* "[other]" in a YAML list */
    bool other = !ln || (ln == 5 && !strncasecmp(lv, "other", 5));
    if (!other)
        return tro_license_classify(license, out, err);
    trop_expr *e = NULL;
    const char *kind = "hf-other";
    int rc = 0;
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
    if (!e && license_link && *license_link && !is_relative_link(license_link)) {
        const char *expr = trop_url_find(license_link, strlen(license_link));
        if (expr && (rc = trop_expr_from_table(expr, &e)) != 0)
            return rc;
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
    }
    char *input =
        trop_asprintf("%s%s%s%s%s", license ? license : "other",
                      license_name ? " license_name=" : "", license_name ? license_name : "",
                      license_link ? " license_link=" : "", license_link ? license_link : "");
    if (!input) {
        trop_expr_free(e);
        return TRO_ENOMEM;
    }
    rc = trop_result_from_expr(e, input, kind, out);
    free(input);
    return rc;
}

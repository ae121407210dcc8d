/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* SPDX licence expressions (SPDX 2.3 annex D / SPDX 3 grammar): parsing with
 * byte positions in errors, resolution of ids against the tables, and the
 * canonical text. Precedence, tightest first: "+", WITH, AND, OR. */
#include "internal.h"
#include "license.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum tok { T_END, T_LP, T_RP, T_AND, T_OR, T_WITH, T_WORD };

typedef struct parser {
    const char *s;
    size_t len, pos;
    enum tok tok; /* current token */
    size_t tstart, tlen;
    unsigned depth, terms;
    tro_error *err;
} parser;

static bool word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '+' || c == ':';
}

static int perr(parser *p, size_t at, const char *what)
{
    return trop_error_set(p->err, TRO_EPARSE, (int64_t)at, "licence expression: %s at byte %zu",
                          what, at);
}

static bool word_is(const parser *p, const char *op)
{
    return p->tlen == strlen(op) && !strncmp(p->s + p->tstart, op, p->tlen);
}

static int next(parser *p)
{
    while (p->pos < p->len && p->s[p->pos] && strchr(" \t\r\n", p->s[p->pos]))
        p->pos++;
    p->tstart = p->pos;
    p->tlen = 0;
    if (p->pos >= p->len) {
        p->tok = T_END;
        return 0;
    }
    unsigned char c = (unsigned char)p->s[p->pos];
    if (c == '(' || c == ')') {
        p->tok = c == '(' ? T_LP : T_RP;
        p->tlen = 1;
        p->pos++;
        return 0;
    }
    if (!word_char(c))
        return perr(p, p->pos, c == 0 ? "NUL byte" : "unexpected character");
    while (p->pos < p->len && word_char((unsigned char)p->s[p->pos]))
        p->pos++;
    p->tlen = p->pos - p->tstart;
    p->tok = T_WORD;
    if (word_is(p, "AND") || word_is(p, "and"))
        p->tok = T_AND;
    else if (word_is(p, "OR") || word_is(p, "or"))
        p->tok = T_OR;
    else if (word_is(p, "WITH") || word_is(p, "with"))
        p->tok = T_WITH;
    else if ((p->tlen == 3 && !strncasecmp(p->s + p->tstart, "and", 3)) ||
             (p->tlen == 2 && !strncasecmp(p->s + p->tstart, "or", 2)) ||
             (p->tlen == 4 && !strncasecmp(p->s + p->tstart, "with", 4)))
        return perr(p, p->tstart, "operator must be all upper or all lower case");
    return 0;
}

static bool idstring(const char *s, size_t n)
{
    if (!n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '+' || s[i] == ':')
            return false;
    return true;
}

static bool has_prefix(const char *s, size_t n, const char *prefix)
{
    size_t l = strlen(prefix);
    return n >= l && !strncasecmp(s, prefix, l);
}

/* Checks a word against license-ref / addition-ref / license-id forms. */
static int check_ref(parser *p, const char *w, size_t n, bool addition)
{
    const char *ref = addition ? "AdditionRef-" : "LicenseRef-";
    if (has_prefix(w, n, "DocumentRef-")) {
        const char *colon = memchr(w, ':', n);
        if (!colon || !idstring(w + 12, (size_t)(colon - w) - 12))
            return perr(p, p->tstart, "malformed DocumentRef (DocumentRef-x:LicenseRef-y)");
        size_t rest = n - (size_t)(colon + 1 - w);
        if (addition && has_prefix(colon + 1, rest, "LicenseRef-"))
            ref = "LicenseRef-";
        if (!has_prefix(colon + 1, rest, ref) ||
            !idstring(colon + 1 + strlen(ref), rest - strlen(ref)))
            return perr(p, p->tstart,
                        addition ? "expected AdditionRef- after DocumentRef"
                                 : "expected LicenseRef- after DocumentRef");
        return 0;
    }
    if (has_prefix(w, n, ref))
        return idstring(w + strlen(ref), n - strlen(ref))
                   ? 0
                   : perr(p, p->tstart, "malformed reference id");
    if (!addition && has_prefix(w, n, "AdditionRef-"))
        return perr(p, p->tstart, "AdditionRef- is only allowed after WITH");
    if (addition && (has_prefix(w, n, "LicenseRef-") || has_prefix(w, n, "DocumentRef-")))
        return check_ref(p, w, n, false); /* a licence after WITH: judged like AND */
    /* after WITH a licence id may carry "+" too ("MIT WITH GPL-2.0+") */
    size_t base = n && w[n - 1] == '+' ? n - 1 : n;
    if (!idstring(w, base))
        return perr(p, p->tstart, addition ? "malformed exception id" : "malformed licence id");
    return 0;
}

trop_expr *trop_expr_leaf(const char *id, size_t len)
{
    trop_expr *e = calloc(1, sizeof *e);
    if (!e || !(e->id = trop_strndup(id, len))) {
        free(e);
        return NULL;
    }
    e->kind = TROP_EX_LICENSE;
    e->conf = 1.0;
    return e;
}

trop_expr *trop_expr_join(trop_ex_kind kind, trop_expr *l, trop_expr *r)
{
    trop_expr *e = l && r ? calloc(1, sizeof *e) : NULL;
    if (!e) {
        trop_expr_free(l);
        trop_expr_free(r);
        return NULL;
    }
    e->kind = kind;
    e->left = l;
    e->right = r;
    return e;
}

void trop_expr_free(trop_expr *e)
{
    if (!e)
        return;
    trop_expr_free(e->left);
    trop_expr_free(e->right);
    free(e->id);
    free(e->exception);
    free(e);
}

static int parse_or(parser *p, trop_expr **out);

static int parse_simple(parser *p, trop_expr **out)
{
    if (p->tok != T_WORD)
        return perr(p, p->tstart,
                    p->tok == T_END ? "expected a licence id, got the end"
                                    : "expected a licence id");
    const char *w = p->s + p->tstart;
    size_t n = p->tlen;
    int rc = check_ref(p, w, n, false);
    if (rc)
        return rc;
    if (++p->terms > TROP_EXPR_MAX_TERMS)
        return trop_error_set(p->err, TRO_ELIMIT, (int64_t)p->tstart,
                              "licence expression: more than %u licences", TROP_EXPR_MAX_TERMS);
    bool plus = w[n - 1] == '+';
    trop_expr *e = trop_expr_leaf(w, plus ? n - 1 : n);
    if (!e)
        return TRO_ENOMEM;
    e->plus = plus;
    if ((rc = next(p)) == 0 && p->tok == T_WITH) {
        if ((rc = next(p)) == 0 && p->tok != T_WORD)
            rc = perr(p, p->tstart, "expected an exception id after WITH");
        if (!rc)
            rc = check_ref(p, p->s + p->tstart, p->tlen, true);
        if (!rc && !(e->exception = trop_strndup(p->s + p->tstart, p->tlen)))
            rc = TRO_ENOMEM;
        e->exc_off = (uint32_t)p->tstart;
        if (!rc)
            rc = next(p);
    }
    if (rc) {
        trop_expr_free(e);
        return rc;
    }
    *out = e;
    return 0;
}

static int parse_primary(parser *p, trop_expr **out)
{
    if (p->tok != T_LP)
        return parse_simple(p, out);
    size_t open = p->tstart;
    if (++p->depth > TROP_EXPR_MAX_DEPTH)
        return trop_error_set(p->err, TRO_ELIMIT, (int64_t)open,
                              "licence expression: nested deeper than %u", TROP_EXPR_MAX_DEPTH);
    trop_expr *e = NULL;
    int rc = next(p);
    if (!rc)
        rc = parse_or(p, &e);
    if (!rc && p->tok != T_RP)
        rc = perr(p, p->tstart, "expected ')' to close the '(' before it");
    if (!rc) {
        p->depth--;
        rc = next(p);
    }
    if (!rc && p->tok == T_WITH)
        rc = perr(p, p->tstart, "WITH must follow a single licence, not parentheses");
    if (rc) {
        trop_expr_free(e);
        return rc;
    }
    *out = e;
    return 0;
}

static int parse_chain(parser *p, trop_expr **out, enum tok op, trop_ex_kind kind,
                       int (*sub)(parser *, trop_expr **))
{
    trop_expr *l = NULL;
    int rc = sub(p, &l);
    while (!rc && p->tok == op) {
        trop_expr *r = NULL;
        rc = next(p);
        if (!rc)
            rc = sub(p, &r);
        if (rc)
            break;
        if (!(l = trop_expr_join(kind, l, r)))
            return TRO_ENOMEM;
    }
    if (rc) {
        trop_expr_free(l);
        return rc;
    }
    *out = l;
    return 0;
}

static int parse_and(parser *p, trop_expr **out)
{
    return parse_chain(p, out, T_AND, TROP_EX_AND, parse_primary);
}

static int parse_or(parser *p, trop_expr **out)
{
    return parse_chain(p, out, T_OR, TROP_EX_OR, parse_and);
}

int trop_spdx_parse(const char *text, size_t len, trop_expr **out, tro_error *err)
{
    *out = NULL;
    if (len > TROP_EXPR_MAX_LEN)
        return trop_error_set(err, TRO_ELIMIT, -1, "licence expression: longer than %u bytes",
                              TROP_EXPR_MAX_LEN);
    parser p = {.s = text, .len = len, .err = err};
    trop_expr *e = NULL;
    int rc = next(&p);
    if (!rc && p.tok == T_END)
        rc = perr(&p, p.tstart, "empty expression");
    if (!rc)
        rc = parse_or(&p, &e);
    if (!rc && p.tok != T_END) {
        trop_expr_free(e);
        e = NULL;
        rc = p.tok == T_RP ? perr(&p, p.tstart, "')' without a matching '('")
                           : perr(&p, p.tstart, "expected AND, OR or WITH between licences");
    }
    if (!rc)
        *out = e;
    return rc;
}

/* ---- Printing ----------------------------------------------------------------- */

typedef struct sbuf {
    char *s;
    size_t n, cap;
    bool oom;
} sbuf;

static void put(sbuf *b, const char *s)
{
    size_t l = strlen(s);
    if (b->oom)
        return;
    if (b->n + l + 1 > b->cap) {
        size_t cap = (b->n + l + 1) * 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            b->oom = true;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, l + 1);
    b->n += l;
}

static void print(sbuf *b, const trop_expr *e, trop_ex_kind parent)
{
    if (e->kind == TROP_EX_LICENSE) {
        put(b, e->id);
        if (e->plus)
            put(b, "+");
        if (e->exception) {
            put(b, " WITH ");
            put(b, e->exception);
        }
        return;
    }
    bool paren = e->kind == TROP_EX_OR && parent == TROP_EX_AND;
    if (paren)
        put(b, "(");
    print(b, e->left, e->kind);
    put(b, e->kind == TROP_EX_AND ? " AND " : " OR ");
    print(b, e->right, e->kind);
    if (paren)
        put(b, ")");
}

char *trop_expr_print(const trop_expr *e)
{
    sbuf b = {0};
    print(&b, e, TROP_EX_OR);
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    return b.s ? b.s : trop_strdup("");
}

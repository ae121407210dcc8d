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
    size_t base = n && w[n - 1] == '+' && !addition ? n - 1 : n;
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

/* ---- Resolution ------------------------------------------------------------ */

/* "GPL-2.0-only+" means GPL-2.0-or-later. */
static int or_later(trop_expr *x)
{
    size_t n = strlen(x->id);
    if (!x->plus || n < 5 || strcmp(x->id + n - 5, "-only"))
        return 0;
    char *later = trop_asprintf("%.*s-or-later", (int)(n - 5), x->id);
    if (!later)
        return TRO_ENOMEM;
    const trop_lic *lic = trop_lic_find(later, strlen(later));
    if (lic) {
        free(x->id);
        x->id = later;
        x->lic = lic;
        x->plus = false;
        return 0;
    }
    free(later);
    return 0;
}

/* Replaces leaf *e by the expression expr from the tables (a deprecated id's
 * replacement, a Hugging Face id's or a name's meaning). */
static int substitute(trop_expr **e, const char *expr, const char *note, unsigned depth)
{
    trop_expr *sub;
    int rc = trop_spdx_parse(expr, strlen(expr), &sub, NULL);
    if (rc)
        return rc == TRO_ENOMEM ? rc : 0; /* a bad table entry stays unknown */
    if ((rc = trop_expr_resolve(&sub, depth + 1)) != 0) {
        trop_expr_free(sub);
        return rc;
    }
    if (sub->kind == TROP_EX_LICENSE) {
        if (!sub->exception && (*e)->exception) {
            sub->exception = (*e)->exception;
            (*e)->exception = NULL;
        }
        /* "+" belongs to listed ids; a LicenseRef cannot carry it */
        sub->plus = (sub->plus || (*e)->plus) && strncmp(sub->id, "LicenseRef-", 11) &&
                    strncmp(sub->id, "DocumentRef-", 12);
        if (!sub->note)
            sub->note = note;
        if ((rc = or_later(sub)) != 0) {
            trop_expr_free(sub);
            return rc;
        }
    }
    trop_expr_free(*e);
    *e = sub;
    return 0;
}

static int resolve_ref(trop_expr **e, unsigned depth)
{
    trop_expr *x = *e;
    const char *id = x->id;
    size_t n = strlen(id);
    memcpy(x->id, "LicenseRef-", 11); /* canonical case of the prefix */
    const trop_lic *lic = trop_lic_find(id, n);
    if (lic) {
        memcpy(x->id, lic->id, n);
        x->lic = lic;
        return 0;
    }
    if (has_prefix(id, n, "LicenseRef-scancode-")) {
        const char *expr = trop_name_find(id + 20, n - 20);
        if (expr)
            return substitute(e, expr, "ScanCode licence key", depth);
    }
    x->note = "a licence reference that trulyopen does not know";
    return 0;
}

static int resolve_leaf(trop_expr **e, unsigned depth)
{
    trop_expr *x = *e;
    size_t n = strlen(x->id);
    if (x->exception) {
        const trop_exc *ex = trop_exc_find(x->exception, strlen(x->exception));
        if (ex)
            memcpy(x->exception, ex->id, strlen(ex->id));
    }
    if (has_prefix(x->id, n, "DocumentRef-")) {
        x->note = "a licence defined in another SPDX document";
        return 0;
    }
    if (has_prefix(x->id, n, "LicenseRef-"))
        return resolve_ref(e, depth);
    const trop_lic *lic = NULL;
    if (x->plus) { /* "GPL-2.0+" is an id of its own (deprecated) */
        char *withplus = trop_asprintf("%s+", x->id);
        if (!withplus)
            return TRO_ENOMEM;
        lic = trop_lic_find(withplus, n + 1);
        free(withplus);
        if (lic)
            x->plus = false;
    }
    if (!lic)
        lic = trop_lic_find(x->id, n);
    if (lic && lic->replaced_by)
        return substitute(e, lic->replaced_by, "deprecated SPDX id replaced", depth);
    if (lic) {
        memcpy(x->id, lic->id, n);
        x->lic = lic;
        return or_later(x);
    }
    const char *expr = trop_hf_find(x->id, n);
    if (expr)
        return substitute(e, expr, "Hugging Face licence id", depth);
    if ((expr = trop_name_find(x->id, n)) != NULL)
        return substitute(e, expr, "licence name", depth);
    x->note = "not on the SPDX License List";
    return 0;
}

int trop_expr_resolve(trop_expr **e, unsigned depth)
{
    if (depth > 8) /* table substitutions never nest this deep */
        return 0;
    if ((*e)->kind != TROP_EX_LICENSE) {
        int rc = trop_expr_resolve(&(*e)->left, depth);
        return rc ? rc : trop_expr_resolve(&(*e)->right, depth);
    }
    return resolve_leaf(e, depth);
}

int trop_expr_from_table(const char *expr, trop_expr **out)
{
    *out = NULL;
    int rc = trop_spdx_parse(expr, strlen(expr), out, NULL);
    if (rc == TRO_ENOMEM)
        return rc;
    if (rc) { /* cannot happen for checked tables; keep it unknown */
        *out = trop_expr_leaf("LicenseRef-trulyopen-unknown", 28);
        return *out ? 0 : TRO_ENOMEM;
    }
    rc = trop_expr_resolve(out, 1);
    if (rc) {
        trop_expr_free(*out);
        *out = NULL;
    }
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

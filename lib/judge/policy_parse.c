/*
 * Reading policy files (README.md, "Release gates: policy files"). The text
 * is walked with the byte-offset pull parser of lib/scan rather than loaded
 * with jansson, so that every complaint can name the key path and the byte
 * where it sits. Two passes, as for manifests: the first checks the syntax
 * and finds "format" and "format_version", so that a newer policy is
 * refused as TRO_EVERSION before its new keys are taken for typos; the
 * second reads the keys.
 */
#include "policy.h"

#include "../license/license.h"
#include "../scan/json_pull.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef trop_jp jp;

/* A structural problem with the value at off: "PATH: what is wrong". */
static int bad(jp *p, size_t off, const char *path, const char *fmt, ...) TROP_PRINTF(4, 5);
static int bad(jp *p, size_t off, const char *path, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return trop_jp_fail(p, TRO_EFORMAT, off, "%s: %s", path, msg);
}

/* Offset of the next token. */
static size_t at(jp *p)
{
    trop_jp_peek(p);
    return p->pos;
}

/* Skips a value of the wrong kind (its syntax was checked by the first
 * pass) and reports what was expected instead. */
static int wrong(jp *p, const char *path, const char *expected)
{
    size_t off = at(p);
    int rc = trop_jp_skip(p);
    return rc ? rc : bad(p, off, path, "expected %s", expected);
}

static bool key_is(const jp *p, const char *name)
{
    return strlen(name) == p->blen && memcmp(p->buf, name, p->blen) == 0;
}

/* The decoded string in p->buf, refused when it holds a NUL (\u0000). */
static int no_nul(jp *p, size_t off, const char *path)
{
    return strlen(p->buf) == p->blen ? 0 : bad(p, off, path, "NUL character in a string");
}

static int read_bool(jp *p, const char *path, bool *out)
{
    static const char *const words[] = {"false", "true"};
    trop_jp_peek(p);
    for (int i = 0; i < 2; i++) {
        size_t n = strlen(words[i]);
        if (p->len - p->pos >= n && memcmp(p->s + p->pos, words[i], n) == 0) {
            p->pos += n;
            *out = i == 1;
            return 0;
        }
    }
    return wrong(p, path, "true or false");
}

/* ---- criteria ----------------------------------------------------------- */

static int status_named(const jp *p)
{
    for (int s = TRO_STATUS_UNKNOWN; s <= TRO_STATUS_PASS; s++)
        if (key_is(p, tro_status_name((tro_status)s)))
            return s;
    return -1;
}

static int read_status_name(jp *p, const char *path, int *status)
{
    size_t off = at(p);
    int rc = trop_jp_text(p, path);
    if (rc)
        return rc;
    if ((*status = status_named(p)) < 0)
        return bad(p, off, path,
                   "unknown status \"%.60s\" (expected fail, unknown, partial or pass)", p->buf);
    return 0;
}

/* "partial" (that status or better) or ["pass", "unknown"] (exactly these). */
static int read_status_spec(jp *p, const char *path, unsigned *accept, int *minimum)
{
    int c = trop_jp_peek(p), rc, s;
    if (c == '"') {
        if ((rc = read_status_name(p, path, &s)))
            return rc;
        *minimum = s;
        *accept = 0;
        for (int t = TRO_STATUS_UNKNOWN; t <= TRO_STATUS_PASS; t++)
            if (trop_status_rank((tro_status)t) >= trop_status_rank((tro_status)s))
                *accept |= 1u << t;
        return 0;
    }
    if (c != '[')
        return wrong(p, path, "a status name or a list of status names");
    size_t start = at(p), i = 0;
    char item[96];
    bool first = true, done = false;
    *accept = 0;
    *minimum = -1;
    rc = trop_jp_open(p, '[');
    while (!rc && !(rc = trop_jp_next(p, false, &first, &done)) && !done) {
        snprintf(item, sizeof item, "%s[%zu]", path, i++);
        if (!(rc = read_status_name(p, item, &s)))
            *accept |= 1u << s;
    }
    if (!rc && !*accept)
        rc = bad(p, start, path, "an empty list accepts no status");
    return rc;
}

static int read_criteria(jp *p, tro_policy *pol)
{
    if (trop_jp_peek(p) != '{')
        return wrong(p, "criteria", "an object");
    unsigned seen = 0;
    char path[64];
    bool first = true, done = false;
    int rc = trop_jp_open(p, '{');
    while (!rc && !(rc = trop_jp_next(p, true, &first, &done)) && !done) {
        int c = -1;
        for (int k = TRO_CRITERION_USE_FREEDOM; k <= TRO_CRITERION_DATA_ACCESS; k++)
            if (key_is(p, tro_criterion_name((tro_criterion)k)))
                c = k;
        if (c < 0)
            return bad(p, p->key_pos, "criteria",
                       "unknown criterion \"%.60s\" (expected use_freedom, method_transparency "
                       "or data_access)",
                       p->buf);
        snprintf(path, sizeof path, "criteria.%s", tro_criterion_name((tro_criterion)c));
        if (seen & (1u << c))
            return bad(p, p->key_pos, path, "key appears twice");
        seen |= 1u << c;
        rc = read_status_spec(p, path, &pol->accept[c], &pol->minimum[c]);
    }
    return rc;
}

/* ---- string lists --------------------------------------------------------- */

/* Checks the string in p->buf (read at off, named path) and stores it as
 * element n of the list being built. */
typedef int (*item_fn)(jp *p, size_t off, const char *path, void *list, size_t n);

/* A JSON list of strings; grow(list, n) makes room for n items. */
static int read_strings(jp *p, const char *path, bool may_be_empty, void *list,
                        int (*grow)(void *list, size_t n), item_fn item)
{
    if (trop_jp_peek(p) != '[')
        return wrong(p, path, "a list of strings");
    size_t start = at(p), n = 0;
    char where[96];
    bool first = true, done = false;
    int rc = trop_jp_open(p, '[');
    while (!rc && !(rc = trop_jp_next(p, false, &first, &done)) && !done) {
        size_t off = at(p);
        snprintf(where, sizeof where, "%s[%zu]", path, n);
        if (n >= TROP_POLICY_MAX_LIST)
            return bad(p, off, path, "more than %u entries", TROP_POLICY_MAX_LIST);
        if ((rc = trop_jp_text(p, where)) || (rc = no_nul(p, off, where)))
            break;
        if (grow(list, n + 1))
            return trop_error_set(p->err, TRO_ENOMEM, -1, "out of memory");
        rc = item(p, off, where, list, n++);
    }
    if (!rc && !n && !may_be_empty)
        rc = bad(p, start, path, "an empty list (leave the key out to allow every licence)");
    return rc;
}

static int grow_array(void **v, size_t *cap, size_t n, size_t size)
{
    if (n <= *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 8;
    while (c < n)
        c *= 2;
    void *nv = realloc(*v, c * size);
    if (!nv)
        return TRO_ENOMEM;
    memset((char *)nv + *cap * size, 0, (c - *cap) * size);
    *v = nv;
    *cap = c;
    return 0;
}

/* Lists are grown through these wrappers, which keep the capacity in a
 * side field so that the public struct holds only v and n. */
typedef struct lic_build {
    trop_lic_list *l;
    size_t cap;
} lic_build;

typedef struct code_build {
    trop_code_list *l;
    size_t cap;
    size_t *offs; /* where each entry was written, for conflict messages */
    size_t offs_cap;
} code_build;

static int grow_lic(void *list, size_t n)
{
    lic_build *b = list;
    return grow_array((void **)&b->l->v, &b->cap, n, sizeof *b->l->v);
}

static int grow_code(void *list, size_t n)
{
    code_build *b = list;
    int rc = grow_array((void **)&b->l->v, &b->cap, n, sizeof *b->l->v);
    return rc ? rc : grow_array((void **)&b->offs, &b->offs_cap, n, sizeof *b->offs);
}

/* The licence an entry names, resolved as report expressions are (any
 * case, deprecated ids replaced, Hugging Face ids and names mapped): a
 * known id, or a LicenseRef- the tables do not know. NULL when it is not
 * one licence; *why says why. */
static int resolve_entry(const jp *p, trop_expr **out, const char **why)
{
    tro_error e;
    *out = NULL;
    *why = "is neither a known licence id, a LicenseRef- id nor a category";
    int rc = trop_spdx_parse(p->buf, p->blen, out, &e);
    if (rc)
        return rc == TRO_ENOMEM ? rc : 0;
    if ((rc = trop_expr_resolve(out, 0)) != 0)
        return rc;
    const trop_expr *x = *out;
    if (x->kind != TROP_EX_LICENSE)
        *why = "stands for several licences; list them one by one";
    else if (x->exception)
        *why = "has a WITH exception; list the licence alone (exceptions are not matched)";
    else if (x->lic || !strncmp(x->id, "LicenseRef-", 11))
        return 0;
    trop_expr_free(*out);
    *out = NULL;
    return 0;
}

/* A category name, or one licence (see resolve_entry). */
static int lic_item(jp *p, size_t off, const char *path, void *list, size_t n)
{
    lic_build *b = list;
    trop_lic_entry *e = &b->l->v[n];
    b->l->n = n + 1;
    for (int c = TRO_LICENSE_UNKNOWN; c <= TRO_LICENSE_PROPRIETARY; c++) {
        if (key_is(p, tro_license_category_name((tro_license_category)c))) {
            e->is_category = true;
            e->category = (tro_license_category)c;
            return 0;
        }
    }
    trop_expr *x;
    const char *why;
    int rc = resolve_entry(p, &x, &why);
    if (rc)
        return trop_error_set(p->err, rc, -1, "out of memory");
    if (!x)
        return bad(p, off, path, "\"%.80s\" %s", p->buf, why);
    e->id = trop_strdup(x->lic ? x->lic->id : x->id);
    trop_expr_free(x);
    return e->id ? 0 : trop_error_set(p->err, TRO_ENOMEM, -1, "out of memory");
}

/* "pickle-dangerous-global", or "pickle-*" for every code so prefixed. */
static int code_item(jp *p, size_t off, const char *path, void *list, size_t n)
{
    code_build *b = list;
    trop_code_entry *e = &b->l->v[n];
    b->l->n = n + 1;
    b->offs[n] = off;
    size_t len = p->blen;
    bool prefix = len && p->buf[len - 1] == '*', ok = true;
    if (prefix)
        len--;
    for (size_t i = 0; i < len; i++) {
        char c = p->buf[i];
        ok &= (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              (c == '-' && (prefix || (i && i + 1 < len && p->buf[i + 1] != '-')));
    }
    if (!ok || (!prefix && !len))
        return bad(p, off, path,
                   "\"%.80s\" is not a finding code (lower-case words joined by '-', "
                   "optionally ending in '*')",
                   p->buf);
    if (!(e->code = trop_strndup(p->buf, len)))
        return trop_error_set(p->err, TRO_ENOMEM, -1, "out of memory");
    e->prefix = prefix;
    return 0;
}

static int read_licenses(jp *p, tro_policy *pol)
{
    if (trop_jp_peek(p) != '{')
        return wrong(p, "licenses", "an object");
    bool first = true, done = false;
    int rc = trop_jp_open(p, '{');
    while (!rc && !(rc = trop_jp_next(p, true, &first, &done)) && !done) {
        bool allow = key_is(p, "allow");
        if (!allow && !key_is(p, "deny"))
            return bad(p, p->key_pos, "licenses", "unknown key \"%.60s\" (expected allow or deny)",
                       p->buf);
        trop_lic_list *l = allow ? &pol->allow : &pol->deny;
        const char *path = allow ? "licenses.allow" : "licenses.deny";
        if (l->set)
            return bad(p, p->key_pos, path, "key appears twice");
        l->set = true;
        lic_build b = {l, 0};
        rc = read_strings(p, path, !allow, &b, grow_lic, lic_item);
    }
    return rc;
}

static int read_codes(jp *p, const char *path, trop_code_list *l, size_t **offs)
{
    code_build b = {l, 0, NULL, 0};
    int rc = read_strings(p, path, true, &b, grow_code, code_item);
    *offs = b.offs;
    return rc;
}

/* ---- the other keys --------------------------------------------------------- */

static int read_mof_class(jp *p, tro_policy *pol)
{
    size_t off = at(p);
    if (p->len - p->pos >= 4 && memcmp(p->s + p->pos, "null", 4) == 0) {
        p->pos += 4;
        pol->min_mof_class = 0;
        return 0;
    }
    int c = trop_jp_peek(p);
    if (c < '0' || c > '9')
        return wrong(p, "min_mof_class", "1, 2, 3 or null");
    uint64_t v;
    int rc = trop_jp_whole(p, "min_mof_class", &v);
    if (!rc && (v < 1 || v > 3))
        rc = bad(p, off, "min_mof_class", "class %llu does not exist (expected 1, 2, 3 or null)",
                 (unsigned long long)v);
    if (!rc)
        pol->min_mof_class = (int)v;
    return rc;
}

static int read_severity(jp *p, tro_policy *pol)
{
    static const char *const names[] = {"info", "warning", "error", "none"};
    size_t off = at(p);
    if (trop_jp_peek(p) != '"')
        return wrong(p, "fail_on_severity", "\"error\", \"warning\", \"info\" or \"none\"");
    int rc = trop_jp_text(p, "fail_on_severity");
    if (rc)
        return rc;
    for (int i = 0; i < 4; i++) {
        if (key_is(p, names[i])) {
            pol->fail_severity = i;
            return 0;
        }
    }
    return bad(p, off, "fail_on_severity",
               "unknown severity \"%.60s\" (expected error, warning, info or none)", p->buf);
}

static int read_description(jp *p)
{
    size_t off = at(p);
    if (trop_jp_peek(p) != '"')
        return wrong(p, "description", "a string");
    int rc = trop_jp_text(p, "description");
    return rc ? rc : no_nul(p, off, "description");
}

enum {
    K_FORMAT,
    K_VERSION,
    K_DESCRIPTION,
    K_TRULY_OPEN,
    K_CRITERIA,
    K_LICENSES,
    K_MOF,
    K_SEVERITY,
    K_FAIL_CODES,
    K_IGNORE_CODES,
    K_COUNT
};

static const char *const top_keys[K_COUNT] = {
    "format",   "format_version", "description",      "require_truly_open", "criteria",
    "licenses", "min_mof_class",  "fail_on_severity", "fail_on_codes",      "ignore_codes"};

static int top_key(jp *p, unsigned *seen, int *key)
{
    for (int k = 0; k < K_COUNT; k++) {
        if (!key_is(p, top_keys[k]))
            continue;
        if (*seen & (1u << k))
            return bad(p, p->key_pos, top_keys[k], "key appears twice");
        *seen |= 1u << k;
        *key = k;
        return 0;
    }
    return bad(p, p->key_pos, p->blen < 60 ? p->buf : "(key)",
               "unknown key (expected format, format_version, description, require_truly_open, "
               "criteria, licenses, min_mof_class, fail_on_severity, fail_on_codes or "
               "ignore_codes)");
}

/* ---- the two passes ----------------------------------------------------------- */

typedef struct header {
    bool has_format, format_ok, has_version;
    size_t format_off;
    uint64_t version;
} header;

static int read_header_key(jp *p, header *h)
{
    bool format = key_is(p, "format");
    if (!format && !key_is(p, "format_version"))
        return trop_jp_skip(p);
    bool *has = format ? &h->has_format : &h->has_version;
    if (*has)
        return bad(p, p->key_pos, format ? "format" : "format_version", "key appears twice");
    *has = true;
    if (!format)
        return trop_jp_whole(p, "format_version", &h->version);
    h->format_off = at(p);
    int rc = trop_jp_text(p, "format");
    h->format_ok = !rc && key_is(p, TROP_POLICY_FORMAT);
    return rc;
}

static int check_header(jp *p, const header *h)
{
    if (h->has_format && !h->format_ok)
        return bad(p, h->format_off, "format", "not a policy (expected \"%s\")",
                   TROP_POLICY_FORMAT);
    if (!h->has_version)
        return bad(p, 0, "format_version", "missing (write \"format_version\": %d)",
                   TROP_POLICY_FORMAT_VERSION);
    if (h->version < 1)
        return bad(p, 0, "format_version", "must be 1 or more");
    if (h->version > TROP_POLICY_FORMAT_VERSION)
        return trop_jp_fail(p, TRO_EVERSION, 0,
                            "format_version %llu is newer than this trulyopen reads (%d)",
                            (unsigned long long)h->version, TROP_POLICY_FORMAT_VERSION);
    return 0;
}

static int pass_header(jp *p)
{
    int c = trop_jp_peek(p), rc;
    if (c < 0)
        return trop_jp_fail(p, TRO_EPARSE, p->pos, "empty policy");
    if (c != '{') {
        rc = trop_jp_skip(p);
        if (!rc && trop_jp_peek(p) >= 0)
            rc = trop_jp_fail(p, TRO_EPARSE, p->pos, "text after the end of the policy");
        return rc ? rc : trop_jp_fail(p, TRO_EFORMAT, 0, "a policy is a JSON object");
    }
    header h = {0};
    bool first = true, done = false;
    rc = trop_jp_open(p, '{');
    while (!rc && !(rc = trop_jp_next(p, true, &first, &done)) && !done)
        rc = read_header_key(p, &h);
    if (!rc && trop_jp_peek(p) >= 0)
        rc = trop_jp_fail(p, TRO_EPARSE, p->pos, "text after the end of the policy");
    return rc ? rc : check_header(p, &h);
}

/* The same exact code both failing and ignored is a contradiction. */
static int check_conflicts(jp *p, const tro_policy *pol, const size_t *ignore_offs)
{
    for (size_t i = 0; i < pol->ignore_codes.n; i++) {
        const trop_code_entry *g = &pol->ignore_codes.v[i];
        for (size_t j = 0; j < pol->fail_codes.n; j++) {
            const trop_code_entry *f = &pol->fail_codes.v[j];
            if (g->prefix == f->prefix && !strcmp(g->code, f->code))
                return bad(p, ignore_offs[i], "ignore_codes", "\"%s%s\" is also in fail_on_codes",
                           g->code, g->prefix ? "*" : "");
        }
    }
    return 0;
}

static int pass_body(jp *p, tro_policy *pol)
{
    unsigned seen = 0;
    bool first = true, done = false;
    size_t *fail_offs = NULL, *ignore_offs = NULL;
    int rc = trop_jp_open(p, '{');
    while (!rc && !(rc = trop_jp_next(p, true, &first, &done)) && !done) {
        int k = -1;
        if ((rc = top_key(p, &seen, &k)))
            break;
        rc = k == K_DESCRIPTION    ? read_description(p)
             : k == K_TRULY_OPEN   ? read_bool(p, "require_truly_open", &pol->require_truly_open)
             : k == K_CRITERIA     ? read_criteria(p, pol)
             : k == K_LICENSES     ? read_licenses(p, pol)
             : k == K_MOF          ? read_mof_class(p, pol)
             : k == K_SEVERITY     ? read_severity(p, pol)
             : k == K_FAIL_CODES   ? read_codes(p, "fail_on_codes", &pol->fail_codes, &fail_offs)
             : k == K_IGNORE_CODES ? read_codes(p, "ignore_codes", &pol->ignore_codes, &ignore_offs)
                                   : trop_jp_skip(p); /* format, format_version: pass one */
    }
    if (!rc)
        rc = check_conflicts(p, pol, ignore_offs);
    free(fail_offs);
    free(ignore_offs);
    return rc;
}

/* "MESSAGE at byte N" from the pull parser becomes
 * "policy: MESSAGE (line L, column C, byte N)"; columns count characters. */
static void locate(tro_error *e, const char *text, size_t len)
{
    char msg[sizeof e->message], tail[48];
    snprintf(msg, sizeof msg, "%s", e->message);
    if (e->offset < 0 || (uint64_t)e->offset > len) {
        snprintf(e->message, sizeof e->message, "policy: %s", msg);
        return;
    }
    size_t off = (size_t)e->offset, n = strlen(msg), line = 1, col = 1;
    snprintf(tail, sizeof tail, " at byte %zu", off);
    if (n >= strlen(tail) && !strcmp(msg + n - strlen(tail), tail))
        msg[n - strlen(tail)] = '\0';
    for (size_t i = 0; i < off; i++) {
        if (text[i] == '\n') {
            line++;
            col = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            col++;
        }
    }
    snprintf(e->message, sizeof e->message, "policy: %s (line %zu, column %zu, byte %zu)", msg,
             line, col, off);
}

int trop_policy_parse(tro_policy *pol, const char *json, size_t len, tro_error *err)
{
    tro_error e = {0};
    int rc;
    if (len > TROP_POLICY_MAX_BYTES) {
        rc = trop_error_set(err, TRO_ELIMIT, -1, "policy: larger than %u bytes",
                            TROP_POLICY_MAX_BYTES);
        return rc;
    }
    jp p = {.s = (const unsigned char *)json,
            .len = len,
            .max_depth = TROP_POLICY_MAX_DEPTH,
            .err = &e};
    /* editors on some systems start UTF-8 files with a byte order mark */
    if (len >= 3 && memcmp(json, "\xEF\xBB\xBF", 3) == 0)
        p.pos = 3;
    size_t start = p.pos;
    pol->fail_severity = TRO_SEVERITY_ERROR;
    for (int c = 0; c < 3; c++) {
        pol->accept[c] = TROP_POLICY_ACCEPT_ALL;
        pol->minimum[c] = -1;
    }
    rc = pass_header(&p);
    if (!rc) {
        p.pos = start;
        p.depth = 0;
        rc = pass_body(&p, pol);
    }
    free(p.buf);
    if (rc && rc != TRO_ENOMEM)
        locate(&e, json, len);
    if (rc && err)
        *err = e;
    return rc;
}

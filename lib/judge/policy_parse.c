/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Reading policy files (README.md, "Release gates: policy files"). The text
 * is walked with the byte-offset pull parser of lib/scan rather than loaded
 * with jansson, so that every complaint can name the key path and the byte
 * where it sits. Two passes, as for manifests: the first checks the syntax
 * and finds "format" and "format_version", so that a newer policy is
 * refused as TRO_EVERSION before its new keys are taken for typos; the
 * second reads the keys.
 */
#include "policy_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef trop_jp jp;

/* A structural problem with the value at off: "PATH: what is wrong". */
int trop_policy_bad(jp *p, size_t off, const char *path, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return trop_jp_fail(p, TRO_EFORMAT, off, "%s: %s", path, msg);
}

/* Offset of the next token. */
size_t trop_policy_at(jp *p)
{
    trop_jp_peek(p);
    return p->pos;
}

/* Skips a value of the wrong kind (its syntax was checked by the first
 * pass) and reports what was expected instead. */
int trop_policy_wrong(jp *p, const char *path, const char *expected)
{
    size_t off = trop_policy_at(p);
    int rc = trop_jp_skip(p);
    return rc ? rc : trop_policy_bad(p, off, path, "expected %s", expected);
}

bool trop_policy_key_is(const jp *p, const char *name)
{
    return strlen(name) == p->blen && memcmp(p->buf, name, p->blen) == 0;
}

/* The decoded string in p->buf, refused when it holds a NUL (\u0000). */
int trop_policy_no_nul(jp *p, size_t off, const char *path)
{
    return strlen(p->buf) == p->blen ? 0
                                     : trop_policy_bad(p, off, path, "NUL character in a string");
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
    return trop_policy_wrong(p, path, "true or false");
}

/* ---- criteria ----------------------------------------------------------- */

static int status_named(const jp *p)
{
    for (int s = TRO_STATUS_UNKNOWN; s <= TRO_STATUS_PASS; s++)
        if (trop_policy_key_is(p, tro_status_name((tro_status)s)))
            return s;
    return -1;
}

static int read_status_name(jp *p, const char *path, int *status)
{
    size_t off = trop_policy_at(p);
    int rc = trop_jp_text(p, path);
    if (rc)
        return rc;
    if ((*status = status_named(p)) < 0)
        return trop_policy_bad(p, off, path,
                               "unknown status \"%.60s\" (expected fail, unknown, partial or pass)",
                               p->buf);
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
        return trop_policy_wrong(p, path, "a status name or a list of status names");
    size_t start = trop_policy_at(p), i = 0;
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
        rc = trop_policy_bad(p, start, path, "an empty list accepts no status");
    return rc;
}

static int read_criteria(jp *p, tro_policy *pol)
{
    if (trop_jp_peek(p) != '{')
        return trop_policy_wrong(p, "criteria", "an object");
    unsigned seen = 0;
    char path[64];
    bool first = true, done = false;
    int rc = trop_jp_open(p, '{');
    while (!rc && !(rc = trop_jp_next(p, true, &first, &done)) && !done) {
        int c = -1;
        for (int k = TRO_CRITERION_USE_FREEDOM; k <= TRO_CRITERION_DATA_ACCESS; k++)
            if (trop_policy_key_is(p, tro_criterion_name((tro_criterion)k)))
                c = k;
        if (c < 0)
            return trop_policy_bad(
                p, p->key_pos, "criteria",
                "unknown criterion \"%.60s\" (expected use_freedom, method_transparency "
                "or data_access)",
                p->buf);
        snprintf(path, sizeof path, "criteria.%s", tro_criterion_name((tro_criterion)c));
        if (seen & (1u << c))
            return trop_policy_bad(p, p->key_pos, path, "key appears twice");
        seen |= 1u << c;
        rc = read_status_spec(p, path, &pol->accept[c], &pol->minimum[c]);
    }
    return rc;
}

/* ---- the other keys --------------------------------------------------------- */

static int read_mof_class(jp *p, tro_policy *pol)
{
    size_t off = trop_policy_at(p);
    if (p->len - p->pos >= 4 && memcmp(p->s + p->pos, "null", 4) == 0) {
        p->pos += 4;
        pol->min_mof_class = 0;
        return 0;
    }
    int c = trop_jp_peek(p);
    if (c < '0' || c > '9')
        return trop_policy_wrong(p, "min_mof_class", "1, 2, 3 or null");
    uint64_t v;
    int rc = trop_jp_whole(p, "min_mof_class", &v);
    if (!rc && (v < 1 || v > 3))
        rc = trop_policy_bad(p, off, "min_mof_class",
                             "class %llu does not exist (expected 1, 2, 3 or null)",
                             (unsigned long long)v);
    if (!rc)
        pol->min_mof_class = (int)v;
    return rc;
}

static int read_severity(jp *p, tro_policy *pol)
{
    static const char *const names[] = {"info", "warning", "error", "none"};
    size_t off = trop_policy_at(p);
    if (trop_jp_peek(p) != '"')
        return trop_policy_wrong(p, "fail_on_severity",
                                 "\"error\", \"warning\", \"info\" or \"none\"");
    int rc = trop_jp_text(p, "fail_on_severity");
    if (rc)
        return rc;
    for (int i = 0; i < 4; i++) {
        if (trop_policy_key_is(p, names[i])) {
            pol->fail_severity = i;
            return 0;
        }
    }
    return trop_policy_bad(p, off, "fail_on_severity",
                           "unknown severity \"%.60s\" (expected error, warning, info or none)",
                           p->buf);
}

static int read_description(jp *p)
{
    size_t off = trop_policy_at(p);
    if (trop_jp_peek(p) != '"')
        return trop_policy_wrong(p, "description", "a string");
    int rc = trop_jp_text(p, "description");
    return rc ? rc : trop_policy_no_nul(p, off, "description");
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
    K_WAIVERS,
    K_COUNT
};

static const char *const top_keys[K_COUNT] = {
    "format",   "format_version", "description",      "require_truly_open", "criteria",
    "licenses", "min_mof_class",  "fail_on_severity", "fail_on_codes",      "ignore_codes",
    "waivers"};

static int top_key(jp *p, unsigned *seen, int *key)
{
    for (int k = 0; k < K_COUNT; k++) {
        if (!trop_policy_key_is(p, top_keys[k]))
            continue;
        if (*seen & (1u << k))
            return trop_policy_bad(p, p->key_pos, top_keys[k], "key appears twice");
        *seen |= 1u << k;
        *key = k;
        return 0;
    }
    return trop_policy_bad(
        p, p->key_pos, p->blen < 60 ? p->buf : "(key)",
        "unknown key (expected format, format_version, description, require_truly_open, "
        "criteria, licenses, min_mof_class, fail_on_severity, fail_on_codes, "
        "ignore_codes or waivers)");
}

/* ---- the two passes ----------------------------------------------------------- */

typedef struct header {
    bool has_format, format_ok, has_version;
    size_t format_off;
    uint64_t version;
} header;

static int read_header_key(jp *p, header *h)
{
    bool format = trop_policy_key_is(p, "format");
    if (!format && !trop_policy_key_is(p, "format_version"))
        return trop_jp_skip(p);
    bool *has = format ? &h->has_format : &h->has_version;
    if (*has)
        return trop_policy_bad(p, p->key_pos, format ? "format" : "format_version",
                               "key appears twice");
    *has = true;
    if (!format)
        return trop_jp_whole(p, "format_version", &h->version);
    h->format_off = trop_policy_at(p);
    int rc = trop_jp_text(p, "format");
    h->format_ok = !rc && trop_policy_key_is(p, TROP_POLICY_FORMAT);
    return rc;
}

static int check_header(jp *p, const header *h)
{
    if (h->has_format && !h->format_ok)
        return trop_policy_bad(p, h->format_off, "format", "not a policy (expected \"%s\")",
                               TROP_POLICY_FORMAT);
    if (!h->has_version)
        return trop_policy_bad(p, 0, "format_version", "missing (write \"format_version\": %d)",
                               TROP_POLICY_FORMAT_VERSION);
    if (h->version < 1)
        return trop_policy_bad(p, 0, "format_version", "must be 1 or more");
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
                return trop_policy_bad(p, ignore_offs[i], "ignore_codes",
                                       "\"%s%s\" is also in fail_on_codes", g->code,
                                       g->prefix ? "*" : "");
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
        rc = k == K_DESCRIPTION  ? read_description(p)
             : k == K_TRULY_OPEN ? read_bool(p, "require_truly_open", &pol->require_truly_open)
             : k == K_CRITERIA   ? read_criteria(p, pol)
             : k == K_LICENSES   ? trop_policy_read_licenses(p, pol)
             : k == K_MOF        ? read_mof_class(p, pol)
             : k == K_SEVERITY   ? read_severity(p, pol)
             : k == K_FAIL_CODES
                 ? trop_policy_read_codes(p, "fail_on_codes", &pol->fail_codes, &fail_offs)
             : k == K_IGNORE_CODES
                 ? trop_policy_read_codes(p, "ignore_codes", &pol->ignore_codes, &ignore_offs)
             : k == K_WAIVERS ? trop_policy_read_waivers(p, pol)
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

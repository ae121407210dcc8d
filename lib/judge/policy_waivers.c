/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Waivers of a policy: a team accepts one known finding, in one release and
 * one path, for a stated reason and until a date, instead of loosening a
 * rule for every release (ignore_codes). A waived finding stays in the
 * report, marked with the reason; a waiver past its date no longer waives
 * and is itself reported as a warning, so an acceptance cannot outlive its
 * review silently.
 */
#include "policy_read.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef trop_jp jp;

/* ---- dates ------------------------------------------------------------------ */

static bool leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar:
 * whole years counted by their lengths in 400-year eras (146097 days). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    static const int before[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    int64_t yy = y - 1; /* years completed before y */
    int64_t days = yy * 365 + yy / 4 - yy / 100 + yy / 400;
    days += before[m - 1] + (m > 2 && leap(y)) + d - 1;
    return days - 719162; /* days from 0001-01-01 to 1970-01-01 */
}

int64_t trop_date_days(const char *s, size_t n)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    int v[8], k = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 4 || i == 7)
            continue;
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v[k++] = s[i] - '0';
    }
    int y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
    int m = v[4] * 10 + v[5], d = v[6] * 10 + v[7];
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] || (m == 2 && d == 29 && !leap(y)))
        return -1;
    return days_from_civil(y, m, d);
}

/* ---- reading ------------------------------------------------------------------ */

void trop_policy_waivers_clear(trop_waiver_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        trop_waiver *w = &l->v[i];
        free(w->code.code);
        free(w->path);
        free(w->release);
        free(w->reason);
    }
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

/* A string member into *out (a copy), refused when empty or holding NUL. */
static int read_text(jp *p, const char *path, char **out)
{
    size_t off = trop_policy_at(p);
    if (trop_jp_peek(p) != '"')
        return trop_policy_wrong(p, path, "a string");
    int rc = trop_jp_text(p, path);
    if (!rc)
        rc = trop_policy_no_nul(p, off, path);
    if (!rc && !p->blen)
        rc = trop_policy_bad(p, off, path, "empty");
    if (!rc && !(*out = trop_strndup(p->buf, p->blen)))
        rc = trop_error_set(p->err, TRO_ENOMEM, -1, "out of memory");
    return rc;
}

static int read_expires(jp *p, const char *path, trop_waiver *w)
{
    size_t off = trop_policy_at(p);
    if (trop_jp_peek(p) != '"')
        return trop_policy_wrong(p, path, "a date written YYYY-MM-DD");
    int rc = trop_jp_text(p, path);
    if (rc)
        return rc;
    int64_t d = trop_date_days(p->buf, p->blen);
    if (d < 0)
        return trop_policy_bad(p, off, path, "\"%.40s\" is not a date written YYYY-MM-DD",
                               p->buf);
    w->expires = d;
    memcpy(w->expires_text, p->buf, 10);
    w->expires_text[10] = '\0';
    return 0;
}

enum { W_CODE, W_PATH, W_RELEASE, W_REASON, W_EXPIRES, W_COUNT };
static const char *const waiver_keys[W_COUNT] = {"code", "path", "release", "reason", "expires"};

static int read_member(jp *p, const char *at, int key, trop_waiver *w)
{
    char path[96];
    snprintf(path, sizeof path, "%s.%s", at, waiver_keys[key]);
    size_t off = trop_policy_at(p);
    switch (key) {
    case W_CODE:
        if (trop_jp_peek(p) != '"')
            return trop_policy_wrong(p, path, "a finding code");
        int rc = trop_jp_text(p, path);
        return rc ? rc : trop_policy_code_entry(p, off, path, &w->code);
    case W_PATH:
        return read_text(p, path, &w->path);
    case W_RELEASE:
        return read_text(p, path, &w->release);
    case W_REASON:
        return read_text(p, path, &w->reason);
    default:
        return read_expires(p, path, w);
    }
}

/* One waiver object, at index i of the list. */
static int read_waiver(jp *p, size_t i, trop_waiver *w)
{
    char at[48];
    snprintf(at, sizeof at, "waivers[%zu]", i);
    size_t start = trop_policy_at(p);
    if (trop_jp_peek(p) != '{')
        return trop_policy_wrong(p, at, "an object {code, reason, path, release, expires}");
    w->expires = INT64_MAX;
    unsigned seen = 0;
    bool first = true, done = false;
    int rc = trop_jp_open(p, '{');
    while (!rc && !(rc = trop_jp_next(p, true, &first, &done)) && !done) {
        int key = -1;
        for (int k = 0; k < W_COUNT; k++)
            if (trop_policy_key_is(p, waiver_keys[k]))
                key = k;
        if (key < 0)
            return trop_policy_bad(p, p->key_pos, at,
                                   "unknown key \"%.60s\" (expected code, path, release, reason "
                                   "or expires)",
                                   p->buf);
        if (seen & (1u << key))
            return trop_policy_bad(p, p->key_pos, at, "key %s appears twice", waiver_keys[key]);
        seen |= 1u << key;
        rc = read_member(p, at, key, w);
    }
    if (!rc && !(seen & (1u << W_CODE)))
        rc = trop_policy_bad(p, start, at, "no code (the finding code it waives)");
    if (!rc && !(seen & (1u << W_REASON)))
        rc = trop_policy_bad(p, start, at, "no reason (say why the finding is accepted)");
    return rc;
}

int trop_policy_read_waivers(jp *p, tro_policy *pol)
{
    if (trop_jp_peek(p) != '[')
        return trop_policy_wrong(p, "waivers", "a list of waiver objects");
    trop_waiver_list *l = &pol->waivers;
    size_t cap = 0;
    bool first = true, done = false;
    int rc = trop_jp_open(p, '[');
    while (!rc && !(rc = trop_jp_next(p, false, &first, &done)) && !done) {
        if (l->n >= TROP_POLICY_MAX_LIST)
            return trop_policy_bad(p, trop_policy_at(p), "waivers", "more than %u entries",
                                   TROP_POLICY_MAX_LIST);
        if (l->n == cap) {
            size_t c = cap ? cap * 2 : 4;
            trop_waiver *v = realloc(l->v, c * sizeof *v);
            if (!v)
                return trop_error_set(p->err, TRO_ENOMEM, -1, "out of memory");
            l->v = v;
            cap = c;
        }
        trop_waiver *w = &l->v[l->n++];
        memset(w, 0, sizeof *w);
        rc = read_waiver(p, l->n - 1, w);
    }
    return rc;
}

/* ---- applying ------------------------------------------------------------------- */

/* A release pattern matches the whole name or its last parts: "org/model"
 * matches "/srv/models/org/model", as a path does in a .gitignore. */
static bool release_matches(const char *pattern, const char *name)
{
    if (!pattern)
        return true;
    char *copy = trop_strdup(name);
    if (!copy)
        return false;
    size_t n = strlen(copy);
    while (n > 1 && copy[n - 1] == '/')
        copy[--n] = '\0';
    bool hit = fnmatch(pattern, copy, 0) == 0;
    for (const char *s = copy; !hit && (s = strchr(s, '/')) != NULL; s++)
        hit = s[1] && fnmatch(pattern, s + 1, 0) == 0;
    free(copy);
    return hit;
}

static bool waiver_matches(const trop_waiver *w, const trop_jfinding *f)
{
    const trop_code_entry *c = &w->code;
    bool code = c->prefix ? !strncmp(f->code.s, c->code, strlen(c->code))
                          : !strcmp(f->code.s, c->code);
    return code && (!w->path || fnmatch(w->path, f->path.s ? f->path.s : "", 0) == 0);
}

static int expired(const trop_waiver *w, trop_policy_outcome *res)
{
    trop_jfinding *f = trop_vec_add(&res->findings);
    if (!f)
        return TRO_ENOMEM;
    f->sev = TRO_SEVERITY_WARNING;
    f->offset = -1;
    trop_arena *a = &res->findings.texts;
    char code[80];
    snprintf(code, sizeof code, "%s%s", w->code.code, w->code.prefix ? "*" : "");
    char *msg = trop_asprintf("the waiver of %s (%s) expired on %s: the findings it accepted "
                              "count again; review it and renew or remove it",
                              code, w->reason, w->expires_text);
    bool ok = msg && trop_arena_cstr(a, "waiver-expired", &f->code) &&
              trop_arena_text(a, msg, strlen(msg), &f->message) && trop_arena_cstr(a, "", &f->path);
    free(msg);
    return ok ? 0 : TRO_ENOMEM;
}

int trop_policy_apply_waivers(const tro_policy *pol, const trop_judgement *jd, int64_t today,
                              trop_policy_outcome *res)
{
    const trop_waiver_list *l = &pol->waivers;
    size_t n = trop_judgement_finding_count(jd);
    for (size_t k = 0; k < l->n; k++)
        if (l->v[k].expires < today && expired(&l->v[k], res))
            return TRO_ENOMEM;
    for (size_t i = 0; i < n && l->n; i++) {
        const trop_jfinding *f = trop_judgement_finding(jd, i);
        for (size_t k = 0; k < l->n; k++) {
            const trop_waiver *w = &l->v[k];
            if (w->expires < today || !waiver_matches(w, f) || !release_matches(w->release, jd->name.s))
                continue;
            trop_waived *hit = trop_vec_add(&res->waived);
            if (!hit || !trop_arena_cstr(&res->texts, w->reason, &hit->reason))
                return TRO_ENOMEM;
            hit->finding = i;
            break; /* the first waiver that matches gives the reason */
        }
    }
    return 0;
}

static int cmp_waived(const void *key, const void *item)
{
    size_t k = *(const size_t *)key, i = ((const trop_waived *)item)->finding;
    return k < i ? -1 : k > i;
}

bool trop_policy_is_waived(const trop_policy_outcome *res, size_t i)
{
    return res->waived.n &&
           bsearch(&i, res->waived.v, res->waived.n, sizeof *res->waived.v, cmp_waived) != NULL;
}

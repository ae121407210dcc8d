/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Bounded JSON loading for the readers. jansson parses; before it does, the
 * text is checked for size, UTF-8 and nesting depth (jansson's own depth
 * limit is 2048 levels of recursion, far above what a reader should allow),
 * and its errors become findings with line, column and byte offset. */
#include "json.h"
#include "json_pull.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *code_of(char *buf, size_t size, const char *prefix, const char *what)
{
    snprintf(buf, size, "%s-%s", prefix, what);
    return buf;
}

/* Offset of the first bracket nested deeper than max, or -1. Strings are
 * skipped the way jansson's lexer reads them, so jansson never recurses
 * deeper than this scan allowed on any prefix it accepts. */
static int64_t too_deep_at(const char *t, size_t n, unsigned max)
{
    unsigned depth = 0;
    bool in_str = false, esc = false;
    for (size_t i = 0; i < n; i++) {
        char c = t[i];
        if (in_str) {
            if (esc)
                esc = false;
            else if (c == '\\')
                esc = true;
            else if (c == '"')
                in_str = false;
        } else if (c == '"') {
            in_str = true;
        } else if (c == '{' || c == '[') {
            if (++depth > max)
                return (int64_t)i;
        } else if ((c == '}' || c == ']') && depth) {
            depth--;
        }
    }
    return -1;
}

static int prechecks(const tro_ctx *ctx, tro_artifact *a, const char *text, size_t len,
                     const trop_json_opts *o, bool *ok)
{
    char code[64];
    *ok = false;
    if (len == 0)
        return trop_artifact_finding(a, TRO_SEVERITY_ERROR, code_of(code, sizeof code, o->prefix, "empty"),
                                     (int64_t)o->base, "%s: empty JSON text at byte %llu",
                                     a->path, (unsigned long long)o->base);
    size_t bad = trop_utf8_check(text, len);
    if (bad < len)
        return trop_artifact_finding(a, TRO_SEVERITY_ERROR, code_of(code, sizeof code, o->prefix, "bad-utf8"),
                                     (int64_t)(o->base + bad),
                                     "%s: invalid UTF-8 at byte %llu", a->path,
                                     (unsigned long long)(o->base + bad));
    int64_t deep = too_deep_at(text, len, ctx->limits.max_depth);
    if (deep >= 0)
        return trop_artifact_finding(a, TRO_SEVERITY_ERROR, code_of(code, sizeof code, o->prefix, "too-deep"),
                                     (int64_t)o->base + deep,
                                     "%s: JSON nested deeper than %u levels at byte %llu", a->path,
                                     ctx->limits.max_depth,
                                     (unsigned long long)(o->base + (uint64_t)deep));
    *ok = true;
    return TRO_OK;
}

/* jansson reports an allocation failure inside its lexer as bad syntax
 * ("invalid token", "string or '}' expected"), or says nothing at all when
 * its first buffer cannot be had. When it blames the syntax, the text is
 * read again by the pull parser (json_pull.c), which tells the two apart:
 * 0 when the text is well-formed (so memory failed), TRO_ENOMEM, or the
 * parser's error. */
static int reread(const tro_ctx *ctx, const char *text, size_t len)
{
    tro_error err;
    trop_jp p = {.s = (const unsigned char *)text,
                 .len = len,
                 .max_depth = ctx->limits.max_depth,
                 .err = &err};
    int rc = trop_jp_skip(&p);
    if (!rc && trop_jp_peek(&p) >= 0)
        rc = TRO_EPARSE;
    free(p.buf);
    return rc;
}

static bool blames_syntax(enum json_error_code ec)
{
    return ec == json_error_unknown || ec == json_error_invalid_syntax ||
           ec == json_error_premature_end_of_input || ec == json_error_end_of_input_expected;
}

static int parse_error(const tro_ctx *ctx, tro_artifact *a, const trop_json_opts *o,
                       const json_error_t *err, const char *text, size_t len)
{
    char code[64];
    enum json_error_code ec = json_error_code(err);
    if (ec == json_error_out_of_memory || !err->text[0])
        return TRO_ENOMEM;
    int again = blames_syntax(ec) ? reread(ctx, text, len) : TRO_EPARSE;
    if (again == 0 || again == TRO_ENOMEM)
        return TRO_ENOMEM;
    bool dup = ec == json_error_duplicate_key;
    uint64_t at = o->base + (err->position > 0 ? (uint64_t)err->position : 0);
    return trop_artifact_finding(a, TRO_SEVERITY_ERROR,
                                 code_of(code, sizeof code, o->prefix, dup ? "duplicate-key" : "bad-json"),
                                 (int64_t)at, "%s: %s at line %d, column %d (byte %llu): %s", a->path,
                                 dup ? "duplicate key" : "invalid JSON", err->line, err->column,
                                 (unsigned long long)at, err->text);
}

int trop_json_parse(const tro_ctx *ctx, tro_artifact *a, const char *text, size_t len,
                    const trop_json_opts *o, json_t **out)
{
    trop_json_opts opts = *o;
    *out = NULL;
    if (opts.allow_bom && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
        opts.base += 3;
    }
    bool ok;
    int rc = prechecks(ctx, a, text, len, &opts, &ok);
    if (rc || !ok)
        return rc;
    json_error_t err;
    json_t *root = json_loadb(text, len, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &err);
    if (!root && json_error_code(&err) == json_error_duplicate_key && !opts.dup_is_error) {
        char code[64];
        uint64_t at = opts.base + (err.position > 0 ? (uint64_t)err.position : 0);
        rc = trop_artifact_finding(a, TRO_SEVERITY_WARNING,
                                   code_of(code, sizeof code, opts.prefix, "duplicate-key"),
                                   (int64_t)at,
                                   "%s: duplicate key at line %d, column %d (byte %llu): %s; "
                                   "the last value is used, as most JSON readers do",
                                   a->path, err.line, err.column, (unsigned long long)at, err.text);
        if (rc)
            return rc;
        root = json_loadb(text, len, JSON_DECODE_ANY, &err);
    }
    if (!root)
        return parse_error(ctx, a, &opts, &err, text, len);
    *out = root;
    return TRO_OK;
}

int trop_json_load_object(const tro_ctx *ctx, const trop_src *src, tro_artifact *a,
                          const trop_json_opts *o, json_t **out)
{
    char code[64];
    uint64_t max = o->max_bytes ? o->max_bytes : ctx->limits.max_text_bytes;
    *out = NULL;
    if (src->size > max)
        return trop_artifact_finding(a, TRO_SEVERITY_WARNING, code_of(code, sizeof code, o->prefix, "too-large"),
                                     -1, "%s: not read: %llu bytes is more than the limit of %llu",
                                     a->path, (unsigned long long)src->size, (unsigned long long)max);
    char *buf;
    size_t len;
    int rc = trop_src_slurp(src, max, &buf, &len);
    if (rc == TRO_ELIMIT)
        return trop_artifact_finding(a, TRO_SEVERITY_INFO, code_of(code, sizeof code, o->prefix, "not-read"),
                                     (int64_t)src->avail,
                                     "%s: not read: only the first %llu of %llu bytes are available "
                                     "(streamed archive entry)", a->path,
                                     (unsigned long long)src->avail, (unsigned long long)src->size);
    if (rc == TRO_EFORMAT)
        return trop_artifact_finding(a, TRO_SEVERITY_ERROR, code_of(code, sizeof code, o->prefix, "bad-json"),
                                     -1, "%s: the file is shorter than its size", a->path);
    if (rc)
        return rc;
    json_t *root = NULL;
    rc = trop_json_parse(ctx, a, buf, len, o, &root);
    if (!rc && root && !json_is_object(root)) {
        rc = trop_artifact_finding(a, TRO_SEVERITY_ERROR, code_of(code, sizeof code, o->prefix, "not-object"),
                                   (int64_t)o->base, "%s: the JSON text is not an object", a->path);
        json_decref(root);
        root = NULL;
    }
    free(buf);
    *out = root;
    return rc;
}

int trop_json_put(json_t *obj, const char *key, json_t *val)
{
    if (!val)
        return TRO_ENOMEM;
    return json_object_set_new(obj, key, val) ? TRO_ENOMEM : TRO_OK;
}

int trop_json_push(json_t *arr, json_t *val)
{
    if (!val)
        return TRO_ENOMEM;
    return json_array_append_new(arr, val) ? TRO_ENOMEM : TRO_OK;
}

json_t *trop_json_text(const char *s, size_t n, size_t max, bool *cut)
{
    const unsigned char *u = (const unsigned char *)s;
    bool dropped = false;
    if (n > max) {
        n = max;
        dropped = true;
        /* back up to a character boundary: never leave half a character */
        size_t keep = n, stop = n > 3 ? n - 3 : 0;
        while (keep > stop && (u[keep] & 0xC0) == 0x80)
            keep--;
        if ((u[keep] & 0xC0) != 0x80)
            n = keep;
    }
    /* worst case: every byte becomes the 3-byte replacement character */
    char *buf = malloc(n * 3 + 1);
    if (!buf)
        return NULL;
    size_t i = 0, o = 0;
    while (i < n) {
        size_t good = trop_utf8_check((const char *)u + i, n - i);
        const unsigned char *nul = memchr(u + i, 0, good);
        if (nul)
            good = (size_t)(nul - (u + i));
        memcpy(buf + o, u + i, good);
        o += good;
        i += good;
        if (i < n) {
            memcpy(buf + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        }
    }
    if (cut)
        *cut = dropped;
    json_t *v = json_stringn(buf, o);
    free(buf);
    return v;
}

bool trop_json_uint(const json_t *v, uint64_t *out)
{
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return false;
    *out = (uint64_t)json_integer_value(v);
    return true;
}

const char *trop_json_get_str(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

int64_t trop_json_key_offset(const char *text, size_t len, const char *name)
{
    size_t k = strlen(name);
    for (size_t i = 0; i + k + 2 <= len; i++) {
        const char *q = memchr(text + i, '"', len - i - k - 1);
        if (!q)
            break;
        i = (size_t)(q - text);
        if (memcmp(text + i + 1, name, k) != 0 || text[i + 1 + k] != '"')
            continue;
        size_t j = i + k + 2;
        while (j < len && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r'))
            j++;
        if (j < len && text[j] == ':')
            return (int64_t)i;
    }
    return -1;
}

int trop_json_budget_finding(tro_artifact *a, trop_json_budget *b, tro_severity sev,
                             const char *code, int64_t offset, const char *fmt, ...)
{
    if (!b->left) {
        b->dropped++;
        return TRO_OK;
    }
    b->left--;
    va_list ap;
    va_start(ap, fmt);
    int rc = trop_findings_addv(&a->findings, sev, code, a->path, offset, fmt, ap);
    va_end(ap);
    return rc;
}

int trop_json_budget_flush(tro_artifact *a, trop_json_budget *b, const char *prefix)
{
    if (!b->dropped)
        return TRO_OK;
    char code[64];
    unsigned long long n = b->dropped;
    b->dropped = 0;
    return trop_artifact_finding(a, TRO_SEVERITY_INFO, code_of(code, sizeof code, prefix, "more-findings"),
                                 -1, "%s: %llu further problems of this file are not listed", a->path,
                                 n);
}

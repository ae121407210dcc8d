/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Model and dataset cards (TRO_TYPE_MODEL_CARD) and any other Markdown file
 * (TRO_TYPE_MARKDOWN): YAML front matter and the Markdown body.
 *
 * Front matter is a block at the very start of the file (after an optional
 * UTF-8 BOM) opened by a line "---" and closed by a line "---" or "...".
 *
 * Meta keys (always present, in this shape):
 *   front_matter_status  "ok", "none" (no front matter), "unterminated",
 *                        "invalid" (YAML error or limit), "not-mapping"
 *   front_matter         the whole front matter as JSON ({} when empty), or
 *                        null when there is none or it did not parse
 *   license              [string]  from a string or a list (HF license ids)
 *   license_name, license_link                  string or null
 *   datasets, base_model, language, tags        [string]
 *   arxiv                [string]  ids from "arxiv:ID" tags, in tag order
 *   base_model_relation, library_name, pipeline_tag, pretty_name
 *                        string or null
 *   source_datasets, task_categories, task_ids, size_categories  [string]
 *   configs              the dataset card's configs list as given ([] if none)
 *   sections             [{level (0 = text before the first heading), title
 *                        (whitespace collapsed, markup kept), line, text (the
 *                        section's body, trimmed, at most 16 KiB), words,
 *                        subtree_words (with its subsections), and flags
 *                        present only when true: has_table, placeholder
 *                        (only the template placeholder "[More Information
 *                        Needed]", no words), text_truncated}]
 *                        Words: a word starts at a letter, digit or non-ASCII
 *                        character that follows none, nor joining punctuation
 *                        (' - . _ / : @) that follows one ("don't", "e.g.",
 *                        "state-of-the-art" are one word each); lines holding
 *                        the placeholder and HTML comments count none.
 *   links                [{url, text, line, kind ("inline", "reference",
 *                        "autolink", "bare", "html"), title (when given),
 *                        image (true for images; absent otherwise)}]
 *   tables               GFM and HTML tables in the body
 *   words                words of the body
 *   bytes                size of the file; lines: lines read
 *   body_line            file line where the body starts
 * A scalar given where a string is expected (license_name: 2) becomes its
 * text; a value of the wrong shape is left out with a card-field-invalid
 * warning. Strings are kept exactly as written (no trimming, no case change).
 *
 * What the judge reads goes into the artifact's facts (facts.h: the judged
 * fields, the body's sections and links); the metadata above is rendered
 * from the facts only when asked for (trop_card_meta()), the front matter
 * parsed again from the copy of its text the facts keep.
 */
#include "../readers.h"
#include "card.h"
#include "../facts.h"
#include "../text/text.h"
#include "../yaml/yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Text of a scalar as a new string value, or NULL for null, bool, collections. */
static json_t *scalar_text(const json_t *v)
{
    if (json_is_string(v))
        return json_incref((json_t *)v);
    if (json_is_integer(v) || json_is_real(v)) {
        char *s = json_dumps(v, JSON_ENCODE_ANY);
        json_t *r = s ? json_string(s) : NULL;
        free(s);
        return r;
    }
    return NULL;
}

/* Whether scalar_text() gives a value. */
static bool has_text(const json_t *v)
{
    return json_is_string(v) || json_is_number(v);
}

/* !warn: building fields whose warnings were reported when the card was
 * read (see normalise()) */
static int field_warning(tro_artifact *a, const char *key, const char *want, bool warn)
{
    if (!warn || !a)
        return 0;
    return trop_artifact_finding(a, TRO_SEVERITY_WARNING, "card-field-invalid", -1,
                                 "%s: front matter '%s' should be %s; ignored", a->path, key,
                                 want);
}

/* A list of strings from a string, a number or a list of them, into meta
 * (NULL: only the warning). */
static int norm_list(tro_artifact *a, const json_t *v, const char *key, json_t *meta,
                     bool warn)
{
    json_t *out = meta ? json_array() : NULL;
    if (meta && (!out || json_object_set_new_nocheck(meta, key, out)))
        return TRO_ENOMEM;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_array(v)) {
        if (!has_text(v))
            return field_warning(a, key, "a string or a list of strings", warn);
        return out && json_array_append_new(out, scalar_text(v)) ? TRO_ENOMEM : 0;
    }
    size_t i, bad = 0;
    const json_t *e;
    json_array_foreach(v, i, e) {
        if (!has_text(e))
            bad += !json_is_null(e);
        else if (out && json_array_append_new(out, scalar_text(e)))
            return TRO_ENOMEM;
    }
    return bad ? field_warning(a, key, "a list of strings", warn) : 0;
}

static int norm_string(tro_artifact *a, const json_t *v, const char *key, json_t *meta,
                       bool warn)
{
    bool text = v && has_text(v);
    if (v && !text && !json_is_null(v) && field_warning(a, key, "a string", warn))
        return TRO_ENOMEM;
    if (!meta)
        return 0;
    json_t *t = text ? scalar_text(v) : json_null();
    return !t || json_object_set_new_nocheck(meta, key, t) ? TRO_ENOMEM : 0;
}

/* arXiv ids from "arxiv:2305.13245" tags. */
static int arxiv_ids(const json_t *tags, json_t *meta)
{
    json_t *out = json_array();
    if (!out || json_object_set_new_nocheck(meta, "arxiv", out))
        return TRO_ENOMEM;
    size_t i;
    const json_t *t;
    json_array_foreach(tags, i, t) {
        const char *s = json_string_value(t);
        size_t n = json_string_length(t);
        if (n <= 6 || strncasecmp(s, "arxiv:", 6) != 0)
            continue;
        size_t a = 6, e = n;
        while (a < e && (s[a] == ' ' || s[a] == '\t'))
            a++;
        while (e > a && (s[e - 1] == ' ' || s[e - 1] == '\t'))
            e--;
        if (e > a && json_array_append_new(out, json_stringn_nocheck(s + a, e - a)))
            return TRO_ENOMEM;
    }
    return 0;
}

/* The fields normalise() makes, in the order of their warnings, then
 * configs. The judge reads the normalised value of those marked judged
 * (arxiv comes from the tags): those go into the facts; the others only
 * into the metadata. */
static const struct fm_field {
    const char *key;
    size_t len;
    bool list, judged;
} fm_fields[] = {
#define FIELD(key, list, judged) {key, sizeof key - 1, list, judged}
    FIELD("license", true, true),          FIELD("datasets", true, true),
    FIELD("base_model", true, true),       FIELD("language", true, false),
    FIELD("tags", true, true),             FIELD("source_datasets", true, false),
    FIELD("task_categories", true, false), FIELD("task_ids", true, false),
    FIELD("size_categories", true, false), FIELD("license_name", false, true),
    FIELD("license_link", false, true),    FIELD("base_model_relation", false, true),
    FIELD("library_name", false, false),   FIELD("pipeline_tag", false, false),
    FIELD("pretty_name", false, false),
    FIELD("configs", false, false), /* last: not one of the fields, see normalise() */
#undef FIELD
};

#define FM_FIELDS (sizeof fm_fields / sizeof *fm_fields - 1)

/* The values of fm_fields in fm, then of "configs" (NULL when absent): one
 * walk over its keys rather than a hash lookup per field. */
static void field_values(const json_t *fm, const json_t *v[FM_FIELDS + 1])
{
    for (size_t i = 0; i <= FM_FIELDS; i++)
        v[i] = NULL;
    const char *k;
    size_t n;
    json_t *e;
    json_object_keylen_foreach((json_t *)fm, k, n, e) {
        for (size_t i = 0; i <= FM_FIELDS; i++) {
            const char *f = fm_fields[i].key;
            if (fm_fields[i].len == n && f[0] == k[0] && memcmp(f, k, n) == 0) {
                v[i] = e;
                break;
            }
        }
    }
}

/* How much normalise() does: when a card is read, the warnings and the
 * judged fields; for its metadata, every field (warnings only with a). */
enum { NORM_ALL, NORM_JUDGED };

/* The normalised fields (see the top) into meta; a (NULL: none) gets the
 * warnings. */
static int normalise(tro_artifact *a, const json_t *fm, json_t *meta, int pass)
{
    const json_t *v[FM_FIELDS + 1];
    field_values(json_is_object(fm) ? fm : NULL, v);
    bool warn = a != NULL;
    for (size_t i = 0; i < FM_FIELDS; i++) {
        const struct fm_field *f = &fm_fields[i];
        json_t *into = pass == NORM_ALL || f->judged ? meta : NULL;
        if (f->list ? norm_list(a, v[i], f->key, into, warn)
                    : norm_string(a, v[i], f->key, into, warn))
            return TRO_ENOMEM;
    }
    if (arxiv_ids(json_object_get(meta, "tags"), meta))
        return TRO_ENOMEM;
    json_t *cfg = (json_t *)v[FM_FIELDS];
    if (cfg && !json_is_array(cfg) && !json_is_null(cfg) &&
        field_warning(a, "configs", "a list", warn))
        return TRO_ENOMEM;
    if (pass == NORM_JUDGED)
        return 0;
    cfg = json_is_array(cfg) ? json_incref(cfg) : json_array();
    return json_object_set_new_nocheck(meta, "configs", cfg) ? TRO_ENOMEM : 0;
}

/* ---- front matter -------------------------------------------------------- */

/* If the line at p (of s[0..n)) is `mark` with trailing blanks only, returns
 * the offset of the next line; else 0. */
static size_t delimiter(const char *s, size_t n, size_t p, const char *mark)
{
    if (n - p < 3 || memcmp(s + p, mark, 3) != 0)
        return 0;
    size_t k = p + 3;
    while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
        k++;
    if (k < n && s[k] != '\n')
        return 0;
    return k < n ? k + 1 : n;
}

typedef struct fm_span {
    bool opened, closed;
    size_t yaml_start, yaml_end;   /* the YAML text */
    size_t body;                   /* where the Markdown starts */
    uint64_t body_line;            /* its line (1-based) */
} fm_span;

static void find_front_matter(const char *s, size_t n, size_t start, fm_span *f)
{
    memset(f, 0, sizeof *f);
    f->body = start;
    f->body_line = 1;
    size_t p = delimiter(s, n, start, "---");
    if (!p)
        return;
    f->opened = true;
    f->yaml_start = p;
    uint64_t line = 2;
    while (p < n) {
        size_t next = s[p] == '-'   ? delimiter(s, n, p, "---")
                      : s[p] == '.' ? delimiter(s, n, p, "...")
                                    : 0;
        if (next) {
            f->closed = true;
            f->yaml_end = p;
            f->body = next;
            f->body_line = line + 1;
            return;
        }
        p = trop_text_find_line_start2(s, p, n, '-', '.', &line);
    }
}

static int dup_key_warning(void *ud, const char *kind, int64_t offset, uint64_t line,
                           const char *message)
{
    tro_artifact *a = ud;
    (void)kind;
    return trop_artifact_finding(a, TRO_SEVERITY_WARNING, "card-yaml-duplicate-key", offset,
                                 "%s: front matter line %llu: %s", a->path,
                                 (unsigned long long)line, message);
}

static int yaml_finding(tro_artifact *a, const trop_yaml_error *e)
{
    const char *code = e->code == TRO_ELIMIT ? "card-yaml-limit" : "card-yaml-invalid";
    if (e->line)
        return trop_artifact_finding(a, TRO_SEVERITY_ERROR, code, e->offset,
                                     "%s: front matter is not valid YAML at line %llu, column "
                                     "%llu (byte %lld): %s", a->path,
                                     (unsigned long long)e->line, (unsigned long long)e->column,
                                     (long long)e->offset, e->message);
    return trop_artifact_finding(a, TRO_SEVERITY_ERROR, code, e->offset,
                                 "%s: front matter is not valid YAML (byte %lld): %s", a->path,
                                 (long long)e->offset, e->message);
}

/* Parses the front matter; *fm is the result (new reference) or NULL. */
static int parse_front_matter(const tro_ctx *ctx, tro_artifact *a, const char *s,
                              const fm_span *f, json_t **fm, const char **status)
{
    trop_yaml_opts o;
    trop_yaml_error err;
    trop_yaml_opts_init(&o, ctx);
    o.offset_base = f->yaml_start;
    o.line_base = 1;
    o.warn = dup_key_warning;
    o.warn_ud = a;
    *fm = NULL;
    int rc = trop_yaml_to_json(s + f->yaml_start, f->yaml_end - f->yaml_start, &o, fm, &err);
    if (rc == TRO_ENOMEM)
        return rc;
    if (rc) {
        *status = "invalid";
        return yaml_finding(a, &err);
    }
    if (json_is_null(*fm)) {
        json_decref(*fm);
        *fm = json_object();
        if (!*fm)
            return TRO_ENOMEM;
    }
    *status = "ok";
    if (json_is_object(*fm))
        return 0;
    *status = "not-mapping";
    return trop_artifact_finding(a, TRO_SEVERITY_WARNING, "card-front-matter-not-mapping",
                                 (int64_t)f->yaml_start,
                                 "%s: front matter is a YAML %s, not a mapping of keys", a->path,
                                 json_is_array(*fm) ? "list" : "scalar");
}

static bool is_readme(const char *path)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    return strcasecmp(b, "README.md") == 0 || strcasecmp(b, "README.markdown") == 0;
}

/* ---- facts ---------------------------------------------------------------- */

/* Front matter keys that only dataset cards (or only model cards) use. */
static const char *const dataset_keys[] = {
    "task_categories", "task_ids",         "size_categories", "source_datasets", "annotations_creators",
    "language_creators", "multilinguality", "dataset_info",    "pretty_name",     "configs",
    NULL};
static const char *const model_keys[] = {"base_model",  "library_name", "pipeline_tag",
                                         "model-index", "model_name",   NULL};

static bool any_key(const json_t *fm, const char *const *keys)
{
    for (; *keys; keys++)
        if (json_object_get(fm, *keys))
            return true;
    return false;
}

/* A copy of a JSON string (or none) in the artifact's arena. */
static bool str_fact(trop_arena *m, const json_t *v, trop_str *out)
{
    *out = (trop_str){NULL, 0};
    return !json_is_string(v) || trop_arena_text(m, json_string_value(v), json_string_length(v), out);
}

static int list_fact(trop_arena *m, const json_t *list, trop_strs *out)
{
    size_t i;
    const json_t *v;
    json_array_foreach(list, i, v)
    {
        trop_str *t = trop_vec_add(out);
        if (!t || !str_fact(m, v, t))
            return TRO_ENOMEM;
    }
    return trop_vec_to_arena(out, m);
}

/* A top-level string that may be a URL, for the judge to classify. */
static int url_fact(trop_arena *m, trop_card_facts *c, const char *key, size_t klen,
                    const json_t *v)
{
    const char *s = json_string_value(v);
    if (!s || (s[0] != 'h' && s[0] != 'g' && s[0] != 's'))
        return 0;
    trop_fm_url *u = trop_vec_add(&c->urls);
    return u && trop_arena_text(m, key, klen, &u->key) &&
                   trop_arena_text(m, s, json_string_length(v), &u->url)
               ? 0
               : TRO_ENOMEM;
}

static int url_facts(trop_arena *m, trop_card_facts *c, const json_t *fm)
{
    const char *key;
    size_t klen;
    json_t *v;
    json_object_keylen_foreach((json_t *)fm, key, klen, v)
    {
        if (!strncmp(key, "license", 7))
            continue;
        size_t n = json_is_array(v) ? json_array_size(v) : 1;
        for (size_t i = 0; i < n && i < TROP_FM_MAX_URLS; i++)
            if (url_fact(m, c, key, klen, json_is_array(v) ? json_array_get(v, i) : v))
                return TRO_ENOMEM;
    }
    return trop_vec_to_arena(&c->urls, m);
}

/* The access gate's texts: the prompt, the description, the labels of the
 * fields a user must fill in ("I agree to use this model for non-commercial
 * use ONLY"). */
static int gate_fact(trop_arena *m, trop_card_facts *c, const json_t *fm)
{
    static const char *const keys[] = {"extra_gated_prompt", "extra_gated_description", NULL};
    size_t len = 0;
    const char *k;
    const json_t *v;
    for (const char *const *p = keys; *p; p++)
        len += json_string_length(json_object_get(fm, *p)) + 1;
    json_object_foreach((json_t *)json_object_get(fm, "extra_gated_fields"), k, v)
        len += strlen(k) + 1;
    bool gated = json_object_get(fm, "extra_gated_prompt") || json_object_get(fm, "extra_gated_fields") ||
                 json_object_get(fm, "extra_gated_description");
    if (!gated)
        return 0;
    char *t = trop_arena_alloc(m, len + 1), *o = t;
    if (!t)
        return TRO_ENOMEM;
    for (const char *const *p = keys; *p; p++) {
        const json_t *s = json_object_get(fm, *p);
        if (json_string_length(s)) {
            memcpy(o, json_string_value(s), json_string_length(s));
            o += json_string_length(s);
            *o++ = '\n';
        }
    }
    json_object_foreach((json_t *)json_object_get(fm, "extra_gated_fields"), k, v)
    {
        size_t kl = strlen(k);
        memcpy(o, k, kl);
        o += kl;
        *o++ = '\n';
    }
    *o = '\0';
    trop_utf8_patch(t, (size_t)(o - t));
    c->gate = (trop_str){t, (size_t)(o - t)};
    return 0;
}

/* The judged fields of the front matter fm (normalised into judged) into c. */
static int fm_facts(tro_artifact *a, trop_card_facts *c, const json_t *fm, const json_t *judged)
{
    trop_arena *m = &a->mem;
    c->commercial = -1;
    if (json_is_object(fm)) {
        c->keys |= any_key(fm, dataset_keys) ? TROP_FM_DATASET_KEYS : 0;
        c->keys |= any_key(fm, model_keys) ? TROP_FM_MODEL_KEYS : 0;
        c->keys |= json_object_get(fm, "model-index") ? TROP_FM_MODEL_INDEX : 0;
        c->keys |= json_object_get(fm, "quantized_by") || json_object_get(fm, "model_creator")
                       ? TROP_FM_QUANTIZED
                       : 0;
        const json_t *com = json_object_get(fm, "commercial");
        c->commercial = json_is_boolean(com) ? json_is_true(com) : -1;
        if (url_facts(m, c, fm) || gate_fact(m, c, fm) ||
            !str_fact(m, json_object_get(fm, "model_name"), &c->model_name) ||
            !str_fact(m, json_object_get(fm, "pretty_name"), &c->pretty_name) ||
            !str_fact(m, json_object_get(fm, "license_details"), &c->license_details))
            return TRO_ENOMEM;
    }
    if (list_fact(m, json_object_get(judged, "license"), &c->license) ||
        list_fact(m, json_object_get(judged, "datasets"), &c->datasets) ||
        list_fact(m, json_object_get(judged, "base_model"), &c->base_model) ||
        list_fact(m, json_object_get(judged, "arxiv"), &c->arxiv) ||
        !str_fact(m, json_object_get(judged, "license_name"), &c->license_name) ||
        !str_fact(m, json_object_get(judged, "license_link"), &c->license_link) ||
        !str_fact(m, json_object_get(judged, "base_model_relation"), &c->base_model_relation))
        return TRO_ENOMEM;
    return 0;
}

static int front_matter(const tro_ctx *ctx, tro_artifact *a, const trop_text *t, size_t start,
                        fm_span *f, trop_card_facts *c)
{
    json_t *fm = NULL;
    const char *status = "none";
    int rc = 0;
    find_front_matter(t->data, t->len, start, f);
    bool card = a->type == TRO_TYPE_MODEL_CARD || is_readme(a->path);
    if (f->opened && !f->closed) {
        /* other Markdown may just open with a rule */
        status = "unterminated";
        rc = trop_artifact_finding(a, card ? TRO_SEVERITY_WARNING : TRO_SEVERITY_INFO,
                                   "card-front-matter-unterminated",
                                   (int64_t)start,
                                   "%s: front matter opened by '---' on line 1 is never closed "
                                   "by '---' or '...'; read as Markdown", a->path);
        f->body = start;
    } else if (f->closed) {
        rc = parse_front_matter(ctx, a, t->data, f, &fm, &status);
    } else if (card) {
        rc = trop_artifact_finding(a, TRO_SEVERITY_INFO, "card-no-front-matter", -1,
                                   "%s: no YAML front matter, so no machine-readable license or "
                                   "metadata", a->path);
    }
    json_t *judged = rc ? NULL : json_object();
    if (!rc && !judged)
        rc = TRO_ENOMEM;
    if (!rc)
        rc = normalise(a, fm, judged, NORM_JUDGED);
    if (!rc)
        rc = fm_facts(a, c, fm, judged);
    c->fm_status = status;
    c->yaml_start = f->yaml_start;
    if (!rc && fm && !trop_arena_text(&a->mem, t->data + f->yaml_start,
                                      f->yaml_end - f->yaml_start, &c->yaml))
        rc = TRO_ENOMEM;
    c->max_depth = ctx->limits.max_depth;
    c->max_aliases = ctx->limits.max_aliases;
    c->max_nodes = TROP_YAML_DEFAULT_MAX_NODES;
    json_decref(judged);
    json_decref(fm);
    return rc;
}

/* ---- the metadata, rendered from the facts ------------------------------------ */

/* The front matter as the reader parsed it, in full this time. */
static json_t *front_matter_json(const trop_card_facts *c)
{
    if (!c->yaml.s)
        return json_null();
    trop_yaml_opts o = {.max_bytes = c->yaml.n + 1,
                        .max_depth = (uint32_t)c->max_depth,
                        .max_aliases = (uint32_t)c->max_aliases,
                        .max_nodes = c->max_nodes,
                        .offset_base = c->yaml_start,
                        .line_base = 1};
    trop_yaml_error err;
    json_t *fm = NULL;
    if (trop_yaml_to_json(c->yaml.s, c->yaml.n, &o, &fm, &err))
        return err.code == TRO_ENOMEM ? NULL : json_null();
    if (json_is_null(fm)) {
        json_decref(fm);
        fm = json_object();
    }
    return fm;
}

static int set_int(json_t *meta, const char *key, uint64_t v)
{
    return json_object_set_new_nocheck(meta, key, json_integer((json_int_t)v)) ? TRO_ENOMEM : 0;
}

int trop_card_meta(const trop_card_facts *c, json_t **out)
{
    if (!c->body) { /* the file could not be read */
        *out = json_object();
        return *out ? 0 : TRO_ENOMEM;
    }
    json_t *meta = json_object(), *fm = front_matter_json(c);
    int rc = meta && fm ? 0 : TRO_ENOMEM;
    if (!rc)
        rc = normalise(NULL, fm, meta, NORM_ALL);
    if (!rc && (json_object_set_new_nocheck(meta, "front_matter_status",
                                            json_string_nocheck(c->fm_status)) ||
                json_object_set(meta, "front_matter", fm)))
        rc = TRO_ENOMEM;
    if (!rc &&
        (trop_card_sections_json(c->body, meta) || trop_card_links_json(c->body, meta) ||
         set_int(meta, "words", c->body->words) || set_int(meta, "tables", c->body->tables) ||
         set_int(meta, "bytes", c->bytes) || set_int(meta, "lines", c->lines) ||
         set_int(meta, "body_line", c->body_line)))
        rc = TRO_ENOMEM;
    json_decref(fm);
    if (rc) {
        json_decref(meta);
        return rc;
    }
    *out = meta;
    return 0;
}

/* ---- reading ------------------------------------------------------------- */

static int read_problems(tro_artifact *a, trop_text *t)
{
    int rc = 0;
    if (t->over_limit)
        rc = trop_artifact_finding(a, TRO_SEVERITY_WARNING, "card-too-large", (int64_t)t->len,
                                   "%s: %llu bytes is over the %zu-byte text limit; only the "
                                   "first %zu bytes were read", a->path,
                                   (unsigned long long)t->size, t->len, t->len);
    else if (t->partial)
        rc = trop_artifact_finding(a, TRO_SEVERITY_WARNING, "card-partial", (int64_t)t->len,
                                   "%s: only the first %zu of %llu bytes were available", a->path,
                                   t->len, (unsigned long long)t->size);
    if (!rc && t->size == 0)
        rc = trop_artifact_finding(a, TRO_SEVERITY_WARNING, "card-empty", -1, "%s: empty file",
                                   a->path);
    size_t bad = trop_utf8_check(t->data, t->len);
    if (!rc && bad < t->len) {
        uint64_t line = trop_text_count_lines(t->data, bad) + (bad && t->data[bad - 1] == '\n');
        rc = trop_artifact_finding(a, TRO_SEVERITY_WARNING, "card-invalid-utf8", (int64_t)bad,
                                   "%s: invalid UTF-8 at byte %zu (line %llu); such bytes are "
                                   "read as '?'", a->path, bad,
                                   (unsigned long long)(line ? line : 1));
        if (!rc && !(rc = trop_text_own(t)))
            trop_utf8_patch(t->buf + bad, t->len - bad);
    }
    return rc;
}

int trop_read_card(const tro_ctx *ctx, const trop_src *src, tro_artifact *a)
{
    trop_facts *facts = trop_arena_alloc(&a->mem, sizeof *facts);
    if (!facts)
        return TRO_ENOMEM;
    facts->type = a->type;
    trop_card_facts *c = &facts->u.card;
    c->fm_status = "none";
    c->commercial = -1;
    a->facts = facts;
    trop_text t;
    int rc = trop_text_read(src, ctx->limits.max_text_bytes, &t);
    if (rc == TRO_EFORMAT || rc == TRO_EIO) {
        int frc = trop_artifact_finding(a, TRO_SEVERITY_ERROR, "card-read-error", -1,
                                        "%s: the file could not be read (%s)", a->path,
                                        tro_strerror(rc));
        return frc ? frc : rc == TRO_EIO ? rc : 0;
    }
    if (rc)
        return rc;
    fm_span f;
    trop_card_md_stats st = {0};
    size_t start = t.len >= 3 && memcmp(t.data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if ((rc = read_problems(a, &t)) || (rc = front_matter(ctx, a, &t, start, &f, c)))
        goto done;
    trop_card_body *body = NULL;
    rc = trop_card_md_scan(t.data + f.body, t.len - f.body, f.body_line, &st, &a->mem, &body);
    c->body = body;
    c->bytes = t.size;
    c->lines = st.last_line; /* the scan counted the body's lines */
    c->body_line = f.body_line;
    if (!rc && st.sections_dropped)
        rc = trop_artifact_finding(a, TRO_SEVERITY_INFO, "card-too-many-sections", -1,
                                   "%s: more than %u headings; %llu more were read as text",
                                   a->path, TROP_CARD_MD_MAX_SECTIONS,
                                   (unsigned long long)st.sections_dropped);
    if (!rc && st.links_dropped)
        rc = trop_artifact_finding(a, TRO_SEVERITY_INFO, "card-too-many-links", -1,
                                   "%s: more than %u links; %llu more were not listed", a->path,
                                   TROP_CARD_MD_MAX_LINKS, (unsigned long long)st.links_dropped);
done:
    trop_text_free(&t);
    return rc;
}

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
 * Read through a release (a->lazy_meta), front matter values nobody reads
 * before tro_artifact_metadata_json() asks for the metadata are validated
 * (same findings) but left unbuilt until then, as stand-ins (yaml.h:
 * deferred values): the collections nested inside top-level values (the
 * rows of model-index, the configs' data_files) are empty collections of
 * the same kind; under keys the judge does not read, a mapping value is an
 * empty mapping, and string and number values and list items are empty
 * strings unless they could be URLs (fm_url_like(); the judge reads the
 * top-level keys, and looks for code and paper URLs in top-level strings
 * and lists); nulls and booleans are kept, so every kind stays. The
 * normalised fields the judge does not read (language, source_datasets,
 * task_categories, task_ids, size_categories, library_name, pipeline_tag,
 * pretty_name, configs) are made then too; their warnings are not delayed.
 * Building all of it was most of a card's YAML cost.
 */
#include "readers.h"
#include "card.h"
#include "text.h"
#include "yaml.h"

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
    if (!warn)
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
 * (arxiv comes from the tags), so their front matter values are always
 * built; the others are made in card_meta_fill() when the card was read
 * lazily. */
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

/* opts->defer_keep for the front matter. */
static bool fm_judged(const char *key, size_t n)
{
    for (size_t i = 0; i < FM_FIELDS; i++)
        if (fm_fields[i].judged && fm_fields[i].len == n && fm_fields[i].key[0] == key[0] &&
            memcmp(fm_fields[i].key, key, n) == 0)
            return true;
    return false;
}

/* opts->defer_keep_string for the front matter: what the judge may take for
 * a code or paper URL. It looks at strings starting with h, g or s; any
 * URL or git address among them has one of : / . @ + ("ha", "summary" do
 * not). */
static bool fm_url_like(const char *s, size_t n)
{
    if (!n || (s[0] != 'h' && s[0] != 'g' && s[0] != 's'))
        return false;
    for (size_t i = 1; i < n; i++)
        if (s[i] == ':' || s[i] == '/' || s[i] == '.' || s[i] == '@' || s[i] == '+')
            return true;
    return false;
}

/* How much normalise() does: everything; when read lazily, the warnings
 * and the judged fields; then the rest, without warnings. */
enum { NORM_ALL, NORM_LAZY, NORM_REST };

/* The normalised fields (see the top) into meta. */
static int normalise(tro_artifact *a, const json_t *fm, json_t *meta, int pass)
{
    const json_t *v[FM_FIELDS + 1];
    field_values(json_is_object(fm) ? fm : NULL, v);
    bool warn = pass != NORM_REST;
    for (size_t i = 0; i < FM_FIELDS; i++) {
        const struct fm_field *f = &fm_fields[i];
        if (pass == NORM_REST && f->judged)
            continue;
        json_t *into = pass != NORM_LAZY || f->judged ? meta : NULL;
        if (f->list ? norm_list(a, v[i], f->key, into, warn)
                    : norm_string(a, v[i], f->key, into, warn))
            return TRO_ENOMEM;
    }
    if (pass != NORM_REST && arxiv_ids(json_object_get(meta, "tags"), meta))
        return TRO_ENOMEM;
    json_t *cfg = (json_t *)v[FM_FIELDS];
    if (cfg && !json_is_array(cfg) && !json_is_null(cfg) &&
        field_warning(a, "configs", "a list", warn))
        return TRO_ENOMEM;
    if (pass == NORM_LAZY)
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
        p = trop_find_line_start2(s, p, n, '-', '.', &line);
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

/* The front matter values left unbuilt, with the YAML text they need. */
typedef struct fm_lazy {
    trop_yaml_defer d;
    trop_yaml_opts o;  /* the limits of the first conversion */
    size_t base, len;  /* where text starts in the YAML, its length */
    char text[];       /* the entries the records cover */
} fm_lazy;

static void fm_lazy_free(void *p)
{
    fm_lazy *l = p;
    if (l)
        trop_yaml_defer_clear(&l->d);
    free(l);
}

/* Keeps the records (taken from *d) and the text they cover on a. */
static int keep_deferred(tro_artifact *a, const char *yaml, trop_yaml_defer *d,
                         const trop_yaml_opts *o)
{
    size_t base = d->v[0].start, end = d->v[d->n - 1].end;
    fm_lazy *l = malloc(sizeof *l + (end - base));
    if (!l)
        return TRO_ENOMEM;
    memcpy(l->text, yaml + base, end - base);
    l->d = *d;
    l->o = *o;
    l->o.warn = NULL;
    l->o.warn_ud = NULL;
    l->o.defer = NULL;
    l->base = base;
    l->len = end - base;
    *d = (trop_yaml_defer){0};
    a->lazy = l;
    a->lazy_free = fm_lazy_free;
    return 0;
}

/* Builds the values the reader left unbuilt (see the top of this file),
 * then the fields normalise() left to do. */
static int fm_fill(tro_artifact *a)
{
    fm_lazy *l = a->lazy_free == fm_lazy_free ? a->lazy : NULL;
    json_t *fm = json_object_get(a->meta, "front_matter");
    int rc = l ? trop_yaml_fill(fm, l->text, l->base, l->len, &l->d, &l->o) : 0;
    if (rc)
        return rc;
    if (l) {
        fm_lazy_free(l);
        a->lazy = NULL;
        a->lazy_free = NULL;
    }
    return normalise(a, fm, a->meta, NORM_REST);
}

/* meta_fill of a card read lazily (only then). */
static int card_meta_fill(tro_artifact *a)
{
    int rc = fm_fill(a);
    return rc ? rc : trop_card_meta_fill(a);
}

/* Parses the front matter; *fm is the result (new reference) or NULL. */
static int parse_front_matter(const tro_ctx *ctx, tro_artifact *a, const char *s,
                              const fm_span *f, json_t **fm, const char **status)
{
    trop_yaml_opts o;
    trop_yaml_error err;
    trop_yaml_defer d = {0};
    trop_yaml_opts_init(&o, ctx);
    o.offset_base = f->yaml_start;
    o.line_base = 1;
    o.warn = dup_key_warning;
    o.warn_ud = a;
    o.defer = a->lazy_meta && !a->lazy ? &d : NULL;
    o.defer_keep = fm_judged;
    o.defer_keep_string = fm_url_like;
    *fm = NULL;
    int rc = trop_yaml_to_json(s + f->yaml_start, f->yaml_end - f->yaml_start, &o, fm, &err);
    if (!rc && d.n)
        rc = keep_deferred(a, s + f->yaml_start, &d, &o);
    trop_yaml_defer_clear(&d);
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

static int front_matter(const tro_ctx *ctx, tro_artifact *a, const trop_text *t, size_t start,
                        fm_span *f)
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
    if (!rc)
        rc = normalise(a, fm, a->meta, a->lazy_meta ? NORM_LAZY : NORM_ALL);
    if (!rc && (json_object_set_new_nocheck(a->meta, "front_matter_status",
                                            json_string_nocheck(status)) ||
                json_object_set_new_nocheck(a->meta, "front_matter", fm ? fm : json_null())))
        rc = TRO_ENOMEM;
    else if (rc)
        json_decref(fm);
    return rc;
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
        uint64_t line = trop_count_lines(t->data, bad) + (bad && t->data[bad - 1] == '\n');
        rc = trop_artifact_finding(a, TRO_SEVERITY_WARNING, "card-invalid-utf8", (int64_t)bad,
                                   "%s: invalid UTF-8 at byte %zu (line %llu); such bytes are "
                                   "read as '?'", a->path, bad,
                                   (unsigned long long)(line ? line : 1));
        if (!rc && !(rc = trop_text_own(t)))
            trop_utf8_patch(t->buf + bad, t->len - bad);
    }
    return rc;
}

static int set_int(json_t *meta, const char *key, uint64_t v)
{
    return json_object_set_new_nocheck(meta, key, json_integer((json_int_t)v)) ? TRO_ENOMEM : 0;
}

int trop_read_card(const tro_ctx *ctx, const trop_src *src, tro_artifact *a)
{
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
    trop_md_stats st = {0};
    size_t start = t.len >= 3 && memcmp(t.data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if ((rc = read_problems(a, &t)) || (rc = front_matter(ctx, a, &t, start, &f)))
        goto done;
    trop_card_body *body = NULL;
    rc = trop_md_scan(t.data + f.body, t.len - f.body, f.body_line, a->meta, &st, a->lazy_meta,
                      &body);
    if (body && !a->aux) { /* the judge reads it; meta_fill too when lazy */
        a->aux = body;
        a->aux_free = trop_card_body_free;
    } else {
        trop_card_body_free(body);
    }
    if (a->lazy_meta) /* the front matter left work in any case */
        a->meta_fill = card_meta_fill;
    if (!rc)
        rc = set_int(a->meta, "bytes", t.size);
    if (!rc) /* the scan counted the body's lines */
        rc = set_int(a->meta, "lines", st.last_line);
    if (!rc)
        rc = set_int(a->meta, "body_line", f.body_line);
    if (!rc && st.sections_dropped)
        rc = trop_artifact_finding(a, TRO_SEVERITY_INFO, "card-too-many-sections", -1,
                                   "%s: more than %u headings; %llu more were read as text",
                                   a->path, TROP_MD_MAX_SECTIONS,
                                   (unsigned long long)st.sections_dropped);
    if (!rc && st.links_dropped)
        rc = trop_artifact_finding(a, TRO_SEVERITY_INFO, "card-too-many-links", -1,
                                   "%s: more than %u links; %llu more were not listed", a->path,
                                   TROP_MD_MAX_LINKS, (unsigned long long)st.links_dropped);
done:
    trop_text_free(&t);
    return rc;
}

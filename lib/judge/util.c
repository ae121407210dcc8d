/* Building the pieces of a judgement: evidence items, reasons, findings. */
#include "judge.h"

#include <stdlib.h>
#include <string.h>

json_t *trop_jtextn(const char *s, size_t n)
{
    if (trop_utf8_valid(s, n))
        return json_stringn_nocheck(s, n);
    /* names of files added from memory may be any bytes: '?' for the bad ones */
    char *t = malloc(n + 1);
    if (!t)
        return NULL;
    memcpy(t, s, n);
    t[n] = '\0';
    trop_utf8_patch(t, n);
    json_t *v = json_stringn_nocheck(t, n);
    free(t);
    return v;
}

json_t *trop_jtext(const char *s)
{
    return s ? trop_jtextn(s, strlen(s)) : json_string_nocheck("");
}

/* A JSON string of a formatted text (jtext rules), formatted once on the
 * stack when it fits. */
static json_t *jtext_vfmt(const char *fmt, va_list ap)
{
    char buf[512];
    va_list cp;
    va_copy(cp, ap);
    int n = trop_vfmt(buf, sizeof buf, fmt, cp);
    va_end(cp);
    if (n < 0)
        return NULL;
    if ((size_t)n < sizeof buf)
        return trop_jtextn(buf, (size_t)n);
    char *s = trop_vasprintf(fmt, ap);
    json_t *v = s ? trop_jtextn(s, (size_t)n) : NULL;
    free(s);
    return v;
}

const char *trop_jstr(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

int64_t trop_jint(const json_t *obj, const char *key, int64_t dflt)
{
    const json_t *v = json_object_get(obj, key);
    return json_is_integer(v) ? (int64_t)json_integer_value(v) : dflt;
}

static int append_vfmt(json_t *arr, const char *fmt, va_list ap)
{
    json_t *v = jtext_vfmt(fmt, ap);
    return !v || json_array_append_new(arr, v) ? TRO_ENOMEM : 0;
}

int trop_to_pass_add(trop_judgement *jd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = append_vfmt(jd->to_pass, fmt, ap);
    va_end(ap);
    return rc;
}

int trop_judge_finding(trop_judgement *jd, tro_severity sev, const char *code, const char *path,
                       const char *fmt, ...)
{
    trop_jfindings *fs = &jd->findings;
    if (fs->n == fs->cap) {
        size_t cap = fs->cap ? fs->cap * 2 : 4;
        trop_jfinding *v = realloc(fs->v, cap * sizeof *v);
        if (!v)
            return TRO_ENOMEM;
        fs->v = v;
        fs->cap = cap;
    }
    trop_jfinding *f = &fs->v[fs->n];
    f->sev = sev;
    va_list ap;
    va_start(ap, fmt);
    bool ok = trop_texts_vfmt(&fs->texts, &f->message, fmt, ap);
    va_end(ap);
    f->code = (trop_str){NULL, 0};
    if (!ok || !trop_texts_str(&fs->texts, path, &f->path) ||
        !trop_texts_str(&fs->texts, code, &f->code))
        return TRO_ENOMEM;
    fs->n++;
    return 0;
}

json_t *trop_jfinding_json(const trop_jfinding *f)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    int bad = json_object_set_new_nocheck(o, "severity",
                                          json_string_nocheck(tro_severity_name(f->sev)));
    bad |= json_object_set_new_nocheck(o, "code", json_stringn_nocheck(f->code.s, f->code.n));
    bad |= json_object_set_new_nocheck(o, "message",
                                       json_stringn_nocheck(f->message.s, f->message.n));
    bad |= json_object_set_new_nocheck(o, "path", json_stringn_nocheck(f->path.s, f->path.n));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

void trop_jfindings_free(trop_jfindings *f)
{
    free(f->v);
    trop_texts_free(&f->texts);
    memset(f, 0, sizeof *f);
}

int trop_judgement_init(trop_judgement *j, const tro_release *rel)
{
    memset(j, 0, sizeof *j);
    j->rel = rel;
    bool bad = false;
    for (int i = 0; i < 3; i++)
        j->crit[i].status = TRO_STATUS_UNKNOWN;
    bad |= !(j->lineage = json_array());
    if (bad) {
        trop_judgement_clear(j);
        return TRO_ENOMEM;
    }
    return 0;
}

void trop_judgement_clear(trop_judgement *j)
{
    if (j->links != j->links_inline)
        free(j->links);
    for (int i = 0; i < 3; i++) {
        trop_crit_clear(&j->crit[i]);
    }
    trop_lics_free(&j->licenses);
    trop_dsrows_free(&j->datasets);
    json_decref(j->lineage);
    trop_jfindings_free(&j->findings);
    json_decref(j->to_pass);
    memset(j, 0, sizeof *j);
}

void trop_base_free(void *p)
{
    trop_base *b = p;
    if (!b)
        return;
    json_decref(b->licenses);
    json_decref(b->lineage);
    json_decref(b->cut);
    free(b);
}

void trop_dataset_free(void *p)
{
    trop_dataset *d = p;
    if (!d)
        return;
    free(d->license);
    free(d->reason);
    free(d);
}

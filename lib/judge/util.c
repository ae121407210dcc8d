/* Building the pieces of a judgement: evidence items, reasons, findings. */
#include "judge.h"

#include <stdlib.h>
#include <string.h>

json_t *trop_jtext(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (!s)
        return json_string_nocheck("");
    if (trop_utf8_valid(s, n))
        return json_stringn_nocheck(s, n);
    /* names of files added from memory may be any bytes: '?' for the bad ones */
    char *t = trop_strdup(s);
    if (!t)
        return NULL;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)t[i];
        size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (i + len <= n && trop_utf8_valid(t + i, len)) {
            i += len;
            continue;
        }
        t[i++] = '?';
    }
    json_t *v = json_stringn_nocheck(t, n);
    free(t);
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

int trop_evidence_add(json_t *arr, const char *kind, const char *text, const char *path,
                      const char *url, int64_t line, int64_t offset)
{
    json_t *o = json_object();
    if (!o || json_array_append_new(arr, o))
        return TRO_ENOMEM;
    int bad = json_object_set_new_nocheck(o, "kind", json_string_nocheck(kind));
    bad |= json_object_set_new_nocheck(o, "text", trop_jtext(text));
    bad |= json_object_set_new_nocheck(o, "path", trop_jtext(path));
    if (url)
        bad |= json_object_set_new_nocheck(o, "url", trop_jtext(url));
    if (line > 0)
        bad |= json_object_set_new_nocheck(o, "line", json_integer(line));
    if (offset >= 0)
        bad |= json_object_set_new_nocheck(o, "offset", json_integer(offset));
    return bad ? TRO_ENOMEM : 0;
}

static int append_vfmt(json_t *arr, const char *fmt, va_list ap)
{
    char *s = trop_vasprintf(fmt, ap);
    if (!s)
        return TRO_ENOMEM;
    json_t *v = trop_jtext(s);
    free(s);
    return !v || json_array_append_new(arr, v) ? TRO_ENOMEM : 0;
}

int trop_reason_add(trop_crit *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = append_vfmt(c->reasons, fmt, ap);
    va_end(ap);
    return rc;
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
    va_list ap;
    va_start(ap, fmt);
    char *msg = trop_vasprintf(fmt, ap);
    va_end(ap);
    if (!msg)
        return TRO_ENOMEM;
    json_t *o = json_object();
    int bad = !o || json_array_append_new(jd->findings, o);
    bad = bad ||
          json_object_set_new_nocheck(o, "severity", json_string_nocheck(tro_severity_name(sev)));
    bad = bad || json_object_set_new_nocheck(o, "code", json_string_nocheck(code));
    bad = bad || json_object_set_new_nocheck(o, "message", trop_jtext(msg));
    bad = bad || json_object_set_new_nocheck(o, "path", trop_jtext(path));
    free(msg);
    return bad ? TRO_ENOMEM : 0;
}

int trop_judgement_init(trop_judgement *j, const tro_release *rel)
{
    memset(j, 0, sizeof *j);
    j->rel = rel;
    bool bad = false;
    for (int i = 0; i < 3; i++) {
        j->crit[i].status = TRO_STATUS_UNKNOWN;
        bad |= !(j->crit[i].evidence = json_array());
        bad |= !(j->crit[i].reasons = json_array());
    }
    bad |= !(j->licenses = json_array());
    bad |= !(j->datasets = json_array());
    bad |= !(j->lineage = json_array());
    bad |= !(j->findings = json_array());
    bad |= !(j->mof_evidence = json_array());
    bad |= !(j->to_pass = json_array());
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
        json_decref(j->crit[i].evidence);
        json_decref(j->crit[i].reasons);
    }
    json_decref(j->licenses);
    json_decref(j->datasets);
    json_decref(j->lineage);
    json_decref(j->findings);
    json_decref(j->mof_evidence);
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

/* Building the pieces of a judgement: evidence items, reasons, findings. */
#include "judge.h"

#include <stdlib.h>
#include <string.h>

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
    int bad = json_object_set_new_nocheck(o, "kind", json_string(kind));
    bad |= json_object_set_new_nocheck(o, "text", json_string(text ? text : ""));
    bad |= json_object_set_new_nocheck(o, "path", json_string(path ? path : ""));
    if (url)
        bad |= json_object_set_new_nocheck(o, "url", json_string(url));
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
    json_t *v = json_string(s);
    free(s);
    /* a message built from invalid UTF-8 (a card's bytes) is dropped, not fatal */
    if (!v)
        return 0;
    return json_array_append_new(arr, v) ? TRO_ENOMEM : 0;
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

int trop_judge_finding(trop_judgement *jd, tro_severity sev, const char *code,
                       const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = trop_vasprintf(fmt, ap);
    va_end(ap);
    if (!msg)
        return TRO_ENOMEM;
    json_t *o = json_pack("{s:s, s:s, s:s?, s:s}", "severity", tro_severity_name(sev), "code",
                          code, "message", msg, "path", path ? path : "");
    free(msg);
    if (!o)
        return TRO_ENOMEM;
    return json_array_append_new(jd->findings, o) ? TRO_ENOMEM : 0;
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

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The JSON form of a licence result (`trulyopen license --format json`,
 * tro_license_result_json()); trulyopen-report(5) describes it. */
#include "internal.h"
#include "license.h"
#include "result.h"

#include <stdlib.h>
#include <string.h>

static json_t *covers_json(unsigned covers)
{
    json_t *a = json_array();
    if (!a)
        return NULL;
    static const unsigned bits[] = {TRO_LICENSE_COVERS_CODE, TRO_LICENSE_COVERS_WEIGHTS,
                                    TRO_LICENSE_COVERS_DATA, TRO_LICENSE_COVERS_DOCS};
    int rc = 0;
    if (!covers)
        rc = json_array_append_new(a, json_string(tro_license_covers_name(0)));
    for (size_t i = 0; !rc && i < sizeof bits / sizeof bits[0]; i++)
        if (covers & bits[i])
            rc = json_array_append_new(a, json_string(tro_license_covers_name(bits[i])));
    if (rc) {
        json_decref(a);
        return NULL;
    }
    return a;
}

static json_t *lic_json(const res_lic *l)
{
    json_t *o = json_pack(
        "{s:s, s:s, s:s, s:s, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:o*}", "id", l->id, "name",
        l->name, "category", tro_license_category_name(l->category), "reason", l->reason, "spdx",
        (l->flags & TRO_LICENSE_SPDX) != 0, "osi_approved",
        (l->flags & TRO_LICENSE_OSI_APPROVED) != 0, "fsf_libre",
        (l->flags & TRO_LICENSE_FSF_LIBRE) != 0, "deprecated",
        (l->flags & TRO_LICENSE_DEPRECATED) != 0, "mof_open", (l->flags & TRO_LICENSE_MOF_OPEN) != 0,
        "free", (l->flags & TRO_LICENSE_FREE) != 0, "free_for_data",
        (l->flags & TRO_LICENSE_FREE_FOR_DATA) != 0, "free_for_software",
        (l->flags & TRO_LICENSE_FREE_FOR_SOFTWARE) != 0, "covers", covers_json(l->covers));
    if (o && l->exception && json_object_set_new(o, "exception", json_string(l->exception))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static int add_match(json_t *o, const trop_match_info *m)
{
    if (!m->template_id)
        return 0;
    json_t *j = json_pack("{s:s, s:f, s:f, s:I, s:I}", "template", m->template_id, "score",
                          m->score, "coverage", m->coverage, "added_words", (json_int_t)m->added,
                          "removed_words", (json_int_t)m->removed);
    return j ? json_object_set_new(o, "match", j) : -1;
}

static json_t *result_json(const tro_license_result *r)
{
    json_t *lics = json_array(), *evs = json_array();
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:b, s:b, s:b, s:s, s:f}", "input", r->input,
                          "kind", r->kind, "expression", r->expression, "category",
                          tro_license_category_name(r->category), "free",
                          (r->flags & TRO_LICENSE_FREE) != 0, "free_for_data",
                          (r->flags & TRO_LICENSE_FREE_FOR_DATA) != 0, "free_for_software",
                          (r->flags & TRO_LICENSE_FREE_FOR_SOFTWARE) != 0, "reason", r->reason,
                          "confidence", r->confidence);
    bool ok = o && lics && evs && add_match(o, &r->match) == 0;
    for (size_t i = 0; ok && i < r->nlics; i++)
        ok = json_array_append_new(lics, lic_json(&r->lics[i])) == 0;
    for (size_t i = 0; ok && i < r->evs.n; i++)
        ok = json_array_append_new(evs, json_pack("{s:s, s:s, s:I}", "kind", r->evs.v[i].kind, "text",
                                                  r->evs.v[i].text, "offset",
                                                  (json_int_t)r->evs.v[i].offset)) == 0;
    if (ok)
        ok = json_object_set(o, "licenses", lics) == 0 && json_object_set(o, "evidence", evs) == 0;
    json_decref(lics);
    json_decref(evs);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

int tro_license_result_json(const tro_license_result *r, char **out, size_t *len)
{
    if (!r || !out)
        return TRO_EINVAL;
    json_t *o = result_json(r);
    char *s = o ? json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    if (!s)
        return TRO_ENOMEM;
    /* json_dumps memory comes from jansson's allocator (malloc by default);
     * copy so the caller can release it with tro_free(). */
    char *copy = trop_strdup(s);
    free(s);
    if (!copy)
        return TRO_ENOMEM;
    *out = copy;
    if (len)
        *len = strlen(copy);
    return TRO_OK;
}

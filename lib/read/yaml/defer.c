/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Deferred values of a YAML conversion (yaml.h): building them later. */
#include "yaml.h"

#include <stdlib.h>

void trop_yaml_defer_clear(trop_yaml_defer *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        json_decref(d->v[i].value);
    free(d->v);
    d->v = NULL;
    d->n = 0;
}

/* Parses one record's entry and puts its value in root in place of the
 * stand-in (jansson keeps the key's place in the object). */
static int fill_one(json_t *root, const char *text, size_t len, json_t *was,
                    const trop_yaml_opts *o)
{
    json_t *one = NULL;
    int rc = trop_yaml_to_json(text, len, o, &one, NULL);
    if (rc == TRO_ENOMEM)
        return rc;
    void *it = json_object_iter(one);
    if (rc || !it || json_object_iter_next(one, it)) {
        json_decref(one);
        return TRO_EFORMAT;
    }
    const char *k = json_object_iter_key(it);
    size_t kl = json_object_iter_key_len(it);
    json_t *v = json_object_iter_value(it);
    if (json_object_getn(root, k, kl) == was && json_object_setn_nocheck(root, k, kl, v))
        rc = TRO_ENOMEM;
    json_decref(one);
    return rc;
}

int trop_yaml_fill(json_t *root, const char *text, size_t base, size_t len,
                   const trop_yaml_defer *d, const trop_yaml_opts *o)
{
    trop_yaml_opts one = *o;
    one.warn = NULL; /* the first conversion reported them */
    one.marks = NULL;
    one.defer = NULL;
    one.engine = TROP_YAML_AUTO;
    /* last first: a key given twice has a record for each, and the stand-in
     * for strings is one shared node, so only the last can be told by its
     * value (a filled value is new, and matches no earlier record) */
    for (size_t i = d->n; i-- > 0;) {
        const trop_yaml_deferred *r = &d->v[i];
        if (r->start < base || r->end < r->start || r->end - base > len)
            return TRO_EFORMAT;
        int rc = fill_one(root, text + (r->start - base), r->end - r->start, r->value, &one);
        if (rc)
            return rc;
    }
    return 0;
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The YAML to JSON converter directly, with small bounds so that the limit
 * paths are reached, warnings and node positions switched on. */
#include "fuzz.h"
#include "yaml/yaml.h"

#include <string.h>

static int on_warn(void *ud, const char *kind, int64_t offset, uint64_t line, const char *msg)
{
    size_t *n = ud;
    if (!kind || !msg || offset < 0 || line == 0)
        abort();
    (*n)++;
    return 0;
}

/* Every node of the result: look up its position, which must be in range. */
static void walk(trop_yaml_marks *m, const json_t *v, size_t len, int depth)
{
    int64_t off;
    uint64_t line;
    if (trop_yaml_mark_find(m, v, &off, &line) && (off < 0 || (uint64_t)off > len || !line))
        abort();
    if (depth > 64)
        abort(); /* deeper than the bound allows */
    size_t i;
    const char *k;
    json_t *e;
    if (json_is_array(v))
        json_array_foreach((json_t *)v, i, e) walk(m, e, len, depth + 1);
    else if (json_is_object(v))
        json_object_foreach((json_t *)v, k, e) walk(m, e, len, depth + 1);
}

TROF_ENTRY(yaml)
{
    trop_yaml_opts o;
    trop_yaml_error err;
    size_t warnings = 0;
    json_t *v = NULL;
    memset(&o, 0, sizeof o);
    o.max_bytes = 1 << 20;
    o.max_depth = 32;
    o.max_aliases = 64;
    o.max_nodes = 20000;
    o.warn = on_warn;
    o.warn_ud = &warnings;
    o.marks = trop_yaml_marks_new();
    if (!o.marks)
        return 0;
    int rc = trop_yaml_to_json((const char *)data, size, &o, &v, &err);
    if (rc == 0) {
        if (!v)
            abort();
        walk(o.marks, v, size, 0);
        char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
        free(s);
        json_decref(v);
    } else {
        if (v || rc != err.code || !err.kind || !err.message[0])
            abort();
        if (rc != TRO_EPARSE && rc != TRO_ELIMIT && rc != TRO_ENOMEM)
            abort();
        if (err.offset > (int64_t)size)
            abort();
    }
    if (warnings > TROP_YAML_MAX_WARNINGS)
        abort();
    trop_yaml_marks_free(o.marks);
    return 0;
}

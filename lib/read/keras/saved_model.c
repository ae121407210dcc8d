/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Reader of TensorFlow SavedModel protobufs (TRO_TYPE_SAVED_MODEL):
 *   - saved_model.pb: SavedModel { meta_graphs = 2: MetaGraphDef {
 *     graph_def = 2: GraphDef { node = 1: NodeDef { name = 1, op = 2 },
 *     library = 2: FunctionDefLibrary { function = 1: FunctionDef {
 *     signature = 1: OpDef { name = 1 }, node_def = 3: NodeDef } } } } }.
 *     The ops of the graph and of its functions run when the model does;
 *     those in the table below read or write files or run Python code of
 *     the loading process: an error each (tf-dangerous-op).
 *   - keras_metadata.pb: SavedMetadata { nodes = 1: SavedObject {
 *     identifier = 4, metadata = 5 } }: the metadata of each Keras layer
 *     ("_tf_keras_layer") is its JSON configuration, checked as Keras
 *     configurations are (config.c: Lambda layers).
 * The protobuf is read with a bounded walker over the whole file (at most
 * limits.max_header_bytes); every length is checked against what holds it.
 *
 * Metadata (a->meta):
 *   "format"     "saved_model" | "keras_metadata"
 *   saved_model: "meta_graphs", "nodes", "functions", "ops" (distinct op
 *                names, sorted, at most 1000)
 *   keras_metadata: "nodes", and "layers", "lambda_layers",
 *                "custom_objects" (config.c)
 * Findings: tf-dangerous-op, keras-lambda, keras-custom-object (errors);
 * saved-model-malformed (error); saved-model-scan-incomplete (error).
 */
#include "keras.h"
#include "../pickle/pickle.h"
#include "../readers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_OPS_LISTED 1000

typedef struct pb {
    const unsigned char *p, *end;
} pb;

/* The next field: 1 with its number, wire type and value (varint) or
 * bytes (length-delimited, in *sub); 0 at the end; -1 when malformed. */
static int pb_next(pb *b, uint32_t *field, unsigned *wt, uint64_t *v, pb *sub)
{
    if (b->p >= b->end)
        return 0;
    uint64_t key = 0, x = 0;
    for (int pass = 0; pass < 2; pass++) {
        uint64_t *out = pass ? &x : &key;
        *out = 0;
        if (pass && (key & 7) != 0 && (key & 7) != 2)
            break;
        for (unsigned shift = 0;; shift += 7) {
            if (b->p >= b->end || shift > 63)
                return -1;
            unsigned char c = *b->p++;
            *out |= (uint64_t)(c & 0x7f) << shift;
            if (!(c & 0x80))
                break;
        }
    }
    *field = (uint32_t)(key >> 3);
    *wt = (unsigned)(key & 7);
    switch (*wt) {
    case 0:
        *v = x;
        return *field ? 1 : -1;
    case 2:
        if (x > (uint64_t)(b->end - b->p))
            return -1;
        sub->p = b->p;
        sub->end = b->p + x;
        b->p += x;
        return *field ? 1 : -1;
    case 1:
    case 5: {
        size_t n = *wt == 1 ? 8 : 4;
        if ((size_t)(b->end - b->p) < n)
            return -1;
        b->p += n;
        return *field ? 1 : -1;
    }
    default:
        return -1; /* groups (3, 4) are not used by these messages */
    }
}

/* The next length-delimited field `want` of *m (the other fields are
 * skipped): 1 with *sub set, 0 at the end, -1 when malformed. */
static int pb_field(pb *m, uint32_t want, pb *sub)
{
    uint32_t f;
    unsigned wt;
    uint64_t v;
    int r;
    while ((r = pb_next(m, &f, &wt, &v, sub)) == 1)
        if (f == want && wt == 2)
            return 1;
    return r;
}

/* The string field `want` of message m, copied (printable) into out. */
static bool pb_string(pb m, uint32_t want, char *out, size_t cap)
{
    pb sub;
    if (pb_field(&m, want, &sub) == 1) {
        trop_pkl_printable((const char *)sub.p, (size_t)(sub.end - sub.p), out, cap);
        return true;
    }
    out[0] = '\0';
    return false;
}

/* ---- saved_model.pb -------------------------------------------------------- */

/* clang-format off */
static const struct {
    const char *op, *why;
} dangerous_ops[] = {
    {"ReadFile", "reads a file"},
    {"WriteFile", "writes a file"},
    {"MatchingFiles", "lists files"},
    {"WholeFileReader", "reads files"},
    {"WholeFileReaderV2", "reads files"},
    {"ImmutableConst", "maps a file into memory"},
    {"DatasetToTFRecord", "writes a file"},
    {"ExperimentalDatasetToTFRecord", "writes a file"},
    {"PyFunc", "calls a Python function of the loading process"},
    {"PyFuncStateless", "calls a Python function of the loading process"},
    {"EagerPyFunc", "calls a Python function of the loading process"},
};
/* clang-format on */

typedef struct graph_scan {
    const tro_ctx *ctx;
    tro_artifact *a;
    trop_json_budget budget;
    uint64_t meta_graphs, nodes, functions;
    json_t *ops; /* op name -> true */
} graph_scan;

static int node(graph_scan *g, pb n, const char *fn)
{
    char op[200], name[200];
    g->nodes++;
    if (!pb_string(n, 2, op, sizeof op))
        return TRO_OK;
    if (json_object_size(g->ops) < MAX_OPS_LISTED && json_object_set_new(g->ops, op, json_true()))
        return TRO_ENOMEM;
    for (size_t i = 0; i < sizeof dangerous_ops / sizeof *dangerous_ops; i++) {
        if (strcmp(op, dangerous_ops[i].op) != 0)
            continue;
        pb_string(n, 1, name, sizeof name);
        return trop_json_budget_finding(g->a, &g->budget, TRO_SEVERITY_ERROR, "tf-dangerous-op", -1,
                                        "%s: tf.saved_model.load -> op %s (node '%s'%s%s%s): it %s "
                                        "when the model runs",
                                        g->a->path, op, name, fn ? " of function '" : "",
                                        fn ? fn : "", fn ? "'" : "", dangerous_ops[i].why);
    }
    return TRO_OK;
}

/* Calls each(g, sub, arg) for every length-delimited field `want` of m;
 * -1 (malformed) is returned as TRO_EFORMAT. */
typedef int (*pb_each)(graph_scan *g, pb sub, const char *arg);
static int fields(graph_scan *g, pb m, uint32_t want, pb_each each, const char *arg)
{
    pb sub;
    int r;
    while ((r = pb_field(&m, want, &sub)) == 1) {
        int rc = each(g, sub, arg);
        if (rc)
            return rc;
    }
    return r < 0 ? TRO_EFORMAT : TRO_OK;
}

static int function_node(graph_scan *g, pb n, const char *fn)
{
    return node(g, n, fn);
}

static int function(graph_scan *g, pb f, const char *unused)
{
    char name[200] = "";
    pb sub, it = f;
    (void)unused;
    g->functions++;
    while (pb_field(&it, 1, &sub) == 1) /* signature: OpDef, its name = 1 */
        pb_string(sub, 1, name, sizeof name);
    return fields(g, f, 3, function_node, name);
}

static int library(graph_scan *g, pb lib, const char *unused)
{
    (void)unused;
    return fields(g, lib, 1, function, NULL);
}

static int graph_node(graph_scan *g, pb n, const char *unused)
{
    (void)unused;
    return node(g, n, NULL);
}

static int graph(graph_scan *g, pb gd, const char *unused)
{
    (void)unused;
    int rc = fields(g, gd, 1, graph_node, NULL);
    return rc ? rc : fields(g, gd, 2, library, NULL);
}

static int meta_graph(graph_scan *g, pb mg, const char *unused)
{
    (void)unused;
    g->meta_graphs++;
    return fields(g, mg, 2, graph, NULL);
}

static int read_saved_model(const tro_ctx *ctx, tro_artifact *a, pb root)
{
    graph_scan g = {.ctx = ctx, .a = a, .budget = TROP_JSON_BUDGET_INIT(50), .ops = json_object()};
    if (!g.ops)
        return TRO_ENOMEM;
    int rc = fields(&g, root, 2, meta_graph, NULL);
    if (rc == TRO_EFORMAT)
        rc = trop_artifact_finding(a, TRO_SEVERITY_ERROR, "saved-model-malformed", -1,
                                   "%s: the protobuf is malformed; what follows the damage was "
                                   "not checked",
                                   a->path);
    json_t *names = json_array();
    const char *op;
    json_t *unused;
    json_object_foreach(g.ops, op, unused)
    {
        if (names && json_array_append_new(names, json_string(op)))
            break;
    }
    json_t *m = a->meta;
    if (!rc && (!names || json_object_set_new(m, "format", json_string("saved_model")) ||
                json_object_set_new(m, "meta_graphs", json_integer((json_int_t)g.meta_graphs)) ||
                json_object_set_new(m, "nodes", json_integer((json_int_t)g.nodes)) ||
                json_object_set_new(m, "functions", json_integer((json_int_t)g.functions)) ||
                json_object_set(m, "ops", names)))
        rc = TRO_ENOMEM;
    if (!rc)
        rc = trop_json_budget_flush(a, &g.budget, "tf");
    json_decref(names);
    json_decref(g.ops);
    return rc;
}

/* ---- keras_metadata.pb --------------------------------------------------------- */

static int read_keras_metadata(const tro_ctx *ctx, tro_artifact *a, pb root)
{
    trop_keras_scan k;
    trop_keras_init(&k, a, "tf.keras.models.load_model", "layer metadata");
    uint64_t nodes = 0;
    pb obj;
    int r, rc = TRO_OK;
    while (!rc && (r = pb_field(&root, 1, &obj)) == 1) {
        nodes++;
        char ident[64];
        pb_string(obj, 4, ident, sizeof ident);
        pb sub, it = obj;
        while (!rc && strcmp(ident, "_tf_keras_layer") == 0 && pb_field(&it, 5, &sub) == 1)
            rc = trop_keras_check_text(ctx, &k, (const char *)sub.p, (size_t)(sub.end - sub.p),
                                       "keras");
    }
    if (!rc && r < 0)
        rc = trop_artifact_finding(a, TRO_SEVERITY_ERROR, "saved-model-malformed", -1,
                                   "%s: the protobuf is malformed; what follows the damage was "
                                   "not checked",
                                   a->path);
    if (!rc && (json_object_set_new(a->meta, "format", json_string("keras_metadata")) ||
                json_object_set_new(a->meta, "nodes", json_integer((json_int_t)nodes))))
        rc = TRO_ENOMEM;
    return rc ? rc : trop_keras_meta(&k, a->meta);
}

int trop_read_saved_model(const tro_ctx *ctx, const trop_src *src, tro_artifact *a)
{
    char *data;
    size_t len;
    int rc = trop_src_slurp(src, ctx->limits.max_header_bytes, &data, &len);
    if (rc == TRO_ENOMEM || rc == TRO_EIO)
        return rc;
    if (rc)
        return trop_artifact_finding(a, TRO_SEVERITY_ERROR, "saved-model-scan-incomplete", -1,
                                     "%s: %llu bytes, more than can be read here (limit %llu, "
                                     "or streamed content); its ops were not checked",
                                     a->path, (unsigned long long)src->size,
                                     (unsigned long long)ctx->limits.max_header_bytes);
    pb root = {(const unsigned char *)data, (const unsigned char *)data + len};
    const char *base = strrchr(a->path, '/');
    base = base ? base + 1 : a->path;
    rc = strcmp(base, "keras_metadata.pb") == 0 ? read_keras_metadata(ctx, a, root)
                                                : read_saved_model(ctx, a, root);
    free(data);
    return rc;
}

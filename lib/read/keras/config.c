/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * What loading a Keras model configuration runs. keras.models.load_model
 * rebuilds every object of the configuration from its class_name, config
 * and (Keras 3) module:
 *   - a Lambda layer holds a Python function as marshalled bytecode
 *     (Keras 2: "function": [code, defaults, closure]; Keras 3: a
 *     "__lambda__" object), which runs when the model is built or called.
 *     Keras 3 refuses it unless safe_mode=False; Keras 2 and tf.keras load
 *     it. An error either way: the file ships code.
 *   - an object whose "module" is not Keras makes load_model import that
 *     module (running its code) and call the class's from_config, or hand
 *     the function out to be called (an activation, a loss): an error.
 *     "builtins" is looked up, not imported: an error when the name is a
 *     builtin that runs code (eval, exec, getattr...), judged as pickle
 *     globals are.
 * Keras itself, tf_keras and Keras's official libraries (keras_hub,
 * keras_nlp, keras_cv) are trusted: installing them is the user's choice.
 */
#include "keras.h"
#include "../pickle/pickle.h"

#include <stdio.h>
#include <string.h>

#define MAX_FINDINGS 50

static const char *const trusted[] = {"keras", "tf_keras", "keras_hub", "keras_nlp", "keras_cv"};

static bool trusted_module(const char *m)
{
    for (size_t i = 0; i < sizeof trusted / sizeof *trusted; i++) {
        size_t n = strlen(trusted[i]);
        if (strncmp(m, trusted[i], n) == 0 && (m[n] == '\0' || m[n] == '.'))
            return true;
    }
    return false;
}

/* The layer's name, for messages. */
static const char *layer_name(const json_t *obj)
{
    const json_t *cfg = json_object_get(obj, "config");
    const char *n = json_is_object(cfg) ? trop_json_get_str(cfg, "name") : NULL;
    if (!n)
        n = trop_json_get_str(obj, "name");
    return n ? n : "(unnamed)";
}

static int lambda(trop_keras_scan *k, const json_t *obj, const char *cls)
{
    char pn[200];
    const char *name = layer_name(obj);
    trop_pkl_printable(name, strlen(name), pn, sizeof pn);
    k->lambdas++;
    bool layer = strcmp(cls, "Lambda") == 0;
    return trop_json_budget_finding(
        k->a, &k->budget, TRO_SEVERITY_ERROR, "keras-lambda", -1,
        "%s: %s: %s -> %s '%s': runs Python bytecode stored in the file "
        "when the model is built or called (Keras 3 refuses it unless "
        "safe_mode=False; Keras 2 and tf.keras load it)",
        k->a->path, k->where, k->loader, layer ? "Lambda layer" : "serialized lambda in", pn);
}

/* An object naming a module: a class (from_config) or a function. */
static int module_object(trop_keras_scan *k, const json_t *obj, const char *module, const char *cls)
{
    const char *name = cls;
    const json_t *cfg = json_object_get(obj, "config");
    bool fn = strcmp(cls, "function") == 0;
    if (fn && json_is_string(cfg))
        name = json_string_value(cfg);
    const char *why = NULL;
    if (trusted_module(module))
        return TRO_OK;
    if (strcmp(module, "builtins") == 0 && trop_pkl_judge(module, name, &why) != TROP_PKL_DANGEROUS)
        return TRO_OK; /* looked up in builtins, nothing imported */
    char pm[300], pname[300];
    trop_pkl_printable(module, strlen(module), pm, sizeof pm);
    trop_pkl_printable(name, strlen(name), pname, sizeof pname);
    k->custom++;
    return trop_json_budget_finding(
        k->a, &k->budget, TRO_SEVERITY_ERROR, "keras-custom-object", -1,
        "%s: %s: %s -> %s %s.%s: %s", k->a->path, k->where, k->loader, fn ? "function" : "class",
        pm, pname,
        why  ? why
        : fn ? "imports that module (running its code) and calls the function"
             : "imports that module (running its code) and builds the object with its "
               "from_config");
}

static int visit(trop_keras_scan *k, const json_t *v, int depth)
{
    if (depth > 200)
        return TRO_OK; /* trop_json_parse bounds depth long before this */
    if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v); i++) {
            int rc = visit(k, json_array_get(v, i), depth + 1);
            if (rc)
                return rc;
        }
        return TRO_OK;
    }
    if (!json_is_object(v))
        return TRO_OK;
    const char *cls = trop_json_get_str(v, "class_name");
    const char *module = trop_json_get_str(v, "module");
    int rc = TRO_OK;
    if (cls && json_object_get(v, "config"))
        k->layers++;
    if (cls && (strcmp(cls, "Lambda") == 0 || strcmp(cls, "__lambda__") == 0))
        return lambda(k, v, cls); /* its function is the lambda: one finding */
    if (cls && module)
        rc = module_object(k, v, module, cls);
    const char *key;
    json_t *child;
    json_object_foreach((json_t *)v, key, child)
    {
        if (rc)
            break;
        rc = visit(k, child, depth + 1);
    }
    return rc;
}

void trop_keras_init(trop_keras_scan *k, tro_artifact *a, const char *loader, const char *where)
{
    memset(k, 0, sizeof *k);
    k->a = a;
    k->loader = loader;
    k->where = where;
    k->budget.left = MAX_FINDINGS;
}

int trop_keras_check(trop_keras_scan *k, const json_t *config)
{
    return visit(k, config, 0);
}

int trop_keras_check_text(const tro_ctx *ctx, trop_keras_scan *k, const char *text, size_t len,
                          const char *prefix)
{
    trop_json_opts o = {.prefix = prefix, .allow_bom = true};
    json_t *cfg = NULL;
    int rc = trop_json_parse(ctx, k->a, text, len, &o, &cfg);
    if (!rc && cfg)
        rc = trop_keras_check(k, cfg);
    json_decref(cfg);
    return rc;
}

int trop_keras_meta(trop_keras_scan *k, json_t *meta)
{
    if (trop_json_budget_flush(k->a, &k->budget, "keras"))
        return TRO_ENOMEM;
    if (json_object_set_new(meta, "layers", json_integer((json_int_t)k->layers)) ||
        json_object_set_new(meta, "lambda_layers", json_integer((json_int_t)k->lambdas)) ||
        json_object_set_new(meta, "custom_objects", json_integer((json_int_t)k->custom)))
        return TRO_ENOMEM;
    return TRO_OK;
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The Model Openness Tool's own test files (the .yml files in mof-testdata/)
 * read without
 * findings, with the component and license counts their names encode
 * ("_15C_2G_15L_": components, global licenses, component licenses), and the
 * component table agrees with the tool's mof.settings.yml.
 */
#include "read_test.h"
#include "facts.h"
#include "yaml/yaml.h"

#include <dirent.h>

static size_t non_null(const json_t *obj)
{
    size_t n = 0;
    const char *k;
    const json_t *v;
    json_object_foreach((json_t *)obj, k, v)
        n += !json_is_null(v);
    return n;
}

static void check_file(const char *dir, const char *file)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/mof-testdata/%s", dir, file);
    unsigned want_c, want_g, want_l;
    const char *code = strstr(file, "C_");
    while (code && !(code > file && code[-1] >= '0' && code[-1] <= '9'))
        code = strstr(code + 1, "C_");
    const char *num = code;
    while (num > file && num[-1] >= '0' && num[-1] <= '9')
        num--;
    CHECK(num && sscanf(num, "%uC_%uG_%uL_", &want_c, &want_g, &want_l) == 3);
    rt r;
    json_t *m = rt_read_file(&r, path, file);
    CHECK(m && r.rc == 0);
    CHECK(r.a && r.a->type == TRO_TYPE_MOF);
    CHECK_INT(rt_count(&r, NULL), 0);
    if (r.a && rt_count(&r, NULL)) {
        fprintf(stderr, "  %s:\n", file);
        rt_dump_findings(&r);
    }
    const json_t *rel = json_object_get(m, "release");
    const json_t *comps = json_object_get(rel, "components");
    CHECK_INT(json_array_size(comps), want_c);
    CHECK_INT(non_null(json_object_get(rel, "license")), want_g);
    size_t licensed = 0, i;
    const json_t *c;
    json_array_foreach(comps, i, c) {
        licensed += json_is_string(json_object_get(c, "license"));
        CHECK(json_is_true(json_object_get(c, "known")));
    }
    CHECK_INT(licensed, want_l);
    CHECK_STR(json_string_value(json_object_get(json_object_get(m, "framework"), "name")),
              "Model Openness Framework");
    CHECK_STR(json_string_value(json_object_get(json_object_get(m, "framework"), "version")),
              "1.0");
    rt_free(&r);
}

/* The compiled-in table against the tool's component list. */
static void check_settings(const char *dir)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/mof-config/mof.settings.yml", dir);
    rt r;
    FILE *fp = fopen(path, "rb");
    CHECK(fp != NULL);
    if (!fp)
        return;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    trop_yaml_opts o;
    trop_yaml_error e;
    json_t *doc;
    tro_ctx *ctx;
    CHECK_INT(tro_ctx_new(&ctx, NULL, NULL), 0);
    trop_yaml_opts_init(&o, ctx);
    CHECK_INT(trop_yaml_to_json(buf, n, &o, &doc, &e), 0);
    const json_t *list = json_object_get(doc, "components");
    CHECK_INT(json_array_size(list), TROP_MOF_COMPONENT_COUNT);
    size_t i;
    const json_t *c;
    json_array_foreach(list, i, c) {
        const char *name = json_string_value(json_object_get(c, "name"));
        const trop_mof_component *t = name ? trop_mof_component_find(name, strlen(name)) : NULL;
        CHECK(t != NULL);
        if (!t) {
            fprintf(stderr, "  component '%s' missing from the table\n", name);
            continue;
        }
        CHECK_INT(t->id, json_integer_value(json_object_get(c, "id")));
        CHECK_INT(t->mof_class, json_integer_value(json_object_get(c, "class")));
        CHECK_INT(t->required, json_is_true(json_object_get(c, "required")));
        CHECK_STR(trop_mof_content_name(t->content),
                  json_string_value(json_object_get(c, "content_type")));
    }
    json_decref(doc);
    tro_ctx_free(ctx);
    (void)r;
}

TRO_TEST(mof_corpus)
{
    char dir[4096], path[4200];
    if (!rt_corpus(dir, sizeof dir))
        TRO_SKIP("no shared corpus (set TRO_CORPUS)");
    snprintf(path, sizeof path, "%s/mof-testdata", dir);
    DIR *d = opendir(path);
    if (!d) {
        TRO_SKIP("no mof-testdata");
    }
    struct dirent *ent;
    int files = 0;
    while ((ent = readdir(d))) {
        size_t l = strlen(ent->d_name);
        if (l < 5 || strcmp(ent->d_name + l - 4, ".yml") != 0)
            continue;
        check_file(dir, ent->d_name);
        files++;
    }
    closedir(d);
    CHECK_INT(files, 27);
    check_settings(dir);
    printf("test_mof_corpus: %d files\n", files);
}

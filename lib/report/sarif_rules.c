/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The SARIF rule catalogue: one reportingDescriptor per criterion, per
 * finding code seen in the report, and one for release-gate failures. */
#include "sarif.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What each criterion asks, and what to do when it is not met. */
static const struct {
    const char *id, *name, *title, *full, *help;
} criteria[] = {
    {"criterion/use_freedom", "UseFreedom", "Use freedom",
     "Anyone may use, study, modify and share the model for any purpose: the weights are under a "
     "free licence, with no use-based restrictions, acceptable-use policy, user cap, "
     "non-commercial or research-only terms.",
     "Publish the weights under a free licence such as Apache-2.0 or MIT, declare it in the "
     "model card, and ship the licence text. Base models must allow it too."},
    {"criterion/method_transparency", "MethodTransparency", "Method transparency",
     "The way the model was trained is public: the training code, and a paper, technical report "
     "or written training procedure.",
     "Link the training code repository and a paper or technical report from the model card, "
     "or describe the training procedure in it."},
    {"criterion/data_access", "DataAccess", "Data access",
     "The training data is available under a free licence that permits training and sharing: "
     "free data licences (CC0, CC BY, ODbL, CDLA) or free software licences.",
     "Name every training dataset in the model card (datasets:) and publish them under a free "
     "licence, with their licence declared."},
};

int trop_sarif_rules_init(trop_sarif_rules *r)
{
    r->list = json_array();
    r->index = json_object();
    return r->list && r->index ? 0 : TRO_ENOMEM;
}

void trop_sarif_rules_clear(trop_sarif_rules *r)
{
    json_decref(r->list);
    json_decref(r->index);
    r->list = r->index = NULL;
}

int trop_sarif_rule_index(const trop_sarif_rules *r, const char *id)
{
    const json_t *v = json_object_get(r->index, id);
    return v ? (int)json_integer_value(v) : -1;
}

static int add_rule(trop_sarif_rules *r, const char *id, const char *name, const char *title,
                    const char *full, const char *help, const char *level, json_t *props)
{
    json_t *rule =
        json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:o}", "id", id, "name", name,
                  "shortDescription", "text", title, "fullDescription", "text", full, "help",
                  "text", help, "defaultConfiguration", "level", level, "properties", props);
    if (!rule)
        return TRO_ENOMEM;
    size_t at = json_array_size(r->list);
    if (json_array_append_new(r->list, rule) ||
        json_object_set_new(r->index, id, json_integer((json_int_t)at)))
        return TRO_ENOMEM;
    return 0;
}

int trop_sarif_add_criteria_rules(trop_sarif_rules *r)
{
    for (size_t i = 0; i < sizeof criteria / sizeof *criteria; i++) {
        json_t *props = json_pack("{s:[s,s]}", "tags", "openness", "criterion");
        int rc = props ? add_rule(r, criteria[i].id, criteria[i].name, criteria[i].title,
                                  criteria[i].full, criteria[i].help, "error", props)
                       : TRO_ENOMEM;
        if (rc)
            return rc;
    }
    return 0;
}

/* "pickle-dangerous-global" -> name "PickleDangerousGlobal", title
 * "Pickle dangerous global". */
static int code_words(const char *code, char **name, char **title)
{
    size_t n = strlen(code);
    *name = malloc(n + 1);
    *title = malloc(n + 1);
    if (!*name || !*title)
        return TRO_ENOMEM;
    size_t k = 0;
    bool start = true;
    for (size_t i = 0; i < n; i++) {
        char c = code[i];
        bool letter = c >= 'a' && c <= 'z';
        (*title)[i] = c == '-' ? ' ' : (i == 0 && letter) ? (char)(c - 'a' + 'A') : c;
        if (c == '-') {
            start = true;
            continue;
        }
        (*name)[k++] = start && letter ? (char)(c - 'a' + 'A') : c;
        start = false;
    }
    (*name)[k] = '\0';
    (*title)[n] = '\0';
    return 0;
}

int trop_sarif_add_code_rule(trop_sarif_rules *r, const char *code, const char *level)
{
    char *name = NULL, *title = NULL, *full = NULL;
    int rc = code_words(code, &name, &title);
    if (!rc) {
        full = trop_asprintf("trulyopen reports \"%s\" about what it found while reading the "
                             "release's artifacts.",
                             code);
        json_t *props = json_pack("{s:[s]}", "tags", "trulyopen-finding");
        rc = full && props
                 ? add_rule(r, code, *name ? name : "Finding", *title ? title : code, full,
                            "Each result's message names the artifact and, where it "
                            "applies, the byte offset of the problem.",
                            level, props)
                 : TRO_ENOMEM;
        if (!full)
            json_decref(props);
    }
    free(name);
    free(title);
    free(full);
    return rc;
}

int trop_sarif_add_policy_rule(trop_sarif_rules *r)
{
    json_t *props = json_pack("{s:[s]}", "tags", "release-gate");
    return props ? add_rule(r, "policy", "ReleaseGate", "Release gate",
                            "The release does not meet the policy trulyopen applied to it (a "
                            "release gate: required statuses, licences, MOF class, findings).",
                            "Each result names one requirement of the policy that the release "
                            "does not meet.",
                            "error", props)
                 : TRO_ENOMEM;
}

const char *trop_sarif_level(const char *severity)
{
    if (severity && !strcmp(severity, "error"))
        return "error";
    if (severity && !strcmp(severity, "info"))
        return "note";
    return "warning";
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The Model Openness Framework's 17 components (see mof.h). */
#include "../facts.h"

#include <string.h>

static const trop_mof_component table[TROP_MOF_COMPONENT_COUNT] = {
    /* Class III, Open Model */
    {"Model architecture", 9, 3, TROP_MOF_CODE, true},
    {"Model parameters (Final)", 10, 3, TROP_MOF_DATA, true},
    {"Evaluation results", 12, 3, TROP_MOF_DOCUMENT, true},
    {"Model card", 13, 3, TROP_MOF_DOCUMENT, true},
    {"Data card", 14, 3, TROP_MOF_DOCUMENT, true},
    {"Technical report", 11, 3, TROP_MOF_DOCUMENT, true},
    {"Sample model outputs", 20, 3, TROP_MOF_DOCUMENT, false},
    /* Class II, Open Tooling Model */
    {"Training code", 7, 2, TROP_MOF_CODE, true},
    {"Inference code", 8, 2, TROP_MOF_CODE, true},
    {"Evaluation code", 18, 2, TROP_MOF_CODE, true},
    {"Evaluation data", 19, 2, TROP_MOF_DATA, true},
    {"Supporting libraries and tools", 22, 2, TROP_MOF_CODE, false},
    /* Class I, Open Science Model */
    {"Datasets", 15, 1, TROP_MOF_DATA, true},
    {"Data preprocessing code", 16, 1, TROP_MOF_CODE, true},
    {"Model parameters (Intermediate)", 24, 1, TROP_MOF_DATA, true},
    {"Research paper", 21, 1, TROP_MOF_DOCUMENT, true},
    {"Model metadata", 17, 1, TROP_MOF_DATA, false},
};

const trop_mof_component *trop_mof_components(void)
{
    return table;
}

const trop_mof_component *trop_mof_component_find(const char *name, size_t len)
{
    for (size_t i = 0; i < TROP_MOF_COMPONENT_COUNT; i++)
        if (strlen(table[i].name) == len && memcmp(table[i].name, name, len) == 0)
            return &table[i];
    return NULL;
}

const char *trop_mof_content_name(trop_mof_content c)
{
    switch (c) {
    case TROP_MOF_CODE: return "code";
    case TROP_MOF_DATA: return "data";
    default: return "document";
    }
}

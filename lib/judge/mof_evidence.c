/*
 * The Model Openness Framework components a release's evidence shows, for
 * releases without a MOF release file (no class is claimed from them). Only
 * what the artifacts show is listed: a config.json alone is not "Model
 * architecture" (the MOF means the code of the architecture), so that needs
 * modelling code shipped in the release.
 */
#include "judge.h"

#include "../read/mof.h"

#include <string.h>
#include <strings.h>

static bool weights_path(const char *p)
{
    static const char *const ext[] = {".safetensors", ".gguf", ".bin", ".pt", ".pth", ".ckpt"};
    for (size_t i = 0; i < sizeof ext / sizeof *ext; i++)
        if (trop_str_iendswith(p, ext[i]))
            return true;
    return false;
}

static bool has_weights(const tro_release *rel)
{
    for (size_t i = 0; i < rel->n; i++) {
        const tro_artifact *a = rel->arts[i];
        if (a->type == TRO_TYPE_SAFETENSORS || a->type == TRO_TYPE_GGUF ||
            a->type == TRO_TYPE_PYTORCH ||
            (a->type == TRO_TYPE_LFS_POINTER && weights_path(a->path)))
            return true;
    }
    return false;
}

/* Modelling code: modeling_*.py / modelling_*.py files. */
static bool has_model_code(const tro_release *rel)
{
    for (size_t i = 0; i < rel->n; i++) {
        const char *p = rel->arts[i]->path, *b = strrchr(p, '/');
        b = b ? b + 1 : p;
        if ((!strncasecmp(b, "modeling_", 9) || !strncasecmp(b, "modelling_", 10)) &&
            trop_str_iendswith(b, ".py"))
            return true;
    }
    return false;
}

/* model-index in the front matter, or an evaluation section with a table. */
static bool has_evaluation(const tro_artifact *card)
{
    if (!card)
        return false;
    if (json_object_get(json_object_get(card->meta, "front_matter"), "model-index"))
        return true;
    const trop_card_body *b = trop_card_body_of(card);
    for (size_t i = 0; b && i < b->nsecs; i++) {
        const char *t = b->secs[i].title;
        if (b->secs[i].has_table &&
            (strcasestr(t, "evaluat") || strcasestr(t, "result") || strcasestr(t, "benchmark")))
            return true;
    }
    return false;
}

int trop_judge_mof_evidence(trop_judgement *jd)
{
    const trop_mof_component *all = trop_mof_components();
    for (size_t i = 0; i < TROP_MOF_COMPONENT_COUNT; i++) {
        const char *n = all[i].name;
        bool shown = false;
        if (!strcmp(n, "Model card"))
            shown = jd->card && !jd->dataset;
        else if (!strcmp(n, "Model parameters (Final)"))
            shown = has_weights(jd->rel);
        else if (!strcmp(n, "Model architecture"))
            shown = has_model_code(jd->rel);
        else if (!strcmp(n, "Training code"))
            shown = jd->has_code;
        else if (!strcmp(n, "Research paper"))
            shown = jd->has_paper;
        else if (!strcmp(n, "Datasets"))
            shown = jd->has_datasets;
        else if (!strcmp(n, "Data card"))
            shown = jd->has_data_card;
        else if (!strcmp(n, "Evaluation results"))
            shown = has_evaluation(jd->card);
        if (shown && json_array_append_new(jd->mof_evidence, json_string(n)))
            return TRO_ENOMEM;
    }
    return 0;
}

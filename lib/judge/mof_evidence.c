/*
 * The Model Openness Framework components a release's evidence shows, for
 * releases without a MOF release file (no class is claimed from them). Only
 * what the artifacts show is listed: a config.json alone is not "Model
 * architecture" (the MOF means the code of the architecture), so that needs
 * modelling code shipped in the release.
 */
#include "judge.h"

#include <string.h>
#include <strings.h>

static bool weights_path(const char *p)
{
    static const char *const ext[] = {".safetensors", ".gguf", ".bin",  ".pt",
                                      ".pth",         ".ckpt", ".keras"};
    for (size_t i = 0; i < sizeof ext / sizeof *ext; i++)
        if (trop_str_iendswith(p, ext[i]))
            return true;
    return false;
}

static bool has_weights(const tro_release *rel)
{
    for (size_t i = 0; i < rel->n; i++) {
        const tro_artifact *a = rel->arts[i];
        if (trop_holds_weights(a) || (a->type == TRO_TYPE_LFS_POINTER && weights_path(a->path)))
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
    const trop_card_facts *c = trop_card_facts_of(card);
    if (!c)
        return false;
    if (c->keys & TROP_FM_MODEL_INDEX)
        return true;
    const trop_card_body *b = c->body;
    for (size_t i = 0; b && i < b->nsecs; i++) {
        const char *t = b->secs[i].title;
        if (b->secs[i].has_table &&
            (strcasestr(t, "evaluat") || strcasestr(t, "result") || strcasestr(t, "benchmark")))
            return true;
    }
    return false;
}

/* Bit i of the components (trop_mof_components() order) named name. */
static uint32_t component_bit(const char *name)
{
    const trop_mof_component *all = trop_mof_components();
    for (size_t i = 0; i < TROP_MOF_COMPONENT_COUNT; i++)
        if (!strcmp(all[i].name, name))
            return (uint32_t)1 << i;
    return 0;
}

int trop_judge_mof_evidence(trop_judgement *jd)
{
    /* names looked up only for what is shown: a few per release */
    const struct {
        const char *name;
        bool shown;
    } what[] = {{"Model card", jd->card && !jd->dataset},
                {"Model parameters (Final)", has_weights(jd->rel)},
                {"Model architecture", has_model_code(jd->rel)},
                {"Training code", jd->has_code},
                {"Research paper", jd->has_paper},
                {"Datasets", jd->has_datasets},
                {"Data card", jd->has_data_card},
                {"Evaluation results", has_evaluation(jd->card)}};
    jd->mof.shown = 0;
    for (size_t i = 0; i < sizeof what / sizeof *what; i++)
        if (what[i].shown)
            jd->mof.shown |= component_bit(what[i].name);
    return 0;
}

size_t trop_mof_shown_names(uint32_t shown, const char *names[32])
{
    const trop_mof_component *all = trop_mof_components();
    size_t n = 0;
    for (size_t i = 0; i < TROP_MOF_COMPONENT_COUNT; i++)
        if (shown >> i & 1)
            names[n++] = all[i].name;
    return n;
}

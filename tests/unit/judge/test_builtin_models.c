/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The built-in table of base model families (data/base-models.tsv): the
 * licence found for official ids, mirrors and re-uploads by other
 * organisations, and the exceptions that must win over a general rule. */
#include "internal.h"
#include "judge.h"
#include "test.h"

typedef struct probe {
    const char *id;
    const char *license; /* NULL: not in the table */
} probe;

static const probe probes[] = {
    /* LLaMA 1 and its early derivatives: research only */
    {"decapoda-research/llama-7b-hf", "LicenseRef-trulyopen-llama-1"},
    {"huggyllama/llama-13b", "LicenseRef-trulyopen-llama-1"},
    {"tloen/alpaca-lora-7b", "LicenseRef-trulyopen-llama-1"},
    {"lmsys/vicuna-13b-v1.3", "LicenseRef-trulyopen-llama-1"},
    {"lmsys/vicuna-7b-v1.5", "llama2"},
    /* Llama mirrors under other organisations */
    {"NousResearch/Meta-Llama-3-8B", "llama3"},
    {"NousResearch/Meta-Llama-3.1-8B", "llama3.1"},
    {"NousResearch/Llama-2-7b-hf", "llama2"},
    {"TheBloke/Llama-2-7B-Chat-GGUF", "llama2"},
    {"TheBloke/Llama-2-13B-GPTQ", "llama2"},
    {"MaziyarPanahi/Meta-Llama-3-8B-Instruct-GGUF", "llama3"},
    {"unsloth/llama-3-8b-bnb-4bit", "llama3"},
    {"unsloth/Llama-3.2-1B-Instruct", "llama3.2"},
    {"allenai/Llama-3.1-Tulu-3-8B", "llama3.1"},
    {"princeton-nlp/Sheared-LLaMA-1.3B", "llama2"},
    {"allenai/tulu-2-dpo-70b", "LicenseRef-trulyopen-ai2-impact-lr AND llama2"},
    /* Gemma, Falcon, Mistral re-uploads */
    {"unsloth/gemma-2-9b-bnb-4bit", "gemma"},
    {"TheBloke/Falcon-180B-Chat-GGUF", "LicenseRef-trulyopen-falcon-180b"},
    {"bartowski/Mistral-Small-Instruct-2409-GGUF", "LicenseRef-trulyopen-mistral-mrl-0.1"},
    {"mistralai/Mistral-Small-24B-Instruct-2501", "apache-2.0"},
    {"unsloth/mistral-7b-v0.3", "apache-2.0"},
    /* exceptions before the general rule */
    {"Qwen/Qwen2.5-3B", "LicenseRef-trulyopen-qwen-research"},
    {"Qwen/Qwen2.5-32B", "apache-2.0"},
    {"Qwen/Qwen2.5-Coder-3B-Instruct", "LicenseRef-trulyopen-qwen-research"},
    {"Qwen/Qwen2.5-Coder-32B-Instruct", "apache-2.0"},
    {"unsloth/Qwen2.5-72B-Instruct", "LicenseRef-trulyopen-qwen"},
    {"deepseek-ai/DeepSeek-R1-Distill-Llama-8B", "llama3.1"},
    {"deepseek-ai/DeepSeek-R1-Distill-Qwen-7B", "mit"},
    {"deepseek-ai/DeepSeek-V3", "deepseek"},
    {"deepseek-ai/DeepSeek-V3-0324", "mit"},
    {"THUDM/GLM-4-9B-0414", "mit"},
    {"THUDM/glm-4-9b-chat", "LicenseRef-trulyopen-glm-4"},
    {"mosaicml/mpt-7b-chat", "cc-by-nc-sa-4.0"},
    {"mosaicml/mpt-7b", "apache-2.0"},
    {"tiiuae/falcon-rw-1b", "apache-2.0"},
    {"tiiuae/Falcon3-7B-Base", "LicenseRef-trulyopen-falcon"},
    {"microsoft/Orca-2-7b", "LicenseRef-trulyopen-microsoft-research"},
    {"stabilityai/stablelm-2-1_6b", "LicenseRef-trulyopen-stability-community"},
    {"baichuan-inc/Baichuan2-7B-Chat", "LicenseRef-trulyopen-baichuan-2"},
    /* look-alike names under other organisations are not the family */
    {"TinyLlama/TinyLlama-1.1B-Chat-v1.0", "apache-2.0"},
    {"someone/llama-2-clone", NULL},
    {"someone/Meta-Llama-3-8B", NULL},
    {"someone/Mistral-7B-finetune", NULL},
    {"someone/olmo-7b-copy", NULL},
    {"internlm/internlm-7b", NULL},
    {"", NULL},
};

TRO_TEST(builtin_models)
{
    for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
        const trop_builtin_model *m = trop_builtin_find(probes[i].id);
        if (!probes[i].license) {
            if (m)
                fprintf(stderr, "%s: found %s, expected none\n", probes[i].id, m->license);
            CHECK(m == NULL);
            continue;
        }
        CHECK(m != NULL);
        if (m)
            CHECK_STR(m->license, probes[i].license);
    }
    CHECK(trop_builtin_find(NULL) == NULL);
}

/* Built-in knowledge of base model families (data/base-models.tsv). */
#include "judge.h"

#include <fnmatch.h>

const trop_builtin_model *trop_builtin_find(const char *id)
{
    if (!id)
        return NULL;
    for (size_t i = 0; i < trop_builtin_model_count; i++)
        if (fnmatch(trop_builtin_models[i].pattern, id, FNM_CASEFOLD) == 0)
            return &trop_builtin_models[i];
    return NULL;
}

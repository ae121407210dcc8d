/* Built-in knowledge of base model families (data/base-models.tsv). */
#include "judge.h"

#include <fnmatch.h>
#include <stdbool.h>

const trop_builtin_model *trop_builtin_find(const char *id)
{
    if (!id)
        return NULL;
    for (size_t i = 0; i < trop_builtin_model_count; i++)
        if (fnmatch(trop_builtin_models[i].pattern, id, FNM_CASEFOLD) == 0)
            return &trop_builtin_models[i];
    return NULL;
}

/* Does the text at s[0..n) start with the folded name, word for word? The
 * bytes it takes go to *used. */
static bool name_at(const char *s, size_t n, const char *name, size_t *used)
{
    size_t i = 0;
    for (const char *p = name; *p; p++) {
        if (*p == ' ') {
            size_t start = i;
            while (i < n && (s[i] == ' ' || s[i] == '-' || s[i] == '_'))
                i++;
            if (i == start)
                return false;
            continue;
        }
        char c = i < n ? s[i] : '\0';
        if ((c >= 'A' && c <= 'Z' ? c | 0x20 : c) != *p)
            return false;
        i++;
    }
    /* whole words: no letter or digit goes on, nor a version ("Llama 2.5") */
    if (i < n && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
        return false;
    if (i < n && s[i] >= '0' && s[i] <= '9')
        return false;
    if (i + 1 < n && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9')
        return false;
    *used = i;
    return true;
}

const trop_builtin_name *trop_builtin_name_at(const char *s, size_t n, size_t *used)
{
    const trop_builtin_name *best = NULL;
    size_t best_len = 0;
    unsigned char c = n ? (unsigned char)s[0] : 0;
    if (c >= 'A' && c <= 'Z')
        c |= 0x20;
    if (c >= 128)
        return NULL;
    for (size_t i = trop_builtin_name_first[c]; i < trop_builtin_name_first[c + 1]; i++) {
        size_t u;
        if (name_at(s, n, trop_builtin_names[i].name, &u) && u > best_len) {
            best = &trop_builtin_names[i];
            best_len = u;
        }
    }
    if (best)
        *used = best_len;
    return best;
}

int trop_builtin_family_data(const char *id)
{
    const trop_builtin_model *m = trop_builtin_find(id);
    if (!m)
        return -1;
    int row = (int)(m - trop_builtin_models);
    for (size_t i = 0; i < trop_builtin_name_count; i++)
        if (trop_builtin_names[i].row == row)
            return trop_builtin_names[i].data;
    return -1;
}

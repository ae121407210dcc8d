/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The name and URL normalisers, names by their words, and the Hugging Face
 * classifier: the input is split at the first two newlines into license,
 * license_name, license_link. */
#include "fuzz.h"

#include "license.h"

#include <string.h>

TROF_ENTRY(license_name)
{
    char key[TROP_NAME_KEY_MAX], url[512];
    int k = trop_name_key((const char *)data, size, key);
    if (k > 0 && (size_t)k != strlen(key))
        abort();
    (void)trop_name_find((const char *)data, size);
    (void)trop_name_find_words((const char *)data, size);
    (void)trop_url_normalise((const char *)data, size, url, sizeof url);
    (void)trop_url_find((const char *)data, size);
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char *name = strchr(text, '\n'), *link = NULL;
    if (name) {
        *name++ = '\0';
        if ((link = strchr(name, '\n')) != NULL)
            *link++ = '\0';
    }
    tro_license_result *r = NULL;
    if (tro_license_classify_hf(text, name, link, &r, NULL) == 0) {
        if (!tro_license_result_expression(r))
            abort();
        tro_license_result_free(r);
    }
    free(text);
    return 0;
}

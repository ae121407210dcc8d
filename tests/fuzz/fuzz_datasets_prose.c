/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The dataset names of the built-in table found in prose: matches lie in
 * the text, in order, without overlap, each one a whole name of its row;
 * resuming after a full buffer finds the same matches. The input is also
 * looked up as a Hub id. */
#include "fuzz.h"

#include "builtin.h"

#include <string.h>

#define MAX 16

TROF_ENTRY(datasets_prose)
{
    const char *text = (const char *)data;
    trop_ds_match m[MAX], few[2];
    size_t n = trop_builtin_datasets_in(text, size, m, MAX);
    if (n > MAX)
        abort();
    size_t end = 0;
    for (size_t i = 0; i < n; i++) {
        if (!m[i].ds || m[i].len == 0 || m[i].offset < end || m[i].offset + m[i].len > size)
            abort();
        end = m[i].offset + m[i].len;
    }
    /* The same matches come back two at a time. */
    size_t from = 0, k = 0;
    for (;;) {
        size_t got = trop_builtin_datasets_in(text + from, size - from, few, 2);
        for (size_t i = 0; i < got && k < n; i++, k++)
            if (few[i].ds != m[k].ds || from + few[i].offset != m[k].offset ||
                few[i].len != m[k].len)
                abort();
        if (got < 2 || k >= n)
            break;
        from += few[got - 1].offset + few[got - 1].len;
    }
    if (k != n && n < MAX)
        abort();
    char *id = malloc(size + 1);
    if (!id)
        return 0;
    memcpy(id, data, size);
    id[size] = '\0';
    const trop_builtin_dataset *d = trop_builtin_dataset_find(id);
    if (d && !d->label)
        abort();
    free(id);
    return 0;
}

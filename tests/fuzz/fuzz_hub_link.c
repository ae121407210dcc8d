/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The Link header parser (lib/hub/link.c) on arbitrary bytes: a target it
 * returns is non-empty, bounded and holds no NUL. */
#include "fuzz.h"
#include "hub.h"

#include <string.h>

TROF_ENTRY(hub_link)
{
    char *next = NULL;
    int rc = trop_link_next((const char *)data, size, &next);
    if (rc == 1 && (!next || !*next || strlen(next) > 8192 || strlen(next) > size))
        abort();
    if (rc == 0 && next)
        abort();
    free(next);
    return 0;
}

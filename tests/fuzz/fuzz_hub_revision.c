/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The Hub's revision API answer (lib/hub/api.c) on arbitrary bytes. */
#include "fuzz.h"
#include "hub.h"

#include <string.h>

TROF_ENTRY(hub_revision)
{
    trop_hub_revision r;
    char why[256];
    if (trop_hub_parse_revision((const char *)data, size, 1000, &r, why, sizeof why) == 0) {
        if (strlen(r.sha) != 40 || strspn(r.sha, "0123456789abcdef") != 40)
            abort();
        for (size_t i = 0; i < r.nsiblings; i++)
            if (trop_path_problem(r.siblings[i]))
                abort();
        trop_hub_revision_clear(&r);
    }
    return 0;
}

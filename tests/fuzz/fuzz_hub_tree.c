/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The Hub's tree API answer (lib/hub/api.c) on arbitrary bytes: what is
 * kept is checked, and written back for the cache, read again the same. */
#include "fuzz.h"
#include "hub.h"

#include <string.h>

TROF_ENTRY(hub_tree)
{
    trop_hub_tree t = {0}, again = {0};
    char why[256];
    if (trop_hub_parse_tree((const char *)data, size, 1000, &t, why, sizeof why) == 0) {
        char *json;
        size_t len;
        for (size_t i = 0; i < t.n; i++)
            if (trop_path_problem(t.v[i].path) || (t.v[i].lfs && t.v[i].lfs_size != t.v[i].size))
                abort();
        if (trop_hub_tree_json(&t, &json, &len) == 0) {
            if (trop_hub_parse_tree(json, len, 1000, &again, why, sizeof why) || again.n != t.n)
                abort();
            for (size_t i = 0; i < t.n; i++)
                if (strcmp(t.v[i].path, again.v[i].path) || t.v[i].size != again.v[i].size ||
                    strcmp(t.v[i].lfs_sha256, again.v[i].lfs_sha256))
                    abort();
            free(json);
        }
    }
    trop_hub_tree_clear(&t);
    trop_hub_tree_clear(&again);
    return 0;
}

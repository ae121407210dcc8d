/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* "Open" as the Model Openness Tool decides it, from the licence table. */
#include "judge.h"

#include <string.h>

bool trop_mof_license_open(const char *id, void *userdata)
{
    (void)userdata;
    const char *canonical = NULL;
    unsigned int flags = 0;
    if (!id || tro_license_lookup(id, &canonical, NULL, NULL, &flags) != TRO_OK)
        return false;
    /* The tool compares ids exactly: "apache-2.0" or "Apache 2.0" is not open
     * to it, however clear the intent. */
    return strcmp(canonical, id) == 0 && (flags & TRO_LICENSE_MOF_OPEN);
}

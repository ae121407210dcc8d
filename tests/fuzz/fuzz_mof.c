/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The MOF release reader on arbitrary bytes. */
#include "fuzz.h"

TROF_ENTRY(mof)
{
    return trof_run_reader(TRO_TYPE_MOF, "mof.yml", data, size);
}

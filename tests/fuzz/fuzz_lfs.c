/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The Git LFS pointer reader on arbitrary bytes. */
#include "fuzz.h"

TROF_ENTRY(lfs)
{
    return trof_run_reader(TRO_TYPE_LFS_POINTER, "model.safetensors", data, size);
}

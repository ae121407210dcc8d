/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The license file reader on arbitrary bytes. */
#include "fuzz.h"

TROF_ENTRY(license_file)
{
    return trof_run_reader(TRO_TYPE_LICENSE, "LICENSE", data, size);
}

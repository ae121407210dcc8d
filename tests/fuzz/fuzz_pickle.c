/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The raw pickle reader (TRO_TYPE_PICKLE): opcode scanner, memo and stack
 * simulation, legacy torch streams. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return trof_run_reader(TRO_TYPE_PICKLE, "fuzz.pkl", data, size);
}

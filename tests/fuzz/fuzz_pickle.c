/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The raw pickle reader (TRO_TYPE_PICKLE): opcode scanner, memo and stack
 * simulation, frames and their second reading, legacy torch streams; and
 * the protocol 0/1 sniff that finds pickles by content. */
#include "fuzz.h"

TROF_ENTRY(pickle)
{
    (void)trop_pkl_sniff(data, size, size);
    return trof_run_reader(TRO_TYPE_PICKLE, "fuzz.pkl", data, size);
}

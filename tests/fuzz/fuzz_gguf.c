/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The gguf reader on arbitrary bytes, whole and as a streamed prefix. */
#include "fuzz_weights.h"

TROF_ENTRY(gguf)
{
    return trof_run_both(TRO_TYPE_GGUF, "model.gguf", data, size);
}

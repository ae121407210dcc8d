/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The Keras reader (TRO_TYPE_KERAS) on arbitrary bytes, whole and as a
 * streamed prefix: the zip walk and the check of config.json. */
#include "fuzz_weights.h"

TROF_ENTRY(keras)
{
    return trof_run_both(TRO_TYPE_KERAS, "model.keras", data, size);
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The SavedModel reader (TRO_TYPE_SAVED_MODEL) on arbitrary bytes: the
 * protobuf walker over saved_model.pb (graph and function ops) or, when
 * the first byte is odd, keras_metadata.pb (layer configurations). */
#include "fuzz_weights.h"

TROF_ENTRY(saved_model)
{
    if (size < 1)
        return 0;
    const char *name = data[0] & 1 ? "m/keras_metadata.pb" : "m/saved_model.pb";
    return trof_run_both(TRO_TYPE_SAVED_MODEL, name, data + 1, size - 1);
}

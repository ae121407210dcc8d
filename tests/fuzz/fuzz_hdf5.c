/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The HDF5 reader (TRO_TYPE_HDF5) on arbitrary bytes, whole and as a
 * streamed prefix: superblocks, object headers and their continuations,
 * attribute messages, global heap collections, and the Keras model_config
 * check. */
#include "fuzz_weights.h"

TROF_ENTRY(hdf5)
{
    return trof_run_both(TRO_TYPE_HDF5, "model.h5", data, size);
}

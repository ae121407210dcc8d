/* The HDF5 reader (TRO_TYPE_HDF5) on arbitrary bytes, whole and as a
 * streamed prefix: superblocks, object headers and their continuations,
 * attribute messages, global heap collections, and the Keras model_config
 * check. */
#include "fuzz_weights.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return trof_run_both(TRO_TYPE_HDF5, "model.h5", data, size);
}

/* The PyTorch checkpoint reader (TRO_TYPE_PYTORCH): zip and legacy tar
 * walks through libarchive, and the pickles inside. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return trof_run_reader(TRO_TYPE_PYTORCH, "fuzz.bin", data, size);
}

/* The card reader (front matter + Markdown) on arbitrary bytes. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return trof_run_reader(TRO_TYPE_MODEL_CARD, "README.md", data, size);
}

/* The card reader (front matter + Markdown) on arbitrary bytes, as a model
 * card named README.md or as other Markdown (chosen by the size's parity,
 * so that seed inputs keep their meaning). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size & 1)
        return trof_run_reader(TRO_TYPE_MARKDOWN, "docs/notes.md", data, size);
    return trof_run_reader(TRO_TYPE_MODEL_CARD, "README.md", data, size);
}

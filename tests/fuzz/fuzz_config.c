/* The config reader on arbitrary bytes, whole and as a streamed prefix. */
#include "fuzz_weights.h"

TROF_ENTRY(config)
{
    return trof_run_both(TRO_TYPE_CONFIG, "config.json", data, size);
}

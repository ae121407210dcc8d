/* Which reader parses which artifact type. */
#include "internal.h"
#include "readers.h"

trop_reader_fn trop_reader_for(tro_type type)
{
    switch (type) {
    case TRO_TYPE_PICKLE:
        return trop_read_pickle;
    case TRO_TYPE_PYTORCH:
        return trop_read_pytorch;
    default:
        return NULL;
    }
}

int trop_release_crosscheck(tro_release *rel)
{
    (void)rel;
    return TRO_OK;
}

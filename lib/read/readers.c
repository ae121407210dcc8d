/* Which reader parses which artifact type. */
#include "internal.h"
#include "readers.h"

trop_reader_fn trop_reader_for(tro_type type)
{
    switch (type) {
    case TRO_TYPE_LFS_POINTER:
        return trop_read_lfs;
    default:
        return NULL;
    }
}

int trop_release_crosscheck(tro_release *rel)
{
    (void)rel;
    return TRO_OK;
}

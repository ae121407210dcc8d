/* Which reader parses which artifact type. */
#include "internal.h"
#include "readers.h"

trop_reader_fn trop_reader_for(tro_type type)
{
    switch (type) {
    case TRO_TYPE_LFS_POINTER:
        return trop_read_lfs;
    case TRO_TYPE_MODEL_CARD:
    case TRO_TYPE_MARKDOWN:
        return trop_read_card;
    case TRO_TYPE_MOF:
        return trop_read_mof;
    case TRO_TYPE_LICENSE:
        return trop_read_license_file;
    default:
        return NULL;
    }
}

int trop_release_crosscheck(tro_release *rel)
{
    (void)rel;
    return TRO_OK;
}

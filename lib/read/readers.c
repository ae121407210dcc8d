/* Which reader parses which artifact type. */
#include "internal.h"
#include "readers.h"

trop_reader_fn trop_reader_for(tro_type type)
{
    switch (type) {
    default:
        return NULL;
    }
}

int trop_release_crosscheck(tro_release *rel)
{
    (void)rel;
    return TRO_OK;
}

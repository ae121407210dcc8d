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
    case TRO_TYPE_SAFETENSORS:
        return trop_read_safetensors;
    case TRO_TYPE_SAFETENSORS_INDEX:
    case TRO_TYPE_PYTORCH_INDEX:
        return trop_read_shard_index;
    case TRO_TYPE_GGUF:
        return trop_read_gguf;
    case TRO_TYPE_CONFIG:
        return trop_read_config;
    case TRO_TYPE_CROISSANT:
        return trop_read_croissant;
    case TRO_TYPE_DATAPACKAGE:
        return trop_read_datapackage;
    case TRO_TYPE_PICKLE:
        return trop_read_pickle;
    case TRO_TYPE_PYTORCH:
        return trop_read_pytorch;
    case TRO_TYPE_NUMPY:
        return trop_read_numpy;
    case TRO_TYPE_KERAS:
        return trop_read_keras;
    case TRO_TYPE_HDF5:
        return trop_read_hdf5;
    case TRO_TYPE_SAVED_MODEL:
        return trop_read_saved_model;
    default:
        return NULL;
    }
}

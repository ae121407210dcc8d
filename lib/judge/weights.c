/*
 * Which artifacts hold a model's weights: the one list the rules use that
 * ask whether a release ships a model (mof_evidence.c) and whether it only
 * repackages one (lineage.c). NumPy files are not in it: .npy and .npz hold
 * data as often as parameters. An HDF5 file is weights when it holds a
 * Keras model (a model_config on its root group); other HDF5 files are data.
 */
#include "judge.h"

static const bool weights_type[TRO_TYPE__COUNT] = {
    [TRO_TYPE_SAFETENSORS] = true, [TRO_TYPE_GGUF] = true,        [TRO_TYPE_PYTORCH] = true,
    [TRO_TYPE_KERAS] = true,       [TRO_TYPE_SAVED_MODEL] = true,
};

bool trop_holds_weights(const tro_artifact *a)
{
    if (a->type == TRO_TYPE_HDF5) {
        const trop_facts *f = trop_facts_of(a);
        return f && f->u.hdf5.keras_model;
    }
    return (unsigned)a->type < TRO_TYPE__COUNT && weights_type[a->type];
}

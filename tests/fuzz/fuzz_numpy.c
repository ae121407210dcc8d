/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The NumPy reader (TRO_TYPE_NUMPY) on arbitrary bytes, whole and as a
 * streamed prefix: .npy headers (a Python literal), object arrays' pickles,
 * .npz zips and their members, and files np.load unpickles whole. */
#include "fuzz_weights.h"

TROF_ENTRY(numpy)
{
    return trof_run_both(TRO_TYPE_NUMPY, "arrays.npy", data, size);
}

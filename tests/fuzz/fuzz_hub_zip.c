/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* What of a remote PyTorch zip its reader needs (lib/hub/zipplan.c): the
 * input is a file's last bytes (its first 8 bytes give the file's size);
 * offsets found stay inside the file. */
#include "fuzz.h"
#include "hub.h"

TROF_ENTRY(hub_zip)
{
    if (size < 8)
        return 0;
    uint64_t fsize = trop_le64(data), off, len;
    const unsigned char *tail = data + 8;
    size_t n = size - 8;
    if (fsize < n)
        fsize = n;
    if (trop_zip_locate(tail, n, fsize, &off, &len) == 1) {
        if (off > fsize || len > fsize - off)
            abort();
        if (fsize - off <= n &&
            trop_zip_pickles_end(tail + (n - (fsize - off)), (size_t)len, fsize) > fsize)
            abort();
    }
    if (trop_zip_pickles_end(tail, n, fsize) > fsize)
        abort();
    return 0;
}

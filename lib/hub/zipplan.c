/* Which bytes of a remote PyTorch zip the reader needs: the central
 * directory (found from the end-of-central-directory record in the file's
 * last bytes) and the pickles it lists. torch.save writes data.pkl first,
 * so its start up to the end of the last pickle is usually a few KiB; the
 * tensor storages in between are never fetched. The bytes come from the
 * network: every offset is checked against the file's size. */
#include "hub.h"

#include <string.h>

#define EOCD_LEN 22
#define LOC64_LEN 20
#define EOCD64_LEN 56
#define CDH_LEN 46
#define U32_MAX 0xffffffffu

int trop_zip_locate(const unsigned char *tail, size_t n, uint64_t size, uint64_t *cd_off,
                    uint64_t *cd_size)
{
    if (n < EOCD_LEN || n > size)
        return 0;
    /* the record is last, followed by a comment of at most 65535 bytes */
    size_t i = n - EOCD_LEN + 1;
    while (i-- > 0) {
        const unsigned char *p = tail + i;
        if (memcmp(p, "PK\5\6", 4) != 0 || i + EOCD_LEN + trop_le16(p + 20) != n)
            continue;
        uint64_t off = trop_le32(p + 16), len = trop_le32(p + 12);
        if ((off == U32_MAX || len == U32_MAX) && i >= LOC64_LEN &&
            !memcmp(p - LOC64_LEN, "PK\6\7", 4)) {
            uint64_t at = trop_le64(p - LOC64_LEN + 8); /* the zip64 record, in the file */
            uint64_t base = size - n;
            if (n < EOCD64_LEN || at < base || at - base > n - EOCD64_LEN ||
                memcmp(tail + (at - base), "PK\6\6", 4))
                return -1;
            len = trop_le64(tail + (at - base) + 40);
            off = trop_le64(tail + (at - base) + 48);
        }
        if (off > size || len > size - off)
            return -1;
        *cd_off = off;
        *cd_size = len;
        return 1;
    }
    return 0;
}

uint64_t trop_zip_pickles_end(const unsigned char *cd, size_t n, uint64_t size)
{
    uint64_t end = 0;
    size_t i = 0;
    while (i + CDH_LEN <= n && !memcmp(cd + i, "PK\1\2", 4)) {
        const unsigned char *p = cd + i;
        uint64_t csize = trop_le32(p + 20), usize = trop_le32(p + 24), lho = trop_le32(p + 42);
        size_t nlen = trop_le16(p + 28), xlen = trop_le16(p + 30), clen = trop_le16(p + 32);
        if (i + CDH_LEN + nlen + xlen + clen > n)
            break;
        const unsigned char *name = p + CDH_LEN, *x = name + nlen, *xend = x + xlen;
        /* zip64: the fields that overflowed, in this order */
        while (x + 4 <= xend) {
            uint16_t id = trop_le16(x), len = trop_le16(x + 2);
            const unsigned char *v = x + 4, *vend = v + len;
            if (vend > xend)
                break;
            if (id == 1) {
                if (usize == U32_MAX && v + 8 <= vend)
                    usize = trop_le64(v), v += 8;
                if (csize == U32_MAX && v + 8 <= vend)
                    csize = trop_le64(v), v += 8;
                if (lho == U32_MAX && v + 8 <= vend)
                    lho = trop_le64(v);
            }
            x = vend;
        }
        bool pickle = nlen >= 4 && !memcmp(name + nlen - 4, ".pkl", 4);
        /* the local header repeats the name and may pad its extra field
         * (torch aligns storages to 64 bytes): 30 bytes, the name, and
         * room for the padding */
        uint64_t stop;
        if (pickle && lho < size && trop_add_u64(lho, 30 + nlen + 1024, &stop) &&
            trop_add_u64(stop, csize, &stop))
            end = stop > end ? stop : end;
        i += CDH_LEN + nlen + xlen + clen;
    }
    return end < size ? end : size;
}

/* Zip entries flagged as encrypted whose data is not: stored (method 0),
 * with equal compressed and uncompressed sizes, there is no room for the
 * 12-byte header of traditional PKWARE encryption nor for an AES header.
 * libarchive asks for a passphrase; PyTorch's zip reader ignores the flag
 * and reads the bytes as they are, so the scanner must read them too. */
#include "scan.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#define LFH_LEN 30
#define FLAG_ENCRYPTED 0x0001u
#define FLAG_STRONG 0x0040u
#define FLAG_DESCRIPTOR 0x0008u

static bool pread_all(int fd, void *buf, size_t len, uint64_t off)
{
    unsigned char *p = buf;
    while (len) {
        ssize_t r = pread(fd, p, len, (off_t)off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        p += r;
        off += (uint64_t)r;
        len -= (size_t)r;
    }
    return true;
}

int trop_zip_plain_stored(int fd, uint64_t size, uint64_t at, const char *name, uint64_t *off,
                          uint64_t *len)
{
    unsigned char h[LFH_LEN];
    size_t nlen = strlen(name);
    char got[1024];
    if (at > size || size - at < LFH_LEN || !pread_all(fd, h, LFH_LEN, at) ||
        memcmp(h, "PK\3\4", 4) != 0)
        return 0;
    unsigned flags = trop_le16(h + 6), method = trop_le16(h + 8);
    uint64_t csize = trop_le32(h + 18), usize = trop_le32(h + 22);
    size_t hn = trop_le16(h + 26), xn = trop_le16(h + 28);
    if (!(flags & (FLAG_ENCRYPTED | FLAG_STRONG)) || (flags & FLAG_DESCRIPTOR) || method != 0 ||
        csize != usize || csize == 0xffffffffu || hn != nlen || hn > sizeof got)
        return 0;
    uint64_t data = at + LFH_LEN + hn + xn;
    if (data > size || size - data < csize || !pread_all(fd, got, hn, at + LFH_LEN) ||
        memcmp(got, name, hn) != 0)
        return 0;
    *off = data;
    *len = csize;
    return 1;
}

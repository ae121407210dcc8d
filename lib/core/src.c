/* Byte sources: a file descriptor, or a memory prefix (and maybe tail),
 * read with bounds. */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const unsigned char *trop_src_mem(const trop_src *src, uint64_t off, size_t len)
{
    uint64_t end;
    if (trop_src_random(src) || !trop_add_u64(off, len, &end) || end > src->size)
        return NULL;
    if (end <= src->avail)
        return src->data ? src->data + off : NULL;
    /* a tail longer than the artifact is ignored rather than trusted */
    if (src->tail && src->tail_len <= src->size && off >= src->size - src->tail_len)
        return src->tail + (off - (src->size - src->tail_len));
    return NULL;
}

int trop_src_read(const trop_src *src, uint64_t off, void *buf, size_t len)
{
    uint64_t end;
    if (!trop_add_u64(off, len, &end) || end > src->size)
        return TRO_EFORMAT;
    if (src->read_at)
        return len ? src->read_at(src->read_ud, off, buf, len) : 0;
    if (src->fd < 0) {
        if (!len && end <= src->avail)
            return 0;
        const unsigned char *p = len ? trop_src_mem(src, off, len) : NULL;
        if (!p)
            return TRO_ELIMIT;
        memcpy(buf, p, len);
        return 0;
    }
    unsigned char *p = buf;
    while (len > 0) {
        ssize_t r = pread(src->fd, p, len, (off_t)off);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return TRO_EIO;
        }
        if (r == 0)
            return TRO_EFORMAT; /* file shrank under us */
        p += r;
        off += (uint64_t)r;
        len -= (size_t)r;
    }
    return 0;
}

int trop_src_slurp(const trop_src *src, uint64_t max, char **out, size_t *len)
{
    *out = NULL;
    if (src->size > max || src->size >= SIZE_MAX)
        return TRO_ELIMIT;
    char *buf = malloc((size_t)src->size + 1);
    if (!buf)
        return TRO_ENOMEM;
    int rc = trop_src_read(src, 0, buf, (size_t)src->size);
    if (rc) {
        free(buf);
        return rc;
    }
    buf[src->size] = '\0';
    *out = buf;
    if (len)
        *len = (size_t)src->size;
    return 0;
}

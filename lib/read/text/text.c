/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Bounded reading of text artifacts and the UTF-8 checks readers share. */
#include "text.h"

#include <stdlib.h>
#include <string.h>

int trop_text_read(const trop_src *src, uint64_t max, trop_text *t)
{
    memset(t, 0, sizeof *t);
    t->size = src->size;
    uint64_t n = src->size;
    if (n > max) {
        n = max;
        t->over_limit = true;
    }
    if (!trop_src_random(src) && n > src->avail) {
        n = src->avail;
        t->partial = true;
    }
    if (n >= SIZE_MAX)
        return TRO_ENOMEM;
    if (!trop_src_random(src)) {
        /* registries hand us whole buffers: read them where they are */
        t->data = (const char *)src->data;
        t->len = (size_t)n;
    } else {
        if (!(t->buf = malloc((size_t)n + 1)))
            return TRO_ENOMEM;
        int rc = trop_src_read(src, 0, t->buf, (size_t)n);
        if (rc) {
            trop_text_free(t);
            return rc == TRO_ELIMIT ? TRO_EFORMAT : rc;
        }
        t->buf[n] = '\0';
        t->data = t->buf;
        t->len = (size_t)n;
    }
    if (t->over_limit || t->partial)
        t->len = trop_utf8_floor(t->data, t->len, t->len);
    if (!t->data)
        t->data = "";
    return TRO_OK;
}

int trop_text_own(trop_text *t)
{
    if (t->buf)
        return 0;
    if (t->len >= SIZE_MAX || !(t->buf = malloc(t->len + 1)))
        return TRO_ENOMEM;
    memcpy(t->buf, t->data, t->len);
    t->buf[t->len] = '\0';
    t->data = t->buf;
    return 0;
}

void trop_text_free(trop_text *t)
{
    free(t->buf);
    t->buf = NULL;
    t->data = NULL;
    t->len = 0;
}

uint64_t trop_text_count_lines(const char *s, size_t n)
{
    uint64_t lines = 0;
    const char *p = s, *end = s + n;
    while (p < end && (p = memchr(p, '\n', (size_t)(end - p)))) {
        lines++;
        p++;
    }
    if (n && s[n - 1] != '\n')
        lines++;
    return lines;
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Reading the small files the commands are given (keys, attestations). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int trc_read_file(const char *path, size_t max, char **out, size_t *len)
{
    bool std = !strcmp(path, "-");
    FILE *f = std ? stdin : fopen(path, "rb");
    *out = NULL;
    *len = 0;
    if (!f) {
        trc_error(path, "cannot open: %s", strerror(errno));
        return -1;
    }
    size_t cap = 0, n = 0;
    char *buf = NULL;
    int rc = 0;
    for (;;) {
        if (n == cap) {
            size_t c = cap ? cap * 2 : 1 << 16;
            char *v = n >= max + 1 ? NULL : realloc(buf, c + 1);
            if (!v) {
                trc_error(path, n > max ? "larger than %zu bytes" : "out of memory", max);
                rc = -1;
                break;
            }
            buf = v;
            cap = c;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0) {
            if (ferror(f)) {
                trc_error(path, "cannot read: %s", strerror(errno));
                rc = -1;
            }
            break;
        }
    }
    if (!std)
        fclose(f);
    if (!rc && n > max) {
        trc_error(path, "larger than %zu bytes", max);
        rc = -1;
    }
    if (rc) {
        free(buf);
        return -1;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

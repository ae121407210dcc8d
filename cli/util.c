/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Error messages, option values and output files for the subcommands. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

void trc_error(const char *path, const char *fmt, ...)
{
    va_list ap;
    fputs("trulyopen: ", stderr);
    if (path)
        fprintf(stderr, "%s: ", path);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

bool trc_parse_uint(const char *opt, const char *s, unsigned long max,
                    unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-' || v == 0 || v > max) {
        trc_error(NULL, "%s: expected a number from 1 to %lu, got '%s'", opt, max, s);
        return false;
    }
    *out = v;
    return true;
}

int trc_write_output(const char *path, const char *text, size_t len)
{
    if (!path || !strcmp(path, "-")) {
        if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
            trc_error("stdout", "%s", strerror(errno));
            return -1;
        }
        return 0;
    }
    size_t n = strlen(path) + 16;
    char *tmp = malloc(n);
    if (!tmp)
        return -1;
    snprintf(tmp, n, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        trc_error(path, "cannot create: %s", strerror(errno));
        free(tmp);
        return -1;
    }
    /* mkstemp makes the file private; give it the mode a new file gets */
    mode_t um = umask(0);
    umask(um);
    (void)fchmod(fd, 0666 & ~um);
    FILE *f = fdopen(fd, "w");
    bool ok = f && fwrite(text, 1, len, f) == len;
    ok = (f ? fclose(f) == 0 : (close(fd), false)) && ok;
    if (!ok || rename(tmp, path) != 0) {
        trc_error(path, "cannot write: %s", strerror(errno));
        unlink(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}

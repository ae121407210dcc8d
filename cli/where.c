/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Where a report says the release is (--sarif-root), and when it was made. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"

/* "file://" and the path, percent-encoded but for unreserved bytes and
 * '/', ending in '/'. Owned by the caller. */
static char *file_uri(const char *dir)
{
    size_t n = strlen(dir);
    char *out = malloc(n * 3 + 16), *o = out;
    if (!out)
        return NULL;
    o += sprintf(o, "file://");
    for (const unsigned char *p = (const unsigned char *)dir; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
            *o++ = (char)c;
        else
            o += sprintf(o, "%%%02X", c);
    }
    if (o[-1] != '/')
        *o++ = '/';
    *o = '\0';
    return out;
}

/* SOURCE_DATE_EPOCH (reproducible builds) or the time now. */
static int64_t creation_time(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (s && *s) {
        char *end;
        errno = 0;
        long long v = strtoll(s, &end, 10);
        if (!errno && !*end && v > 0)
            return v;
        trc_error(NULL, "SOURCE_DATE_EPOCH '%s' is not a positive number of seconds; using "
                        "the time now",
                  s);
    }
    return (int64_t)time(NULL);
}

int trc_where_init(trc_where *w, const char *release, const char *root)
{
    memset(w, 0, sizeof *w);
    w->created = creation_time();
    char *dir = realpath(release, NULL), *top = NULL;
    struct stat st;
    if (!dir || stat(dir, &st) != 0) {
        trc_error(release, "%s", errno == ENOMEM ? "out of memory" : strerror(errno));
        goto fail;
    }
    if (!S_ISDIR(st.st_mode)) { /* a file or an archive: its folder */
        char *slash = strrchr(dir, '/');
        slash[slash == dir] = '\0';
    }
    top = root ? realpath(root, NULL) : strdup(dir);
    if (!top || (root && (stat(top, &st) != 0 || !S_ISDIR(st.st_mode)))) {
        if (!top && errno == ENOMEM)
            trc_error(NULL, "out of memory");
        else
            trc_error(root, "--sarif-root: %s", top ? "not a folder" : strerror(errno));
        goto fail;
    }
    size_t n = strlen(top);
    const char *rest = !strcmp(top, "/") ? dir + 1 : dir + n;
    if (strncmp(dir, top, n) || (*rest && *rest != '/' && strcmp(top, "/"))) {
        trc_error(release, "--sarif-root: the release is not inside %s", top);
        goto fail;
    }
    if (*rest == '/')
        rest++;
    w->release_path = strdup(rest);
    w->root_uri = file_uri(top);
    if (!w->release_path || !w->root_uri) {
        trc_error(NULL, "out of memory");
        goto fail;
    }
    free(dir);
    free(top);
    return 0;
fail:
    free(dir);
    free(top);
    trc_where_clear(w);
    return -1;
}

int trc_where_remote(trc_where *w)
{
    memset(w, 0, sizeof *w);
    w->created = creation_time();
    return 0;
}

void trc_where_clear(trc_where *w)
{
    free(w->root_uri);
    free(w->release_path);
    w->root_uri = w->release_path = NULL;
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Fixtures written at test time: a temporary folder, files with given bytes,
 * and a tiny ustar writer for archive tests. */
#ifndef TRO_FIXTURE_H
#define TRO_FIXTURE_H

#include <fcntl.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A fresh folder under $TMPDIR; the caller frees the string. */
static inline char *fx_tempdir(void)
{
    const char *base = getenv("TMPDIR");
    char *t = malloc(4096);
    if (!t)
        exit(99);
    snprintf(t, 4096, "%s/trotest.XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(t)) {
        perror("mkdtemp");
        exit(99);
    }
    return t;
}

/* "dir/rel" in a static buffer cycling through four slots. */
static inline const char *fx_path(const char *dir, const char *fmt, ...)
{
    static char bufs[4][4096];
    static int k;
    char rel[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rel, sizeof rel, fmt, ap);
    va_end(ap);
    char *b = bufs[k++ & 3];
    snprintf(b, 4096, "%s/%s", dir, rel);
    return b;
}

/* Creates the parent folders of path, then the file with len bytes. */
static inline void fx_write(const char *path, const void *data, size_t len)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *s = tmp + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        mkdir(tmp, 0755);
        *s = '/';
    }
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        perror(path);
        exit(99);
    }
}

static inline void fx_text(const char *path, const char *text)
{
    fx_write(path, text, strlen(text));
}

/* Removes a tree through folder descriptors, so that even paths longer
 * than PATH_MAX go. */
static inline void fx_rm_at(int dfd, const char *name)
{
    if (unlinkat(dfd, name, 0) == 0)
        return;
    int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            fx_rm_at(fd, e->d_name);
    closedir(d);
    unlinkat(dfd, name, AT_REMOVEDIR);
}

static inline void fx_rmtree(const char *dir)
{
    fx_rm_at(AT_FDCWD, dir);
}

/* ---- ustar ------------------------------------------------------------- */
typedef struct fx_tar {
    unsigned char *p;
    size_t len, cap;
} fx_tar;

static inline void fx_tar_put(fx_tar *t, const void *b, size_t n)
{
    if (t->len + n > t->cap) {
        t->cap = (t->len + n) * 2;
        t->p = realloc(t->p, t->cap);
        if (!t->p)
            exit(99);
    }
    memcpy(t->p + t->len, b, n);
    t->len += n;
}

/* One entry: type '0' file, '5' folder, '2' symlink (data is the target),
 * '1' hard link. */
static inline void fx_tar_add(fx_tar *t, const char *name, char type, const void *data, size_t len)
{
    unsigned char h[512] = {0};
    snprintf((char *)h, 100, "%s", name);
    memcpy(h + 100, "0000644", 8);
    memcpy(h + 108, "0000000", 8);
    memcpy(h + 116, "0000000", 8);
    size_t size = (type == '0') ? len : 0;
    snprintf((char *)h + 124, 12, "%011zo", size);
    memcpy(h + 136, "00000000000", 12);
    h[156] = (unsigned char)type;
    if (type == '2' || type == '1')
        snprintf((char *)h + 157, 100, "%.*s", (int)len, (const char *)data);
    memcpy(h + 257, "ustar", 6);
    memcpy(h + 263, "00", 2);
    memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (int i = 0; i < 512; i++)
        sum += h[i];
    snprintf((char *)h + 148, 8, "%06o", sum);
    fx_tar_put(t, h, 512);
    if (size) {
        static const unsigned char pad[512];
        fx_tar_put(t, data, size);
        fx_tar_put(t, pad, (512 - size % 512) % 512);
    }
}

static inline void fx_tar_end(fx_tar *t)
{
    static const unsigned char z[1024];
    fx_tar_put(t, z, sizeof z);
}

#endif

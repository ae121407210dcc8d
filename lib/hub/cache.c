/* The cache, in the layout huggingface_hub uses, so that a user's own
 * Hugging Face cache is read the same way as ours (see hub.h). Every write
 * goes to a temporary file renamed into place: concurrent checks never see
 * a half-written file. Failing to write is not an error: the next check is
 * only slower. */
#include "hub.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_RANGE_FILES 256

char *trop_hub_repo_dir(const char *root, const trop_hub_ref *ref)
{
    char flat[TROP_HUB_ID_LEN * 2];
    size_t o = 0;
    for (const char *s = ref->id; *s && o + 3 < sizeof flat; s++) {
        if (*s == '/') {
            flat[o++] = '-';
            flat[o++] = '-';
        } else {
            flat[o++] = *s;
        }
    }
    flat[o] = '\0';
    return trop_asprintf("%s/%s--%s", root, trop_hub_kind_dir(ref->kind), flat);
}

/* Creates the folders of path's parent. */
static int parents(const char *path)
{
    char *p = trop_strdup(path);
    if (!p)
        return -1;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    free(p);
    return 0;
}

/* Writes path atomically: a temporary file beside it, then rename(). */
static int write_atomic(const char *path, const void *data, size_t len)
{
    char *tmp = trop_asprintf("%s.tmp.XXXXXX", path);
    int fd = tmp && parents(path) == 0 ? mkstemp(tmp) : -1;
    if (fd < 0) {
        free(tmp);
        return -1;
    }
    const char *p = data;
    size_t left = len;
    while (left) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        p += w;
        left -= (size_t)w;
    }
    /* mkstemp makes 0600; huggingface_hub's cache files are 0644 */
    int rc = left == 0 && fchmod(fd, 0644) == 0 ? 0 : -1;
    if (close(fd) != 0)
        rc = -1;
    if (rc == 0 && rename(tmp, path) != 0)
        rc = -1;
    if (rc)
        unlink(tmp);
    free(tmp);
    return rc;
}

int trop_hub_read_file(const char *path, uint64_t max, char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return 0;
    struct stat st;
    int rc = 0;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return 0;
    }
    if ((uint64_t)st.st_size > max || (uint64_t)st.st_size >= SIZE_MAX) {
        close(fd);
        return TRO_ELIMIT;
    }
    char *buf = malloc((size_t)st.st_size + 1);
    size_t got = 0;
    while (buf && got < (size_t)st.st_size) {
        ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (!buf)
        return TRO_ENOMEM;
    if (got != (size_t)st.st_size) { /* changed under us: treat as absent */
        free(buf);
        return rc;
    }
    buf[got] = '\0';
    *data = buf;
    *len = got;
    return 1;
}

static bool hex_name(const char *s, size_t n)
{
    if (strlen(s) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    return true;
}

int trop_hub_cache_ref(const char *root, const trop_hub_ref *ref, const char *rev, char sha[41])
{
    char *repo = root ? trop_hub_repo_dir(root, ref) : NULL;
    char *path = repo ? trop_asprintf("%s/refs/%s", repo, rev) : NULL;
    char *data = NULL;
    size_t len = 0;
    int found = path ? trop_hub_read_file(path, 128, &data, &len) : 0;
    free(repo);
    free(path);
    while (found == 1 && len &&
           (data[len - 1] == '\n' || data[len - 1] == '\r' || data[len - 1] == ' '))
        data[--len] = '\0';
    bool ok = found == 1 && hex_name(data, 40);
    if (ok)
        memcpy(sha, data, 41);
    free(data);
    return ok;
}

void trop_hub_cache_put_ref(const char *root, const trop_hub_ref *ref, const char *rev,
                            const char *sha)
{
    char *repo = root ? trop_hub_repo_dir(root, ref) : NULL;
    char *path = repo ? trop_asprintf("%s/refs/%s", repo, rev) : NULL;
    if (path && strcmp(rev, sha) != 0)
        write_atomic(path, sha, strlen(sha));
    free(repo);
    free(path);
}

char *trop_hub_cache_file(const char *root, const trop_hub_ref *ref, const char *sha,
                          const char *path)
{
    char *repo = root ? trop_hub_repo_dir(root, ref) : NULL;
    char *p = repo ? trop_asprintf("%s/snapshots/%s/%s", repo, sha, path) : NULL;
    free(repo);
    struct stat st;
    if (p && (stat(p, &st) != 0 || !S_ISREG(st.st_mode))) {
        free(p);
        p = NULL;
    }
    return p;
}

void trop_hub_cache_put_file(const char *root, const trop_hub_ref *ref, const char *sha,
                             const char *path, const char *etag, const void *data, size_t len)
{
    char name[65];
    if (!root)
        return;
    if (etag && (hex_name(etag, 40) || hex_name(etag, 64)))
        strcpy(name, etag);
    else if (trop_sha256_buf(data, len, name))
        return;
    char *repo = trop_hub_repo_dir(root, ref);
    char *blob = repo ? trop_asprintf("%s/blobs/%s", repo, name) : NULL;
    char *snap = repo ? trop_asprintf("%s/snapshots/%s/%s", repo, sha, path) : NULL;
    /* snapshots/SHA/a/b -> ../../../blobs/NAME: one "../" per folder */
    size_t ups = 2;
    for (const char *s = path; *s; s++)
        ups += *s == '/';
    char *target = malloc(ups * 3 + sizeof "blobs/" + sizeof name);
    char *tmp = snap ? trop_asprintf("%s.tmp.%ld", snap, (long)getpid()) : NULL;
    struct stat st;
    if (blob && snap && target && tmp &&
        (stat(blob, &st) == 0 || write_atomic(blob, data, len) == 0) && parents(snap) == 0) {
        target[0] = '\0';
        for (size_t i = 0; i < ups; i++)
            strcat(target, "../");
        strcat(target, "blobs/");
        strcat(target, name);
        unlink(tmp);
        if (symlink(target, tmp) == 0 && rename(tmp, snap) != 0)
            unlink(tmp);
    }
    free(tmp);
    free(target);
    free(snap);
    free(blob);
    free(repo);
}

static char *meta_path(const char *root, const trop_hub_ref *ref, const char *name)
{
    char *repo = root ? trop_hub_repo_dir(root, ref) : NULL;
    char *p = repo ? trop_asprintf("%s/.trulyopen/%s", repo, name) : NULL;
    free(repo);
    return p;
}

int trop_hub_cache_get_meta(const char *root, const trop_hub_ref *ref, const char *name,
                            uint64_t max, char **data, size_t *len)
{
    char *p = meta_path(root, ref, name);
    int rc = p ? trop_hub_read_file(p, max, data, len) : 0;
    free(p);
    return rc;
}

void trop_hub_cache_put_meta(const char *root, const trop_hub_ref *ref, const char *name,
                             const void *data, size_t len)
{
    char *p = meta_path(root, ref, name);
    if (p)
        write_atomic(p, data, len);
    free(p);
}

int trop_hub_cache_get_ranges(const char *root, const trop_hub_ref *ref, const char *oid,
                              uint64_t size, uint64_t max_total, trop_hub_range_fn fn, void *ud)
{
    char *name = trop_asprintf("ranges/%s", oid);
    char *dir = name ? meta_path(root, ref, name) : NULL;
    free(name);
    DIR *d = dir ? opendir(dir) : NULL;
    struct dirent *de;
    uint64_t total = 0;
    int rc = 0, files = 0;
    while (!rc && d && (de = readdir(d)) && files < MAX_RANGE_FILES) {
        unsigned long long off, len;
        char tail;
        if (sscanf(de->d_name, "%llu-%llu%c", &off, &len, &tail) != 2 || !len || off > size ||
            len > size - off || total + len > max_total)
            continue;
        char *p = trop_asprintf("%s/%s", dir, de->d_name);
        char *data = NULL;
        size_t got = 0;
        int r = p ? trop_hub_read_file(p, len, &data, &got) : TRO_ENOMEM;
        free(p);
        if (r == 1 && got == len) {
            files++;
            total += len;
            rc = fn(ud, off, data, got);
        } else if (r == TRO_ENOMEM) {
            rc = r;
        }
        free(data);
    }
    if (d)
        closedir(d);
    free(dir);
    return rc;
}

void trop_hub_cache_put_range(const char *root, const trop_hub_ref *ref, const char *oid,
                              uint64_t off, const void *data, size_t len)
{
    char *name =
        trop_asprintf("ranges/%s/%llu-%llu", oid, (unsigned long long)off, (unsigned long long)len);
    char *p = name && root ? meta_path(root, ref, name) : NULL;
    if (p)
        write_atomic(p, data, len);
    free(p);
    free(name);
}

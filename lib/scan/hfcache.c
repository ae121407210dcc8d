/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Hugging Face cache folders as users have them (huggingface_hub's layout:
 * ROOT/models--ORG--NAME/{blobs,snapshots/REV,refs/BRANCH}):
 *   - a repository folder is its current snapshot (refs/main), not its
 *     blobs plus every snapshot;
 *   - the cache root holds many releases: scanning it as one is refused
 *     with the repositories to choose from;
 *   - a blob is named by the SHA-256 of its content (Git LFS files): one
 *     read through a snapshot that does not match its name is an error. */
#include "scan.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define REV_MAX 256

static const char *const kinds[] = {"models--", "datasets--", "spaces--"};

static const char *last_name(const char *path, size_t *len)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    size_t s = n;
    while (s > 0 && path[s - 1] != '/')
        s--;
    *len = n - s;
    return path + s;
}

static bool repo_name(const char *name, size_t n)
{
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        size_t kl = strlen(kinds[k]);
        if (n > kl && !strncmp(name, kinds[k], kl))
            return true;
    }
    return false;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* trop_asprintf, noting a failure in *oom (may be NULL). */
static char *path2(bool *oom, const char *a, const char *b)
{
    char *p = trop_asprintf("%s/%s", a, b);
    if (!p && oom)
        *oom = true;
    return p;
}

char *trop_hf_repo_snapshot(const char *dir, bool *oom)
{
    size_t n;
    const char *name = last_name(dir, &n);
    char *snaps = repo_name(name, n) ? path2(oom, dir, "snapshots") : NULL;
    if (!snaps || !is_dir(snaps)) {
        free(snaps);
        return NULL;
    }
    char rev[REV_MAX], best[REV_MAX] = "";
    int ref = trop_hf_main_ref(dir, rev, REV_MAX);
    if (ref < 0 && oom)
        *oom = true;
    char *path = ref == 1 ? path2(oom, snaps, rev) : NULL;
    if (path && is_dir(path)) {
        free(snaps);
        return path;
    }
    free(path);
    /* no usable refs/main: the folder of the greatest name, so the choice
     * never depends on the order the folder lists them in (an entry that is
     * not a folder is passed over) */
    DIR *d = opendir(snaps);
    struct dirent *de;
    path = NULL;
    while (d && (de = readdir(d))) {
        if (de->d_name[0] == '.' || strlen(de->d_name) >= sizeof best ||
            strcmp(de->d_name, best) <= 0)
            continue;
        char *p = path2(oom, snaps, de->d_name);
        if (p && is_dir(p)) {
            strcpy(best, de->d_name);
            free(path);
            path = p;
        } else {
            free(p);
        }
    }
    if (d)
        closedir(d);
    free(snaps);
    return path;
}

int trop_hf_cache_root(const char *dir, char *example, size_t cap)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int repos = 0;
    bool other = false;
    char first[512] = "";
    while (d && (de = readdir(d))) {
        const char *n = de->d_name;
        if (n[0] == '.' || !strcmp(n, "version.txt") || !strcmp(n, "CACHEDIR.TAG"))
            continue;
        char *p = repo_name(n, strlen(n)) ? trop_asprintf("%s/%s/snapshots", dir, n) : NULL;
        if (p && is_dir(p)) {
            repos++;
            if (!*first || strcmp(n, first) < 0)
                snprintf(first, sizeof first, "%s", n);
        } else {
            other = true;
        }
        free(p);
    }
    if (d)
        closedir(d);
    if (other || !repos)
        return 0;
    snprintf(example, cap, "%s%s%s", dir, trop_str_endswith(dir, "/") ? "" : "/", first);
    return repos;
}

/* The 64 hex digits a blob of a cache repository is named by, or NULL. */
static const char *blob_sha(const char *fs_path)
{
    size_t n;
    const char *name = last_name(fs_path, &n);
    if (n != 64 || strspn(name, "0123456789abcdef") != 64 || name - fs_path < 8 ||
        strncmp(name - 7, "/blobs/", 7))
        return NULL;
    const char *end = name - 7, *repo = end;
    while (repo > fs_path && repo[-1] != '/')
        repo--;
    return repo_name(repo, (size_t)(end - repo)) ? name : NULL;
}

int trop_hf_blob_check(tro_release *rel)
{
    for (size_t i = 0; i < rel->n; i++) {
        tro_artifact *a = rel->arts[i];
        const char *want = a->fs_path && a->hashed ? blob_sha(a->fs_path) : NULL;
        if (want && strncmp(want, a->sha256, 64) &&
            trop_artifact_finding(a, TRO_SEVERITY_ERROR, "hf-blob-mismatch", -1,
                                  "%s: the cache names its blob by the SHA-256 %.64s, but its "
                                  "content hashes to %s: the download is corrupt or was changed",
                                  a->path, want, a->sha256))
            return TRO_ENOMEM;
    }
    return TRO_OK;
}

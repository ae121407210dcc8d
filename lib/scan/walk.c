/* Directory walk: entries in byte order, VCS folders and ignore patterns
 * skipped, symlinks followed only inside the root (and, for a Hugging Face
 * cache snapshot, into its repository's blobs), limits enforced. The walk
 * only lists; the pool (pool.c) opens, reads and hashes. */
#include "scan.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct ancestor {
    dev_t dev;
    ino_t ino;
} ancestor;

typedef struct walker {
    tro_release *rel;
    const tro_ctx *ctx;
    trop_jobs *js;
    trop_ticker *tick;
    tro_error *err;
    const char *root; /* as given, for messages */
    char *root_real;  /* resolved, for symlink containment */
    size_t root_real_len;
    char *blobs_real; /* a Hugging Face cache snapshot's blobs, or NULL */
    size_t blobs_real_len;
    trop_ignore ignore;
    ancestor *anc; /* folders from the root to here: loops */
    size_t nanc, capanc;
    uint64_t entries;
} walker;

static int walk_dir(walker *w, const char *fs_dir, const char *rel_dir, uint32_t depth);

static bool inside(const char *real, const char *dir, size_t n)
{
    if (n == 1) /* the folder is "/" */
        return true;
    return strncmp(real, dir, n) == 0 && (real[n] == '\0' || real[n] == '/');
}

static bool inside_root(const walker *w, const char *real)
{
    return inside(real, w->root_real, w->root_real_len);
}

/* A link into a cache snapshot's blobs: a file there, not the folder (whose
 * listing would hold the blobs of every revision). */
static bool in_blobs(const walker *w, const char *real)
{
    size_t n = w->blobs_real_len;
    return w->blobs_real && strncmp(real, w->blobs_real, n) == 0 && real[n] == '/' && real[n + 1];
}

/* Start of the last name in s[0..end). */
static size_t last_name(const char *s, size_t end)
{
    while (end > 0 && s[end - 1] != '/')
        end--;
    return end;
}

/* A Hugging Face cache keeps each file once, in REPO/blobs/, and a snapshot
 * REPO/snapshots/REV/ holds links to them (REPO is models--ORG--NAME,
 * datasets--ORG--NAME or spaces--ORG--NAME). When the root is such a
 * snapshot, links into REPO/blobs are the snapshot's files: the resolved
 * blobs folder, else NULL (and NULL on ENOMEM: the links are refused). */
static char *hf_blobs(const char *root_real)
{
    size_t rev = last_name(root_real, strlen(root_real));
    if (rev < 2)
        return NULL;
    size_t snap = last_name(root_real, rev - 1);
    if (rev - 1 - snap != 9 || memcmp(root_real + snap, "snapshots", 9) != 0 || snap < 2)
        return NULL;
    size_t repo_end = snap - 1, repo = last_name(root_real, repo_end);
    static const char *const kinds[] = {"models--", "datasets--", "spaces--"};
    bool cache = false;
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
        cache |= strncmp(root_real + repo, kinds[k], strlen(kinds[k])) == 0;
    if (!cache)
        return NULL;
    char *blobs = malloc(repo_end + sizeof "/blobs");
    if (!blobs)
        return NULL;
    memcpy(blobs, root_real, repo_end);
    memcpy(blobs + repo_end, "/blobs", sizeof "/blobs");
    char *real = realpath(blobs, NULL);
    free(blobs);
    struct stat st;
    if (real && (stat(real, &st) != 0 || !S_ISDIR(st.st_mode))) {
        free(real);
        real = NULL;
    }
    return real;
}

static int finding(walker *w, tro_severity sev, const char *code, const char *rel, const char *what)
{
    int rc = trop_release_finding(w->rel, sev, code, rel, -1, "%s: %s", rel, what);
    return rc ? trop_error_set(w->err, rc, -1, "%s: out of memory", w->root) : 0;
}

static int push_ancestor(walker *w, const struct stat *st)
{
    if (w->nanc == w->capanc) {
        size_t cap = w->capanc ? w->capanc * 2 : 16;
        ancestor *v = realloc(w->anc, cap * sizeof *v);
        if (!v)
            return TRO_ENOMEM;
        w->anc = v;
        w->capanc = cap;
    }
    w->anc[w->nanc++] = (ancestor){st->st_dev, st->st_ino};
    return TRO_OK;
}

static bool is_ancestor(const walker *w, const struct stat *st)
{
    for (size_t i = 0; i < w->nanc; i++)
        if (w->anc[i].dev == st->st_dev && w->anc[i].ino == st->st_ino)
            return true;
    return false;
}

/* A folder, a regular file or something else, reached at fs under rel. */
static int visit_real(walker *w, const char *fs, const char *rel, const struct stat *st,
                      uint32_t depth)
{
    if (S_ISREG(st->st_mode)) {
        if (trop_jobs_add(w->js, w->rel, rel, fs, (uint64_t)st->st_size))
            return trop_error_set(w->err, TRO_ENOMEM, -1, "%s: out of memory", w->root);
        return 0;
    }
    if (!S_ISDIR(st->st_mode))
        return finding(w, TRO_SEVERITY_WARNING, "not-regular-file", rel,
                       S_ISFIFO(st->st_mode)   ? "a named pipe, not a regular file; skipped"
                       : S_ISSOCK(st->st_mode) ? "a socket, not a regular file; skipped"
                                               : "a device, not a regular file; skipped");
    if (depth + 1 > w->ctx->limits.max_depth) {
        char msg[96];
        snprintf(msg, sizeof msg,
                 "folder nested deeper than %u levels (limits.max_depth); "
                 "not scanned",
                 w->ctx->limits.max_depth);
        return finding(w, TRO_SEVERITY_WARNING, "depth-limit", rel, msg);
    }
    if (is_ancestor(w, st))
        return finding(w, TRO_SEVERITY_WARNING, "symlink-loop", rel,
                       "leads back to a folder that contains it; not followed");
    if (push_ancestor(w, st))
        return trop_error_set(w->err, TRO_ENOMEM, -1, "%s: out of memory", w->root);
    int rc = walk_dir(w, fs, rel, depth + 1);
    w->nanc--;
    return rc;
}

static int visit_link(walker *w, const char *fs, const char *rel, uint32_t depth)
{
    char *target = realpath(fs, NULL);
    if (!target) {
        if (errno == ENOMEM)
            return trop_error_set(w->err, TRO_ENOMEM, -1, "%s: out of memory", w->root);
        char msg[160];
        snprintf(msg, sizeof msg, "symbolic link does not resolve (%s); skipped", strerror(errno));
        return finding(w, TRO_SEVERITY_WARNING, "symlink-dangling", rel, msg);
    }
    int rc;
    struct stat st;
    bool followed = inside_root(w, target) ||
                    (in_blobs(w, target) && stat(target, &st) == 0 && S_ISREG(st.st_mode));
    if (!followed)
        rc = finding(w, TRO_SEVERITY_WARNING, "symlink-escape", rel,
                     "symbolic link points outside the release; not followed");
    else if (stat(target, &st) != 0)
        rc = finding(w, TRO_SEVERITY_WARNING, "symlink-dangling", rel,
                     "symbolic link target vanished; skipped");
    else /* read through the resolved path: it is the one checked */
        rc = visit_real(w, target, rel, &st, depth);
    free(target);
    return rc;
}

static int visit(walker *w, const char *fs, const char *rel, const char *name, uint32_t depth)
{
    struct stat lst, st;
    if (lstat(fs, &lst) != 0)
        return finding(w, TRO_SEVERITY_ERROR, "read-error", rel, strerror(errno));
    bool is_link = S_ISLNK(lst.st_mode);
    bool is_dir = S_ISDIR(lst.st_mode) || (is_link && stat(fs, &st) == 0 && S_ISDIR(st.st_mode));
    if (trop_ignore_match(&w->ignore, rel, name, is_dir))
        return 0;
    if (++w->entries > w->ctx->limits.max_entries)
        return trop_error_set(w->err, TRO_ELIMIT, -1,
                              "%s: more than %llu entries (limits.max_entries)", w->root,
                              (unsigned long long)w->ctx->limits.max_entries);
    if (trop_tick(w->tick, 0, w->js->bytes, false))
        return trop_error_set(w->err, TRO_ECANCELED, -1, "%s: canceled", w->root);
    return is_link ? visit_link(w, fs, rel, depth) : visit_real(w, fs, rel, &lst, depth);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* Reads the names in a folder, sorted by bytes. TRO_EIO if it cannot be
 * listed (errno kept). */
static int list_dir(walker *w, const char *fs_dir, char ***out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    DIR *d = opendir(fs_dir);
    if (!d)
        return errno == ENOMEM ? TRO_ENOMEM : TRO_EIO;
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = TRO_OK;
    struct dirent *e;
    while ((errno = 0, e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (n >= w->ctx->limits.max_entries) {
            rc = TRO_ELIMIT;
            break;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **v = realloc(names, cap * sizeof *v);
            if (!v) {
                rc = TRO_ENOMEM;
                break;
            }
            names = v;
        }
        if (!(names[n] = trop_strdup(e->d_name))) {
            rc = TRO_ENOMEM;
            break;
        }
        n++;
    }
    if (!rc && errno)
        rc = errno == ENOMEM ? TRO_ENOMEM : TRO_EIO;
    int saved = errno;
    closedir(d);
    errno = saved;
    if (rc) {
        free_names(names, n);
        return rc;
    }
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_name);
    *out = names;
    *nout = n;
    return TRO_OK;
}

static char *join(const char *dir, const char *name)
{
    if (!*dir)
        return trop_strdup(name);
    return trop_asprintf("%s%s%s", dir, trop_str_endswith(dir, "/") ? "" : "/", name);
}

static int walk_dir(walker *w, const char *fs_dir, const char *rel_dir, uint32_t depth)
{
    char **names;
    size_t n;
    int rc = list_dir(w, fs_dir, &names, &n);
    if (rc == TRO_EIO && *rel_dir)
        return finding(w, TRO_SEVERITY_ERROR, "read-error", rel_dir, strerror(errno));
    if (rc == TRO_EIO)
        return trop_error_set(w->err, rc, -1, "%s: cannot list: %s", w->root, strerror(errno));
    if (rc == TRO_ELIMIT)
        return trop_error_set(w->err, rc, -1, "%s: more than %llu entries (limits.max_entries)",
                              *rel_dir ? rel_dir : w->root,
                              (unsigned long long)w->ctx->limits.max_entries);
    if (rc)
        return trop_error_set(w->err, rc, -1, "%s: out of memory", w->root);
    for (size_t i = 0; i < n && !rc; i++) {
        /* the path of a name that is not UTF-8 has those bytes escaped */
        char *name = trop_path_escape(names[i], strlen(names[i]));
        char *fs = join(fs_dir, names[i]);
        char *rel = name ? join(rel_dir, name) : NULL;
        rc = fs && rel ? visit(w, fs, rel, name, depth)
                       : trop_error_set(w->err, TRO_ENOMEM, -1, "%s: out of memory", w->root);
        free(name);
        free(fs);
        free(rel);
    }
    free_names(names, n);
    return rc;
}

int trop_walk(tro_release *rel, const char *root, trop_jobs *js, trop_ticker *tick, tro_error *err)
{
    walker w = {.rel = rel, .ctx = rel->ctx, .js = js, .tick = tick, .err = err, .root = root};
    struct stat st;
    int rc;
    if (!(w.root_real = realpath(root, NULL)) || stat(w.root_real, &st) != 0) {
        rc = errno == ENOMEM ? TRO_ENOMEM : TRO_EIO;
        trop_error_set(err, rc, -1, "%s: %s", root,
                       rc == TRO_ENOMEM ? "out of memory" : strerror(errno));
        goto done;
    }
    w.root_real_len = strlen(w.root_real);
    w.blobs_real = hf_blobs(w.root_real);
    w.blobs_real_len = w.blobs_real ? strlen(w.blobs_real) : 0;
    if ((rc = trop_ignore_init(&w.ignore, rel->ctx)) || (rc = push_ancestor(&w, &st))) {
        trop_error_set(err, rc, -1, "%s: out of memory", root);
        goto done;
    }
    rc = walk_dir(&w, root, "", 0);
done:
    trop_ignore_free(&w.ignore);
    free(w.anc);
    free(w.root_real);
    free(w.blobs_real);
    return rc;
}

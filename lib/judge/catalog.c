/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Catalogs: offline mirrors of the Hub that resolve base models and datasets
 * by id. Two layouts are read, in each folder given, in order:
 *   DIR/models/ORG/NAME/, DIR/datasets/ORG/NAME/ (or .../NAME/ for ids
 *     without an organisation);
 *   a Hugging Face cache: DIR/models--ORG--NAME/snapshots/REV/ (and
 *     datasets--...), REV being the one refs/main names, else the greatest
 *     name, so the choice never depends on directory order.
 * Ids are matched as the Hub does, ignoring case: a folder as the id is
 * written, else one whose name differs only in case.
 * Only the entry's top-level metadata files are read (cards, LICENSE files,
 * JSON and YAML manifests, at most limits.max_text_bytes each): no weights,
 * no hashing. Symbolic links are followed (a cache's snapshot files link to
 * its blobs); FIFOs and devices are never opened.
 *
 * Entries found, and ids not found (up to MAX_NEGATIVE of them), are cached
 * with what was judged of them, behind one mutex: a catalog is shared by
 * every thread of a registry. Cached entries live until the catalog is
 * freed, so the pointers handed out stay valid.
 */
#include "judge.h"

#include "../scan/scan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_NEGATIVE 100000u
#define MAX_ENTRY_FILES 256u

struct trop_cat_entry {
    char *key; /* "m:org/name" or "d:org/name", in lower case */
    uint32_t hash;
    char *source;     /* "catalog:PATH", NULL when not found */
    tro_release *rel; /* NULL when not found */
    void *result;     /* what was judged of it, or NULL */
    void (*result_free)(void *);
    struct trop_cat_entry *next;
};

struct tro_catalog {
    char **dirs;
    size_t ndirs;
    tro_ctx *ctx; /* readers only, no hashing */
    pthread_mutex_t lock;
    trop_cat_entry **buckets;
    size_t nbuckets, count, negative;
};

static uint32_t fnv(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static void entry_free(trop_cat_entry *e)
{
    if (e->result)
        e->result_free(e->result);
    tro_release_free(e->rel);
    free(e->source);
    free(e->key);
    free(e);
}

void tro_catalog_free(tro_catalog *cat)
{
    if (!cat)
        return;
    for (size_t i = 0; i < cat->nbuckets; i++)
        for (trop_cat_entry *e = cat->buckets[i], *next; e; e = next) {
            next = e->next;
            entry_free(e);
        }
    free(cat->buckets);
    for (size_t i = 0; i < cat->ndirs; i++)
        free(cat->dirs[i]);
    free(cat->dirs);
    tro_ctx_free(cat->ctx);
    pthread_mutex_destroy(&cat->lock);
    free(cat);
}

static int check_dir(const char *dir, tro_error *err)
{
    struct stat st;
    if (stat(dir, &st) != 0)
        return trop_error_set(err, TRO_EIO, -1, "%s: cannot open catalog: %s", dir,
                              strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return trop_error_set(err, TRO_EIO, -1, "%s: a catalog must be a folder", dir);
    return 0;
}

int tro_catalog_new(tro_catalog **out, tro_ctx *ctx, const char *const *dirs, size_t count,
                    tro_error *err)
{
    if (!out || !ctx || (count && !dirs))
        return trop_error_set(err, TRO_EINVAL, -1, "catalog: invalid argument");
    *out = NULL;
    for (size_t i = 0; i < count; i++) {
        if (!dirs[i])
            return trop_error_set(err, TRO_EINVAL, -1, "catalog: folder %zu is NULL", i);
        int rc = check_dir(dirs[i], err);
        if (rc)
            return rc;
    }
    tro_catalog *cat = calloc(1, sizeof *cat);
    if (!cat || pthread_mutex_init(&cat->lock, NULL)) {
        free(cat);
        return trop_error_set(err, TRO_ENOMEM, -1, "catalog: out of memory");
    }
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    o.threads = 1;
    o.flags = TRO_SCAN_NO_HASH;
    o.limits = ctx->limits;
    cat->buckets = calloc(256, sizeof *cat->buckets);
    cat->nbuckets = cat->buckets ? 256 : 0; /* tro_catalog_free() walks them */
    cat->dirs = calloc(count ? count : 1, sizeof *cat->dirs);
    int rc = cat->buckets && cat->dirs ? tro_ctx_new(&cat->ctx, &o, err) : TRO_ENOMEM;
    for (size_t i = 0; !rc && i < count; i++, cat->ndirs++)
        if (!(cat->dirs[i] = trop_strdup(dirs[i])))
            rc = TRO_ENOMEM;
    if (rc) {
        tro_catalog_free(cat);
        return trop_error_set(err, rc, -1, "catalog: %s", tro_strerror(rc));
    }
    *out = cat;
    return 0;
}

/* ---- finding an entry on disk ---------------------------------------------------- */

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A path made for a lookup; NULL with *oom set when memory ran out (the
 * lookup then fails: "not found" would judge the release without it). */
TROP_PRINTF(2, 3)
static char *path_of(bool *oom, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = trop_vasprintf(fmt, ap);
    va_end(ap);
    if (!p)
        *oom = true;
    return p;
}

/* parent/NAME for the entry of parent whose name equals name ignoring ASCII
 * case (the smallest such name when several do), or NULL. */
static char *find_nocase(const char *parent, const char *name, size_t len, bool *oom)
{
    DIR *d = opendir(parent);
    struct dirent *de;
    char best[256] = "";
    while (d && (de = readdir(d)))
        if (strlen(de->d_name) == len && strncasecmp(de->d_name, name, len) == 0 &&
            (!*best || strcmp(de->d_name, best) < 0) && len < sizeof best)
            strcpy(best, de->d_name);
    if (d)
        closedir(d);
    return *best ? path_of(oom, "%s/%s", parent, best) : NULL;
}

/* The Hub treats ids without regard to case (Org/Name is org/name), and
 * cards and caches write them either way: when the folder of id is not
 * there as written, the one whose name differs only in case is. Costs a
 * listing of the folders involved, once per id (ids are cached). */
static char *locate_nocase(const char *dir, const char *sub, const char *id, const char *flat,
                           bool *oom)
{
    char *base = path_of(oom, "%s/%s", dir, sub), *path = NULL;
    const char *slash = strchr(id, '/');
    if (base && slash) {
        char *org = find_nocase(base, id, (size_t)(slash - id), oom);
        path = org ? find_nocase(org, slash + 1, strlen(slash + 1), oom) : NULL;
        free(org);
    } else if (base) {
        path = find_nocase(base, id, strlen(id), oom);
    }
    free(base);
    if (path && is_dir(path))
        return path;
    free(path);
    char *name = path_of(oom, "%s--%s", sub, flat);
    char *repo = name ? find_nocase(dir, name, strlen(name), oom) : NULL;
    path = repo && is_dir(repo) ? trop_hf_repo_snapshot(repo, oom) : NULL;
    free(name);
    free(repo);
    return path;
}

/* The folder of entry id in catalog dir, or NULL (with *oom set when
 * memory ran out). */
static char *locate(const char *dir, tro_ref_kind kind, const char *id, bool *oom)
{
    const char *sub = kind == TRO_REF_MODEL ? "models" : "datasets";
    char *path = path_of(oom, "%s/%s/%s", dir, sub, id);
    if (!path || is_dir(path))
        return path;
    free(path);
    char flat[TROP_HUB_ID_MAX * 2], *p = flat;
    for (const char *s = id; *s; s++) {
        if (*s == '/') {
            *p++ = '-';
            *p++ = '-';
        } else {
            *p++ = *s;
        }
    }
    *p = '\0';
    char *repo = path_of(oom, "%s/%s--%s", dir, sub, flat);
    path = repo && is_dir(repo) ? trop_hf_repo_snapshot(repo, oom) : NULL;
    free(repo);
    return path || *oom ? path : locate_nocase(dir, sub, id, flat, oom);
}

/* ---- reading an entry ------------------------------------------------------------ */

static bool metadata_name(const char *n)
{
    if (n[0] == '.')
        return false;
    if (!strncasecmp(n, "license", 7) || !strncasecmp(n, "licence", 7) ||
        !strncasecmp(n, "copying", 7))
        return true;
    return trop_str_iendswith(n, ".md") || trop_str_iendswith(n, ".markdown") ||
           trop_str_iendswith(n, ".json") || trop_str_iendswith(n, ".yml") ||
           trop_str_iendswith(n, ".yaml");
}


/* Reads one regular file of at most max bytes; NULL when it is not one,
 * or with *oom set when memory ran out. */
static char *slurp(const char *path, uint64_t max, size_t *len, bool *oom)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    char *buf = NULL;
    if (fd < 0)
        return NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size <= max &&
        !(*oom = !(buf = malloc((size_t)st.st_size + 1)))) {
        size_t got = 0;
        ssize_t n;
        while (got < (size_t)st.st_size && (n = read(fd, buf + got, (size_t)st.st_size - got)) > 0)
            got += (size_t)n;
        *len = got;
    }
    close(fd);
    return buf;
}

static int read_entry(tro_catalog *cat, const char *dir, const char *id, tro_release **out)
{
    char *names[MAX_ENTRY_FILES];
    size_t n = 0;
    int rc = tro_release_new(out, cat->ctx, id);
    bool oom = false;
    DIR *d = rc ? NULL : opendir(dir);
    if (!rc && !d && errno == ENOMEM)
        rc = TRO_ENOMEM;
    struct dirent *de;
    while (d && (de = readdir(d)) && n < MAX_ENTRY_FILES)
        if (metadata_name(de->d_name) && !(names[n++] = trop_strdup(de->d_name)))
            rc = TRO_ENOMEM, n--;
    if (d)
        closedir(d);
    qsort(names, n, sizeof *names, trop_cmp_str);
    for (size_t i = 0; i < n; i++) {
        size_t len = 0;
        char *path = rc ? NULL : path_of(&oom, "%s/%s", dir, names[i]);
        char *buf = path ? slurp(path, cat->ctx->limits.max_text_bytes, &len, &oom) : NULL;
        if (oom)
            rc = TRO_ENOMEM;
        if (buf) {
            int a = tro_release_add_buffer(*out, names[i], buf, len);
            if (a == TRO_ENOMEM)
                rc = a;
        }
        free(buf);
        free(path);
        free(names[i]);
    }
    if (!rc)
        rc = trop_release_finish(*out);
    if (rc) {
        tro_release_free(*out);
        *out = NULL;
    }
    return rc;
}

/* ---- the cache -------------------------------------------------------------------- */

static trop_cat_entry *find_locked(tro_catalog *cat, const char *key, uint32_t h)
{
    for (trop_cat_entry *e = cat->buckets[h % cat->nbuckets]; e; e = e->next)
        if (e->hash == h && !strcmp(e->key, key))
            return e;
    return NULL;
}

static void grow_locked(tro_catalog *cat)
{
    size_t nb = cat->nbuckets * 2;
    trop_cat_entry **b = calloc(nb, sizeof *b);
    if (!b)
        return; /* longer chains, still correct */
    for (size_t i = 0; i < cat->nbuckets; i++)
        for (trop_cat_entry *e = cat->buckets[i], *next; e; e = next) {
            next = e->next;
            e->next = b[e->hash % nb];
            b[e->hash % nb] = e;
        }
    free(cat->buckets);
    cat->buckets = b;
    cat->nbuckets = nb;
}

/* Inserts e unless its key is there; returns the entry kept (NULL: e was
 * not kept because the negative cache is full). */
static trop_cat_entry *insert(tro_catalog *cat, trop_cat_entry *e)
{
    pthread_mutex_lock(&cat->lock);
    trop_cat_entry *old = find_locked(cat, e->key, e->hash);
    if (!old && (e->rel || cat->negative < MAX_NEGATIVE)) {
        if (cat->count >= cat->nbuckets * 2)
            grow_locked(cat);
        e->next = cat->buckets[e->hash % cat->nbuckets];
        cat->buckets[e->hash % cat->nbuckets] = e;
        cat->count++;
        cat->negative += !e->rel;
        old = e;
        e = NULL;
    }
    pthread_mutex_unlock(&cat->lock);
    if (e)
        entry_free(e);
    return old;
}

static int load(tro_catalog *cat, tro_ref_kind kind, const char *id, char *key, uint32_t h,
                trop_cat_entry **out)
{
    trop_cat_entry *e = calloc(1, sizeof *e);
    if (!e) {
        free(key);
        return TRO_ENOMEM;
    }
    e->key = key;
    e->hash = h;
    e->result_free = kind == TRO_REF_MODEL ? trop_base_free : trop_dataset_free;
    int rc = 0;
    for (size_t i = 0; !rc && !e->rel && i < cat->ndirs; i++) {
        bool oom = false;
        char *dir = locate(cat->dirs[i], kind, id, &oom);
        if (oom)
            rc = TRO_ENOMEM;
        if (!dir)
            continue;
        rc = read_entry(cat, dir, id, &e->rel);
        if (!rc && !(e->source = trop_asprintf("catalog:%s", dir)))
            rc = TRO_ENOMEM;
        free(dir);
    }
    if (rc) {
        entry_free(e);
        return rc;
    }
    *out = insert(cat, e);
    return 0;
}

int trop_catalog_lookup(tro_catalog *cat, tro_ref_kind kind, const char *id, trop_cat_entry **out)
{
    *out = NULL;
    if (!cat || !trop_hub_id_valid(id))
        return 0;
    /* "m:id" or "d:id" in lower case (one entry however the id is cased),
     * on the stack: a check looks up each of its ids and only a first
     * lookup keeps a copy (a valid id is shorter than the max) */
    char key[2 + TROP_HUB_ID_MAX];
    size_t n = strlen(id);
    key[0] = kind == TRO_REF_MODEL ? 'm' : 'd';
    key[1] = ':';
    for (size_t i = 0; i <= n; i++)
        key[2 + i] = id[i] >= 'A' && id[i] <= 'Z' ? (char)(id[i] - 'A' + 'a') : id[i];
    uint32_t h = fnv(key);
    pthread_mutex_lock(&cat->lock);
    trop_cat_entry *e = find_locked(cat, key, h);
    pthread_mutex_unlock(&cat->lock);
    if (!e) {
        char *copy = trop_strndup(key, n + 2);
        int rc = copy ? load(cat, kind, id, copy, h, &e) : TRO_ENOMEM;
        if (rc)
            return rc;
    }
    *out = e && e->rel ? e : NULL;
    return *out != NULL;
}

const tro_release *trop_cat_entry_release(const trop_cat_entry *e)
{
    return e->rel;
}

const char *trop_cat_entry_source(const trop_cat_entry *e)
{
    return e->source;
}

/* The result pointer is written once under the lock; entries are never
 * freed before the catalog, so a reader may use what it got after unlock. */
const void *trop_cat_entry_result(trop_cat_entry *e)
{
    return __atomic_load_n(&e->result, __ATOMIC_ACQUIRE);
}

const void *trop_cat_entry_set_result(trop_cat_entry *e, void *result, void (*free_fn)(void *))
{
    void *expected = NULL;
    if (__atomic_compare_exchange_n(&e->result, &expected, result, false, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE))
        return result;
    free_fn(result);
    return expected;
}

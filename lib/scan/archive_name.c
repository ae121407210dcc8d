/* What counts as an archive, and the names of its entries: safety checks
 * and the single top-level folder that tarballs usually have. */
#include "scan.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const archive_exts[] = {
    ".tar", ".tar.gz",  ".tgz",  ".tar.bz2", ".tbz2", ".tar.xz",
    ".txz", ".tar.zst", ".tzst", ".zip",     ".7z",
};

/* PyTorch checkpoints are zips (or, long ago, tars): one artifact each. */
static const char *const torch_exts[] = {".bin", ".pt", ".pth", ".ckpt"};

static bool has_magic(const unsigned char *h, size_t n)
{
    static const struct {
        size_t len;
        const char *bytes;
    } magic[] = {
        {2, "\x1f\x8b"}, /* gzip */
        {3, "BZh"},      /* bzip2 */
        {6, "\xfd"
            "7zXZ\0"},             /* xz */
        {4, "\x28\xb5\x2f\xfd"},   /* zstd */
        {6, "7z\xbc\xaf\x27\x1c"}, /* 7-Zip */
    };
    for (size_t i = 0; i < sizeof magic / sizeof *magic; i++)
        if (n >= magic[i].len && memcmp(h, magic[i].bytes, magic[i].len) == 0)
            return true;
    return n >= 262 && memcmp(h + 257, "ustar", 5) == 0; /* POSIX and GNU tar */
}

trop_archive_kind trop_archive_kind_of(const char *name, const unsigned char *head, size_t n,
                                       uint64_t size)
{
    for (size_t i = 0; i < sizeof torch_exts / sizeof *torch_exts; i++)
        if (trop_str_iendswith(name, torch_exts[i]))
            return TROP_NOT_ARCHIVE;
    for (size_t i = 0; i < sizeof archive_exts / sizeof *archive_exts; i++)
        if (trop_str_iendswith(name, archive_exts[i]))
            return TROP_ARCHIVE_BY_NAME;
    if (trop_detect_type(name, head, n, size) == TRO_TYPE_PYTORCH)
        return TROP_NOT_ARCHIVE;
    return has_magic(head, n) ? TROP_ARCHIVE_BY_MAGIC : TROP_NOT_ARCHIVE;
}

/* A ".." between backslashes would climb out on Windows when extracted. */
static bool has_backslash_dotdot(const char *s)
{
    for (const char *p = s; (p = strstr(p, "..")); p += 2) {
        bool start = p == s || p[-1] == '/' || p[-1] == '\\';
        bool end = p[2] == '\0' || p[2] == '/' || p[2] == '\\';
        if (start && end)
            return true;
    }
    return false;
}

int trop_entry_name(const char *raw, char **out, const char **why)
{
    *out = NULL;
    *why = NULL;
    if (!raw || !*raw) {
        *why = "empty name";
        return 0;
    }
    bool drive =
        isalpha((unsigned char)raw[0]) && raw[1] == ':' && (raw[2] == '/' || raw[2] == '\\');
    if (raw[0] == '/' || raw[0] == '\\' || drive) {
        *why = "absolute path";
        return 0;
    }
    while (raw[0] == '.' && raw[1] == '/')
        raw += 2;
    size_t len = strlen(raw);
    while (len > 0 && raw[len - 1] == '/')
        len--;
    if (len == 0 || (len == 1 && raw[0] == '.'))
        return 0; /* "./": the root folder itself */
    /* a name that is not UTF-8 keeps its other bytes, escaped */
    char *name = trop_path_escape(raw, len);
    if (!name)
        return TRO_ENOMEM;
    if (has_backslash_dotdot(name))
        *why = "'..' component";
    else
        *why = trop_path_problem(name);
    if (*why) {
        free(name);
        return 0;
    }
    *out = name;
    return 0;
}

/* Replaces *s by its tail after prefix, if it starts with it. */
static int strip(char **s, const char *prefix, size_t plen)
{
    if (strncmp(*s, prefix, plen) != 0)
        return TRO_OK;
    char *tail = trop_strdup(*s + plen);
    if (!tail)
        return TRO_ENOMEM;
    free(*s);
    *s = tail;
    return TRO_OK;
}

static int strip_findings(trop_findings *fs, const char *prefix, size_t plen)
{
    for (size_t i = 0; i < fs->n; i++)
        if (strip(&fs->v[i].path, prefix, plen) || strip(&fs->v[i].message, prefix, plen))
            return TRO_ENOMEM;
    return TRO_OK;
}

int trop_release_strip_prefix(tro_release *rel, const char *prefix)
{
    size_t plen = strlen(prefix);
    for (size_t i = 0; i < rel->n; i++) {
        tro_artifact *a = rel->arts[i];
        if (strip(&a->path, prefix, plen) || strip_findings(&a->findings, prefix, plen))
            return TRO_ENOMEM;
    }
    rel->arts_done = rel->findings_done = 0; /* paths changed: sorted again by finish */
    return strip_findings(&rel->findings, prefix, plen);
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* What a scan skips: VCS folders (unless TRO_SCAN_NO_DEFAULT_IGNORES) and
 * the context's glob patterns. The same rules serve folders, where they are
 * checked during the walk, and archives, where they are checked once the
 * entries' final paths are known. */
#include "scan.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

static bool is_vcs(const char *name, bool is_dir)
{
    static const char *const vcs[] = {".git", ".hg", ".svn", ".bzr", "CVS", "_darcs"};
    /* .git may also be a file: how worktrees and submodules point at their
     * repository. */
    if (!strcmp(name, ".git"))
        return true;
    for (size_t i = 0; is_dir && i < sizeof vcs / sizeof *vcs; i++)
        if (!strcmp(name, vcs[i]))
            return true;
    return false;
}

int trop_ignore_init(trop_ignore *ig, const tro_ctx *ctx)
{
    *ig = (trop_ignore){.vcs = !(ctx->flags & TRO_SCAN_NO_DEFAULT_IGNORES)};
    size_t n = ctx->ignore_count;
    if (!n)
        return TRO_OK;
    if (!(ig->pats = calloc(n, sizeof *ig->pats)))
        return TRO_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const char *g = ctx->ignore[i];
        size_t len = strlen(g);
        bool dir_only = len > 1 && g[len - 1] == '/';
        if (!(ig->pats[i].glob = trop_strndup(g, dir_only ? len - 1 : len)))
            return TRO_ENOMEM;
        ig->pats[i].dir_only = dir_only;
        ig->n = i + 1;
    }
    return TRO_OK;
}

void trop_ignore_free(trop_ignore *ig)
{
    for (size_t i = 0; i < ig->n; i++)
        free(ig->pats[i].glob);
    free(ig->pats);
    *ig = (trop_ignore){0};
}

bool trop_ignore_match(const trop_ignore *ig, const char *rel, const char *name, bool is_dir)
{
    if (ig->vcs && is_vcs(name, is_dir))
        return true;
    for (size_t i = 0; i < ig->n; i++) {
        const trop_ignore_pattern *p = &ig->pats[i];
        if (p->dir_only && !is_dir)
            continue;
        if (fnmatch(p->glob, rel, FNM_PATHNAME) == 0 || fnmatch(p->glob, name, FNM_PATHNAME) == 0)
            return true;
    }
    return false;
}

int trop_ignore_path(const trop_ignore *ig, const char *rel)
{
    if (!ig->vcs && !ig->n)
        return 0;
    char *p = trop_strdup(rel);
    if (!p)
        return TRO_ENOMEM;
    int hit = 0;
    const char *name = p;
    for (char *s = p; !hit; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        bool last = *s == '\0';
        *s = '\0';
        hit = trop_ignore_match(ig, p, name, !last);
        if (last)
            break;
        *s = '/';
        name = s + 1;
    }
    free(p);
    return hit;
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Archive bytes scanned as a release, the way tro_scan() streams them: the
 * bytes go to a memory file and through trop_archive_scan(). The first byte
 * chooses whether the archive was recognised by its name (corrupt content
 * is a finding) or by its magic (unrecognised content is a plain file). */
#include "fuzz.h"
#include "scan.h"

#include <sys/mman.h>
#include <unistd.h>

TROF_ENTRY(archive)
{
    if (size < 1)
        return 0;
    trop_archive_kind kind = data[0] & 1 ? TROP_ARCHIVE_BY_NAME : TROP_ARCHIVE_BY_MAGIC;
    data++;
    size--;
    int fd = memfd_create("fuzz-archive", MFD_CLOEXEC);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        return 0;
    }
    lseek(fd, 0, SEEK_SET);
    tro_ctx *ctx;
    tro_release *rel;
    tro_ctx_options o = TRO_CTX_OPTIONS_INIT;
    o.threads = 1;
    o.limits.max_entries = 10000;
    o.limits.max_text_bytes = 1 << 20;
    o.limits.max_header_bytes = 1 << 20;
    if (tro_ctx_new(&ctx, &o, NULL) == 0 && tro_release_new(&rel, ctx, "fuzz.tar") == 0) {
        trop_ticker tick;
        trop_ticker_init(&tick, ctx);
        bool not_archive = false;
        tro_error err;
        int rc = trop_archive_scan(rel, fd, size, kind, &tick, &not_archive, &err);
        if (rc && rc != TRO_ENOMEM && rc != TRO_ELIMIT)
            abort();
        if (!rc) {
            trop_release_crosscheck(rel);
            char *text = NULL;
            /* every artifact was hashed and has a UTF-8 path; the manifest
             * is refused only for parts not read (corruption, a bomb) */
            int mrc = tro_release_manifest(rel, &text, NULL);
            if (mrc && (mrc != TRO_EIO || !tro_release_finding_count(rel)))
                abort();
            tro_free(text);
            for (size_t i = 0; i < tro_release_finding_count(rel); i++)
                (void)tro_finding_message(tro_release_finding(rel, i));
        }
        tro_release_free(rel);
    }
    tro_ctx_free(ctx);
    close(fd);
    return 0;
}

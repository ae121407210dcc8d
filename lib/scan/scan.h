/* Private to lib/scan: hashing and the per-artifact pipeline. */
#ifndef TROP_SCAN_H
#define TROP_SCAN_H

#include "internal.h"

typedef struct evp_md_ctx_st EVP_MD_CTX;

typedef struct trop_sha256 {
    EVP_MD_CTX *md;
} trop_sha256;

int trop_sha256_init(trop_sha256 *h);
int trop_sha256_update(trop_sha256 *h, const void *data, size_t len);
/* Writes lowercase hex and frees the state. */
int trop_sha256_final(trop_sha256 *h, char hex[65]);
void trop_sha256_abort(trop_sha256 *h);
int trop_sha256_buf(const void *data, size_t len, char hex[65]);

/* Types artifact a from src and runs its reader (unless TRO_SCAN_NO_READERS).
 * Content problems become findings on a; returns <0 only for ENOMEM/EIO. */
int trop_artifact_read(const tro_ctx *ctx, tro_artifact *a, const trop_src *src);

/* Rejects absolute names, "..", empty components and NUL; 0 if fine, else
 * a static reason. */
const char *trop_path_problem(const char *name);

#endif

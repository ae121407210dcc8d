/* One whole file of a commit: the user's Hugging Face cache first, then
 * ours, then the network (and then ours, for next time). */
#include "hub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* From a cache folder: 1 found, 0 not, <0 error (why filled in). */
static int from_dir(tro_hub *hub, const char *root, const trop_hub_ref *ref, const char *sha,
                    const char *path, uint64_t max, trop_hub_blob *out, char *why, size_t whysz)
{
    char *p = root ? trop_hub_cache_file(root, ref, sha, path) : NULL;
    if (!p)
        return 0;
    int rc = trop_hub_read_file(p, max, &out->data, &out->len);
    if (rc == TRO_ELIMIT)
        snprintf(why, whysz, "%s: larger than %llu bytes (limits.max_text_bytes)", p,
                 (unsigned long long)max);
    if (rc == 1) {
        atomic_fetch_add(&hub->cache_reads, 1);
        out->local = p;
        return 1;
    }
    free(p);
    return rc;
}

int trop_hub_fetch_file(tro_hub *hub, const trop_hub_ref *ref, const char *sha, const char *path,
                        uint64_t max, trop_hub_blob *out, char *why, size_t whysz)
{
    memset(out, 0, sizeof *out);
    int rc = from_dir(hub, hub->hf_cache_dir, ref, sha, path, max, out, why, whysz);
    if (!rc)
        rc = from_dir(hub, hub->cache_dir, ref, sha, path, max, out, why, whysz);
    if (rc)
        return rc < 0 ? rc : 0;
    char *url = trop_hub_file_url(hub, ref, sha, path);
    if (!url)
        return TRO_ENOMEM;
    trop_http_req q = {.url = url, .max_body = max};
    rc = trop_hub_get(hub, &q);
    if (rc) {
        snprintf(why, whysz, "%s", q.err);
    } else {
        /* LFS files answer with the content's SHA-256 as X-Linked-Etag,
         * others with their git blob id: huggingface_hub names blobs so */
        const char *etag = q.linked_etag[0] ? q.linked_etag : q.etag;
        trop_hub_cache_put_file(hub->cache_dir, ref, sha, path, etag, q.body ? q.body : "",
                                q.body_len);
        out->data = q.body ? q.body : trop_strdup("");
        out->len = q.body_len;
        q.body = NULL;
        if (!out->data)
            rc = TRO_ENOMEM;
    }
    trop_http_req_clear(&q);
    free(url);
    return rc;
}

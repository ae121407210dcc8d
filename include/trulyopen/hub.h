/* The Hugging Face Hub: releases checked by their Hub id without
 * downloading their weights, and base models and datasets resolved online. */
#ifndef TRULYOPEN_HUB_H
#define TRULYOPEN_HUB_H

#ifndef TRULYOPEN_H_INSIDE
#error "include <trulyopen.h>, not the headers under trulyopen/"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/**
 * A client of the Hub: endpoint, token, caches, and the HTTP connections
 * (libcurl) it keeps. Thread-safe: share one between threads. A library
 * built without libcurl (configure --without-curl) still reads the caches;
 * whatever needs the network then fails with TRO_EUNSUPPORTED.
 */
typedef struct tro_hub tro_hub;

/** Hub flags (tro_hub_options.flags). */
enum {
    TRO_HUB_OFFLINE = 1u << 0, /**< never use the network, only the caches
                                    (also set by HF_HUB_OFFLINE=1) */
    TRO_HUB_NO_ENV = 1u << 1   /**< ignore the environment variables below */
};

#define TRO_HUB_OPTIONS_VERSION 1

/**
 * Hub options. Initialise with TRO_HUB_OPTIONS_INIT, then set fields. A
 * field left NULL or 0 takes its value from the environment (unless
 * TRO_HUB_NO_ENV), else the default in brackets. Strings are copied.
 */
typedef struct tro_hub_options {
    unsigned int version; /**< TRO_HUB_OPTIONS_VERSION */
    unsigned int flags;   /**< TRO_HUB_* */
    /** Base URL [$HF_ENDPOINT, https://huggingface.co]. */
    const char *endpoint;
    /** Access token [$HF_TOKEN, else the first line of $HF_TOKEN_PATH,
     *  else of $HF_HOME/token]; "" for none. Sent (as "Authorization:
     *  Bearer") only to the endpoint's scheme, host and port. */
    const char *token;
    /** Where metadata is cached, in huggingface_hub's layout
     *  [$TRULYOPEN_CACHE, $XDG_CACHE_HOME/trulyopen/hub,
     *  ~/.cache/trulyopen/hub]; "" for no cache. */
    const char *cache_dir;
    /** The user's own Hugging Face cache, read first, never written
     *  [$HF_HUB_CACHE, $HF_HOME/hub, ~/.cache/huggingface/hub]; "" for none. */
    const char *hf_cache_dir;
    unsigned int max_parallel;       /**< requests at once [8] */
    unsigned int connect_timeout_ms; /**< [$HF_HUB_ETAG_TIMEOUT seconds, 10 s] */
    /** A request that receives nothing for this long fails
     *  [$HF_HUB_DOWNLOAD_TIMEOUT seconds, 10 s]. */
    unsigned int stall_timeout_ms;
    /** A bounded request (an API answer, a metadata file, a byte range)
     *  from start to end [120 s]; not applied to whole-file downloads. */
    unsigned int total_timeout_ms;
    /** Attempts of one request: answers 429 and 5xx, timeouts, broken
     *  connections and truncated bodies are tried again [5]. */
    unsigned int max_tries;
    /** First wait before trying again, doubled each time [500 ms]; a
     *  Retry-After header is honoured instead. */
    unsigned int retry_base_ms;
    /** Total wait between the attempts of one request [30 s]: a longer
     *  Retry-After fails the request at once. */
    unsigned int max_retry_wait_ms;
    /** Largest API answer (one page of a tree listing) [16 MiB]. */
    uint64_t max_response_bytes;
} tro_hub_options;

#define TRO_HUB_OPTIONS_INIT                                                                       \
    {                                                                                              \
        TRO_HUB_OPTIONS_VERSION, 0, NULL, NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0                 \
    }

/**
 * Creates a Hub client; opts may be NULL for the defaults. Nothing is sent
 * until a release is opened or an id resolved. *out is owned by the caller
 * (tro_hub_free()). Errors: TRO_EINVAL (an endpoint that is not an http or
 * https URL), TRO_EVERSION, TRO_ENOMEM.
 */
TRO_API int tro_hub_new(tro_hub **out, const tro_hub_options *opts, tro_error *err);

/** Frees a client; NULL is allowed. Every call using it must have returned. */
TRO_API void tro_hub_free(tro_hub *hub);

/**
 * 1 when s names a Hub repository rather than a local path: hf://ORG/NAME,
 * hf://datasets/ORG/NAME (each with an optional @REV), or a web URL of the
 * Hub or of the client's endpoint (https://huggingface.co/ORG/NAME, with
 * /tree/REV, or /datasets/ORG/NAME...); else 0. hub may be NULL (the
 * default endpoint is then the only web host recognised).
 */
TRO_API int tro_hub_is_ref(const tro_hub *hub, const char *s);

/** tro_hub_open() flags. */
enum {
    /** Stream every Git LFS file through SHA-256 (never storing it) and
     *  compare with the Hub's value: a mismatch is an error finding
     *  ("hub-sha256-mismatch"); the artifacts' sha256_source is then
     *  "computed". */
    TRO_HUB_DOWNLOAD_HASH = 1u << 0,
    /** Also download the files stored without LFS that no reader needs, so
     *  that every artifact has a SHA-256 (for manifests). */
    TRO_HUB_HASH_ALL = 1u << 1
};

/**
 * Opens a Hub repository (ref as tro_hub_is_ref() accepts; REV defaults to
 * "main") as a release, without downloading its weights. The revision is
 * pinned to the commit the Hub answers: the release is named
 * "hf://ORG/NAME@SHA" (hf://datasets/... for datasets). Its artifacts are
 * the files of the tree API with their sizes; files in Git LFS carry the
 * Hub's SHA-256 (tro_artifact_sha256_source() "hub-lfs"). The card,
 * LICENSE files, config.json, adapter_config.json, shard indexes, dataset
 * manifests and MOF YAML are downloaded whole (at most
 * limits.max_text_bytes) and hashed; weights are read by HTTP Range, only
 * what their readers need (a safetensors header, GGUF metadata, a PyTorch
 * zip's central directory and pickles); other files are listed only.
 * ctx gives the limits, ignore patterns and TRO_SCAN_NO_READERS.
 *
 * Metadata, tree listings and the byte ranges read are cached: a second
 * open of a commit sha makes no request, of a branch one. Problems with one
 * file become findings ("hub-fetch-failed", "hub-gated", ...) and the file
 * is listed unread; the call fails only when the repository cannot be
 * listed. On success *out is owned by the caller (tro_release_free()).
 * Errors, with err->message naming the repository, revision or URL:
 * TRO_EINVAL (ref not understood), TRO_ENOTFOUND (no such repository or
 * revision), TRO_EACCESS (private or gated: set HF_TOKEN), TRO_ENETWORK
 * (network failure after the retries, or offline mode and not cached),
 * TRO_EUNSUPPORTED (built without libcurl), TRO_ELIMIT, TRO_ENOMEM.
 */
TRO_API int tro_hub_open(tro_hub *hub, tro_ctx *ctx, const char *ref, unsigned int flags,
                         tro_release **out, tro_error *err);

/**
 * A tro_resolve_fn answering from the Hub (userdata: the tro_hub): the
 * card and top-level metadata files of a model or dataset repository at
 * its main branch, read from the caches first. The answer's source in the
 * report is "hub:ORG/NAME@SHA". Returns TRO_ENOTFOUND for an id the Hub
 * does not have (and, offline, for one not cached), TRO_ENETWORK or
 * TRO_EACCESS with *out holding a finding that says why when it cannot be
 * had now (the check goes on, see tro_resolve_fn).
 */
TRO_API int tro_hub_resolve(tro_ctx *ctx, tro_ref_kind kind, const char *id, tro_release **out,
                            void *hub);

/** What a client has done so far. */
typedef struct tro_hub_stats {
    uint64_t requests;       /**< HTTP requests sent (each attempt, each redirect) */
    uint64_t bytes_received; /**< response headers and bodies */
    uint64_t bytes_sent;     /**< request headers */
    uint64_t cache_reads;    /**< answers taken from a cache instead */
} tro_hub_stats;

/** Fills *out with the counters of hub (zeros when hub is NULL). */
TRO_API void tro_hub_stats_get(const tro_hub *hub, tro_hub_stats *out);

#ifdef __cplusplus
}
#endif

#endif /* TRULYOPEN_HUB_H */

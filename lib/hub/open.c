/* A Hub repository as a release (tro_hub_open): the tree API lists the
 * files, what the readers need is fetched (metadata whole, weights by
 * range), on max_parallel threads whose requests share the client's
 * connections. Nothing is written to disk but the cache. */
#include "hub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_PAGES 100000

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static bool ends(const char *s, const char *suffix)
{
    return trop_str_iendswith(s, suffix);
}

static bool license_name(const char *b)
{
    return !strncasecmp(b, "license", 7) || !strncasecmp(b, "licence", 7) ||
           !strncasecmp(b, "copying", 7);
}

/* Files read by range, by the end of their names: weights, and files whose
 * loading runs code (pickles, NumPy arrays, HDF5 such as Keras .h5), of
 * which the readers need a header, the pickles or a few attributes. */
static const char *const ranged[] = {".safetensors", ".gguf", ".bin",    ".pt",     ".pth",
                                     ".ckpt",        ".pkl",  ".pickle", ".joblib", ".dill",
                                     ".npy",         ".h5",   ".hdf5"};
/* and by their whole names: a TensorFlow SavedModel's graph, a Keras one's
 * metadata */
static const char *const ranged_names[] = {"saved_model.pb", "keras_metadata.pb"};

static bool is_ranged(const char *b)
{
    for (size_t i = 0; i < sizeof ranged / sizeof *ranged; i++)
        if (ends(b, ranged[i]))
            return true;
    for (size_t i = 0; i < sizeof ranged_names / sizeof *ranged_names; i++)
        if (!strcmp(b, ranged_names[i]))
            return true;
    return false;
}

/* What the readers need of a file, by its name. */
static trop_hub_how plan_of(const trop_hub_opener *o, const trop_hub_file *f)
{
    const char *b = base_name(f->path);
    bool top = !strchr(f->path, '/');
    if (o->ctx->flags & TRO_SCAN_NO_READERS)
        return TROP_READ_NONE;
    if (is_ranged(b))
        return TROP_READ_RANGES;
    bool meta =
        license_name(b) || ends(b, ".index.json") ||
        (top && (ends(b, ".md") || ends(b, ".markdown") || ends(b, ".yml") || ends(b, ".yaml") ||
                 !strcasecmp(b, "config.json") || !strcasecmp(b, "adapter_config.json") ||
                 !strcasecmp(b, "datapackage.json") || strcasestr(b, "croissant")));
    if (meta && f->size <= o->ctx->limits.max_text_bytes)
        return TROP_READ_WHOLE;
    if ((o->flags & TRO_HUB_HASH_ALL) && !f->lfs && f->size <= TROP_HASH_ALL_MAX)
        return TROP_READ_WHOLE;
    return TROP_READ_NONE;
}

static void *worker(void *arg)
{
    trop_hub_opener *o = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&o->next, 1);
        pthread_mutex_lock(&o->mu);
        bool stop = o->fatal != 0;
        pthread_mutex_unlock(&o->mu);
        if (i >= o->njobs || stop)
            break;
        int rc = trop_hub_read_one(o, &o->jobs[i]);
        if (rc) {
            pthread_mutex_lock(&o->mu);
            if (!o->fatal)
                o->fatal = rc;
            pthread_mutex_unlock(&o->mu);
        }
    }
    return NULL;
}

static int run_jobs(trop_hub_opener *o)
{
    unsigned want = o->hub->http_opts.max_parallel;
    if (want > o->njobs)
        want = (unsigned)o->njobs;
    pthread_t tids[64];
    unsigned started = 0;
    atomic_init(&o->next, 0);
    for (unsigned i = 1; i < want; i++) /* the calling thread is one of them */
        if (pthread_create(&tids[started], NULL, worker, o) == 0)
            started++;
    worker(o);
    for (unsigned i = 0; i < started; i++)
        pthread_join(tids[i], NULL);
    return o->fatal;
}

/* ---- Listing ----------------------------------------------------------------------- */

static int list_tree(trop_hub_opener *o, char *why, size_t whysz)
{
    char name[64];
    snprintf(name, sizeof name, "tree-%s.json", o->sha);
    char *data = NULL;
    size_t len = 0;
    uint64_t max_entries = o->ctx->limits.max_entries;
    int rc =
        trop_hub_cache_get_meta(o->hub->cache_dir, &o->ref, name, UINT64_MAX >> 1, &data, &len);
    if (rc == 1) {
        atomic_fetch_add(&o->hub->cache_reads, 1);
        rc = trop_hub_parse_tree(data, len, max_entries, &o->tree, why, whysz);
        free(data);
        if (!rc)
            return 0;
        trop_hub_tree_clear(&o->tree); /* a damaged cache entry: ask again */
    }
    char *base = trop_hub_api_url(o->hub, &o->ref, "tree", o->sha);
    char *url = base ? trop_asprintf("%s?recursive=true", base) : NULL;
    free(base);
    rc = url ? 0 : TRO_ENOMEM;
    for (unsigned page = 0; !rc && url; page++) {
        trop_http_req q = {.url = url, .max_body = o->hub->max_response};
        if (page >= MAX_PAGES) {
            snprintf(why, whysz, "%s: more than %d pages", url, MAX_PAGES);
            rc = TRO_ELIMIT;
        } else if ((rc = trop_hub_get(o->hub, &q))) {
            if (snprintf(why, whysz, "listing the files at %s: %s", o->sha, q.err) < 0)
                why[0] = '\0';
        } else if ((rc = trop_hub_parse_tree(q.body ? q.body : "", q.body_len, max_entries,
                                             &o->tree, why, whysz))) {
            size_t n = strlen(why);
            snprintf(why + n, whysz - n, " (%s)", url);
        }
        free(url);
        url = NULL;
        if (!rc && q.link_next)
            url = q.link_next, q.link_next = NULL;
        trop_http_req_clear(&q);
    }
    free(url);
    if (!rc && !trop_hub_tree_json(&o->tree, &data, &len)) {
        trop_hub_cache_put_meta(o->hub->cache_dir, &o->ref, name, data, len);
        free(data);
    }
    return rc;
}

/* The artifacts, as listed; what each needs. */
static int plan(trop_hub_opener *o, tro_error *err)
{
    trop_ignore ig;
    int rc = trop_ignore_init(&ig, o->ctx);
    if (!rc && o->tree.n && !(o->jobs = calloc(o->tree.n, sizeof *o->jobs)))
        rc = TRO_ENOMEM;
    for (size_t i = 0; !rc && i < o->tree.n; i++) {
        const trop_hub_file *f = &o->tree.v[i];
        int skip = trop_ignore_path(&ig, f->path);
        if (skip < 0)
            rc = skip;
        if (skip)
            continue;
        char *path = trop_path_escape(f->path, strlen(f->path)); /* as a scan names it */
        tro_artifact *a = path ? trop_release_add(o->rel, path, f->size) : NULL;
        free(path);
        if (!a) {
            rc = TRO_ENOMEM;
            break;
        }
        a->type = trop_detect_type(f->path, (const unsigned char *)"", 0, f->size);
        trop_hub_lfs_hash(a, f);
        o->jobs[o->njobs++] = (trop_hub_job){a, f, plan_of(o, f)};
    }
    trop_ignore_free(&ig);
    return rc ? trop_error_set(err, rc, -1, "%s: out of memory", o->ref.id) : 0;
}

static int release_names(trop_hub_opener *o)
{
    const char *ds = o->ref.kind == TRO_REF_DATASET ? "datasets/" : "";
    free(o->rel->name);
    o->rel->name = trop_asprintf("hf://%s%s@%s", ds, o->ref.id, o->sha);
    o->rel->origin = trop_asprintf("hub:%s%s@%s", ds, o->ref.id, o->sha);
    return o->rel->name && o->rel->origin ? 0 : TRO_ENOMEM;
}

int tro_hub_open(tro_hub *hub, tro_ctx *ctx, const char *ref, unsigned int flags, tro_release **out,
                 tro_error *err)
{
    if (!out)
        return trop_error_set(err, TRO_EINVAL, -1, "hub: out is NULL");
    *out = NULL;
    if (!hub || !ctx || !ref)
        return trop_error_set(err, TRO_EINVAL, -1, "hub: hub, ctx and ref are required");
    trop_hub_opener o = {.hub = hub, .ctx = ctx, .flags = flags};
    const char *bad;
    int rc = trop_hub_ref_parse(ref, hub->endpoint, &o.ref, &bad);
    if (rc != 1)
        return trop_error_set(err, TRO_EINVAL, -1, "%s: %s", ref,
                              rc ? bad : "not a Hub reference (hf://ORG/NAME[@REV] or a Hub URL)");
    char why[512] = "";
    bool cached;
    if ((rc = trop_hub_commit(hub, &o.ref, o.sha, NULL, &cached, why, sizeof why)))
        return trop_error_set(err, rc, -1, "%s: %s", ref, why);
    if ((rc = list_tree(&o, why, sizeof why))) {
        trop_hub_tree_clear(&o.tree);
        return trop_error_set(err, rc, -1, "%s: %s", ref, why);
    }
    if ((rc = tro_release_new(&o.rel, ctx, ref)) || (rc = release_names(&o)) ||
        pthread_mutex_init(&o.mu, NULL)) {
        tro_release_free(o.rel);
        trop_hub_tree_clear(&o.tree);
        return trop_error_set(err, rc ? rc : TRO_ENOMEM, -1, "%s: out of memory", ref);
    }
    if (!(rc = plan(&o, err)) && o.njobs && (rc = run_jobs(&o)))
        trop_error_set(err, rc, -1, "%s: %s", ref, tro_strerror(rc));
    if (!rc && ((rc = trop_release_crosscheck(o.rel)) || (rc = trop_release_finish(o.rel))))
        trop_error_set(err, rc, -1, "%s: %s", ref, tro_strerror(rc));
    pthread_mutex_destroy(&o.mu);
    free(o.jobs);
    trop_hub_tree_clear(&o.tree);
    if (rc) {
        tro_release_free(o.rel);
        return rc;
    }
    *out = o.rel;
    return 0;
}

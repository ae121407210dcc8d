/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Batch checks (tro_batch_*): worker threads take inputs from a queue, make
 * each release, check it against the shared catalog and policy, render it,
 * and leave the finished item on a list the caller takes from. The caller
 * bounds memory by how many inputs it keeps pending; the batch itself holds
 * only what is queued, running or finished and not yet taken.
 *
 * With TRO_BATCH_CALLER_WORKS the caller works instead of waiting: a thread
 * sleeping in tro_batch_next() and woken for every item cost the CLI's
 * --batch -j 1 a third of its rate against checks on one thread in memory
 * (bench/batch.sh, on a loaded machine, where every wake-up waits its turn). */
#include "internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct tro_batch_item {
    tro_batch_item *next; /* in the queue or in the finished list */
    uint64_t index;
    void *tag;
    char *input;
    tro_release *rel; /* submitted release, until checked */
    int code;
    char *message;
    tro_report *report;
    int policy_met;
    char *json;
    size_t json_len;
};

struct tro_batch {
    tro_ctx *ctx;
    tro_batch_options o;
    pthread_mutex_t mu;
    pthread_cond_t work, finished;
    tro_batch_item *queue, **queue_tail; /* under mu */
    tro_batch_item *done;                /* under mu: finished, not taken */
    uint64_t submitted, taken;           /* under mu */
    bool stop;                           /* under mu */
    pthread_t *tids;
    unsigned nthreads;
};

/* Records a failure; msg is used as it is when it names the input already
 * (as the scanner's messages do). */
static void item_fail(tro_batch_item *it, int code, const char *msg)
{
    size_t n = strlen(it->input);
    it->code = code;
    free(it->message);
    if (msg && !strncmp(msg, it->input, n) && msg[n] == ':')
        it->message = trop_strdup(msg);
    else
        it->message = trop_asprintf("%s: %s", it->input, msg && *msg ? msg : tro_strerror(code));
}

/* Makes, checks, judges and renders one item, on a worker thread. */
static void run_item(tro_batch *b, tro_batch_item *it)
{
    tro_error err = {0};
    tro_release *rel = it->rel;
    it->rel = NULL;
    int rc = 0;
    if (!rel) {
        rc = b->o.open ? b->o.open(b->ctx, it->input, &rel, &err, b->o.open_userdata)
                       : tro_scan(b->ctx, it->input, &rel, &err);
        if (!rc && !rel)
            rc = trop_error_set(&err, TRO_EINVAL, -1, "the open callback gave no release");
    }
    tro_check_options co = TRO_CHECK_OPTIONS_INIT;
    co.catalog = b->o.catalog;
    co.max_lineage_depth = b->o.max_lineage_depth;
    if (!rc)
        rc = tro_check(b->ctx, rel, &co, &it->report, &err);
    tro_release_free(rel);
    if (rc) {
        item_fail(it, rc, err.message);
        return;
    }
    if ((it->policy_met = tro_report_apply_policy(it->report, b->o.policy)) < 0) {
        item_fail(it, it->policy_met, "the policy could not be applied");
        return;
    }
    if (b->o.flags & (TRO_BATCH_JSON | TRO_BATCH_COMPACT | TRO_BATCH_NO_ARTIFACTS)) {
        tro_render_options ro = TRO_RENDER_OPTIONS_INIT;
        ro.flags = ((b->o.flags & TRO_BATCH_COMPACT) ? TRO_RENDER_COMPACT : 0) |
                   ((b->o.flags & TRO_BATCH_NO_ARTIFACTS) ? TRO_RENDER_NO_ARTIFACTS : 0);
        if ((rc = tro_report_render(it->report, &ro, &it->json, &it->json_len)))
            item_fail(it, rc, "the report could not be rendered");
    }
}

/* Takes the first queued input, or NULL (under b->mu). */
static tro_batch_item *take_queued(tro_batch *b)
{
    tro_batch_item *it = b->queue;
    if (it && !(b->queue = it->next))
        b->queue_tail = &b->queue;
    return it;
}

static void *worker(void *arg)
{
    tro_batch *b = arg;
    pthread_mutex_lock(&b->mu);
    for (;;) {
        while (!b->queue && !b->stop)
            pthread_cond_wait(&b->work, &b->mu);
        if (b->stop)
            break;
        tro_batch_item *it = take_queued(b);
        pthread_mutex_unlock(&b->mu);
        run_item(b, it);
        pthread_mutex_lock(&b->mu);
        it->next = b->done;
        b->done = it;
        pthread_cond_broadcast(&b->finished);
    }
    pthread_mutex_unlock(&b->mu);
    return NULL;
}

static unsigned online_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1u : n > 256 ? 256u : (unsigned)n;
}

int tro_batch_new(tro_batch **out, tro_ctx *ctx, const tro_batch_options *opts, tro_error *err)
{
    static const tro_batch_options defaults = TRO_BATCH_OPTIONS_INIT;
    if (!out)
        return trop_error_set(err, TRO_EINVAL, -1, "tro_batch_new: out is NULL");
    *out = NULL;
    if (!ctx)
        return trop_error_set(err, TRO_EINVAL, -1, "tro_batch_new: ctx is NULL");
    if (!opts)
        opts = &defaults;
    if (opts->version != TRO_BATCH_OPTIONS_VERSION)
        return trop_error_set(err, TRO_EVERSION, -1,
                              "tro_batch_new: options version %u not supported (expected %d)",
                              opts->version, TRO_BATCH_OPTIONS_VERSION);
    tro_batch *b = calloc(1, sizeof *b);
    if (!b)
        return trop_error_set(err, TRO_ENOMEM, -1, "tro_batch_new: out of memory");
    b->ctx = ctx;
    b->o = *opts;
    b->queue_tail = &b->queue;
    unsigned want = opts->threads ? (opts->threads > 256 ? 256 : opts->threads) : online_cpus();
    bool caller = (opts->flags & TRO_BATCH_CALLER_WORKS) != 0;
    if (caller)
        want--; /* the caller is one of them */
    int sync = 0; /* how many of the mutex and two conditions exist */
    if (!pthread_mutex_init(&b->mu, NULL) && ++sync && !pthread_cond_init(&b->work, NULL) &&
        ++sync && !pthread_cond_init(&b->finished, NULL) && ++sync)
        b->tids = calloc(want ? want : 1, sizeof *b->tids);
    while (b->tids && b->nthreads < want &&
           pthread_create(&b->tids[b->nthreads], NULL, worker, b) == 0)
        b->nthreads++;
    if (!b->tids || (!b->nthreads && !caller)) {
        if (sync == 3) {
            tro_batch_free(b);
        } else {
            if (sync > 1)
                pthread_cond_destroy(&b->work);
            if (sync > 0)
                pthread_mutex_destroy(&b->mu);
            free(b);
        }
        return trop_error_set(err, TRO_ENOMEM, -1, "tro_batch_new: no worker thread");
    }
    *out = b;
    return TRO_OK;
}

static void item_free(tro_batch_item *it)
{
    if (!it)
        return;
    tro_release_free(it->rel);
    tro_report_free(it->report);
    free(it->input);
    free(it->message);
    free(it->json);
    free(it);
}

static int enqueue(tro_batch *b, tro_batch_item *it, void *tag)
{
    it->tag = tag;
    it->policy_met = -1;
    pthread_mutex_lock(&b->mu);
    it->index = b->submitted++;
    *b->queue_tail = it;
    b->queue_tail = &it->next;
    pthread_cond_signal(&b->work);
    pthread_mutex_unlock(&b->mu);
    return TRO_OK;
}

int tro_batch_submit(tro_batch *b, const char *input, void *tag)
{
    if (!b || !input || !*input)
        return TRO_EINVAL;
    tro_batch_item *it = calloc(1, sizeof *it);
    if (!it || !(it->input = trop_strdup(input))) {
        free(it);
        return TRO_ENOMEM;
    }
    return enqueue(b, it, tag);
}

int tro_batch_submit_release(tro_batch *b, tro_release *rel, void *tag)
{
    if (!b || !rel) {
        tro_release_free(rel);
        return TRO_EINVAL;
    }
    tro_batch_item *it = calloc(1, sizeof *it);
    if (!it || !(it->input = trop_strdup(tro_release_name(rel)))) {
        free(it);
        tro_release_free(rel);
        return TRO_ENOMEM;
    }
    it->rel = rel;
    return enqueue(b, it, tag);
}

size_t tro_batch_pending(const tro_batch *b)
{
    if (!b)
        return 0;
    tro_batch *mb = (tro_batch *)b; /* the lock only */
    pthread_mutex_lock(&mb->mu);
    size_t n = (size_t)(b->submitted - b->taken);
    pthread_mutex_unlock(&mb->mu);
    return n;
}

/* Unlinks the item to hand out next from the finished list, or NULL. */
static tro_batch_item *take_done(tro_batch *b)
{
    tro_batch_item **p = &b->done;
    if (b->o.flags & TRO_BATCH_IN_ORDER)
        while (*p && (*p)->index != b->taken)
            p = &(*p)->next;
    tro_batch_item *it = *p;
    if (it)
        *p = it->next;
    return it;
}

int tro_batch_next(tro_batch *b, int wait, tro_batch_item **out)
{
    if (!out)
        return TRO_EINVAL;
    *out = NULL;
    if (!b)
        return TRO_EINVAL;
    bool caller = (b->o.flags & TRO_BATCH_CALLER_WORKS) != 0;
    pthread_mutex_lock(&b->mu);
    tro_batch_item *it = NULL;
    while (b->taken < b->submitted && !(it = take_done(b)) && wait) {
        tro_batch_item *work = caller ? take_queued(b) : NULL;
        if (!work) {
            pthread_cond_wait(&b->finished, &b->mu);
            continue;
        }
        pthread_mutex_unlock(&b->mu);
        run_item(b, work);
        pthread_mutex_lock(&b->mu);
        work->next = b->done;
        b->done = work;
    }
    if (it) {
        b->taken++;
        it->next = NULL;
    }
    pthread_mutex_unlock(&b->mu);
    *out = it;
    return it ? TRO_OK : TRO_ENOTFOUND;
}

void tro_batch_free(tro_batch *b)
{
    if (!b)
        return;
    pthread_mutex_lock(&b->mu);
    b->stop = true;
    pthread_cond_broadcast(&b->work);
    pthread_mutex_unlock(&b->mu);
    for (unsigned i = 0; i < b->nthreads; i++)
        pthread_join(b->tids[i], NULL);
    for (tro_batch_item *lists[2] = {b->queue, b->done}, **l = lists; l < lists + 2; l++)
        while (*l) {
            tro_batch_item *next = (*l)->next;
            item_free(*l);
            *l = next;
        }
    pthread_cond_destroy(&b->work);
    pthread_cond_destroy(&b->finished);
    pthread_mutex_destroy(&b->mu);
    free(b->tids);
    free(b);
}

uint64_t tro_batch_item_index(const tro_batch_item *it)
{
    return it ? it->index : 0;
}

void *tro_batch_item_tag(const tro_batch_item *it)
{
    return it ? it->tag : NULL;
}

const char *tro_batch_item_input(const tro_batch_item *it)
{
    return it ? it->input : NULL;
}

int tro_batch_item_error(const tro_batch_item *it, const char **message)
{
    if (message)
        *message = it && it->message ? it->message : "";
    return it ? it->code : TRO_EINVAL;
}

const tro_report *tro_batch_item_report(const tro_batch_item *it)
{
    return it && !it->code ? it->report : NULL;
}

tro_report *tro_batch_item_take_report(tro_batch_item *it)
{
    if (!it || it->code)
        return NULL;
    tro_report *r = it->report;
    it->report = NULL;
    return r;
}

int tro_batch_item_policy_met(const tro_batch_item *it)
{
    return it && !it->code ? it->policy_met : -1;
}

const char *tro_batch_item_json(const tro_batch_item *it, size_t *len)
{
    if (len)
        *len = it && it->json ? it->json_len : 0;
    return it && !it->code ? it->json : NULL;
}

void tro_batch_item_free(tro_batch_item *it)
{
    item_free(it);
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* registry_ingest: how a model registry embeds libtrulyopen.
 *
 * A registry keeps every file of every repository in its own database and
 * checks each new upload before it is listed. This program plays both parts
 * in memory: STORE stands for the database (base models and datasets the
 * uploads refer to by Hub id), UPLOADS for the incoming model releases. The
 * library never touches the file system here: releases are built from
 * buffers, and the base models and datasets a card names are answered by a
 * resolver callback reading STORE.
 *
 * The registry stores the parts of each report it shows in its own tables,
 * read with the report's accessors: no JSON is written or parsed.
 *
 * Usage: registry_ingest [THREADS [DIR]]   (default 2 threads)
 * Prints one line per upload, in upload order whatever THREADS is, its
 * fields separated by tabs:
 *   ID VERDICT USE_FREEDOM METHOD_TRANSPARENCY DATA_ACCESS accepted|rejected
 * and, given DIR, writes the rows stored for each upload to DIR/N.tsv (N:
 * the upload's index), one per line, the table's name first:
 *   license   SOURCE PATH EXPRESSION CATEGORY free|not-free
 *   finding   SEVERITY CODE PATH
 *   lineage   DEPTH ID SOURCE VERDICT
 *   dataset   ID SOURCE LICENSE free|not-free|unknown
 *   artifact  PATH TYPE SHA256
 *   policy    FAILURE
 * Exit status 0 when every upload was checked, 1 on any error.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <trulyopen.h>

struct file { const char *name; const char *data; size_t len; };
#define FILE_(name, lit) { name, lit, sizeof(lit) - 1 }
#define MAX_FILES 3

/* A repository as the database holds it: its id and its files. */
struct repo { tro_ref_kind kind; const char *id; struct file files[MAX_FILES]; };

/* A tiny but valid safetensors file: 8-byte little-endian header length (56),
 * the JSON header padded with spaces, then two float32 values. */
#define WEIGHTS "\x38\0\0\0\0\0\0\0" \
    "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}  " \
    "\0\0\x80\x3f\0\0\0\x40"
#define METHOD "\n## Training procedure\n\nThe training code is public at " \
    "https://github.com/acme/train and the method is described in " \
    "https://arxiv.org/abs/1706.03762. We trained one epoch with AdamW " \
    "(learning rate 3e-4, batch size 32) and evaluated on a held-out split.\n"
#define CARD(front) "---\n" front "---\n# Model\n" METHOD

static const struct repo STORE[] = {
    { TRO_REF_MODEL, "meta-llama/Llama-2-7b-hf",
      { FILE_("README.md", "---\nlicense: llama2\n---\n# Llama 2\n") } },
    { TRO_REF_MODEL, "acme/open-base",
      { FILE_("README.md", CARD("license: apache-2.0\ndatasets:\n  - wikimedia/wikipedia\n")) } },
    { TRO_REF_DATASET, "wikimedia/wikipedia",
      { FILE_("README.md", "---\nlicense: cc-by-sa-4.0\n---\n# Wikipedia\n") } },
    { TRO_REF_DATASET, "acme/nc-captions",
      { FILE_("README.md", "---\nlicense: cc-by-nc-4.0\n---\n# Captions (non-commercial)\n") } },
};

/* Incoming uploads; the comment after each says what the check should find. */
static const struct repo UPLOADS[] = {
    { TRO_REF_MODEL, "alice/open-7b",           /* free licence, method, free data */
      { FILE_("README.md", CARD("license: apache-2.0\ndatasets:\n  - wikimedia/wikipedia\n")),
        FILE_("config.json", "{\"model_type\": \"tiny\"}"),
        FILE_("model.safetensors", WEIGHTS) } },
    { TRO_REF_MODEL, "bob/llama-mit",           /* Llama 2 fine-tune relabelled MIT */
      { FILE_("README.md", CARD("license: mit\nbase_model: meta-llama/Llama-2-7b-hf\n"
                                "datasets:\n  - wikimedia/wikipedia\n")),
        FILE_("model.safetensors", WEIGHTS) } },
    { TRO_REF_MODEL, "carol/nc-captioner",      /* trained on non-commercial data */
      { FILE_("README.md", CARD("license: apache-2.0\ndatasets:\n  - acme/nc-captions\n")),
        FILE_("model.safetensors", WEIGHTS) } },
    { TRO_REF_MODEL, "dave/open-base-ft",       /* fine-tune of a truly open base */
      { FILE_("README.md", CARD("license: apache-2.0\nbase_model: acme/open-base\n"
                                "datasets:\n  - wikimedia/wikipedia\n")) } },
    { TRO_REF_MODEL, "erin/mystery-data",       /* dataset the registry does not hold */
      { FILE_("README.md", CARD("license: apache-2.0\ndatasets:\n  - nobody/secret-set\n")) } },
};
#define N_UPLOADS (sizeof UPLOADS / sizeof UPLOADS[0])

/* The registry's gate: free weights and a public method are required; data
 * not shown to be free is tolerated, data known to be non-free is not. */
static const char POLICY[] =
    "{\"format\": \"trulyopen-policy\", \"format_version\": 1,"
    " \"criteria\": {\"use_freedom\": \"pass\", \"method_transparency\": \"partial\","
    " \"data_access\": \"unknown\"},"
    " \"licenses\": {\"deny\": [\"non-commercial\", \"use-restricted\"]},"
    " \"fail_on_severity\": \"error\"}";

/* What a check of one upload leaves behind: the report, whose parts the
 * main thread stores once every check is done (a report may be read by
 * another thread than the one that made it). */
struct result {
    int rc;                 /* TRO_OK, or why the check could not run */
    tro_report *report;     /* owned: tro_report_free() */
    int accepted;
};

struct job {
    tro_ctx *ctx;           /* shared: a context is immutable */
    const tro_policy *policy; /* shared: a policy is immutable too */
    unsigned int first, step;
    struct result *results; /* each thread writes only its own slots */
};

static int build_release(tro_ctx *ctx, const struct repo *r, tro_release **out)
{
    tro_release *rel = NULL;
    int rc = tro_release_new(&rel, ctx, r->id);
    for (size_t i = 0; rc == TRO_OK && i < MAX_FILES && r->files[i].name; i++)
        rc = tro_release_add_buffer(rel, r->files[i].name, r->files[i].data, r->files[i].len);
    if (rc != TRO_OK) {
        tro_release_free(rel);
        rel = NULL;
    }
    *out = rel;
    return rc;
}

/* Called by tro_check() on the checking thread for each base model or dataset
 * a card names. Answering from the registry's own database keeps the check
 * offline and consistent with what the registry serves. */
static int resolve(tro_ctx *ctx, tro_ref_kind kind, const char *id,
                   tro_release **out, void *userdata)
{
    (void)userdata; /* STORE is static; a real registry passes its DB handle */
    for (size_t i = 0; i < sizeof STORE / sizeof STORE[0]; i++)
        if (STORE[i].kind == kind && strcmp(STORE[i].id, id) == 0)
            return build_release(ctx, &STORE[i], out);
    return TRO_ENOTFOUND; /* not fatal: the check records it as unresolved */
}

static int check_upload(const struct job *job, const struct repo *up, struct result *res)
{
    tro_release *rel = NULL;
    tro_report *report = NULL;
    tro_check_options opts = TRO_CHECK_OPTIONS_INIT;
    int rc = build_release(job->ctx, up, &rel);
    if (rc != TRO_OK)
        goto done;
    opts.resolve = resolve;
    rc = tro_check(job->ctx, rel, &opts, &report, NULL);
    if (rc != TRO_OK)
        goto done;
    /* Apply the policy before rendering: its outcome is part of the JSON. */
    /* The policy's outcome is part of what the registry stores. */
    rc = tro_report_apply_policy(report, job->policy);
    if (rc < 0)
        goto done;
    res->accepted = rc;
    res->report = report; /* kept for storing */
    report = NULL;
    rc = TRO_OK;
done:
    tro_report_free(report);
    tro_release_free(rel); /* the report does not borrow from the release */
    return rc;
}

static const char *or_dash(const char *s)
{
    return s ? s : "-";
}

/* Stands for the INSERTs of one report's rows into the registry's tables:
 * each row is read from the report's parts, strings borrowed from it. */
static void store_rows(FILE *f, const tro_report *r)
{
    size_t i;
    for (i = 0; i < tro_report_license_count(r); i++) {
        const tro_statement *s = tro_report_license(r, i);
        fprintf(f, "license\t%s\t%s\t%s\t%s\t%s\n", tro_statement_source(s),
                tro_statement_path(s), or_dash(tro_statement_expression(s)),
                tro_license_category_name(tro_statement_category(s)),
                tro_statement_free(s) ? "free" : "not-free");
    }
    for (i = 0; i < tro_report_finding_count(r); i++) {
        const tro_judged_finding *x = tro_report_finding(r, i);
        fprintf(f, "finding\t%s\t%s\t%s\n", tro_severity_name(tro_judged_finding_severity(x)),
                tro_judged_finding_code(x), tro_judged_finding_path(x));
    }
    for (i = 0; i < tro_report_lineage_count(r); i++) {
        const tro_lineage_step *s = tro_report_lineage(r, i);
        fprintf(f, "lineage\t%u\t%s\t%s\t%s\n", tro_lineage_step_depth(s),
                tro_lineage_step_id(s), or_dash(tro_lineage_step_source(s)),
                or_dash(tro_lineage_step_verdict(s)));
    }
    for (i = 0; i < tro_report_dataset_count(r); i++) {
        const tro_dataset *d = tro_report_dataset(r, i);
        int free_ = tro_dataset_free_for_data(d);
        fprintf(f, "dataset\t%s\t%s\t%s\t%s\n", tro_dataset_id(d),
                or_dash(tro_dataset_source(d)), or_dash(tro_dataset_license(d)),
                free_ > 0 ? "free" : free_ == 0 ? "not-free" : "unknown");
    }
    for (i = 0; i < tro_report_artifact_count(r); i++) {
        const tro_judged_artifact *a = tro_report_artifact(r, i);
        fprintf(f, "artifact\t%s\t%s\t%s\n", tro_judged_artifact_path(a),
                tro_type_name(tro_judged_artifact_type(a)),
                or_dash(tro_judged_artifact_sha256(a)));
    }
    for (i = 0; i < tro_report_policy_failure_count(r); i++)
        fprintf(f, "policy\t%s\n", tro_report_policy_failure(r, i));
}

static int save_rows(const char *dir, size_t index, const tro_report *r)
{
    char path[4096];
    FILE *f;
    int ok;
    if (snprintf(path, sizeof path, "%s/%zu.tsv", dir, index) >= (int)sizeof path)
        return TRO_EINVAL;
    f = fopen(path, "w");
    if (!f)
        return TRO_EIO;
    store_rows(f, r);
    ok = !ferror(f);
    ok = (fclose(f) == 0) && ok;
    return ok ? TRO_OK : TRO_EIO;
}

static void *worker(void *arg)
{
    const struct job *job = arg;
    for (size_t i = job->first; i < N_UPLOADS; i += job->step)
        job->results[i].rc = check_upload(job, &UPLOADS[i], &job->results[i]);
    return NULL;
}

int main(int argc, char **argv)
{
    tro_ctx *ctx = NULL;
    tro_policy *policy = NULL;
    tro_ctx_options copts = TRO_CTX_OPTIONS_INIT;
    tro_error err;
    struct result results[N_UPLOADS] = { { 0 } };
    struct job jobs[16];
    pthread_t tids[16];
    unsigned int nthreads = argc > 1 ? (unsigned int)strtoul(argv[1], NULL, 10) : 2;
    unsigned int started = 0;
    int status = 1;

    if (nthreads < 1 || nthreads > 16) {
        fprintf(stderr, "usage: %s [THREADS 1-16]\n", argv[0]);
        return 2;
    }
    /* Parallelism comes from checking several uploads at once, so each scan
     * needs no hashing workers of its own. */
    copts.threads = 1;
    if (tro_ctx_new(&ctx, &copts, &err) != TRO_OK ||
        tro_policy_new(&policy, POLICY, sizeof POLICY - 1, &err) != TRO_OK) {
        fprintf(stderr, "registry_ingest: %s\n", err.message);
        goto done;
    }
    for (; started < nthreads; started++) {
        jobs[started] = (struct job){ ctx, policy, started, nthreads, results };
        if (pthread_create(&tids[started], NULL, worker, &jobs[started]) != 0) {
            fprintf(stderr, "registry_ingest: cannot start thread %u\n", started);
            break;
        }
    }
    for (unsigned int t = 0; t < started; t++)
        pthread_join(tids[t], NULL);
    if (started < nthreads)
        goto done;
    status = 0;
    for (size_t i = 0; i < N_UPLOADS; i++) {
        const struct result *r = &results[i];
        if (r->rc != TRO_OK) {
            fprintf(stderr, "registry_ingest: %s: %s\n", UPLOADS[i].id, tro_strerror(r->rc));
            status = 1;
            continue;
        }
        printf("%s\t%s", UPLOADS[i].id, tro_report_verdict(r->report));
        for (int c = 0; c < 3; c++)
            printf("\t%s", tro_status_name(tro_report_status(r->report, (tro_criterion)c)));
        printf("\t%s\n", r->accepted ? "accepted" : "rejected");
        if (argc > 2 && save_rows(argv[2], i, r->report) != TRO_OK) {
            fprintf(stderr, "registry_ingest: cannot write a report to %s\n", argv[2]);
            status = 1;
        }
    }
done:
    for (size_t i = 0; i < N_UPLOADS; i++)
        tro_report_free(results[i].report);
    tro_policy_free(policy);
    tro_ctx_free(ctx);
    return status;
}

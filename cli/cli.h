/* Shared by the CLI's subcommands. The CLI uses only the public API. */
#ifndef TROCLI_H
#define TROCLI_H

#include <stdbool.h>
#include <stdio.h>

#include <trulyopen.h>

/* Exit codes, the CLI's contract with scripts and CI pipelines. */
enum {
    TRC_EXIT_OK = 0,       /* success; check or verify passed */
    TRC_EXIT_FAIL = 1,     /* verify found differences; policy not met */
    TRC_EXIT_USAGE = 2     /* usage error or unreadable input */
};

typedef struct trc_command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
} trc_command;

/* "trulyopen: PATH: message" on stderr. path may be NULL. */
void trc_error(const char *path, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Parses a positive integer option value; false (with a message) if bad. */
bool trc_parse_uint(const char *opt, const char *s, unsigned long max,
                    unsigned long *out);

/* Writes text to path ("-" or NULL: stdout), atomically for files. */
int trc_write_output(const char *path, const char *text, size_t len);

/* A progress bar on stderr when it is a terminal; see progress.c. */
typedef struct trc_progress trc_progress;
int trc_progress_cb(uint64_t done, uint64_t total, void *userdata);
trc_progress *trc_progress_new(bool quiet);
void trc_progress_end(trc_progress *p);

/* Options shared by the commands that scan a release (scan.c). */
typedef struct trc_scan_opts {
    unsigned long jobs;        /* 0: one per CPU */
    bool quiet;                /* no progress bar, no findings on stderr */
    unsigned int flags;        /* TRO_SCAN_* */
    const char **ignore;       /* --ignore patterns (argv strings) */
    size_t nignore;
    bool own_findings;         /* the command prints findings itself */
} trc_scan_opts;

/* Handles an option shared by scanning commands (-j, -q, --ignore,
 * --no-default-ignores). Returns 1 if handled, 0 if not one of them, -1 on
 * a bad value (message printed). */
int trc_scan_opt(trc_scan_opts *o, int opt, const char *arg);
#define TRC_OPT_IGNORE 0x100
#define TRC_OPT_NO_DEFAULT_IGNORES 0x101
#define TRC_OPT_NO_HASH 0x102
#define TRC_OPT_HASH_SPARSE 0x103
/* getopt_long entries for the shared options. */
#define TRC_SCAN_LONGOPTS                                                  \
    {"jobs", required_argument, NULL, 'j'},                                \
    {"quiet", no_argument, NULL, 'q'},                                     \
    {"ignore", required_argument, NULL, TRC_OPT_IGNORE},                   \
    {"no-default-ignores", no_argument, NULL, TRC_OPT_NO_DEFAULT_IGNORES}, \
    {"hash-sparse", no_argument, NULL, TRC_OPT_HASH_SPARSE}
/* Help text for the shared options. */
extern const char trc_scan_opts_help[];

/* Scans path: progress bar, findings on stderr (unless quiet), errors
 * printed. Returns the release (free with tro_release_free(), then
 * tro_ctx_free(*ctx)), or NULL after printing why. */
tro_release *trc_scan(const char *path, const trc_scan_opts *o, tro_ctx **ctx);

/* check --batch (batch.c): what the command line gave. */
typedef struct trc_batch_args {
    const char *input;            /* FILE, or "-" for stdin */
    const char *output;           /* NULL or "-": stdout */
    const trc_scan_opts *scan;    /* jobs: releases at once; flags, ignores */
    const char *const *catalogs;
    size_t ncatalogs;
    const tro_policy *policy;     /* NULL: the default policy */
    unsigned max_depth;
    bool no_artifacts;            /* --no-artifacts: reports without the artifact list */
    /* How a line becomes a release: NULL reads it as check's PATH with
     * tro_scan(); a command that takes other kinds of PATH (Hub ids)
     * gives the same opener here, so a line is whatever check accepts. */
    tro_batch_open_fn open;
    void *open_userdata;
} trc_batch_args;
/* Checks every release listed in a->input; returns the exit status. */
int trc_check_batch(const trc_batch_args *a);

/* Reports an unknown option or missing argument from getopt_long. */
int trc_bad_option(const char *cmd, int opt, char **argv);

/* Subcommands. */
int trc_cmd_hash(int argc, char **argv);
int trc_cmd_verify(int argc, char **argv);
int trc_cmd_license(int argc, char **argv);
int trc_cmd_inspect(int argc, char **argv);
int trc_cmd_check(int argc, char **argv);

#endif

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
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

/* "trulyopen: PATH: message" on stderr, escaped as trc_put() does. path
 * may be NULL. */
void trc_error(const char *path, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Writes s to f with control and bidirectional characters escaped
 * (tro_text_escape()): every name or text taken from a release or from
 * the user goes out through here or trc_printf(). */
void trc_put(FILE *f, const char *s);
/* Formats, then writes as trc_put() does (the whole line is escaped: put
 * line ends and colour codes with fputs). */
void trc_printf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The exit status of a command that returned status: flushes and closes
 * standard output, and turns status into TRC_EXIT_USAGE (after saying
 * why) when output was lost (a full disk, a closed descriptor) or could
 * not be escaped for lack of memory. */
int trc_exit_status(int status);

/* Parses a positive integer option value; false (with a message) if bad. */
bool trc_parse_uint(const char *opt, const char *s, unsigned long max,
                    unsigned long *out);

/* Writes text to path ("-" or NULL: stdout): a regular file (or a new
 * one) is replaced atomically; anything else (a device, a named pipe, a
 * symbolic link) is written through, never replaced. 0, or -1 after a
 * message. */
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
    bool online, offline;      /* --online, --offline */
    unsigned int hub_flags;    /* TRO_HUB_DOWNLOAD_HASH, TRO_HUB_HASH_ALL */
    tro_hub *hub;              /* made by trc_scan() when the Hub is used; the
                                  caller frees it (tro_hub_free()) */
    bool remote;               /* PATH named a Hub repository */
} trc_scan_opts;

/* Handles an option shared by scanning commands (-j, -q, --ignore,
 * --no-default-ignores). Returns 1 if handled, 0 if not one of them, -1 on
 * a bad value (message printed). */
int trc_scan_opt(trc_scan_opts *o, int opt, const char *arg);
#define TRC_OPT_IGNORE 0x100
#define TRC_OPT_NO_DEFAULT_IGNORES 0x101
#define TRC_OPT_NO_HASH 0x102
#define TRC_OPT_ONLINE 0x103
#define TRC_OPT_OFFLINE 0x104
#define TRC_OPT_DOWNLOAD_HASH 0x105
#define TRC_OPT_HASH_SPARSE 0x106
/* getopt_long entries for the shared options. */
#define TRC_SCAN_LONGOPTS                                                  \
    {"jobs", required_argument, NULL, 'j'},                                \
    {"quiet", no_argument, NULL, 'q'},                                     \
    {"ignore", required_argument, NULL, TRC_OPT_IGNORE},                   \
    {"no-default-ignores", no_argument, NULL, TRC_OPT_NO_DEFAULT_IGNORES}, \
    {"online", no_argument, NULL, TRC_OPT_ONLINE},                         \
    {"offline", no_argument, NULL, TRC_OPT_OFFLINE},                       \
    {"download-hash", no_argument, NULL, TRC_OPT_DOWNLOAD_HASH},                \
    {"hash-sparse", no_argument, NULL, TRC_OPT_HASH_SPARSE}
/* Help text for the shared options. */
extern const char trc_scan_opts_help[];

/* Scans path, or opens it on the Hub when it names a Hub repository
 * (o->remote set; o->hub made, also for --online): progress bar, findings
 * on stderr (unless quiet), errors printed. Returns the release (free with
 * tro_release_free(), then tro_ctx_free(*ctx) and tro_hub_free(o->hub)),
 * or NULL after printing why. */
tro_release *trc_scan(const char *path, trc_scan_opts *o, tro_ctx **ctx);

/* "trulyopen: NAME: N requests, N bytes received..." on stderr when the Hub
 * was used (and not quiet): what checking without downloading cost. */
void trc_hub_summary(const trc_scan_opts *o, const char *name);

/* Where the reports of a check say the release is (where.c): the folder
 * SARIF locations are relative to, as a file: URI, the release's folder
 * under it, and the time SBOMs are stamped with. */
typedef struct trc_where {
    char *root_uri;
    char *release_path;
    int64_t created;
} trc_where;
/* root NULL: the release's own folder. 0, or -1 after a message. */
int trc_where_init(trc_where *w, const char *release, const char *root);
/* The same for a release on the Hub: no folder, the time stamp only. */
int trc_where_remote(trc_where *w);
void trc_where_clear(trc_where *w);

/* Reads a whole file ("-": standard input) of at most max bytes into *out
 * (free(), NUL-terminated) and *len: 0, or -1 after a message. */
int trc_read_file(const char *path, size_t max, char **out, size_t *len);

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

/* Appends arg to the growing list *v of *n strings (repeatable options):
 * 0, or -1 after "out of memory". The strings are not copied. */
int trc_push_arg(const char ***v, size_t *n, const char *arg);

/* Reports an unknown option or missing argument from getopt_long. */
int trc_bad_option(const char *cmd, int opt, char **argv);

/* JSON texts the library wrote, walked as text (jsontext.c). */
typedef int (*trc_member_fn)(const char *key, size_t key_len, const char *value,
                             size_t value_len, void *userdata);
/* Calls fn for each member of a compact JSON object: the key as written
 * between its quotes (escapes kept), the value's text. -1 if the text is
 * not such an object or fn returned nonzero, else 0. */
int trc_json_members(const char *object, trc_member_fn fn, void *userdata);
/* Writes compact JSON s[0..n) indented by two spaces a level, as jansson's
 * JSON_INDENT(2) does, its first line at depth levels. */
void trc_json_indent(FILE *f, const char *s, size_t n, int depth);
/* Writes s as a JSON string, escaped as jansson escapes it. */
void trc_json_string(FILE *f, const char *s);
/* The report formats by name (formats.c): the name, the format and the
 * TRO_RENDER_* flags it takes. */
typedef struct trc_format_info {
    const char *name;
    tro_format format;
    unsigned flags;
} trc_format_info;
extern const trc_format_info trc_formats[];
extern const size_t trc_nformats;
/* "text, json, ... or shields", for messages */
extern const char trc_format_names[];
/* The format named by the n bytes at name, or NULL. */
const trc_format_info *trc_format_named(const char *name, size_t n);
/* --format NAME: 0 with *out, or -1 for a name that is none of them. */
int trc_format_parse(const char *name, tro_format *out);
/* The TRO_RENDER_* flags a format takes (0 for one not listed). */
unsigned trc_format_flags(tro_format format);

/* Subcommands. */
int trc_cmd_hash(int argc, char **argv);
int trc_cmd_verify(int argc, char **argv);
int trc_cmd_license(int argc, char **argv);
int trc_cmd_inspect(int argc, char **argv);
int trc_cmd_check(int argc, char **argv);
int trc_cmd_attest(int argc, char **argv);
int trc_cmd_badge(int argc, char **argv);

#endif

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

/* Subcommands. */
int trc_cmd_hash(int argc, char **argv);
int trc_cmd_verify(int argc, char **argv);
int trc_cmd_license(int argc, char **argv);

#endif

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The unit test runner: runs the cases of its list (tests/unit/gen-list.sh
 * writes it from the TRO_TEST cases of tests/unit/<layer>/test_<file>.c), all
 * of them or those named, and prints TAP for Automake's TAP driver.
 *
 *   runner                    every case
 *   runner read card_yaml...  a layer, a file (read/card), or cases by name
 *   runner --list             the cases, one "layer/name" a line
 *   runner --no-fork ...      every case in this process (for a debugger)
 *
 * Each case runs in a child process of its own. The test files keep state in
 * file-scope variables (a context, a temporary folder) and some replace a
 * library's allocator before its first allocation (OpenSSL's, in
 * scan/test_hash.c), as they could when each was a program: a child starts
 * every case from the same clean state, a crash fails one case instead of
 * ending the run, and a sanitizer's report (leaks at exit included) is
 * charged to the case that caused it. (In-process, as --no-fork runs, is for
 * a debugger.) */
#include "test.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int trt_failures;
int trt_checks;
const char *trt_skip_reason;

/* What a child tells its parent about the case it ran. */
typedef struct outcome {
    int checks, failures;
    char skip[200]; /* the reason, "" when not skipped */
} outcome;

static bool selected(const trt_case *c, const char *arg)
{
    size_t ll = strlen(c->layer);
    if (!strcmp(arg, c->layer) || !strcmp(arg, c->name) || !strcmp(arg, c->file))
        return true;
    if (strncmp(arg, c->layer, ll) != 0 || arg[ll] != '/')
        return false;
    return !strcmp(arg + ll + 1, c->file) || !strcmp(arg + ll + 1, c->name);
}

static void run_here(const trt_case *c, outcome *o)
{
    trt_checks = trt_failures = 0;
    trt_skip_reason = NULL;
    c->run();
    o->checks = trt_checks;
    o->failures = trt_failures;
    snprintf(o->skip, sizeof o->skip, "%s", trt_skip_reason ? trt_skip_reason : "");
}

/* Seconds a case may take in its child before it is stopped: $TRT_TIMEOUT,
 * else 1800 (the corpus cases under ASan take minutes on a busy machine). */
static unsigned case_timeout(void)
{
    const char *e = getenv("TRT_TIMEOUT");
    long v = e ? strtol(e, NULL, 10) : 0;
    return v > 0 && v < 86400 ? (unsigned)v : 1800;
}

/* Runs c in a child. Returns 0, or -1 with why (a signal, an exit status, no
 * outcome) in `why` when the child did not finish the case normally. */
static int run_child(const trt_case *c, outcome *o, char *why, size_t whylen)
{
    int fds[2];
    memset(o, 0, sizeof *o);
    fflush(stdout);
    fflush(stderr);
    if (pipe(fds) != 0) {
        snprintf(why, whylen, "pipe: %s", strerror(errno));
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(why, whylen, "fork: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        /* What a case prints goes to standard error: standard output is
         * the TAP stream, where a stray line could read as a result. */
        dup2(STDERR_FILENO, STDOUT_FILENO);
        alarm(case_timeout());
        run_here(c, o);
        fflush(stdout);
        bool sent = write(fds[1], o, sizeof *o) == (ssize_t)sizeof *o;
        close(fds[1]);
        /* exit(), not _exit(): a leak checker runs at exit */
        exit(sent ? 0 : 3);
    }
    close(fds[1]);
    size_t got = 0;
    while (got < sizeof *o) {
        ssize_t n = read(fds[0], (char *)o + got, sizeof *o - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fds[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) {
            snprintf(why, whylen, "waitpid: %s", strerror(errno));
            return -1;
        }
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
        snprintf(why, whylen, "timed out after %u s (TRT_TIMEOUT)", case_timeout());
    else if (WIFSIGNALED(status))
        snprintf(why, whylen, "killed by signal %d (%s)", WTERMSIG(status),
                 strsignal(WTERMSIG(status)));
    else if (WEXITSTATUS(status) == 77 && got != sizeof *o) {
        /* a helper that exits 77, as the test programs did: a skip */
        snprintf(o->skip, sizeof o->skip, "the case exited with status 77");
        return 0;
    } else if (WEXITSTATUS(status) != 0)
        snprintf(why, whylen, "exit status %d", WEXITSTATUS(status));
    else if (got != sizeof *o)
        snprintf(why, whylen, "no outcome from the case");
    else
        return 0;
    return -1;
}

static int usage(const char *prog, int rc)
{
    fprintf(rc ? stderr : stdout,
            "usage: %s [--list] [--no-fork] [LAYER | LAYER/FILE | [LAYER/]NAME]...\n", prog);
    return rc;
}

int main(int argc, char **argv)
{
    bool list = false, fork_each = true;
    int first = 1;
    for (; first < argc && argv[first][0] == '-'; first++) {
        if (!strcmp(argv[first], "--list"))
            list = true;
        else if (!strcmp(argv[first], "--no-fork"))
            fork_each = false;
        else if (!strcmp(argv[first], "--help") || !strcmp(argv[first], "-h"))
            return usage(argv[0], 0);
        else
            return usage(argv[0], 2);
    }
    bool *want = calloc(trt_ncases ? trt_ncases : 1, sizeof *want);
    if (!want)
        return 99;
    size_t nwant = 0;
    for (size_t i = 0; i < trt_ncases; i++) {
        want[i] = first == argc;
        for (int a = first; a < argc && !want[i]; a++)
            want[i] = selected(&trt_cases[i], argv[a]);
        nwant += want[i];
    }
    for (int a = first; a < argc; a++) {
        bool any = false;
        for (size_t i = 0; i < trt_ncases && !any; i++)
            any = selected(&trt_cases[i], argv[a]);
        if (!any) {
            fprintf(stderr, "%s: no test case is %s (see --list)\n", argv[0], argv[a]);
            free(want);
            return 2;
        }
    }
    if (list) {
        for (size_t i = 0; i < trt_ncases; i++)
            if (want[i])
                printf("%s/%s\n", trt_cases[i].layer, trt_cases[i].name);
        free(want);
        return 0;
    }

    printf("1..%zu\n", nwant);
    size_t n = 0, failed = 0;
    long checks = 0, failures = 0, file_checks = 0, file_failures = 0;
    for (size_t i = 0; i < trt_ncases; i++) {
        const trt_case *c = &trt_cases[i];
        if (!want[i])
            continue;
        outcome o;
        char why[200] = "";
        int rc = 0;
        if (fork_each)
            rc = run_child(c, &o, why, sizeof why);
        else
            run_here(c, &o);
        n++;
        if (rc != 0 || o.failures > 0) {
            failed++;
            printf("not ok %zu - %s/%s%s%s\n", n, c->layer, c->name, *why ? ": " : "", why);
        } else if (o.skip[0]) {
            printf("ok %zu - %s/%s # SKIP %s\n", n, c->layer, c->name, o.skip);
        } else {
            printf("ok %zu - %s/%s\n", n, c->layer, c->name);
        }
        checks += o.checks;
        failures += o.failures;
        file_checks += o.checks;
        file_failures += o.failures;
        /* totals per file, as each file's program printed them before the runner */
        const trt_case *next = NULL;
        for (size_t j = i + 1; j < trt_ncases && !next; j++)
            if (want[j])
                next = &trt_cases[j];
        if (!next || strcmp(next->layer, c->layer) != 0 || strcmp(next->file, c->file) != 0) {
            printf("# %s/%s: %ld checks, %ld failed\n", c->layer, c->file, file_checks,
                   file_failures);
            file_checks = file_failures = 0;
        }
    }
    printf("# %zu cases, %zu failed; %ld checks, %ld failed\n", n, failed, checks, failures);
    free(want);
    return failed ? 1 : 0;
}

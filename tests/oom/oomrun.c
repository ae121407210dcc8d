/*
 * Runs a command once for every allocation it makes, the Nth allocation
 * failing in run N (through the failmalloc.c shim), and checks that each
 * run either absorbed the failure (the same output and exit status as
 * without it) or failed cleanly (exit 2, "out of memory" on stderr).
 * Anything else is reported: a crash (with the functions it crashed in,
 * from the shim's backtrace and addr2line), or a run that went on and
 * printed something else, which would be a lie about the release.
 *
 * Usage: oomrun SHIM PROGRAM ARG...
 * Environment: TRO_OOM_STEP=K tries every Kth N only (default 1: all).
 * Exit status: 0 all clean, 1 crashes or other results, 3 crashes in the
 * hashing pool (lib/scan/pool.c) only, 99 set-up failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct run {
    int status; /* exit status, or 128 + signal */
    char *out, *err;
    size_t out_len, err_len;
} run;

static char *slurp_fd(int fd, size_t *len)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    lseek(fd, 0, SEEK_SET);
    for (;;) {
        if (n + 1 >= cap)
            buf = realloc(buf, cap *= 2);
        ssize_t r = read(fd, buf + n, cap - n - 1);
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Runs argv with the shim and TRO_FAIL_ALLOC=n (0: none fails). */
static run run_once(const char *shim, char **argv, unsigned long n, const char *count_file)
{
    run r = {0};
    FILE *out = tmpfile(), *err = tmpfile();
    if (!out || !err) {
        perror("oomrun: tmpfile");
        exit(99);
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("oomrun: fork");
        exit(99);
    }
    if (pid == 0) {
        char num[32];
        snprintf(num, sizeof num, "%lu", n);
        setenv("LD_PRELOAD", shim, 1);
        setenv("TRO_FAIL_ALLOC", num, 1);
        if (count_file)
            setenv("TRO_FAIL_ALLOC_COUNT", count_file, 1);
        int null = open("/dev/null", O_RDONLY);
        dup2(null, 0);
        dup2(fileno(out), 1);
        dup2(fileno(err), 2);
        execv(argv[0], argv);
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    r.out = slurp_fd(fileno(out), &r.out_len);
    r.err = slurp_fd(fileno(err), &r.err_len);
    fclose(out);
    fclose(err);
    return r;
}

static void run_free(run *r)
{
    free(r->out);
    free(r->err);
}

/* The shim's backtrace lines "OBJECT(+0xADDR)[...]", with the functions
 * and source files of our objects' frames (libtrulyopen, trulyopen) read
 * through addr2line when it is installed. Returns a malloc'd,
 * newline-separated text. */
static char *symbolise(const char *err, const char *marker)
{
    char *text = NULL;
    size_t len = 0;
    FILE *t = open_memstream(&text, &len);
    const char *p = strstr(err, marker);
    for (p = p ? strchr(p, '\n') : NULL; p && p[1]; p = strchr(p + 1, '\n')) {
        const char *line = p + 1, *end = strchr(line, '\n');
        int n = end ? (int)(end - line) : (int)strlen(line);
        if (!memmem(line, (size_t)n, ")[0x", 4))
            break; /* the end of the backtrace */
        const char *open = memchr(line, '(', (size_t)n);
        const char *plus = open ? memchr(open, '+', (size_t)(line + n - open)) : NULL;
        const char *close = open ? memchr(open, ')', (size_t)(line + n - open)) : NULL;
        /* our objects are read through addr2line (static functions have no
         * exported name); the others' frames are shown as they are */
        bool ours = open && memmem(line, (size_t)(open - line), "trulyopen", 9);
        if (!ours || !plus || !close || plus != open + 1) {
            fprintf(t, "    %.*s\n", n, line);
            continue;
        }
        char cmd[1024];
        snprintf(cmd, sizeof cmd, "addr2line -f -e '%.*s' %.*s 2>/dev/null", (int)(open - line),
                 line, (int)(close - plus - 1), plus + 1);
        FILE *a = popen(cmd, "r");
        char fn[512] = "", where[512] = "";
        if (a && fgets(fn, sizeof fn, a) && fgets(where, sizeof where, a)) {
            fn[strcspn(fn, "\n")] = '\0';
            where[strcspn(where, "\n")] = '\0';
            const char *base = strrchr(where, '/');
            fprintf(t, "    %s (%s)\n", fn, base ? base + 1 : where);
        } else {
            fprintf(t, "    %.*s\n", n, line);
        }
        if (a)
            pclose(a);
    }
    fclose(t);
    return text;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: oomrun SHIM PROGRAM ARG...\n");
        return 99;
    }
    const char *shim = argv[1];
    char **cmd = argv + 2;
    char count_file[] = "/tmp/oomrun.XXXXXX";
    int cfd = mkstemp(count_file);
    if (cfd < 0) {
        perror("oomrun: mkstemp");
        return 99;
    }
    close(cfd);
    run ref = run_once(shim, cmd, 0, count_file);
    FILE *cf = fopen(count_file, "r");
    unsigned long total = 0;
    if (!cf || fscanf(cf, "%lu", &total) != 1 || total == 0) {
        fprintf(stderr, "oomrun: the shim counted no allocation (is it preloaded?)\n%s", ref.err);
        return 99;
    }
    fclose(cf);
    unlink(count_file);
    if (ref.status >= 2) {
        fprintf(stderr, "oomrun: the command fails without any allocation failing (%d):\n%s",
                ref.status, ref.err);
        return 99;
    }
    const char *s = getenv("TRO_OOM_STEP");
    unsigned long step = s && atol(s) > 0 ? (unsigned long)atol(s) : 1;
    unsigned long tried = 0, same = 0, oom = 0, crashes = 0, wrong = 0, pool = 0;
    for (unsigned long n = 1; n <= total; n += step) {
        run r = run_once(shim, cmd, n, NULL);
        tried++;
        if (r.status >= 128) {
            char *where = symbolise(r.err, "crash-backtrace:");
            bool in_pool = strstr(where, "(pool.c") != NULL;
            crashes++;
            pool += in_pool;
            if (in_pool ? pool <= 3 : crashes - pool <= 10)
                fprintf(stderr, "  allocation %lu: killed by signal %d%s\n%s", n, r.status - 128,
                        in_pool ? " in the hashing pool (lib/scan/pool.c)" : "", where);
            free(where);
        } else if (r.status == 2 && strstr(r.err, "out of memory")) {
            oom++;
        } else if (r.status == ref.status && r.out_len == ref.out_len &&
                   !memcmp(r.out, ref.out, r.out_len)) {
            same++;
        } else if (++wrong <= 10) {
            /* again, with the backtrace of the allocation that failed */
            setenv("TRO_FAIL_ALLOC_TRACE", "1", 1);
            run t = run_once(shim, cmd, n, NULL);
            unsetenv("TRO_FAIL_ALLOC_TRACE");
            char *where = symbolise(t.err, "failed-allocation:");
            fprintf(stderr, "  allocation %lu: exit %d (without failure %d), %s, after a failed "
                            "allocation in:\n%s",
                    n, r.status, ref.status,
                    r.status == ref.status ? "other output" : "other status", where);
            free(where);
            run_free(&t);
        }
        run_free(&r);
    }
    printf("%s: %lu allocations, %lu tried: %lu absorbed, %lu clean out of memory, "
           "%lu crashes (%lu in the hashing pool), %lu other results\n",
           cmd[1] ? cmd[1] : cmd[0], total, tried, same, oom, crashes, pool, wrong);
    run_free(&ref);
    return crashes - pool || wrong ? 1 : pool ? 3 : 0;
}

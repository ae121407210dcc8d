/*
 * An LD_PRELOAD shim that makes one allocation fail, for the
 * out-of-memory test (tests/oom/oom.sh). Counting starts when main() is
 * entered, so the allocations of the dynamic loader and of library
 * constructors are never failed; it covers every allocation a process
 * makes after that, ours and those inside jansson, libarchive, libyaml and
 * OpenSSL alike, on every thread.
 *
 * Environment:
 *   TRO_FAIL_ALLOC=N        the Nth allocation (1-based) returns NULL
 *                           (0 or unset: none fails)
 *   TRO_FAIL_ALLOC_COUNT=F  at exit, write the number of allocations made
 *                           to file F (to learn how many N there are)
 *   TRO_FAIL_ALLOC_TRACE=1  write a backtrace ("failed-allocation:") to
 *                           stderr where the Nth allocation fails (to find
 *                           the code that mishandled it)
 *
 * On SIGSEGV, SIGBUS, SIGFPE, SIGILL or SIGABRT the shim writes a
 * backtrace ("crash-backtrace:" lines, addresses inside their objects) to
 * stderr before dying of the signal, so the test can say where it crashed.
 *
 * glibc lets a program replace malloc and friends, and its own internal
 * calls go through the replacement; the real allocator stays reachable
 * through the __libc_* entry points.
 */
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

static atomic_ulong count;
static unsigned long fail_at;
static atomic_bool counting;
static const char *count_file;
static bool trace;

static void put_trace(const char *head, size_t len)
{
    void *frames[64];
    if (write(STDERR_FILENO, head, len) < 0)
        return;
    backtrace_symbols_fd(frames, backtrace(frames, 64), STDERR_FILENO);
}

/* True when this allocation is the one to fail. */
static int should_fail(void)
{
    if (!atomic_load_explicit(&counting, memory_order_relaxed))
        return 0;
    unsigned long n = atomic_fetch_add(&count, 1) + 1;
    if (!fail_at || n != fail_at)
        return 0;
    if (trace) { /* backtrace() may allocate: not counted */
        atomic_store(&counting, false);
        put_trace("failed-allocation:\n", 19);
        atomic_store(&counting, true);
    }
    return 1;
}

void *malloc(size_t n)
{
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_malloc(n);
}

void *calloc(size_t k, size_t n)
{
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_calloc(k, n);
}

void *realloc(void *p, size_t n)
{
    if (n && should_fail()) { /* realloc(p, 0) frees: not an allocation */
        errno = ENOMEM;
        return NULL;
    }
    return __libc_realloc(p, n);
}

void *memalign(size_t align, size_t n)
{
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_memalign(align, n);
}

void *aligned_alloc(size_t align, size_t n)
{
    return memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    if (should_fail())
        return ENOMEM;
    void *p = __libc_memalign(align, n);
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}

static void put_count(void)
{
    if (!count_file)
        return;
    FILE *f = fopen(count_file, "w");
    atomic_store(&counting, false);
    if (f) {
        fprintf(f, "%lu\n", atomic_load(&count));
        fclose(f);
    }
}

static void on_crash(int sig)
{
    static const char head[] = "crash-backtrace: signal\n";
    static atomic_flag crashing = ATOMIC_FLAG_INIT;
    if (atomic_flag_test_and_set(&crashing))
        for (;;) /* another thread crashed too: let the first finish its trace */
            pause();
    atomic_store(&counting, false);
    put_trace(head, sizeof head - 1);
    signal(sig, SIG_DFL);
    raise(sig);
}

typedef int (*main_fn)(int, char **, char **);
static main_fn real_main;

static int counted_main(int argc, char **argv, char **envp)
{
    const char *n = getenv("TRO_FAIL_ALLOC");
    fail_at = n ? strtoul(n, NULL, 10) : 0;
    count_file = getenv("TRO_FAIL_ALLOC_COUNT");
    trace = getenv("TRO_FAIL_ALLOC_TRACE") != NULL;
    static const int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    void *warm[1];
    backtrace(warm, 1); /* loads libgcc now, not in the handler */
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
        signal(sigs[i], on_crash);
    if (count_file)
        atexit(put_count);
    atomic_store(&counting, true);
    return real_main(argc, argv, envp);
}

/* The C library calls this with the program's main: wrap main so that
 * counting starts there. */
int __libc_start_main(main_fn main, int argc, char **argv, void (*init)(void),
                      void (*fini)(void), void (*rtld_fini)(void), void *stack_end);
int __libc_start_main(main_fn main, int argc, char **argv, void (*init)(void),
                      void (*fini)(void), void (*rtld_fini)(void), void *stack_end)
{
    typedef int (*start_fn)(main_fn, int, char **, void (*)(void), void (*)(void),
                            void (*)(void), void *);
    start_fn next = (start_fn)dlsym(RTLD_NEXT, "__libc_start_main");
    real_main = main;
    return next(counted_main, argc, argv, init, fini, rtld_fini, stack_end);
}

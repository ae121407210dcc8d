/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Error messages, option values and output for the subcommands. Every
 * string shown to people goes through tro_text_escape() (names and texts
 * come from releases, which may hold terminal escapes or forged lines), and
 * every write is checked: a command whose output was lost fails. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* Set once a failed write to standard output was reported, so that the
 * check at exit does not report it again. */
static bool stdout_reported;
/* Set when output could not be escaped for lack of memory: it was shown in
 * a cruder form, and the command must not say it succeeded. */
static bool out_of_memory;

/* Without memory for an escaped copy, bytes that could reach the terminal
 * as controls are shown as '?' (nothing is lost but the exact bytes). */
static void put_plain(FILE *f, const char *s)
{
    for (; *s; s++)
        fputc((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f ? '?' : *s, f);
}

void trc_put(FILE *f, const char *s)
{
    char *e;
    if (!s)
        return;
    if (tro_text_escape(s, &e) != TRO_OK) {
        out_of_memory = true;
        put_plain(f, s);
        return;
    }
    fputs(e, f);
    tro_free(e);
}

void trc_printf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    char *s = NULL;
    va_start(ap, fmt);
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0) {
        out_of_memory = true;
        fputs("(out of memory)", f);
        return;
    }
    trc_put(f, s);
    free(s);
}

void trc_error(const char *path, const char *fmt, ...)
{
    va_list ap;
    char *s = NULL;
    fputs("trulyopen: ", stderr);
    if (path) {
        trc_put(stderr, path);
        fputs(": ", stderr);
    }
    va_start(ap, fmt);
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0)
        fputs("out of memory", stderr);
    else
        trc_put(stderr, s);
    free(s);
    fputc('\n', stderr);
}

bool trc_parse_uint(const char *opt, const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-' || v == 0 || v > max) {
        trc_error(NULL, "%s: expected a number from 1 to %lu, got '%s'", opt, max, s);
        return false;
    }
    *out = v;
    return true;
}

static int stdout_failed(void)
{
    if (!stdout_reported)
        trc_error("standard output", "cannot write: %s", strerror(errno ? errno : EIO));
    stdout_reported = true;
    return -1;
}

int trc_exit_status(int status)
{
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout))
        stdout_failed();
    /* closed without anything to write is fine (a command that wrote
     * nothing there); a close that fails otherwise lost output */
    else if (fclose(stdout) != 0 && errno != EBADF)
        stdout_failed();
    if (out_of_memory && status != TRC_EXIT_USAGE)
        trc_error(NULL, "out of memory");
    return stdout_reported || out_of_memory ? TRC_EXIT_USAGE : status;
}

/* Writes all of text to fd. */
static int write_all(int fd, const char *text, size_t len)
{
    while (len) {
        ssize_t w = write(fd, text, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        text += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Writes into what path already is: a device (/dev/stdout, /dev/null), a
 * named pipe, or the target of a symbolic link. Nothing is replaced. */
static int write_through(const char *path, const char *text, size_t len)
{
    int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        trc_error(path, "cannot open: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    /* a regular file reached through a link is written, not replaced */
    bool ok = (!S_ISREG(st.st_mode) || ftruncate(fd, 0) == 0) && write_all(fd, text, len) == 0;
    int saved = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        trc_error(path, "cannot write: %s", strerror(saved));
        return -1;
    }
    return 0;
}

/* Replaces the regular file at path (or creates it) atomically: a new file
 * beside it, renamed over it once complete, with the old file's mode (a new
 * file gets 0666 less the umask). A reader sees the old or the new text,
 * never part of one. */
static int replace(const char *path, const char *text, size_t len, const struct stat *old)
{
    size_t n = strlen(path) + 16;
    char *tmp = malloc(n);
    if (!tmp) {
        trc_error(path, "out of memory");
        return -1;
    }
    snprintf(tmp, n, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        trc_error(path, "cannot create: %s", strerror(errno));
        free(tmp);
        return -1;
    }
    mode_t mode;
    if (old) {
        mode = old->st_mode & 07777;
        if (fchown(fd, old->st_uid, old->st_gid) != 0) /* only root may; else ours */
            mode &= 0777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    bool ok = fchmod(fd, mode) == 0 && write_all(fd, text, len) == 0 && fsync(fd) == 0;
    int saved = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (ok && rename(tmp, path) != 0) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        trc_error(path, "cannot write: %s", strerror(saved));
        unlink(tmp);
    }
    free(tmp);
    return ok ? 0 : -1;
}

int trc_write_output(const char *path, const char *text, size_t len)
{
    if (!path || !strcmp(path, "-")) {
        errno = 0;
        if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0)
            return stdout_failed();
        return 0;
    }
    struct stat st;
    if (lstat(path, &st) != 0) {
        if (errno != ENOENT) {
            trc_error(path, "cannot write: %s", strerror(errno));
            return -1;
        }
        return replace(path, text, len, NULL);
    }
    if (S_ISDIR(st.st_mode)) {
        trc_error(path, "cannot write: %s", strerror(EISDIR));
        return -1;
    }
    return S_ISREG(st.st_mode) ? replace(path, text, len, &st) : write_through(path, text, len);
}

int trc_push_arg(const char ***v, size_t *n, const char *arg)
{
    const char **grown = realloc(*v, (*n + 1) * sizeof *grown);
    if (!grown) {
        trc_error(NULL, "out of memory");
        return -1;
    }
    grown[(*n)++] = arg;
    *v = grown;
    return 0;
}

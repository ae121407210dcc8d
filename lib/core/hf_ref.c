/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The revision a Hugging Face cache repository's refs/main names. Both
 * the scanner (a repository folder is its current snapshot) and the
 * judge's local catalogue read it, and must agree on which names count. */
#include "internal.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int trop_hf_main_ref(const char *repo, char *rev, size_t cap)
{
    if (cap < 2)
        return 0;
    char *path = trop_asprintf("%s/refs/main", repo);
    if (!path)
        return TRO_ENOMEM;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    free(path);
    if (fd < 0)
        return 0;
    struct stat st;
    ssize_t n = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? read(fd, rev, cap - 1) : -1;
    close(fd);
    /* the file ends with a newline; editors may leave blanks */
    while (n > 0 && (rev[n - 1] == '\n' || rev[n - 1] == '\r' || rev[n - 1] == ' '))
        n--;
    if (n <= 0)
        return 0;
    rev[n] = '\0';
    /* a plain folder name: no separator, no NUL, not hidden nor ".." */
    return !memchr(rev, '/', (size_t)n) && !memchr(rev, '\0', (size_t)n) && rev[0] != '.';
}

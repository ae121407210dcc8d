/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The progress bar: on stderr, only when it is a terminal, only for work
 * that lasts (it appears after half a second), erased when done. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define DELAY 0.5
#define BAR_WIDTH 24

struct trc_progress {
    double start;
    bool shown;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

trc_progress *trc_progress_new(bool quiet)
{
    if (quiet || !isatty(STDERR_FILENO))
        return NULL;
    trc_progress *p = calloc(1, sizeof *p);
    if (p)
        p->start = now();
    return p;
}

/* "1.5 GiB" */
static void human(char *buf, size_t n, double bytes)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    size_t u = 0;
    while (bytes >= 1024 && u + 1 < sizeof units / sizeof *units) {
        bytes /= 1024;
        u++;
    }
    snprintf(buf, n, u ? "%.1f %s" : "%.0f %s", bytes, units[u]);
}

int trc_progress_cb(uint64_t done, uint64_t total, void *userdata)
{
    trc_progress *p = userdata;
    double t = p ? now() - p->start : 0;
    if (!p || t < DELAY || total == 0)
        return 0;
    double frac = (double)done / (double)total;
    double rate = (double)done / t;
    char bar[BAR_WIDTH + 1], d[32], tot[32], r[32], eta[32] = "--:--";
    int fill = (int)(frac * BAR_WIDTH);
    for (int i = 0; i < BAR_WIDTH; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[BAR_WIDTH] = '\0';
    human(d, sizeof d, (double)done);
    human(tot, sizeof tot, (double)total);
    human(r, sizeof r, rate);
    if (rate > 0) {
        unsigned long s = (unsigned long)((double)(total - done) / rate + 0.5);
        snprintf(eta, sizeof eta, "%lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
    }
    fprintf(stderr, "\r[%s] %3d%%  %s / %s  %s/s  ETA %s\033[K", bar, (int)(frac * 100), d, tot, r,
            eta);
    fflush(stderr);
    p->shown = true;
    return 0;
}

void trc_progress_end(trc_progress *p)
{
    if (!p)
        return;
    if (p->shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    free(p);
}

/* tro_release_add_buffer() at scale: the time to add N small buffers (each
 * typed, read and hashed), against hashing the same bytes with OpenSSL
 * alone (what a registry pays anyway), and how the time grows with N.
 *
 *   make bench/bench_buffers && bench/bench_buffers [N]      (default 100000)
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <trulyopen.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Seconds to add n buffers "dir/file-I.txt" holding 100 bytes each. */
static double add(tro_ctx *ctx, size_t n)
{
    tro_release *rel;
    char name[64], data[100];
    memset(data, 'x', sizeof data);
    if (tro_release_new(&rel, ctx, "bench"))
        exit(2);
    double t = now();
    for (size_t i = 0; i < n; i++) {
        snprintf(name, sizeof name, "dir/file-%zu.txt", i);
        memcpy(data, name, strlen(name));
        if (tro_release_add_buffer(rel, name, data, sizeof data)) {
            fprintf(stderr, "bench: %s\n", tro_release_last_error(rel));
            exit(2);
        }
    }
    (void)tro_release_finding_count(rel); /* the deferred checks run here */
    t = now() - t;
    tro_release_free(rel);
    return t;
}

/* Seconds to hash the same n buffers with OpenSSL alone. */
static double hash_only(size_t n)
{
    char name[64], data[100];
    unsigned char md[32];
    unsigned int len;
    memset(data, 'x', sizeof data);
    double t = now();
    for (size_t i = 0; i < n; i++) {
        snprintf(name, sizeof name, "dir/file-%zu.txt", i);
        memcpy(data, name, strlen(name));
        EVP_Digest(data, sizeof data, md, &len, EVP_sha256(), NULL);
    }
    return now() - t;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000;
    tro_ctx *ctx;
    if (tro_ctx_new(&ctx, NULL, NULL))
        return 2;
    double best = 1e9, base = 1e9;
    for (int r = 0; r < 3; r++) {
        double t = add(ctx, n), h = hash_only(n);
        best = t < best ? t : best;
        base = h < base ? h : base;
    }
    printf("%zu buffers added in %.3f s (%.1f us each); hashing them alone %.3f s: ratio %.1f\n",
           n, best, best / (double)n * 1e6, base, best / base);
    double quarter = add(ctx, n / 4), full = add(ctx, n);
    printf("growth: %zu buffers %.3f s, %zu buffers %.3f s: x%.1f for 4x as many "
           "(4 is linear, 16 quadratic)\n",
           n / 4, quarter, n, full, full / quarter);
    tro_ctx_free(ctx);
    return 0;
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Full-text matching against reference licence texts the caller loads
 * (--license-dir): texts are normalised as for the compiled-in templates
 * (normal.c) and compared as multisets of word bigrams (Dice
 * coefficient). Because a bag of bigrams survives reordered paragraphs, the
 * best match must also keep its unique 4-word anchors in the reference order. */
#include "internal.h"
#include "license.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define DB_MAX_FILES 10000
#define DB_MAX_FILE_BYTES (1u << 20)

typedef struct gram {
    uint64_t h;
    uint32_t n; /* bigrams: count; anchors: word position */
} gram;

typedef struct normtext {
    gram *big; /* sorted by h, counts */
    size_t nbig;
    uint64_t total; /* number of bigrams */
    gram *anchors;  /* unique 4-grams, sorted by h, with positions */
    size_t nanch;
} normtext;

typedef struct tmpl {
    const char *id; /* static, from the licence table */
    normtext t;
} tmpl;

struct tro_license_db {
    tmpl *v;
    size_t n;
};

/* ---- Normalisation ---------------------------------------------------------- */

/* Word hashes of a text, normalised as for the compiled-in templates
 * (normal.c: case, punctuation, numbering, copyright lines, variant
 * spellings). */
static int text_hashes(const char *s, size_t len, uint64_t **out, size_t *n)
{
    trop_toks tk;
    int rc = trop_norm_split(s, len, true, &tk);
    *out = NULL;
    *n = 0;
    if (rc)
        return rc;
    *out = malloc((tk.n + 1) * sizeof **out);
    if (!*out) {
        trop_toks_free(&tk);
        return TRO_ENOMEM;
    }
    for (size_t i = 0; i < tk.n; i++)
        (*out)[i] = tk.v[i].h;
    *n = tk.n;
    trop_toks_free(&tk);
    return 0;
}

static int cmp_gram(const void *a, const void *b)
{
    const gram *x = a, *y = b;
    return x->h < y->h ? -1 : x->h > y->h;
}

static uint64_t mix(uint64_t a, uint64_t b)
{
    uint64_t h = a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull + (a << 6) + (a >> 2));
    return h ^ (h >> 29);
}

static int normalise(const char *s, size_t len, normtext *t)
{
    memset(t, 0, sizeof *t);
    uint64_t *h;
    size_t n;
    int rc = text_hashes(s, len, &h, &n);
    if (rc)
        return rc;
    size_t nb = n > 1 ? n - 1 : 0, na = n > 3 ? n - 3 : 0;
    t->big = malloc((nb + 1) * sizeof *t->big);
    t->anchors = malloc((na + 1) * sizeof *t->anchors);
    if (!t->big || !t->anchors) {
        free(h);
        return TRO_ENOMEM;
    }
    for (size_t i = 0; i < nb; i++)
        t->big[i] = (gram){mix(h[i], h[i + 1]), 1};
    for (size_t i = 0; i < na; i++)
        t->anchors[i] = (gram){mix(mix(h[i], h[i + 1]), mix(h[i + 2], h[i + 3])), (uint32_t)i};
    free(h);
    t->total = nb;
    qsort(t->big, nb, sizeof *t->big, cmp_gram);
    size_t k = 0;
    for (size_t i = 0; i < nb; i++) {
        if (k && t->big[k - 1].h == t->big[i].h)
            t->big[k - 1].n++;
        else
            t->big[k++] = t->big[i];
    }
    t->nbig = k;
    qsort(t->anchors, na, sizeof *t->anchors, cmp_gram);
    k = 0;
    for (size_t i = 0; i < na;) { /* keep 4-grams that occur once */
        size_t j = i + 1;
        while (j < na && t->anchors[j].h == t->anchors[i].h)
            j++;
        if (j == i + 1)
            t->anchors[k++] = t->anchors[i];
        i = j;
    }
    t->nanch = k;
    return 0;
}

static void normtext_free(normtext *t)
{
    free(t->big);
    free(t->anchors);
}

/* ---- Scores ---------------------------------------------------------------- */

static double dice(const normtext *a, const normtext *b)
{
    if (!a->total || !b->total)
        return 0;
    uint64_t common = 0;
    size_t i = 0, j = 0;
    while (i < a->nbig && j < b->nbig) {
        if (a->big[i].h < b->big[j].h)
            i++;
        else if (a->big[i].h > b->big[j].h)
            j++;
        else {
            common += a->big[i].n < b->big[j].n ? a->big[i].n : b->big[j].n;
            i++;
            j++;
        }
    }
    return 2.0 * (double)common / (double)(a->total + b->total);
}

static int cmp_pos(const void *a, const void *b)
{
    const gram *x = a, *y = b;
    return x->h < y->h ? -1 : x->h > y->h;
}

/* Share of the anchors common to both texts that appear in the same order:
 * the longest increasing run of input positions, taken in reference order. */
static int order_score(const normtext *ref, const normtext *in, double *out)
{
    *out = 0;
    size_t cap = ref->nanch < in->nanch ? ref->nanch : in->nanch, k = 0;
    gram *pairs = malloc((cap + 1) * sizeof *pairs);
    uint32_t *tails = malloc((cap + 1) * sizeof *tails);
    if (!pairs || !tails) {
        free(pairs);
        free(tails);
        return TRO_ENOMEM;
    }
    for (size_t i = 0, j = 0; i < ref->nanch && j < in->nanch;) {
        if (ref->anchors[i].h < in->anchors[j].h)
            i++;
        else if (ref->anchors[i].h > in->anchors[j].h)
            j++;
        else
            pairs[k++] = (gram){ref->anchors[i++].n, in->anchors[j++].n};
    }
    qsort(pairs, k, sizeof *pairs, cmp_pos); /* by reference position */
    size_t lis = 0;
    for (size_t i = 0; i < k; i++) {
        size_t lo = 0, hi = lis;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (tails[mid] < pairs[i].n)
                lo = mid + 1;
            else
                hi = mid;
        }
        tails[lo] = pairs[i].n;
        if (lo == lis)
            lis++;
    }
    *out = k ? (double)lis / (double)k : 0;
    free(pairs);
    free(tails);
    return 0;
}

int trop_db_best(const tro_license_db *db, const char *text, size_t len, trop_match *m)
{
    memset(m, 0, sizeof *m);
    if (!db || !db->n)
        return 0;
    normtext in;
    int rc = normalise(text, len, &in);
    const tmpl *best = NULL;
    for (size_t i = 0; !rc && i < db->n; i++) {
        const normtext *t = &db->v[i].t;
        uint64_t lo = t->total < in.total ? t->total : in.total;
        if (!t->total || 2.0 * (double)lo / (double)(t->total + in.total) <= m->score)
            continue; /* cannot beat the best so far */
        double s = dice(t, &in);
        if (s > m->score) {
            m->score = s;
            best = &db->v[i];
        }
    }
    if (!rc && best) {
        m->id = best->id;
        rc = order_score(&best->t, &in, &m->order);
    }
    normtext_free(&in);
    return rc;
}

/* ---- Loading ---------------------------------------------------------------- */

/* The licence a file name stands for: Debian names first, then SPDX ids. */
static const char *file_licence(const char *name)
{
    for (size_t i = 0; i < trop_template_name_count; i++)
        if (!strcmp(trop_template_name_table[i].key, name))
            return trop_template_name_table[i].expr;
    char base[256];
    size_t n = strlen(name);
    if (n >= sizeof base)
        return NULL;
    memcpy(base, name, n + 1);
    if (n > 4 && !strcmp(base + n - 4, ".txt"))
        base[n -= 4] = '\0';
    if (n > 9 && !strcmp(base + n - 9, ".template"))
        base[n -= 9] = '\0';
    const trop_lic *lic = trop_lic_find(base, n);
    return lic && !(lic->flags & TRO_LICENSE_DEPRECATED) ? lic->id : NULL;
}

static int read_file(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return TRO_EIO;
    char *buf = malloc(DB_MAX_FILE_BYTES + 1);
    size_t n = buf ? fread(buf, 1, DB_MAX_FILE_BYTES + 1, f) : 0;
    bool bad = ferror(f);
    fclose(f);
    if (!buf)
        return TRO_ENOMEM;
    if (bad || n > DB_MAX_FILE_BYTES) {
        free(buf);
        return TRO_ELIMIT;
    }
    *out = buf;
    *len = n;
    return 0;
}

static bool loaded(const tro_license_db *db, const char *id)
{
    for (size_t i = 0; i < db->n; i++)
        if (!strcmp(db->v[i].id, id))
            return true;
    return false;
}

static int add_file(tro_license_db *db, const char *dir, const char *name, size_t *cap)
{
    const char *id = name[0] == '.' ? NULL : file_licence(name);
    if (!id || loaded(db, id) || db->n >= DB_MAX_FILES)
        return 0;
    char *path = trop_asprintf("%s/%s", dir, name), *text = NULL;
    struct stat st;
    if (!path)
        return TRO_ENOMEM;
    size_t len = 0;
    int rc = 0;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size <= DB_MAX_FILE_BYTES)
        rc = read_file(path, &text, &len);
    free(path);
    if (rc == TRO_ENOMEM)
        return rc;
    if (rc || !text)
        return 0; /* unreadable or too large: skipped */
    if (db->n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        tmpl *v = realloc(db->v, nc * sizeof *v);
        if (!v) {
            free(text);
            return TRO_ENOMEM;
        }
        db->v = v;
        *cap = nc;
    }
    rc = normalise(text, len, &db->v[db->n].t);
    free(text);
    if (rc) {
        normtext_free(&db->v[db->n].t);
        return rc;
    }
    db->v[db->n++].id = id;
    return 0;
}

int tro_license_db_load(tro_license_db **out, const char *dir, tro_error *err)
{
    if (!out || !dir)
        return trop_error_set(err, TRO_EINVAL, -1, "licence texts: no directory given");
    *out = NULL;
    DIR *d = opendir(dir);
    if (!d)
        return trop_error_set(err, TRO_EIO, -1, "%s: %s", dir, strerror(errno));
    tro_license_db *db = calloc(1, sizeof *db);
    size_t cap = 0;
    int rc = db ? 0 : TRO_ENOMEM;
    struct dirent *de;
    while (!rc && (de = readdir(d)) != NULL)
        rc = add_file(db, dir, de->d_name, &cap);
    closedir(d);
    if (!rc && !db->n)
        rc = TRO_ENOTFOUND;
    if (rc) {
        tro_license_db_free(db);
        return trop_error_set(err, rc, -1, "%s: %s", dir,
                              rc == TRO_ENOTFOUND ? "no licence text named by a known licence"
                                                  : tro_strerror(rc));
    }
    *out = db;
    return 0;
}

size_t tro_license_db_count(const tro_license_db *db)
{
    return db ? db->n : 0;
}

void tro_license_db_free(tro_license_db *db)
{
    if (!db)
        return;
    for (size_t i = 0; i < db->n; i++)
        normtext_free(&db->v[i].t);
    free(db->v);
    free(db);
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Lookups in the generated tables, and what each category means for freedom. */
#include "internal.h"
#include "license.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Compares a table string with a (text, len) key, ignoring ASCII case. The
 * key may hold a NUL ("MIT\0..."): the table string is then read no further
 * than its own end. */
static int cmp_ci(const char *table, const char *key, size_t len)
{
    int c = strncasecmp(table, key, len);
    if (c)
        return c;
    /* equal up to len bytes, or up to a NUL in both */
    return strnlen(table, len) < len ? -1 : table[len] ? 1 : 0;
}

#define BSEARCH(table, count, field, cmp, key, len)                                                \
    do {                                                                                           \
        size_t lo = 0, hi = (count);                                                               \
        while (lo < hi) {                                                                          \
            size_t mid = lo + (hi - lo) / 2;                                                       \
            int c = cmp((table)[mid].field, (key), (len));                                         \
            if (!c)                                                                                \
                return &(table)[mid];                                                              \
            if (c < 0)                                                                             \
                lo = mid + 1;                                                                      \
            else                                                                                   \
                hi = mid;                                                                          \
        }                                                                                          \
        return NULL;                                                                               \
    } while (0)

const trop_lic *trop_lic_find(const char *id, size_t len)
{
    BSEARCH(trop_lic_table, trop_lic_count, id, cmp_ci, id, len);
}

const trop_exc *trop_exc_find(const char *id, size_t len)
{
    BSEARCH(trop_exc_table, trop_exc_count, id, cmp_ci, id, len);
}

static const trop_alias *hf_entry(const char *id, size_t len)
{
    BSEARCH(trop_hf_table, trop_hf_count, key, cmp_ci, id, len);
}

const char *trop_hf_find(const char *id, size_t len)
{
    const trop_alias *a = hf_entry(id, len);
    return a ? a->expr : NULL;
}

static const trop_alias *scancode_entry(const char *key, size_t len)
{
    BSEARCH(trop_scancode_table, trop_scancode_count, key, cmp_ci, key, len);
}

const char *trop_scancode_find(const char *key, size_t len)
{
    const trop_alias *a = scancode_entry(key, len);
    return a ? a->expr : NULL;
}

static int cmp_exact(const char *table, const char *key, size_t len)
{
    int c = strncmp(table, key, len);
    if (c)
        return c;
    return strnlen(table, len) < len ? -1 : table[len] ? 1 : 0;
}

static const trop_alias *name_entry(const char *key, size_t len)
{
    BSEARCH(trop_name_table, trop_name_count, key, cmp_exact, key, len);
}

const char *trop_name_find_key(const char *key)
{
    const trop_alias *a = name_entry(key, strlen(key));
    return a ? a->expr : NULL;
}

static const trop_alias *scancode_name_entry(const char *key, size_t len)
{
    BSEARCH(trop_scancode_name_table, trop_scancode_name_count, key, cmp_exact, key, len);
}

const char *trop_scancode_name_find_key(const char *key)
{
    const trop_alias *a = scancode_name_entry(key, strlen(key));
    return a ? a->expr : NULL;
}

/* By the words' hash: a binary search with strcmp cost 518 instructions a
 * call, 1.8 M on the 55 corpus cards. */
static const trop_name_word *name_word(const char *word)
{
    size_t mask = trop_spdx_name_word_slot_count - 1;
    for (size_t s = trop_flat_hash(word) & mask; trop_spdx_name_word_slots[s]; s = (s + 1) & mask) {
        const trop_name_word *w = &trop_spdx_name_words[trop_spdx_name_word_slots[s] - 1];
        if (!strcmp(w->word, word))
            return w;
    }
    return NULL;
}

const uint16_t *trop_name_keys_with(const char *word, size_t *n)
{
    const trop_name_word *w = name_word(word);
    *n = w ? w->count : 0;
    return w ? trop_spdx_name_word_keys + w->first : NULL;
}

const uint16_t *trop_name_keys_flat(uint32_t flat_hash, size_t *n)
{
    const uint16_t *order = trop_spdx_name_flat_order;
    size_t lo = 0, hi = trop_spdx_name_key_count;
    while (lo < hi) { /* the first key whose hash is not below flat_hash */
        size_t mid = lo + (hi - lo) / 2;
        if (trop_spdx_name_key_flat[order[mid]] < flat_hash)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < trop_spdx_name_key_count && trop_spdx_name_key_flat[order[end]] == flat_hash)
        end++;
    *n = end - lo;
    return order + lo;
}

const char *trop_name_find(const char *text, size_t len)
{
    char key[TROP_NAME_KEY_MAX];
    if (trop_name_key(text, len, key) <= 0)
        return NULL;
    return trop_name_find_key(key);
}

/* Glob match where '*' matches any run; iterative, O(len(p) * len(s)). */
static bool glob(const char *p, const char *s)
{
    const char *star = NULL, *ss = NULL;
    while (*s) {
        if (*p == '*') {
            star = p++;
            ss = s;
        } else if (*p == *s) {
            p++;
            s++;
        } else if (star) {
            p = star + 1;
            s = ++ss;
        } else {
            return false;
        }
    }
    while (*p == '*')
        p++;
    return !*p;
}

/* "$id" patterns end in one "*": what it matched is looked up as a licence. */
static const char *capture_lookup(const char *pattern, const char *url)
{
    size_t plen = strlen(pattern);
    if (!plen || pattern[plen - 1] != '*')
        return NULL;
    const char *cap = url + plen - 1;
    size_t n = strlen(cap);
    if (!n || memchr(cap, '/', n))
        return NULL;
    const trop_lic *lic = trop_lic_find(cap, n);
    if (lic)
        return lic->replaced_by ? lic->replaced_by : lic->id;
    const char *e = trop_hf_find(cap, n);
    return e ? e : trop_name_find(cap, n);
}

/* Two hosts given with their lengths, in the order the generator sorted
 * the patterns' hosts (strcmp's). */
static int host_cmp(const char *a, size_t an, const char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);
    return c ? c : an < bn ? -1 : an > bn;
}

/* The first pattern whose host is host[0..hn), or trop_url_count. */
static size_t host_first(const char *host, size_t hn)
{
    size_t lo = 0, hi = trop_url_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const trop_url *u = &trop_url_table[mid];
        if (host_cmp(u->pattern, u->host_len, host, hn) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Whether some pattern has the host url would have once normalised (read
 * by trop_url_normalise's rules, with its host aliases): most links are to
 * hosts no licence lives on, and this answers for them without normalising
 * the whole URL. */
static bool host_listed(const char *url, size_t len)
{
    char host[256];
    size_t hn = 0;
    for (size_t i = trop_url_start(url, len); i < len && hn < sizeof host; i++) {
        char c = url[i] >= 'A' && url[i] <= 'Z' ? (char)(url[i] - 'A' + 'a') : url[i];
        if (c == '/' || trop_url_ends_at(c))
            break;
        host[hn++] = c;
    }
    if (hn == sizeof host)
        return true; /* let the full lookup decide */
    hn = trop_url_host_clean(host, hn);
    const char *h = trop_url_host_alias(host, hn);
    if (h)
        hn = strlen(h);
    else
        h = host;
    size_t k = host_first(h, hn);
    return k < trop_url_count && trop_url_table[k].host_len == hn &&
           !memcmp(trop_url_table[k].pattern, h, hn);
}

bool trop_url_host_known(const char *url, size_t len)
{
    return host_listed(url, len);
}

const char *trop_url_find(const char *url, size_t len)
{
    char norm[1024];
    if (!host_listed(url, len) || trop_url_normalise(url, len, norm, sizeof norm) <= 0)
        return NULL;
    const char *slash = strchr(norm, '/');
    size_t hn = slash ? (size_t)(slash - norm) : strlen(norm);
    /* only its host's patterns can match, and of those, the ones whose
     * first path segment is a "*" or the URL's */
    const char *seg = slash ? strchr(slash + 1, '/') : NULL;
    size_t sn = !slash ? 0 : seg ? (size_t)(seg - norm) : strlen(norm);
    size_t lo = host_first(norm, hn);
    const char *best = NULL;
    size_t best_len = 0;
    for (size_t i = lo; i < trop_url_count; i++) {
        const trop_url *u = &trop_url_table[i];
        if (u->host_len != hn || memcmp(u->pattern, norm, hn) != 0)
            break;
        if (u->len <= best_len || (u->seg_len && u->seg_len != sn) || !glob(u->pattern, norm))
            continue;
        const char *e = strcmp(u->expr, "$id") ? u->expr : capture_lookup(u->pattern, norm);
        if (e) {
            best = e;
            best_len = u->len;
        }
    }
    return best;
}

const char *trop_license_url_expr(const char *url, size_t len)
{
    return trop_url_find(url, len);
}

#define FAMILY_REF "LicenseRef-trulyopen-"
#define FAMILY_END "-family"

bool trop_license_is_family(const char *id)
{
    size_t n = strlen(id), rl = strlen(FAMILY_REF), sl = strlen(FAMILY_END);
    return n > rl + sl && !strncmp(id, FAMILY_REF, rl) && !strcmp(id + n - sl, FAMILY_END);
}

bool trop_license_family_member(const char *family, const char *id)
{
    if (!strncmp(id, FAMILY_REF, strlen(FAMILY_REF)) || strchr(id, ' '))
        return false;
    if (!strcmp(family, FAMILY_REF "public-domain"))
        return trop_lic_category_of(id) == TRO_LICENSE_PUBLIC_DOMAIN;
    if (!trop_license_is_family(family))
        return false;
    const char *x = family + strlen(FAMILY_REF); /* the x of LicenseRef-trulyopen-x-family */
    size_t xl = strlen(x) - strlen(FAMILY_END);
    return !strncasecmp(id, x, xl) && id[xl] == '-' && id[xl + 1] >= '0' && id[xl + 1] <= '9';
}

int trop_lic_category_of(const char *id)
{
    const trop_lic *lic = trop_lic_find(id, strlen(id));
    return lic ? lic->category : TRO_LICENSE_UNKNOWN;
}

bool trop_expr_is_free(const trop_expr *e)
{
    if (e->kind == TROP_EX_AND)
        return trop_expr_is_free(e->left) && trop_expr_is_free(e->right);
    if (e->kind == TROP_EX_OR)
        return trop_expr_is_free(e->left) || trop_expr_is_free(e->right);
    return e->lic && e->exc_state != TROP_EXC_UNKNOWN_ADDITION && e->exc_state != TROP_EXC_BAD &&
           (trop_lic_flags(e->lic) & TRO_LICENSE_FREE);
}

bool trop_category_free(tro_license_category cat)
{
    switch (cat) {
    case TRO_LICENSE_PERMISSIVE:
    case TRO_LICENSE_COPYLEFT:
    case TRO_LICENSE_WEAK_COPYLEFT:
    case TRO_LICENSE_PUBLIC_DOMAIN:
    case TRO_LICENSE_OPEN_DATA:
        return true;
    default:
        return false;
    }
}

unsigned trop_lic_flags(const trop_lic *lic)
{
    if (!lic)
        return 0;
    unsigned f = lic->flags;
    if (f & (TRO_LICENSE_OSI_APPROVED | TRO_LICENSE_FSF_LIBRE | TRO_LICENSE_MOF_OPEN_DATA))
        f |= TRO_LICENSE_MOF_OPEN;
    if (trop_category_free((tro_license_category)lic->category)) {
        f |= TRO_LICENSE_FREE | TRO_LICENSE_FREE_FOR_DATA;
        /* One rule, by category, so that every version of a family agrees:
         * licences written for data and content (CC BY and CC BY-SA of any
         * version, ODbL, ODC-By, CDLA, OGL, etalab) are free for data and
         * models, not licences for software, even where the FSF lists one
         * version as free (CC-BY-4.0) and not another. */
        if (lic->category != TRO_LICENSE_OPEN_DATA)
            f |= TRO_LICENSE_FREE_FOR_SOFTWARE;
    }
    return f;
}

int trop_category_rank(tro_license_category cat)
{
    static const int rank[] = {
        [TRO_LICENSE_PROPRIETARY] = 0,    [TRO_LICENSE_RESEARCH_ONLY] = 1,
        [TRO_LICENSE_NON_COMMERCIAL] = 2, [TRO_LICENSE_NO_DERIVATIVES] = 3,
        [TRO_LICENSE_USE_RESTRICTED] = 4, [TRO_LICENSE_UNKNOWN] = 5,
        [TRO_LICENSE_COPYLEFT] = 6,       [TRO_LICENSE_WEAK_COPYLEFT] = 7,
        [TRO_LICENSE_OPEN_DATA] = 8,      [TRO_LICENSE_PERMISSIVE] = 9,
        [TRO_LICENSE_PUBLIC_DOMAIN] = 10,
    };
    return (unsigned)cat < sizeof rank / sizeof rank[0] ? rank[cat] : 5;
}

const char *tro_license_category_name(tro_license_category category)
{
    static const char *const names[] = {
        "unknown",        "permissive",    "copyleft",       "weak-copyleft",
        "public-domain",  "open-data",     "use-restricted", "non-commercial",
        "no-derivatives", "research-only", "proprietary",
    };
    return (unsigned)category < sizeof names / sizeof names[0] ? names[category] : "unknown";
}

const char *tro_license_list_version(void)
{
    return trop_spdx_list_version;
}

int tro_license_lookup(const char *id, const char **canonical_id, const char **name,
                       tro_license_category *category, unsigned int *flags)
{
    if (!id)
        return TRO_EINVAL;
    size_t len = strlen(id);
    const trop_lic *lic = trop_lic_find(id, len);
    if (lic) {
        if (canonical_id)
            *canonical_id = lic->id;
        if (name)
            *name = lic->name;
        if (category)
            *category = (tro_license_category)lic->category;
        if (flags)
            *flags = trop_lic_flags(lic);
        return TRO_OK;
    }
    const trop_exc *ex = trop_exc_find(id, len);
    if (!ex)
        return TRO_ENOTFOUND;
    if (canonical_id)
        *canonical_id = ex->id;
    if (name)
        *name = ex->id;
    if (category)
        *category = TRO_LICENSE_UNKNOWN;
    if (flags)
        *flags = TRO_LICENSE_SPDX | TRO_LICENSE_EXCEPTION |
                 (ex->deprecated ? TRO_LICENSE_DEPRECATED : 0);
    return TRO_OK;
}

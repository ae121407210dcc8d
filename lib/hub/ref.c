/* References to Hub repositories: hf://ORG/NAME[@REV] as huggingface_hub's
 * file system writes them, and the web URLs people copy from a browser. */
#include "hub.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define SEGMENT_MAX 96

/* First path segments of the Hub's web site that are not repositories. */
static const char *const reserved[] = {
    "api",           "blog",   "collections", "docs",    "join",     "learn",  "login", "models",
    "organizations", "papers", "posts",       "pricing", "settings", "spaces", "tasks",
};

static bool id_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
}

static bool segment_ok(const char *s, size_t n)
{
    if (n == 0 || n > SEGMENT_MAX || s[0] == '.' || s[0] == '-' || s[n - 1] == '.' ||
        s[n - 1] == '-')
        return false;
    for (size_t i = 0; i < n; i++) {
        if (!id_char(s[i]))
            return false;
        /* "--" would make models--ORG--NAME ambiguous; ".." is a path */
        if (i && (s[i] == '-' || s[i] == '.') && s[i - 1] == s[i])
            return false;
    }
    return true;
}

bool trop_hub_id_ok(const char *id)
{
    const char *slash = strchr(id, '/');
    if (!slash)
        return segment_ok(id, strlen(id));
    return !strchr(slash + 1, '/') && segment_ok(id, (size_t)(slash - id)) &&
           segment_ok(slash + 1, strlen(slash + 1));
}

bool trop_hub_rev_ok(const char *rev)
{
    size_t n = strlen(rev);
    if (n == 0 || n >= TROP_HUB_REV_LEN || rev[0] == '/' || rev[n - 1] == '/' || strstr(rev, "//"))
        return false;
    for (const char *p = rev; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c <= 0x20 || c == 0x7f || c == '?' || c == '#' || c == '%' || c == '\\' || c == '@')
            return false;
    }
    for (const char *p = rev; (p = strstr(p, "..")); p += 2)
        if ((p == rev || p[-1] == '/') && (p[2] == '\0' || p[2] == '/'))
            return false;
    return true;
}

const char *trop_hub_kind_dir(tro_ref_kind kind)
{
    return kind == TRO_REF_DATASET ? "datasets" : "models";
}

bool trop_hub_url_escape(char *buf, size_t cap, const char *s, bool keep_slash)
{
    size_t o = strlen(buf);
    static const char hex[] = "0123456789ABCDEF";
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        bool keep = id_char((char)c) || c == '~' || (keep_slash && c == '/');
        if (o + (keep ? 1 : 3) >= cap)
            return false;
        if (keep) {
            buf[o++] = (char)c;
        } else {
            buf[o++] = '%';
            buf[o++] = hex[c >> 4];
            buf[o++] = hex[c & 15];
        }
    }
    buf[o] = '\0';
    return true;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9'                     ? c - '0'
           : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
                                                    : -1;
}

/* Copies s[0..n) into out (cap bytes) decoding %XX; false if it does not fit
 * or a %-escape is malformed or decodes to a NUL. */
static bool unescape(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '%') {
            int hi = i + 2 < n ? hexval(s[i + 1]) : -1;
            int lo = i + 2 < n ? hexval(s[i + 2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
                return false;
            c = (char)(hi << 4 | lo);
            i += 2;
        }
        if (o + 1 >= cap)
            return false;
        out[o++] = c;
    }
    out[o] = '\0';
    return true;
}

/* Sets the id from segments (one or two) and checks it. */
static int set_id(trop_hub_ref *out, const char *s, size_t n, const char **why)
{
    if (!unescape(s, n, out->id, sizeof out->id) || !trop_hub_id_ok(out->id)) {
        *why = "not a repository id (ORG/NAME: letters, digits, '.', '_', '-')";
        return -1;
    }
    return 1;
}

static int set_rev(trop_hub_ref *out, const char *s, size_t n, const char **why)
{
    if (!unescape(s, n, out->rev, sizeof out->rev) || !trop_hub_rev_ok(out->rev)) {
        *why = "not a revision name (a branch, tag or commit sha)";
        return -1;
    }
    return 1;
}

/* hf://[models/|datasets/]ID[@REV] */
static int parse_hf(const char *s, trop_hub_ref *out, const char **why)
{
    if (!strncmp(s, "datasets/", 9)) {
        out->kind = TRO_REF_DATASET;
        s += 9;
    } else if (!strncmp(s, "models/", 7)) {
        s += 7;
    } else if (!strncmp(s, "spaces/", 7)) {
        *why = "Spaces are applications, not model releases";
        return -1;
    }
    const char *at = strchr(s, '@');
    size_t idlen = at ? (size_t)(at - s) : strlen(s);
    if (idlen && s[idlen - 1] == '/')
        idlen--; /* hf://org/name/ */
    size_t slashes = 0;
    for (size_t i = 0; i < idlen; i++)
        slashes += s[i] == '/';
    if (slashes > 1) {
        *why = "a path inside the repository is not supported: name the repository";
        return -1;
    }
    int rc = set_id(out, s, idlen, why);
    if (rc == 1 && at)
        rc = set_rev(out, at + 1, strlen(at + 1), why);
    return rc;
}

/* The path of a web URL: [datasets/]ORG/NAME[/(tree|blob|resolve)/REV/...] */
static int parse_web_path(const char *p, trop_hub_ref *out, const char **why)
{
    size_t n = strcspn(p, "?#");
    const char *end = p + n;
    while (end > p && end[-1] == '/')
        end--;
    const char *seg[5];
    size_t len[5], k = 0;
    for (const char *q = p; q < end && k < 5;) {
        const char *e = memchr(q, '/', (size_t)(end - q));
        if (!e)
            e = end;
        seg[k] = q;
        len[k++] = (size_t)(e - q);
        q = e + 1;
    }
    if (!k) {
        *why = "the URL names no repository";
        return -1;
    }
    size_t i = 0;
    if (len[0] == 8 && !memcmp(seg[0], "datasets", 8)) {
        out->kind = TRO_REF_DATASET;
        i = 1;
    } else {
        for (size_t r = 0; r < sizeof reserved / sizeof *reserved; r++)
            if (strlen(reserved[r]) == len[0] && !memcmp(seg[0], reserved[r], len[0])) {
                *why = "the URL is not a model or dataset repository";
                return -1;
            }
    }
    if (i + 2 > k) {
        *why = "the URL names no repository (ORG/NAME)";
        return -1;
    }
    /* ORG/NAME, then tree|blob|resolve/REV */
    int rc = set_id(out, seg[i], (size_t)(seg[i + 1] + len[i + 1] - seg[i]), why);
    i += 2;
    if (rc != 1 || i >= k)
        return rc;
    bool view = (len[i] == 4 && (!memcmp(seg[i], "tree", 4) || !memcmp(seg[i], "blob", 4))) ||
                (len[i] == 7 && !memcmp(seg[i], "resolve", 7));
    if (!view || i + 1 >= k) {
        *why = "the URL is not a repository, tree, blob or resolve URL";
        return -1;
    }
    return set_rev(out, seg[i + 1], len[i + 1], why);
}

/* The rest of s after base (an URL prefix) and a '/', or NULL. */
static const char *under(const char *s, const char *base)
{
    size_t n = strlen(base);
    while (n && base[n - 1] == '/')
        n--;
    if (!n || strncasecmp(s, base, n) != 0 || s[n] != '/')
        return NULL;
    return s + n + 1;
}

int trop_hub_ref_parse(const char *s, const char *endpoint, trop_hub_ref *out, const char **why)
{
    static const char *const hosts[] = {"https://huggingface.co", "https://www.huggingface.co",
                                        "https://hf.co", "http://huggingface.co", "http://hf.co"};
    memset(out, 0, sizeof *out);
    out->kind = TRO_REF_MODEL;
    strcpy(out->rev, "main");
    *why = NULL;
    if (!s)
        return 0;
    if (!strncmp(s, "hf://", 5))
        return parse_hf(s + 5, out, why);
    const char *rest = endpoint ? under(s, endpoint) : NULL;
    for (size_t i = 0; !rest && i < sizeof hosts / sizeof *hosts; i++)
        rest = under(s, hosts[i]);
    return rest ? parse_web_path(rest, out, why) : 0;
}

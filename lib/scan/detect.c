/* Artifact types, detected from the first bytes and the file name. */
#include "internal.h"

#include <ctype.h>
#include <string.h>

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static bool starts_with(const unsigned char *h, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n >= k && memcmp(h, lit, k) == 0;
}

static bool contains(const unsigned char *h, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    if (k > n)
        return false;
    for (size_t i = 0; i + k <= n; i++)
        if (h[i] == (unsigned char)needle[0] && memcmp(h + i, needle, k) == 0)
            return true;
    return false;
}

/* First non-blank byte of a text head (skipping a UTF-8 BOM). */
static size_t skip_blank(const unsigned char *h, size_t n)
{
    size_t i = 0;
    if (n >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF)
        i = 3;
    while (i < n && (h[i] == ' ' || h[i] == '\t' || h[i] == '\r' || h[i] == '\n'))
        i++;
    return i;
}

static bool is_license_name(const char *base)
{
    static const char *const stems[] = {"licenses", "license", "licences", "licence", "copying", "unlicense"};
    for (size_t i = 0; i < sizeof stems / sizeof *stems; i++) {
        size_t k = strlen(stems[i]);
        if (strncasecmp(base, stems[i], k) != 0)
            continue;
        char c = base[k];
        /* LICENSE, LICENSE.md, LICENSE-MODEL, LICENCE_data.txt, COPYING.LESSER */
        if (c == '\0' || c == '.' || c == '-' || c == '_')
            return true;
    }
    return false;
}

static bool looks_safetensors(const unsigned char *h, size_t n, uint64_t size)
{
    if (n < 10)
        return false;
    uint64_t len = trop_le64(h);
    if (len < 2 || len > size - 8)
        return false;
    size_t i = 8;
    while (i < n && (h[i] == ' ' || h[i] == '\t' || h[i] == '\r' || h[i] == '\n'))
        i++;
    return i < n && h[i] == '{';
}

/* A zip whose entries hold "<prefix>/data.pkl": how torch.save writes. */
static bool looks_torch_zip(const unsigned char *h, size_t n)
{
    return starts_with(h, n, "PK\x03\x04") &&
           (contains(h, n, "/data.pkl") || contains(h, n, "data.pkl"));
}

static bool looks_pickle(const unsigned char *h, size_t n)
{
    /* protocol 2+ opens with PROTO; legacy torch files open with the magic
     * number pickled at protocol 2 too. */
    return n >= 2 && h[0] == 0x80 && h[1] >= 2 && h[1] <= 5;
}

static bool looks_legacy_torch_tar(const unsigned char *h, size_t n)
{
    return n >= 262 && memcmp(h + 257, "ustar", 5) == 0 &&
           (starts_with(h, n, "sys_info") || starts_with(h, n, "pickle") ||
            starts_with(h, n, "storages") || starts_with(h, n, "tensors"));
}

static bool looks_mof(const unsigned char *h, size_t n)
{
    return (contains(h, n, "framework:") && contains(h, n, "release:")) &&
           (contains(h, n, "Model Openness Framework") || contains(h, n, "components:"));
}

tro_type trop_detect_type(const char *path, const unsigned char *h,
                                   size_t n, uint64_t size)
{
    const char *base = base_name(path);

    if (size < 1024 && starts_with(h, n, "version https://git-lfs.github.com/spec/") )
        return TRO_TYPE_LFS_POINTER;
    if (size < 1024 && starts_with(h, n, "version https://hawser.github.com/spec/v1"))
        return TRO_TYPE_LFS_POINTER;
    if (starts_with(h, n, "GGUF"))
        return TRO_TYPE_GGUF;
    if (looks_safetensors(h, n, size) &&
        (trop_str_iendswith(base, ".safetensors") || !trop_str_iendswith(base, ".json")))
        return TRO_TYPE_SAFETENSORS;
    if (looks_torch_zip(h, n) || looks_legacy_torch_tar(h, n))
        return TRO_TYPE_PYTORCH;
    if (looks_pickle(h, n))
        return TRO_TYPE_PICKLE;
    if (trop_str_iendswith(base, ".pkl") || trop_str_iendswith(base, ".pickle"))
        return TRO_TYPE_PICKLE;

    size_t t = skip_blank(h, n);
    bool json = t < n && h[t] == '{';
    if (json) {
        if (trop_str_iendswith(base, ".safetensors.index.json"))
            return TRO_TYPE_SAFETENSORS_INDEX;
        if (trop_str_iendswith(base, ".bin.index.json") || trop_str_iendswith(base, ".pt.index.json"))
            return TRO_TYPE_PYTORCH_INDEX;
        if (strcasecmp(base, "datapackage.json") == 0)
            return TRO_TYPE_DATAPACKAGE;
        if (contains(h, n, "mlcommons.org/croissant"))
            return TRO_TYPE_CROISSANT;
        if (strcasecmp(base, "config.json") == 0 || strcasecmp(base, "adapter_config.json") == 0)
            return TRO_TYPE_CONFIG;
        if (contains(h, n, "\"weight_map\""))
            return contains(h, n, ".safetensors\"") ? TRO_TYPE_SAFETENSORS_INDEX
                                                    : TRO_TYPE_PYTORCH_INDEX;
    }
    if (is_license_name(base))
        return TRO_TYPE_LICENSE;
    if (trop_str_iendswith(base, ".yml") || trop_str_iendswith(base, ".yaml")) {
        if (looks_mof(h, n))
            return TRO_TYPE_MOF;
    }
    if (trop_str_iendswith(base, ".md") || trop_str_iendswith(base, ".markdown")) {
        /* front matter must open the file, after an optional BOM */
        size_t b = (n >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF) ? 3 : 0;
        if (starts_with(h + b, n - b, "---\n") || starts_with(h + b, n - b, "---\r\n"))
            return TRO_TYPE_MODEL_CARD;
        return TRO_TYPE_MARKDOWN;
    }
    return TRO_TYPE_OTHER;
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Artifact types, detected from the first bytes and the file name. */
#include "scan.h"

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
    static const char *const stems[] = {"licenses", "license", "licences",
                                        "licence",  "copying", "unlicense"};
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

/* A safetensors header whose length is wrong (past the end, 2^63): eight
 * bytes of a little-endian length, one of them zero as in any length a
 * file can hold (text never has NUL), then the JSON header's '{'. */
static bool looks_broken_safetensors(const unsigned char *h, size_t n)
{
    return n >= 10 && memchr(h, 0, 8) && h[8] == '{';
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

#define COUNT(a) (sizeof(a) / sizeof *(a))

static bool ends_with_any(const char *base, const char *const *exts, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (trop_str_iendswith(base, exts[i]))
            return true;
    return false;
}

/* Files a loader unpickles whatever they hold (pickle.load, joblib.load,
 * dill.load, pandas.read_pickle). */
static const char *const pickle_names[] = {".pkl", ".pickle", ".joblib", ".dill"};
/* Files a loader unpickles when they hold a pickle: torch.load (a zip, a
 * tar, or else a pickle stream), and the .dat/.data names pickle scanners
 * read; by content only, since these names also hold other data. */
static const char *const maybe_pickle_names[] = {".bin", ".pt",   ".pth", ".ckpt",
                                                 ".dat", ".data", ".npy"};

/* HDF5's signature, at byte 0 or after a user block of 512 * 2^k bytes. */
static bool looks_hdf5(const unsigned char *h, size_t n)
{
    for (size_t at = 0; at + 8 <= n; at = at ? at * 2 : 512)
        if (memcmp(h + at, "\x89HDF\r\n\x1a\n", 8) == 0)
            return true;
    return false;
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

tro_type trop_detect_type(const char *path, const unsigned char *h, size_t n, uint64_t size)
{
    const char *base = base_name(path);

    if (size < 1024 && starts_with(h, n, "version https://git-lfs.github.com/spec/"))
        return TRO_TYPE_LFS_POINTER;
    if (size < 1024 && starts_with(h, n, "version https://hawser.github.com/spec/v1"))
        return TRO_TYPE_LFS_POINTER;
    if (starts_with(h, n, "GGUF"))
        return TRO_TYPE_GGUF;
    if (looks_safetensors(h, n, size) &&
        (trop_str_iendswith(base, ".safetensors") || !trop_str_iendswith(base, ".json")))
        return TRO_TYPE_SAFETENSORS;
    bool npy = trop_str_iendswith(base, ".npy"), zip = starts_with(h, n, "PK\x03\x04");
    if (starts_with(h, n, "\x93NUMPY") || (zip && trop_str_iendswith(base, ".npz")))
        return TRO_TYPE_NUMPY;
    if (zip && trop_str_iendswith(base, ".keras"))
        return TRO_TYPE_KERAS;
    if (looks_hdf5(h, n))
        return TRO_TYPE_HDF5;
    if (strcmp(base, "saved_model.pb") == 0 || strcmp(base, "keras_metadata.pb") == 0)
        return TRO_TYPE_SAVED_MODEL;
    if (looks_torch_zip(h, n) || looks_legacy_torch_tar(h, n))
        return TRO_TYPE_PYTORCH;
    if (looks_pickle(h, n) || ends_with_any(base, pickle_names, COUNT(pickle_names)) ||
        (ends_with_any(base, maybe_pickle_names, COUNT(maybe_pickle_names)) &&
         trop_pkl_sniff(h, n, size)))
        return npy ? TRO_TYPE_NUMPY : TRO_TYPE_PICKLE;
    /* a weights file with a corrupt header is still one: its reader reports
     * the header as an error, where "other" would say nothing */
    if (trop_str_iendswith(base, ".safetensors") ||
        (looks_broken_safetensors(h, n) && !trop_str_iendswith(base, ".json")))
        return TRO_TYPE_SAFETENSORS;
    if (trop_str_iendswith(base, ".gguf"))
        return TRO_TYPE_GGUF;

    size_t t = skip_blank(h, n);
    bool json = t < n && h[t] == '{';
    if (json) {
        if (trop_str_iendswith(base, ".safetensors.index.json"))
            return TRO_TYPE_SAFETENSORS_INDEX;
        if (trop_str_iendswith(base, ".bin.index.json") ||
            trop_str_iendswith(base, ".pt.index.json"))
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

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Artifact type detection from content and name. */
#include "internal.h"
#include "test.h"

static tro_type detect(const char *path, const void *head, size_t n, uint64_t size)
{
    return trop_detect_type(path, head, n, size ? size : n);
}

#define D(path, lit) detect(path, lit, sizeof(lit) - 1, 0)

TRO_TEST(detect)
{
    CHECK_INT(D("README.md", "---\nlicense: mit\n---\n# x\n"), TRO_TYPE_MODEL_CARD);
    CHECK_INT(D("docs/card.md", "\xEF\xBB\xBF---\r\nlicense: mit\r\n---\r\n"), TRO_TYPE_MODEL_CARD);
    CHECK_INT(D("README.md", "# Title\n\ntext\n"), TRO_TYPE_MARKDOWN);
    CHECK_INT(D("README.md", "----\nnot front matter\n"), TRO_TYPE_MARKDOWN);

    unsigned char st[64] = {0};
    st[0] = 20;
    memcpy(st + 8, "{\"__metadata__\":{}} ", 20);
    CHECK_INT(detect("model.safetensors", st, 28, 28), TRO_TYPE_SAFETENSORS);
    CHECK_INT(detect("weights.bin", st, 28, 28), TRO_TYPE_SAFETENSORS);
    /* a header length past the end (or 2^63) is a corrupt safetensors file,
     * which its reader reports, not "other" */
    st[0] = 200;
    CHECK_INT(detect("x.bin", st, 28, 28), TRO_TYPE_SAFETENSORS);
    memset(st, 0, 8);
    st[7] = 0x80;
    CHECK_INT(detect("x.bin", st, 28, 28), TRO_TYPE_SAFETENSORS);
    CHECK_INT(detect("x.json", st, 28, 28), TRO_TYPE_OTHER);
    CHECK_INT(D("notes.txt", "12345678{\"a\": 1}"), TRO_TYPE_OTHER); /* text: no NUL */
    /* the name alone says it, whatever the bytes */
    CHECK_INT(D("model.safetensors", "<html>not found</html>"), TRO_TYPE_SAFETENSORS);
    CHECK_INT(D("model.safetensors", ""), TRO_TYPE_SAFETENSORS);
    CHECK_INT(D("m.Q4_K_M.gguf", "<html>not found</html>"), TRO_TYPE_GGUF);

    CHECK_INT(D("m.gguf", "GGUF\x03\x00\x00\x00"), TRO_TYPE_GGUF);
    CHECK_INT(D("model.safetensors.index.json", "{\"weight_map\": {}}"), TRO_TYPE_SAFETENSORS_INDEX);
    CHECK_INT(D("pytorch_model.bin.index.json", "{\"weight_map\": {}}"), TRO_TYPE_PYTORCH_INDEX);
    CHECK_INT(D("weights.json", "{\"weight_map\": {\"a\": \"m-1.safetensors\"}}"), TRO_TYPE_SAFETENSORS_INDEX);
    CHECK_INT(D("config.json", "{\"model_type\": \"llama\"}"), TRO_TYPE_CONFIG);
    CHECK_INT(D("adapter_config.json", "{\"base_model_name_or_path\": \"org/m\"}"), TRO_TYPE_CONFIG);
    CHECK_INT(D("sub/datapackage.json", "{\"resources\": []}"), TRO_TYPE_DATAPACKAGE);
    CHECK_INT(D("croissant.json", "{\"@context\": {\"cr\": \"http://mlcommons.org/croissant/\"}}"), TRO_TYPE_CROISSANT);
    CHECK_INT(D("other.json", "{\"a\": 1}"), TRO_TYPE_OTHER);

    CHECK_INT(D("LICENSE", "Apache License\n"), TRO_TYPE_LICENSE);
    CHECK_INT(D("LICENSE.md", "MIT\n"), TRO_TYPE_LICENSE);
    CHECK_INT(D("licence-model.txt", "x"), TRO_TYPE_LICENSE);
    CHECK_INT(D("COPYING", "GPL"), TRO_TYPE_LICENSE);
    CHECK_INT(D("LICENSES_NOTES.txt", "x"), TRO_TYPE_LICENSE);
    CHECK_INT(D("licensed.txt", "x"), TRO_TYPE_OTHER);

    CHECK_INT(D("pytorch_model.bin", "PK\x03\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
                                     "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x10\x00\x00\x00"
                                     "archive/data.pkl"), TRO_TYPE_PYTORCH);
    CHECK_INT(D("bundle.zip", "PK\x03\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
                              "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x05\x00\x00\x00"
                              "a.txt"), TRO_TYPE_OTHER);
    CHECK_INT(D("x.pkl", "\x80\x04\x95"), TRO_TYPE_PICKLE);
    CHECK_INT(D("x.dat", "\x80\x02}q\x00."), TRO_TYPE_PICKLE);
    CHECK_INT(D("model.pkl", "(dp0\n."), TRO_TYPE_PICKLE);
    /* protocol 0/1 pickles where a loader unpickles them, by content */
    CHECK_INT(D("pytorch_model.bin", "cos\nsystem\n(S'id'\ntR."), TRO_TYPE_PICKLE);
    CHECK_INT(D("model.pt", "(dp0\nS'a'\np1\nI1\ns."), TRO_TYPE_PICKLE);
    CHECK_INT(D("w.data", "]q\x00(K\x01K\x02e."), TRO_TYPE_PICKLE);
    CHECK_INT(D("model.joblib", "anything"), TRO_TYPE_PICKLE);
    CHECK_INT(D("model.dill", "(lp0\n."), TRO_TYPE_PICKLE);
    CHECK_INT(D("notes.bin", "cat README\n"), TRO_TYPE_OTHER);   /* not a module line */
    CHECK_INT(D("not_a_pickle.bin", "cmod\n\xf8\n"), TRO_TYPE_OTHER);
    CHECK_INT(D("table.dat", "(x, y) = 1, 2\n"), TRO_TYPE_OTHER);
    CHECK_INT(D("bad.pt", "\x89PNG\r\n\x1a\n"), TRO_TYPE_OTHER);
    CHECK_INT(D("text.txt", "cos\nsystem\n(S'id'\ntR."), TRO_TYPE_OTHER); /* no loader */
    /* NumPy, Keras, HDF5, SavedModel */
    CHECK_INT(D("a.npy", "\x93NUMPY\x01\x00v\x00{'descr'"), TRO_TYPE_NUMPY);
    CHECK_INT(D("raw.npy", "\x80\x04N."), TRO_TYPE_NUMPY);
    CHECK_INT(D("raw.npy", "cos\nsystem\n(S'id'\ntR."), TRO_TYPE_NUMPY);
    CHECK_INT(D("arrays.npz", "PK\x03\x04"), TRO_TYPE_NUMPY);
    CHECK_INT(D("model.keras", "PK\x03\x04"), TRO_TYPE_KERAS);
    CHECK_INT(D("model.h5", "\x89HDF\r\n\x1a\n\x00"), TRO_TYPE_HDF5);
    unsigned char ub[600] = {0};
    memcpy(ub + 512, "\x89HDF\r\n\x1a\n", 8); /* after a user block */
    CHECK_INT(detect("data.hdf5", ub, sizeof ub, sizeof ub), TRO_TYPE_HDF5);
    CHECK_INT(D("m/saved_model.pb", "\x08\x01\x12\x00"), TRO_TYPE_SAVED_MODEL);
    CHECK_INT(D("keras_metadata.pb", "\x0a\x00"), TRO_TYPE_SAVED_MODEL);
    CHECK_INT(D("fingerprint.pb", "\x08\x01"), TRO_TYPE_OTHER);

    CHECK_INT(D("model.bin", "version https://git-lfs.github.com/spec/v1\n"
                             "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
                             "size 12345\n"), TRO_TYPE_LFS_POINTER);

    CHECK_INT(D("release.yml", "framework:\n  name: 'Model Openness Framework'\nrelease:\n  name: x\n"), TRO_TYPE_MOF);
    CHECK_INT(D("ci.yml", "on: push\njobs:\n"), TRO_TYPE_OTHER);
    CHECK_INT(detect("empty", "", 0, 0), TRO_TYPE_OTHER);

}

/* Artifact type detection from content and name. */
#include "internal.h"
#include "test.h"

static tro_type detect(const char *path, const void *head, size_t n, uint64_t size)
{
    return trop_detect_type(path, head, n, size ? size : n);
}

#define D(path, lit) detect(path, lit, sizeof(lit) - 1, 0)

int main(void)
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
    st[0] = 200; /* header longer than the file: not safetensors */
    CHECK_INT(detect("x.bin", st, 28, 28), TRO_TYPE_OTHER);

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

    CHECK_INT(D("model.bin", "version https://git-lfs.github.com/spec/v1\n"
                             "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
                             "size 12345\n"), TRO_TYPE_LFS_POINTER);

    CHECK_INT(D("release.yml", "framework:\n  name: 'Model Openness Framework'\nrelease:\n  name: x\n"), TRO_TYPE_MOF);
    CHECK_INT(D("ci.yml", "on: push\njobs:\n"), TRO_TYPE_OTHER);
    CHECK_INT(detect("empty", "", 0, 0), TRO_TYPE_OTHER);

    return trt_finish("test_detect");
}

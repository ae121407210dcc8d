/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The GGUF reader: a valid v3 file (little- and big-endian) with every value
 * type, general.* provenance keys, a tokenizer-sized array and three tensor
 * types; then a table of malformed files, each written here by a tiny GGUF
 * writer, that must give its finding. */
#include "wtest.h"

#include <math.h>
#include <unistd.h>

enum { T_U8, T_I8, T_U16, T_I16, T_U32, T_I32, T_F32, T_BOOL, T_STR, T_ARR, T_U64, T_I64, T_F64 };

static void g_str(wbuf *b, const char *s)
{
    wb_u64(b, strlen(s));
    wb_str(b, s);
}

static void g_head(wbuf *b, uint32_t version, uint64_t nt, uint64_t nkv)
{
    wb_str(b, "GGUF");
    wb_u32(b, version);
    wb_u64(b, nt);
    wb_u64(b, nkv);
}

static void kv_str(wbuf *b, const char *k, const char *v)
{
    g_str(b, k);
    wb_u32(b, T_STR);
    g_str(b, v);
}

static void kv_u32(wbuf *b, const char *k, uint32_t v)
{
    g_str(b, k);
    wb_u32(b, T_U32);
    wb_u32(b, v);
}

static void kv_strs(wbuf *b, const char *k, size_t n, const char *const *v)
{
    g_str(b, k);
    wb_u32(b, T_ARR);
    wb_u32(b, T_STR);
    wb_u64(b, n);
    for (size_t i = 0; i < n; i++)
        g_str(b, v[i]);
}

static void kv_num(wbuf *b, const char *k, uint32_t type, uint64_t bits, int bytes)
{
    g_str(b, k);
    wb_u32(b, type);
    wb_uint(b, bits, bytes);
}

static void tinfo(wbuf *b, const char *name, uint32_t nd, const uint64_t *dims, uint32_t type,
                  uint64_t off)
{
    g_str(b, name);
    wb_u32(b, nd);
    for (uint32_t i = 0; i < nd; i++)
        wb_u64(b, dims[i]);
    wb_u32(b, type);
    wb_u64(b, off);
}

static void pad(wbuf *b, size_t align)
{
    while (b->n % align)
        wb_u8(b, 0);
}

static uint64_t f32_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static uint64_t f64_bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

#define VALID_KV 29

/* The valid fixture; *data_at gets the start of the tensor data. */
static void build_valid(wbuf *b, size_t *data_at)
{
    static const char *const tags[] = {"a", "b"}, *const langs[] = {"en"},
                             *const ds[] = {"org/ds2"};
    g_head(b, 3, 3, VALID_KV);
    kv_str(b, "general.architecture", "llama");
    kv_str(b, "general.name", "Tiny");
    kv_str(b, "general.license", "apache-2.0");
    kv_str(b, "general.license.link", "https://www.apache.org/licenses/LICENSE-2.0");
    kv_strs(b, "general.tags", 2, tags);
    kv_strs(b, "general.languages", 1, langs);
    kv_u32(b, "general.base_model.count", 1);
    kv_str(b, "general.base_model.0.name", "Base");
    kv_str(b, "general.base_model.0.repo_url", "https://huggingface.co/org/base");
    kv_u32(b, "general.dataset.count", 1);
    kv_str(b, "general.dataset.0.name", "ds-one");
    kv_strs(b, "general.datasets", 1, ds);
    kv_u32(b, "general.alignment", 32);
    kv_u32(b, "general.file_type", 2);
    kv_u32(b, "general.quantization_version", 2);
    kv_u32(b, "llama.context_length", 4096);
    kv_num(b, "llama.rope.freq_base", T_F32, f32_bits(10000.0f), 4);
    kv_num(b, "x.f64", T_F64, f64_bits(0.5), 8);
    kv_num(b, "x.i8", T_I8, (uint8_t)-3, 1);
    kv_num(b, "x.u8", T_U8, 200, 1);
    kv_num(b, "x.u16", T_U16, 65535, 2);
    kv_num(b, "x.i16", T_I16, (uint16_t)-2, 2);
    kv_num(b, "x.i32", T_I32, (uint32_t)-7, 4);
    kv_num(b, "x.u64", T_U64, 1ull << 40, 8);
    kv_num(b, "x.i64", T_I64, (uint64_t)-(1ll << 40), 8);
    kv_num(b, "x.bool", T_BOOL, 1, 1);
    g_str(b, "tokenizer.ggml.tokens");
    wb_u32(b, T_ARR);
    wb_u32(b, T_STR);
    wb_u64(b, 300);
    for (int i = 0; i < 300; i++) {
        char t[16];
        snprintf(t, sizeof t, "t%d", i);
        g_str(b, t);
    }
    g_str(b, "tokenizer.ggml.scores");
    wb_u32(b, T_ARR);
    wb_u32(b, T_F32);
    wb_u64(b, 300);
    for (int i = 0; i < 300; i++)
        wb_u32(b, (uint32_t)f32_bits((float)i));
    char tmpl[301];
    memset(tmpl, 'x', 300);
    tmpl[300] = 0;
    kv_str(b, "tokenizer.chat_template", tmpl);
    uint64_t d2[] = {8, 2}, d64[] = {64}, d3[] = {3};
    tinfo(b, "tok_embd.weight", 2, d2, 0, 0);  /* F32: 64 bytes */
    tinfo(b, "blk.0.q", 1, d64, 2, 64);        /* Q4_0: 2 blocks of 18 */
    tinfo(b, "out", 1, d3, 1, 128);            /* F16: 6 bytes */
    pad(b, 32);
    *data_at = b->n;
    wb_zeros(b, 134);
}

static void check_valid_meta(json_t *m, size_t data_at, const char *endianness)
{
    CHECK_INT(wt_int(m, "version"), 3);
    CHECK_STR(wt_str(m, "endianness"), endianness);
    CHECK_INT(wt_int(m, "tensor_count"), 3);
    CHECK_INT(wt_int(m, "kv_count"), VALID_KV);
    CHECK_INT(wt_int(m, "alignment"), 32);
    CHECK_INT(wt_int(m, "data_offset"), data_at);
    CHECK_STR(wt_str(m, "architecture"), "llama");
    CHECK_INT(wt_int(m, "file_type"), 2);
    CHECK_INT(wt_int(m, "quantization_version"), 2);
    CHECK_STR(wt_str(m, "general/name"), "Tiny");
    CHECK_STR(wt_str(m, "general/license"), "apache-2.0");
    CHECK_STR(wt_str(m, "general/license.link"), "https://www.apache.org/licenses/LICENSE-2.0");
    CHECK_STR(wt_str(m, "general/tags/1"), "b");
    CHECK_INT(json_array_size(wt_at(m, "general/tags")), 2);
    CHECK_STR(wt_str(m, "general/languages/0"), "en");
    CHECK_INT(wt_int(m, "general/base_model.count"), 1);
    CHECK_INT(json_array_size(wt_at(m, "base_models")), 1);
    CHECK_STR(wt_str(m, "base_models/0/name"), "Base");
    CHECK_STR(wt_str(m, "base_models/0/repo_url"), "https://huggingface.co/org/base");
    CHECK_INT(json_array_size(wt_at(m, "datasets")), 2);
    CHECK_STR(wt_str(m, "datasets/0/name"), "ds-one");
    CHECK_STR(wt_str(m, "datasets/1/name"), "org/ds2");
    CHECK(wt_at(m, "general/datasets") == NULL);
    CHECK(wt_at(m, "general/alignment") == NULL);
    CHECK_INT(wt_int(m, "kv/llama.context_length"), 4096);
    CHECK(fabs(json_real_value(wt_at(m, "kv/llama.rope.freq_base")) - 10000.0) < 1e-9);
    CHECK(fabs(json_real_value(wt_at(m, "kv/x.f64")) - 0.5) < 1e-12);
    CHECK_INT(wt_int(m, "kv/x.i8"), -3);
    CHECK_INT(wt_int(m, "kv/x.u8"), 200);
    CHECK_INT(wt_int(m, "kv/x.u16"), 65535);
    CHECK_INT(wt_int(m, "kv/x.i16"), -2);
    CHECK_INT(wt_int(m, "kv/x.i32"), -7);
    CHECK_INT(wt_int(m, "kv/x.u64"), 1ll << 40);
    CHECK_INT(wt_int(m, "kv/x.i64"), -(1ll << 40));
    CHECK(json_is_true(wt_at(m, "kv/x.bool")));
    CHECK_STR(wt_str(m, "kv/tokenizer.ggml.tokens/type"), "array");
    CHECK_STR(wt_str(m, "kv/tokenizer.ggml.tokens/element_type"), "string");
    CHECK_INT(wt_int(m, "kv/tokenizer.ggml.tokens/count"), 300);
    CHECK_STR(wt_str(m, "kv/tokenizer.ggml.scores/element_type"), "float32");
    CHECK_INT(wt_int(m, "kv/tokenizer.chat_template/length"), 300);
    CHECK_INT(json_object_size(wt_at(m, "tensor_types")), 3);
    CHECK_INT(wt_int(m, "tensor_types/F32"), 1);
    CHECK_INT(wt_int(m, "tensor_types/Q4_0"), 1);
    CHECK_INT(wt_int(m, "tensor_types/F16"), 1);
    CHECK_INT(wt_int(m, "parameter_count"), 16 + 64 + 3);
    CHECK_INT(wt_int(m, "tensor_bytes"), 64 + 36 + 6);
    CHECK(json_is_true(wt_at(m, "complete")));
}

static void test_valid(void)
{
    for (int be = 0; be <= 1; be++) {
        wbuf b = {.be = be};
        size_t data_at;
        build_valid(&b, &data_at);
        wrun r;
        wt_read(&r, TRO_TYPE_GGUF, "tiny.gguf", b.p, b.n);
        CHECK_INT(r.rc, 0);
        CHECK_INT(tro_release_finding_count(r.rel), be ? 1 : 0);
        if (be) {
            const tro_finding *f = wt_find(r.rel, "gguf-big-endian");
            CHECK(f && tro_finding_severity(f) == TRO_SEVERITY_INFO);
        }
        check_valid_meta(r.meta, data_at, be ? "big" : "little");
        wt_done(&r);
        wb_free(&b);
    }
}

/* ---- Malformed files ------------------------------------------------------ */
static void m_empty(wbuf *b) { (void)b; }
static void m_short_magic(wbuf *b) { wb_str(b, "GGU"); }
static void m_bad_magic(wbuf *b) { g_head(b, 3, 0, 0); memcpy(b->p, "GGML", 4); }
static void m_v1(wbuf *b) { g_head(b, 1, 0, 0); }
static void m_v4(wbuf *b) { g_head(b, 4, 0, 0); }
static void m_v0(wbuf *b) { g_head(b, 0, 0, 0); }
static void m_cut_counts(wbuf *b) { wb_str(b, "GGUF"); wb_u32(b, 3); wb_u64(b, 0); }
static void m_kv_huge(wbuf *b) { g_head(b, 3, 0, UINT64_MAX); }
static void m_tensors_huge(wbuf *b) { g_head(b, 3, 1ull << 60, 0); wb_zeros(b, 64); }
static void m_kv_over_file(wbuf *b) { g_head(b, 3, 0, 10); wb_zeros(b, 100); }
static void m_key_len_2_64(wbuf *b) { g_head(b, 3, 0, 1); wb_u64(b, UINT64_MAX - 2); wb_zeros(b, 8); }
static void m_key_len_70000(wbuf *b) { g_head(b, 3, 0, 1); wb_u64(b, 70000); wb_zeros(b, 70010); }
static void m_key_empty(wbuf *b) { g_head(b, 3, 0, 1); kv_u32(b, "", 1); }
static void m_key_utf8(wbuf *b) { g_head(b, 3, 0, 1); kv_u32(b, "a\xff", 1); }
static void m_key_dup(wbuf *b) { g_head(b, 3, 0, 2); kv_u32(b, "a.b", 1); kv_u32(b, "a.b", 2); }
static void m_value_type(wbuf *b) { g_head(b, 3, 0, 1); g_str(b, "a"); wb_u32(b, 13); wb_zeros(b, 8); }
static void m_str_2_64(wbuf *b) { g_head(b, 3, 0, 1); g_str(b, "a"); wb_u32(b, T_STR); wb_u64(b, UINT64_MAX); wb_zeros(b, 8); }
static void m_str_over(wbuf *b) { g_head(b, 3, 0, 1); g_str(b, "a"); wb_u32(b, T_STR); wb_u64(b, 100); wb_str(b, "short"); }
static void m_arr_type(wbuf *b) { g_head(b, 3, 0, 1); g_str(b, "a"); wb_u32(b, T_ARR); wb_u32(b, 99); wb_u64(b, 1); wb_zeros(b, 8); }
static void m_arr_huge(wbuf *b) { g_head(b, 3, 0, 1); g_str(b, "a"); wb_u32(b, T_ARR); wb_u32(b, T_U8); wb_u64(b, UINT64_MAX); wb_zeros(b, 8); }
static void m_arr_strs(wbuf *b) { g_head(b, 3, 0, 1); g_str(b, "a"); wb_u32(b, T_ARR); wb_u32(b, T_STR); wb_u64(b, 1ull << 61); wb_zeros(b, 64); }
static void m_bool(wbuf *b) { g_head(b, 3, 0, 1); kv_num(b, "a", T_BOOL, 2, 1); }
static void m_bool_in_array(wbuf *b) { g_head(b, 3, 0, 1); g_str(b, "a"); wb_u32(b, T_ARR); wb_u32(b, T_BOOL); wb_u64(b, 3); wb_u8(b, 0); wb_u8(b, 1); wb_u8(b, 7); }
static void m_nested(wbuf *b)
{
    g_head(b, 3, 0, 1);
    g_str(b, "a");
    wb_u32(b, T_ARR);
    wb_u32(b, T_ARR);
    wb_u64(b, 1);
    wb_u32(b, T_U8);
    wb_u64(b, 2);
    wb_u8(b, 1);
    wb_u8(b, 2);
}
static void m_too_deep(wbuf *b)
{
    g_head(b, 3, 0, 1);
    g_str(b, "a");
    wb_u32(b, T_ARR);
    for (int i = 0; i < 70; i++) {
        wb_u32(b, T_ARR);
        wb_u64(b, 1);
    }
    wb_u32(b, T_U8);
    wb_u64(b, 0);
}
static void m_align3(wbuf *b) { g_head(b, 3, 0, 1); kv_u32(b, "general.alignment", 3); }
static void m_align0(wbuf *b) { g_head(b, 3, 0, 1); kv_u32(b, "general.alignment", 0); }
static void m_align_u64(wbuf *b) { g_head(b, 3, 0, 1); kv_num(b, "general.alignment", T_U64, 32, 8); }
static void m_value_utf8(wbuf *b) { g_head(b, 3, 0, 1); kv_str(b, "general.name", "bad \xc3\x28 name"); }

/* One tensor (and its data when `data`), no keys. */
static void one_tensor(wbuf *b, const char *name, uint32_t nd, const uint64_t *dims,
                       uint32_t type, uint64_t off, size_t data)
{
    g_head(b, 3, 1, 0);
    tinfo(b, name, nd, dims, type, off);
    pad(b, 32);
    wb_zeros(b, data);
}
static const uint64_t d4[] = {4}, d33[] = {33}, d_over[] = {1ull << 62, 4}, d5[] = {1, 1, 1, 1, 1};
static void m_tname_64(wbuf *b)
{
    char n[65];
    memset(n, 'n', 64);
    n[64] = 0;
    one_tensor(b, n, 1, d4, 0, 0, 16);
}
static void m_tname_dup(wbuf *b)
{
    g_head(b, 3, 2, 0);
    tinfo(b, "w", 1, d4, 0, 0);
    tinfo(b, "w", 1, d4, 0, 32);
    pad(b, 32);
    wb_zeros(b, 64);
}
static void m_tdims(wbuf *b) { one_tensor(b, "w", 5, d5, 0, 0, 4); }
static void m_ttype_removed(wbuf *b) { one_tensor(b, "w", 1, d4, 4, 0, 16); }
static void m_ttype_range(wbuf *b) { one_tensor(b, "w", 1, d4, 200, 0, 16); }
static void m_toverflow(wbuf *b) { one_tensor(b, "w", 2, d_over, 0, 0, 16); }
static void m_tshape(wbuf *b) { one_tensor(b, "w", 1, d33, 2, 0, 64); }
static void m_tmisaligned(wbuf *b) { one_tensor(b, "w", 1, d4, 0, 8, 64); }
static void m_toffset(wbuf *b)
{
    g_head(b, 3, 2, 0);
    tinfo(b, "a", 1, d4, 0, 0);
    tinfo(b, "b", 1, d4, 0, 96); /* expected 32 */
    pad(b, 32);
    wb_zeros(b, 128);
}
static void m_tbounds(wbuf *b) { one_tensor(b, "w", 1, d4, 0, 0, 8); }
static void m_tinfo_cut(wbuf *b) { g_head(b, 3, 2, 0); tinfo(b, "w", 1, d4, 0, 0); g_str(b, "x"); wb_u32(b, 1); wb_zeros(b, 7); }

typedef struct gcase {
    const char *what;
    void (*build)(wbuf *b);
    const char *code;
    tro_severity sev;
    const char *says; /* expected in the message, or NULL */
} gcase;

#define E TRO_SEVERITY_ERROR
#define W TRO_SEVERITY_WARNING
static const gcase cases[] = {
    {"empty file", m_empty, "gguf-truncated", E, NULL},
    {"3-byte file", m_short_magic, "gguf-truncated", E, NULL},
    {"bad magic", m_bad_magic, "gguf-bad-magic", E, "GGUF"},
    {"version 1", m_v1, "gguf-version-unsupported", E, "version 1"},
    {"version 4", m_v4, "gguf-version-unsupported", E, "version 4"},
    {"version 0", m_v0, "gguf-version-unsupported", E, NULL},
    {"cut in the counts", m_cut_counts, "gguf-truncated", E, NULL},
    {"kv_count 2^64-1", m_kv_huge, "gguf-count-too-large", E, NULL},
    {"tensor_count 2^60", m_tensors_huge, "gguf-count-too-large", E, NULL},
    {"kv_count over the file", m_kv_over_file, "gguf-count-too-large", E, NULL},
    {"key length near 2^64", m_key_len_2_64, "gguf-bad-key", E, "over 65535"},
    {"key length 70000", m_key_len_70000, "gguf-bad-key", E, NULL},
    {"empty key", m_key_empty, "gguf-bad-key", E, "empty"},
    {"key not UTF-8", m_key_utf8, "gguf-bad-key", E, NULL},
    {"duplicate key", m_key_dup, "gguf-duplicate-key", E, "a.b"},
    {"value type 13", m_value_type, "gguf-bad-type", E, NULL},
    {"string length 2^64-1", m_str_2_64, "gguf-truncated", E, NULL},
    {"string past the end", m_str_over, "gguf-truncated", E, NULL},
    {"array element type 99", m_arr_type, "gguf-bad-type", E, NULL},
    {"array of 2^64-1 bytes", m_arr_huge, "gguf-count-too-large", E, NULL},
    {"array of 2^61 strings", m_arr_strs, "gguf-count-too-large", E, NULL},
    {"bool 2", m_bool, "gguf-bad-bool", E, NULL},
    {"bool 7 in an array", m_bool_in_array, "gguf-bad-bool", E, NULL},
    {"array of arrays", m_nested, "gguf-nested-array", W, "ggml"},
    {"arrays 70 deep", m_too_deep, "gguf-too-deep", E, NULL},
    {"alignment 3", m_align3, "gguf-bad-alignment", E, "power of two"},
    {"alignment 0", m_align0, "gguf-bad-alignment", E, NULL},
    {"alignment as uint64", m_align_u64, "gguf-bad-alignment", E, "uint32"},
    {"value not UTF-8", m_value_utf8, "gguf-bad-utf8", W, NULL},
    {"tensor name of 64 bytes", m_tname_64, "gguf-bad-tensor-name", E, NULL},
    {"duplicate tensor", m_tname_dup, "gguf-duplicate-tensor", E, "'w'"},
    {"5 dimensions", m_tdims, "gguf-bad-tensor-dims", E, NULL},
    {"removed type 4", m_ttype_removed, "gguf-bad-tensor-type", E, NULL},
    {"type 200", m_ttype_range, "gguf-bad-tensor-type", E, NULL},
    {"element overflow", m_toverflow, "gguf-tensor-overflow", E, NULL},
    {"Q4_0 row of 33", m_tshape, "gguf-tensor-shape", E, "block"},
    {"misaligned offset", m_tmisaligned, "gguf-tensor-misaligned", E, NULL},
    {"offset gap", m_toffset, "gguf-tensor-offset", E, "expected 32"},
    {"data past the end", m_tbounds, "gguf-tensor-out-of-bounds", E, NULL},
    {"cut tensor info", m_tinfo_cut, "gguf-truncated", E, NULL},
};

static void run_case(const gcase *c)
{
    wbuf b = {0};
    c->build(&b);
    wrun r;
    wt_read(&r, TRO_TYPE_GGUF, "bad.gguf", b.p, b.n);
    CHECK_INT(r.rc, 0);
    const tro_finding *f = wt_find(r.rel, c->code);
    if (!f || tro_finding_severity(f) != c->sev) {
        fprintf(stderr, "case '%s': no %s %s; findings:\n", c->what,
                tro_severity_name(c->sev), c->code);
        wt_dump(r.rel);
    }
    CHECK(f != NULL);
    CHECK(!f || tro_finding_severity(f) == c->sev);
    CHECK_CONTAINS(f ? tro_finding_message(f) : NULL, "bad.gguf");
    if (c->says)
        CHECK_CONTAINS(f ? tro_finding_message(f) : NULL, c->says);
    CHECK(!f || tro_finding_offset(f) >= -1);
    if (getenv("WT_VERBOSE"))
        wt_dump(r.rel);
    wt_done(&r);
    wb_free(&b);
}

/* Limits and streamed prefixes stop the reader cleanly, keeping what it read. */
static void test_limits(void)
{
    wbuf b = {0};
    size_t data_at;
    build_valid(&b, &data_at);
    wrun r;
    tro_limits small = {.max_header_bytes = 200};
    wt_read_src(&r, &small, TRO_TYPE_GGUF, "big.gguf", b.p, b.n, b.n);
    const tro_finding *f = wt_find(r.rel, "gguf-header-too-large");
    CHECK(f && tro_finding_severity(f) == TRO_SEVERITY_ERROR);
    CHECK(json_is_false(wt_at(r.meta, "complete")));
    CHECK_STR(wt_str(r.meta, "architecture"), "llama"); /* read before the limit */
    wt_done(&r);

    wt_read_src(&r, NULL, TRO_TYPE_GGUF, "part.gguf", b.p, b.n, 300);
    f = wt_find(r.rel, "gguf-header-unavailable");
    CHECK(f && tro_finding_severity(f) == TRO_SEVERITY_INFO);
    CHECK_INT(wt_count_sev(r.rel, TRO_SEVERITY_ERROR), 0);
    CHECK(json_is_false(wt_at(r.meta, "complete")));
    CHECK_STR(wt_str(r.meta, "general/name"), "Tiny");
    wt_done(&r);

    /* the tensor data need not be there: only the header is read */
    wt_read_src(&r, NULL, TRO_TYPE_GGUF, "part.gguf", b.p, b.n, data_at);
    CHECK_INT(tro_release_finding_count(r.rel), 0);
    CHECK(json_is_true(wt_at(r.meta, "complete")));
    wt_done(&r);
    wb_free(&b);
}

/* Read through a file descriptor in 64 KiB windows: a header bigger than
 * one window, with keys straddling window edges. */
static void test_fd_windows(void)
{
    wbuf b = {0};
    g_head(&b, 3, 0, 3000);
    for (int i = 0; i < 3000; i++) {
        char k[32], v[64];
        snprintf(k, sizeof k, "x.key%d", i);
        snprintf(v, sizeof v, "value number %d padded to be a bit long", i);
        kv_str(&b, k, v);
    }
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char *path = trop_asprintf("%s/tro-gguf-XXXXXX", tmp);
    int fd = mkstemp(path);
    CHECK(fd >= 0 && write(fd, b.p, b.n) == (ssize_t)b.n);
    tro_ctx *ctx = wt_ctx_limits(NULL);
    tro_release *rel;
    tro_release_new(&rel, ctx, "fd");
    tro_artifact *a = trop_release_add(rel, "w.gguf", b.n);
    a->type = TRO_TYPE_GGUF;
    trop_src src = {.name = a->path, .size = b.n, .fd = fd};
    CHECK_INT(trop_reader_for(TRO_TYPE_GGUF)(ctx, &src, a), 0);
    CHECK_INT(trop_release_finish(rel), 0);
    CHECK(b.n > 3 * 65536);
    CHECK_INT(tro_release_finding_count(rel), 0);
    json_t *m = json_loads(trt_meta(a), 0, NULL);
    CHECK_INT(wt_int(m, "kv_count"), 3000);
    CHECK_INT(json_object_size(wt_at(m, "kv")), 256);
    CHECK_INT(wt_int(m, "kv_dropped"), 3000 - 256);
    CHECK(json_is_true(wt_at(m, "complete")));
    json_decref(m);
    tro_release_free(rel);
    tro_ctx_free(ctx);
    close(fd);
    unlink(path);
    free(path);
    wb_free(&b);
}

TRO_TEST(gguf)
{
    test_valid();
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        run_case(&cases[i]);
    test_limits();
    test_fd_windows();
}

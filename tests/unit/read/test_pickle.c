/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Pickle scanner internals: the judgement table, Python-compatible text
 * decoders and integer parsing, table-driven. */
#include "pickle/pickle.h"
#include "test.h"

static const struct {
    const char *module, *name;
    trop_pkl_verdict want;
} judge_cases[] = {
    {"collections", "OrderedDict", TROP_PKL_ALLOWED},
    {"torch._utils", "_rebuild_tensor_v2", TROP_PKL_ALLOWED},
    {"torch", "FloatStorage", TROP_PKL_ALLOWED},
    {"torch", "bfloat16", TROP_PKL_ALLOWED},
    {"torch", "nn.parameter.Parameter", TROP_PKL_ALLOWED}, /* dotted path to an allowed one */
    {"numpy.core.multiarray", "_reconstruct", TROP_PKL_ALLOWED},
    {"builtins", "set", TROP_PKL_ALLOWED},
    {"_codecs", "encode", TROP_PKL_ALLOWED},
    {"os", "system", TROP_PKL_DANGEROUS},
    {"os.path", "join", TROP_PKL_DANGEROUS}, /* submodule of a blocked module */
    {"posix", "system", TROP_PKL_DANGEROUS},
    {"nt", "system", TROP_PKL_DANGEROUS},
    {"subprocess", "Popen", TROP_PKL_DANGEROUS},
    {"builtins", "eval", TROP_PKL_DANGEROUS},
    {"builtins", "getattr", TROP_PKL_DANGEROUS},
    {"builtins", "__import__", TROP_PKL_DANGEROUS},
    {"builtins", "map", TROP_PKL_UNKNOWN},
    {"importlib", "import_module", TROP_PKL_DANGEROUS},
    {"pkgutil", "resolve_name", TROP_PKL_DANGEROUS},
    {"operator", "attrgetter", TROP_PKL_DANGEROUS},
    {"functools", "partial", TROP_PKL_DANGEROUS},
    {"types", "CodeType", TROP_PKL_DANGEROUS},
    {"marshal", "loads", TROP_PKL_DANGEROUS},
    {"torch", "load", TROP_PKL_DANGEROUS},
    {"torch.serialization", "load", TROP_PKL_DANGEROUS},
    {"torch", "jit.load", TROP_PKL_DANGEROUS}, /* prefix torch.jit */
    {"torch.hub", "load", TROP_PKL_DANGEROUS},
    {"numpy", "prod.os.system", TROP_PKL_DANGEROUS}, /* attribute walk into os */
    {"numpy", "core._internal.sys.modules", TROP_PKL_DANGEROUS},
    {"numpy", "__builtins__", TROP_PKL_DANGEROUS},
    {"collections", "OrderedDict.__init__", TROP_PKL_DANGEROUS},
    {"numpy", "trace", TROP_PKL_UNKNOWN}, /* no walk: a plain name */
    {"uuid", "UUID", TROP_PKL_UNKNOWN},   /* carved out of uuid.* */
    {"uuid", "_get_command_stdout", TROP_PKL_DANGEROUS},
    {"argparse", "Namespace", TROP_PKL_UNKNOWN},
    {"__main__", "Net", TROP_PKL_UNKNOWN},
    {"", "x", TROP_PKL_UNKNOWN},
    {"os", "", TROP_PKL_UNKNOWN},
    {"numpy", "a..b", TROP_PKL_UNKNOWN},
    /* a dangerous global covers what is reached through it, wherever the
     * module part of the path ends */
    {"torch.compile", "dangerous", TROP_PKL_DANGEROUS},
    {"builtins", "eval.__call__", TROP_PKL_DANGEROUS},
    {"io", "open", TROP_PKL_DANGEROUS},
    {"fickling.hook", "remove_hook", TROP_PKL_DANGEROUS}, /* scanners */
    {"modelscan", "x", TROP_PKL_DANGEROUS},
    {"torch", "compiler", TROP_PKL_UNKNOWN}, /* a prefix of the name is not enough */
    {"ast", "parse", TROP_PKL_UNKNOWN},
};

TRO_TEST(pickle_judge)
{
    for (size_t i = 0; i < sizeof judge_cases / sizeof *judge_cases; i++) {
        const char *why = NULL;
        trop_pkl_verdict v = trop_pkl_judge(judge_cases[i].module, judge_cases[i].name, &why);
        if (v != judge_cases[i].want)
            fprintf(stderr, "judge %s.%s\n", judge_cases[i].module, judge_cases[i].name);
        CHECK_INT(v, judge_cases[i].want);
        CHECK((v == TROP_PKL_DANGEROUS) == (why != NULL));
    }
    /* 70 components: too many to check, so dangerous */
    char name[256] = "a";
    for (int i = 0; i < 69; i++)
        strcat(name, ".a");
    CHECK_INT(trop_pkl_judge("numpy", name, NULL), TROP_PKL_DANGEROUS);
    CHECK_STR(trop_pkl_verdict_name(TROP_PKL_UNKNOWN), "unknown");
}

TRO_TEST(pickle_rename)
{
    const char *m = "__builtin__", *n = "eval";
    CHECK(trop_pkl_rename(&m, &n, true, false));
    CHECK_STR(m, "builtins");
    CHECK_STR(n, "eval");
    m = "__builtin__";
    n = "xrange";
    CHECK(trop_pkl_rename(&m, &n, true, false));
    CHECK_STR(n, "range");
    m = "__builtin__";
    CHECK(!trop_pkl_rename(&m, &n, false, false)); /* protocol >= 3 */
    m = "torch.tensor";
    n = "_rebuild_from_type_v2";
    CHECK(trop_pkl_rename(&m, &n, false, true));
    CHECK_STR(m, "torch._tensor");
    CHECK_INT(trop_pkl_storage_elem_size("torch.HalfStorage"), 2);
    CHECK_INT(trop_pkl_storage_elem_size("FloatStorage"), 4);
    CHECK_INT(trop_pkl_storage_elem_size("NotAStorage"), 0);
}

#define UNESC(fn, lit, want_ok, want)                                                              \
    do {                                                                                           \
        char out[64];                                                                              \
        size_t len;                                                                                \
        bool trunc, ok = fn(lit, sizeof(lit) - 1, out, sizeof out, &len, &trunc);                  \
        CHECK_INT(ok, want_ok);                                                                    \
        if (ok && want)                                                                            \
            CHECK_STR(out, (const char *)(want));                                                  \
    } while (0)

TRO_TEST(pickle_text)
{
    UNESC(trop_pkl_unescape_string, "\\x6fs", true, "os");
    UNESC(trop_pkl_unescape_string, "\\157s", true, "os");
    UNESC(trop_pkl_unescape_string, "a\\\nb", true, "ab");
    UNESC(trop_pkl_unescape_string, "\\q", true, "\\q");
    UNESC(trop_pkl_unescape_string, "\\u0041", true, "\\u0041");
    UNESC(trop_pkl_unescape_string, "\\x6", false, NULL);
    UNESC(trop_pkl_unescape_string, "\\", false, NULL);
    UNESC(trop_pkl_unescape_unicode, "\\u006fs", true, "os");
    UNESC(trop_pkl_unescape_unicode, "\\\\u006fs", true, "\\\\u006fs");
    UNESC(trop_pkl_unescape_unicode, "\\\\\\u006fs", true, "\\\\os");
    UNESC(trop_pkl_unescape_unicode, "\\U0000006f", true, "o");
    UNESC(trop_pkl_unescape_unicode, "\xe9", true, "\xc3\xa9"); /* Latin-1 byte */
    UNESC(trop_pkl_unescape_unicode, "a\\u00", false, NULL);
    UNESC(trop_pkl_unescape_unicode, "\\U00110000", false, NULL);

    char out[8];
    size_t len;
    bool trunc;
    CHECK(trop_pkl_unescape_string("abcdefghij", 10, out, sizeof out, &len, &trunc));
    CHECK(trunc);
    CHECK_INT(len, 7);

    CHECK(trop_pkl_utf8_ok("\xc3\xa9", 2, false));
    CHECK(trop_pkl_utf8_ok("\xed\xa0\x80", 3, false)); /* surrogatepass */
    CHECK(!trop_pkl_utf8_ok("\xff", 1, false));
    CHECK(!trop_pkl_utf8_ok("\xc3", 1, false));
    CHECK(trop_pkl_utf8_ok("\xc3", 1, true));

    char p[32];
    trop_pkl_printable("a\x01\xff", 3, p, sizeof p);
    CHECK_STR(p, "a\\x01\\xff");
    trop_pkl_printable("abcdefghijklmnopqrstuvwxyz", 26, p, 12);
    CHECK_STR(p, "abcdefgh..."); /* 11 bytes + NUL */
}

TRO_TEST(pickle_int)
{
    static const struct {
        const char *s;
        bool ok;
        int64_t v;
    } cases[] = {
        {"12", true, 12},
        {" -3 ", true, -3},
        {"+7", true, 7},
        {"1_000", true, 1000},
        {"010", true, 10},
        {"1__0", false, 0},
        {"_1", false, 0},
        {"1_", false, 0},
        {"", false, 0},
        {"0x10", false, 0},
        {"9223372036854775807", true, INT64_MAX},
        {"-9223372036854775808", true, INT64_MIN},
        {"9223372036854775808", false, 0},
        {"99999999999999999999999", false, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int64_t v = 0;
        bool ok = trop_pkl_parse_int(cases[i].s, strlen(cases[i].s), &v);
        CHECK_INT(ok, cases[i].ok);
        if (ok)
            CHECK_INT(v, cases[i].v);
    }
    int64_t v;
    CHECK(trop_pkl_parse_int("5\0junk", 6, &v)); /* C unpickler stops at NUL */
    CHECK_INT(v, 5);
}

TRO_TEST(pickle_sniff)
{
    static const struct {
        const char *head;
        size_t n;
        bool want;
    } cases[] = {
#define S(lit, want) {lit, sizeof(lit) - 1, want}
        S("\x80\x02}q\x00.", true),
        S("\x80\x00N.", true),
        S("\x80\x06N.", false),
        S("cos\nsystem\n(S'id'\ntR.", true),
        S("(dp0\nS'a'\np1\nI1\ns.", true),
        S("(lp0\nVa\np1\naVb\np2\na.", true),
        S("}q\x00(X\x01\x00\x00\x00"
          "aK\x01u.",
          true),
        S("N.", true),
        S(".", false),                 /* STOP alone */
        S("cos system\n", false),     /* a blank in the module line */
        S("cmod\n\xf8\n", false),   /* not an identifier */
        S("Sos\n.", false),           /* STRING unquoted */
        S("Iabc\n.", false),          /* INT not decimal */
        S("X\xff\xff\xff\x7f", false), /* longer than the file */
        S("\x89PNG\r\n\x1a\n", false),
        S("(\x00", false),
        S("# a comment\n", false),
        S("((((((((((((((((", true), /* 16 opcodes without a mistake */
        S("(((((((", false),          /* too few to tell */
#undef S
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bool got = trop_pkl_sniff((const unsigned char *)cases[i].head, cases[i].n, cases[i].n);
        if (got != cases[i].want)
            fprintf(stderr, "sniff case %zu\n", i);
        CHECK_INT(got, cases[i].want);
    }
}

/* Through the public API: type detection picks the pickle reader. */
TRO_TEST(pickle_release)
{
    static const char evil[] = "cos\nsystem\n(S'id'\ntR.";
    static const char ok[] = "\x80\x02}q\x00X\x01\x00\x00\x00"
                             "aK\x01s."; /* {"a": 1} */
    tro_ctx *ctx;
    tro_release *rel;
    CHECK_INT(tro_ctx_new(&ctx, NULL, NULL), 0);
    CHECK_INT(tro_release_new(&rel, ctx, "t"), 0);
    CHECK_INT(tro_release_add_buffer(rel, "evil.pkl", evil, sizeof evil - 1), 0);
    CHECK_INT(tro_release_add_buffer(rel, "ok.pkl", ok, sizeof ok - 1), 0);
    const tro_artifact *a = tro_release_find(rel, "evil.pkl");
    CHECK(a && tro_artifact_type(a) == TRO_TYPE_PICKLE);
    CHECK_CONTAINS(trt_meta(a), "\"dangerous\":1");
    CHECK_CONTAINS(trt_meta(a), "\"verdict\":\"dangerous\"");
    size_t errors = 0;
    for (size_t i = 0; i < tro_release_finding_count(rel); i++) {
        const tro_finding *f = tro_release_finding(rel, i);
        CHECK_STR(tro_finding_path(f), "evil.pkl");
        if (!strcmp(tro_finding_code(f), "pickle-dangerous-global")) {
            errors++;
            CHECK_INT(tro_finding_severity(f), TRO_SEVERITY_ERROR);
            CHECK_INT(tro_finding_offset(f), 0);
            CHECK_CONTAINS(tro_finding_message(f), "os.system");
        }
    }
    CHECK_INT(errors, 1);
    a = tro_release_find(rel, "ok.pkl");
    CHECK_CONTAINS(trt_meta(a), "\"dangerous\":0");
    CHECK_CONTAINS(trt_meta(a), "\"complete\":true");
    tro_release_free(rel);
    tro_ctx_free(ctx);
}

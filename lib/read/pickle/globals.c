/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Which imported globals a pickle may use: an allowlist modelled on what
 * torch.load(weights_only=True) accepts, plus the globals known to run code
 * (from the lists of picklescan, modelscan, fickling and the bypasses
 * reported against them). Anything else is "unknown": blocklists are
 * always incomplete, so only the allowlist vouches for a global.
 *
 * A rule names a module and a name; name "*" covers the whole module and
 * its submodules. `attr` (BADA) marks the modules so often imported by
 * others that reaching one through an attribute path is itself an attack
 * ("numpy" + "prod.os.system" walks into os); other module-wide rules (BADM)
 * leave attribute names such as "trace" or "signal" alone.
 */
#include "pickle.h"

#include <string.h>

typedef struct pkl_rule {
    const char *module;
    const char *name;
    unsigned char verdict;
    unsigned char attr;
    const char *why;
} pkl_rule;

/* clang-format off */
#define OK(m, n) {m, n, TROP_PKL_ALLOWED, 0, NULL}
#define MAYBE(m, n) {m, n, TROP_PKL_UNKNOWN, 0, NULL}
#define BAD(m, n, w) {m, n, TROP_PKL_DANGEROUS, 0, w}
#define BADA(m, w) {m, "*", TROP_PKL_DANGEROUS, 1, w}
#define BADM(m, w) {m, "*", TROP_PKL_DANGEROUS, 0, w}

static const char W_EXEC[] = "runs code";
static const char W_IMPORT[] = "imports modules or resolves names";
static const char W_ATTR[] = "reaches attributes of arbitrary objects";
static const char W_CALL[] = "calls other callables";
static const char W_PROC[] = "starts processes or threads";
static const char W_FILE[] = "reads or writes files";
static const char W_NET[] = "opens network connections";
static const char W_LOAD[] = "loads nested pickles or serialized code";
static const char W_SYS[] = "changes the interpreter's state";
static const char W_DEBUG[] = "debugger or profiler that runs code";
static const char W_SCANNER[] = "reaches a pickle security scanner (to switch its checks off)";

static const pkl_rule rules[] = {
    /* ---- What torch.load(weights_only=True) accepts ---- */
    OK("collections", "OrderedDict"), OK("collections", "Counter"),
    OK("torch._utils", "_rebuild_tensor"), OK("torch._utils", "_rebuild_tensor_v2"),
    OK("torch._utils", "_rebuild_tensor_v3"), OK("torch._utils", "_rebuild_parameter"),
    OK("torch._utils", "_rebuild_parameter_with_state"), OK("torch._utils", "_rebuild_qtensor"),
    OK("torch._utils", "_rebuild_sparse_tensor"),
    OK("torch._utils", "_rebuild_meta_tensor_no_storage"),
    OK("torch._utils", "_rebuild_nested_tensor"), OK("torch._utils", "_rebuild_wrapper_subclass"),
    OK("torch._utils", "_rebuild_device_tensor_from_numpy"),
    OK("torch._utils", "_rebuild_device_tensor_from_cpu_tensor"),
    OK("torch._tensor", "_rebuild_from_type_v2"),
    OK("torch.nn.parameter", "Parameter"), OK("torch.serialization", "_get_layout"),
    OK("torch", "Size"), OK("torch", "Tensor"), OK("torch", "device"),
    OK("torch.storage", "UntypedStorage"), OK("torch.storage", "TypedStorage"),
    OK("torch", "UntypedStorage"), OK("torch", "TypedStorage"),
    OK("torch", "DoubleStorage"), OK("torch", "FloatStorage"), OK("torch", "HalfStorage"),
    OK("torch", "BFloat16Storage"), OK("torch", "LongStorage"), OK("torch", "IntStorage"),
    OK("torch", "ShortStorage"), OK("torch", "CharStorage"), OK("torch", "ByteStorage"),
    OK("torch", "BoolStorage"), OK("torch", "ComplexDoubleStorage"),
    OK("torch", "ComplexFloatStorage"), OK("torch", "QUInt8Storage"), OK("torch", "QInt8Storage"),
    OK("torch", "QInt32Storage"), OK("torch", "QUInt4x2Storage"), OK("torch", "QUInt2x4Storage"),
    OK("torch.cuda", "DoubleStorage"), OK("torch.cuda", "FloatStorage"),
    OK("torch.cuda", "HalfStorage"), OK("torch.cuda", "BFloat16Storage"),
    OK("torch.cuda", "LongStorage"), OK("torch.cuda", "IntStorage"),
    OK("torch.cuda", "ShortStorage"), OK("torch.cuda", "CharStorage"),
    OK("torch.cuda", "ByteStorage"), OK("torch.cuda", "BoolStorage"),
    OK("torch", "DoubleTensor"), OK("torch", "FloatTensor"), OK("torch", "HalfTensor"),
    OK("torch", "BFloat16Tensor"), OK("torch", "LongTensor"), OK("torch", "IntTensor"),
    OK("torch", "ShortTensor"), OK("torch", "CharTensor"), OK("torch", "ByteTensor"),
    OK("torch", "BoolTensor"),
    OK("torch.cuda", "DoubleTensor"), OK("torch.cuda", "FloatTensor"),
    OK("torch.cuda", "HalfTensor"), OK("torch.cuda", "BFloat16Tensor"),
    OK("torch.cuda", "LongTensor"), OK("torch.cuda", "IntTensor"),
    OK("torch.cuda", "ShortTensor"), OK("torch.cuda", "CharTensor"),
    OK("torch.cuda", "ByteTensor"), OK("torch.cuda", "BoolTensor"),
    /* dtypes (canonical names and aliases) */
    OK("torch", "float32"), OK("torch", "float"), OK("torch", "float64"), OK("torch", "double"),
    OK("torch", "float16"), OK("torch", "half"), OK("torch", "bfloat16"),
    OK("torch", "complex32"), OK("torch", "chalf"), OK("torch", "complex64"),
    OK("torch", "cfloat"), OK("torch", "complex128"), OK("torch", "cdouble"),
    OK("torch", "uint8"), OK("torch", "int8"), OK("torch", "int16"), OK("torch", "short"),
    OK("torch", "int32"), OK("torch", "int"), OK("torch", "int64"), OK("torch", "long"),
    OK("torch", "uint16"), OK("torch", "uint32"), OK("torch", "uint64"), OK("torch", "bool"),
    OK("torch", "qint8"), OK("torch", "quint8"), OK("torch", "qint32"),
    OK("torch", "quint4x2"), OK("torch", "quint2x4"),
    OK("torch", "float8_e4m3fn"), OK("torch", "float8_e5m2"),
    OK("torch", "float8_e4m3fnuz"), OK("torch", "float8_e5m2fnuz"),
    OK("torch", "bits8"), OK("torch", "bits16"), OK("torch", "bits1x8"),
    OK("torch", "bits2x4"), OK("torch", "bits4x2"),
    /* quantization schemes, layouts, memory formats */
    OK("torch", "per_tensor_affine"), OK("torch", "per_tensor_symmetric"),
    OK("torch", "per_channel_affine"), OK("torch", "per_channel_symmetric"),
    OK("torch", "per_channel_affine_float_qparams"),
    OK("torch", "strided"), OK("torch", "sparse_coo"), OK("torch", "sparse_csr"),
    OK("torch", "sparse_csc"), OK("torch", "sparse_bsr"), OK("torch", "sparse_bsc"),
    OK("torch", "contiguous_format"), OK("torch", "channels_last"),
    OK("torch", "channels_last_3d"), OK("torch", "preserve_format"),
    OK("_codecs", "encode"),
    /* inert builtin types (weights_only takes set, bytearray, complex) */
    OK("builtins", "set"), OK("builtins", "frozenset"), OK("builtins", "bytearray"),
    OK("builtins", "complex"), OK("builtins", "slice"), OK("builtins", "range"),
    OK("builtins", "bool"), OK("builtins", "int"), OK("builtins", "float"),
    OK("builtins", "str"), OK("builtins", "bytes"), OK("builtins", "list"),
    OK("builtins", "tuple"), OK("builtins", "dict"),
    /* numpy arrays and scalars */
    OK("numpy", "ndarray"), OK("numpy", "dtype"),
    OK("numpy.core.multiarray", "_reconstruct"), OK("numpy.core.multiarray", "scalar"),
    OK("numpy._core.multiarray", "_reconstruct"), OK("numpy._core.multiarray", "scalar"),
    /* joblib's stand-in for arrays: a data holder */
    OK("joblib.numpy_pickle", "NumpyArrayWrapper"),
    OK("sklearn.externals.joblib.numpy_pickle", "NumpyArrayWrapper"),

    /* ---- Exceptions to module-wide rules below ---- */
    MAYBE("uuid", "UUID"), MAYBE("logging", "getLogger"),

    /* ---- Known to run code or reach the system ---- */
    BAD("builtins", "eval", W_EXEC), BAD("builtins", "exec", W_EXEC),
    BAD("builtins", "compile", W_EXEC), BAD("builtins", "execfile", W_EXEC),
    BAD("builtins", "apply", W_CALL), BAD("builtins", "breakpoint", W_DEBUG),
    BAD("builtins", "getattr", W_ATTR), BAD("builtins", "setattr", W_ATTR),
    BAD("builtins", "delattr", W_ATTR), BAD("builtins", "vars", W_ATTR),
    BAD("builtins", "globals", W_ATTR), BAD("builtins", "locals", W_ATTR),
    BAD("builtins", "type", W_ATTR), BAD("builtins", "super", W_ATTR),
    BAD("builtins", "__import__", W_IMPORT), BAD("builtins", "reload", W_IMPORT),
    BAD("builtins", "__build_class__", W_EXEC), BAD("builtins", "__loader__", W_IMPORT),
    BAD("builtins", "__spec__", W_IMPORT),
    BAD("builtins", "open", W_FILE), BAD("builtins", "file", W_FILE),
    BAD("builtins", "input", W_SYS), BAD("builtins", "help", W_SYS),
    BAD("builtins", "exit", W_SYS), BAD("builtins", "quit", W_SYS),
    {"builtins", "*", TROP_PKL_UNKNOWN, 1, NULL},
    BADA("__builtin__", W_EXEC), BADA("__builtins__", W_EXEC),
    BAD("io", "open", W_FILE), BAD("io", "open_code", W_FILE), BAD("io", "FileIO", W_FILE),
    BAD("_io", "open", W_FILE), BAD("_io", "open_code", W_FILE), BAD("_io", "FileIO", W_FILE),
    BAD("codecs", "open", W_FILE), BAD("codecs", "EncodedFile", W_FILE),
    BAD("copyreg", "add_extension", W_SYS), BAD("copyreg", "remove_extension", W_SYS),
    BADA("os", W_PROC), BADA("posix", W_PROC), BADA("nt", W_PROC),
    BADA("subprocess", W_PROC), BADA("_posixsubprocess", W_PROC), BADA("pty", W_PROC),
    BADA("sys", W_SYS), BADA("gc", W_ATTR), BADA("inspect", W_ATTR),
    BADA("importlib", W_IMPORT), BADM("_frozen_importlib", W_IMPORT),
    BADM("_frozen_importlib_external", W_IMPORT), BADM("_imp", W_IMPORT),
    BADA("imp", W_IMPORT), BADM("zipimport", W_IMPORT), BADA("pkgutil", W_IMPORT),
    BADM("site", W_IMPORT), BADA("runpy", W_EXEC), BADA("code", W_EXEC),
    BADA("codeop", W_EXEC), BADA("types", W_EXEC), BADA("marshal", W_LOAD),
    BADA("operator", W_ATTR), BADA("_operator", W_ATTR), BADA("functools", W_CALL),
    BADA("pickle", W_LOAD), BADA("_pickle", W_LOAD), BADA("cPickle", W_LOAD),
    BADA("dill", W_LOAD), BADA("cloudpickle", W_LOAD), BADM("shelve", W_LOAD),
    BAD("joblib", "load", W_LOAD), BAD("joblib.numpy_pickle", "load", W_LOAD),
    BAD("joblib", "Parallel", W_PROC), BAD("joblib", "delayed", W_CALL),
    BAD("pandas", "read_pickle", W_LOAD), BAD("pandas.io.pickle", "read_pickle", W_LOAD),
    BAD("yaml", "load", W_LOAD), BAD("yaml", "load_all", W_LOAD),
    BAD("yaml", "unsafe_load", W_LOAD), BAD("yaml", "unsafe_load_all", W_LOAD),
    BAD("yaml", "full_load", W_LOAD), BAD("yaml", "full_load_all", W_LOAD),
    BADA("ctypes", W_EXEC), BADM("_ctypes", W_EXEC), BADM("cffi", W_EXEC),
    BADA("multiprocessing", W_PROC), BADM("_multiprocessing", W_PROC),
    BADM("concurrent", W_PROC), BADA("threading", W_PROC), BADM("_thread", W_PROC),
    BADA("asyncio", W_PROC), BADM("signal", W_SYS), BADM("_signal", W_SYS),
    BADM("atexit", W_SYS), BADM("_interpreters", W_EXEC), BADM("_xxsubinterpreters", W_EXEC),
    BADA("socket", W_NET), BADM("_socket", W_NET), BADM("ssl", W_NET),
    BADM("select", W_NET), BADM("selectors", W_NET), BADM("socketserver", W_NET),
    BADM("http", W_NET), BADM("httplib", W_NET), BADM("urllib", W_NET),
    BADM("urllib2", W_NET), BADM("requests", W_NET), BADM("aiohttp", W_NET),
    BADM("httpx", W_NET), BADM("ftplib", W_NET), BADM("smtplib", W_NET),
    BADM("poplib", W_NET), BADM("imaplib", W_NET), BADM("telnetlib", W_NET),
    BADM("nntplib", W_NET), BADM("xmlrpc", W_NET), BADM("xmlrpclib", W_NET),
    BADA("webbrowser", W_PROC), BADM("mailcap", W_PROC), BADM("pexpect", W_PROC),
    BADM("pipes", W_PROC), BADM("platform", W_PROC), BADM("uuid", W_PROC),
    BADM("_osx_support", W_PROC), BADM("_aix_support", W_PROC), BADM("_pyrepl", W_EXEC),
    BADA("shutil", W_FILE), BADM("tempfile", W_FILE), BADM("filecmp", W_FILE),
    BADM("fileinput", W_FILE), BADM("glob", W_FILE), BADM("mmap", W_FILE),
    BADM("tarfile", W_FILE), BADM("zipfile", W_FILE), BADM("sqlite3", W_FILE),
    BADM("_sqlite3", W_FILE), BADM("linecache", W_FILE), BADM("compileall", W_FILE),
    BADM("py_compile", W_FILE), BADM("zipapp", W_FILE), BADM("logging", W_FILE),
    BADM("syslog", W_SYS), BADM("fcntl", W_SYS), BADM("msvcrt", W_SYS),
    BADM("_winapi", W_PROC), BADM("winreg", W_SYS), BADM("_winreg", W_SYS),
    BADM("bdb", W_DEBUG), BADM("pdb", W_DEBUG), BADM("profile", W_DEBUG),
    BADM("cProfile", W_DEBUG), BADM("timeit", W_DEBUG), BADM("trace", W_DEBUG),
    BADM("doctest", W_DEBUG), BADM("pydoc", W_PROC), BADM("unittest", W_EXEC),
    BADM("test", W_EXEC), BADM("pip", W_PROC), BADM("venv", W_PROC),
    BADM("ensurepip", W_PROC), BADM("idlelib", W_EXEC), BADM("lib2to3", W_EXEC),
    BADM("distutils", W_FILE), BADM("setuptools", W_PROC),
    BAD("numpy", "load", W_LOAD), BAD("numpy.lib.npyio", "load", W_LOAD),
    BADM("numpy.f2py", W_EXEC), BADM("numpy.distutils", W_EXEC),
    BADM("numpy.testing", W_EXEC), BADM("numpy.ctypeslib", W_EXEC),
    BAD("torch", "load", W_LOAD), BAD("torch", "compile", W_EXEC),
    BAD("torch.serialization", "load", W_LOAD), BAD("torch.serialization", "_load", W_LOAD),
    BAD("torch.serialization", "_legacy_load", W_LOAD),
    BAD("torch.storage", "_load_from_bytes", W_LOAD),
    BADM("torch.hub", W_EXEC), BADM("torch.jit", W_EXEC), BADM("torch._dynamo", W_EXEC),
    BADM("torch._inductor", W_EXEC), BADM("torch.fx", W_EXEC), BADM("torch.package", W_EXEC),
    BADM("torch.utils.cpp_extension", W_EXEC), BADM("torch.utils._config_module", W_EXEC),
    BADM("torch.utils.collect_env", W_PROC), BADM("torch.utils.bottleneck", W_DEBUG),
    BADM("torch.utils.data.datapipes.utils.decoder", W_LOAD),
    BADM("torch.distributed", W_NET), BADM("torch.multiprocessing", W_PROC),
    BADM("torch.ops", W_EXEC), BADM("torch._C", W_EXEC),
    BADM("fickling", W_SCANNER), BADM("picklescan", W_SCANNER), BADM("modelscan", W_SCANNER),
    BADM("model_unpickler", W_SCANNER), BADM("saferpickle", W_SCANNER),
    BADM("modelaudit", W_SCANNER),
};
/* clang-format on */

const char *trop_pkl_verdict_name(trop_pkl_verdict v)
{
    switch (v) {
    case TROP_PKL_ALLOWED:
        return "allowed";
    case TROP_PKL_DANGEROUS:
        return "dangerous";
    default:
        return "unknown";
    }
}

#define NRULES (sizeof rules / sizeof *rules)
#define MAX_COMPONENTS 64

#define TOO_MANY ((size_t)-1)

/* Splits path at dots into comp (pointers into path); 0 on an empty
 * component (getattr cannot follow it), TOO_MANY past MAX_COMPONENTS. */
static size_t split(const char *path, const char **comp, size_t *clen)
{
    size_t n = 0;
    const char *p = path;
    for (;;) {
        const char *dot = strchr(p, '.');
        size_t len = dot ? (size_t)(dot - p) : strlen(p);
        if (len == 0)
            return 0;
        if (n == MAX_COMPONENTS)
            return TOO_MANY;
        comp[n] = p;
        clen[n++] = len;
        if (!dot)
            return n;
        p = dot + 1;
    }
}

static bool eq_n(const char *s, const char *lit, size_t n)
{
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

/* Does the dotted text [s, s+n) equal module, or lie under it? */
static bool under(const char *s, size_t n, const char *module)
{
    size_t m = strlen(module);
    return n >= m && memcmp(s, module, m) == 0 && (n == m || s[m] == '.');
}

/* The exact rule for (path[0..mlen), path[mlen+1..]), or NULL. */
static const pkl_rule *exact_rule(const char *path, size_t mlen)
{
    const char *name = path + mlen + 1;
    for (size_t i = 0; i < NRULES; i++)
        if (strcmp(rules[i].name, "*") != 0 && eq_n(path, rules[i].module, mlen) &&
            strcmp(rules[i].name, name) == 0)
            return &rules[i];
    return NULL;
}

/* The dangerous exact rule that path equals or lies under, or NULL. */
static const pkl_rule *dangerous_prefix(const char *path)
{
    size_t len = strlen(path);
    for (size_t i = 0; i < NRULES; i++) {
        const pkl_rule *r = &rules[i];
        if (r->verdict != TROP_PKL_DANGEROUS || strcmp(r->name, "*") == 0)
            continue;
        size_t ml = strlen(r->module), nl = strlen(r->name);
        if (len >= ml + 1 + nl && memcmp(path, r->module, ml) == 0 && path[ml] == '.' &&
            memcmp(path + ml + 1, r->name, nl) == 0 &&
            (len == ml + 1 + nl || path[ml + 1 + nl] == '.'))
            return r;
    }
    return NULL;
}

/* The most specific module-wide rule covering path, or NULL. */
static const pkl_rule *module_rule(const char *path, size_t len)
{
    const pkl_rule *best = NULL;
    for (size_t i = 0; i < NRULES; i++)
        if (strcmp(rules[i].name, "*") == 0 && under(path, len, rules[i].module) &&
            (!best || strlen(rules[i].module) > strlen(best->module)))
            best = &rules[i];
    return best;
}

static bool is_dunder(const char *s, size_t n)
{
    return n > 4 && s[0] == '_' && s[1] == '_' && s[n - 1] == '_' && s[n - 2] == '_';
}

static bool attr_module(const char *s, size_t n)
{
    for (size_t i = 0; i < NRULES; i++)
        if (rules[i].attr && eq_n(s, rules[i].module, n))
            return true;
    return false;
}

/* Checks the attribute components of a name: dunders and modules reached
 * through attributes. Returns a reason, or NULL. */
static const char *walk_name(const char **comp, const size_t *clen, size_t first, size_t n)
{
    for (size_t i = first; i < n; i++) {
        if (is_dunder(comp[i], clen[i]))
            return "walks a dunder attribute (introspection reaches code and builtins)";
        if (attr_module(comp[i], clen[i]))
            return "walks an attribute path into a module that runs code";
    }
    return NULL;
}

trop_pkl_verdict trop_pkl_judge(const char *module, const char *name, const char **why)
{
    char path[2 * 1024 + 2];
    const char *comp[MAX_COMPONENTS];
    size_t clen[MAX_COMPONENTS];
    const char *dummy;
    if (!why)
        why = &dummy;
    *why = NULL;
    size_t ml = strlen(module), nl = strlen(name);
    if (ml == 0 || nl == 0)
        return TROP_PKL_UNKNOWN; /* find_class cannot import these */
    if (ml + nl + 2 > sizeof path) {
        *why = "has a name too long to check";
        return TROP_PKL_DANGEROUS;
    }
    memcpy(path, module, ml);
    path[ml] = '.';
    memcpy(path + ml + 1, name, nl + 1);

    size_t mcomp = split(module, comp, clen);
    size_t n = split(path, comp, clen);
    if (mcomp == TOO_MANY || n == TOO_MANY) {
        *why = "has too many name components to check";
        return TROP_PKL_DANGEROUS;
    }
    if (mcomp == 0 || n == 0)
        return TROP_PKL_UNKNOWN;

    /* A dangerous global, or anything reached through it (torch.compile.x),
     * whatever part of the path is the module. */
    const pkl_rule *bad = dangerous_prefix(path);
    if (bad) {
        *why = bad->why;
        return TROP_PKL_DANGEROUS;
    }
    /* Every split of module.a.b.c into module part + attribute part. */
    const pkl_rule *soft = NULL;
    for (size_t k = mcomp; k < n && !soft; k++)
        soft = exact_rule(path, (size_t)(comp[k] - path) - 1);
    const char *w = walk_name(comp, clen, mcomp, n);
    if (w) {
        *why = w;
        return TROP_PKL_DANGEROUS;
    }
    if (soft)
        return (trop_pkl_verdict)soft->verdict;
    const pkl_rule *r = module_rule(path, strlen(path));
    if (r && r->verdict == TROP_PKL_DANGEROUS) {
        *why = r->why;
        return TROP_PKL_DANGEROUS;
    }
    return TROP_PKL_UNKNOWN;
}

/* ---- Renames applied by find_class and torch.load ----------------------- */

typedef struct pkl_rename {
    const char *from_module, *from_name; /* from_name NULL: whole module */
    const char *to_module, *to_name;
} pkl_rename;

/* Python 2 names find_class maps for protocols < 3 (_compat_pickle). */
/* clang-format off */
static const pkl_rename py2_names[] = {
    {"__builtin__", "basestring", "builtins", "str"},
    {"__builtin__", "intern", "sys", "intern"},
    {"__builtin__", "long", "builtins", "int"},
    {"__builtin__", "reduce", "functools", "reduce"},
    {"__builtin__", "unichr", "builtins", "chr"},
    {"__builtin__", "unicode", "builtins", "str"},
    {"__builtin__", "xrange", "builtins", "range"},
    {"exceptions", "StandardError", "builtins", "Exception"},
    {"itertools", "ifilter", "builtins", "filter"},
    {"itertools", "imap", "builtins", "map"},
    {"itertools", "izip", "builtins", "zip"},
    {"itertools", "ifilterfalse", "itertools", "filterfalse"},
    {"itertools", "izip_longest", "itertools", "zip_longest"},
    {"UserDict", "IterableUserDict", "collections", "UserDict"},
    {"_socket", "fromfd", "socket", "fromfd"},
    {"_multiprocessing", "Connection", "multiprocessing.connection", "Connection"},
    {"multiprocessing.process", "Process", "multiprocessing.context", "Process"},
    {"multiprocessing.forking", "Popen", "multiprocessing.popen_fork", "Popen"},
    {"urllib", "urlopen", "urllib.request", "urlopen"},
    {"urllib", "urlretrieve", "urllib.request", "urlretrieve"},
    {"urllib", "quote", "urllib.parse", "quote"},
    {"urllib", "unquote", "urllib.parse", "unquote"},
    {"urllib", "urlencode", "urllib.parse", "urlencode"},
    {"urllib2", "HTTPError", "urllib.error", "HTTPError"},
    {"urllib2", "URLError", "urllib.error", "URLError"},
    {"whichdb", "whichdb", "dbm", "whichdb"},
    /* whole modules */
    {"__builtin__", NULL, "builtins", NULL}, {"exceptions", NULL, "builtins", NULL},
    {"copy_reg", NULL, "copyreg", NULL}, {"cPickle", NULL, "pickle", NULL},
    {"commands", NULL, "subprocess", NULL}, {"thread", NULL, "_thread", NULL},
    {"dummy_thread", NULL, "_dummy_thread", NULL}, {"Queue", NULL, "queue", NULL},
    {"StringIO", NULL, "io", NULL}, {"cStringIO", NULL, "io", NULL},
    {"UserDict", NULL, "collections", NULL}, {"UserList", NULL, "collections", NULL},
    {"UserString", NULL, "collections", NULL}, {"_abcoll", NULL, "collections.abc", NULL},
    {"urllib2", NULL, "urllib.request", NULL}, {"urlparse", NULL, "urllib.parse", NULL},
    {"robotparser", NULL, "urllib.robotparser", NULL}, {"httplib", NULL, "http.client", NULL},
    {"cookielib", NULL, "http.cookiejar", NULL}, {"Cookie", NULL, "http.cookies", NULL},
    {"BaseHTTPServer", NULL, "http.server", NULL}, {"SimpleHTTPServer", NULL, "http.server", NULL},
    {"CGIHTTPServer", NULL, "http.server", NULL}, {"SocketServer", NULL, "socketserver", NULL},
    {"xmlrpclib", NULL, "xmlrpc.client", NULL}, {"SimpleXMLRPCServer", NULL, "xmlrpc.server", NULL},
    {"DocXMLRPCServer", NULL, "xmlrpc.server", NULL}, {"ConfigParser", NULL, "configparser", NULL},
    {"HTMLParser", NULL, "html.parser", NULL}, {"htmlentitydefs", NULL, "html.entities", NULL},
    {"markupbase", NULL, "_markupbase", NULL}, {"repr", NULL, "reprlib", NULL},
    {"_winreg", NULL, "winreg", NULL}, {"_elementtree", NULL, "xml.etree.ElementTree", NULL},
    {"anydbm", NULL, "dbm", NULL}, {"whichdb", NULL, "dbm", NULL}, {"dbm", NULL, "dbm.ndbm", NULL},
    {"gdbm", NULL, "dbm.gnu", NULL}, {"dbhash", NULL, "dbm.bsd", NULL},
    {"dumbdbm", NULL, "dbm.dumb", NULL}, {"test.test_support", NULL, "test.support", NULL},
    {"Tkinter", NULL, "tkinter", NULL}, {"Tkconstants", NULL, "tkinter.constants", NULL},
    {"Tix", NULL, "tkinter.tix", NULL}, {"ttk", NULL, "tkinter.ttk", NULL},
    {"Tkdnd", NULL, "tkinter.dnd", NULL}, {"Dialog", NULL, "tkinter.dialog", NULL},
    {"FileDialog", NULL, "tkinter.filedialog", NULL}, {"ScrolledText", NULL, "tkinter.scrolledtext", NULL},
    {"SimpleDialog", NULL, "tkinter.simpledialog", NULL}, {"tkFileDialog", NULL, "tkinter.filedialog", NULL},
    {"tkFont", NULL, "tkinter.font", NULL}, {"tkMessageBox", NULL, "tkinter.messagebox", NULL},
    {"tkSimpleDialog", NULL, "tkinter.simpledialog", NULL},
    {"tkColorChooser", NULL, "tkinter.colorchooser", NULL},
    {"tkCommonDialog", NULL, "tkinter.commondialog", NULL},
};
/* clang-format on */

/* torch.load's unpickler maps these modules before importing. */
static const pkl_rename torch_names[] = {
    {"torch.tensor", NULL, "torch._tensor", NULL},
};

static bool apply(const pkl_rename *t, size_t n, const char **module, const char **name)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(t[i].from_module, *module) != 0)
            continue;
        if (t[i].from_name && strcmp(t[i].from_name, *name) != 0)
            continue;
        *module = t[i].to_module;
        if (t[i].to_name)
            *name = t[i].to_name;
        return true;
    }
    return false;
}

bool trop_pkl_rename(const char **module, const char **name, bool py2, bool torch)
{
    bool done = false;
    if (py2)
        done = apply(py2_names, sizeof py2_names / sizeof *py2_names, module, name);
    if (torch)
        done |= apply(torch_names, sizeof torch_names / sizeof *torch_names, module, name);
    return done;
}

/* ---- Legacy storages ---------------------------------------------------- */

/* clang-format off */
static const struct {
    const char *name;
    unsigned size;
} storage_sizes[] = {
    {"DoubleStorage", 8}, {"FloatStorage", 4}, {"HalfStorage", 2}, {"BFloat16Storage", 2},
    {"LongStorage", 8}, {"IntStorage", 4}, {"ShortStorage", 2}, {"CharStorage", 1},
    {"ByteStorage", 1}, {"BoolStorage", 1}, {"ComplexDoubleStorage", 16},
    {"ComplexFloatStorage", 8}, {"QUInt8Storage", 1}, {"QInt8Storage", 1},
    {"QInt32Storage", 4}, {"QUInt4x2Storage", 1}, {"QUInt2x4Storage", 1},
    {"UntypedStorage", 1},
};
/* clang-format on */

unsigned trop_pkl_storage_elem_size(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (dot)
        name = dot + 1;
    for (size_t i = 0; i < sizeof storage_sizes / sizeof *storage_sizes; i++)
        if (strcmp(storage_sizes[i].name, name) == 0)
            return storage_sizes[i].size;
    return 0;
}

/* Version, errors and memory: the basics every other family uses. */
#ifndef TRULYOPEN_COMMON_H
#define TRULYOPEN_COMMON_H

#ifndef TRULYOPEN_H_INSIDE
#error "include <trulyopen.h>, not the headers under trulyopen/"
#endif

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Symbols marked TRO_API are the only ones the shared library exports. */
#if defined(TRO_BUILDING) && defined(__GNUC__)
#define TRO_API __attribute__((visibility("default")))
#else
#define TRO_API
#endif

/** Version of the headers this program was compiled against. */
#define TRO_VERSION_MAJOR 0
#define TRO_VERSION_MINOR 1
#define TRO_VERSION_PATCH 0
#define TRO_VERSION_STRING "0.1.0"
/** MAJOR * 10000 + MINOR * 100 + PATCH, for compile-time comparisons. */
#define TRO_VERSION_NUMBER \
    (TRO_VERSION_MAJOR * 10000 + TRO_VERSION_MINOR * 100 + TRO_VERSION_PATCH)

/** Version of the library linked at run time, e.g. "0.1.0". Static string. */
TRO_API const char *tro_version_string(void);
/** Run-time version as TRO_VERSION_NUMBER computes it. */
TRO_API int tro_version_number(void);

/**
 * Error codes. Stable: values never change once released. Every function that
 * returns int returns 0 or one of these.
 */
enum {
    TRO_OK = 0,
    TRO_ENOMEM = -1,       /**< an allocation failed */
    TRO_EINVAL = -2,       /**< invalid argument (NULL handle, bad option) */
    TRO_EIO = -3,          /**< a file could not be opened, read or written */
    TRO_EFORMAT = -4,      /**< input is not in the expected format */
    TRO_ELIMIT = -5,       /**< input exceeds a configured limit */
    TRO_ENOTFOUND = -6,    /**< a named path, entry or key does not exist */
    TRO_EPARSE = -7,       /**< text did not parse (expression, JSON, YAML) */
    TRO_EVERSION = -8,     /**< options struct or file format version unsupported */
    TRO_ECANCELED = -9,    /**< the caller's callback asked to stop */
    TRO_EUNSUPPORTED = -10, /**< not available in this build (built without libcurl) */
    TRO_ENETWORK = -11,    /**< a network request failed (unreachable, timed out, server
                                error), or offline mode forbids the network */
    TRO_EACCESS = -12      /**< the server refused access (a gated or private repository) */
};

/** A short static description of an error code ("out of memory"). */
TRO_API const char *tro_strerror(int code);

/**
 * Error details for failures that happen before any handle exists (creating
 * a context, scanning a path, parsing an expression). Pass NULL if the code
 * alone is enough.
 */
typedef struct tro_error {
    int code;            /**< same as the function's return value */
    char message[512];   /**< "PATH: what went wrong [at byte N]" */
    int64_t offset;      /**< byte offset where known, else -1 */
} tro_error;

/**
 * A copy of text safe to print on a terminal or in a log line, as reports
 * print every name and string taken from a release: control characters
 * (C0, DEL, C1), bidirectional controls (U+061C, U+200E, U+200F,
 * U+202A-U+202E, U+2066-U+2069), U+2028 and U+2029 become \t, \n, \r,
 * \xHH or \uHHHH, and bytes that are not UTF-8 \xHH; everything else is
 * unchanged. *out is owned by the caller (tro_free()).
 * Errors: TRO_EINVAL (NULL argument), TRO_ENOMEM.
 */
TRO_API int tro_text_escape(const char *text, char **out);

/** Releases memory the library handed to the caller ("owned, free with tro_free"). */
TRO_API void tro_free(void *ptr);

#ifdef __cplusplus
}
#endif

#endif /* TRULYOPEN_COMMON_H */

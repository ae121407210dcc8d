/* Version information and error codes. */
#include "internal.h"

#include <stdio.h>

const char *tro_version_string(void)
{
    return TRO_VERSION_STRING;
}

int tro_version_number(void)
{
    return TRO_VERSION_NUMBER;
}

const char *tro_strerror(int code)
{
    switch (code) {
    case TRO_OK: return "success";
    case TRO_ENOMEM: return "out of memory";
    case TRO_EINVAL: return "invalid argument";
    case TRO_EIO: return "input/output error";
    case TRO_EFORMAT: return "malformed input";
    case TRO_ELIMIT: return "input exceeds a limit";
    case TRO_ENOTFOUND: return "not found";
    case TRO_EPARSE: return "parse error";
    case TRO_EVERSION: return "unsupported version";
    case TRO_ECANCELED: return "canceled";
    case TRO_EUNSUPPORTED: return "not supported by this build";
    case TRO_ENETWORK: return "network failure";
    case TRO_EACCESS: return "access refused";
    default: return "unknown error";
    }
}

int trop_error_set(tro_error *err, int code, int64_t offset, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
        err->code = code;
        err->offset = offset;
    }
    return code;
}

void tro_free(void *ptr)
{
    free(ptr);
}

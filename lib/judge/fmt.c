/*
 * A printf for the judge's texts: %s, %d, %u, %zu, %lld, %llu and %% only,
 * which is all its reasons, evidence and findings use. glibc's vsnprintf
 * costs several hundred instructions per call even for short texts, and a
 * check writes a dozen of them.
 */
#include "judge.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

/* Is every conversion of fmt one we handle? */
static bool supported(const char *fmt)
{
    for (const char *p = strchr(fmt, '%'); p; p = strchr(p, '%')) {
        p++;
        if (*p == 's' || *p == 'd' || *p == 'u' || *p == '%')
            p++;
        else if (p[0] == 'z' && p[1] == 'u')
            p += 2;
        else if (p[0] == 'l' && p[1] == 'l' && (p[2] == 'd' || p[2] == 'u'))
            p += 3;
        else
            return false;
    }
    return true;
}

typedef struct sink {
    char *buf;
    size_t cap, n; /* n: bytes the whole text takes */
} sink;

static void emit(sink *s, const char *t, size_t k)
{
    if (s->n < s->cap) {
        size_t room = s->cap - s->n;
        memcpy(s->buf + s->n, t, k < room ? k : room);
    }
    s->n += k;
}

static void emit_num(sink *s, unsigned long long v, bool neg)
{
    char d[24], *p = d + sizeof d;
    do
        *--p = (char)('0' + v % 10);
    while ((v /= 10));
    if (neg)
        *--p = '-';
    emit(s, p, (size_t)(d + sizeof d - p));
}

static void signed_num(sink *s, long long v)
{
    emit_num(s, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v, v < 0);
}

int trop_vfmt(char *buf, size_t cap, const char *fmt, va_list ap)
{
    if (!supported(fmt))
        return vsnprintf(buf, cap, fmt, ap);
    sink s = {buf, cap, 0};
    for (const char *p = fmt;;) {
        const char *q = strchr(p, '%');
        emit(&s, p, q ? (size_t)(q - p) : strlen(p));
        if (!q)
            break;
        q++;
        if (*q == 's') {
            const char *t = va_arg(ap, const char *);
            t = t ? t : "(null)"; /* as glibc prints it */
            emit(&s, t, strlen(t));
        } else if (*q == 'd') {
            signed_num(&s, va_arg(ap, int));
        } else if (*q == 'u') {
            emit_num(&s, va_arg(ap, unsigned), false);
        } else if (*q == 'z') {
            emit_num(&s, va_arg(ap, size_t), false);
            q++;
        } else if (*q == 'l') {
            q += 2;
            if (*q == 'd')
                signed_num(&s, va_arg(ap, long long));
            else
                emit_num(&s, va_arg(ap, unsigned long long), false);
        } else {
            emit(&s, "%", 1);
        }
        p = q + 1;
    }
    if (cap)
        buf[s.n < cap ? s.n : cap - 1] = '\0';
    return s.n > INT_MAX ? -1 : (int)s.n;
}

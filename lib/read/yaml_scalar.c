/* How scalars resolve to JSON values: the YAML 1.2 core schema (yaml.h). */
#include "yaml_event.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static bool is_digits(const char *s, size_t n, int base)
{
    if (!n)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        bool ok = base == 16 ? ((ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'f'))
                             : (ch >= '0' && ch < '0' + base);
        if (!ok)
            return false;
    }
    return true;
}

/* Integer value of digits, or false when it does not fit int64. */
static bool to_int(const char *s, size_t n, int base, bool neg, json_int_t *out)
{
    uint64_t v = 0, lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (size_t i = 0; i < n; i++) {
        unsigned d = (unsigned char)s[i] <= '9' ? (unsigned)(s[i] - '0')
                                                : (unsigned)((s[i] | 0x20) - 'a' + 10);
        if (v > (lim - d) / (uint64_t)base)
            return false;
        v = v * (uint64_t)base + d;
    }
    *out = neg ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(json_int_t)v) : (json_int_t)v;
    return true;
}

/* YAML 1.2 core float: [-+]?(.D+|D+(.D*)?)([eE][-+]?D+)? */
static bool is_float(const char *s, size_t n)
{
    size_t i = 0, d = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        i++;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++, d++;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++, d++;
    }
    if (!d)
        return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '-' || s[i] == '+'))
            i++;
        size_t e = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == e)
            return false;
    }
    return i == n;
}

static bool word_in(const char *s, size_t n, const char *const *words)
{
    for (; *words; words++)
        if (strlen(*words) == n && memcmp(s, *words, n) == 0)
            return true;
    return false;
}

/* A number (or NULL when s is not one, or does not fit). */
static json_t *resolve_number(const char *s, size_t n, locale_t *loc)
{
    json_int_t iv;
    size_t sign = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    if (is_digits(s + sign, n - sign, 10))
        return to_int(s + sign, n - sign, 10, s[0] == '-', &iv) ? json_integer(iv) : NULL;
    if (n > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
        int base = s[1] == 'o' ? 8 : 16;
        if (is_digits(s + 2, n - 2, base))
            return to_int(s + 2, n - 2, base, false, &iv) ? json_integer(iv) : NULL;
        return NULL;
    }
    if (!is_float(s, n) || n > 64)
        return NULL;
    if (*loc == (locale_t)0) {
        /* strtod follows LC_NUMERIC; YAML does not */
        *loc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
        if (*loc == (locale_t)0)
            return NULL;
    }
    char buf[65];
    memcpy(buf, s, n);
    buf[n] = '\0';
    double d = strtod_l(buf, NULL, *loc);
    return isfinite(d) ? json_real(d) : NULL;
}

json_t *trop_yaml_string(const char *s, size_t n)
{
    /* libyaml checks its input, but never trust a parser's output blindly */
    if (trop_utf8_check(s, n) != n)
        return NULL;
    return json_stringn_nocheck(s, n);
}

json_t *trop_yaml_plain(const char *s, size_t n, bool keep_numbers, locale_t *loc)
{
    static const char *const nulls[] = {"~", "null", "Null", "NULL", NULL};
    static const char *const trues[] = {"true", "True", "TRUE", NULL};
    static const char *const falses[] = {"false", "False", "FALSE", NULL};
    if (n == 0 || word_in(s, n, nulls))
        return json_null();
    if (word_in(s, n, trues))
        return json_true();
    if (word_in(s, n, falses))
        return json_false();
    unsigned char f = (unsigned char)s[0];
    if (!keep_numbers && ((f >= '0' && f <= '9') || f == '-' || f == '+' || f == '.')) {
        json_t *num = resolve_number(s, n, loc);
        if (num)
            return num;
    }
    return trop_yaml_string(s, n);
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* How scalars resolve to JSON values: the YAML 1.2 core schema (yaml.h). */
#include "event.h"
#include "../text/text.h"

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

/* The core schema's words: null, true, false in their three spellings
 * ("null", "Null", "NULL"), and "~". */
enum { W_NONE, W_NULL, W_TRUE, W_FALSE };

static bool spelled(const char *s, size_t n, const char *lower, const char *cap,
                    const char *upper)
{
    return !memcmp(s, lower, n) || !memcmp(s, cap, n) || !memcmp(s, upper, n);
}

static int core_word(const char *s, size_t n)
{
    if (n == 1)
        return s[0] == '~' ? W_NULL : W_NONE;
    if (n == 4 && (s[0] | 0x20) == 'n')
        return spelled(s, 4, "null", "Null", "NULL") ? W_NULL : W_NONE;
    if (n == 4 && (s[0] | 0x20) == 't')
        return spelled(s, 4, "true", "True", "TRUE") ? W_TRUE : W_NONE;
    if (n == 5 && (s[0] | 0x20) == 'f')
        return spelled(s, 5, "false", "False", "FALSE") ? W_FALSE : W_NONE;
    return W_NONE;
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
    int w = n ? core_word(s, n) : W_NULL;
    if (w == W_NULL)
        return json_null();
    if (w == W_TRUE)
        return json_true();
    if (w == W_FALSE)
        return json_false();
    unsigned char f = (unsigned char)s[0];
    if (!keep_numbers && ((f >= '0' && f <= '9') || f == '-' || f == '+' || f == '.')) {
        json_t *num = resolve_number(s, n, loc);
        if (num)
            return num;
    }
    return trop_yaml_string(s, n);
}

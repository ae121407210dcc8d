/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The core toolkit: growable arrays, the string arena, formatting with a
 * heap fallback, the string set, and the JSON writer against jansson's own
 * dumper on the same values. */
#include "internal.h"
#include "jw.h"
#include "test.h"

#include <stdio.h>

TRO_TEST(toolkit_vec)
{
    TROP_VEC(int) v = {.n = 0};
    for (int i = 0; i < 1000; i++)
        CHECK_INT(trop_vec_push(&v, i * 3), 0);
    CHECK_INT(v.n, 1000);
    CHECK(v.cap >= 1000);
    int bad = 0;
    for (int i = 0; i < 1000; i++)
        bad += v.v[i] != i * 3;
    CHECK_INT(bad, 0);
    int *z = trop_vec_add(&v);
    CHECK(z && *z == 0 && v.n == 1001);
    trop_vec_free(&v);
    CHECK(!v.v && !v.n && !v.cap);
    /* a request whose size overflows fails and leaves the array alone */
    TROP_VEC(double) d = {.n = 0};
    CHECK_INT(trop_vec_push(&d, 1.5), 0);
    CHECK_INT(trop_vec_reserve(&d, SIZE_MAX / 2), TRO_ENOMEM);
    CHECK(d.n == 1 && d.v[0] == 1.5);
    trop_vec_free(&d);
}

TRO_TEST(toolkit_arena)
{
    trop_arena a = {NULL};
    trop_str s;
    CHECK(trop_arena_text(&a, "ab\xff" "c", 4, &s));
    CHECK_STR(s.s, "ab?c");
    CHECK_INT(s.n, 4);
    CHECK(trop_arena_cstr(&a, NULL, &s) && s.n == 0 && !strcmp(s.s, ""));
    char big[5000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    CHECK(trop_arena_cstr(&a, big, &s) && s.n == sizeof big - 1 && !strcmp(s.s, big));
    /* many short texts stay where they were put */
    const char *kept[500];
    for (int i = 0; i < 500; i++) {
        char t[16];
        snprintf(t, sizeof t, "t%d", i);
        kept[i] = trop_arena_copy(&a, t, strlen(t));
    }
    int bad = 0;
    for (int i = 0; i < 500; i++) {
        char t[16];
        snprintf(t, sizeof t, "t%d", i);
        bad += !kept[i] || strcmp(kept[i], t);
    }
    CHECK_INT(bad, 0);
    /* records taken unzeroed are aligned, apart, and the texts stay */
    bad = 0;
    char *prev = NULL;
    for (int i = 1; i < 300; i += 7) {
        char *r = trop_arena_take(&a, (size_t)i * 13);
        bad += !r || (uintptr_t)r % _Alignof(max_align_t) != 0;
        if (r)
            memset(r, 0xa5, (size_t)i * 13);
        bad += prev && r && r < prev + (i - 7) * 13 && r + i * 13 > prev;
        prev = r;
    }
    for (int i = 0; i < 500; i++) {
        char t[16];
        snprintf(t, sizeof t, "t%d", i);
        bad += strcmp(kept[i], t) != 0;
    }
    CHECK_INT(bad, 0);
    CHECK(trop_arena_take(&a, SIZE_MAX) == NULL);
    trop_arena_free(&a);
    CHECK(!a.chunks);
}

static bool arena_fmt(trop_arena *a, trop_str *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bool ok = trop_arena_vfmt(a, out, fmt, ap);
    va_end(ap);
    return ok;
}

TRO_TEST(toolkit_fmt)
{
    char buf[8];
    size_t n;
    char *s = trop_fmt(buf, sizeof buf, &n, "%d-%s", 42, "ab");
    CHECK(s == buf);
    CHECK_STR(s, "42-ab");
    CHECK_INT(n, 5);
    s = trop_fmt(buf, sizeof buf, &n, "%s/%s", "longer", "than eight");
    CHECK(s && s != buf);
    CHECK_STR(s, "longer/than eight");
    CHECK_INT(n, 17);
    trop_fmt_free(s, buf);
    trop_arena a = {NULL};
    trop_str t;
    char long_text[700];
    memset(long_text, 'y', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    CHECK(arena_fmt(&a, &t, "<%s>", long_text) && t.n == sizeof long_text + 1);
    CHECK(t.s[0] == '<' && t.s[t.n - 1] == '>');
    trop_arena_free(&a);
}

TRO_TEST(toolkit_strset)
{
    trop_strset s = {.max = 100};
    char key[16];
    for (int i = 0; i < 100; i++) {
        snprintf(key, sizeof key, "k%d", i);
        CHECK_INT(trop_strset_add(&s, key, strlen(key)), 1);
    }
    CHECK_INT(trop_strset_add(&s, "k5", 2), 0);
    CHECK_INT(trop_strset_add(&s, "new", 3), TRO_ELIMIT);
    CHECK(trop_strset_has(&s, "k99", 3));
    CHECK(!trop_strset_has(&s, "k100", 4));
    trop_strset_free(&s);
    CHECK_INT(s.max, 100);
    /* bytes, not C strings: a NUL inside is part of the string */
    trop_strset u = {.max = 0};
    CHECK_INT(trop_strset_add(&u, "a\0b", 3), 1);
    CHECK_INT(trop_strset_add(&u, "a\0c", 3), 1);
    CHECK_INT(trop_strset_add(&u, "a", 1), 1);
    CHECK_INT(trop_strset_add(&u, "a\0b", 3), 0);
    CHECK_INT(u.n, 3);
    for (int i = 0; i < 20000; i++) {
        snprintf(key, sizeof key, "%d", i);
        trop_strset_add(&u, key, strlen(key));
    }
    CHECK_INT(u.n, 20003);
    CHECK(trop_strset_has(&u, "19999", 5));
    trop_strset_free(&u);
}

TRO_TEST(toolkit_cmp)
{
    const char *v[] = {"b", "a", "c", "ab"};
    qsort(v, 4, sizeof *v, trop_cmp_str);
    CHECK(!strcmp(v[0], "a") && !strcmp(v[1], "ab") && !strcmp(v[2], "b") && !strcmp(v[3], "c"));
}

/* The writer gives json_dumps' bytes for the same value, pretty and compact. */
static void same_as_jansson(const char *text)
{
    json_error_t e;
    json_t *v = json_loads(text, JSON_DECODE_ANY, &e);
    CHECK(v != NULL);
    for (int compact = 0; v && compact < 2; compact++) {
        trop_jw w = {.compact = compact};
        trop_jw_json(&w, v);
        char *got = NULL;
        size_t n;
        CHECK_INT(trop_jw_finish(&w, &got, &n), 0);
        char *want = json_dumps(v, JSON_ENCODE_ANY | (compact ? JSON_COMPACT : JSON_INDENT(2)));
        size_t wn = want ? strlen(want) : 0;
        CHECK(got && want && n == wn + 1 && !memcmp(got, want, wn) && got[wn] == '\n');
        if (got && want && (n != wn + 1 || memcmp(got, want, wn)))
            fprintf(stderr, "got:  %s\nwant: %s\n", got, want);
        free(got);
        free(want);
    }
    json_decref(v);
}

/* The same for values built with jansson (strings that hold NULs, keys
 * that do, integers at their limits). */
static void same_as_jansson_value(json_t *v)
{
    char *text = json_dumps(v, JSON_ENCODE_ANY);
    CHECK(text != NULL);
    trop_jw w = {.n = 0};
    trop_jw_json(&w, v);
    char *got = NULL;
    size_t n;
    CHECK_INT(trop_jw_finish(&w, &got, &n), 0);
    char *want = json_dumps(v, JSON_ENCODE_ANY | JSON_INDENT(2));
    size_t wn = want ? strlen(want) : 0;
    CHECK(got && want && n == wn + 1 && !memcmp(got, want, wn));
    free(got);
    free(want);
    free(text);
    json_decref(v);
}

TRO_TEST(toolkit_jw)
{
    char ctl[38];
    for (int i = 0; i < 32; i++)
        ctl[i] = (char)(i + 1 == 32 ? 0x7f : i + 1);
    memcpy(ctl + 32, "\"\\/\xc3\xa9", 6);
    json_t *strings = json_array();
    json_array_append_new(strings, json_stringn(ctl, 38));
    json_array_append_new(strings, json_stringn("nul\0byte", 8));
    json_array_append_new(strings, json_string("\xe2\x80\xa8 line separator, \xf0\x9f\x98\x80"));
    same_as_jansson_value(strings);
    same_as_jansson_value(json_pack("[I, I, I]", (json_int_t)INT64_MAX, (json_int_t)INT64_MIN,
                                    (json_int_t)0));
    json_t *keys = json_object();
    json_object_setn_new(keys, "key\0with nul", 12, json_string("v"));
    json_object_set_new(keys, "\"quoted\"\n", json_true());
    same_as_jansson_value(keys);
    json_t *big = json_array(); /* the buffer grows many times */
    for (int i = 0; i < 5000; i++)
        json_array_append_new(big, json_pack("{s:i, s:s, s:[s, s]}", "i", i, "text",
                                             "some evidence text", "a", "b"));
    same_as_jansson_value(big);

    same_as_jansson("{\"a\": [1, 2, {\"b\": null, \"c\": [true, false]}], \"d\": {}, \"e\": []}");
    same_as_jansson("[\"q\\\"u\\\\o\\n\\t\\u0001\\u001f\", \"\\u00e9\\u4e2d\", -12, 0]");
    same_as_jansson("{\"r\": [85.71428571428571, 100.0, 0.0, 1e300, -0.5]}");
    same_as_jansson("\"just a string\"");
    /* built with the calls: keys, items, nesting */
    trop_jw w = {.n = 0};
    trop_jw_open(&w, '{');
    trop_jw_kstr(&w, "s", "x");
    trop_jw_kint(&w, "i", -7);
    trop_jw_kbool(&w, "b", true);
    trop_jw_kstrn(&w, "n", NULL, 0);
    trop_jw_key(&w, "l");
    trop_jw_open(&w, '[');
    trop_jw_item(&w);
    trop_jw_real(&w, 2.5);
    trop_jw_close(&w, ']');
    trop_jw_close(&w, '}');
    char *out = NULL;
    CHECK_INT(trop_jw_finish(&w, &out, NULL), 0);
    CHECK_STR(out, "{\n  \"s\": \"x\",\n  \"i\": -7,\n  \"b\": true,\n  \"n\": null,\n  \"l\": [\n"
                   "    2.5\n  ]\n}\n");
    free(out);
    /* nesting beyond the bound is an error, not a crash */
    trop_jw deep = {.n = 0};
    for (int i = 0; i < 100; i++)
        trop_jw_open(&deep, '[');
    CHECK_INT(trop_jw_finish(&deep, &out, NULL), TRO_ELIMIT);
}

/* tro_report_json() writes the report document itself: the bytes must be
 * those of json_dumps(doc, JSON_INDENT(2)) plus a newline, whatever the
 * document holds (escapes, non-ASCII text, empty and nested containers,
 * integers at their limits, reals, keys with NUL bytes). */
#include "internal.h"
#include "report.h"
#include "test.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void same_as_jansson(json_t *doc, const char *what)
{
    tro_report *r = trop_report_new();
    CHECK(r != NULL);
    if (!r)
        return;
    json_decref(r->doc);
    r->doc = doc;
    char *ours = NULL, *theirs = json_dumps(doc, JSON_INDENT(2));
    size_t len = 0;
    CHECK_INT(tro_report_json(r, &ours, &len), TRO_OK);
    CHECK(ours && theirs);
    if (ours && theirs) {
        size_t n = strlen(theirs);
        CHECK(len == n + 1 && ours[n] == '\n' && ours[n + 1] == '\0');
        if (len != n + 1 || memcmp(ours, theirs, n))
            fprintf(stderr, "%s:\n--- ours\n%s--- jansson\n%s\n", what, ours, theirs);
        CHECK(len == n + 1 && !memcmp(ours, theirs, n));
    }
    tro_free(ours);
    free(theirs);
    tro_report_free(r);
}

int main(void)
{
    char ctl[40];
    for (int i = 0; i < 32; i++)
        ctl[i] = (char)(i + 1 == 32 ? 0x7f : i + 1);
    memcpy(ctl + 32, "\"\\/\xc3\xa9", 6);
    json_t *strings = json_array();
    json_array_append_new(strings, json_stringn(ctl, 38));
    json_array_append_new(strings, json_stringn("nul\0byte", 8));
    json_array_append_new(strings, json_string("\xe2\x80\xa8 line separator, \xf0\x9f\x98\x80"));
    json_array_append_new(strings, json_string(""));
    same_as_jansson(strings, "strings");

    json_t *nums = json_pack("[I, I, I, I, f, f, f, f]", (json_int_t)0, (json_int_t)-7,
                             (json_int_t)INT64_MAX, (json_int_t)INT64_MIN, 1.0, -0.5, 1e300,
                             3.14159);
    same_as_jansson(nums, "numbers");

    json_t *nested = json_pack("{s:{}, s:[], s:[{}, [], [[]], {s:{s:[n, b, b]}}], s:s}", "empty",
                               "list", "deep", "a", "b", 1, 0, "tail", "x");
    json_object_setn_new(nested, "key\0with nul", 12, json_string("v"));
    json_object_set_new(nested, "\"quoted\"\n", json_true());
    same_as_jansson(nested, "nested");

    same_as_jansson(json_object(), "empty object");
    same_as_jansson(json_array(), "empty array");

    /* a large document: the buffer grows many times */
    json_t *big = json_array();
    for (int i = 0; i < 5000; i++)
        json_array_append_new(big, json_pack("{s:i, s:s, s:[s, s]}", "i", i, "text",
                                             "some evidence text", "a", "b"));
    same_as_jansson(big, "big");
    return trt_finish("test_report_json");
}

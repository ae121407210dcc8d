/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Every card of the shared corpus (the .md files in cards/) reads without trouble, and the
 * license the reader extracts agrees with the license_field_value column of
 * cards/INDEX.tsv, whose forms are:
 *   license: apache-2.0
 *   license: [odc-by]            license: [cc-by-sa-3.0, gfdl]
 *   license: other; license_name: X; license_link: Y
 *   license: other (body: ...)   (a note in brackets)
 *   license_name: X (no license: key)
 *   none in file (...)           none in YAML (...)
 * license and license_name must match exactly (absent when not named);
 * license_link must match when the column names one (the column leaves out
 * some links the files have, e.g. baichuan2-7b-chat.md).
 */
#include "read_test.h"

#include <ctype.h>

typedef struct expect {
    json_t *license;       /* list of strings */
    char *name, *link;     /* NULL when the column names none */
} expect;

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

/* Drops a trailing " (note)" from a value. */
static void drop_note(char *v)
{
    char *p = strstr(v, " (");
    if (p && v[strlen(v) - 1] == ')')
        *p = '\0';
}

static int parse_column(char *col, expect *e)
{
    e->license = json_array();
    e->name = e->link = NULL;
    if (strncmp(col, "none in ", 8) == 0)
        return 0;
    for (char *part = strtok(col, ";"); part; part = strtok(NULL, ";")) {
        part = trim(part);
        char *colon = strchr(part, ':');
        if (!colon)
            return -1;
        *colon = '\0';
        char *key = trim(part), *val = trim(colon + 1);
        if (strcmp(key, "license") == 0) {
            drop_note(val);
            if (*val == '[') {
                val[strlen(val) - 1] = '\0';
                for (char *it = val + 1, *comma; it; it = comma) {
                    comma = strchr(it, ',');
                    if (comma)
                        *comma++ = '\0';
                    json_array_append_new(e->license, json_string(trim(it)));
                }
            } else {
                json_array_append_new(e->license, json_string(val));
            }
        } else if (strcmp(key, "license_name") == 0) {
            drop_note(val);
            e->name = val;
        } else if (strcmp(key, "license_link") == 0) {
            e->link = val;
        } else {
            return -1;
        }
    }
    return 0;
}

static void check_optional(const char *file, const json_t *m, const char *key, const char *want)
{
    const char *got = json_string_value(json_object_get(m, key));
    CHECK(json_object_get(m, key) != NULL);
    if (want)
        CHECK_STR(got, want);
    else
        CHECK(got == NULL);
    if (want ? !got || strcmp(got, want) : got != NULL)
        fprintf(stderr, "  %s: %s is '%s', INDEX.tsv says '%s'\n", file, key,
                got ? got : "(null)", want ? want : "(none)");
}

static void check_card(const char *dir, const char *file, char *column)
{
    expect e;
    char path[4200];
    snprintf(path, sizeof path, "%s/cards/%s", dir, file);
    CHECK_INT(parse_column(column, &e), 0);
    rt r;
    json_t *m = rt_read_file(&r, path, file);
    CHECK(m != NULL);
    if (!m) {
        fprintf(stderr, "  %s: cannot read\n", file);
        json_decref(e.license);
        rt_free(&r);
        return;
    }
    CHECK_INT(r.rc, 0);
    CHECK(r.a->type == TRO_TYPE_MODEL_CARD || r.a->type == TRO_TYPE_MARKDOWN);
    /* real cards parse cleanly */
    CHECK_INT(rt_count_sev(&r, TRO_SEVERITY_WARNING), 0);
    if (rt_count_sev(&r, TRO_SEVERITY_WARNING))
        rt_dump_findings(&r);
    const json_t *lic = json_object_get(m, "license");
    CHECK(json_equal(lic, e.license));
    if (!json_equal(lic, e.license)) {
        char *a = rt_json(lic), *b = rt_json(e.license);
        fprintf(stderr, "  %s: license %s, INDEX.tsv says %s\n", file, a, b);
        free(a);
        free(b);
    }
    check_optional(file, m, "license_name", e.name);
    if (e.link)
        check_optional(file, m, "license_link", e.link);
    /* the body was read: a card has sections and words */
    CHECK(json_array_size(json_object_get(m, "sections")) > 0);
    CHECK(json_integer_value(json_object_get(m, "words")) > 50);
    CHECK(json_is_array(json_object_get(m, "links")));
    const char *status = json_string_value(json_object_get(m, "front_matter_status"));
    CHECK(strcmp(status, "ok") == 0 || strcmp(status, "none") == 0);
    json_decref(e.license);
    rt_free(&r);
}

TRO_TEST(card_corpus)
{
    char dir[4096], path[4200], line[8192];
    if (!rt_corpus(dir, sizeof dir))
        TRO_SKIP("no shared corpus (set TRO_CORPUS)");
    snprintf(path, sizeof path, "%s/cards/INDEX.tsv", dir);
    FILE *fp = fopen(path, "r");
    if (!fp) {
        TRO_SKIP("no cards/INDEX.tsv");
    }
    int cards = 0;
    bool header = true;
    while (fgets(line, sizeof line, fp)) {
        if (header) {
            header = false;
            continue;
        }
        char *cols[5], *save = NULL, *p = line;
        int n = 0;
        for (; n < 5 && (cols[n] = strtok_r(p, "\t", &save)); n++)
            p = NULL;
        CHECK_INT(n, 5);
        if (n < 5)
            continue;
        check_card(dir, cols[0], cols[4]);
        cards++;
    }
    fclose(fp);
    CHECK(cards >= 50);
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Frictionless datapackage.json: every extracted field (v2 and older v1
 * spellings), unsafe resource paths, hashes per algorithm, malformed input. */
#include "wtest.h"

#define SHA256 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define MD5 "098f6bcd4621d373cade4e832627b4f6"

static void read_dp(wrun *r, const char *text)
{
    wt_read(r, TRO_TYPE_DATAPACKAGE, "datapackage.json", text, strlen(text));
}

TRO_TEST(datapackage_valid)
{
    wrun r;
    read_dp(&r, "{\"name\":\"tiny\",\"title\":\"Tiny\",\"id\":\"urn:uuid:1\",\"version\":\"1.2.0\","
                "\"homepage\":\"https://example.org\","
                "\"licenses\":[{\"name\":\"ODC-PDDL-1.0\",\"path\":\"http://opendatacommons.org/"
                "licenses/pddl/\",\"title\":\"PDDL\"}],"
                "\"sources\":[{\"title\":\"World Bank\",\"path\":\"http://data.worldbank.org\"}],"
                "\"resources\":["
                "{\"name\":\"a\",\"path\":\"data/a.csv\",\"format\":\"csv\",\"mediatype\":\"text/csv\","
                "\"bytes\":100,\"hash\":\"" MD5 "\"},"
                "{\"name\":\"b\",\"path\":[\"data/b1.csv\",\"https://x.org/b2.csv\"],"
                "\"hash\":\"SHA256:" SHA256 "\",\"licenses\":[{\"name\":\"CC-BY-4.0\"}]},"
                "{\"name\":\"c\",\"data\":[1,2]}]}");
    json_t *m = r.meta;
    CHECK_INT(tro_release_finding_count(r.rel), 0);
    wt_dump(r.rel);
    CHECK_STR(wt_str(m, "name"), "tiny");
    CHECK_STR(wt_str(m, "title"), "Tiny");
    CHECK_STR(wt_str(m, "id"), "urn:uuid:1");
    CHECK_STR(wt_str(m, "version"), "1.2.0");
    CHECK_STR(wt_str(m, "homepage"), "https://example.org");
    CHECK_STR(wt_str(m, "licenses/0/name"), "ODC-PDDL-1.0");
    CHECK_STR(wt_str(m, "licenses/0/path"), "http://opendatacommons.org/licenses/pddl/");
    CHECK_STR(wt_str(m, "licenses/0/title"), "PDDL");
    CHECK_STR(wt_str(m, "sources/0/title"), "World Bank");
    CHECK_STR(wt_str(m, "sources/0/path"), "http://data.worldbank.org");
    CHECK_INT(wt_int(m, "resource_count"), 3);
    CHECK_STR(wt_str(m, "resources/0/name"), "a");
    CHECK_STR(wt_str(m, "resources/0/paths/0"), "data/a.csv");
    CHECK_STR(wt_str(m, "resources/0/format"), "csv");
    CHECK_STR(wt_str(m, "resources/0/mediatype"), "text/csv");
    CHECK_INT(wt_int(m, "resources/0/bytes"), 100);
    CHECK_STR(wt_str(m, "resources/0/hash/algorithm"), "md5");
    CHECK_STR(wt_str(m, "resources/0/hash/value"), MD5);
    CHECK_STR(wt_str(m, "resources/1/paths/1"), "https://x.org/b2.csv");
    CHECK_STR(wt_str(m, "resources/1/hash/algorithm"), "sha256");
    CHECK_STR(wt_str(m, "resources/1/hash/value"), SHA256);
    CHECK_STR(wt_str(m, "resources/1/licenses/0/name"), "CC-BY-4.0");
    CHECK_STR(wt_str(m, "resources/2/name"), "c");
    CHECK(wt_at(m, "resources/2/paths") == NULL);
    wt_done(&r);
}

/* v1 descriptors: licenses with type/url, one "license", sources with
 * name/web, resources with url and no name. */
TRO_TEST(datapackage_old_spellings)
{
    wrun r;
    read_dp(&r, "{\"name\":\"old\",\"license\":\"ODC-BY-1.0\",\"sources\":[{\"name\":\"ISO\","
                "\"web\":\"http://www.iso.org\"}],\"resources\":[{\"url\":\"https://x.org/a.csv\","
                "\"path\":\"data/a.csv\"}]}");
    CHECK_STR(wt_str(r.meta, "licenses/0/name"), "ODC-BY-1.0");
    CHECK_STR(wt_str(r.meta, "sources/0/title"), "ISO");
    CHECK_STR(wt_str(r.meta, "sources/0/path"), "http://www.iso.org");
    CHECK_STR(wt_str(r.meta, "resources/0/paths/0"), "data/a.csv");
    CHECK_INT(wt_count(r.rel, "datapackage-bad-resource"), 1); /* no name */
    CHECK_INT(wt_count_sev(r.rel, TRO_SEVERITY_ERROR), 0);
    wt_done(&r);
    read_dp(&r, "{\"licenses\":[{\"type\":\"ODC-PDDL-1.0\",\"url\":\"http://o.org/pddl\"}],"
                "\"resources\":[{\"name\":\"a\",\"path\":\"a.csv\"}]}");
    CHECK_STR(wt_str(r.meta, "licenses/0/name"), "ODC-PDDL-1.0");
    CHECK_STR(wt_str(r.meta, "licenses/0/path"), "http://o.org/pddl");
    CHECK_INT(tro_release_finding_count(r.rel), 0);
    wt_done(&r);
}

typedef struct pcase {
    const char *what, *path;
    const char *says; /* NULL: the path is fine */
} pcase;

static const pcase paths[] = {
    {"relative", "data/x.csv", NULL},
    {"dot component", "./data/x.csv", NULL},
    {"https URL", "https://example.org/x.csv", NULL},
    {"ftp URL", "FTP://example.org/x.csv", NULL},
    {"absolute", "/etc/passwd", "absolute"},
    {"backslash absolute", "\\\\server\\\\share", "absolute"},
    {"parent", "data/../../x.csv", "'..'"},
    {"parent first", "../x.csv", "'..'"},
    {"windows parent", "data\\\\..\\\\x.csv", "'..'"},
    {"hidden", "data/.secret/x.csv", "hidden"},
    {"hidden file", ".env", "hidden"},
    {"file URL", "file:///etc/passwd", "URL scheme"},
    {"drive letter", "C:\\\\x.csv", "URL scheme"},
    {"javascript", "javascript:alert(1)", "URL scheme"},
    {"empty", "", "empty"},
};

TRO_TEST(datapackage_paths)
{
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        char *text = trop_asprintf("{\"resources\":[{\"name\":\"r\",\"path\":[\"ok.csv\",\"%s\"]}]}",
                                   paths[i].path);
        wrun r;
        read_dp(&r, text);
        const tro_finding *f = wt_find(r.rel, "datapackage-bad-path");
        if (!!f != !!paths[i].says) {
            fprintf(stderr, "path case '%s':\n", paths[i].what);
            wt_dump(r.rel);
        }
        CHECK(!!f == !!paths[i].says);
        if (f && paths[i].says) {
            CHECK_INT(tro_finding_severity(f), TRO_SEVERITY_ERROR);
            CHECK_CONTAINS(tro_finding_message(f), paths[i].says);
            CHECK_CONTAINS(tro_finding_message(f), "resources[0]");
            CHECK_INT(json_array_size(wt_at(r.meta, "resources/0/paths")), 1);
        }
        wt_done(&r);
        free(text);
    }
}

typedef struct hcase {
    const char *hash;
    bool ok;
} hcase;

static const hcase hashes[] = {
    {MD5, true},
    {"md5:" MD5, true},
    {"sha1:8843d7f92416211de9ebb963ff4ce28125932878", true},
    {"sha256:" SHA256, true},
    {"sha512:" SHA256 SHA256, true},
    {SHA256, false},                /* unprefixed means MD5: wrong length */
    {"sha256:" MD5, false},
    {"sha256:" "zz" SHA256, false},
    {"crc32:12345678", false},
    {"sha1:", false},
    {"", false},
};

TRO_TEST(datapackage_hashes)
{
    for (size_t i = 0; i < sizeof hashes / sizeof *hashes; i++) {
        char *text = trop_asprintf("{\"resources\":[{\"name\":\"r\",\"path\":\"r.csv\","
                                   "\"hash\":\"%s\"}]}", hashes[i].hash);
        wrun r;
        read_dp(&r, text);
        const tro_finding *f = wt_find(r.rel, "datapackage-bad-hash");
        if (!f != hashes[i].ok)
            fprintf(stderr, "hash case '%s' wrongly judged\n", hashes[i].hash);
        CHECK(!f == hashes[i].ok);
        CHECK(!f || tro_finding_severity(f) == TRO_SEVERITY_WARNING);
        CHECK(hashes[i].ok == (wt_at(r.meta, "resources/0/hash") != NULL));
        wt_done(&r);
        free(text);
    }
}

typedef struct dcase {
    const char *what, *text, *code;
    tro_severity sev;
} dcase;

static const dcase bad[] = {
    {"no resources", "{\"name\":\"x\"}", "datapackage-no-resources", TRO_SEVERITY_WARNING},
    {"empty resources", "{\"resources\":[]}", "datapackage-no-resources", TRO_SEVERITY_WARNING},
    {"resource a string", "{\"resources\":[\"a.csv\"]}", "datapackage-bad-resource",
     TRO_SEVERITY_WARNING},
    {"bytes negative", "{\"resources\":[{\"name\":\"a\",\"bytes\":-1}]}",
     "datapackage-bad-resource", TRO_SEVERITY_WARNING},
    {"path a number", "{\"resources\":[{\"name\":\"a\",\"path\":5}]}", "datapackage-bad-resource",
     TRO_SEVERITY_WARNING},
    {"license without name", "{\"licenses\":[{\"x\":1}],\"resources\":[{\"name\":\"a\"}]}",
     "datapackage-bad-license", TRO_SEVERITY_WARNING},
    {"not JSON", "{\"resources\":", "datapackage-bad-json", TRO_SEVERITY_ERROR},
    {"array", "[{}]", "datapackage-not-object", TRO_SEVERITY_ERROR},
    {"empty", "", "datapackage-empty", TRO_SEVERITY_ERROR},
    {"bad UTF-8", "{\"name\":\"\xff\"}", "datapackage-bad-utf8", TRO_SEVERITY_ERROR},
    {"duplicate", "{\"name\":\"a\",\"name\":\"b\",\"resources\":[{\"name\":\"a\"}]}",
     "datapackage-duplicate-key", TRO_SEVERITY_WARNING},
};

TRO_TEST(datapackage_malformed)
{
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        wrun r;
        read_dp(&r, bad[i].text);
        const tro_finding *f = wt_find(r.rel, bad[i].code);
        if (!f) {
            fprintf(stderr, "case '%s': no %s\n", bad[i].what, bad[i].code);
            wt_dump(r.rel);
        }
        CHECK(f && tro_finding_severity(f) == bad[i].sev);
        CHECK_CONTAINS(f ? tro_finding_message(f) : NULL, "datapackage.json");
        CHECK_INT(r.rc, 0);
        wt_done(&r);
    }
}

/* Thousands of bad paths: 32 findings and a count of the rest. */
TRO_TEST(datapackage_budget)
{
    wbuf b = {0};
    wb_str(&b, "{\"resources\":[");
    for (int i = 0; i < 2000; i++)
        wb_printf(&b, "%s{\"name\":\"r%d\",\"path\":\"/abs/%d\"}", i ? "," : "", i, i);
    wb_str(&b, "]}");
    wrun r;
    read_dp(&r, (const char *)b.p);
    CHECK_INT(wt_count(r.rel, "datapackage-bad-path"), 32);
    CHECK_CONTAINS(tro_finding_message(wt_find(r.rel, "datapackage-more-findings")), "1968");
    CHECK_INT(wt_int(r.meta, "resource_count"), 2000);
    CHECK_INT(json_array_size(wt_at(r.meta, "resources")), 1000);
    wt_done(&r);
    wb_free(&b);
}

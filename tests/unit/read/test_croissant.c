/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Croissant JSON-LD: every extracted field (license forms, distribution
 * items with and without prefixes), checksum checks, and malformed input. */
#include "wtest.h"

#define SHA "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define MD5 "098f6bcd4621d373cade4e832627b4f6"

static const char *valid =
    "{\"@context\":{\"@vocab\":\"https://schema.org/\",\"cr\":\"http://mlcommons.org/croissant/\","
    "\"sha256\":\"https://github.com/mlcommons/croissant/issues/80\",\"md5\":\"cr:md5\"},"
    "\"@type\":\"sc:Dataset\",\"name\":\"tiny\",\"description\":\"A tiny dataset\","
    "\"conformsTo\":\"http://mlcommons.org/croissant/1.1\",\"citeAs\":\"@misc{tiny}\","
    "\"url\":\"https://example.org/tiny\",\"version\":\"1.0.0\",\"datePublished\":\"2024-01-01\","
    "\"creator\":[{\"@type\":\"sc:Person\",\"name\":\"Ada\"},{\"@type\":\"sc:Organization\","
    "\"url\":\"https://org.example\"}],"
    "\"license\":[\"https://spdx.org/licenses/CC-BY-4.0.html\",{\"@id\":"
    "\"https://spdx.org/licenses/MIT.html\"},{\"name\":\"odc-by\"},\"cc0-1.0\"],"
    "\"isLiveDataset\":false,\"rai:dataBiases\":\"x\",\"rai:dataCollection\":\"y\","
    "\"distribution\":["
    "{\"@type\":\"cr:FileObject\",\"@id\":\"archive\",\"name\":\"archive.zip\","
    "\"contentUrl\":\"https://example.org/a.zip\",\"encodingFormat\":\"application/zip\","
    "\"contentSize\":\"1024 B\",\"sha256\":\"" SHA "\",\"md5\":\"" MD5 "\"},"
    "{\"@type\":\"http://mlcommons.org/croissant/FileSet\",\"@id\":\"csvs\","
    "\"containedIn\":{\"@id\":\"archive\"},\"encodingFormat\":[\"text/csv\",\"text/plain\"],"
    "\"includes\":[\"*.csv\",\"data/*.csv\"]},"
    "{\"@type\":[\"sc:FileObject\"],\"@id\":\"nested\",\"containedIn\":[{\"@id\":\"archive\"},"
    "\"other\"],\"contentUrl\":\"x.txt\",\"encodingFormat\":\"text/plain\",\"contentSize\":12}],"
    "\"recordSet\":[{\"@type\":\"cr:RecordSet\"},{\"@type\":\"cr:RecordSet\"}]}";

static void read_cr(wrun *r, const char *text)
{
    wt_read(r, TRO_TYPE_CROISSANT, "croissant.json", text, strlen(text));
}

TRO_TEST(croissant_valid)
{
    wrun r;
    read_cr(&r, valid);
    json_t *m = r.meta;
    CHECK_INT(tro_release_finding_count(r.rel), 0);
    wt_dump(r.rel);
    CHECK_STR(wt_str(m, "name"), "tiny");
    CHECK_STR(wt_str(m, "description"), "A tiny dataset");
    CHECK_STR(wt_str(m, "url"), "https://example.org/tiny");
    CHECK_STR(wt_str(m, "version"), "1.0.0");
    CHECK_STR(wt_str(m, "date_published"), "2024-01-01");
    CHECK_STR(wt_str(m, "cite_as"), "@misc{tiny}");
    CHECK_STR(wt_str(m, "conforms_to/0"), "http://mlcommons.org/croissant/1.1");
    CHECK_INT(json_array_size(wt_at(m, "licenses")), 4);
    CHECK_STR(wt_str(m, "licenses/0"), "https://spdx.org/licenses/CC-BY-4.0.html");
    CHECK_STR(wt_str(m, "licenses/1"), "https://spdx.org/licenses/MIT.html");
    CHECK_STR(wt_str(m, "licenses/2"), "odc-by");
    CHECK_STR(wt_str(m, "licenses/3"), "cc0-1.0");
    CHECK_STR(wt_str(m, "creators/0"), "Ada");
    CHECK_STR(wt_str(m, "creators/1"), "https://org.example");
    CHECK(json_is_false(wt_at(m, "is_live_dataset")));
    CHECK_INT(wt_int(m, "distribution_count"), 3);
    CHECK_INT(wt_int(m, "record_set_count"), 2);
    CHECK_STR(wt_str(m, "rai/0"), "rai:dataBiases");
    CHECK_STR(wt_str(m, "rai/1"), "rai:dataCollection");
    CHECK_STR(wt_str(m, "distribution/0/type"), "FileObject");
    CHECK_STR(wt_str(m, "distribution/0/id"), "archive");
    CHECK_STR(wt_str(m, "distribution/0/name"), "archive.zip");
    CHECK_STR(wt_str(m, "distribution/0/contentUrl"), "https://example.org/a.zip");
    CHECK_STR(wt_str(m, "distribution/0/encodingFormat"), "application/zip");
    CHECK_STR(wt_str(m, "distribution/0/contentSize"), "1024 B");
    CHECK_STR(wt_str(m, "distribution/0/sha256"), SHA);
    CHECK_STR(wt_str(m, "distribution/0/md5"), MD5);
    CHECK_STR(wt_str(m, "distribution/1/type"), "FileSet");
    CHECK_STR(wt_str(m, "distribution/1/containedIn/0"), "archive");
    CHECK_STR(wt_str(m, "distribution/1/encodingFormat/1"), "text/plain");
    CHECK_STR(wt_str(m, "distribution/1/includes/1"), "data/*.csv");
    CHECK_STR(wt_str(m, "distribution/2/type"), "FileObject");
    CHECK_STR(wt_str(m, "distribution/2/containedIn/1"), "other");
    CHECK_INT(wt_int(m, "distribution/2/contentSize"), 12);
    wt_done(&r);
}

typedef struct kcase {
    const char *what, *text, *code;
    tro_severity sev;
    const char *says;
} kcase;

#define DS(body) "{\"@type\":\"sc:Dataset\",\"license\":\"mit\"," body "}"
#define FO(extra) DS("\"distribution\":[{\"@type\":\"cr:FileObject\",\"@id\":\"f\"," \
                     "\"contentUrl\":\"https://x/f\"," extra "}]")

static const kcase cases[] = {
    {"sha256 of MD5 length", FO("\"sha256\":\"" MD5 "\""), "croissant-bad-sha256",
     TRO_SEVERITY_WARNING, "looks like an MD5"},
    {"sha256 a URL", FO("\"sha256\":\"https://github.com/mlcommons/croissant/issues/80\""),
     "croissant-bad-sha256", TRO_SEVERITY_WARNING, "URL"},
    {"sha256 not hex", FO("\"sha256\":\"" "zz" SHA "\""), "croissant-bad-sha256",
     TRO_SEVERITY_WARNING, "64 hex"},
    {"sha256 a number", FO("\"sha256\":5"), "croissant-bad-sha256", TRO_SEVERITY_WARNING,
     "not a string"},
    {"md5 of SHA-256 length", FO("\"md5\":\"" SHA "\""), "croissant-bad-md5",
     TRO_SEVERITY_WARNING, "looks like a SHA-256"},
    {"md5 short", FO("\"md5\":\"abc\""), "croissant-bad-md5", TRO_SEVERITY_WARNING, "32 hex"},
    {"no checksum", FO("\"name\":\"f\""), "croissant-no-checksum", TRO_SEVERITY_INFO, "'f'"},
    {"no contentUrl", DS("\"distribution\":{\"@type\":\"cr:FileObject\",\"@id\":\"g\"}"),
     "croissant-bad-distribution", TRO_SEVERITY_WARNING, "contentUrl"},
    {"distribution a string", DS("\"distribution\":\"x\""), "croissant-bad-distribution",
     TRO_SEVERITY_WARNING, NULL},
    {"distribution item a number", DS("\"distribution\":[5]"), "croissant-bad-distribution",
     TRO_SEVERITY_WARNING, "distribution[0]"},
    {"no license", "{\"@type\":\"sc:Dataset\",\"name\":\"x\"}", "croissant-no-license",
     TRO_SEVERITY_WARNING, NULL},
    {"license a number", "{\"@type\":\"sc:Dataset\",\"license\":5}", "croissant-bad-license",
     TRO_SEVERITY_WARNING, NULL},
    {"not a dataset", "{\"@type\":\"sc:Organization\",\"license\":\"mit\"}",
     "croissant-not-dataset", TRO_SEVERITY_WARNING, NULL},
    {"no @type", "{\"license\":\"mit\"}", "croissant-not-dataset", TRO_SEVERITY_WARNING, NULL},
    {"cut JSON", "{\"@type\":\"sc:Dataset\"", "croissant-bad-json", TRO_SEVERITY_ERROR, "line 1"},
    {"array", "[]", "croissant-not-object", TRO_SEVERITY_ERROR, NULL},
    {"empty", "", "croissant-empty", TRO_SEVERITY_ERROR, NULL},
    {"duplicate key", "{\"@type\":\"sc:Dataset\",\"license\":\"a\",\"license\":\"b\"}",
     "croissant-duplicate-key", TRO_SEVERITY_WARNING, NULL},
};

TRO_TEST(croissant_cases)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        wrun r;
        read_cr(&r, cases[i].text);
        const tro_finding *f = wt_find(r.rel, cases[i].code);
        if (!f || tro_finding_severity(f) != cases[i].sev) {
            fprintf(stderr, "case '%s': no %s\n", cases[i].what, cases[i].code);
            wt_dump(r.rel);
        }
        CHECK(f && tro_finding_severity(f) == cases[i].sev);
        CHECK_CONTAINS(f ? tro_finding_message(f) : NULL, "croissant.json");
        if (cases[i].says)
            CHECK_CONTAINS(f ? tro_finding_message(f) : NULL, cases[i].says);
        CHECK_INT(r.rc, 0);
        wt_done(&r);
    }
}

TRO_TEST(croissant_live_and_long)
{
    wrun r;
    read_cr(&r, DS("\"isLiveDataset\":true,\"distribution\":[{\"@type\":\"cr:FileObject\","
                   "\"@id\":\"f\",\"contentUrl\":\"https://x/f\"}]"));
    CHECK_INT(tro_release_finding_count(r.rel), 0); /* live data needs no checksum */
    CHECK(json_is_true(wt_at(r.meta, "is_live_dataset")));
    wt_done(&r);

    wbuf b = {0};
    wb_str(&b, "{\"@type\":\"Dataset\",\"license\":{\"url\":\"https://l\"},\"description\":\"x");
    for (int i = 0; i < 5000; i++)
        wb_str(&b, "\xc3\xa9"); /* 2-byte characters: the cut must not split one */
    wb_str(&b, "\"}");
    read_cr(&r, (const char *)b.p);
    CHECK_INT(tro_release_finding_count(r.rel), 0);
    CHECK_INT(strlen(wt_str(r.meta, "description")), 4095); /* "x" + 2047 whole characters */
    CHECK(json_is_true(wt_at(r.meta, "description_cut")));
    CHECK_STR(wt_str(r.meta, "licenses/0"), "https://l");
    wt_done(&r);
    wb_free(&b);
}

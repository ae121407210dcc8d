/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The formats people look at (lib/report/html*.c, markdown.c, badge.c):
 * the escapers on a table of inputs and what each format must make of
 * them; then synthetic reports rendered as HTML, Markdown, SVG badge and
 * shields JSON: links only for http(s) URLs, paths linked to the artifact
 * rows, the fragment without a document around it, the badge's words and
 * colour for each combination of statuses, the flags each format takes,
 * and the same bytes for the same report.
 */
#include "test.h"

#include "escape.h"
#include "human.h"
#include "report_fixture.h"

static char *escaped(void (*fn)(FILE *, const char *, size_t), const char *in, size_t max)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    if (!f)
        abort();
    fn(f, in, max);
    fclose(f);
    return buf;
}

#define FFFD "\xEF\xBF\xBD"

TRO_TEST(human_escapers)
{
    static const struct {
        const char *in;
        size_t max;
        const char *html, *md;
    } cases[] = {
        {"plain text", 0, "plain text", "plain text"},
        {"<script>alert('x')</script>", 0, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;",
         "&lt;script&gt;alert('x')&lt;/script&gt;"},
        {"a & \"b\"", 0, "a &amp; &quot;b&quot;", "a &amp; \"b\""},
        {"*em* _u_ `c` [l](javascript:x) ~~s~~ $m$ a|b \\", 0,
         "*em* _u_ `c` [l](javascript:x) ~~s~~ $m$ a|b \\",
         "\\*em\\* \\_u\\_ \\`c\\` \\[l\\](javascript:x) &#126;&#126;s&#126;&#126; &#36;m&#36; "
         "a&#124;b \\\\"},
        {"# heading", 0, "# heading", "\\# heading"},
        {"- item", 0, "- item", "\\- item"},
        {"+ item", 0, "+ item", "\\+ item"},
        {"=== x", 0, "=== x", "&#61;== x"},
        {"12. item", 0, "12. item", "12\\. item"},
        {"3) item", 0, "3) item", "3\\) item"},
        {"  \n   indented", 0, "  \n   indented", "indented"},
        {"line\nbreak\ttab\rcr", 0, "line\nbreak\ttab\rcr", "line break tab cr"},
        {"ping @alice and a@ b", 0, "ping @alice and a@ b",
         "ping @\xE2\x80\x8B"
         "alice and a@ b"},
        {"ctl\x01\x1b[31m\x7f", 0, "ctl" FFFD FFFD "[31m" FFFD, "ctl  \\[31m "},
        /* C1 control, bidi override and isolate, noncharacter, a bad byte */
        {"a\xC2\x85"
         "b\xE2\x80\xAE"
         "c\xE2\x81\xA6"
         "d\xEF\xBF\xBE"
         "e\xFF",
         0, "a" FFFD "b" FFFD "c" FFFD "d" FFFD "e" FFFD,
         "a" FFFD "b" FFFD "c" FFFD "d" FFFD "e" FFFD},
        {"caf\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x98\x80", 0,
         "caf\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x98\x80", "caf\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x98\x80"},
        {"abcdef", 3, "abc\xE2\x80\xA6", "abc\xE2\x80\xA6"},
        {"\xC3\xA9\xC3\xA9\xC3\xA9", 2, "\xC3\xA9\xC3\xA9\xE2\x80\xA6",
         "\xC3\xA9\xC3\xA9\xE2\x80\xA6"},
        {"abc", 3, "abc", "abc"},
        {"", 0, "", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *h = escaped(trop_html, cases[i].in, cases[i].max);
        char *m = escaped(trop_md, cases[i].in, cases[i].max);
        CHECK_STR(h, cases[i].html);
        CHECK_STR(m, cases[i].md);
        free(h);
        free(m);
    }
    char *none = escaped(trop_html, NULL, 0);
    CHECK_STR(none, "");
    free(none);

    static const struct {
        const char *url;
        bool web;
    } urls[] = {
        {"https://github.com/org/repo", true},
        {"HTTP://example.org/x?a=1&b=2", true},
        {"http://h", true},
        {"javascript:alert(1)", false},
        {"JavaScript:alert(1)", false},
        {" https://x.org", false},
        {"https://x.org/a b", false},
        {"https://x.org/\ta", false},
        {"https://", false},
        {"https:///etc/passwd", false},
        {"data:text/html,<script>", false},
        {"file:///etc/passwd", false},
        {"//evil.org", false},
        {"vbscript:x", false},
        {"", false},
        {NULL, false},
    };
    for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++)
        CHECK_INT(trop_url_is_web(urls[i].url), urls[i].web);
}

/* A report with the given statuses, a hostile evidence URL beside a good
 * one, two artifacts and a finding on one of them. */
static tro_report *sample(const char *uf, const char *mt, const char *da)
{
    json_t *criteria = trt_statuses(uf, mt, da);
    json_object_set_new(json_object_get(criteria, "method_transparency"), "evidence",
                        json_pack("[{s:s, s:s, s:s, s:s, s:i}, {s:s, s:s, s:s, s:s}]", "kind",
                                  "training-code", "text", "code", "path", "README.md", "url",
                                  "https://github.com/o/r", "line", 12, "kind", "paper", "text",
                                  "<b>paper</b>", "path", "README.md", "url",
                                  "javascript:alert(1)"));
    json_object_set_new(json_object_get(criteria, "use_freedom"), "reasons",
                        json_pack("[s]", "licence <i>MIT</i> | free"));
    trt_rep d = {.name = "org/<model>",
                 .card = "README.md",
                 .criteria = criteria,
                 .artifacts =
                     json_pack("[{s:s, s:s, s:i, s:s}, {s:s, s:s, s:i}]", "path", "LICENSE", "type",
                               "license", "size", 2048, "sha256",
                               "ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12"
                               "ab12",
                               "path", "README.md", "type", "model-card", "size", 10),
                 .findings = json_pack("[o]", trt_finding("error", "bad-thing", "README.md", 7,
                                                          "a <script> message")),
                 .mof_class = -1};
    return trt_report(&d);
}

static char *render(const tro_report *r, tro_format format, unsigned flags)
{
    tro_render_options o = TRO_RENDER_OPTIONS_INIT;
    char *out = NULL;
    size_t len = 0;
    o.format = format;
    o.flags = flags;
    CHECK_INT(tro_report_render(r, &o, &out, &len), TRO_OK);
    CHECK(out && strlen(out) == len);
    return out;
}

TRO_TEST(human_html)
{
    tro_report *r = sample("fail", "pass", "partial");
    char *page = render(r, TRO_FORMAT_HTML, 0);
    CHECK(page && !strncmp(page, "<!DOCTYPE html>\n", 16));
    CHECK_CONTAINS(page, "Content-Security-Policy");
    CHECK_CONTAINS(page, "<title>not truly open: org/&lt;model&gt; (trulyopen)</title>");
    CHECK_CONTAINS(page, "<h1>Not truly open</h1>");
    CHECK_CONTAINS(page,
                   "<a href=\"https://github.com/o/r\" rel=\"nofollow noopener noreferrer\">");
    CHECK(!strstr(page, "href=\"javascript"));
    CHECK_CONTAINS(page, "javascript:alert(1)"); /* shown as text */
    CHECK_CONTAINS(page, "&lt;b&gt;paper&lt;/b&gt;");
    CHECK_CONTAINS(page, "licence &lt;i&gt;MIT&lt;/i&gt; | free");
    CHECK_CONTAINS(page, "a &lt;script&gt; message");
    /* paths link to their artifact's row; the list is sorted by path */
    CHECK_CONTAINS(page, "<tr id=\"tro-art-1\"><td class=\"tro-path\">README.md</td>");
    CHECK_CONTAINS(page, "<a class=\"tro-path\" href=\"#tro-art-1\">README.md:12</a>");
    CHECK_CONTAINS(page, "<a class=\"tro-path\" href=\"#tro-art-1\">README.md @7</a>");
    CHECK_CONTAINS(page, "<td class=\"tro-num\" title=\"2048 bytes\">2.0 KiB</td>");
    CHECK_CONTAINS(page, "<span class=\"tro-st tro-fail\">\xE2\x9C\x97 fail</span>");
    CHECK_CONTAINS(page, "<span class=\"tro-st tro-partial\">~ partial</span>");
    CHECK(!strstr(page, "<script"));
    char *again = render(r, TRO_FORMAT_HTML, 0);
    CHECK(page && again && !strcmp(page, again)); /* the same bytes */
    free(again);

    char *frag = render(r, TRO_FORMAT_HTML, TRO_RENDER_FRAGMENT);
    CHECK(frag && !strncmp(frag, "<style>\n", 8));
    CHECK(frag && !strstr(frag, "<html") && !strstr(frag, "<head>") && !strstr(frag, "<body"));
    CHECK(frag && !strstr(frag, "Content-Security-Policy") && !strstr(frag, "<title>not"));
    /* the page holds the fragment's report */
    CHECK(page && frag && strstr(frag, "<div") && strstr(page, strstr(frag, "<div")));
    char *bare = render(r, TRO_FORMAT_HTML, TRO_RENDER_NO_ARTIFACTS | TRO_RENDER_FRAGMENT);
    CHECK(bare && !strstr(bare, "tro-art-") && !strstr(bare, "<h2>Artifacts</h2>"));
    CHECK_CONTAINS(bare, "<span class=\"tro-path\">README.md:12</span>");
    free(page);
    free(frag);
    free(bare);
    tro_report_free(r);
}

TRO_TEST(human_markdown)
{
    tro_report *r = sample("fail", "pass", "partial");
    char *md = render(r, TRO_FORMAT_MARKDOWN, 0);
    CHECK(md && !strncmp(md, "## \xE2\x9C\x97 Not truly open: org/&lt;model&gt;\n", 40));
    CHECK_CONTAINS(md, "| Use freedom | \xE2\x9C\x97 **fail** | licence &lt;i&gt;MIT&lt;/i&gt; "
                       "&#124; free |\n");
    CHECK_CONTAINS(md, "| Method transparency | \xE2\x9C\x93 **pass** |");
    CHECK_CONTAINS(md, "| Data access | ~ **partial** |");
    CHECK_CONTAINS(md, "- **error** bad-thing: a &lt;script&gt; message");
    CHECK_CONTAINS(md, "\n<details>\n<summary>");
    CHECK_CONTAINS(md, "</details>\n");
    CHECK(md && !strstr(md, "<script") && !strstr(md, "<b>") && !strstr(md, "<i>"));
    /* the artifacts are counted, not listed: the same with or without them */
    char *bare = render(r, TRO_FORMAT_MARKDOWN, TRO_RENDER_NO_ARTIFACTS);
    CHECK(md && bare && !strcmp(md, bare));
    CHECK_CONTAINS(md, "2 artifacts, 2.0 KiB in all");
    free(md);
    free(bare);
    tro_report_free(r);
}

TRO_TEST(human_badges)
{
    static const struct {
        const char *uf, *mt, *da, *message, *color, *hex;
    } cases[] = {
        {"pass", "pass", "pass", "truly open", "brightgreen", "#3fb950"},
        {"fail", "pass", "unknown", "not truly open: use \xE2\x9C\x97 method \xE2\x9C\x93 data ?",
         "red", "#e05d44"},
        {"partial", "pass", "unknown", "not truly open: use ~ method \xE2\x9C\x93 data ?", "orange",
         "#fe7d37"},
        {"pass", "pass", "fail",
         "not truly open: use \xE2\x9C\x93 method \xE2\x9C\x93 data \xE2\x9C\x97", "red",
         "#e05d44"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tro_report *r = sample(cases[i].uf, cases[i].mt, cases[i].da);
        char *svg = render(r, TRO_FORMAT_BADGE_SVG, 0);
        char *js = render(r, TRO_FORMAT_SHIELDS, 0);
        char *line = render(r, TRO_FORMAT_SHIELDS, TRO_RENDER_COMPACT);
        char want[256];
        snprintf(want, sizeof want, "<title>trulyopen: %s</title>", cases[i].message);
        CHECK_CONTAINS(svg, want);
        snprintf(want, sizeof want, "fill=\"%s\"", cases[i].hex);
        CHECK_CONTAINS(svg, want);
        CHECK(svg && !strstr(svg, "model")); /* nothing of the release */
        snprintf(
            want, sizeof want,
            "{\"schemaVersion\":1,\"label\":\"trulyopen\",\"message\":\"%s\",\"color\":\"%s\"}\n",
            cases[i].message, cases[i].color);
        CHECK_STR(line, want);
        CHECK(js && strchr(js, '\n') != strrchr(js, '\n'));
        free(svg);
        free(js);
        free(line);
        tro_report_free(r);
    }
}

TRO_TEST(human_flags)
{
    tro_report *r = sample("pass", "pass", "pass");
    static const struct {
        tro_format format;
        unsigned flags;
        int rc;
    } cases[] = {
        {TRO_FORMAT_HTML, TRO_RENDER_COMPACT, TRO_EINVAL},
        {TRO_FORMAT_HTML, TRO_RENDER_COLOR, TRO_EINVAL},
        {TRO_FORMAT_HTML, TRO_RENDER_FRAGMENT | TRO_RENDER_NO_ARTIFACTS, TRO_OK},
        {TRO_FORMAT_MARKDOWN, TRO_RENDER_FRAGMENT, TRO_EINVAL},
        {TRO_FORMAT_MARKDOWN, TRO_RENDER_COMPACT, TRO_EINVAL},
        {TRO_FORMAT_MARKDOWN, TRO_RENDER_NO_ARTIFACTS, TRO_OK},
        {TRO_FORMAT_BADGE_SVG, TRO_RENDER_NO_ARTIFACTS, TRO_EINVAL},
        {TRO_FORMAT_BADGE_SVG, TRO_RENDER_FRAGMENT, TRO_EINVAL},
        {TRO_FORMAT_SHIELDS, TRO_RENDER_NO_ARTIFACTS, TRO_EINVAL},
        {TRO_FORMAT_SHIELDS, TRO_RENDER_COMPACT, TRO_OK},
        {TRO_FORMAT_JSON, TRO_RENDER_FRAGMENT, TRO_EINVAL},
        {TRO_FORMAT_TEXT, TRO_RENDER_FRAGMENT, TRO_EINVAL},
        {(tro_format)(TRO_FORMAT_SHIELDS + 1), 0, TRO_EINVAL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tro_render_options o = TRO_RENDER_OPTIONS_INIT;
        char *out = NULL;
        o.format = cases[i].format;
        o.flags = cases[i].flags;
        CHECK_INT(tro_report_render(r, &o, &out, NULL), cases[i].rc);
        CHECK((out != NULL) == (cases[i].rc == TRO_OK));
        tro_free(out);
    }
    char size[32];
    static const struct {
        uint64_t n;
        const char *text;
    } sizes[] = {{0, "0 bytes"},    {1, "1 byte"},         {1023, "1023 bytes"},
                 {1536, "1.5 KiB"}, {5u << 20, "5.0 MiB"}, {UINT64_MAX, "16.0 EiB"}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        trop_human_size(sizes[i].n, size);
        CHECK_STR(size, sizes[i].text);
    }
    tro_report_free(r);
}

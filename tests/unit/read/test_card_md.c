/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The card reader's Markdown body: sections, links, tables (card/md.c,
 * card/inline.c). */
#include "read_test.h"
#include "card/card.h"

#include <time.h>

static json_t *md(rt *r, const char *text)
{
    json_t *m = rt_read(r, TRO_TYPE_MARKDOWN, "doc.md", text, strlen(text), NULL);
    CHECK(m != NULL);
    CHECK_INT(r->rc, 0);
    return m;
}

static const json_t *sec(const json_t *m, size_t i)
{
    return json_array_get(json_object_get(m, "sections"), i);
}

static const json_t *lnk(const json_t *m, size_t i)
{
    return json_array_get(json_object_get(m, "links"), i);
}

static size_t nsec(const json_t *m)
{
    return json_array_size(json_object_get(m, "sections"));
}

static size_t nlinks(const json_t *m)
{
    return json_array_size(json_object_get(m, "links"));
}

static const char *s_(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static long long i_(const json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

static bool b_(const json_t *o, const char *k)
{
    return json_is_true(json_object_get(o, k));
}

/* Titles of all sections, "level:title|..." */
static void check_titles(const json_t *m, const char *want)
{
    char buf[1024] = "";
    size_t n = 0;
    for (size_t i = 0; i < nsec(m); i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%lld:%s", i ? "|" : "",
                              i_(sec(m, i), "level"), s_(sec(m, i), "title"));
    CHECK_STR(buf, want);
}

TRO_TEST(card_md_atx)
{
    rt r;
    json_t *m = md(&r, "# One\n## Two ##\n### Three #########\n#### Four # x\n##### Five\\#\n"
                       "###### Six\n####### Seven\n#5 bolts\n#\n   ## Indented\n"
                       "    # Code, not a heading\n#\tTab\n## ##\n# Trailing   \n");
    check_titles(m, "1:One|2:Two|3:Three|4:Four # x|5:Five\\#|6:Six|1:|2:Indented|1:Tab|2:|1:Trailing");
    CHECK_INT(i_(sec(m, 0), "line"), 1);
    CHECK_INT(i_(sec(m, 7), "line"), 10);
    /* "####### Seven" and "#5 bolts" are text of Six */
    CHECK_INT(i_(sec(m, 5), "words"), 3);
    rt_free(&r);
}

TRO_TEST(card_md_setext)
{
    rt r;
    json_t *m = md(&r, "Intro text here.\n\nTitle\n=====\nBody one two.\n\nMulti\nline  title\n---\n"
                       "after\n\n---\n\n- item\n---\n\n> quote\n---\n\n| a |\n---\n");
    check_titles(m, "0:|1:Title|2:Multi line title");
    CHECK_INT(i_(sec(m, 0), "words"), 3);
    CHECK_INT(i_(sec(m, 1), "line"), 3);
    CHECK_INT(i_(sec(m, 1), "words"), 3);
    CHECK_INT(i_(sec(m, 2), "line"), 7);
    /* rules after a blank line, a list item, a quote or a table line are not
     * underlines: "after item quote a" */
    CHECK_INT(i_(sec(m, 2), "words"), 4);
    CHECK_STR(s_(sec(m, 2), "text"), "after\n\n---\n\n- item\n---\n\n> quote\n---\n\n| a |\n---");
    rt_free(&r);
}

TRO_TEST(card_md_fences)
{
    rt r;
    json_t *m = md(&r, "# A\n```python\n# not a heading\nx = 1\n```\n~~~~\n# no\n```\n# still "
                       "no\n~~~~~\n## B\n  ```\n  # indented fence\n  ```\n### C\n````\n```\n"
                       "# inside\n````\n#### D\n```` info `with` backticks\n# E\n");
    check_titles(m, "1:A|2:B|3:C|4:D|1:E");
    /* code is content: words counted */
    CHECK_INT(i_(sec(m, 0), "words"), 8);
    rt_free(&r);
    /* an unclosed fence runs to the end */
    m = md(&r, "# A\n```\n# B\n## C\n");
    check_titles(m, "1:A");
    rt_free(&r);
    /* ``` inline code is not a fence */
    m = md(&r, "```code``` text\n# H\n");
    check_titles(m, "0:|1:H");
    rt_free(&r);
}

TRO_TEST(card_md_comments)
{
    rt r;
    json_t *m = md(&r, "# A\n<!-- Provide a summary\n# not a heading\n-->\n## B\n"
                       "<!-- one line --> visible words\n### C\n<!-- unclosed\n#### D\n");
    check_titles(m, "1:A|2:B|3:C");
    CHECK_INT(i_(sec(m, 0), "words"), 0);
    CHECK_INT(i_(sec(m, 1), "words"), 2);
    CHECK_INT(i_(sec(m, 2), "words"), 0);
    rt_free(&r);
}

TRO_TEST(card_md_placeholders)
{
    rt r;
    json_t *m = md(&r, "# Model Card\n\n## Model Details\n\n### Model Description\n\n"
                       "<!-- Provide a longer summary. -->\n\n"
                       "- **Developed by:** [More Information Needed]\n"
                       "- **License:** [More Information Needed]\n\n"
                       "## Uses\n\n[More Information Needed]\n\n"
                       "## Training Data\n\nThe Pile, 825 GiB.\n[More Information Needed]\n\n"
                       "## Empty\n\n## Comment only\n<!-- nothing -->\n");
    check_titles(m, "1:Model Card|2:Model Details|3:Model Description|2:Uses|2:Training "
                    "Data|2:Empty|2:Comment only");
    const json_t *desc = sec(m, 2), *uses = sec(m, 3), *train = sec(m, 4);
    CHECK(b_(desc, "placeholder"));
    CHECK_INT(i_(desc, "words"), 0);
    CHECK(b_(uses, "placeholder"));
    CHECK_STR(s_(uses, "text"), "[More Information Needed]");
    CHECK(!b_(train, "placeholder"));
    CHECK_INT(i_(train, "words"), 4);
    CHECK(!b_(sec(m, 5), "placeholder"));
    CHECK_INT(i_(sec(m, 5), "words"), 0);
    CHECK(!b_(sec(m, 6), "placeholder"));
    /* subsections count towards their parent's subtree */
    CHECK_INT(i_(sec(m, 1), "subtree_words"), 0);
    CHECK_INT(i_(sec(m, 0), "subtree_words"), 4);
    CHECK_INT(i_(m, "words"), 4);
    /* the placeholder is no link */
    CHECK_INT(nlinks(m), 0);
    rt_free(&r);
}

TRO_TEST(card_md_tables)
{
    rt r;
    json_t *m = md(&r, "# A\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\n# B\nx | y\n--- | ---\n\n"
                       "# C\n<table><tr><td>1</td></tr></table>\n# D\n| not | a table |\n"
                       "text\n# E\n|---|---|\n");
    CHECK_INT(i_(m, "tables"), 3);
    CHECK(b_(sec(m, 0), "has_table"));
    CHECK(b_(sec(m, 1), "has_table"));
    CHECK(b_(sec(m, 2), "has_table"));
    CHECK(!b_(sec(m, 3), "has_table"));
    CHECK(!b_(sec(m, 4), "has_table"));
    /* a table is not a setext heading */
    check_titles(m, "1:A|1:B|1:C|1:D|1:E");
    rt_free(&r);
}

TRO_TEST(card_md_section_text)
{
    rt r;
    char *big = malloc(40000);
    strcpy(big, "# Big\n\n");
    size_t n = strlen(big);
    while (n < 30000) {
        memcpy(big + n, "word \xC3\xA9t\xC3\xA9 ", 11);
        n += 11;
    }
    strcpy(big + n, "\n# Next\n  text  \n\n");
    json_t *m = md(&r, big);
    const json_t *s = sec(m, 0);
    size_t len = json_string_length(json_object_get(s, "text"));
    CHECK(len <= TROP_CARD_MD_MAX_SECTION_TEXT && len > TROP_CARD_MD_MAX_SECTION_TEXT - 4);
    CHECK(b_(s, "text_truncated"));
    CHECK(trop_utf8_valid(s_(s, "text"), len));
    CHECK_INT(i_(s, "words"), 2 * ((30000 - 7 + 10) / 11));
    CHECK_STR(s_(sec(m, 1), "text"), "text");
    CHECK(json_object_get(sec(m, 1), "text_truncated") == NULL);
    free(big);
    rt_free(&r);
}

/* "url|text|line|kind|image" of link i */
static void check_link(const json_t *m, size_t i, const char *want)
{
    const json_t *l = lnk(m, i);
    char buf[1024];
    snprintf(buf, sizeof buf, "%s|%s|%lld|%s|%d%s%s", s_(l, "url"), s_(l, "text"),
             i_(l, "line"), s_(l, "kind"), b_(l, "image"),
             json_object_get(l, "title") ? "|" : "", s_(l, "title") ? s_(l, "title") : "");
    CHECK_STR(buf, want);
}

TRO_TEST(card_md_links)
{
    rt r;
    json_t *m = md(&r,
                   "See [the paper](https://arxiv.org/abs/2302.13971 \"LLaMA\") and "
                   "![logo](img/logo.png).\n"
                   "[![badge](https://img.shields.io/b.svg)](https://github.com/x/y)\n"
                   "Refs: [full][r1], [collapsed][], [shortcut] and [undefined][nope].\n"
                   "<https://example.org/auto> <someone@example.org> <br>\n"
                   "Bare https://github.com/a/b. and (https://x.org/p_(q)) and www.example.com, "
                   "xhttps://no and http://\n"
                   "<a href=\"https://h.org/a\">anchor text</a> "
                   "<img src='https://h.org/i.png' alt=\"pic\">\n"
                   "`[code](https://not.a/link)` \\[escaped](https://no.link) "
                   "[https://dup.org](https://dup.org)\n"
                   "[link](<https://a.org/with space> 'T')\n"
                   "\n[r1]: https://r1.org \"Title One\"\n"
                   "[Collapsed]: <https://c.org>\n"
                   "[shortcut]: https://s.org\n"
                   "[r1]: https://ignored.second.definition\n"
                   "```\n[in](https://code.block)\n```\n");
    size_t i = 0;
    check_link(m, i++, "https://arxiv.org/abs/2302.13971|the paper|1|inline|0|LLaMA");
    check_link(m, i++, "img/logo.png|logo|1|inline|1");
    check_link(m, i++, "https://img.shields.io/b.svg|badge|2|inline|1");
    check_link(m, i++, "https://github.com/x/y|![badge](https://img.shields.io/b.svg)|2|inline|0");
    check_link(m, i++, "https://r1.org|full|3|reference|0|Title One");
    check_link(m, i++, "https://c.org|collapsed|3|reference|0");
    check_link(m, i++, "https://s.org|shortcut|3|reference|0");
    check_link(m, i++, "https://example.org/auto|https://example.org/auto|4|autolink|0");
    check_link(m, i++, "mailto:someone@example.org|someone@example.org|4|autolink|0");
    check_link(m, i++, "https://github.com/a/b|https://github.com/a/b|5|bare|0");
    check_link(m, i++, "https://x.org/p_(q)|https://x.org/p_(q)|5|bare|0");
    check_link(m, i++, "http://www.example.com|www.example.com|5|bare|0");
    check_link(m, i++, "https://h.org/a|anchor text|6|html|0");
    check_link(m, i++, "https://h.org/i.png|pic|6|html|1");
    /* GFM links a URL after "(" even when the "[" before was escaped */
    check_link(m, i++, "https://no.link|https://no.link|7|bare|0");
    check_link(m, i++, "https://dup.org|https://dup.org|7|inline|0");
    check_link(m, i++, "https://a.org/with space|link|8|inline|0|T");
    CHECK_INT(nlinks(m), i);
    rt_free(&r);
}

/* Inputs built to be slow for a careless scanner: they must stay linear. */
TRO_TEST(card_md_hostile)
{
    static const char *const units[] = {
        "[", "](", "[a](x", "`", "``x", "<a href=", "<!--", "http://", "www.", "\\", "|",
        "[a][", "![", "<http:", "](<", "[a](x \"", "((((", "-->", "# ", "```\n",
    };
    size_t n = 1 << 20;
    char *buf = malloc(n + 1);
    for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
        size_t ul = strlen(units[u]);
        for (size_t k = 0; k < n; k++)
            buf[k] = units[u][k % ul];
        buf[n] = '\0';
        clock_t t0 = clock();
        rt r;
        json_t *m = rt_read(&r, TRO_TYPE_MARKDOWN, "doc.md", buf, n, NULL);
        double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
        CHECK(m != NULL);
        CHECK_INT(r.rc, 0);
        /* generous for sanitizer builds; a quadratic scan takes minutes */
        CHECK(secs < 10.0);
        if (secs >= 10.0)
            fprintf(stderr, "  unit '%s' took %.1f s\n", units[u], secs);
        CHECK(nlinks(m) <= TROP_CARD_MD_MAX_LINKS);
        CHECK(nsec(m) <= TROP_CARD_MD_MAX_SECTIONS + 1);
        rt_free(&r);
    }
    free(buf);
}

TRO_TEST(card_md_caps)
{
    size_t n = 0, cap = 7 * (TROP_CARD_MD_MAX_SECTIONS + 10);
    char *buf = malloc(cap + 1);
    for (unsigned i = 0; i < TROP_CARD_MD_MAX_SECTIONS + 10; i++)
        n += (size_t)snprintf(buf + n, cap + 1 - n, "# h\nx\n");
    rt r;
    json_t *m = md(&r, buf);
    CHECK_INT(nsec(m), TROP_CARD_MD_MAX_SECTIONS);
    const tro_finding *f = rt_finding(&r, "card-too-many-sections");
    CHECK(f && f->severity == TRO_SEVERITY_INFO);
    CHECK_CONTAINS(f ? f->message : NULL, "10 more");
    rt_free(&r);
    free(buf);

    cap = 22 * (TROP_CARD_MD_MAX_LINKS + 5);
    buf = malloc(cap + 1);
    n = 0;
    for (unsigned i = 0; i < TROP_CARD_MD_MAX_LINKS + 5; i++)
        n += (size_t)snprintf(buf + n, cap + 1 - n, "<https://a.b/%05u>\n", i);
    m = md(&r, buf);
    CHECK_INT(nlinks(m), TROP_CARD_MD_MAX_LINKS);
    f = rt_finding(&r, "card-too-many-links");
    CHECK(f && f->severity == TRO_SEVERITY_INFO);
    rt_free(&r);
    free(buf);
}

TRO_TEST(card_md_words)
{
    rt r;
    json_t *m = md(&r, "don't e.g. state-of-the-art 3.14 'quoted' -5 foo,bar (x) a/b **bold** "
                       "| --- | caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D #5 `a b` \\[c]\n"
                       "```\ncode words here\n```\n<!-- not these -->\n");
    /* don't, e.g., state-of-the-art, 3.14, 'quoted', -5, foo, bar, (x), a/b,
     * **bold**, café, “q”, #5, a, b (in code), c; code words here */
    CHECK_INT(i_(m, "words"), 20);
    CHECK_INT(i_(sec(m, 0), "words"), 20);
    rt_free(&r);
}

TRO_TEST(card_md_lines_after_front_matter)
{
    rt r;
    const char *t = "---\nlicense: mit\n---\n\n# Title\n\nSee <https://x.org>.\n";
    json_t *m = rt_read(&r, TRO_TYPE_MODEL_CARD, "README.md", t, strlen(t), NULL);
    CHECK_INT(i_(sec(m, 0), "line"), 5);
    CHECK_INT(i_(lnk(m, 0), "line"), 7);
    CHECK_INT(i_(m, "lines"), 7);
    CHECK_INT(i_(m, "bytes"), (long long)strlen(t));
    rt_free(&r);
}

/* Destinations are read 16 bytes at a time: their ends, escapes and
 * parentheses at every position of a block, and the length bound. */
TRO_TEST(card_md_destinations)
{
    char text[4200], want[2100];
    for (size_t len = 1; len <= 40; len++)
        for (int kind = 0; kind < 4; kind++) {
            /* kind 0: plain; 1: "(y)" at the end; 2: an escaped ')' at the end;
             * 3: a space ends it (then it is no link) */
            memset(want, 'x', len);
            want[len] = '\0';
            if (kind == 1)
                strcpy(want + len, "(y)");
            if (kind == 2)
                strcpy(want + len, "\\)z");
            snprintf(text, sizeof text, "[a](%s%s)\n", want, kind == 3 ? " y" : "");
            rt r;
            json_t *m = md(&r, text);
            if (kind == 3) {
                CHECK_INT(nlinks(m), 0);
            } else {
                CHECK_INT(nlinks(m), 1);
                CHECK_STR(s_(lnk(m, 0), "url"), want);
            }
            rt_free(&r);
        }
    for (size_t len = TROP_CARD_MD_MAX_URL - 1; len <= TROP_CARD_MD_MAX_URL + 1; len++) {
        memcpy(text, "[a](", 4);
        memset(text + 4, 'x', len);
        strcpy(text + 4 + len, ")\n");
        rt r;
        json_t *m = md(&r, text);
        /* up to the bound, a destination; past it, the ')' is not reached */
        CHECK_INT(nlinks(m), len <= TROP_CARD_MD_MAX_URL ? 1 : 0);
        if (len <= TROP_CARD_MD_MAX_URL)
            CHECK_INT(strlen(s_(lnk(m, 0), "url")), len);
        rt_free(&r);
    }
}

/* The plain text of a block (card/plain.c): markup, tags (each of the
 * table's, found by a binary search), entities, white space runs, and
 * brackets closed in a short text (scanned) and a long one (grouped). */
TRO_TEST(card_md_plain)
{
    static const char *const cases[][2] = {
        {"**Bold** and _em_ and model_name_or_path, ~~gone~~ `code`",
         "Bold and em and model_name_or_path, gone code"},
        {"a\\*b\\\nc", "a*b\\ c"},
        {"[link](https://x.org/a_(b)) and ![img](p.png) [ref][r] [plain]", "link and ref plain"},
        {"a<br>b<BR/>c</p>d<p>e</li>f</tr>g</div>h</h1>i</H6>j</summary>k<hr>l",
         "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl"},
        {"a</h2>b</h3>c</h4>d</h5>e", "a\nb\nc\nd\ne"},
        {"| a </td> b </TH>  c <td> d <span>e</span> <!-- hidden --> f", "| a | b | c d e f"},
        {"<https://example.org/x> and <www.example.org> <http no>", "and"},
        {"&amp; &lt;&gt; &quot;&apos;&#39;&nbsp;&rarr;&larr;&times;&mdash;&ndash;&hellip;"
         "&asymp;&le;&ge;&middot;&#x27; &bogus; &",
         "& <> \"'' -><-x--...~<=>=.' &bogus; &"},
        {"  lead\n\n  and   padded\t\tcells \r\n end  ", "lead and padded cells end"},
        {"<p\x01x>q</pp>r<br\ts>", "qr"},
        /* a row's cells as blocks.c joins them; markup in the last 16 bytes */
        {"cell one  </td>  cell two</td>x_y _z_", "cell one | cell two | x_y z"},
        {"a</td", "a</td"},
    };
    char out[512];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t n = trop_card_md_plain(cases[i][0], strlen(cases[i][0]), out);
        CHECK_STR(out, cases[i][1]);
        CHECK_INT(n, strlen(cases[i][1]));
    }
    /* a NUL in a tag's name is no padding: "<p\0>" ends no line */
    CHECK_INT(trop_card_md_plain("a<p\0>b", 6, out), 2);
    CHECK_STR(out, "ab");
    for (int words = 12; words <= 20; words += 8) {
        char in[1024], want[512];
        size_t n = 0, w = 0;
        for (int k = 0; k < words; k++) {
            n += (size_t)snprintf(in + n, sizeof in - n, "word [t%d](u(v)w) ", k);
            w += (size_t)snprintf(want + w, sizeof want - w, "word t%d ", k);
        }
        n += (size_t)snprintf(in + n, sizeof in - n, "![i](j(k)) x](y\\)z) ](](]( [a](b\n\nc) end");
        snprintf(want + w, sizeof want - w, "x ((( a(b c) end");
        CHECK(words == 12 ? n <= 256 : n > 256);
        trop_card_md_plain(in, n, out);
        CHECK_STR(out, want);
    }
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The words of a licence text as the reading of what it adds sees them:
 * sentences, words that limit, words about the document, names, addresses,
 * headings, SPDX tags, copyright lines, requests. Private to lib/license
 * (added.h). */
#include "internal.h"
#include "added.h"
#include "identify.h"
#include "license.h"
#include "tmatch.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool stop_at(const trop_ident *id, size_t i) /* a sentence ends at i */
{
    const char *t = id->text;
    if (t[i] == ';' || (t[i] == '\n' && i + 1 < id->len && t[i + 1] == '\n'))
        return true;
    return t[i] == '.' && (i + 1 == id->len || strchr(" \t\r\n", t[i + 1]));
}

/* The sentence around bytes [from, to): back to the previous full stop or
 * blank line (at most 100 bytes), on to the next one (at most 200). */
trop_found trop_ident_sentence(const trop_ident *id, size_t from, size_t to)
{
    size_t s = from, e = to;
    while (s > 0 && from - s < 100 && !stop_at(id, s - 1))
        s--;
    while (s < from && strchr(" \t\r\n", id->text[s]))
        s++;
    while (e < id->len && e - to < 200 && !stop_at(id, e))
        e++;
    if (e < id->len && id->text[e] == '.')
        e++;
    return (trop_found){NULL, "clause", s, e - s, 0};
}

void trop_ident_quote(trop_ident *id, trop_found f, int64_t at)
{
    if (id->nclauses < TROP_IDENT_MAX_HITS)
        id->clauses[id->nclauses++] = f;
    id->limiting_at = at;
}

/* Whether the n bytes at w are word s, in any case. */
bool trop_same_word(const char *w, size_t n, const char *s)
{
    return strlen(s) == n && !strncasecmp(w, s, n);
}

/* Whether the n bytes at w are one of the words of list, in any case. */
bool trop_word_in(const char *w, size_t n, const char *const *list)
{
    char c = (char)((unsigned char)w[0] < 0x80 ? w[0] | 0x20 : w[0]);
    for (const char *const *p = list; *p; p++)
        if (**p == c && trop_same_word(w, n, *p))
            return true;
    return false;
}

int trop_limiting_word(const char *w, size_t n)
{
    static const char *const strong[] = {
        "only", "solely", "exclusively", "cannot", "prohibited", "prohibits", "forbidden",
        "forbids", "restricted", "expire", "expires", "expired", "expiry", "expiration", "valid",
        "until", "revoke", "revoked", "revocable", "cancel", "withdraw", "withdrawn", "refrain",
        "royalty", "royalties", "pay", "payment", "paid", "remit", "owe", "approval", "approve",
        "approved", "register", "registration", "notify", "residents", "students", "employees",
        "employee", "withheld", "withhold", "disallowed", "disallow", "disallows", "lapse",
        "lapses", "cease", "ceases", "income", "revenue", "revenues", "earnings", "military",
        "hosting", "hosted", "resale", "noncommercial",
        /* the same in German, French, Spanish, Italian, Portuguese, Dutch */
        "nicht", "nur", "untersagt", "verboten", "kommerzielle", "kostenpflichtig", "zustimmung",
        "interdit", "interdite", "uniquement", "seulement", "commerciale", "prohibido", "prohibida",
        "comercial", "autorización", "vietato", "vietata", "proibido", "proibida", "niet", "alleen",
        "verboden", "toegestaan", "uitsluitend", "ausschließlich", "ausschliesslich", "erlischt",
        "exclusivement", "esclusivamente", "exclusivamente", "únicamente", "unicamente",
        "solamente", "soltanto", "somente", "apenas", "caduca", "vervalt", "verloopt", "restrito",
        "restrita", "restringido", "restringida", "ristretto", "ristretta", "restreint",
        "restreinte", "beschränkt", "beperkt", NULL};
    static const char *const weak[] = {
        "not", "no", "nor", "never", "except", "excluded", "exclude", "excludes", "excluding",
        "within", "unless", "must", "shall", "restrict", "restricts", "restriction", "restrictions",
        "limited", "limit", "limits", "terminate", "terminates", "terminated", "reserve",
        "reserves", "reserved", "fee", "fees", "cost", "costs", "charge", "period", "separate",
        "separately", "consent", "subject", "conditional", "obtain", "ask", "granted", "permitted",
        "allowed", "personal", "private", "profit", "individual", "individuals", "persons",
        "companies", "organisations", "organizations", "commercial", "commercially", "sell", "sold",
        "sale", "government", "educational", "evaluation", "training", "require", "requires",
        "required",
        /* scope: how many, where, with what, for how long, on what terms */
        "extend", "extends", "covers", "lasts", "scope", "outside", "maximum", "most", "install",
        "installed", "installation", "computer", "computers", "device", "devices", "users", "seats",
        "instance", "customer", "customers", "premises", "located", "hardware", "members", "hobby",
        "donate", "agree", "agrees", "change", "business", "businesses", "internal", "proprietary",
        "closed", "train", "neural", "guidelines", "condition", "ends", "staff", "subsidiaries",
        "affiliates", "need", "needs", "needed", "governed", "authorised", "authorized", "licensee",
        NULL};
    static const char *const purpose[] = {
        "research",    "academic",    "scientific", "teaching",    "education",    "study",
        "studies",     "nonprofit",   "charitable", "hobbyist",    "student",      "pupil",
        "researcher",  "researchers", "citizens",   "subscribers", "subscription", "partners",
        "licensees",   "years",       "months",     "weeks",       "days",         "lawful",
        "enterprises", NULL};
    static const char *const place[] = {
        "country",  "countries", "territory", "territories", "region",  "jurisdiction",
        "europe",   "european",  "eu",        "eea",         "usa",     "america",
        "american", "canada",    "china",     "chinese",     "germany", "german",
        "france",   "french",    "japan",     "india",       "russia",  "africa",
        "asia",     "australia", "brazil",    "mexico",      NULL};
    return trop_word_in(w, n, strong)    ? LIMIT_STRONG
           : trop_word_in(w, n, weak)    ? LIMIT_WEAK
           : trop_word_in(w, n, purpose) ? LIMIT_PURPOSE
           : trop_word_in(w, n, place)   ? LIMIT_PLACE
                                         : LIMIT_NONE;
}

/* A word trulyopen cannot read: with a letter of a script other than Latin
 * ("禁止商业使用", "запрещено"; not "untersagt" nor "Österreich"), UTF-8 lead
 * bytes from U+0340 on, or mixing ASCII letters with Latin ones past
 * Latin-1. */
bool trop_foreign_word(const char *w, size_t n)
{
    bool ascii = false, extended = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 0xcd && c <= 0xf4)
            return true;
        ascii |= ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
        extended |= c >= 0xc4 && c <= 0xcc;
    }
    /* Latin letters beyond Latin-1 among ASCII ones: "lıcence" with a dotless
     * i, or a language trulyopen has no words of ("wyłącznie") */
    return ascii && extended;
}

/* Whether n bytes at s hold a word that limits in a script whose words are
 * not set apart by spaces, or in another script than Latin: "only",
 * "prohibited", "must not", "commercial use", "non-commercial", "exclusive
 * use" in Chinese, Japanese, Korean, Russian, Arabic, Hebrew, Greek, Thai and
 * Hindi. A copyright line's holders may be written in those scripts, so
 * its words cannot be told from names but by these. */
bool trop_foreign_limiting(const char *s, size_t n)
{
    static const char *const words[] = {
        "\xe7\xa6\x81\xe6\xad\xa2",                         /* 禁止 prohibited */
        "\xe4\xbb\x85",                                     /* 仅 only */
        "\xe5\x83\x85",                                     /* 僅 only */
        "\xe4\xb8\x8d\xe5\xbe\x97",                         /* 不得 must not */
        "\xe4\xb8\x8d\xe5\x8f\xaf",                         /* 不可 not allowed */
        "\xe5\x95\x86\xe7\x94\xa8",                         /* 商用 commercial use */
        "\xe9\x9d\x9e\xe5\x95\x86",                         /* 非商 non-commercial */
        "\xe9\x9d\x9e\xe5\x96\xb6\xe5\x88\xa9",             /* 非営利 non-profit */
        "\xe3\x81\xae\xe3\x81\xbf",                         /* のみ only */
        "\xe9\x99\x90\xe5\xae\x9a",                         /* 限定 limited to */
        "\xea\xb8\x88\xec\xa7\x80",                         /* 금지 prohibited */
        "\xeb\xb9\x84\xec\x83\x81\xec\x97\x85",             /* 비상업 non-commercial */
        "\xec\x83\x81\xec\x97\x85\xec\xa0\x81",             /* 상업적 commercial */
        "\xec\xa0\x84\xec\x9a\xa9",                         /* 전용 exclusive use */
        "\xeb\xb6\x88\xea\xb0\x80",                         /* 불가 not allowed */
        "\xd1\x82\xd0\xbe\xd0\xbb\xd1\x8c\xd0\xba\xd0\xbe", /* только only */
        "\xd0\xb7\xd0\xb0\xd0\xbf\xd1\x80\xd0\xb5\xd1\x89", /* запрещ prohibited */
        "\xd0\xbd\xd0\xb5\xd0\xba\xd0\xbe\xd0\xbc\xd0\xbc\xd0\xb5\xd1\x80\xd1\x87", /* некоммерч */
        "\xd9\x81\xd9\x82\xd8\xb7",         /* فقط only */
        "\xd9\x8a\xd8\xad\xd8\xb8\xd8\xb1", /* يحظر prohibited */
        "\xd7\x91\xd7\x9c\xd7\x91\xd7\x93", /* בלבד only */
        "\xd7\x90\xd7\xa1\xd7\x95\xd7\xa8", /* אסור forbidden */
        "\xce\xbc\xcf\x8c\xce\xbd\xce\xbf", /* μόνο only */
        "\xe0\xb9\x80\xe0\xb8\x97\xe0\xb9\x88\xe0\xb8\xb2\xe0\xb8\x99\xe0\xb8\xb1\xe0\xb9\x89\xe0"
        "\xb8\x99",                                         /* เท่านั้น only */
        "\xe0\xb8\xab\xe0\xb9\x89\xe0\xb8\xb2\xe0\xb8\xa1", /* ห้าม prohibited */
        "\xe0\xa4\x95\xe0\xa5\x87\xe0\xa4\xb5\xe0\xa4\xb2", /* केवल only */
        NULL};
    for (const char *const *w = words; *w; w++)
        if (memmem(s, n, *w, strlen(*w)))
            return true;
    return false;
}

bool trop_ident_word_is(const trop_ident *id, size_t i, const char *w)
{
    return trop_same_word(id->text + id->tk.v[i].off, id->tk.v[i].len, w);
}

/* Words that say nothing by themselves, and words about the document, its
 * authors and where to find it. */
bool trop_document_word(const char *w, size_t n)
{
    static const char *const words[] = {
        /* words that say nothing by themselves */
        "the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "by", "with", "at", "from",
        "as", "is", "are", "be", "been", "was", "were", "this", "that", "these", "those", "it",
        "its", "all", "which", "who", "our", "we", "you", "your", "their", "they", "he", "she",
        "his", "her", "i", "my", "me", "us", "has", "have", "had", "will", "can", "if", "so",
        "there", "here", "also", "etc", "inc", "ltd", "llc", "co", "corp", "gmbh", "sa", "ag", "bv",
        "plc", "pty",
        /* the document, its authors and where to find it */
        "corporation", "company", "foundation", "university", "institute", "laboratory",
        "laboratories", "lab", "labs", "team", "group", "project", "projects", "license", "licence",
        "licensed", "licenses", "licences", "licensing", "version", "versions", "software", "file",
        "files", "copyright", "copyrights", "copyrighted", "portions", "notice", "notices",
        "program", "programs", "source", "code", "document", "documentation", "text", "terms",
        "see", "read", "full", "below", "above", "following", "under", "released", "distributed",
        "available", "found", "please", "questions", "question", "contact", "information",
        "details", "more", "website", "web", "site", "homepage", "page", "home", "email", "mail",
        "write", "send", "thanks", "thank", "help", "original", "originally", "part", "based",
        "derived", "included", "includes", "contains", "product", "library", "package", "online",
        "copy", "latest", "other", "third", "party", "parties", "component", "components", "each",
        "respective", "owner", "owners", "author", "authors", "contributor", "contributors",
        "developed", "written", "maintained", "created", "modified", "rights", "reserved", "http",
        "https", "www", "com", "org", "net", "edu", "html", "htm", "txt", "md", "readme", "spdx",
        "identifier", "applies", "apply", "either", "option", "later", "updated", "last", "date",
        "dated", "revision", "revised", "holder", "holders", "should", "would", "could", "year",
        "authorship", "sponsored", "supported", "funded", "funding", "number", "bug", "bugs",
        "report", "reports", "fixes", "patches", "suggestions", "improvements", "enhancements",
        "requests", "comments", "feedback", "issues", "dual", "both", "any", "toolkit", "freely",
        "distributable", "redistributable", "acknowledgement", "acknowledgment", "itself", "wouldn",
        "couldn", "isn", "don", "doesn", "ll", "ve", "re", NULL};
    return trop_word_in(w, n, words);
}

/* Whether the word at [w, w + n) of text is part of a URL, an e-mail
 * address or a file name: its run of non-blank bytes holds "://", '@', '/',
 * '_' or a full stop between letters. */
bool trop_in_address(const char *text, size_t len, size_t off, size_t n)
{
    size_t s = off, e = off + n;
    while (s > 0 && off - s < 200 && !strchr(" \t\r\n<>()\"", text[s - 1]))
        s--;
    while (e < len && e - off < 200 && !strchr(" \t\r\n<>()\"", text[e]))
        e++;
    for (size_t i = s; i < e; i++)
        if (text[i] == '@' || text[i] == '/' || text[i] == '_' ||
            (i + 3 <= e && !memcmp(text + i, "://", 3)) ||
            ((text[i] == '.' || text[i] == '!') && i > s && i + 1 < e &&
             trop_ascii_letter(text[i - 1]) && trop_ascii_letter(text[i + 1])))
            return true; /* "ftp.info-zip.org/pub", "clk_rcc8000.c", "uunet!vixie" */
    return false;
}

bool trop_all_caps(const char *w, size_t n)
{
    bool letter = false;
    for (size_t i = 0; i < n; i++) {
        if (trop_lower(w[i]))
            return false;
        letter |= trop_upper(w[i]);
    }
    return letter;
}

/* Whether a word is written as a name: capitalised ("Oracle"), or with a
 * capital inside ("jGuru", "theUniversity"). */
bool trop_capitalised(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (trop_upper(w[i]))
            return true;
    return false;
}

static bool digit_at(const char *text, size_t i)
{
    return text[i] >= '0' && text[i] <= '9';
}

#define LINE_SCAN_MAX 1024 /* bytes a title, tag, address or copyright line may have */

/* The line around byte off: [*s, *e); false when it is longer than
 * LINE_SCAN_MAX, which no line these checks look for is (and reading it for
 * every word of a long line would take time growing with its square). */
static bool line_around(const char *text, size_t len, size_t off, size_t *s, size_t *e)
{
    size_t a = off, b = off;
    while (a > 0 && text[a - 1] != '\n')
        if (off - --a >= LINE_SCAN_MAX)
            return false;
    while (b < len && text[b] != '\n')
        if (++b - off >= LINE_SCAN_MAX)
            return false;
    *s = a;
    *e = b;
    return true;
}

/* Whether the line at off is an SPDX tag ("SPDX-License-Identifier: MIT"). */
bool trop_spdx_line(const char *text, size_t len, size_t off)
{
    size_t s, e;
    if (!line_around(text, len, off, &s, &e))
        return false;
    while (s < off && (text[s] == ' ' || text[s] == '\t' || text[s] == '#' || text[s] == '*' ||
                       text[s] == '/'))
        s++;
    return len - s >= 5 && !strncasecmp(text + s, "spdx-", 5);
}

/* Whether the full stop at byte i ends no sentence: an abbreviation
 * (trop_abbreviation: "ISC License + Hooli Inc. Fair Use Terms") or a
 * version's "v." before its number ("v. 3.0"). */
static bool abbreviation_before(const char *text, size_t e, size_t s, size_t i)
{
    size_t b = i;
    while (b > s && trop_ascii_letter(text[b - 1]))
        b--;
    return trop_abbreviation(text, i) ||
           (i - b == 1 && (text[b] | 0x20) == 'v' && i + 2 < e && digit_at(text, i + 2));
}

#define HEADING_WORDS_MAX 16

/* A line that is a title or a heading: at most HEADING_WORDS_MAX words, each
 * a number or capitalised but for a few small ones ("Article 5 - Scope of the
 * Rights Granted", "The FreeType Project LICENSE"); with any_case, words in
 * any case, the line not ending a sentence ("MIT License (home edition)"). */
bool trop_heading_line(const char *text, size_t len, size_t off, bool any_case)
{
    size_t s, e;
    if (!line_around(text, len, off, &s, &e))
        return false;
    static const char *const small[] = {"of", "the", "and", "for", "to", "in", "on",
                                        "a",  "an",  "v",   "or",  "by", NULL};
    size_t words = 0;
    for (size_t i = s; i < e;) {
        if (!trop_ascii_letter(text[i]) && !digit_at(text, i)) {
            if (text[i] == '.' && i + 1 < e && text[i + 1] == ' ' && i > s &&
                !digit_at(text, i - 1) && !abbreviation_before(text, e, s, i))
                return false; /* a full stop inside: sentences, not a heading */
            i++;
            continue;
        }
        size_t j = i;
        bool digit = false;
        while (j < e && (trop_ascii_letter(text[j]) || digit_at(text, j) || text[j] == '\''))
            digit |= digit_at(text, j++);
        if (++words > HEADING_WORDS_MAX ||
            (!any_case && trop_lower(text[i]) && !digit && !trop_word_in(text + i, j - i, small)))
            return false;
        i = j;
    }
    while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r'))
        e--;
    return words > 0 && !(any_case && e > s && text[e - 1] == '.');
}

/* Whether byte off is on a line that states a copyright. */
bool trop_on_copyright_line(const trop_ident *id, size_t off)
{
    size_t s, e;
    return line_around(id->text, id->len, off, &s, &e) && trop_copyright_line(id->text + s, e - s);
}

/* Whether the line at off is a postal address: a number of four digits or
 * more that is no year (a postcode, a box) or a street word. */
bool trop_address_line(const char *text, size_t len, size_t off)
{
    static const char *const street[] = {
        "street",  "st",    "avenue", "ave",       "road", "rd",  "floor",  "suite", "box", "rue",
        "strasse", "drive", "blvd",   "boulevard", "lane", "way", "square", "place", NULL};
    size_t s, e;
    if (!line_around(text, len, off, &s, &e))
        return false;
    for (size_t i = s; i < e;) {
        size_t j = i;
        while (j < e && digit_at(text, j))
            j++;
        bool year = j - i == 4 && (text[i] == '1' || text[i] == '2') &&
                    (text[i + 1] == '9' || text[i + 1] == '0');
        if (j - i >= 4 && !year)
            return true;
        if (j > i) {
            i = j;
            continue;
        }
        while (j < e && trop_ascii_letter(text[j]))
            j++;
        if (j > i && trop_word_in(text + i, j - i, street))
            return true;
        i = j > i ? j : i + 1;
    }
    return false;
}

/* Whether words [k0, k1) are a request or thanks, which binds nobody
 * ("Please distribute a copy of this license with the software", "would like
 * to thank", "If you use it in research, please cite", "Send bug reports",
 * "More information ... at"). */
bool trop_request(const trop_ident *id, size_t k0, size_t k1)
{
    static const char *const asks[] = {"please", "kindly",   "appreciated", "appreciate", "thank",
                                       "thanks", "grateful", "welcome",     "encouraged", NULL};
    for (size_t k = k0; k < k1; k++) {
        const char *w = id->text + id->tk.v[k].off;
        size_t n = id->tk.v[k].len;
        if (trop_word_in(w, n, asks) || trop_same_word(w, n, "bug") ||
            (trop_same_word(w, n, "information") && k > k0 &&
             (trop_ident_word_is(id, k - 1, "more") || trop_ident_word_is(id, k - 1, "further"))))
            return true;
    }
    return false;
}

/* The line around byte off: [*s, *e), blanks at its start left out. */
void trop_line_at(const trop_ident *id, size_t off, size_t *s, size_t *e)
{
    if (!line_around(id->text, id->len, off, s, e)) {
        *s = *e = off; /* a line too long to be a title */
        return;
    }
    while (*s < *e && (id->text[*s] == ' ' || id->text[*s] == '\t'))
        (*s)++;
}

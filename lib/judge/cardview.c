/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The card view: what each section of a card is about (from its heading,
 * else its parents'), a folded copy of every block's text for the word
 * rules, and which model the card describes (its names, its organisation,
 * its own Hub id), so that rules can tell this model from others.
 */
#include "prose.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- what a heading is about ---------------------------------------------------------- */

typedef struct heading_rule {
    const char *pattern;
    unsigned kind;
} heading_rule;

/* Sorted by the first byte of their patterns, each a word byte (a
 * heading's words are each tried with the rules of their first byte; a
 * unit test holds both). Within a byte's run the order does not matter:
 * every rule that matches adds its kind. */
static const heading_rule heading_rules[] = {
    {"acknowledg*", TROP_SEC_CONTACT},
    {"authors", TROP_SEC_CONTACT},
    {"bias*", TROP_SEC_ADVICE},
    {"benchmark*", TROP_SEC_EVAL},
    {"bibtex", TROP_SEC_CITATION},
    {"continue training", TROP_SEC_FINETUNE},
    {"compatib*", TROP_SEC_USAGE},
    {"chat template", TROP_SEC_USAGE},
    {"consideration*", TROP_SEC_ADVICE},
    {"caveat*", TROP_SEC_ADVICE},
    {"corpus", TROP_SEC_DATA},
    {"corpora", TROP_SEC_DATA},
    {"cite as", TROP_SEC_CITATION},
    {"citation*", TROP_SEC_CITATION},
    {"citing", TROP_SEC_CITATION},
    {"creation", TROP_SEC_CREATION},
    {"curation", TROP_SEC_CREATION},
    {"collection", TROP_SEC_CREATION},
    {"comparison*", TROP_SEC_OTHERS},
    {"contribut*", TROP_SEC_CONTACT},
    {"contact", TROP_SEC_CONTACT},
    {"download*", TROP_SEC_USAGE},
    {"deploy*", TROP_SEC_USAGE},
    {"demo", TROP_SEC_USAGE},
    {"direct use", TROP_SEC_ADVICE},
    {"downstream use", TROP_SEC_ADVICE},
    {"disclaimer*", TROP_SEC_ADVICE},
    {"data mix*", TROP_SEC_DATA},
    {"data", TROP_SEC_DATA},
    {"dataset*", TROP_SEC_DATA},
    {"deduplication", TROP_SEC_CREATION},
    {"example*", TROP_SEC_USAGE},
    {"ethic*", TROP_SEC_ADVICE},
    {"evaluat*", TROP_SEC_EVAL},
    {"fine tun*", TROP_SEC_TRAINING},
    {"finetun*", TROP_SEC_TRAINING},
    {"filtering", TROP_SEC_CREATION},
    {"get started", TROP_SEC_USAGE},
    {"getting started", TROP_SEC_USAGE},
    {"generation", TROP_SEC_USAGE},
    {"how to fine tun*", TROP_SEC_FINETUNE},
    {"how to finetun*", TROP_SEC_FINETUNE},
    {"how to use", TROP_SEC_USAGE},
    {"how to get started", TROP_SEC_USAGE},
    {"harm*", TROP_SEC_ADVICE},
    {"hyperparam*", TROP_SEC_TRAINING},
    {"hyper param*", TROP_SEC_TRAINING},
    {"how to cite", TROP_SEC_CITATION},
    {"inference", TROP_SEC_USAGE},
    {"install*", TROP_SEC_USAGE},
    {"intended use*", TROP_SEC_ADVICE},
    {"licen*", TROP_SEC_LICENSE},
    {"limitation*", TROP_SEC_ADVICE},
    {"leaderboard", TROP_SEC_EVAL},
    {"misuse", TROP_SEC_ADVICE},
    {"malicious", TROP_SEC_ADVICE},
    {"metric*", TROP_SEC_EVAL},
    {"methodology", TROP_SEC_CREATION},
    {"model family", TROP_SEC_OTHERS},
    {"model index", TROP_SEC_OTHERS},
    {"out of scope", TROP_SEC_ADVICE},
    {"other models", TROP_SEC_OTHERS},
    {"provided files", TROP_SEC_USAGE},
    {"precisions", TROP_SEC_USAGE},
    {"prompt*", TROP_SEC_USAGE},
    {"performance", TROP_SEC_EVAL},
    {"pretraining data*", TROP_SEC_DATA | TROP_SEC_TRAINING},
    {"pretrain*", TROP_SEC_TRAINING},
    {"pre train*", TROP_SEC_TRAINING},
    {"procedure", TROP_SEC_TRAINING},
    {"processing", TROP_SEC_CREATION},
    {"preprocessing", TROP_SEC_CREATION},
    {"pre processing", TROP_SEC_CREATION},
    {"pipeline", TROP_SEC_CREATION},
    {"quick start", TROP_SEC_USAGE},
    {"quickstart", TROP_SEC_USAGE},
    {"quantiz*", TROP_SEC_USAGE},
    {"quantis*", TROP_SEC_USAGE},
    {"running", TROP_SEC_USAGE},
    {"run", TROP_SEC_USAGE},
    {"risk*", TROP_SEC_ADVICE},
    {"recommendation*", TROP_SEC_ADVICE},
    {"responsib*", TROP_SEC_ADVICE},
    {"result*", TROP_SEC_EVAL},
    {"reference*", TROP_SEC_CITATION},
    {"related models", TROP_SEC_OTHERS},
    {"serving", TROP_SEC_USAGE},
    {"safety", TROP_SEC_ADVICE},
    {"terms of use", TROP_SEC_LICENSE},
    {"terms and conditions", TROP_SEC_LICENSE},
    {"to continue training", TROP_SEC_FINETUNE},
    {"training data*", TROP_SEC_DATA | TROP_SEC_TRAINING},
    {"train*", TROP_SEC_TRAINING},
    {"use with", TROP_SEC_USAGE},
    {"using", TROP_SEC_USAGE},
    {"usage", TROP_SEC_USAGE},
    {"uses", TROP_SEC_ADVICE},
};

#define NRULES (sizeof heading_rules / sizeof *heading_rules)

/* The first of the rules whose pattern begins with byte c or a later one
 * (heading_rules is sorted by its patterns' first bytes): a heading's
 * words are each tried with the few rules they may start, not every rule
 * searched for in the heading (the 55 corpus cards' headings: 16.5 M
 * instructions searching every rule, 7.0 M so). */
static size_t rules_from(unsigned char c)
{
    size_t lo = 0, hi = NRULES;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((unsigned char)heading_rules[mid].pattern[0] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const char *trop_heading_pattern(size_t i)
{
    return i < NRULES ? heading_rules[i].pattern : NULL;
}

unsigned trop_heading_kind(const char *title, size_t n, bool dataset)
{
    char low[256];
    if (n >= sizeof low)
        n = sizeof low - 1;
    trop_lower(title, n, low);
    low[n] = '\0';
    unsigned kind = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)low[i];
        if (!trop_word_byte(c) || (i && trop_word_byte((unsigned char)low[i - 1])))
            continue;
        /* a word starts: the rules that begin with its byte, tried there */
        for (size_t j = rules_from(c); j < NRULES && heading_rules[j].pattern[0] == (char)c; j++) {
            const heading_rule *r = &heading_rules[j];
            /* its second byte, when a plain one, told first: it must be
             * the text's (low ends in a NUL); most rules fail there
             * (trop_heading_kind on the 55 corpus cards: 60 k tries of
             * trop_word_at and 6.5 M instructions, 18 k and 4.6 M so) */
            char p1 = r->pattern[1];
            size_t len;
            if ((kind | r->kind) != kind && (!p1 || p1 == '*' || p1 == ' ' || low[i + 1] == p1) &&
                trop_word_at(low, n, i, r->pattern, &len))
                kind |= r->kind;
        }
    }
    /* "Training data" alone is about the data, not about how it was trained */
    if ((kind & TROP_SEC_DATA) && !trop_word_has(low, n, "procedure") &&
        !trop_word_has(low, n, "hyperparam*") && !trop_word_has(low, n, "details"))
        kind &= ~(unsigned)TROP_SEC_TRAINING;
    /* "Base pretrained models", "Instruction tuned models": results of
     * models, not how they were trained */
    if ((kind & TROP_SEC_TRAINING) && (trop_word_has(low, n, "models") || trop_word_has(low, n, "model")) &&
        !trop_word_has(low, n, "training") && !trop_word_has(low, n, "procedure") &&
        !trop_word_has(low, n, "hyperparam*") && !trop_word_has(low, n, "details"))
        kind &= ~(unsigned)TROP_SEC_TRAINING;
    if (dataset && (kind & TROP_SEC_CREATION))
        kind |= TROP_SEC_TRAINING;
    return kind;
}

/* ---- identity ------------------------------------------------------------------------- */

/* The length of a symbol at s[i] that is no part of a name (an emoji,
 * punctuation of the General Punctuation to Misc Symbols blocks, a variation
 * selector, a zero-width joiner), or 0. */
static size_t symbol_len(const char *s, size_t n, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    unsigned char c1 = i + 1 < n ? (unsigned char)s[i + 1] : 0;
    if (c == 0xF0 && c1 == 0x9F && i + 3 < n)
        return 4; /* U+1F000..U+1FFFF */
    if (c == 0xE2 && i + 2 < n)
        return 3; /* U+2000..U+2FFF */
    if (c == 0xEF && c1 == 0xB8 && i + 2 < n)
        return 3; /* variation selectors */
    return 0;
}

size_t trop_fold(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        bool digit = c >= '0' && c <= '9';
        size_t sym = c >= 0x80 ? symbol_len(s, n, i) : 0;
        if (sym) {
            if (o && out[o - 1] != ' ')
                out[o++] = ' ';
            i += sym - 1;
            continue;
        }
        if (trop_word_byte(c)) {
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
        } else if (c == '.' && i > 0 && i + 1 < n && o && out[o - 1] >= '0' && out[o - 1] <= '9' &&
                   s[i + 1] >= '0' && s[i + 1] <= '9') {
            out[o++] = '.'; /* a version or size keeps its point: qwen2.5 is not qwen2 */
        } else if (o && out[o - 1] != ' ') {
            out[o++] = ' ';
        }
        (void)digit;
    }
    while (o && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
    return o;
}

/* A size or variant token that may follow a name: "7b", "1.3b", "8x7b", "hf",
 * "chat", "instruct", "base" (a name said without it is the same model). */
static bool size_token(const char *t, size_t n)
{
    static const char *const words[] = {"hf", "base", "chat", "instruct", "it", "gguf", NULL};
    for (const char *const *w = words; *w; w++)
        if (strlen(*w) == n && !memcmp(*w, t, n))
            return true;
    size_t k = 0;
    while (k < n && ((t[k] >= '0' && t[k] <= '9') || t[k] == '.' || t[k] == 'x'))
        k++;
    if (k > 0 && k + 1 == n && (t[k] == 'b' || t[k] == 'm' || t[k] == 'k'))
        return true; /* a size: 7b, 1.3b, 8x7b, 360m */
    /* a version or date: v1.1, v0.1, 0924, 2409 */
    size_t d = t[0] == 'v' ? 1 : 0, digits = 0;
    for (size_t i = d; i < n; i++) {
        if (!((t[i] >= '0' && t[i] <= '9') || t[i] == '.'))
            return false;
        digits += t[i] != '.';
    }
    /* "1.0": the first release, said with or without its number */
    bool point_zero = n >= 3 && t[n - 2] == '.' && t[n - 1] == '0';
    return d ? digits > 0 : digits >= 3 || point_zero;
}

bool trop_identity_is_self(const trop_identity *id, const char *s, size_t n)
{
    char f[256];
    size_t fl = trop_fold(s, n, f, sizeof f);
    if (!fl)
        return false;
    for (size_t i = 0; i < id->nnames; i++) {
        const char *name = id->names[i];
        size_t nl = strlen(name);
        /* the same name, or one is the other with sizes or variants after */
        const char *longer = nl >= fl ? name : f, *shorter = nl >= fl ? f : name;
        size_t sl = nl >= fl ? fl : nl, ll = nl >= fl ? nl : fl;
        if (memcmp(longer, shorter, sl) || (sl < ll && longer[sl] != ' '))
            continue;
        bool rest_ok = true;
        for (size_t k = sl; k < ll && rest_ok;) {
            while (k < ll && longer[k] == ' ')
                k++;
            size_t e = k;
            while (e < ll && longer[e] != ' ')
                e++;
            rest_ok = e == k || size_token(longer + k, e - k);
            k = e;
        }
        if (rest_ok)
            return true;
    }
    return false;
}

bool trop_names_other_model(const trop_identity *id, const char *text, size_t n)
{
    /* a capitalised name with a digit in it: a model's name */
    for (size_t i = 0; i < n;) {
        while (i < n && !trop_word_byte((unsigned char)text[i]))
            i++;
        size_t e = i;
        bool digit = false, upper = i < n && text[i] >= 'A' && text[i] <= 'Z';
        while (e < n && (trop_word_byte((unsigned char)text[e]) || text[e] == '-' || text[e] == '.')) {
            digit |= text[e] >= '0' && text[e] <= '9';
            e++;
        }
        while (e > i && text[e - 1] == '.')
            e--;
        /* the publisher's own name is not a model's ("LLM360") */
        bool org = e - i == strlen(id->org) && !strncasecmp(text + i, id->org, e - i);
        if (upper && digit && e - i > 2 && !org && !trop_identity_is_self(id, text + i, e - i))
            return true;
        i = e + 1;
    }
    return false;
}

/* Is the folded name found in the folded text f[0..fl) as whole words, not
 * followed by more of a version ("qwen2" is not in "qwen2.5")? */
static bool folded_in(const char *f, size_t fl, const char *name, size_t nl)
{
    if (!nl || nl > fl)
        return false;
    for (size_t i = 0; i + nl <= fl; i++) {
        if (memcmp(f + i, name, nl) || (i && f[i - 1] != ' '))
            continue;
        size_t e = i + nl;
        if (e == fl || f[e] == ' ')
            return true;
    }
    return false;
}

/* The name without its sizes and variants ("olmo 7b instruct" -> "olmo"):
 * its length, at least 3 bytes, else the whole name's. */
static size_t stem_len(const char *name)
{
    size_t n = strlen(name);
    for (;;) {
        size_t sp = n;
        while (sp > 0 && name[sp - 1] != ' ')
            sp--;
        if (!sp || !size_token(name + sp, n - sp))
            return n;
        if (sp - 1 < 3)
            return n;
        n = sp - 1;
    }
}

/* The name's first nl bytes found in f from a word start, its spaces and
 * the text's both optional ("sd xl" in "sdxl report", "sdxl" in "sd xl"),
 * ending at a word's end. */
static bool loose_in(const char *f, size_t fl, const char *name, size_t nl)
{
    for (size_t i = 0; i < fl; i++) {
        if (i && f[i - 1] != ' ')
            continue;
        size_t a = i, b = 0;
        while (b < nl && a < fl) {
            if (name[b] == ' ') {
                b++;
                continue;
            }
            if (f[a] == ' ') {
                a++;
                continue;
            }
            if (f[a] != name[b])
                break;
            a++;
            b++;
        }
        if (b == nl && (a == fl || f[a] == ' '))
            return true;
    }
    return false;
}

bool trop_identity_in(const trop_identity *id, const char *s, size_t n)
{
    char f[1024];
    size_t fl = trop_fold(s, n < sizeof f - 1 ? n : sizeof f - 1, f, sizeof f);
    for (size_t i = 0; i < id->nnames; i++) {
        const char *name = id->names[i];
        size_t nl = strlen(name), sl = stem_len(name);
        if (folded_in(f, fl, name, nl) || folded_in(f, fl, name, sl) || loose_in(f, fl, name, sl))
            return true;
    }
    return false;
}

static void add_name(trop_identity *id, const char *s, size_t n)
{
    if (id->nnames == TROP_CV_MAX_NAMES || !n)
        return;
    char *out = id->names[id->nnames];
    size_t fl = trop_fold(s, n, out, sizeof id->names[0]);
    if (fl < 2)
        return;
    for (size_t i = 0; i < id->nnames; i++)
        if (!strcmp(id->names[i], out))
            return;
    id->nnames++;
}

/* A heading's text without Markdown: "[X](url)" -> "X", no '*', '`'. */
static size_t plain_title(const char *t, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        if (t[i] == ']' && i + 1 < n && t[i + 1] == '(') {
            const char *close = memchr(t + i, ')', n - i);
            if (close) {
                i = (size_t)(close - t);
                continue;
            }
        }
        if (t[i] == '[' || t[i] == ']' || t[i] == '*' || t[i] == '`')
            continue;
        out[o++] = t[i];
    }
    out[o] = '\0';
    return o;
}

/* A card's title without its decorations: "Model Card for X", "X - GGUF". */
static void add_title(trop_identity *id, const char *raw, size_t rn)
{
    char plain[256];
    size_t n = plain_title(raw, rn, plain, sizeof plain);
    const char *t = plain;
    static const char *const prefixes[] = {"model card for ", "dataset card for ",
                                           "model card of ", "model card: ", "model card ", NULL};
    static const char *const suffixes[] = {" model card", " dataset card", " card", NULL};
    char low[256];
    size_t ln = n < sizeof low ? n : sizeof low - 1;
    trop_lower(t, ln, low);
    for (const char *const *p = prefixes; *p; p++) {
        size_t pl = strlen(*p);
        if (ln > pl && !memcmp(low, *p, pl)) {
            t += pl;
            n -= pl;
            break;
        }
    }
    for (const char *const *p = suffixes; *p; p++) {
        size_t pl = strlen(*p);
        if (n > pl && n <= ln && !memcmp(low + (ln - n) + n - pl, *p, pl)) {
            n -= pl;
            break;
        }
    }
    /* a title of many words is a sentence or a section, not a name */
    size_t words = 0;
    for (size_t i = 0; i < n; i++)
        words += (i == 0 || t[i - 1] == ' ') && t[i] != ' ';
    if (words && words <= 5)
        add_name(id, t, n);
}

/* A quoted Hub id at p (after the quote q) on a line that loads a model
 * ("from_pretrained(", "model_id = ", "model=", "download"): its length. */
static size_t loaded_id(const char *line, const char *p, char q, char out[TROP_HUB_ID_MAX])
{
    const char *e = strchr(p, q);
    const char *nl = strchr(p, '\n');
    if (!e || (nl && nl < e) || e - p >= TROP_HUB_ID_MAX || !memchr(p, '/', (size_t)(e - p)))
        return 0;
    memcpy(out, p, (size_t)(e - p));
    out[e - p] = '\0';
    if (!trop_hub_id_valid(out))
        return 0;
    static const char *const loads[] = {"from_pretrained", "model_id", "model_name", "model=",
                                        "model =", "download", "repo_id", NULL};
    for (const char *const *l = loads; *l; l++)
        for (const char *f = line; (f = strstr(f, *l)) != NULL && f < p; f++) {
            /* a name of its own, not base_model= */
            char c = f > line ? f[-1] : ' ';
            if (!(c == '_' || c == '-' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (c >= '0' && c <= '9')))
                return (size_t)(e - p);
        }
    return 0;
}

/* The Hub ids a card's code loads: the most loaded one is the card's own. */
static void self_from_code(trop_identity *id, const trop_card_body *b)
{
    char best[TROP_HUB_ID_MAX] = "";
    unsigned best_n = 0;
    for (size_t i = 0; i < b->nblocks; i++) {
        const trop_card_block *k = &b->blocks[i];
        if (k->kind != TROP_BLOCK_CODE)
            continue;
        const char *line = k->text;
        /* from one line break or quote to the next (strcspn: code is long) */
        for (const char *p = k->text; *(p += strcspn(p, "\n\"'")); p++) {
            if (*p == '\n') {
                line = p + 1;
                continue;
            }
            char cand[TROP_HUB_ID_MAX];
            size_t len = loaded_id(line, p + 1, *p, cand);
            if (!len)
                continue;
            unsigned count = 0;
            for (const char *r = k->text; (r = strstr(r, cand)) != NULL; r++)
                count++;
            if (count > best_n) {
                best_n = count;
                memcpy(best, cand, sizeof best);
            }
            p += len + 1;
        }
    }
    if (best_n) {
        memcpy(id->self, best, sizeof best);
        const char *slash = strchr(best, '/');
        add_name(id, slash + 1, strlen(slash + 1));
    }
}

static void set_org(trop_identity *id, const char *hub_id)
{
    const char *slash = strchr(hub_id, '/');
    if (!slash || (size_t)(slash - hub_id) >= sizeof id->org)
        return;
    for (size_t i = 0; hub_id + i < slash; i++)
        id->org[i] = (char)(hub_id[i] >= 'A' && hub_id[i] <= 'Z' ? hub_id[i] | 0x20 : hub_id[i]);
    id->org[slash - hub_id] = '\0';
}

/* The organisation most of the card's links to models and repositories go to
 * (at least two of them), when the card has no id of its own: a README
 * written by a model's publisher links its own pages. */
static void org_from_links(trop_identity *id, const trop_card_body *b)
{
    static const char *const hosts[] = {"huggingface", "github", "pytorch", "vllm-project",
                                        "sgl-project", "ggerganov", "ggml-org", "NVIDIA",
                                        "microsoft", "google", "openai", NULL};
    char owners[32][64];
    unsigned counts[32] = {0};
    size_t n = 0;
    for (size_t i = 0; i < b->nlinks; i++) {
        const char *u = b->links[i].url, *p = NULL;
        if (!strncmp(u, "https://huggingface.co/", 23))
            p = u + 23;
        else if (!strncmp(u, "https://github.com/", 19))
            p = u + 19;
        if (!p || !strncmp(p, "datasets/", 9) || !strncmp(p, "spaces/", 7))
            continue;
        size_t len = strcspn(p, "/?#");
        if (!len || len >= 64 || p[len] != '/')
            continue;
        bool host = false;
        for (const char *const *h = hosts; *h && !host; h++)
            host = strlen(*h) == len && !strncasecmp(p, *h, len);
        if (host)
            continue;
        size_t k = 0;
        while (k < n && (strlen(owners[k]) != len || strncasecmp(owners[k], p, len)))
            k++;
        if (k == n && n < 32) {
            memcpy(owners[n], p, len);
            owners[n++][len] = '\0';
        }
        if (k < 32)
            counts[k]++;
    }
    size_t best = n;
    for (size_t k = 0; k < n; k++)
        if (counts[k] >= 2 && (best == n || counts[k] > counts[best]))
            best = k;
    if (best < n)
        for (size_t i = 0; i <= strlen(owners[best]); i++)
            id->org[i] = (char)(owners[best][i] >= 'A' && owners[best][i] <= 'Z'
                                    ? owners[best][i] | 0x20
                                    : owners[best][i]);
}

/* A release that is one card file is named by its path: the file's name
 * without ".md" names the model; its folder is no organisation. */
static bool card_file(trop_identity *id, const char *rel)
{
    size_t n = strlen(rel);
    size_t ext = n > 3 && !strcasecmp(rel + n - 3, ".md")          ? 3
                 : n > 9 && !strcasecmp(rel + n - 9, ".markdown") ? 9
                                                                   : 0;
    if (!ext)
        return false;
    const char *base = strrchr(rel, '/');
    base = base ? base + 1 : rel;
    add_name(id, base, (size_t)(rel + n - ext - base));
    return true;
}

static void named_heading(trop_identity *id, const char *t, size_t n)
{
    static const char *const kinds[] = {" dataset", " model", " corpus", NULL};
    char low[128];
    if (n >= sizeof low)
        return;
    trop_lower(t, n, low);
    for (const char *const *k = kinds; *k; k++) {
        size_t kl = strlen(*k);
        if (n > kl && !memcmp(low + n - kl, *k, kl)) {
            size_t words = 1;
            for (size_t i = 0; i < n - kl; i++)
                words += t[i] == ' ';
            if (words <= 3)
                add_name(id, t, n - kl);
            return;
        }
    }
}

/* A re-packaged model (GGUF, GPTQ, AWQ, 4-bit...): its base is the same
 * model. */
static bool quantized(const trop_card_facts *c, const trop_identity *id)
{
    if ((c->keys & TROP_FM_QUANTIZED) ||
        (c->base_model_relation.s && !strcasecmp(c->base_model_relation.s, "quantized")))
        return true;
    static const char *const marks[] = {"gguf", "ggml", "gptq", "awq", "exl2", "bnb", "4bit",
                                        "8bit", "mlx", NULL};
    for (size_t i = 0; i < id->nnames; i++)
        for (const char *const *m = marks; *m; m++)
            if (trop_word_has(id->names[i], strlen(id->names[i]), *m))
                return true;
    return false;
}

/* The names of a re-packaged model's base, and of the family its names
 * start with ("Llama 3" for Meta-Llama-3-8B-Instruct-GGUF). */
static void base_names(trop_identity *id, const trop_card_facts *c)
{
    for (size_t i = 0; i < c->base_model.n; i++) {
        const char *b = c->base_model.v[i].s, *slash = b ? strchr(b, '/') : NULL;
        if (slash)
            add_name(id, slash + 1, strlen(slash + 1));
    }
    size_t n = id->nnames;
    for (size_t i = 0; i < n; i++) {
        const char *name = id->names[i];
        size_t nl = strlen(name);
        for (size_t k = 0; k < nl; k++) {
            if (k && name[k - 1] != ' ')
                continue;
            size_t used;
            const trop_builtin_name *f = trop_builtin_name_at(name + k, nl - k, &used);
            if (f)
                add_name(id, name + k, used);
        }
    }
}

/* A name that is a family's name with only a size or variant after it
 * ("meta llama 3.1 8b"): the card is that family's model, and the family's
 * name is one of its names (its tables say "Llama 3.1"). A fine-tune's name
 * has more after it ("llama 3.1 8b nous hermes") and keeps its own. */
static void family_names(trop_identity *id)
{
    size_t n = id->nnames;
    for (size_t i = 0; i < n; i++) {
        const char *name = id->names[i];
        size_t nl = strlen(name), first = strcspn(name, " ");
        for (size_t k = 0; k < nl; k = first + 1) {
            size_t used;
            const trop_builtin_name *f = trop_builtin_name_at(name + k, nl - k, &used);
            if (f) {
                bool rest_ok = true;
                for (size_t r = k + used; r < nl && rest_ok;) {
                    while (r < nl && name[r] == ' ')
                        r++;
                    size_t e = r;
                    while (e < nl && name[e] != ' ')
                        e++;
                    rest_ok = e == r || size_token(name + r, e - r);
                    r = e;
                }
                if (rest_ok)
                    add_name(id, name + k, used);
            }
            if (k)
                break; /* the start, or after one word (a publisher: "meta") */
        }
    }
}

static void identity(trop_cardview *v, const char *rel)
{
    trop_identity *id = &v->id;
    const trop_card_facts *c = v->card;
    rel = rel ? rel : "";
    char hub[TROP_HUB_ID_MAX];
    if (card_file(id, rel)) {
        /* named by its file */
    } else if (trop_hub_id_normalise(rel, TRO_REF_MODEL, hub, sizeof hub) && strchr(hub, '/')) {
        memcpy(id->self, hub, sizeof hub);
        add_name(id, strchr(hub, '/') + 1, strlen(strchr(hub, '/') + 1));
    }
    if (c->model_name.s)
        add_name(id, c->model_name.s, c->model_name.n);
    if (c->pretty_name.s)
        add_name(id, c->pretty_name.s, c->pretty_name.n);
    bool h1 = false;
    for (size_t i = 0; i < v->body->nsecs && !h1; i++)
        if (v->body->secs[i].level == 1) {
            add_title(id, v->body->secs[i].title, v->body->secs[i].title_len);
            h1 = true;
        }
    /* no title: a first heading "X Dataset" or "X Model" names it */
    for (size_t i = 0; i < v->body->nsecs && !h1; i++)
        if (v->body->secs[i].level == 2) {
            named_heading(id, v->body->secs[i].title, v->body->secs[i].title_len);
            break;
        }
    if (!id->self[0])
        self_from_code(id, v->body);
    if (quantized(c, id))
        base_names(id, c);
    else
        family_names(id);
    if (id->self[0])
        set_org(id, id->self);
    else
        org_from_links(id, v->body);
}

/* ---- the view ----------------------------------------------------------------------------- */

int trop_cardview_init(trop_cardview *v, const tro_artifact *card, bool dataset,
                       const char *rel_name)
{
    static const trop_card_body empty;
    memset(v, 0, sizeof *v);
    v->card = trop_card_facts_of(card);
    if (!v->card)
        return 0;
    v->body = v->card->body ? v->card->body : &empty;
    v->path = card->path;
    v->dataset = dataset;
    size_t ns = v->body->nsecs, nb = v->body->nblocks, text = 0;
    for (size_t i = 0; i < nb; i++)
        text += v->body->blocks[i].len + 1;
    v->sec_kind = calloc(ns ? ns : 1, sizeof *v->sec_kind);
    v->sec_own = calloc(ns ? ns : 1, sizeof *v->sec_own);
    v->lower = malloc((nb ? nb : 1) * sizeof *v->lower);
    char *pool = v->lower_pool = malloc(text ? text : 1);
    if (!v->sec_kind || !v->sec_own || !v->lower || !pool || trop_wordindex_new(&v->words, nb)) {
        trop_cardview_free(v);
        return TRO_ENOMEM;
    }
    for (size_t i = 0; i < nb; i++) {
        v->lower[i] = pool;
        trop_lower(v->body->blocks[i].text, v->body->blocks[i].len, pool);
        pool[v->body->blocks[i].len] = '\0';
        pool += v->body->blocks[i].len + 1;
    }
    /* a section without a kind of its own takes its parent's */
    unsigned stack_kind[8] = {0};
    for (size_t i = 0; i < ns; i++) {
        const trop_card_section *s = &v->body->secs[i];
        unsigned own = s->level ? trop_heading_kind(s->title, s->title_len, v->dataset) : 0;
        unsigned lvl = s->level > 7 ? 7 : s->level;
        unsigned parent = lvl > 1 ? stack_kind[lvl - 1] : 0;
        for (unsigned k = lvl; k < 8; k++)
            stack_kind[k] = 0;
        v->sec_own[i] = own;
        v->sec_kind[i] = own ? own : parent;
        stack_kind[lvl] = v->sec_kind[i];
        for (unsigned k = lvl + 1; k < 8; k++)
            stack_kind[k] = v->sec_kind[i];
    }
    identity(v, rel_name);
    return 0;
}

void trop_cardview_free(trop_cardview *v)
{
    trop_wordindex_free(v->words);
    free(v->lower_pool);
    free(v->lower);
    free(v->sec_kind);
    free(v->sec_own);
    memset(v, 0, sizeof *v);
}

unsigned trop_cardview_kind(const trop_cardview *v, const trop_card_block *b)
{
    return b->sec < v->body->nsecs ? v->sec_kind[b->sec] : 0;
}

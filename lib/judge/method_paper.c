/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The model's own paper or technical report (for a dataset card, the
 * dataset's), linked or cited as such:
 *  - a link the card labels a paper or report: its text ("[Phi-3 Technical
 *    Report](...)", "Read [our paper]"), the bold label it stands under
 *    ("**Paper:** https://arxiv.org/..."), or the words just before it
 *    ("proposed in the paper [Robust Speech ...](...)");
 *  - a link to a paper host (arXiv, DOI, OpenReview, ACL Anthology, the
 *    Hub's paper pages) whose text names the model ("[GPT-NeoX-20B: An
 *    Open-Source ...](arxiv)");
 *  - an entry of the card's citation section (or after "please cite") that
 *    is a publication: an arXiv id, a DOI (not the Hub's own 10.57967, which
 *    names a repository), a journal or proceedings; not software, a web page,
 *    a blog or a repository; whose title does not name another model.
 * Not the model's paper: related work cited by author and year ("[Touvron
 * et al., 2023](...)"), papers named after another model or a dataset
 * ("[GPT-4 Technical Report]", "[Pile paper]"), carbon and energy
 * methodology, papers in sections about evaluation or usage, placeholders.
 * A front matter arxiv: tag counts when the body does not link that paper
 * (the Hub makes a tag of every arXiv link, related work included, so a
 * linked one is judged by its link).
 */
#include "method.h"
#include "builtin.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const paper_words[] = {"paper", "papers", "technical report",
                                          "tech report", "report", "research paper",
                                          "preprint", "publication", NULL};
/* Words a label of the card's own paper may carry before "paper". */
static const char *const own_words[] = {"our", "the", "this", "its", "a", "an", "research",
                                        "technical", "tech", "official", "associated",
                                        "accompanying", "read", "full", "link", "paper",
                                        "arxiv", "preprint", "see", "original", NULL};
/* A sentence about how much carbon or energy training took. */
static const char *const energy_words[] = {"carbon", "co2", "co2eq", "emission*", "energy",
                                           "greenhouse", "footprint", NULL};
static const char *const dataset_intro[] = {"dataset", "pretraining dataset",
                                            "training dataset", "training data", NULL};

/* "Touvron et al., 2023", "Liu & Low (2023)", "Gao, 2020": related work. */
static bool author_year(const char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == ')' || s[n - 1] == ']'))
        n--;
    size_t d = 0;
    while (d < n && s[n - 1 - d] >= '0' && s[n - 1 - d] <= '9')
        d++;
    if (d != 4 || !(s[0] >= 'A' && s[0] <= 'Z'))
        return false;
    /* few words before the year */
    size_t words = 0;
    for (size_t i = 0; i + 4 < n; i++)
        words += (i == 0 || s[i - 1] == ' ') && s[i] != ' ';
    return words <= 5;
}

static bool paper_host(const char *url, size_t n)
{
    (void)n;
    if (trop_link_classify(url, NULL, 0) == TROP_LINK_PAPER)
        return true;
    return !strncmp(url, "https://huggingface.co/papers/", 30) ||
           !strncmp(url, "https://hf.co/papers/", 21);
}

static bool any(const char *low, size_t n, const char *const *w)
{
    return n && trop_word_any(low, n, w, NULL) >= 0;
}

/* Is link i labelled a paper: its text, its bold label, the words before it
 * in its sentence? */
static bool labelled(trop_mlinks *links, size_t i, const trop_card_block *b, const char *low)
{
    const trop_card_href *h = &links->v->body->links[i];
    if (any(low + h->at, h->len, paper_words))
        return true;
    if (b->key_len && h->at >= b->key_len && any(low, b->key_len, paper_words))
        return true;
    /* "read the paper: [Camels ...]", "introduced in the paper [X]": the
     * words are looked for in the 24 bytes before the link first; the
     * sentence, found only then, can only narrow them (it begins after a
     * line break, a stop or a space, so a word found in it is one there) */
    size_t from = h->at > 24 ? h->at - 24 : 0;
    if (h->at == from || !any(low + from, h->at - from, paper_words))
        return false;
    trop_span sp = trop_mlink_sentence(links, i);
    from = h->at > sp.at + 24 ? h->at - 24 : sp.at;
    return h->at > from && any(low + from, h->at - from, paper_words);
}

/* "[Imagen paper]", "[RefinedWeb paper]": a name before the word paper
 * that is not the card's own. */
static bool named_other_paper(const trop_cardview *v, const char *t, const char *low, size_t n)
{
    size_t at;
    if (trop_word_any(low, n, paper_words, &at) < 0 || !at)
        return false;
    for (size_t i = 0; i < at;) {
        while (i < at && !trop_word_byte((unsigned char)t[i]))
            i++;
        size_t e = i;
        while (e < at && (trop_word_byte((unsigned char)t[e]) || t[e] == '-' || t[e] == '.'))
            e++;
        if (e > i && t[i] >= 'A' && t[i] <= 'Z' && trop_word_any(low + i, e - i, own_words, NULL) < 0)
            return !trop_mentions_self(v, t, at);
        i = e;
    }
    return false;
}

static bool excluded(trop_mlinks *links, size_t i, const trop_card_block *b, const char *low)
{
    const trop_cardview *v = links->v;
    const trop_card_href *h = &v->body->links[i];
    const char *t = b->text + h->at;
    static const char *const not_papers[] = {"terms of use", "terms of service", "licen*",
                                             "blog", "blog post", NULL};
    if (any(low + h->at, h->len, not_papers))
        return true;
    if (named_other_paper(v, t, low + h->at, h->len))
        return true;
    unsigned kind = trop_cardview_kind(v, b);
    if (kind & (TROP_SEC_EVAL | TROP_SEC_USAGE | TROP_SEC_OTHERS | TROP_SEC_CONTACT))
        return true;
    if (any(low + h->at, h->len, trop_method_placeholders) || author_year(t, h->len))
        return true;
    trop_span sp = trop_mlink_sentence(links, i);
    if (any(low + sp.at, sp.len, energy_words))
        return true;
    /* another model's or a dataset's paper */
    if (trop_mentions_other(v, t, h->len) && !trop_mentions_self(v, t, h->len))
        return true;
    trop_ds_match m[2];
    if (!v->dataset && trop_builtin_datasets_in(t, h->len, m, 2) &&
        !trop_mentions_self(v, t, h->len))
        return true;
    return false;
}

static bool real_url(const trop_mlink *l, const char *url)
{
    if (l->is_repo)
        return l->repo.pdf; /* a paper kept in a repository, not the repository */
    return !strncmp(url, "http://", 7) || !strncmp(url, "https://", 8);
}

/* ---- citations ------------------------------------------------------------------------- */

typedef struct bib {
    char type[16];
    const char *title, *journal, *booktitle, *eprint, *doi, *url, *how, *archive;
    size_t title_n, journal_n, booktitle_n, eprint_n, doi_n, url_n, how_n, archive_n;
} bib;

static bool is_field(const char *s, size_t n, const char *name)
{
    size_t k = strlen(name);
    return n == k && !strncasecmp(s, name, k);
}

/* One entry "@type{key, field = {value}, ...}" at s[0..n): fills e, returns
 * the bytes it takes (0 when it is none). Values in braces (nested) or
 * quotes, or bare words; at most 4 KiB read. */
static size_t bib_entry(const char *s, size_t n, bib *e)
{
    memset(e, 0, sizeof *e);
    if (n > 4096)
        n = 4096;
    size_t i = 1, t = 0;
    while (i < n && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') && t < sizeof e->type - 1)
        e->type[t++] = (char)(s[i++] | 0x20);
    while (i < n && s[i] == ' ')
        i++;
    if (!t || i >= n || (s[i] != '{' && s[i] != '('))
        return 0;
    i++;
    /* the key, up to the first comma */
    while (i < n && s[i] != ',' && s[i] != '}')
        i++;
    while (i < n) {
        while (i < n && (s[i] == ',' || s[i] == ' ' || s[i] == '\n' || s[i] == '\t'))
            i++;
        if (i >= n)
            return n; /* not closed: the rest is the entry */
        if (s[i] == '}')
            return i + 1;
        size_t fs = i;
        while (i < n && s[i] != '=' && s[i] != '}' && s[i] != ',')
            i++;
        if (i >= n || s[i] != '=')
            continue;
        size_t fe = i;
        while (fe > fs && s[fe - 1] == ' ')
            fe--;
        i++;
        while (i < n && s[i] == ' ')
            i++;
        size_t vs = i, ve;
        if (i < n && s[i] == '{') {
            int d = 0;
            for (; i < n; i++)
                if (s[i] == '{')
                    d++;
                else if (s[i] == '}' && --d == 0)
                    break;
            vs++;
            ve = i < n ? i : n;
            i = i < n ? i + 1 : n;
        } else if (i < n && s[i] == '"') {
            i++;
            while (i < n && s[i] != '"')
                i++;
            vs++;
            ve = i;
            i = i < n ? i + 1 : n;
        } else {
            while (i < n && s[i] != ',' && s[i] != '}' && s[i] != '\n')
                i++;
            ve = i;
        }
        const char *f = s + fs;
        size_t fl = fe - fs, vl = ve > vs ? ve - vs : 0;
#define FIELD(name, m)                                                                              \
    if (is_field(f, fl, name)) {                                                                   \
        e->m = s + vs;                                                                             \
        e->m##_n = vl;                                                                             \
    }
        FIELD("title", title)
        FIELD("journal", journal)
        FIELD("booktitle", booktitle)
        FIELD("eprint", eprint)
        FIELD("doi", doi)
        FIELD("url", url)
        FIELD("howpublished", how)
        FIELD("archiveprefix", archive)
#undef FIELD
    }
    return i;
}

static bool has(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    for (size_t i = 0; i + k <= n; i++)
        if (!strncasecmp(s + i, lit, k))
            return true;
    return false;
}

/* Is the entry a publication of what the card describes? why gets the reason. */
static bool publication(const trop_cardview *v, const bib *e, const char **why)
{
    if (!strcmp(e->type, "software") || !strcmp(e->type, "online") ||
        !strcmp(e->type, "dataset") || !strcmp(e->type, "webpage"))
        return false;
    bool doi = e->doi_n && !has(e->doi, e->doi_n, "10.57967");
    bool arxiv = e->eprint_n || (e->archive_n && has(e->archive, e->archive_n, "arxiv")) ||
                 (e->journal_n && has(e->journal, e->journal_n, "arxiv")) ||
                 (e->url_n && has(e->url, e->url_n, "arxiv.org"));
    bool venue = (e->journal_n && !has(e->journal, e->journal_n, "blog")) || e->booktitle_n;
    if (!doi && !arxiv && !venue)
        return false;
    if (!strcmp(e->type, "misc") && !doi && !arxiv && !e->journal_n && !e->booktitle_n)
        return false;
    /* a title naming another model is that model's paper (Qwen2 on a
     * Qwen2.5 card); a dataset card's citation is the dataset's own */
    if (!v->dataset && e->title_n && trop_mentions_other(v, e->title, e->title_n) &&
        !trop_mentions_self(v, e->title, e->title_n))
        return false;
    *why = arxiv ? "cited as an arXiv paper" : doi ? "cited with a DOI" : "cited in a journal or "
                                                                             "proceedings";
    return true;
}

/* Is the block a citation of what the card describes: in a citation
 * section, or after "please cite"/"cite" in the same section, and not
 * introduced by a sentence about a dataset. */
static bool citing(const trop_cardview *v, size_t bi)
{
    const trop_card_block *b = &v->body->blocks[bi];
    bool section = trop_cardview_kind(v, b) & TROP_SEC_CITATION;
    for (size_t k = bi; k-- > 0 && bi - k <= 3;) {
        const trop_card_block *p = &v->body->blocks[k];
        if (p->sec != b->sec || p->kind == TROP_BLOCK_HEADING)
            break;
        if (p->kind == TROP_BLOCK_CODE)
            continue;
        const char *low = v->lower[k];
        if (!v->dataset && any(low, p->len, dataset_intro) && !trop_mentions_self(v, p->text, p->len))
            return false;
        if (trop_word_has(low, p->len, "cite*") || trop_word_has(low, p->len, "citation*"))
            return true;
        break;
    }
    return section;
}

static int citations(const trop_cardview *v, trop_mfounds *out)
{
    for (size_t bi = 0; bi < v->body->nblocks; bi++) {
        const trop_card_block *b = &v->body->blocks[bi];
        const char *at = memchr(b->text, '@', b->len);
        if (!at || !citing(v, bi))
            continue;
        for (const char *p = at; p && p < b->text + b->len;) {
            bib e;
            size_t used = bib_entry(p, (size_t)(b->text + b->len - p), &e);
            const char *why;
            if (used && publication(v, &e, &why)) {
                const char *t = e.title_n ? e.title : p;
                size_t tn = e.title_n ? e.title_n : strcspn(p, "\n");
                char *u = NULL;
                if (e.eprint_n && e.eprint_n < 64)
                    u = trop_asprintf("https://arxiv.org/abs/%.*s", (int)e.eprint_n, e.eprint);
                else if (e.doi_n && e.doi_n < 128)
                    u = trop_asprintf("https://doi.org/%.*s", (int)e.doi_n, e.doi);
                int rc = trop_mfound_add(out, t, tn, u, why, (int64_t)b->line);
                free(u);
                return rc; /* one citation is enough: it is the card's own */
            }
            p = used ? p + used : p + 1;
            p = memchr(p, '@', (size_t)(b->text + b->len - p));
        }
    }
    return 0;
}

/* ---- links and tags ---------------------------------------------------------------------- */

static bool arxiv_id_of(const char *url, char *id, size_t cap)
{
    const char *p = strstr(url, "arxiv.org/");
    if (!p) {
        p = strstr(url, "/papers/");
        if (!p)
            return false;
        p += 8;
    } else {
        p += 10;
        if (!strncmp(p, "abs/", 4) || !strncmp(p, "pdf/", 4))
            p += 4;
        else
            return false;
    }
    size_t n = strcspn(p, "v?#/");
    if (n >= 4 && n < cap) {
        memcpy(id, p, n);
        id[n] = '\0';
        return true;
    }
    return false;
}

static bool body_links_arxiv(const trop_cardview *v, const char *id)
{
    for (size_t i = 0; i < v->body->nlinks; i++) {
        char got[64];
        if (arxiv_id_of(v->body->links[i].url, got, sizeof got) && !strcmp(got, id))
            return true;
    }
    return false;
}

int trop_method_papers(const trop_cardview *v, trop_mlinks *links, trop_mfounds *out)
{
    if (!v->card)
        return 0;
    const trop_card_body *body = v->body;
    int rc = 0;
    for (size_t i = 0; i < body->nlinks && !rc; i++) {
        const trop_card_href *h = &body->links[i];
        if (h->image || h->block >= body->nblocks)
            continue;
        const trop_card_block *b = &body->blocks[h->block];
        if (b->kind == TROP_BLOCK_CODE || (size_t)h->at + h->len > b->len ||
            !real_url(&links->link[i], h->url))
            continue;
        const char *low = v->lower[h->block];
        bool lab = labelled(links, i, b, low);
        bool named = !lab && paper_host(h->url, h->url_len) &&
                     trop_mentions_self(v, b->text + h->at, h->len);
        if ((!lab && !named) || excluded(links, i, b, low))
            continue;
        rc = trop_mfound_add(out, b->text + h->at, h->len, h->url,
                             lab ? "a link the card labels its paper or report"
                                 : "a paper whose title names the model",
                             (int64_t)b->line);
    }
    if (!rc)
        rc = citations(v, out);
    for (size_t i = 0; !rc && i < v->card->arxiv.n; i++) {
        const char *id = v->card->arxiv.v[i].s;
        if (!id || body_links_arxiv(v, id))
            continue;
        char *u = trop_asprintf("https://arxiv.org/abs/%s", id);
        char *t = trop_asprintf("arxiv:%s tag", id);
        rc = u && t ? trop_mfound_add(out, t, strlen(t), u,
                                      "the card's front matter tags the paper", 0)
                    : TRO_ENOMEM;
        free(u);
        free(t);
    }
    return rc;
}

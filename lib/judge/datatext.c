/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The training data a model card names in its body, as a careful reader
 * would take it (the card's datasets: list is read by data.c):
 *
 *  - a link to a dataset on the Hub, or the name of a dataset the built-in
 *    table knows ("trained on RefinedWeb and The Pile"), counts where the
 *    card speaks of its training data: in a section on training data, in an
 *    item labelled as data ("**Dataset:** ...", "**Pretraining** ...
 *    [Data](...)"), in a row of a data-mix table, or in a sentence that
 *    says the model was trained on it ("trained on", "fine-tuned on", "our
 *    pre-training dataset contains", "mixture of");
 *  - never in sections on evaluation, usage, other models, citations,
 *    licences or how to fine-tune it yourself, nor in code (a usage
 *    example's load_dataset() is not training data); advice sections count
 *    only when they are about the data;
 *  - not when the sentence is about another model's data ("GPT-J, a model
 *    trained on the Pile"), about models made from this one ("built by
 *    fine-tuning MPT-7B on ..."), or compares datasets ("outperforms models
 *    trained on RedPajama"): a dataset named before the training words of
 *    such a sentence is not this model's;
 *  - evaluation sets of the table (benchmarks) are not training data when
 *    prose names them.
 *
 * It also keeps the first sentence that says the training data is not
 * released ("publicly available sources", "has not been released",
 * "synthetic data", "the same data as"), when that sentence names no
 * dataset, and the first that says the model was fine-tuned.
 *
 * Work is linear in the card: each block is read once for names (the
 * table's lookup is linear in the text), each link once, and the sentence
 * tests run only where a dataset is named.
 */
#include "dataset.h"

#include <stdlib.h>
#include <string.h>

#define MAX_NAMES 32 /* dataset names taken from one block */
#define QUOTE_MAX 200
/* How far before its training words a sentence names whose training it
 * speaks of ("GPT-J, a 6B parameter model trained on"). */
#define SUBJECT_MAX 240

/* Sections whose datasets are never this model's training data. */
static const unsigned excluded = TROP_SEC_EVAL | TROP_SEC_USAGE | TROP_SEC_OTHERS |
                                 TROP_SEC_CITATION | TROP_SEC_CONTACT | TROP_SEC_FINETUNE |
                                 TROP_SEC_LICENSE | TROP_SEC_ADVICE;

/* Word lists, a few to a line. */
/* clang-format off */

/* Words by which a sentence says the model was trained on something. */
static const char *const training[] = {
    "trained on", "train on", "training on", "continued training", "training the base model",
    "we train*", "we pre train*", "we pretrain*", "we fine tune*", "we finetune*",
    "pre trained on", "pretrained on", "trained with", "trained using", "fine tuned on",
    "finetuned on", "fine tuned with", "finetuned with", "instruction tuned on", "tuned on",
    "aligned on", "further trained on", "continued pre training on", "continued pretraining on",
    "continually pre trained on", "training data*", "training set", "training sets",
    "training corpus", "training corpora", "training dataset*", "pretraining data*",
    "pre training data*", "pretraining corpus", "pre training corpus", "pretraining mix*",
    "pre training mix*", "data mix*", "mixture of", "we combine", "fine tuning data*",
    "finetuning data*", "sft data*", "dpo data*", "preference data*", "instruction data*",
    "train the model", "pre train the model", "pretrain the model", "train this model",
    "fine tune the model", "the data is", "the data was", "the data are", "the data comes from",
    "data used", "dataset used", "datasets used", NULL};
/* Words that say a dataset was left out ("all Wikipedia pages were removed
 * from this dataset"; "The Pile without the Books3 subset"). */
static const char *const left_out[] = {
    "not trained on", "not used", "were removed", "was removed", "is excluded", "are excluded",
    "were excluded", "was excluded", NULL};
static const char *const but_for[] = {"without", "except", "excluding", "other than",
                                      "apart from", NULL};
/* Training words spoken by the card's authors: the sentence is about this
 * model, whatever other models it names (the base it was fine-tuned from). */
static const char *const first_person[] = {
    "we train*", "we pre train*", "we pretrain*", "we fine tune*", "we finetune*", "we combine",
    "we use", "we used", "our model", NULL};
/* Labels of an item, and words of a table header, that announce data. */
static const char *const data_keys[] = {
    "data", "dataset*", "data set*", "data source*", "training data", "corpus", "corpora",
    "data mix*", "pretraining", "pre training", "fine tuning", "finetuning", "sft", "dpo", "kto",
    "rlhf", "subset*", NULL};
/* A sentence that compares or recommends names data that is not this
 * model's, before its training words. */
static const char *const comparing[] = {
    "compar*", "outperform*", "better than", "worse than", "unlike", "recommend*", "instead of",
    "alternative*", "versus", "vs", "inspired by", "similar to", "replication of",
    "reproduction of", NULL};
/* Words after which this model is the base of another ("built by
 * fine-tuning MPT-7B on"). */
static const char *const deriving[] = {
    "finetuning", "fine tuning", "finetune", "fine tune", "finetuned from", "fine tuned from",
    "finetuned off", "fine tuned off", "on top of", "derived from", NULL};
/* The training data is not released, or not named. */
#define UNDISCLOSED \
    "publicly available sources", "publicly available online data", \
    "publicly available documents", "not been released", \
    "not been publicly released", "not publicly released", "not be released", \
    "not publicly available", "not released", "proprietary data*", "internal data*", \
    "in house data*", "undisclosed", "synthetic data*", "synthetically generated", \
    "same data as", "same data sources as", "high quality corpus", "high quality tokens", \
    "high quality data"
static const char *const undisclosed[] = {UNDISCLOSED, NULL};
/* The model was fine-tuned (on data the card may or may not name). */
#define FINETUNED \
    "we finetune*", "we fine tune*", "was fine tuned", "was finetuned", "is fine tuned", \
    "is finetuned", "were fine tuned", "were finetuned", "been fine tuned", "been finetuned", \
    "fine tuned on", "finetuned on", "fine tuned with", "finetuned with", "multitask finetuned", \
    "instruction tuned on", "a fine tuned version", "a finetuned version"
static const char *const finetuned[] = {FINETUNED, NULL};
/* Either: most blocks say neither, told by one look. */
static const char *const statement_words[] = {UNDISCLOSED, FINETUNED, NULL};
const char *const *const trop_datatext_wordlists[] = {training, undisclosed, finetuned,
                                                      statement_words, NULL};
/* The data named is the pretraining data (in a sentence or a heading). */
static const char *const pretraining[] = {
    "pretrained on", "pre trained on", "pretraining data*", "pre training data*",
    "pretraining corpus", "pre training corpus", "pretraining mix*", "pre training mix*",
    "pretraining dataset*", "pre training dataset*", "we pretrain*", "we pre train*", NULL};
static const char *const pretraining_heading[] = {"pretrain*", "pre train*", NULL};
/* Words after which a model is the base this one was made from, not the
 * subject of the sentence ("initialized with the weights of X, then
 * fine-tuned on D"). */
static const char *const base_before[] = {
    "weights of", "initialized from", "initialized with", "initialised from", "from", "based on",
    "version of", "adapter for", "on top of", "finetune", "fine tune", "finetuning",
    "fine tuning", NULL};

/* A word of every phrase of training[] starts with one of these stems. */
static const char *const train_stems[] = {
    "train", "pretrain", "tun", "finetun", "data", "corpus", "corpora", "mix", "combine", "sft",
    "dpo", "preference", "instruction", "aligned", NULL};

/* clang-format on */

static bool any(const char *s, size_t n, const char *const *list)
{
    return trop_word_any(s, n, list, NULL) >= 0;
}

/* Where the first of a list matches in s[0..n), or -1. */
static long first_at(const char *s, size_t n, const char *const *list)
{
    size_t at = n;
    return trop_word_any(s, n, list, &at) >= 0 ? (long)at : -1;
}

/* any() and first_at() with m, the mask of a text holding s[0..n) that
 * starts between words where s does. */
static bool any_m(const char *s, size_t n, const char *const *list, const trop_wmask *m)
{
    return trop_word_any_m(s, n, list, NULL, m) >= 0;
}

static long first_at_m(const char *s, size_t n, const char *const *list, const trop_wmask *m)
{
    size_t at = n;
    return trop_word_any_m(s, n, list, &at, m) >= 0 ? (long)at : -1;
}

/* ---- whose data a sentence speaks of ----------------------------------------------------- */

/* Is the model named at s[i] the base the sentence's model was made from? */
static bool named_as_base(const char *s, size_t i)
{
    size_t from = i > 40 ? i - 40 : 0;
    char low[48];
    size_t n = i - from;
    trop_lower(s + from, n, low);
    /* the base words end right before the name, "the" and brackets aside */
    while (n && (low[n - 1] == ' ' || low[n - 1] == '[' || low[n - 1] == '('))
        n--;
    if (n >= 3 && !memcmp(low + n - 3, "the", 3) && (n == 3 || low[n - 4] == ' '))
        n -= 3;
    while (n && low[n - 1] == ' ')
        n--;
    for (size_t k = 0; base_before[k]; k++) {
        size_t l = strlen(base_before[k]);
        if (n >= l && !memcmp(low + n - l, base_before[k], l) &&
            (n == l || !trop_word_byte((unsigned char)low[n - l - 1])))
            return true;
    }
    return false;
}

/* Is the family name s[0..used) this model, alone or with the words after
 * it ("Stable Diffusion" in "Stable Diffusion v1-4")? */
static bool self_at(const trop_cardview *v, const char *s, size_t n, size_t used)
{
    size_t e = used;
    for (int words = 0; words < 4; words++) {
        if (trop_identity_is_self(&v->id, s, e))
            return true;
        while (e < n && (s[e] == ' ' || s[e] == '-'))
            e++;
        size_t w = e;
        while (e < n && (trop_word_byte((unsigned char)s[e]) || s[e] == '.' || s[e] == '-'))
            e++;
        if (e == w)
            break;
    }
    return false;
}

/* Does s[0..n) name a model other than the card's, other than as a base:
 * a capitalised name with a digit ("GPT-NeoX-20B"), or a family the table
 * knows ("GPT-J")? */
static bool names_other(const trop_cardview *v, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!trop_word_byte((unsigned char)s[i]) || (i && trop_word_byte((unsigned char)s[i - 1])))
            continue;
        if (i > 1 && (s[i - 1] == '-' || s[i - 1] == '.') &&
            trop_word_byte((unsigned char)s[i - 2]))
            continue; /* within a hyphenated name */
        size_t used = 0, e = i;
        while (e < n && (trop_word_byte((unsigned char)s[e]) || s[e] == '-' || s[e] == '.'))
            e++;
        bool other = trop_names_other_model(&v->id, s + i, e - i);
        /* a family named as the subject of a sentence is capitalised */
        bool upper = s[i] >= 'A' && s[i] <= 'Z';
        if (!other && upper && trop_builtin_name_at(s + i, n - i, &used))
            other = !self_at(v, s + i, n - i, used);
        if (other && !named_as_base(s, i))
            return true;
    }
    return false;
}

/* Is this model named right after a match of a list in the sentence (low,
 * folded; text, as written)? */
static bool self_after(const trop_cardview *v, const char *text, const char *low, size_t n,
                       const char *const *list)
{
    for (size_t k = 0; list[k]; k++) {
        size_t len;
        for (long at = trop_word_find(low, n, 0, list[k], &len); at >= 0;
             at = trop_word_find(low, n, (size_t)at + len, list[k], &len)) {
            size_t i = (size_t)at + len;
            while (i < n && (low[i] == ' ' || !strncmp(low + i, "the ", 4)))
                i += low[i] == ' ' ? 1 : 4;
            /* the model's name: one to four words */
            for (size_t e = i, words = 0; e < n && words < 4; words++) {
                while (e < n && low[e] != ' ' && low[e] != ',' && low[e] != ';')
                    e++;
                if (e > i && trop_identity_is_self(&v->id, text + i, e - i))
                    return true;
                if (e < n && low[e] != ' ')
                    break;
                e++;
            }
        }
    }
    return false;
}

typedef enum ctx {
    CTX_SENTENCE, /* only a training sentence makes data of it */
    CTX_DATA      /* a place that lists the training data */
} ctx;

/* What a sentence says, whichever dataset of it is asked about: the
 * names of one sentence are judged together, its phrases searched once. */
typedef struct sentence {
    size_t bi;        /* its block, SIZE_MAX: none yet */
    trop_span sp;     /* where it stands in the block */
    trop_wmask mask;  /* its words: made once for the lists asked of it */
    long t;           /* its first training words, -1: none */
    bool ours;        /* its authors speak of their own training */
    bool derived;     /* it is about a model made from this one */
    bool left;        /* it says data was left out */
    bool pretraining; /* it speaks of pretraining data */
} sentence;

static const sentence *sentence_of(const trop_cardview *v, size_t bi, size_t at, sentence *s)
{
    const trop_card_block *b = &v->body->blocks[bi];
    if (s->bi == bi && at >= s->sp.at && at < s->sp.at + s->sp.len)
        return s;
    s->bi = bi;
    s->sp = trop_sentence_at(b->text, b->len, at);
    const char *low = v->lower[bi] + s->sp.at, *text = b->text + s->sp.at;
    size_t n = s->sp.len;
    s->mask = trop_word_mask(low, n);
    s->derived = self_after(v, text, low, n, deriving);
    s->t = first_at_m(low, n, training, &s->mask);
    s->ours = any_m(low, n, first_person, &s->mask);
    s->left = any_m(low, n, left_out, &s->mask);
    s->pretraining = any_m(low, n, pretraining, &s->mask);
    return s;
}

/* Does a pattern of list match s[from, from + n) of a sentence s whose mask
 * is m? The mask holds the words of the sentence: of a part of it that
 * begins within a word only when that part is searched the plain way. */
static bool span_has(const char *s, size_t from, size_t n, const char *const *list,
                     const trop_wmask *m)
{
    if (from && trop_word_byte((unsigned char)s[from - 1]) && n &&
        trop_word_byte((unsigned char)s[from]))
        return any(s + from, n, list);
    return any_m(s + from, n, list, m);
}

/* Why the dataset named at offset at of block bi is this model's training
 * data (static), or NULL when it is not. */
static const char *why_training(const trop_cardview *v, size_t bi, size_t at, ctx c,
                                const char *place, sentence *cache)
{
    const sentence *s = sentence_of(v, bi, at, cache);
    const char *low = v->lower[bi] + s->sp.at, *text = v->body->blocks[bi].text + s->sp.at;
    size_t rel = at - s->sp.at;
    if (s->derived || s->left)
        return NULL; /* about a model made from this one, or data left out */
    size_t head = s->t >= 0 && (size_t)s->t < rel ? (size_t)s->t : rel;
    size_t from = head > SUBJECT_MAX ? head - SUBJECT_MAX : 0;
    if (!s->ours && names_other(v, text + from, head - from))
        return NULL; /* another model's data */
    if (span_has(low, from, head - from, comparing, &s->mask))
        return NULL;
    /* "without the Books3 subset": what follows is left out */
    size_t near = rel > 24 ? rel - 24 : 0;
    if (span_has(low, near, rel - near, but_for, &s->mask))
        return NULL;
    if (c == CTX_DATA)
        return place;
    if (s->t < 0)
        return NULL;
    return "a sentence that says the model was trained on it";
}

/* May a sentence of block bi found around a name (sentence_of) hold
 * training words? Such a sentence reaches TROP_SENTENCE_REACH bytes each
 * way at most: in a longer block it may begin or end within a word, and
 * only the stems of the words tell; in a shorter one it begins and ends
 * between words, and the phrases themselves do (asked of the view's word
 * index). */
static bool says_training(const trop_cardview *v, size_t bi)
{
    size_t n = v->body->blocks[bi].len;
    if (n > TROP_SENTENCE_REACH)
        return trop_word_stem_any(v->lower[bi], n, train_stems);
    return trop_cv_word_has(v, v->lower[bi], n, training);
}

/* ---- collecting ------------------------------------------------------------------------------ */

static int add(trop_ds_text *out, const char *id, size_t idlen, const trop_builtin_dataset *bi,
               const char *why, int64_t line)
{
    trop_ds_mention *m = trop_vec_add(out);
    if (!m)
        return TRO_ENOMEM;
    *m = (trop_ds_mention){.bi = bi, .why = why, .line = line};
    if (id && !(m->id = trop_arena_copy(&out->texts, id, idlen))) {
        out->n--;
        return TRO_ENOMEM;
    }
    return 0;
}

static int quote(trop_ds_text *out, trop_ds_quote *q, const trop_card_block *b, trop_span sp,
                 const char *why)
{
    size_t n = sp.len > QUOTE_MAX ? QUOTE_MAX : sp.len;
    char *t = trop_arena_copy(&out->texts, b->text + sp.at, n);
    if (!t)
        return TRO_ENOMEM;
    trop_utf8_patch(t, n);
    *q = (trop_ds_quote){.text = t, .why = why, .line = (int64_t)b->line};
    return 0;
}

/* What the blocks read so far say of the next one. */
typedef struct where {
    unsigned table;  /* the current GFM table */
    bool table_data; /* its header announces data */
    uint32_t sec;    /* the section of the last block */
    unsigned pseudo; /* kind of the bold pseudo-heading over it, 0: none */
    bool list_data;  /* the list under "the following datasets for training:" */
} where;

/* A block that is a bold label alone ("**Training Data**", "**Model
 * Family:**") heads the blocks after it, as a heading would. */
static bool pseudo_heading(const trop_card_block *b)
{
    if (b->bold)
        return true;
    size_t n = b->len;
    while (n && (b->text[n - 1] == ' ' || b->text[n - 1] == ':'))
        n--;
    return b->key_len && b->key_len >= n;
}

/* "The model developers used the following dataset for training the
 * model:" introduces a list of training data. */
static bool introduces_data(const trop_cardview *v, size_t bi)
{
    const trop_card_block *b = &v->body->blocks[bi];
    size_t n = b->len;
    while (n && b->text[n - 1] == ' ')
        n--;
    static const char *const data_words[] = {"data*", "corpus", "corpora", NULL};
    static const char *const train_words[] = {"train*",    "pretrain*", "pre train*",
                                              "fine tun*", "finetun*",  NULL};
    return n && b->text[n - 1] == ':' && any(v->lower[bi], n, data_words) &&
           any(v->lower[bi], n, train_words);
}

/* Where block bi stands: false when no dataset named there is training
 * data, else *c and *place say how it may be. */
static bool placed(const trop_cardview *v, size_t bi, where *w, ctx *c, const char **place)
{
    const trop_card_block *b = &v->body->blocks[bi];
    unsigned kind = trop_cardview_kind(v, b);
    bool list_data = w->list_data && b->kind == TROP_BLOCK_ITEM;
    w->list_data = list_data || introduces_data(v, bi);
    if (b->sec != w->sec || b->kind == TROP_BLOCK_HEADING)
        w->pseudo = 0;
    w->sec = b->sec;
    if (pseudo_heading(b)) {
        size_t n = b->key_len ? b->key_len : b->len;
        w->pseudo = trop_heading_kind(b->text, n, v->dataset);
        return false; /* a label alone names no data */
    }
    kind = w->pseudo ? w->pseudo : kind;
    bool data = kind & TROP_SEC_DATA, bad = kind & excluded;
    if (b->kind == TROP_BLOCK_ROW && b->table != w->table) {
        w->table = b->table;
        w->table_data = false;
    }
    if (b->kind == TROP_BLOCK_ROW && b->row == 0) {
        w->table_data = any(v->lower[bi], b->len, data_keys);
        return false; /* a header names columns, not data */
    }
    if (b->kind == TROP_BLOCK_CODE || b->kind == TROP_BLOCK_HEADING || (bad && !data))
        return false;
    *c = CTX_SENTENCE;
    if (data && !bad) {
        *c = CTX_DATA;
        *place = "named in a section on training data";
    } else if (b->key_len && any(v->lower[bi], b->key_len, data_keys)) {
        *c = CTX_DATA;
        *place = "named in an item labelled as data";
    } else if (b->kind == TROP_BLOCK_ROW && w->table_data) {
        *c = CTX_DATA;
        *place = "a row of a table of training data";
    } else if (list_data) {
        *c = CTX_DATA;
        *place = "listed as the data the model was trained on";
    }
    return true;
}

/* An item or row that begins with another model's name ("MPT-7B-Chat: a
 * chatbot ...") is about that model. */
static bool about_other(const trop_cardview *v, size_t bi)
{
    const trop_card_block *b = &v->body->blocks[bi];
    if (b->kind != TROP_BLOCK_ITEM && b->kind != TROP_BLOCK_ROW)
        return false;
    size_t n = b->key_len;
    if (!n) {
        const char *colon = memchr(b->text, ':', b->len < 80 ? b->len : 80);
        n = colon ? (size_t)(colon - b->text) : 0;
    }
    return n && names_other(v, b->text, n);
}

/* Notes whether the sentence of a mention, or its section, speaks of
 * pretraining. */
static void pretraining_near(const trop_cardview *v, size_t bi, const sentence *sn,
                             trop_ds_text *out)
{
    const trop_card_block *b = &v->body->blocks[bi];
    if (out->pretraining_named)
        return;
    const trop_card_section *sec = b->sec < v->body->nsecs ? &v->body->secs[b->sec] : NULL;
    char title[128];
    size_t tl =
        sec && sec->title ? (sec->title_len < sizeof title ? sec->title_len : sizeof title) : 0;
    if (tl)
        trop_lower(sec->title, tl, title);
    out->pretraining_named = sn->pretraining || (tl && any(title, tl, pretraining_heading));
}

/* The links of each block: links[at[b] .. at[b + 1]) of order (one
 * counting pass: links are not rescanned per block). */
typedef struct by_block {
    size_t *at, *order;
} by_block;

static int index_links(const trop_card_body *body, by_block *ix)
{
    size_t nb = body->nblocks;
    ix->at = calloc(nb + 2, sizeof *ix->at);
    ix->order = malloc((body->nlinks ? body->nlinks : 1) * sizeof *ix->order);
    if (!ix->at || !ix->order)
        return TRO_ENOMEM;
    for (size_t i = 0; i < body->nlinks; i++)
        if (body->links[i].block < nb)
            ix->at[body->links[i].block + 2]++;
    for (size_t b = 2; b < nb + 2; b++)
        ix->at[b] += ix->at[b - 1];
    for (size_t i = 0; i < body->nlinks; i++)
        if (body->links[i].block < nb)
            ix->order[ix->at[body->links[i].block + 1]++] = i;
    return 0; /* now the links of block b are order[at[b] .. at[b + 1]) */
}

/* The Hub dataset a link points at (id), or false. */
static bool dataset_link(const trop_card_href *h, char id[TROP_HUB_ID_MAX])
{
    char url[1024];
    if (h->image || h->url_len >= sizeof url)
        return false;
    memcpy(url, h->url, h->url_len);
    url[h->url_len] = '\0';
    return trop_link_classify(url, id, TROP_HUB_ID_MAX) == TROP_LINK_HF_DATASET;
}

/* Is text[at, at + len) of block bi the text of a link to a Hub dataset?
 * The link says more than its text. */
static bool in_dataset_link(const trop_cardview *v, const by_block *ix, size_t bi, size_t at,
                            size_t len)
{
    char id[TROP_HUB_ID_MAX];
    for (size_t k = ix->at[bi]; k < ix->at[bi + 1]; k++) {
        const trop_card_href *h = &v->body->links[ix->order[k]];
        if (at < (size_t)h->at + h->len && (size_t)h->at < at + len && dataset_link(h, id))
            return true;
    }
    return false;
}

static int names_in(const trop_cardview *v, const by_block *ix, size_t bi, ctx c, const char *place,
                    sentence *cache, trop_ds_text *out)
{
    const trop_card_block *b = &v->body->blocks[bi];
    trop_ds_match m[MAX_NAMES];
    size_t k = trop_builtin_datasets_in(b->text, b->len, m, MAX_NAMES);
    int rc = 0;
    for (size_t i = 0; i < k && !rc; i++) {
        if (m[i].ds->role == TROP_DS_EVALUATION ||
            in_dataset_link(v, ix, bi, m[i].offset, m[i].len))
            continue;
        const char *why = why_training(v, bi, m[i].offset, c, place, cache);
        if (why)
            rc = add(out, NULL, 0, m[i].ds, why, (int64_t)b->line);
        if (!rc && why)
            pretraining_near(v, bi, cache, out);
    }
    return rc;
}

static bool link_says_data(const trop_card_href *h)
{
    char low[32];
    if (!h->text_len || h->text_len >= sizeof low)
        return false;
    trop_lower(h->text, h->text_len, low);
    static const char *const words[] = {"data", "dataset", "datasets", "training data", NULL};
    for (size_t i = 0; words[i]; i++)
        if (strlen(words[i]) == h->text_len && !memcmp(low, words[i], h->text_len))
            return true;
    return false;
}

static int links_in(const trop_cardview *v, const by_block *ix, size_t bi, ctx c, const char *place,
                    sentence *cache, trop_ds_text *out)
{
    int rc = 0;
    for (size_t k = ix->at[bi]; k < ix->at[bi + 1] && !rc; k++) {
        const trop_card_href *h = &v->body->links[ix->order[k]];
        char id[TROP_HUB_ID_MAX];
        if (!dataset_link(h, id))
            continue;
        const trop_builtin_dataset *bi_ds = trop_builtin_dataset_find(id);
        if (bi_ds && bi_ds->role == TROP_DS_EVALUATION)
            continue;
        bool says = link_says_data(h);
        const char *why = why_training(v, bi, h->at, says ? CTX_DATA : c,
                                       says ? "a link whose text says data" : place, cache);
        if (why)
            rc = add(out, id, strlen(id), bi_ds, why, (int64_t)h->line);
        if (!rc && why)
            pretraining_near(v, bi, cache, out);
    }
    return rc;
}

/* The first sentence of block bi saying the data is not released (and
 * naming none), and the first saying the model was fine-tuned. */
static int statements(const trop_cardview *v, size_t bi, ctx c, trop_ds_text *out)
{
    const trop_card_block *b = &v->body->blocks[bi];
    const char *low = v->lower[bi];
    /* the sentences cut here begin and end between words: a block without
     * the phrases has none with them */
    if ((out->undisclosed.text && out->finetuned.text) ||
        !trop_cv_word_has(v, low, b->len, statement_words))
        return 0;
    bool want_u = !out->undisclosed.text && trop_cv_word_has(v, low, b->len, undisclosed);
    bool want_f = !out->finetuned.text && trop_cv_word_has(v, low, b->len, finetuned);
    if (!want_u && !want_f)
        return 0;
    trop_span sp[64];
    size_t k = trop_sentences(b->text, b->len, sp, 64);
    int rc = 0;
    for (size_t i = 0; i < k && !rc; i++) {
        const char *s = low + sp[i].at;
        size_t n = sp[i].len;
        long u = want_u && !out->undisclosed.text ? first_at(s, n, undisclosed) : -1;
        bool f = want_f && !out->finetuned.text && any(s, n, finetuned);
        if (u < 0 && !f)
            continue;
        long t = first_at(s, n, training);
        if (t < 0 && c != CTX_DATA)
            u = -1; /* not said of the training data */
        size_t head = t >= 0 ? (size_t)t : n;
        size_t from = head > SUBJECT_MAX ? head - SUBJECT_MAX : 0;
        if ((u < 0 && !f) || (first_at(s, n, first_person) < 0 &&
                              names_other(v, b->text + sp[i].at + from, head - from)))
            continue; /* another model's data */
        trop_ds_match m[1];
        /* "publicly available datasets such as C4" names what it speaks of */
        if (u >= 0 && !trop_builtin_datasets_in(b->text + sp[i].at + u, n - (size_t)u, m, 1))
            rc = quote(out, &out->undisclosed, b, sp[i], "the card says the data is not released");
        if (!rc && f)
            rc = quote(out, &out->finetuned, b, sp[i], "the card says the model was fine-tuned");
    }
    return rc;
}

int trop_card_training_data(const trop_cardview *v, trop_ds_text *out)
{
    /* a card that could not be read (a download that kept failing) has a
     * view without a body: it names no data */
    if (!v->card || !v->body)
        return 0;
    by_block ix = {NULL, NULL};
    int rc = index_links(v->body, &ix);
    where w = {0};
    sentence cache = {.bi = SIZE_MAX};
    for (size_t i = 0; i < v->body->nblocks && !rc; i++) {
        ctx c;
        const char *place = NULL;
        if (!placed(v, i, &w, &c, &place) || about_other(v, i))
            continue;
        /* where only a training sentence makes data of a name, a block
         * without training words names none */
        bool may = c == CTX_DATA || says_training(v, i);
        rc = may ? names_in(v, &ix, i, c, place, &cache, out) : 0;
        if (!rc)
            rc = links_in(v, &ix, i, c, place, &cache, out);
        if (!rc)
            rc = statements(v, i, c, out);
    }
    free(ix.at);
    free(ix.order);
    return rc;
}

void trop_ds_text_free(trop_ds_text *t)
{
    trop_vec_free(t);
    trop_arena_free(&t->texts);
}

/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * The training procedure: hyperparameters stated for this model. Six kinds
 * (optimizer, learning rate or schedule, batch size, steps/tokens/epochs,
 * sequence length, precision) each count when a keyword and a value stand
 * together in one sentence, list item, table cell (under its column or
 * beside its row label) or training command: "Optimizer | AdamW",
 * "learning rate of 3e-4", "trained on 2T tokens", "Context Length | 8k".
 * A keyword alone ("we follow LLaMA's learning rate schedule") is not a
 * value.
 *
 * Only what is said of this model: sections on usage, inference,
 * evaluation, fine-tuning it yourself, other models and citations are left
 * out (the nearest heading decides), as are code other than a training
 * command, sentences about other models ("GPT-J was trained for 500
 * billion tokens"), and in tables about several models the rows and
 * columns of the others.
 *
 * For a dataset card the procedure is its processing steps with stated
 * settings: an operation (filtering, deduplication, language
 * identification, a quality classifier, perplexity, PII) with a number
 * (a threshold, a share, an n-gram size).
 */
#include "method.h"

#include <stdlib.h>
#include <string.h>

static const char *const hp_names[TROP_HP_KINDS] = {
    "optimizer", "learning rate", "batch size", "training length (steps, tokens or epochs)",
    "sequence length", "precision"};

const char *trop_hp_name(unsigned k)
{
    return k < TROP_HP_KINDS ? hp_names[k] : "unknown";
}

/* ---- one unit of text: a sentence, an item, a cell with its labels ------------------- */

/* The keyword lists of the kinds, as macros: each list, and the lists
 * together (a unit holds a keyword of one, or it states nothing). */
/* clang-format off */
#define OPTIMIZERS "adamw", "adam", "adafactor", "lion", "sgd", "lamb", "sophia", "rmsprop", \
    "rms optimizer", "fusedadam", "shampoo", "muon", "adagrad"
#define LR_KEYS "learning rate*", "lr", "peak lr", "max lr", "min lr", "lr schedul*", \
    "learning rate schedul*", "warmup*", "warm up*"
#define BATCH_KEYS "batch size*", "batch", "batches", "bs", "global batch*", "micro batch*"
#define LENGTH_UNITS "tokens", "token", "steps", "step", "epochs", "epoch", "iterations", "gt", \
    "updates"
#define SEQ_KEYS "sequence length*", "seq len*", "seq length*", "context length*", \
    "context window*", "context size", "max seq*", "n ctx", "ctx", "msl", "cutoff len*", \
    "content length", "max sequence*", "sequences of"
/* "128K context", "a context of 4096": the word alone, next to a number. */
#define CONTEXT_WORD "context"
#define PRECISIONS "bf16", "bfloat16", "fp16", "float16", "fp8", "fp32", "float32", "tf32", \
    "mixed precision", "half precision"
/* clang-format on */

static const char *const optimizers[] = {OPTIMIZERS, NULL};
static const char *const optimizer_keys[] = {"optimi*", NULL};
static const char *const lr_keys[] = {LR_KEYS, NULL};
static const char *const schedules[] = {"cosine", "linear", "constant", "wsd",
                                        "inverse square root", "linear decay", "cosine decay",
                                        "decayed", "polynomial", NULL};
static const char *const batch_keys[] = {BATCH_KEYS, NULL};
static const char *const length_units[] = {LENGTH_UNITS, NULL};
static const char *const seq_keys[] = {SEQ_KEYS, NULL};
static const char *const context_word[] = {CONTEXT_WORD, NULL};
static const char *const precisions[] = {PRECISIONS, NULL};
static const char *const train_words[] = {"train*", "pretrain*", "pre train*", "fine tun*",
                                          "finetun*", NULL};
/* What a unit, or its label, must hold for any kind (see kinds_of). */
static const char *const unit_keys[] = {OPTIMIZERS, LR_KEYS, BATCH_KEYS, LENGTH_UNITS,
                                        SEQ_KEYS,   CONTEXT_WORD, PRECISIONS, NULL};
static const char *const label_keys[] = {LR_KEYS, BATCH_KEYS, LENGTH_UNITS, SEQ_KEYS, NULL};
/* What makes a length a training run's, not a sequence's. */
static const char *const counted[] = {"steps",      "step",    "epochs", "epoch",
                                      "iterations", "updates", NULL};
/* The words of a training command. */
static const char *const runs[] = {"finetun*", "train*", "pretrain*", NULL};

/* Is there a number within reach bytes after offset at of text (or before
 * it when back)? */
static bool number_near(const char *text, size_t n, size_t at, size_t reach, bool back)
{
    size_t lo = back ? (at > reach ? at - reach : 0) : at;
    size_t hi = back ? at : (n - at > reach ? at + reach : n);
    for (size_t i = lo; i < hi; i++) {
        if (text[i] < '0' || text[i] > '9' || (i > 0 && trop_word_byte((unsigned char)text[i - 1]) &&
                                               !(text[i - 1] >= '0' && text[i - 1] <= '9')))
            continue;
        double v;
        if (trop_number(text, n, i, &v, NULL))
            return true;
    }
    return false;
}

typedef struct acc {
    const trop_cardview *v;
    trop_mfounds *out;
    unsigned kinds;
    int rc;
} acc;

/* Does one of the patterns w occur in low[0..n) (a span of a block's
 * folded text: the view's word index answers)? */
static bool has(const acc *ac, const char *low, size_t n, const char *const *w)
{
    return trop_cv_word_has(ac->v, low, n, w);
}

/* Where pattern list w first matches low, and its end (of the first
 * pattern of the list that matches there); false when none. */
static bool find(const acc *ac, const char *low, size_t n, const char *const *w, size_t *at,
                 size_t *end)
{
    size_t first, len;
    if (trop_cv_word_find(ac->v, low, n, w, &first, NULL) < 0)
        return false;
    for (const char *const *p = w; *p; p++) {
        if (trop_word_at(low, n, first, *p, &len)) {
            *at = first;
            *end = first + len;
            return true;
        }
    }
    return false;
}

/* The kinds a unit states. label: the text its value stands under (a
 * column's header or a row's label), "" none; training: the unit is in a
 * section about training. */
static unsigned kinds_of(const acc *ac, const char *text, const char *low, size_t n,
                         const char *llow, size_t ln, unsigned sec)
{
    /* Every kind needs one of its keywords in the unit or its label, and
     * most units have none: the view's word index tells at once, from the
     * words of the block (the rule took 59.4 M instructions on the 55
     * corpus cards with a word mask of each unit, 37.0 M so). */
    if (!has(ac, low, n, unit_keys) && !has(ac, llow, ln, label_keys))
        return 0;
    bool training = sec & TROP_SEC_TRAINING, data = sec & TROP_SEC_DATA;
    unsigned k = 0;
    size_t a, e;
    bool train = training || has(ac, low, n, train_words) || has(ac, llow, ln, train_words);
    /* the keyword in the unit, or in its label with the value in the unit */
    if (has(ac, low, n, optimizers) &&
        (train || has(ac, low, n, optimizer_keys) || has(ac, llow, ln, optimizer_keys)))
        k |= TROP_HP_OPTIMIZER;
    if ((find(ac, low, n, lr_keys, &a, &e) &&
         (number_near(text, n, e, 60, false) || has(ac, low, n, schedules))) ||
        (has(ac, llow, ln, lr_keys) && (trop_has_number(text, n) || has(ac, low, n, schedules))))
        k |= TROP_HP_LR;
    if ((find(ac, low, n, batch_keys, &a, &e) &&
         (number_near(text, n, e, 40, false) || number_near(text, n, a, 16, true))) ||
        (has(ac, llow, ln, batch_keys) && trop_has_number(text, n)))
        k |= TROP_HP_BATCH;
    /* a count of tokens, steps or epochs said of training, or under a label
     * that names one ("Training tokens | 2T", "Token count | 15T+") */
    if (((train || data) && find(ac, low, n, length_units, &a, &e) &&
         (number_near(text, n, a, 24, true) || number_near(text, n, e, 24, false))) ||
        (has(ac, llow, ln, length_units) && trop_has_number(text, n)))
        k |= TROP_HP_LENGTH;
    if ((find(ac, low, n, seq_keys, &a, &e) &&
         (number_near(text, n, e, 40, false) || number_near(text, n, a, 16, true))) ||
        (has(ac, llow, ln, seq_keys) && trop_has_number(text, n)) ||
        (find(ac, low, n, context_word, &a, &e) &&
         (number_near(text, n, e, 8, false) || number_near(text, n, a, 8, true))))
        k |= TROP_HP_SEQ;
    /* "Context length: 128K tokens": the tokens are the sequence's */
    if ((k & TROP_HP_SEQ) && !has(ac, low, n, counted) && !has(ac, llow, ln, counted) &&
        !has(ac, low, n, train_words))
        k &= ~(unsigned)TROP_HP_LENGTH;
    if (has(ac, low, n, precisions) &&
        (train || trop_word_has(low, n, "precision") || trop_word_has(llow, ln, "precision")))
        k |= TROP_HP_PRECISION;
    return k;
}

static void found(acc *a, unsigned k, const char *text, size_t n, int64_t line)
{
    for (unsigned i = 0; i < TROP_HP_KINDS && !a->rc; i++) {
        unsigned bit = 1u << i;
        if (!(k & bit) || (a->kinds & bit))
            continue;
        a->kinds |= bit;
        a->rc = trop_mfound_add(a->out, text, n, NULL, hp_names[i], line);
    }
}

/* ---- scope ----------------------------------------------------------------------------- */

static bool out_of_scope(const trop_cardview *v, const trop_card_block *b)
{
    unsigned kind = trop_cardview_kind(v, b);
    return kind & (TROP_SEC_USAGE | TROP_SEC_EVAL | TROP_SEC_FINETUNE | TROP_SEC_OTHERS |
                   TROP_SEC_CITATION | TROP_SEC_CONTACT | TROP_SEC_ADVICE | TROP_SEC_LICENSE);
}

/* About another model only. */
static bool others_only(const trop_cardview *v, const char *text, size_t n)
{
    return trop_mentions_other(v, text, n) && !trop_mentions_self(v, text, n);
}

/* ---- tables ---------------------------------------------------------------------------- */

#define MAX_CELLS 24

typedef struct cells {
    size_t at[MAX_CELLS], len[MAX_CELLS];
    size_t n;
} cells;

static void split_cells(const char *s, size_t n, cells *c)
{
    c->n = 0;
    size_t start = 0;
    for (size_t i = 0; i <= n && c->n < MAX_CELLS; i++) {
        /* cells are joined by " | "; a row of an HTML table whose first cell
         * is empty starts with "| " */
        if (i < n && !(s[i] == '|' && (i == 0 || s[i - 1] == ' ') && (i + 1 == n || s[i + 1] == ' ')))
            continue;
        size_t a = start, e = i;
        while (a < e && s[a] == ' ')
            a++;
        while (e > a && s[e - 1] == ' ')
            e--;
        c->at[c->n] = a;
        c->len[c->n++] = e - a;
        start = i + 1;
    }
}

/* Is t[0..n) (folded, one word) a size: "7b", "1.3b", "111m", "8x7b"? */
static bool is_size(const char *t, size_t n)
{
    size_t k = 0;
    while (k < n && ((t[k] >= '0' && t[k] <= '9') || t[k] == '.' || (k && t[k] == 'x')))
        k++;
    return k && k + 1 == n && (t[n - 1] == 'b' || t[n - 1] == 'm');
}

/* The first size among the words of the folded f (into out), false none. */
static bool size_in(const char *f, char out[16])
{
    for (const char *p = f; *p;) {
        size_t n = strcspn(p, " ");
        if (n < 16 && is_size(p, n)) {
            memcpy(out, p, n);
            out[n] = '\0';
            return true;
        }
        p += n;
        while (*p == ' ')
            p++;
    }
    return false;
}

/* The card's model's size ("7b"), "" unknown. */
static void self_size(const trop_cardview *v, char out[16])
{
    out[0] = '\0';
    for (size_t i = 0; i < v->id.nnames; i++)
        if (size_in(v->id.names[i], out))
            return;
}

/* Does a cell name a model: this one (1), another (2), or none (0)? A size
 * ("7B", "OLMo 1B") decides when the card's model has one. */
static int model_cell(const trop_cardview *v, const char *own_size, const char *s, size_t n)
{
    if (!n)
        return 0;
    char f[64], size[16];
    trop_fold(s, n < sizeof f - 1 ? n : sizeof f - 1, f, sizeof f);
    bool sized = size_in(f, size);
    bool self = trop_mentions_self(v, s, n) || trop_identity_is_self(&v->id, s, n);
    if (sized && *own_size && (self || !trop_mentions_other(v, s, n)))
        return strcmp(size, own_size) ? 2 : 1;
    if (self)
        return 1;
    if (trop_mentions_other(v, s, n))
        return 2;
    return sized ? 2 : 0;
}

/* A row of a table: a GFM row block, or a line of an HTML table the reader
 * joined into one paragraph. */
typedef struct row {
    const char *text, *low;
    size_t len;
    int64_t line;
    unsigned sec; /* what its section is about */
} row;

#define MAX_ROWS 256

/* One table; rows[0] is its header when header. */
static void table(const trop_cardview *v, const row *rows, size_t nrows, bool header, acc *a)
{
    cells head = {.n = 0};
    char own[16];
    self_size(v, own);
    if (header && nrows)
        split_cells(rows[0].text, rows[0].len, &head);
    /* columns of models: keep this model's only */
    int keep_col = -1, model_cols = 0;
    for (size_t j = 1; j < head.n; j++) {
        int m = model_cell(v, own, rows[0].text + head.at[j], head.len[j]);
        model_cols += m != 0;
        if (m == 1 && keep_col < 0)
            keep_col = (int)j;
    }
    if (model_cols >= 2 && keep_col < 0)
        return; /* a comparison of other models */
    /* a cell's keyword is in its row, its label in the header or the
     * row's first cell: a row without either states nothing */
    bool head_keys = head.n && has(a, rows[0].low, rows[0].len, label_keys);
    for (size_t r = header ? 1 : 0; r < nrows && !a->rc; r++) {
        const row *b = &rows[r];
        cells c;
        split_cells(b->text, b->len, &c);
        if (!c.n)
            continue;
        if (!head_keys && !has(a, b->low, b->len, unit_keys) &&
            !has(a, b->low + c.at[0], c.len[0], label_keys))
            continue;
        /* a row of another model: its name, or a size of its own */
        if (model_cols < 2) {
            int rm = model_cell(v, own, b->text + c.at[0], c.len[0]);
            for (size_t j = 1; j < c.n && !rm && *own; j++) {
                char f[16];
                size_t fl = trop_fold(b->text + c.at[j], c.len[j] < 15 ? c.len[j] : 15, f, sizeof f);
                if (is_size(f, fl))
                    rm = strcmp(f, own) ? 2 : 1;
            }
            if (rm == 2)
                continue;
        }
        for (size_t j = 0; j < c.n && !a->rc; j++) {
            if (model_cols >= 2 && j != 0 && (int)j != keep_col)
                continue;
            const char *t = b->text + c.at[j], *tl = b->low + c.at[j];
            size_t n = c.len[j];
            /* under its column's header, or beside its row's label */
            const char *hl = j < head.n ? rows[0].low + head.at[j] : "";
            size_t hn = j < head.n ? head.len[j] : 0;
            unsigned k = 0;
            if (j) {
                k |= kinds_of(a, t, tl, n, hl, hn, b->sec);
                k |= kinds_of(a, t, tl, n, b->low + c.at[0], c.len[0], b->sec);
            } else if (c.n == 1) {
                k |= kinds_of(a, t, tl, n, "", 0, b->sec);
            }
            if (k)
                found(a, k, b->text, b->len, b->line);
        }
    }
}

/* The GFM table whose rows start at block first: its end. */
static size_t gfm_table(const trop_cardview *v, size_t first, acc *a)
{
    const trop_card_body *body = v->body;
    row rows[MAX_ROWS];
    size_t n = 0, end = first;
    for (; end < body->nblocks && body->blocks[end].kind == TROP_BLOCK_ROW &&
           body->blocks[end].table == body->blocks[first].table;
         end++) {
        const trop_card_block *b = &body->blocks[end];
        if (n < MAX_ROWS && !out_of_scope(v, b))
            rows[n++] = (row){b->text, v->lower[end], b->len, (int64_t)b->line,
                              trop_cardview_kind(v, b)};
    }
    table(v, rows, n, body->blocks[first].row == 0, a);
    return end;
}

/* A paragraph that is an HTML table: lines of cells joined by " | ". */
static bool html_table(const trop_cardview *v, size_t bi, acc *a)
{
    const trop_card_block *b = &v->body->blocks[bi];
    const char *nl = memchr(b->text, '\n', b->len);
    if (!nl || !memmem(b->text, (size_t)(nl - b->text), " | ", 3))
        return false;
    row rows[MAX_ROWS];
    size_t n = 0;
    unsigned sec = trop_cardview_kind(v, b);
    for (size_t at = 0; at < b->len && n < MAX_ROWS;) {
        const char *e = memchr(b->text + at, '\n', b->len - at);
        size_t len = e ? (size_t)(e - b->text) - at : b->len - at;
        /* the header's first cell may be empty: keep the columns aligned */
        rows[n++] = (row){b->text + at, v->lower[bi] + at, len, (int64_t)b->line, sec};
        at += len + 1;
    }
    table(v, rows, n, true, a);
    return true;
}

/* ---- prose ------------------------------------------------------------------------------- */

static void prose(const trop_cardview *v, size_t bi, acc *a)
{
    const trop_card_block *b = &v->body->blocks[bi];
    const char *low = v->lower[bi];
    unsigned sec = trop_cardview_kind(v, b);
    const char *label = b->key_len ? low : "";
    size_t ll = b->key_len;
    /* sentences begin and end between words: a block without a keyword
     * has no sentence with one (see kinds_of) */
    if (!has(a, low, b->len, unit_keys) && !has(a, label, ll, label_keys))
        return;
    trop_span sp[128];
    size_t ns = trop_cv_sentences(v, bi, sp, sizeof sp / sizeof *sp);
    for (size_t i = 0; i < ns && !a->rc; i++) {
        const char *t = b->text + sp[i].at;
        /* what it states first: few sentences state any, and which models
         * they speak of costs more to tell */
        unsigned k = kinds_of(a, t, low + sp[i].at, sp[i].len, label, ll, sec);
        if (k && !others_only(v, t, sp[i].len))
            found(a, k, t, sp[i].len, (int64_t)b->line);
    }
}

/* A training command's flags ("--num_epochs=10 --learning_rate=3e-4"). */
static void command(const trop_cardview *v, size_t bi, acc *a)
{
    const trop_card_block *b = &v->body->blocks[bi];
    const char *low = v->lower[bi];
    if (!strstr(b->text, "--") || !trop_cv_word_has(v, low, b->len, runs))
        return;
    /* each flag with its value, as a unit */
    for (const char *p = strstr(b->text, "--"); p && !a->rc; p = strstr(p + 2, "--")) {
        size_t at = (size_t)(p - b->text) + 2;
        size_t e = at;
        while (e < b->len && b->text[e] != ' ' && b->text[e] != '\n' && b->text[e] != '\\')
            e++;
        char unit[128];
        size_t un = e - at < sizeof unit - 1 ? e - at : sizeof unit - 1;
        for (size_t i = 0; i < un; i++)
            unit[i] = b->text[at + i] == '_' || b->text[at + i] == '=' ? ' ' : b->text[at + i];
        unit[un] = '\0';
        char ulow[128];
        trop_lower(unit, un, ulow);
        ulow[un] = '\0';
        unsigned k = kinds_of(a, unit, ulow, un, "", 0, TROP_SEC_TRAINING);
        if (k)
            found(a, k, b->text + at - 2, e - at + 2, (int64_t)b->line);
    }
}

/* ---- dataset processing steps -------------------------------------------------------------- */

static const char *const operations[] = {"filter*", "dedup*", "de duplicat*", "minhash",
                                         "language id*", "language identification",
                                         "perplexity", "quality classifier", "quality filter*",
                                         "quality score*", "classifier", "pii",
                                         "threshold*", "n gram*", "grams", "remov*", "hash*",
                                         "lsh", "bloom filter", "discard*", "exclud*", "drop*",
                                         NULL};

const char *const *const trop_method_proc_wordlists[] = {
    optimizers, optimizer_keys, lr_keys,    schedules, batch_keys, length_units, seq_keys,
    context_word, precisions,   train_words, unit_keys, label_keys, counted,     runs,
    operations, NULL};

/* A number that is a setting: not a year alone, not in a URL. */
static bool setting(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if ((s[i] == 'h' && n - i > 7 && !strncmp(s + i, "http", 4)) ||
            (s[i] == 'w' && n - i > 4 && !strncmp(s + i, "www.", 4))) {
            while (i < n && s[i] != ' ')
                i++; /* a URL's digits are not settings */
            continue;
        }
        /* at the start of a number only ("5-grams", "14x8": each its own) */
        if (s[i] < '0' || s[i] > '9' ||
            (i && (s[i - 1] == '.' || (trop_word_byte((unsigned char)s[i - 1]) && s[i - 1] != 'x'))))
            continue;
        double v;
        size_t e = trop_number(s, n, i, &v, NULL);
        if (!e)
            continue;
        size_t digits = 0;
        while (i + digits < n && s[i + digits] >= '0' && s[i + digits] <= '9')
            digits++;
        bool year = digits == 4 && (i + 4 == n || (s[i + 4] != '.' && s[i + 4] != ',' &&
                                                   s[i + 4] != '%')) &&
                    atoi(s + i) >= 1900 && atoi(s + i) <= 2100;
        if (!year)
            return true;
        i += e - 1; /* past the number (the loop steps one more) */
    }
    return false;
}

static int processing(const trop_cardview *v, trop_mfounds *out, unsigned *kinds)
{
    for (size_t bi = 0; bi < v->body->nblocks; bi++) {
        const trop_card_block *b = &v->body->blocks[bi];
        /* sentences and items: a table's numbers are counts (classes, sizes) */
        if ((b->kind != TROP_BLOCK_PARA && b->kind != TROP_BLOCK_ITEM) || out_of_scope(v, b))
            continue;
        const char *low = v->lower[bi];
        if (!trop_cv_word_has(v, low, b->len, operations))
            continue;
        trop_span sp[128];
        size_t ns = trop_cv_sentences(v, bi, sp, sizeof sp / sizeof *sp);
        for (size_t i = 0; i < ns; i++) {
            const char *t = b->text + sp[i].at;
            if (trop_cv_word_has(v, low + sp[i].at, sp[i].len, operations) &&
                setting(t, sp[i].len)) {
                *kinds = 1;
                return trop_mfound_add(out, t, sp[i].len, NULL,
                                       "a processing step of the dataset with its setting",
                                       (int64_t)b->line);
            }
        }
    }
    return 0;
}

int trop_method_procedure(const trop_cardview *v, trop_mfounds *out, unsigned *kinds)
{
    *kinds = 0;
    if (!v->card)
        return 0;
    if (v->dataset)
        return processing(v, out, kinds);
    acc a = {.v = v, .out = out};
    const trop_card_body *body = v->body;
    for (size_t bi = 0; bi < body->nblocks && !a.rc;) {
        const trop_card_block *b = &body->blocks[bi];
        if (b->kind == TROP_BLOCK_ROW) {
            bi = gfm_table(v, bi, &a);
            continue;
        }
        if (!out_of_scope(v, b)) {
            if (b->kind == TROP_BLOCK_CODE)
                command(v, bi, &a);
            else if (b->kind != TROP_BLOCK_HEADING && !html_table(v, bi, &a))
                prose(v, bi, &a);
        }
        bi++;
    }
    *kinds = a.kinds;
    return a.rc;
}

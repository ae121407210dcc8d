/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Private to lib/judge: reading a card's prose. The card reader gives the
 * body as blocks of plain text (lib/read/facts.h); the rules of the criteria
 * read sentences out of them with these helpers, and the card view says
 * what each section is about and which model the card describes.
 *
 * Matching is by whole words on text folded to lower case (the view keeps a
 * folded copy of every block, at the same offsets): a word is a run of
 * letters, digits and non-ASCII bytes, so "train" is not found in
 * "constraint", and "llama" not in "openllama". A pattern may end in '*' to
 * match any word that starts with it ("train*": training, trained), and a
 * space in a pattern matches any run of white space, hyphens or
 * underscores ("fine tun*": fine-tuned; "finetun*" is another pattern).
 */
#ifndef TROP_PROSE_H
#define TROP_PROSE_H

#include "judge.h"

/* ---- Words ------------------------------------------------------------------------ */

/* A letter, a digit or a non-ASCII byte, by table: every rule asks it of
 * every byte it reads (the 55 corpus cards: 85 M instructions by ranges). */
extern const bool trop_word_bytes[256];
static inline bool trop_word_byte(unsigned char c)
{
    return trop_word_bytes[c];
}

/* Where pattern first matches in the folded text s[0..n) as whole words, at
 * or after from; -1 when nowhere. *len gets the match's length. */
long trop_word_find(const char *s, size_t n, size_t from, const char *pattern, size_t *len);
/* Does pattern match s[0..n) at offset at, as a word? *len its length. */
bool trop_word_at(const char *s, size_t n, size_t at, const char *pattern, size_t *len);
static inline bool trop_word_has(const char *s, size_t n, const char *pattern)
{
    size_t len;
    return trop_word_find(s, n, 0, pattern, &len) >= 0;
}
/* Does one of a NULL-terminated list of patterns match: the index of one
 * that does, -1 when none. With at (may be NULL), the one that matches
 * first in s, its offset in *at. */
long trop_word_any(const char *s, size_t n, const char *const *patterns, size_t *at);

/* A quick test before many patterns are looked for in one text: a filter of
 * its words, and whether a pattern may match given it (a false answer is
 * sure, a true one is to be checked). */
typedef struct trop_wmask {
    uint64_t bits[4]; /* a set of the words' first two bytes, hashed */
} trop_wmask;
trop_wmask trop_word_mask(const char *s, size_t n);
/* The bit of a word beginning (its first two bytes, the second 0 for a
 * word of one byte) in a trop_wmask. */
static inline unsigned trop_wmask_bit(unsigned char c0, unsigned char c1)
{
    return (c0 * 37u + c1) & 255u;
}
/* Inline: the rules ask it of each of their patterns, hundreds of
 * thousands of times a corpus. */
static inline bool trop_word_may(const trop_wmask *m, const char *pattern)
{
    unsigned char c0 = (unsigned char)pattern[0], c1 = (unsigned char)pattern[1];
    if (!trop_word_byte(c0))
        return true; /* not anchored at a word start */
    unsigned k = trop_wmask_bit(c0, trop_word_byte(c1) ? c1 : 0);
    return (m->bits[k / 64] >> (k % 64)) & 1;
}
/* The beginnings of patterns' first words, as a mask: a text's mask meets
 * it when trop_word_may() holds for one of them (a sure no otherwise).
 * Adds to *keys; false when a pattern starts with no word byte (it may
 * match anywhere, and the mask cannot tell). */
bool trop_word_keys(trop_wmask *keys, const char *const *patterns);
static inline bool trop_wmask_meets(const trop_wmask *a, const trop_wmask *b)
{
    return ((a->bits[0] & b->bits[0]) | (a->bits[1] & b->bits[1]) | (a->bits[2] & b->bits[2]) |
            (a->bits[3] & b->bits[3])) != 0;
}
/* trop_word_any() with the mask of s[0..n) (or of a text holding it that
 * begins between words where s does, or NULL): for several lists over one
 * text, the mask made once. */
long trop_word_any_m(const char *s, size_t n, const char *const *patterns, size_t *at,
                     const trop_wmask *m);

/* Does a word of the folded text s[0..n) start with one of the stems (a
 * NULL-terminated list)? One pass over s: a cheap test before searching
 * phrases built on those words. */
bool trop_word_stem_any(const char *s, size_t n, const char *const *stems);

/* s[0..n) folded to lower case into out (n bytes). */
void trop_lower(const char *s, size_t n, char *out);

/* ---- Sentences --------------------------------------------------------------------- */

typedef struct trop_span {
    size_t at, len;
} trop_span;

/* The sentences of s[0..n): cut at a line break, and after '.', '!' or
 * '?' followed by white space and an upper case letter, a digit, a quote
 * or a bracket (not after "e.g.", "i.e.", "et al.", "vs." or a single
 * letter, not inside a number); at most max. Returns how many. */
size_t trop_sentences(const char *s, size_t n, trop_span *out, size_t max);

/* The sentence of s[0..n) around offset at (at most TROP_SENTENCE_REACH
 * bytes each side of it). */
#define TROP_SENTENCE_REACH 2048
trop_span trop_sentence_at(const char *s, size_t n, size_t at);

/* ---- Numbers ------------------------------------------------------------------------- */

/* A number written at s[i] ("3e-4", "2,048", "1.5", "2T", "0.97 x 10-5",
 * "4M", "1e^-6"): its end (bytes taken) or 0. *value gets it, scaled by a
 * K/M/B/T suffix when mult is not NULL (*mult set to the factor). */
size_t trop_number(const char *s, size_t n, size_t i, double *value, double *mult);
/* Is there a number in s[0..n)? */
bool trop_has_number(const char *s, size_t n);

/* ---- The card view ------------------------------------------------------------------- */

/* What a section is about, from the words of its heading (bits). */
enum {
    TROP_SEC_LICENSE = 1u << 0,   /* licence, terms of use */
    TROP_SEC_ADVICE = 1u << 1,    /* uses, limitations, risks, bias, out of scope */
    TROP_SEC_USAGE = 1u << 2,     /* how to use, inference, quick start, download */
    TROP_SEC_EVAL = 1u << 3,      /* evaluation, results, benchmarks */
    TROP_SEC_TRAINING = 1u << 4,  /* training, procedure, hyperparameters */
    TROP_SEC_DATA = 1u << 5,      /* training data, datasets */
    TROP_SEC_CITATION = 1u << 6,  /* citation, BibTeX, references */
    TROP_SEC_FINETUNE = 1u << 7,  /* how to fine-tune it yourself */
    TROP_SEC_CREATION = 1u << 8,  /* a dataset's creation, curation, processing */
    TROP_SEC_OTHERS = 1u << 9,    /* other models: family, siblings, comparisons */
    TROP_SEC_CONTACT = 1u << 10   /* acknowledgements, contributions, contact */
};

/* Which model (or dataset) the card describes. */
#define TROP_CV_MAX_NAMES 8
typedef struct trop_identity {
    char names[TROP_CV_MAX_NAMES][128]; /* folded: lower case, no space, '-', '_' or '.' */
    size_t nnames;
    char org[64]; /* the owner of its own Hub ids, lower case; "" unknown */
    char self[TROP_HUB_ID_MAX]; /* its own Hub id when known */
} trop_identity;

/* What the view learns of its blocks as rules ask: their sentences, word
 * masks, and words to look word lists up in (wordindex.c). */
typedef struct trop_wordindex trop_wordindex;

typedef struct trop_cardview {
    const trop_card_facts *card;
    const trop_card_body *body;     /* never NULL when card is set */
    char **lower;                   /* per block: its text folded to lower case */
    char *lower_pool;               /* where those texts are */
    const char *path;               /* the card's artifact path */
    unsigned *sec_kind;             /* per section: what it is about, its parents' if none */
    unsigned *sec_own;              /* per section: what its own heading says */
    trop_identity id;
    bool dataset;
    trop_wordindex *words; /* filled as rules ask: the view is theirs alone */
} trop_cardview;

/* Makes the view of a card (NULL: none) of a release named rel_name, a
 * dataset's card or a model's. 0 or TRO_ENOMEM. */
int trop_cardview_init(trop_cardview *v, const tro_artifact *card, bool dataset,
                       const char *rel_name);
void trop_cardview_free(trop_cardview *v);
/* What the section of block b is about. */
unsigned trop_cardview_kind(const trop_cardview *v, const trop_card_block *b);
/* The kind bits a heading's text gives. */
unsigned trop_heading_kind(const char *title, size_t n, bool dataset);
/* The pattern of heading rule i, NULL past the last (for tests). */
const char *trop_heading_pattern(size_t i);

/* Which of patterns matches s[0..n) first (the longest at that place, the
 * first pattern of a tie): its index, -1 none; *at its offset and *len its
 * length (either may be NULL). When s is (part of) a block's folded text
 * of the view and starts and ends between words, answered from the
 * block's words; any other text the plain way, with the same answers. */
long trop_cv_word_find(const trop_cardview *v, const char *s, size_t n,
                       const char *const *patterns, size_t *at, size_t *len);
bool trop_cv_word_has(const trop_cardview *v, const char *s, size_t n,
                      const char *const *patterns);
/* The sentences of block bi, as trop_sentences(b->text, b->len, out, max)
 * gives them: cut once per view, whichever rule asks first (its first 256
 * kept: an ask for more, of a block of more, is cut again). */
size_t trop_cv_sentences(const trop_cardview *v, size_t bi, trop_span *out, size_t max);
/* trop_word_mask() of block bi's folded text, made once per view. */
trop_wmask trop_cv_mask(const trop_cardview *v, size_t bi);
int trop_wordindex_new(trop_wordindex **out, size_t nblocks);
/* The lists each file of rules asks the word index (NULL-ended tables of
 * NULL-ended lists): compiled once per process instead of once per card.
 * A list asked but not listed gives the same answers, compiled per card. */
extern const char *const *const trop_terms_wordlists[];
extern const char *const *const trop_method_proc_wordlists[];
extern const char *const *const trop_bases_wordlists[];
extern const char *const *const trop_dsaccess_wordlists[];
extern const char *const *const trop_datatext_wordlists[];
void trop_wordindex_free(trop_wordindex *x);
/* How many lists x compiled itself, not finding them in the tables above
 * (0 when every list the rules asked is listed there). */
size_t trop_wordindex_own_lists(const trop_wordindex *x);

/* Is the folded form of s[0..n) one of the card's names, or does it name
 * another model? (version-aware: "qwen2" is not "qwen25"). */
bool trop_identity_is_self(const trop_identity *id, const char *s, size_t n);
/* Does s[0..n) (its first 1 KiB) name the card's model: one of its names,
 * or a name without its size and variant ("OLMo" for "OLMo-7B")? */
bool trop_identity_in(const trop_identity *id, const char *s, size_t n);
/* Does text[0..n) name a model other than the card's: a capitalised name
 * with a digit in it ("DeepSeek-R1-Distill-Llama-8B", "GPT-J") that is not
 * one of its names? */
bool trop_names_other_model(const trop_identity *id, const char *text, size_t n);
/* Folds s[0..n) into out (lower case, without ' ', '-', '_', '.'): its
 * length (at most cap - 1). */
size_t trop_fold(const char *s, size_t n, char *out, size_t cap);

#endif

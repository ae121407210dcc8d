/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Private interface of the licence knowledge (lib/license). The judge uses these
 * trop_ functions directly; everything else goes through <trulyopen/license.h>.
 * The tables (trop_*_table) are generated at build time from the TSV files in data/ by
 * gen-table.py and are constant: every function here is thread-safe.
 */
#ifndef TROP_LICENSE_H
#define TROP_LICENSE_H

#ifndef TRO_BUILDING
#error "lib/license/license.h is private to libtrulyopen"
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <trulyopen.h>

/* ---- Generated tables (license-table.c) ---------------------------------- */
typedef struct trop_lic {
    const char *id; /* canonical case */
    const char *name;
    const char *reason;      /* why this category */
    const char *replaced_by; /* expression replacing a deprecated id, or NULL */
    uint16_t flags;          /* TRO_LICENSE_SPDX .. TRO_LICENSE_MOF_OPEN */
    uint8_t category;        /* tro_license_category */
} trop_lic;

typedef struct trop_exc {
    const char *id;
    uint8_t deprecated;
} trop_exc;

/* A key -> expression mapping (names by normalised key, HF ids, file names). */
typedef struct trop_alias {
    const char *key;
    const char *raw; /* as written in the data file */
    const char *expr;
} trop_alias;

/* The name keys that have a word (trop_spdx_name_word_keys[first..+count]). */
typedef struct trop_name_word {
    const char *word;
    uint16_t first, count;
} trop_name_word;

typedef struct trop_url {
    const char *pattern; /* normalised URL glob; "*" matches any run */
    const char *expr;    /* or "$id": look up what the final "*" matched */
    size_t len, host_len; /* of the pattern and of its host (no "*" there) */
    size_t seg_len;       /* of "host/segment" when it holds no "*", else 0 */
} trop_url;

typedef struct trop_clause_rule {
    const char *rule;
    const char *reason;
    uint8_t category;
    uint8_t added_only; /* only in text added to a recognised licence */
} trop_clause_rule;

typedef struct trop_fingerprint {
    const char *expr;
} trop_fingerprint;

/* Phrases compiled at build time: the hashes of their words (0: "*", up to
 * six words), each phrase's group (a clause rule, a fingerprint) and flag
 * (a veto, an excluded sentence), and the unflagged ones by the hash of their
 * first word, with a filter of those hashes (bit hash % 4096). */
typedef struct trop_phrase_def {
    uint16_t group;
    uint32_t off;
    uint8_t n, flag;
} trop_phrase_def;
typedef struct trop_phrase_first {
    uint64_t hash;
    uint32_t phrase;
} trop_phrase_first;
typedef struct trop_phrase_set {
    const uint64_t *words;
    const trop_phrase_def *phrases;
    size_t nphrases;
    const trop_phrase_first *first;
    size_t nfirst;
    uint64_t bloom[64];
} trop_phrase_set;

extern const char trop_spdx_list_version[];
extern const trop_lic trop_lic_table[]; /* sorted by id, ignoring case */
extern const size_t trop_lic_count;
extern const trop_exc trop_exc_table[]; /* sorted by id, ignoring case */
extern const size_t trop_exc_count;
extern const trop_alias trop_hf_table[]; /* sorted by lowercase HF id */
extern const size_t trop_hf_count;
extern const trop_alias trop_scancode_table[]; /* sorted by lowercase ScanCode key */
extern const size_t trop_scancode_count;
extern const trop_alias trop_scancode_name_table[]; /* ScanCode's names, sorted by key (strcmp) */
extern const size_t trop_scancode_name_count;
extern const trop_alias trop_name_table[]; /* sorted by key (strcmp) */
extern const trop_alias trop_spdx_name_keys[]; /* key of each SPDX licence's name, expr its id */
extern const size_t trop_spdx_name_key_count;
extern const char *const trop_spdx_name_key_extra[]; /* of each key: id words, "abbr:word,word" */
extern const uint64_t trop_spdx_name_key_bits[]; /* of each key, 1 << trop_word_bit of its words */
extern const uint32_t trop_spdx_name_key_flat[]; /* trop_flat_hash of each key without spaces */
extern const trop_name_word trop_spdx_name_words[]; /* words of keys and extras, by strcmp */
extern const size_t trop_spdx_name_word_count;
/* trop_spdx_name_words by trop_flat_hash: index + 1 (0: empty) at the hash
 * modulo the count (a power of two), or the next slot on. */
extern const uint16_t trop_spdx_name_word_slots[];
extern const size_t trop_spdx_name_word_slot_count;
extern const uint16_t trop_spdx_name_word_keys[]; /* key indices, ascending per word */
extern const uint16_t trop_spdx_name_flat_order[]; /* key indices by flat hash, then index */
uint32_t trop_flat_hash(const char *text);
unsigned trop_word_bit(const char *word);
extern const size_t trop_name_count;
extern const trop_url trop_url_table[]; /* grouped by host, sorted by it */
extern const size_t trop_url_count;
extern const trop_clause_rule trop_clause_table[];
extern const size_t trop_clause_count;
extern const trop_phrase_set trop_clause_set; /* group: rule; flag: veto */
extern const trop_fingerprint trop_fingerprint_table[];
extern const size_t trop_fingerprint_count;
extern const trop_phrase_set trop_fingerprint_set; /* group: fingerprint; flag: excluded */
extern const trop_alias trop_template_name_table[]; /* sorted by file name */
extern const size_t trop_template_name_count;

/* ---- Limits --------------------------------------------------------------- */
#define TROP_EXPR_MAX_LEN 65536u      /* bytes in one expression or name */
#define TROP_EXPR_MAX_DEPTH 64u       /* parentheses and substitutions */
#define TROP_EXPR_MAX_TERMS 1024u     /* licences in one expression */
#define TROP_TEXT_MAX_LEN (16u << 20) /* a licence text given to identify */
#define TROP_TEXT_SCAN_LEN (1u << 20) /* the part of it that is analysed */
#define TROP_NAME_KEY_MAX 256u

/* ---- Lookups (lookup.c) ---------------------------------------------------- */
const trop_lic *trop_lic_find(const char *id, size_t len); /* any case; NULL if not */
const trop_exc *trop_exc_find(const char *id, size_t len);
const char *trop_hf_find(const char *id, size_t len);     /* expression or NULL */
const char *trop_scancode_find(const char *key, size_t len); /* expression or NULL */
const char *trop_name_find(const char *text, size_t len); /* via trop_name_key() */
const char *trop_name_find_key(const char *key);
const char *trop_scancode_name_find_key(const char *key); /* ScanCode's names only */
/* The one SPDX licence whose name has every word of text, and whose other
 * words are only "generic", "unported", "international", "public" or a
 * version text does not give ("IBM Public License": IPL-1.0); NULL when no
 * licence or several do. Words of text must all be the name's, its id's,
 * initials of a run of its words ("Non-Profit OSL 3.0"), fillers ("for",
 * "with"), or a first version or year where the licence has no number, so
 * that "... Non-Commercial" never reads as a licence without it. Failing
 * that, the licence of which text gives the most words, when it gives at
 * least half and says it is a licence. */
const char *trop_name_find_words(const char *text, size_t len);
/* The name keys (indices of trop_spdx_name_keys, ascending) that have word
 * among their words or their extra words' heads; *n of them. */
const uint16_t *trop_name_keys_with(const char *word, size_t *n);
/* The name keys whose trop_spdx_name_key_flat is flat_hash, ascending. */
const uint16_t *trop_name_keys_flat(uint32_t flat_hash, size_t *n);
/* URL -> expression (static) or NULL; for "$id" patterns *capture receives the
 * looked-up expression. */
const char *trop_url_find(const char *url, size_t len);
/* Removes from host[0..hn) a user ("user@"), a port (":443") and final dots;
 * returns its new length. */
size_t trop_url_host_clean(char *host, size_t hn);
/* Whether some licence URL of the table is on url's host. */
bool trop_url_host_known(const char *url, size_t len);
/* Category of licence id (TRO_LICENSE_UNKNOWN when not in the table). */
int trop_lic_category_of(const char *id);
/* True when the category lets a model be used for any purpose. */
bool trop_category_free(tro_license_category cat);
/* Whether id (one licence) is of family: a version of LicenseRef-trulyopen-<x>-family
 * (an id "<x>-<digit>...": CC-BY-NC-4.0 of cc-by-nc, not CC-BY-NC-SA-4.0), or a
 * public-domain dedication for LicenseRef-trulyopen-public-domain. */
bool trop_license_family_member(const char *family, const char *id);
/* Whether id is LicenseRef-trulyopen-<x>-family: a family named without its version. */
bool trop_license_is_family(const char *id);
/* Flags TRO_LICENSE_FREE* for a licence record (or NULL = unknown). */
unsigned trop_lic_flags(const trop_lic *lic);
/* Restrictiveness rank: lower is more restrictive (for AND/OR). */
int trop_category_rank(tro_license_category cat);

/* ---- Name keys (namekey.c) -------------------------------------------------
 * The normalised form names are compared in: lower case, words only, no "the",
 * "license", "agreement" or "version", "2.0" as "2" (same rules as gen-table.py).
 * Writes a NUL-terminated key into out (TROP_NAME_KEY_MAX bytes); returns its
 * length, 0 when the text has no significant word, -1 when it is too long. */
int trop_name_key(const char *text, size_t len, char *out);
/* The same words as separate tokens: up to max of them, each at most 63 bytes,
 * stored in toks[i] (NUL-terminated). Returns the count, -1 if too many. */
int trop_name_tokens(const char *text, size_t len, char (*toks)[64], int max);
/* A text's words, made once for the lookups that read them (its key, its
 * name by its words): up to TROP_NAME_WORDS_MAX; n is -1 when there are
 * more or one is too long; before counts them before an "or later" at the
 * end became "+". */
#define TROP_NAME_WORDS_MAX 48
typedef struct trop_name_words {
    char toks[TROP_NAME_WORDS_MAX][64];
    int n, before;
} trop_name_words;
void trop_name_words_of(const char *text, size_t len, trop_name_words *w);
/* trop_name_key() of those words. */
int trop_name_words_key(const trop_name_words *w, char *out);
/* trop_name_find_words() from the words of text, which it changes. */
const char *trop_name_find_words_of(const char *text, size_t len, trop_name_words *w);
/* Normalises a URL for trop_url_find(); returns its length, -1 if too long. */
int trop_url_normalise(const char *url, size_t len, char *out, size_t outsz);
/* Where normalisation starts reading url (past spaces, '<', '(', a scheme
 * and "www."), and whether it stops at c (query, fragment, quotes...). */
size_t trop_url_start(const char *url, size_t len);
bool trop_url_ends_at(char c);
/* The host normalisation rewrites host[0..hn) to, or NULL. */
const char *trop_url_host_alias(const char *host, size_t hn);

/* ---- SPDX expressions (spdx.c) ----------------------------------------------- */
typedef enum { TROP_EX_LICENSE, TROP_EX_AND, TROP_EX_OR } trop_ex_kind;
typedef struct trop_expr {
    trop_ex_kind kind;
    struct trop_expr *left, *right; /* AND / OR */
    char *id;                       /* LICENSE: canonical id or as written */
    bool plus;                      /* "or later" suffix */
    char *exception;                /* after WITH, or NULL */
    const trop_lic *lic;            /* NULL: not a known licence */
    const char *note;               /* why unknown, or how it was resolved */
    uint32_t exc_off;               /* byte offset of the exception in the parsed text */
    uint8_t exc_state;              /* TROP_EXC_*: what the WITH part turned out to be */
    uint8_t covers;                 /* TRO_LICENSE_COVERS_*: what the licence applies to */
    bool cat_set;                   /* cat (and note as reason) override the table's */
    uint8_t cat;                    /* tro_license_category, when cat_set */
    double conf;                    /* how sure the resolution is: 1 = an exact id */
} trop_expr;

/* What follows WITH: an exception on the SPDX list, an addition the tables do
 * not know (it may restrict: the licence is then judged unknown), or nothing
 * known at all (an error for the classifier; resolution leaves it in place). */
enum { TROP_EXC_NONE, TROP_EXC_KNOWN, TROP_EXC_UNKNOWN_ADDITION, TROP_EXC_BAD };

/* Parses an SPDX expression strictly (SPDX 2.3 / 3 grammar). Ids stay as written
 * but are resolved to table entries where known. Errors: TRO_EPARSE (err->offset
 * = byte position), TRO_ELIMIT, TRO_ENOMEM. */
int trop_spdx_parse(const char *text, size_t len, trop_expr **out, tro_error *err);
/* Resolves every licence: canonical case, deprecated ids replaced, Hugging Face
 * ids and names ("gplv3") mapped, LicenseRef-scancode-* keys mapped. */
int trop_expr_resolve(trop_expr **e, unsigned depth);
/* TRO_EPARSE (err names the addition and its byte offset plus base) when a
 * resolved expression has a WITH naming neither an SPDX exception, an
 * AdditionRef- nor a licence; 0 otherwise. */
int trop_expr_check(const trop_expr *e, size_t base, tro_error *err);
/* Confidence of an expression: the lowest of its licences'. */
double trop_expr_conf(const trop_expr *e);
/* Sets covers on every licence of e that has none yet. */
void trop_expr_set_covers(trop_expr *e, unsigned covers);
/* Lowers the confidence of every licence of e to at most c. */
void trop_expr_set_conf(trop_expr *e, double c);
/* Whether a resolved expression is free as the tables judge its licences. */
bool trop_expr_is_free(const trop_expr *e);
/* Canonical text of an expression; owned (free()). NULL on ENOMEM. */
char *trop_expr_print(const trop_expr *e);
trop_expr *trop_expr_leaf(const char *id, size_t len);
trop_expr *trop_expr_join(trop_ex_kind kind, trop_expr *l, trop_expr *r);
void trop_expr_free(trop_expr *e);
/* Parses and resolves a static expression from the tables (never fails but
 * for ENOMEM; an invalid table entry yields an unknown licence). */
int trop_expr_from_table(const char *expr, trop_expr **out);

/* ---- Results (result.c) --------------------------------------------------------- */
/* Builds a result from an expression (taken over, freed here). input and kind
 * are recorded for JSON. */
int trop_result_from_expr(trop_expr *e, const char *input, const char *kind,
                          tro_license_result **out);
int trop_result_add_evidence(tro_license_result *r, const char *kind, const char *text, size_t len,
                             int64_t offset);
/* What a full-text match found (tro_license_result_match()). */
typedef struct trop_match_info {
    char *template_id; /* owned by the result once set */
    double score;      /* bigram Dice of the text and the template */
    double coverage;   /* share of the template's words found in the text */
    uint32_t added;    /* words of the text the template does not have */
    uint32_t removed;  /* words of the template the text does not have */
} trop_match_info;
int trop_result_set_match(tro_license_result *r, const trop_match_info *m);
/* Overrides the verdict (text identification: restrictive clauses found). */
int trop_result_restrict(tro_license_result *r, tro_license_category cat, const char *reason);
void trop_result_set_confidence(tro_license_result *r, double c);
int trop_result_set_reason(tro_license_result *r, const char *reason);

/* ---- Classification (classify.c) -------------------------------------------------
 * Resolves a string (id, expression, HF id, name, URL, prose) to an expression.
 * Returns 0 with *out (NULL when nothing was recognised), or TRO_EPARSE when it
 * is an expression that does not parse, has unbalanced parentheses or a WITH
 * naming nothing known (err filled, offset in text), TRO_ELIMIT, ENOMEM. */
int trop_classify_expr(const char *text, size_t len, trop_expr **out, const char **kind,
                       tro_error *err);
/* One statement (no prose): URL, exact id, whole name, strict expression.
 * 0 with *out NULL when not recognised; TRO_EPARSE (err) when it does not
 * parse as an expression either. */
int trop_classify_item(const char *s, size_t n, trop_expr **out, const char **kind,
                       tro_error *err);
/* Trims white space, quotes and the brackets of a YAML list. */
void trop_trim(const char **s, size_t *n);
bool trop_looks_like_url(const char *s, size_t n);

/* ---- Prose (prose.c) ---------------------------------------------------------------
 * Several licences in words: "MIT (code), CC BY-NC 4.0 (weights)", "Apache 2.0
 * and MIT", "code: MIT; weights: OpenRAIL-M". Every part must be recognised;
 * each licence carries what its part says it covers. 0 with *out NULL when the
 * text is not such a list. */
int trop_prose(const char *s, size_t n, trop_expr **out);
/* A restriction stated in words ("research only", "for non-commercial use"),
 * found by the clause rules: 0 with *out a LicenseRef-trulyopen-<category>
 * licence, or *out NULL. */
int trop_stated_restriction(const char *s, size_t n, trop_expr **out);

/* ---- Words (normal.c) and phrases (phrase.c) -------------------------------------- */
typedef struct trop_tok {
    uint32_t off, len; /* bytes in the text */
    uint64_t h;        /* hash of the lower-cased word, variant spellings folded */
} trop_tok;

typedef struct trop_toks {
    trop_tok *v;
    size_t n;
} trop_toks;

/* Splits text into words as the SPDX matching guidelines compare them: case,
 * punctuation, bullets and list numbers ignored; letters of any script kept;
 * "2.0" one word; single letters and roman numerals dropped. For a text to
 * identify (input true), copyright statements starting a line are left out,
 * and so is a number starting a line. At most TROP_TEXT_SCAN_LEN bytes are
 * read. */
int trop_norm_split(const char *text, size_t len, bool input, trop_toks *out);
/* Whether the n bytes at s are a line that states a copyright, which
 * trop_norm_split leaves out of a text to identify. */
bool trop_copyright_line(const char *s, size_t n);
/* The length of the statement on such a line: the statement and its
 * holders' names, years and addresses ("Copyright 2024 Acme Corp." of
 * "Copyright 2024 Acme Corp. Licensed to Acme's customers." or of
 * "Copyright 2024 Acme Corp, for personal use"). */
size_t trop_copyright_statement_len(const char *s, size_t n);
/* Whether the full stop at s[i] ends an abbreviation or an initial ("Inc.",
 * "Ltd.", "J. Doe"), not a sentence. */
bool trop_abbreviation(const char *s, size_t i);
void trop_toks_free(trop_toks *t);
/* Matches phrase p of set at word i: one past the match, or 0. */
size_t trop_phrase_at(const trop_phrase_set *set, size_t p, const trop_toks *w, size_t i);
/* Calls hit for every place an unflagged phrase of set matches, in the
 * order of the text, until it returns false. */
typedef bool (*trop_phrase_hit_fn)(size_t phrase, size_t start, size_t end, void *ctx);
void trop_phrases_scan(const trop_phrase_set *set, const trop_toks *w, trop_phrase_hit_fn hit,
                       void *ctx);

/* ---- Clauses (clauses.c) ----------------------------------------------------------- */
typedef struct trop_clause_hit {
    const trop_clause_rule *rule;
    size_t start, end; /* words */
} trop_clause_hit;
/* Whether the phrase of rule r at words [start, end) counts (identify.c:
 * only where the text departs from the licence it matches). */
typedef bool (*trop_clause_accept_fn)(size_t start, size_t end, const trop_clause_rule *r,
                                      void *ctx);
/* Finds the first hit of each rule (added-only rules too when added is true)
 * that accept (may be NULL) takes; returns the number stored (<= max). */
size_t trop_clauses_find(const trop_toks *w, bool added, trop_clause_accept_fn accept, void *ctx,
                         trop_clause_hit *hits, size_t max);
/* The winning category among hits (research-only > non-commercial >
 * no-derivatives > use-restricted), TRO_LICENSE_UNKNOWN when none. */
tro_license_category trop_clauses_category(const trop_clause_hit *hits, size_t n);

/* ---- Template matching (match.c) ----------------------------------------------------- */
typedef struct trop_match {
    const char *id; /* borrowed from the db */
    double score;   /* bigram multiset Dice */
    double order;   /* share of common anchors in the reference order */
} trop_match;
/* Best template for the words of a text; *m->id NULL when the db is empty. */
int trop_db_best(const tro_license_db *db, const char *text, size_t len, trop_match *m);
#define TROP_MATCH_THRESHOLD 0.9
#define TROP_ORDER_THRESHOLD 0.8
#define TROP_MATCH_SURE 0.97 /* wins over a title naming another licence */

#endif /* TROP_LICENSE_H */

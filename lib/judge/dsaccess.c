/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * What can be had of one dataset: the rubric's data access for a dataset
 * alone. pass: under a licence free for data, downloadable without a gate,
 * not withdrawn; partial: behind a gate or terms to accept, only URLs or
 * ids released, a part withdrawn or not free, or terms that restrict use
 * without forbidding commercial use; fail: never released, withdrawn, or
 * under a non-commercial, no-derivatives or research-only licence.
 *
 * The dataset's own card states what it states: its licence, a gate in its
 * front matter (extra_gated_*) or its text ("users must agree to the terms
 * of ...", "by clicking ... you agree"), that the dataset is no longer
 * available, and, in its licence section, parts that are withdrawn or not
 * free. The built-in table (data/datasets.tsv) knows what a card does not
 * say: a later withdrawal, a publisher's terms, an extract standing for a
 * whole corpus. What the card adds decides, but never above the table: a
 * card that says MIT does not undo the withdrawal of Books3, and a card
 * that sets a gate makes Dolma partial whatever the table says. A card
 * that only repeats what the table knows leaves the table's verdict, which
 * weighs facts a card cannot (copies still public, most parts free).
 */
#include "dataset.h"

#include <stdlib.h>
#include <string.h>

/* Word lists, a few to a line. */
/* clang-format off */

/* A gate: agreeing to terms before access. */
#define GATE_WORDS \
    "must agree", "must accept", "you agree", "users agree", "by clicking", "agree to the terms", \
    "accept the terms", "request access", "apply for access", "access request"
static const char *const gate_words[] = {GATE_WORDS, NULL};
static const char *const terms_words[] = {"licen*", "terms", "conditions", "agreement", "policy",
                                          NULL};
#define WITHDRAWN_WORDS \
    "no longer available", "no longer distributed", "no longer hosted", "taken down", \
    "been removed", "been withdrawn", "was withdrawn", "is withdrawn", "defunct", "dmca"
static const char *const withdrawn_words[] = {WITHDRAWN_WORDS, NULL};
/* Either: most blocks have neither, told by one look. */
static const char *const access_words[] = {GATE_WORDS, WITHDRAWN_WORDS, NULL};
static const char *const itself[] = {"this dataset", "the dataset", "this corpus", "the corpus",
                                     "this data", NULL};
const char *const *const trop_dsaccess_wordlists[] = {gate_words, terms_words, withdrawn_words,
                                                      access_words, itself, NULL};

/* clang-format on */

tro_status trop_ds_access_status(trop_ds_access a)
{
    return a == TROP_DS_ACCESS_YES       ? TRO_STATUS_PASS
           : a == TROP_DS_ACCESS_PARTIAL ? TRO_STATUS_PARTIAL
                                         : TRO_STATUS_FAIL;
}

/* ---- which dataset a card describes ------------------------------------------------------- */

static const trop_builtin_dataset *by_id(const char *s, size_t n)
{
    char id[TROP_HUB_ID_MAX], norm[TROP_HUB_ID_MAX];
    if (!s || !n || n >= sizeof id)
        return NULL;
    memcpy(id, s, n);
    id[n] = '\0';
    if (trop_hub_id_normalise(id, TRO_REF_DATASET, norm, sizeof norm))
        return trop_builtin_dataset_find(norm);
    return trop_hub_id_valid(id) ? trop_builtin_dataset_find(id) : NULL;
}

/* A title or pretty name: as an id ("the_pile_books3"), else the dataset
 * whose name it starts with ("The Pile", "RedPajama-Data-v2: an Open
 * Dataset ..."), after "Dataset Card for", quotes and emoji. */
static const trop_builtin_dataset *by_title(const char *s, size_t n)
{
    static const char *const prefixes[] = {"dataset card for ", "dataset card: ", NULL};
    char low[64];
    size_t ln = n < sizeof low ? n : sizeof low;
    trop_lower(s, ln, low);
    for (size_t i = 0; prefixes[i]; i++) {
        size_t pl = strlen(prefixes[i]);
        if (ln > pl && !memcmp(low, prefixes[i], pl)) {
            s += pl;
            n -= pl;
            break;
        }
    }
    while (n && !trop_word_byte((unsigned char)*s))
        s++, n--;
    while (n && (unsigned char)*s >= 0x80) /* an emoji before the name */
        s++, n--;
    while (n && !((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z') && !(*s >= '0' && *s <= '9'))
        s++, n--;
    size_t w = 0;
    while (w < n && s[w] != ' ' && s[w] != '"' && s[w] != '\'' && s[w] != ':')
        w++;
    const trop_builtin_dataset *d = by_id(s, w);
    if (d)
        return d;
    trop_ds_match m[1];
    return trop_builtin_datasets_in(s, n, m, 1) && m[0].offset == 0 ? m[0].ds : NULL;
}

/* The card's title: the first heading of the highest level. */
static const trop_card_section *title_of(const trop_card_facts *c)
{
    const trop_card_section *t = NULL;
    for (size_t i = 0; c->body && i < c->body->nsecs; i++) {
        const trop_card_section *s = &c->body->secs[i];
        if (s->level && (!t || s->level < t->level))
            t = s;
    }
    return t;
}

const trop_builtin_dataset *trop_dataset_identify(const trop_cardview *v, const char *id,
                                                  const char *rel_name)
{
    const trop_builtin_dataset *d = id ? by_id(id, strlen(id)) : NULL;
    if (!d && rel_name)
        d = by_id(rel_name, strlen(rel_name));
    if (d || !v || !v->card)
        return d;
    if (v->card->pretty_name.s)
        d = by_title(v->card->pretty_name.s, v->card->pretty_name.n);
    const trop_card_section *t = title_of(v->card);
    if (!d && t)
        d = by_title(t->title, t->title_len);
    return d;
}

/* ---- what the card says ---------------------------------------------------------------------- */

typedef struct ds_facts {
    const char *gate;                 /* why it is gated (static), NULL: not */
    const char *withdrawn;            /* why it is withdrawn (static), NULL: not */
    const trop_builtin_dataset *part; /* a part withdrawn or not free */
} ds_facts;

/* Sections where a card speaks of its own terms and status, not of others. */
static bool own_text(const trop_cardview *v, const trop_card_block *b)
{
    unsigned kind = trop_cardview_kind(v, b);
    return b->kind != TROP_BLOCK_CODE && b->kind != TROP_BLOCK_HEADING &&
           !(kind & (TROP_SEC_OTHERS | TROP_SEC_EVAL | TROP_SEC_USAGE | TROP_SEC_CITATION));
}

static void sentences(const trop_cardview *v, size_t bi, ds_facts *f)
{
    const trop_card_block *b = &v->body->blocks[bi];
    /* most blocks say nothing of access, and a sentence begins and ends
     * between words: a block without the phrases has no sentence with them
     * (asked of the view's word index: the access of the corpus pass took
     * 17.5 M instructions with a search of the block for stems, 11.8 M so) */
    if ((f->gate && f->withdrawn) || !trop_cv_word_has(v, v->lower[bi], b->len, access_words))
        return;
    bool gate = !f->gate && trop_cv_word_has(v, v->lower[bi], b->len, gate_words);
    bool gone = !f->withdrawn && trop_cv_word_has(v, v->lower[bi], b->len, withdrawn_words);
    if (!gate && !gone)
        return;
    trop_span sp[64];
    size_t k = trop_cv_sentences(v, bi, sp, 64);
    for (size_t i = 0; i < k; i++) {
        const char *s = v->lower[bi] + sp[i].at;
        size_t n = sp[i].len;
        if (gate && !f->gate && trop_cv_word_has(v, s, n, gate_words) &&
            trop_cv_word_has(v, s, n, terms_words))
            f->gate = "its card says users must agree to terms before access";
        if (gone && !f->withdrawn && trop_cv_word_has(v, s, n, withdrawn_words) &&
            trop_cv_word_has(v, s, n, itself))
            f->withdrawn = "its card says it is no longer available";
    }
}

/* A part the licence section lists (an item or a row naming a dataset of
 * the table, by name or link) that is withdrawn or not free. */
static void parts(const trop_cardview *v, size_t bi, const trop_builtin_dataset *self, ds_facts *f)
{
    const trop_card_block *b = &v->body->blocks[bi];
    if (f->part || (b->kind != TROP_BLOCK_ITEM && b->kind != TROP_BLOCK_ROW) ||
        !(trop_cardview_kind(v, b) & TROP_SEC_LICENSE))
        return;
    trop_ds_match m[8];
    size_t k = trop_builtin_datasets_in(b->text, b->len, m, 8);
    for (size_t i = 0; i < k && !f->part; i++)
        if (m[i].ds != self && m[i].ds->access == TROP_DS_ACCESS_NO)
            f->part = m[i].ds;
}

static void part_links(const trop_cardview *v, const trop_builtin_dataset *self, ds_facts *f)
{
    for (size_t i = 0; i < v->body->nlinks && !f->part; i++) {
        const trop_card_href *h = &v->body->links[i];
        char url[1024], id[TROP_HUB_ID_MAX];
        if (h->block >= v->body->nblocks || h->url_len >= sizeof url)
            continue;
        const trop_card_block *b = &v->body->blocks[h->block];
        if ((b->kind != TROP_BLOCK_ITEM && b->kind != TROP_BLOCK_ROW) ||
            !(trop_cardview_kind(v, b) & TROP_SEC_LICENSE))
            continue;
        memcpy(url, h->url, h->url_len);
        url[h->url_len] = '\0';
        if (trop_link_classify(url, id, sizeof id) != TROP_LINK_HF_DATASET)
            continue;
        const trop_builtin_dataset *d = trop_builtin_dataset_find(id);
        if (d && d != self && d->access == TROP_DS_ACCESS_NO)
            f->part = d;
    }
}

static void card_facts(const trop_cardview *v, const trop_builtin_dataset *self, ds_facts *f)
{
    if (v->card->gate.s)
        f->gate = "its card sets an access gate (extra_gated_*)";
    for (size_t i = 0; i < v->body->nblocks; i++) {
        if (!own_text(v, &v->body->blocks[i]))
            continue;
        sentences(v, i, f);
        parts(v, i, self, f);
    }
    part_links(v, self, f);
}

/* ---- deciding -------------------------------------------------------------------------------- */

static tro_license_category category(const char *expr)
{
    tro_license_result *r = NULL;
    tro_license_category c = TRO_LICENSE_UNKNOWN;
    if (expr && tro_license_classify(expr, &r, NULL) == TRO_OK)
        c = tro_license_result_category(r);
    tro_license_result_free(r);
    return c;
}

/* Access from the facts alone; *why gets a static reason or NULL. */
static tro_status derive(int free, tro_license_category cat, trop_ds_avail avail, const ds_facts *f,
                         const char **why)
{
    /* terms that restrict use but allow commercial use: partial, like a gate */
    bool restricted = cat == TRO_LICENSE_USE_RESTRICTED;
    *why = NULL;
    if (avail == TROP_DS_UNDISCLOSED)
        return *why = "never released", TRO_STATUS_FAIL;
    if (free == 0 && !restricted)
        return *why = "its licence is not free for data", TRO_STATUS_FAIL;
    if (avail == TROP_DS_WITHDRAWN)
        return *why = f->withdrawn ? f->withdrawn : "withdrawn", TRO_STATUS_FAIL;
    if (avail == TROP_DS_GATED)
        return *why = f->gate ? f->gate : "gated", TRO_STATUS_PARTIAL;
    if (avail == TROP_DS_METADATA_ONLY)
        return *why = "only URLs or ids are released", TRO_STATUS_PARTIAL;
    if (f->part)
        return *why = "a part its licence section lists is withdrawn or not free",
               TRO_STATUS_PARTIAL;
    if (free == 0)
        return *why = "its licence restricts use", TRO_STATUS_PARTIAL;
    return free > 0 ? TRO_STATUS_PASS : TRO_STATUS_UNKNOWN;
}

static char *problem_text(const char *why, const ds_facts *f)
{
    if (f->part && why && strstr(why, "part"))
        return trop_asprintf("%s (%s: %s)", why, f->part->label,
                             f->part->problem ? f->part->problem : "not free");
    return why ? trop_strdup(why) : NULL;
}

int trop_dataset_access(trop_dataset *d, const trop_cardview *v, const trop_builtin_dataset *b)
{
    ds_facts f = {0};
    if (v && v->card)
        card_facts(v, b, &f);
    tro_license_category cat = category(d->license);
    bool known = cat != TRO_LICENSE_UNKNOWN && d->free >= 0;
    int is_free = known ? d->free : b ? b->free : -1;
    trop_ds_avail avail = f.gate        ? TROP_DS_GATED
                          : f.withdrawn ? TROP_DS_WITHDRAWN
                          : b           ? b->avail
                                        : TROP_DS_PUBLIC;
    const char *why;
    tro_status own = derive(is_free, cat, avail, &f, &why);
    /* what the card adds to the table, if anything */
    bool adds = !b || (known && (d->free > 0) != (b->free > 0)) ||
                (f.gate && b->avail != TROP_DS_GATED) ||
                (f.withdrawn && b->avail != TROP_DS_WITHDRAWN) || f.part;
    tro_status table = b ? trop_ds_access_status(b->access) : TRO_STATUS_UNKNOWN;
    free(d->problem);
    d->problem = NULL;
    if (b && (!adds || own == TRO_STATUS_UNKNOWN || table <= own)) {
        d->access = table;
        d->problem = b->problem ? trop_strdup(b->problem) : NULL;
        return b->problem && !d->problem ? TRO_ENOMEM : 0;
    }
    d->access = own;
    d->problem = problem_text(why, &f);
    return why && !d->problem ? TRO_ENOMEM : 0;
}

int trop_dataset_from_builtin(const trop_builtin_dataset *b, trop_dataset **out)
{
    trop_dataset *d = calloc(1, sizeof *d);
    tro_license_result *r = NULL;
    int rc = d ? 0 : TRO_ENOMEM;
    if (!rc && tro_license_classify(b->license, &r, NULL) == TRO_OK)
        d->license = trop_strdup(tro_license_result_expression(r));
    else if (!rc)
        d->license = trop_strdup(b->license);
    tro_license_result_free(r);
    if (!rc) {
        d->free = b->free;
        d->access = trop_ds_access_status(b->access);
        d->builtin = true;
        d->problem = b->problem ? trop_strdup(b->problem) : NULL;
        d->reason = trop_asprintf("built-in knowledge of %s (%s)", b->label, b->source);
        if (!d->license || !d->reason || (b->problem && !d->problem))
            rc = TRO_ENOMEM;
    }
    if (rc) {
        trop_dataset_free(d);
        d = NULL;
    }
    *out = d;
    return rc;
}

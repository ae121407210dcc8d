/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The parts of reading what a licence text adds to the licence it matches:
 * its words (words.c), its titles (titles.c), terms the licence does not
 * explain (terms.c), what it does to the licence's grant and sentences
 * (grant.c), the verdict (added.c). Private to lib/license. */
#ifndef TROP_ADDED_H
#define TROP_ADDED_H

#ifndef TRO_BUILDING
#error "lib/license/added.h is private to libtrulyopen"
#endif

#include "identify.h"

#include <stdbool.h>
#include <stddef.h>

/* Words that limit what a sentence grants, ask something of the licensee or
 * say whom or what a grant is for. A restriction added to a free licence need
 * not use the phrases the clause rules know ("The Software may be used only by
 * individuals", "This license expires on ..."), but it often holds one of
 * these. Strong ones are rarely in a free licence's own words and count
 * wherever they are; weak ones, "not", "must", "granted", "commercial", only
 * where the matched licence does not have them; words of purpose, time and
 * place as weak ones, but not in a name ("Air Force Research Laboratory") or
 * an address ("Paris, France"). */
enum { LIMIT_NONE, LIMIT_WEAK, LIMIT_STRONG, LIMIT_PURPOSE, LIMIT_PLACE };

static inline bool trop_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static inline bool trop_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static inline bool trop_ascii_letter(char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* ---- words.c ---- */
/* The sentence around bytes [from, to) of id's text, as evidence. */
trop_found trop_ident_sentence(const trop_ident *id, size_t from, size_t to);
/* Quotes f in id->clauses (while there is room) and makes byte at the one
 * the verdict names. */
void trop_ident_quote(trop_ident *id, trop_found f, int64_t at);
/* Whether the n bytes at w are word s, in any case. */
bool trop_same_word(const char *w, size_t n, const char *s);
/* Whether the n bytes at w are one of the words of list, in any case. */
bool trop_word_in(const char *w, size_t n, const char *const *list);
/* What kind of limiting word the n bytes at w are (LIMIT_*). */
int trop_limiting_word(const char *w, size_t n);
/* Whether n bytes at s hold a limiting word of a script other than Latin. */
bool trop_foreign_limiting(const char *s, size_t n);
/* Whether a word is one trulyopen cannot read (another script). */
bool trop_foreign_word(const char *w, size_t n);
/* Whether word i of id is w, in any case. */
bool trop_ident_word_is(const trop_ident *id, size_t i, const char *w);
/* Whether a word says nothing, or speaks of the document and its authors. */
bool trop_document_word(const char *w, size_t n);
/* Whether the word at off is part of a URL, an e-mail address or a file name. */
bool trop_in_address(const char *text, size_t len, size_t off, size_t n);
/* Whether a word is written in capitals. */
bool trop_all_caps(const char *w, size_t n);
/* Whether a word is written as a name. */
bool trop_capitalised(const char *w, size_t n);
/* Whether the line at off is an SPDX tag. */
bool trop_spdx_line(const char *text, size_t len, size_t off);
/* Whether the line at off is a title or a heading. */
bool trop_heading_line(const char *text, size_t len, size_t off, bool any_case);
/* Whether byte off is on a line that states a copyright. */
bool trop_on_copyright_line(const trop_ident *id, size_t off);
/* Whether the line at off is a postal address. */
bool trop_address_line(const char *text, size_t len, size_t off);
/* Whether words [k0, k1) are a request or thanks. */
bool trop_request(const trop_ident *id, size_t k0, size_t k1);
/* The line around byte off, its leading blanks left out. */
void trop_line_at(const trop_ident *id, size_t off, size_t *s, size_t *e);
/* ---- titles.c ---- */
/* Whether line [s, e) stands alone: a blank line, or the text's start or
 * end, before and after it. */
bool trop_standalone(const trop_ident *id, size_t s, size_t e);
/* Whether the n bytes at w name a licence family releases use ("MIT"). */
bool trop_family_word(const char *w, size_t n);
/* How the title line at byte off names a licence: 0 not, 1 as the licence
 * matched, 2 as a variant (not free); *rc an error. */
int trop_title_names(const trop_ident *id, size_t off, int *rc);
/* Whether a title makes the licence a variant of itself; quoted. */
int trop_title_variant(trop_ident *id, bool *found);
/* ---- terms.c ---- */
/* Whether word k of words [k0, k1) is a word of terms the licence does not
 * explain. */
bool trop_terms_word(const trop_ident *id, size_t k, size_t k0, size_t k1);
/* Whether words [k0, k1) hold terms the matched licence does not explain. */
bool trop_unexplained_terms(const trop_ident *id, size_t k0, size_t k1, bool disclaims);
/* ---- grant.c ---- */
/* Whether word k is a grant word of the matched licence. */
bool trop_grant_word(const trop_ident *id, size_t k);
/* Whether words [k0, k1) are of a grant's sentence: 0 not, 1 with its grant
 * word, 2 further on in it. */
int trop_in_grant(const trop_ident *id, size_t k0, size_t k1);
/* Whether a free licence's grant lost a word pair; quoted in id->clauses. */
int trop_grant_changed(trop_ident *id, bool *changed);
/* Whether words were put into a sentence of the licence; quoted. */
int trop_insertion(trop_ident *id, bool *found);

#endif /* TROP_ADDED_H */

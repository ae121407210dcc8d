/* Private to lib/judge: licence terms and base models stated in a card's
 * prose (terms.c, bases.c). */
#ifndef TROP_TERMS_H
#define TROP_TERMS_H

#include "prose.h"

/* A licence term the card's prose or gate states. */
typedef struct trop_term {
    const char *text;   /* the sentence, at most 300 bytes */
    const char *expr;   /* the licence as the card names it, or a terms LicenseRef */
    const char *url;    /* the link it was named by, or NULL */
    const char *source; /* static: "card-body", "card-gate" */
    const char *why;    /* static: why it is a licence term */
    int64_t line;       /* 0 for the gate */
} trop_term;

typedef struct trop_terms {
    TROP_VEC(trop_term);
    trop_arena texts;
    int64_t advice_line; /* a restriction stated only as advice, on this line; 0 none */
} trop_terms;

/* The licence terms of the card v views, into out. 0 or TRO_ENOMEM. */
int trop_card_terms(const trop_cardview *v, trop_terms *out);
void trop_terms_free(trop_terms *t);

/* A base model the card's prose or code names. */
typedef struct trop_prose_base {
    const char *id;  /* a Hub id (a family's representative id for a family name) */
    const char *how; /* static: "prose", "code" */
    const char *why; /* static */
    int64_t line;
} trop_prose_base;

typedef struct trop_bases {
    TROP_VEC(trop_prose_base);
    trop_arena texts;
} trop_bases;

/* The base models the card v views names outside its front matter. 0 or
 * TRO_ENOMEM. */
int trop_card_bases(const trop_cardview *v, trop_bases *out);
void trop_bases_free(trop_bases *b);

/* Does s[0..n) name one licence trulyopen recognises (an id, a name, an
 * expression)? 1 yes, 0 no, TRO_ENOMEM. */
int trop_license_names_one(const char *s, size_t n);

#endif

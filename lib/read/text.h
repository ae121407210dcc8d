/*
 * Private to lib/read: reading text artifacts (cards, YAML, license files)
 * with a size bound, and the UTF-8 checks they share.
 */
#ifndef TROP_READ_TEXT_H
#define TROP_READ_TEXT_H

#include "internal.h"

/* A text artifact read into memory, at most limits.max_text_bytes of it. */
typedef struct trop_text {
    const char *data;  /* the text: borrowed from a memory source, or buf */
    char *buf;         /* owned copy (NUL-terminated), or NULL */
    size_t len;        /* bytes in data */
    uint64_t size;     /* full size of the artifact */
    bool over_limit;   /* size > max_text_bytes: data holds the first part */
    bool partial;      /* only a streamed prefix was available */
} trop_text;

/*
 * Reads src into t. A memory source is not copied (t->data borrows it; it
 * is not NUL-terminated then). When the artifact is larger than
 * max_text_bytes, or only a prefix of it is in memory, reads what it may and
 * sets over_limit or partial; the cut is moved back so it never splits a
 * UTF-8 sequence. Returns 0, TRO_ENOMEM, TRO_EIO, or TRO_EFORMAT when the
 * file shrank while being read (the caller reports it as a finding).
 */
int trop_text_read(const trop_src *src, uint64_t max, trop_text *t);
/* Makes t->data an owned, writable, NUL-terminated copy (t->buf) if it is
 * not one yet. Returns 0 or TRO_ENOMEM. */
int trop_text_own(trop_text *t);
void trop_text_free(trop_text *t);

/* Number of lines: '\n' count, plus one if the text does not end with '\n'. */
uint64_t trop_count_lines(const char *s, size_t n);

#endif

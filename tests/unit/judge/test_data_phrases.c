/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The training phrases of the data rule and the stems that gate them
 * (lib/judge/datatext.c, dsaccess.c, included here to reach their tables):
 * a block longer than a sentence's reach is searched phrase by phrase only
 * when a word of it starts with one of the stems, so every phrase must hold
 * such a word, or a card that writes it would be read as if it did not. */
#include "../../../lib/judge/datatext.c"
#include "../../../lib/judge/dsaccess.c"
#include "test.h"

static void covered(const char *list, const char *const *phrases, const char *const *stems)
{
    for (size_t i = 0; phrases[i]; i++) {
        char p[128];
        size_t n = strlen(phrases[i]);
        CHECK(n < sizeof p);
        memcpy(p, phrases[i], n);
        /* a pattern's '*' ends a word; its text before it is what cards write */
        for (size_t k = 0; k < n; k++)
            if (p[k] == '*')
                p[k] = ' ';
        if (!trop_word_stem_any(p, n, stems)) {
            fprintf(stderr, "%s: \"%s\" has no word its stems gate\n", list, phrases[i]);
            CHECK(0);
        }
    }
}

static void stems_of_words(void)
{
    static const char *const s[] = {"train", "data", NULL};
    CHECK(trop_word_stem_any("we pretrained it", 16, s) == false);
    CHECK(trop_word_stem_any("the trained model", 17, s));
    CHECK(trop_word_stem_any("metadata only", 13, s) == false);
    CHECK(trop_word_stem_any("datasets", 8, s));
    CHECK(trop_word_stem_any("", 0, s) == false);
}

TRO_TEST(data_phrases)
{
    covered("training", training, train_stems);
    stems_of_words();
}

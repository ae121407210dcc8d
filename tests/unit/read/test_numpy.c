/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The .npy header parser and the object-dtype test, table-driven. */
#include "numpy/numpy.h"
#include "test.h"

static const struct {
    const char *header;
    int object; /* 1, 0; -1: not a dtype; -2: the header does not parse */
} cases[] = {
    {"{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }", 0},
    {"{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", 1},
    {"{'descr': 'O8', 'fortran_order': True, 'shape': (), }", 1},
    {"{\"descr\": \"<U10\", \"fortran_order\": False, \"shape\": [1]}", 0},
    {"{'descr': [('a', '<i4'), ('b', '|O')], 'fortran_order': False, 'shape': (1,), }", 1},
    {"{'descr': [('a', '<i4'), ('b', '<f8', (2, 3))], 'fortran_order': False, 'shape': (1,)}", 0},
    {"{'descr': [(('title', 'a'), '<i4'), ('n', [('x', '|O')])], 'shape': (1,)}", 1},
    {"{'descr': 7, 'shape': (1,)}", -1},
    {"{'descr': [('a',)], 'shape': (1,)}", -1},
    {"{'descr': '<f4', 'shape': (3L, 4L), }", 0}, /* Python 2 longs */
    {"{'descr': '<f4' 'shape': (3,)}", -2},       /* missing comma */
    {"{'descr': '<f4', 'shape': (3,)", -2},       /* unclosed */
    {"['descr']", -2},                            /* not a dict */
    {"{'descr': '<f4'} trailing", -2},
    {"{'a\\'b': 1}", -1},                         /* escaped quote, no descr */
    {"{'descr': __import__('os')}", -2},           /* not a literal */
    {"{1: 2}", -2},                               /* keys are strings */
    {"", -2},
};

TRO_TEST(numpy)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *err = NULL;
        json_t *h = trop_npy_header_parse(cases[i].header, strlen(cases[i].header), &err);
        int got = h ? trop_npy_descr_object(json_object_get(h, "descr") ? json_object_get(h, "descr")
                                                                        : json_null(),
                                            0)
                    : -2;
        if (got != cases[i].object)
            fprintf(stderr, "case %zu: %s\n", i, cases[i].header);
        CHECK_INT(got, cases[i].object);
        CHECK((h == NULL) == (err != NULL));
        json_decref(h);
    }
    /* nesting is bounded */
    char deep[200];
    memset(deep, '[', sizeof deep - 1);
    deep[sizeof deep - 1] = '\0';
    const char *err = NULL;
    CHECK(trop_npy_header_parse(deep, strlen(deep), &err) == NULL && err != NULL);
}

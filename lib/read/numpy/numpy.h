/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* Private to the NumPy reader (numpy*.c). */
#ifndef TROP_NUMPY_H
#define TROP_NUMPY_H

#include "internal.h"

/* Parses the Python literal of a .npy header (n bytes at s) into a JSON
 * object (new reference; tuples become arrays), or NULL with *err set to
 * a static reason. */
json_t *trop_npy_header_parse(const char *s, size_t n, const char **err);

/* Does the dtype described by descr (a type string, or a list of fields)
 * hold Python objects? 1 yes, 0 no, -1 when it is not a dtype. */
int trop_npy_descr_object(const json_t *descr, int depth);

#endif

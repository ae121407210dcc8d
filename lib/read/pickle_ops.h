/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The pickle opcodes, named as Python's pickletools names them. One list
 * gives each opcode's byte and the protocol that introduced it; the enum,
 * the scanner's name table and its protocol table are made from it, so an
 * opcode is spelled by its name everywhere in the pickle readers. */
#ifndef TROP_PICKLE_OPS_H
#define TROP_PICKLE_OPS_H

/* clang-format off */
#define TROP_PKL_OPCODES(X)                                                 \
    /* protocol 0 */                                                        \
    X(MARK, '(', 0) X(STOP, '.', 0) X(POP, '0', 0) X(DUP, '2', 0)           \
    X(FLOAT, 'F', 0) X(INT, 'I', 0) X(LONG, 'L', 0) X(NONE, 'N', 0)         \
    X(PERSID, 'P', 0) X(REDUCE, 'R', 0) X(STRING, 'S', 0)                   \
    X(UNICODE, 'V', 0) X(APPEND, 'a', 0) X(BUILD, 'b', 0)                   \
    X(GLOBAL, 'c', 0) X(DICT, 'd', 0) X(GET, 'g', 0) X(INST, 'i', 0)        \
    X(LIST, 'l', 0) X(PUT, 'p', 0) X(SETITEM, 's', 0) X(TUPLE, 't', 0)      \
    /* protocol 1 */                                                        \
    X(POP_MARK, '1', 1) X(BINFLOAT, 'G', 1) X(BININT, 'J', 1)               \
    X(BININT1, 'K', 1) X(BININT2, 'M', 1) X(BINPERSID, 'Q', 1)              \
    X(BINSTRING, 'T', 1) X(SHORT_BINSTRING, 'U', 1) X(BINUNICODE, 'X', 1)   \
    X(APPENDS, 'e', 1) X(BINGET, 'h', 1) X(LONG_BINGET, 'j', 1)             \
    X(OBJ, 'o', 1) X(BINPUT, 'q', 1) X(LONG_BINPUT, 'r', 1)                 \
    X(SETITEMS, 'u', 1) X(EMPTY_DICT, '}', 1) X(EMPTY_LIST, ']', 1)         \
    X(EMPTY_TUPLE, ')', 1)                                                  \
    /* protocol 2 */                                                        \
    X(PROTO, 0x80, 2) X(NEWOBJ, 0x81, 2) X(EXT1, 0x82, 2)                   \
    X(EXT2, 0x83, 2) X(EXT4, 0x84, 2) X(TUPLE1, 0x85, 2)                    \
    X(TUPLE2, 0x86, 2) X(TUPLE3, 0x87, 2) X(NEWTRUE, 0x88, 2)               \
    X(NEWFALSE, 0x89, 2) X(LONG1, 0x8a, 2) X(LONG4, 0x8b, 2)                \
    /* protocol 3 */                                                        \
    X(BINBYTES, 'B', 3) X(SHORT_BINBYTES, 'C', 3)                           \
    /* protocol 4 */                                                        \
    X(SHORT_BINUNICODE, 0x8c, 4) X(BINUNICODE8, 0x8d, 4)                    \
    X(BINBYTES8, 0x8e, 4) X(EMPTY_SET, 0x8f, 4) X(ADDITEMS, 0x90, 4)        \
    X(FROZENSET, 0x91, 4) X(NEWOBJ_EX, 0x92, 4) X(STACK_GLOBAL, 0x93, 4)    \
    X(MEMOIZE, 0x94, 4) X(FRAME, 0x95, 4)                                   \
    /* protocol 5 */                                                        \
    X(BYTEARRAY8, 0x96, 5) X(NEXT_BUFFER, 0x97, 5)                          \
    X(READONLY_BUFFER, 0x98, 5)
/* clang-format on */

/* TROP_PKL_OP_MARK = '(', ... */
typedef enum trop_pkl_op {
#define TROP_PKL_OP_ENUM(name, byte, proto) TROP_PKL_OP_##name = (byte),
    TROP_PKL_OPCODES(TROP_PKL_OP_ENUM)
#undef TROP_PKL_OP_ENUM
} trop_pkl_op;

#endif /* TROP_PICKLE_OPS_H */

# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""The tokenizer of licence texts for matching, shared by spdx-import.py (which
reduces the SPDX sources to words) and gen-templates.py (which builds the
matcher's index). lib/license/normal.c applies the same rules to texts at run
time; the index generator writes test vectors that test_license_text checks
the C tokenizer against."""


def is_sep(cp):
    """Code points above ASCII that separate words (punctuation, symbols,
    spaces); every other one is part of a word. Mirrors trop_norm_sep()."""
    return (0x80 <= cp <= 0xBF or cp in (0xD7, 0xF7) or 0x2000 <= cp <= 0x206F or
            0x2190 <= cp <= 0x2BFF or 0x3000 <= cp <= 0x303F or 0xFE30 <= cp <= 0xFE4F or
            0xFF00 <= cp <= 0xFF0F or 0xFF1A <= cp <= 0xFF20 or 0xFF3B <= cp <= 0xFF40 or
            0xFF5B <= cp <= 0xFF65 or cp in (0xFEFF, 0xFFFD))


def lower(ch):
    cp = ord(ch)
    if 0x41 <= cp <= 0x5A or (0xC0 <= cp <= 0xDE and cp != 0xD7):
        return chr(cp + 32)
    return ch


ROMAN = {"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "xiii", "xiv", "xv"}


def keep(tok):
    """Single letters and roman numerals are list markers or carry nothing."""
    if len(tok) == 1 and "a" <= tok <= "z":
        return False
    return tok not in ROMAN


def tokens(s):
    out = []
    cur = []
    n = len(s)
    for i, ch in enumerate(s):
        cp = ord(ch)
        word = (cp < 0x80 and ch.isalnum()) or (cp >= 0x80 and not is_sep(cp))
        if not word and ch == "." and cur and cur[-1].isdigit() and cur[-1].isascii() and \
                i + 1 < n and s[i + 1].isascii() and s[i + 1].isdigit():
            word = True
        if word:
            cur.append(lower(ch))
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return [t for t in out if keep(t)]

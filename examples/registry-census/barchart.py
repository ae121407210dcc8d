# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""A horizontal bar chart written as a PNG with the standard library alone
(zlib and struct): labelled bars in groups, drawn with a 5x7 pixel font."""

from __future__ import annotations

import struct
import zlib
from typing import List, Sequence, Tuple

# 5x7 glyphs, one 5-bit row per entry, top to bottom (bit 4 = leftmost).
FONT = {
    "A": (14, 17, 17, 31, 17, 17, 17), "B": (30, 17, 17, 30, 17, 17, 30),
    "C": (14, 17, 16, 16, 16, 17, 14), "D": (30, 17, 17, 17, 17, 17, 30),
    "E": (31, 16, 16, 30, 16, 16, 31), "F": (31, 16, 16, 30, 16, 16, 16),
    "G": (14, 17, 16, 23, 17, 17, 15), "H": (17, 17, 17, 31, 17, 17, 17),
    "I": (14, 4, 4, 4, 4, 4, 14), "J": (7, 2, 2, 2, 2, 18, 12),
    "K": (17, 18, 20, 24, 20, 18, 17), "L": (16, 16, 16, 16, 16, 16, 31),
    "M": (17, 27, 21, 21, 17, 17, 17), "N": (17, 17, 25, 21, 19, 17, 17),
    "O": (14, 17, 17, 17, 17, 17, 14), "P": (30, 17, 17, 30, 16, 16, 16),
    "Q": (14, 17, 17, 17, 21, 18, 13), "R": (30, 17, 17, 30, 20, 18, 17),
    "S": (15, 16, 16, 14, 1, 1, 30), "T": (31, 4, 4, 4, 4, 4, 4),
    "U": (17, 17, 17, 17, 17, 17, 14), "V": (17, 17, 17, 17, 17, 10, 4),
    "W": (17, 17, 17, 21, 21, 21, 10), "X": (17, 17, 10, 4, 10, 17, 17),
    "Y": (17, 17, 10, 4, 4, 4, 4), "Z": (31, 1, 2, 4, 8, 16, 31),
    "0": (14, 17, 19, 21, 25, 17, 14), "1": (4, 12, 4, 4, 4, 4, 14),
    "2": (14, 17, 1, 2, 4, 8, 31), "3": (31, 2, 4, 2, 1, 17, 14),
    "4": (2, 6, 10, 18, 31, 2, 2), "5": (31, 16, 30, 1, 1, 17, 14),
    "6": (6, 8, 16, 30, 17, 17, 14), "7": (31, 1, 2, 4, 8, 8, 8),
    "8": (14, 17, 17, 14, 17, 17, 14), "9": (14, 17, 17, 15, 1, 2, 12),
    "-": (0, 0, 0, 31, 0, 0, 0), "_": (0, 0, 0, 0, 0, 0, 31),
    ".": (0, 0, 0, 0, 0, 12, 12), ":": (0, 12, 12, 0, 12, 12, 0),
    "/": (0, 1, 2, 4, 8, 16, 0), "(": (2, 4, 8, 8, 8, 4, 2), ")": (8, 4, 2, 2, 2, 4, 8),
    "%": (24, 25, 2, 4, 8, 19, 3), "+": (0, 4, 4, 31, 4, 4, 0), " ": (0,) * 7,
    "?": (14, 17, 1, 2, 4, 0, 4),
}
SCALE = 2
GLYPH_W, GLYPH_H = 6 * SCALE, 7 * SCALE  # with one column of spacing
ROW_H = GLYPH_H + 8
WHITE, BLACK, GREY = (255, 255, 255), (40, 40, 40), (220, 220, 220)
COLOURS = [(46, 125, 50), (198, 40, 40), (21, 101, 192), (239, 108, 0), (106, 27, 154),
           (0, 131, 143), (121, 85, 72), (84, 110, 122)]


class Canvas:
    def __init__(self, width: int, height: int) -> None:
        self.w, self.h = width, height
        self.px = bytearray(bytes(WHITE) * (width * height))

    def rect(self, x: int, y: int, w: int, h: int, rgb: Tuple[int, int, int]) -> None:
        x0, y0, x1, y1 = max(0, x), max(0, y), min(self.w, x + w), min(self.h, y + h)
        if x0 >= x1:
            return
        row = bytes(rgb) * (x1 - x0)
        for yy in range(y0, y1):
            i = (yy * self.w + x0) * 3
            self.px[i:i + len(row)] = row

    def text(self, x: int, y: int, s: str, rgb: Tuple[int, int, int] = BLACK) -> None:
        for ch in s.upper():
            rows = FONT.get(ch, FONT["?"])
            for r, bits in enumerate(rows):
                for c in range(5):
                    if bits >> (4 - c) & 1:
                        self.rect(x + c * SCALE, y + r * SCALE, SCALE, SCALE, rgb)
            x += GLYPH_W

    def png(self) -> bytes:
        raw = b"".join(b"\x00" + bytes(self.px[y * self.w * 3:(y + 1) * self.w * 3])
                       for y in range(self.h))

        def chunk(kind: bytes, data: bytes) -> bytes:
            return (struct.pack(">I", len(data)) + kind + data
                    + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
        ihdr = struct.pack(">IIBBBBB", self.w, self.h, 8, 2, 0, 0, 0)  # 8-bit RGB
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def bar_chart(title: str, groups: Sequence[Tuple[str, Sequence[Tuple[str, int]]]],
              bar_width: int = 420) -> bytes:
    """groups: (group title, [(label, count), ...]); bars share one scale."""
    label_chars = max([len(label) for _g, bars in groups for label, _n in bars] + [8])
    label_w = (label_chars + 1) * GLYPH_W
    top = max([n for _g, bars in groups for _l, n in bars] + [1])
    rows = 2 + sum(2 + len(bars) for _g, bars in groups)
    width = 16 + label_w + bar_width + 8 * GLYPH_W
    canvas = Canvas(width, rows * ROW_H + 16)
    y = 8
    canvas.text(8, y, title)
    y += 2 * ROW_H
    for gi, (group, bars) in enumerate(groups):
        canvas.text(8, y, group, COLOURS[gi % len(COLOURS)])
        y += ROW_H
        for label, n in bars:
            canvas.text(16, y, label)
            x = 16 + label_w
            canvas.rect(x, y - 2, bar_width, GLYPH_H + 4, GREY)
            canvas.rect(x, y - 2, max(1, bar_width * n // top) if n else 0, GLYPH_H + 4,
                        COLOURS[gi % len(COLOURS)])
            canvas.text(x + bar_width + GLYPH_W, y, str(n))
            y += ROW_H
        y += ROW_H
    return canvas.png()


def png_size(data: bytes) -> List[int]:
    """Width and height of a PNG (for checks)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return list(struct.unpack(">II", data[16:24]))

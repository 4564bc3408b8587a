"""A small PNG standing for a photograph taken as evidence (demo and test data only).

Written by hand, like pdf.py: a few hundred bytes that every viewer opens and
that the evidence checks accept (inspections/services/evidence.py reads the signature).
"""

from __future__ import annotations

import struct
import zlib


def _chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def sample_png(
    *,
    width: int = 64,
    height: int = 48,
    colour: tuple[int, int, int] = (70, 110, 150),
    text: str = "",
) -> bytes:
    """A valid RGB PNG: a band of ``colour`` over a lighter ground; ``text`` (ASCII) goes in
    a tEXt chunk as the image's description."""
    light = bytes(min(255, c + 90) for c in colour)
    rows = []
    for y in range(height):
        pixel = bytes(colour) if height // 3 <= y < 2 * height // 3 else light
        rows.append(b"\x00" + pixel * width)  # filter type 0 (none) on each row
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunks = [_chunk(b"IHDR", header)]
    if text:
        chunks.append(_chunk(b"tEXt", b"Description\x00" + text.encode("ascii", "replace")))
    chunks += [_chunk(b"IDAT", zlib.compress(b"".join(rows))), _chunk(b"IEND", b"")]
    return b"\x89PNG\r\n\x1a\n" + b"".join(chunks)

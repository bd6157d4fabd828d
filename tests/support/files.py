"""Real attachment files made in the test: a JPEG, a PNG, a PDF and a Word letter, from bytes.

No image library is needed: the JPEG is a complete 1×1 image (its segments written out), the
PNG is built with zlib, the PDF is a one-page document with its cross-reference table.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

_JPEG_1X1 = bytes.fromhex(
    "ffd8ffe000104a46494600010101004800480000"
    "ffdb004300030202020203020202030303030406040404040408060605060908"
    "0a0a090809090a0c0f0c0a0b0e0b09090d110d0e0f101011100a0c12131210130f101010"
    "ffc9000b080001000101011100ffcc000600101005ffda0008010100003f00d2cf20ffd9"
)
"""A 1×1 white JPEG (arithmetic coding), 134 bytes."""


def jpeg_bytes(size: int = 0) -> bytes:
    """A valid JPEG of at least ``size`` bytes: comment segments fill it up before the image data."""
    head, image = _JPEG_1X1[:20], _JPEG_1X1[20:]  # after the JFIF header
    filler = b""
    missing = size - len(_JPEG_1X1)
    while missing > 0:
        chunk = min(missing, 65_533)
        filler += b"\xff\xfe" + struct.pack(">H", chunk + 2) + b"x" * chunk
        missing -= chunk + 4
    return head + filler + image


def png_bytes() -> bytes:
    """A valid 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


def pdf_bytes(text: str = "Letter") -> bytes:
    """A one-page PDF saying ``text`` (ASCII)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        None,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects[3] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + (body or b"") + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def docx_letter(path: Path, text: str = "Letter of support") -> Path:
    """A Word document holding one paragraph."""
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path

"""What an attachment file is, judged by its content rather than its name.

UNESCO asks for letters as documents and photos as JPEG; a PNG renamed ``.jpg`` is still
a PNG to the platform that receives it. The first bytes say what a file is (a PDF starts
with ``%PDF-``, a JPEG with ``FF D8 FF``); a Word document is a zip holding
``word/document.xml``. Only the standard library is used, so the rules stay in the core.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

HEAD = 16
"""Bytes read at the start of a file to tell its format."""

FORMAT_NAMES = {"pdf": "PDF", "docx": "Word (.docx)", "jpeg": "JPEG", "png": "PNG", "zip": "zip", "other": ""}


@dataclass(frozen=True, slots=True)
class FileInfo:
    """An attachment file as found on disk."""

    size: int
    """Bytes."""
    format: str
    """``pdf``, ``docx``, ``jpeg``, ``png``, ``zip`` or ``other``."""


def sniff(head: bytes) -> str:
    """The format the first bytes of a file announce (a zip is not yet known to be a .docx)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    return "other"


def inspect(path: Path) -> FileInfo | None:
    """Size and format of the file at ``path``; None when there is no readable file there."""
    try:
        if not path.is_file():
            return None
        size = path.stat().st_size
        with path.open("rb") as handle:
            kind = sniff(handle.read(HEAD))
        if kind == "zip":
            with zipfile.ZipFile(path) as archive:
                if "word/document.xml" in archive.namelist():
                    kind = "docx"
    except zipfile.BadZipFile:
        return FileInfo(size, "other")
    except (OSError, RuntimeError, ValueError):
        return None
    return FileInfo(size, kind)


def resolve(path: str, folder: Path) -> Path | None:
    """An attachment's path as the draft stores it, made absolute against the draft's folder;
    None for ``~nosuchuser/…`` (no such user, so no such file)."""
    try:
        target = Path(path).expanduser()
    except RuntimeError:
        return None
    return target if target.is_absolute() else folder / target

"""How a draft and the files beside it are named, and whether two names are one file.

A draft is ``NAME.dossier.json``; storage keeps ``.bak``, ``.recovery`` and ``.lock``
files beside it. Kept apart from :mod:`dossier.storage.drafts` so the exporter can keep
its output away from every file storage owns without importing the loader, the lock or
the recovery code.

Most file systems allow 255 bytes per file name. A draft whose name is close to that
(a long city name in Chinese is 3 bytes a character) could be opened, but its lock,
recovery copy, backup and temporary files, which add a suffix, could not be made, and
saving failed. When ``NAME + suffix`` would be too long, the side file is named after a
shortened, stable form of the draft's name instead: its first bytes, ``~`` and 8 hex
digits of its SHA-256. The same draft always gives the same side names.
"""

from __future__ import annotations

import os
from pathlib import Path

DRAFT_SUFFIX = ".dossier.json"
"""A draft is ``NAME.dossier.json``."""
BACKUP_SUFFIX = ".bak"
"""The previous version, kept by every save: ``NAME.dossier.json.bak``."""
RECOVERY_SUFFIX = ".recovery"
"""The editor's unsaved work, written while typing: ``NAME.dossier.json.recovery``."""
LOCK_SUFFIX = ".lock"
"""Who has the draft open: ``NAME.dossier.json.lock``."""
HISTORY_SUFFIX = ".history.sqlite"
"""Every saved version: ``NAME.dossier.history.sqlite`` (see :func:`history_path`)."""
COMPANION_SUFFIXES = (BACKUP_SUFFIX, RECOVERY_SUFFIX, LOCK_SUFFIX)
"""Every suffix storage adds to a draft's file name for a file of its own."""

NAME_MAX = 255
"""Bytes in one file name on ext4, XFS, APFS, NTFS (as UTF-16 units) and most others."""
TEMP_RESERVE = 16
"""Bytes a temporary file adds around a name: ``.`` + name + ``.`` + 8 to 10 characters + ``.tmp``."""
_KEEP = 180
"""Bytes of the original name kept in a shortened one (room left for any suffix dossier adds)."""


def name_bytes(name: str) -> int:
    """The length of ``name`` on disk, in bytes."""
    return len(os.fsencode(name))


def name_too_long(name: str) -> bool:
    return name_bytes(name) > NAME_MAX


def short_stem(name: str) -> str:
    """``name`` cut to at most :data:`_KEEP` bytes (never inside a character), ``~`` and a hash."""
    import hashlib  # only for names too long for the disk: loading OpenSSL costs every start 2 ms

    digest = hashlib.sha256(os.fsencode(name)).hexdigest()[:8]
    kept, size = "", 0
    for char in name:
        size += name_bytes(char)
        if size > _KEEP:
            break
        kept += char
    return f"{kept}~{digest}"


def side_name(name: str, suffix: str, *, reserve: int = 0) -> str:
    """``name + suffix``, or the shortened stem plus ``suffix`` when that would be too long."""
    if name_bytes(name + suffix) + reserve <= NAME_MAX:
        return name + suffix
    return short_stem(name) + suffix


def side_path(path: Path, suffix: str) -> Path:
    """The file ``path`` + ``suffix`` beside ``path`` (``NAME.dossier.json.lock``…), shortened if needed."""
    path = Path(path)
    return path.with_name(side_name(path.name, suffix))


def temp_prefix(path: Path) -> str:
    """What every temporary file written for ``path`` starts with: ``.NAME.`` (shortened if needed)."""
    return f".{side_name(Path(path).name, '', reserve=TEMP_RESERVE)}."


def draft_name(path: Path) -> str:
    """The draft's name without the ``.dossier.json`` suffix."""
    name = Path(path).name
    return name[: -len(DRAFT_SUFFIX)] if name.endswith(DRAFT_SUFFIX) else Path(path).stem


def companion(draft_path: Path, suffix: str) -> Path:
    """The file beside the draft whose name is the draft's plus ``suffix`` (shortened if needed)."""
    return side_path(draft_path, suffix)


def history_path(draft_path: Path) -> Path:
    """``NAME.dossier.history.sqlite`` beside ``NAME.dossier.json`` (else ``FILE.history.sqlite``)."""
    draft_path = Path(draft_path)
    name = draft_path.name
    if name.casefold().endswith(DRAFT_SUFFIX):  # as with_draft_suffix: Hz.Dossier.JSON is a draft name
        name = name[: -len(".json")]
    return draft_path.with_name(name + HISTORY_SUFFIX)


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` are one file: the same inode when both exist (a hard link, a
    symlink, another spelling of the path), else the same resolved path."""
    a, b = Path(a), Path(b)
    try:
        if a.exists() and b.exists():
            return a.samefile(b)
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):  # a loop of links, a path the system refuses
        return a.absolute() == b.absolute()

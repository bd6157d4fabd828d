"""Read a small regular file without ever hanging or filling the memory.

A path the official (or a colleague, or a sync tool) gives may be anything: a named
pipe (reading it waits for a writer that never comes), a device (``/dev/zero`` never
ends), a folder, or a file of gigabytes. :func:`read_regular` looks before it reads:
only a regular file no larger than the caller's limit is read, and the open itself
cannot block (``O_NONBLOCK``). Every refusal is an :class:`UnreadableFile` whose
``reason`` is a few plain words for the caller's message.

No Textual import here.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from dossier.core.i18n import _, ngettext


class UnreadableFile(OSError):
    """Not a regular file, or larger than allowed; ``reason`` says which in plain words."""

    def __init__(self, path: Path, reason: str, *, size: int | None = None) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason
        self.size = size


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in plain words."""
    if stat.S_ISDIR(mode):
        return _("a folder, not a file")
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO), not a file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device, not a file")
    if stat.S_ISSOCK(mode):
        return _("a socket, not a file")
    if stat.S_ISLNK(mode):
        return _("a link, not a file")
    return _("not a regular file")


def size_words(size: int) -> str:
    """``12 MB``, ``3 KB`` or ``812 bytes``."""
    if size >= 1_000_000:
        return _("{size} MB").format(size=f"{size / 1e6:.0f}")
    if size >= 10_000:
        return _("{size} KB").format(size=f"{size / 1e3:.0f}")
    return ngettext("{count} byte", "{count} bytes", size).format(count=size)


def read_regular(path: Path, limit: int, *, follow_links: bool = True) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    Raises :class:`UnreadableFile` for anything else (a FIFO, a device, a folder, a
    link when ``follow_links`` is False, a file over the limit or growing past it while
    read), and the usual :class:`OSError` subclasses (``FileNotFoundError``,
    ``PermissionError``…) when the file cannot be opened.
    """
    path = Path(path)
    info = os.stat(path) if follow_links else os.lstat(path)
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFile(path, kind_of(info.st_mode))
    if info.st_size > limit:
        raise UnreadableFile(
            path, _("{size} is far too large").format(size=size_words(info.st_size)), size=info.st_size
        )
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)  # swapped for a FIFO since the stat: O_NONBLOCK still returns at once
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(path, kind_of(info.st_mode))
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise UnreadableFile(
                    path, _("more than {size} is far too large").format(size=size_words(limit)), size=total
                )
        return b"".join(chunks)
    finally:
        os.close(fd)

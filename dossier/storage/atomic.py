"""Write a file so that a crash, a full disk or a kill leaves either the old or the new one.

The recipe trusted editors use: write a temporary file in the target's own folder
(a rename across file systems is not atomic), flush and fsync it, give it the old
file's mode, keep the old version as a backup, then rename it over the target and
fsync the folder so the rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import shutil
import stat
import sys
import tempfile
import time
from pathlib import Path

from dossier.storage.names import side_path, temp_prefix

LEFTOVER_AGE = 60.0
"""Seconds: a temporary file this old beside a draft belongs to no save still running."""
REPLACE_RETRIES = 10
"""Windows: antivirus and sync tools hold files briefly; retry a refused rename this often."""


class WriteError(Exception):
    """A write failed; ``str()`` is a plain sentence naming the file and the reason."""

    def __init__(self, code: int | None, message: str) -> None:
        super().__init__(message)
        self.errno = code


def explain_os_error(exc: OSError, path: Path) -> str:
    """One plain sentence for an OS error met while writing ``path``."""
    folder = path.parent
    reasons = {
        errno.ENOSPC: f"the disk holding {folder} is full",
        errno.EDQUOT: f"your disk quota for {folder} is used up",
        errno.EACCES: f"you are not allowed to write in {folder}",
        errno.EPERM: f"you are not allowed to write in {folder}",
        errno.EROFS: f"{folder} is on a read-only disk",
        errno.ENOENT: f"the folder {folder} does not exist (was it moved or deleted?)",
        errno.ENOTDIR: f"{folder} is not a folder",
        errno.EISDIR: f"{path} is a folder, not a file",
        errno.ENAMETOOLONG: "the path is too long for this system; choose a shorter name or folder",
        errno.EIO: "the disk reported an input/output error",
    }
    reason = reasons.get(exc.errno or 0) or (exc.strerror or str(exc))
    return f"Could not save {path}: {reason}."


def _fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _replace(src: str, dst: Path) -> None:
    for attempt in range(REPLACE_RETRIES):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == REPLACE_RETRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def _keep_backup(path: Path, backup: Path) -> None:
    """Make ``backup`` the current content of ``path``, atomically."""
    tmp = backup.with_name(f"{temp_prefix(backup)}{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        try:
            os.link(path, tmp)  # the old file itself becomes the backup: no copy, no partial state
        except OSError:
            shutil.copy2(path, tmp)
        _replace(str(tmp), backup)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def atomic_write(path: Path, data: bytes, *, backup: Path | None = None, new_mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` atomically, keeping the old version at ``backup``.

    An existing file keeps its permissions; a new one gets ``new_mode`` (default: what the
    umask allows). Raises :class:`WriteError` with a plain message; the old file is then untouched.
    """
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise WriteError(exc.errno, explain_os_error(exc, path)) from exc
    else:
        if stat.S_ISDIR(st.st_mode):
            raise WriteError(errno.EISDIR, f"Could not save {path}: it is a folder, not a file.")
        mode = stat.S_IMODE(st.st_mode)
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path), suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp_name, mode)
        elif new_mode is not None:
            os.chmod(tmp_name, new_mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp_name, 0o666 & ~umask)
        if backup is not None and mode is not None:
            _keep_backup(path, backup)
        _replace(tmp_name, path)
        tmp_name = None
        with contextlib.suppress(OSError):  # the data is in place; some file systems refuse this
            _fsync_dir(path.parent)
    except OSError as exc:
        raise WriteError(exc.errno, explain_os_error(exc, path)) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def remove_leftovers(path: Path, *, older_than: float = LEFTOVER_AGE) -> int:
    """Delete the temporary files a killed save left beside ``path``; returns how many.

    Only files named as :func:`atomic_write` names them for ``path`` (and its backup and
    recovery copy), only regular files, and only once they are older than any save could
    take. Never raises: tidying must not stop a draft from opening.
    """
    path = Path(path)
    removed = 0
    now = time.time()
    # the draft's, its backup's and its recovery copy's (side names shortened as they were written)
    sides = (path, side_path(path, ".bak"), side_path(path, ".recovery"))
    patterns = {f".{glob.escape(path.name)}.*.tmp"} | {f"{glob.escape(temp_prefix(p))}*.tmp" for p in sides}
    try:
        candidates = {tmp for pattern in patterns for tmp in path.parent.glob(pattern)}
    except OSError:
        return 0
    for tmp in candidates:
        with contextlib.suppress(OSError):
            info = tmp.lstat()
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime >= older_than:
                tmp.unlink()
                removed += 1
    return removed

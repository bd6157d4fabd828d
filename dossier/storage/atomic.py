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

from dossier.core.i18n import _
from dossier.storage.names import BACKUP_SUFFIX, RECOVERY_SUFFIX, side_path, temp_prefix
from dossier.storage.reading import kind_of

LEFTOVER_AGE = 60.0
"""Seconds: a temporary file this old beside a draft belongs to no save still running."""
REPLACE_RETRIES = 10
"""Windows: antivirus and sync tools hold files briefly; retry a refused rename this often."""


class WriteError(Exception):
    """A write failed; ``str()`` is a plain sentence naming the file and the reason."""

    def __init__(self, code: int | None, message: str) -> None:
        super().__init__(message)
        self.errno = code


def explain_os_error(exc: OSError, path: Path, *, recovery: bool = False) -> str:
    """One plain sentence for an OS error met while writing ``path`` (``recovery``: the
    recovery copy, so the sentence says that no draft was saved)."""
    folder = path.absolute().parent  # never ".": name the folder
    reasons = {
        errno.ENOSPC: _("the disk holding {folder} is full"),
        errno.EDQUOT: _("your disk quota for {folder} is used up"),
        errno.EACCES: _("you are not allowed to write in {folder}"),
        errno.EPERM: _("you are not allowed to write in {folder}"),
        errno.EROFS: _("{folder} is on a read-only disk"),
        errno.ENOENT: _("the folder {folder} does not exist (was it moved or deleted?)"),
        errno.ENOTDIR: _("{folder} is not a folder"),
        errno.EISDIR: _("{path} is a folder, not a file"),
        errno.ENAMETOOLONG: _("the path is too long for this system; choose a shorter name or folder"),
        errno.EIO: _("the disk reported an input/output error"),
    }
    known = reasons.get(exc.errno or 0)
    reason = known.format(folder=folder, path=path) if known else (exc.strerror or str(exc))
    return _failed(path, reason, recovery=recovery)


def _failed(path: Path, reason: str, *, recovery: bool) -> str:
    if recovery:
        return _("Could not write the recovery copy {path}: {reason}.").format(path=path, reason=reason)
    return _("Could not save {path}: {reason}.").format(path=path, reason=reason)


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


def _owner_words(uid: int, gid: int) -> str:
    """``maria:planning`` (names when this system knows them, else the numbers)."""
    user, group = str(uid), str(gid)
    with contextlib.suppress(ImportError, KeyError):
        import grp
        import pwd

        user = pwd.getpwuid(uid).pw_name
        group = grp.getgrgid(gid).gr_name
    return f"{user}:{group}"


def _keep_owner(fd: int, path: Path, st: os.stat_result) -> str | None:
    """Give the new file (open as ``fd``) the old file's owner and group, as far as allowed.

    Returns a plain sentence when it could not (the file is saved, but now belongs to
    this user or group), else None. Only root may give a file to another user; anyone
    may give it to a group they belong to.
    """
    if not hasattr(os, "fchown"):
        return None  # Windows: files have no POSIX owner
    now = os.fstat(fd)
    if (now.st_uid, now.st_gid) == (st.st_uid, st.st_gid):
        return None
    try:
        os.fchown(fd, st.st_uid, st.st_gid)
        return None
    except OSError:
        pass
    with contextlib.suppress(OSError):
        os.fchown(fd, -1, st.st_gid)  # the group at least, so colleagues keep access
    now = os.fstat(fd)
    return _(
        "{path} was owned by {before}; this system does not let dossier keep that, so it now "
        "belongs to {now} (ask the owner or an administrator if colleagues can no longer open it)."
    ).format(path=path, before=_owner_words(st.st_uid, st.st_gid), now=_owner_words(now.st_uid, now.st_gid))


def write_target(path: Path) -> Path:
    """Where a save of ``path`` really goes: through a link to its target file.

    A draft kept as a link into a synced folder must stay a link and the synced file
    must change; a link to a device or a pipe (``/dev/full``) is not followed, the link
    itself is replaced by a new file.
    """
    path = Path(path)
    try:
        if not stat.S_ISLNK(os.lstat(path).st_mode):
            return path
    except OSError:
        return path
    real = Path(os.path.realpath(path))
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return real  # a link to a file not made yet: make it there
    except OSError:
        return path
    return real if stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode) else path


def atomic_write(
    path: Path,
    data: bytes,
    *,
    backup: Path | None = None,
    new_mode: int | None = None,
    recovery: bool = False,
) -> list[str]:
    """Replace ``path`` with ``data`` atomically, keeping the old version at ``backup``.

    An existing file keeps its permissions, and its owner and group as far as the system
    allows; a new one gets ``new_mode`` (default: what the umask allows). A link is
    written through (see :func:`write_target`). Returns plain sentences about what could
    not be kept (an owner). Raises :class:`WriteError` with a plain message; the old file
    is then untouched. ``recovery``: the file is a recovery copy, and the message says so.
    """
    path = Path(path)
    target = write_target(path)
    try:
        st: os.stat_result | None = os.lstat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise WriteError(exc.errno, explain_os_error(exc, path, recovery=recovery)) from exc
    if st is not None and stat.S_ISDIR(st.st_mode):
        reason = _("it is a folder, not a file")
        raise WriteError(errno.EISDIR, _failed(path, reason, recovery=recovery))
    if st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISLNK(st.st_mode):
        reason = _("it is {kind}").format(kind=kind_of(st.st_mode))
        raise WriteError(None, _failed(path, reason, recovery=recovery))
    # only a regular file passes on its permissions: a link to /dev/full (0666) does not
    old = st if st is not None and stat.S_ISREG(st.st_mode) else None
    notes: list[str] = []
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=temp_prefix(target), suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            if old is not None:
                note = _keep_owner(handle.fileno(), path, old)
                if note:
                    notes.append(note)
        if old is not None:
            os.chmod(tmp_name, stat.S_IMODE(old.st_mode))  # after the owner: chown clears set-id bits
        elif new_mode is not None:
            os.chmod(tmp_name, new_mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp_name, 0o666 & ~umask)
        if backup is not None and old is not None:
            _keep_backup(target, backup)
        _replace(tmp_name, target)
        tmp_name = None
        with contextlib.suppress(OSError):  # the data is in place; some file systems refuse this
            _fsync_dir(target.parent)
    except OSError as exc:
        raise WriteError(exc.errno, explain_os_error(exc, path, recovery=recovery)) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    return notes


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
    sides = (path, side_path(path, BACKUP_SUFFIX), side_path(path, RECOVERY_SUFFIX))
    patterns = {f".{glob.escape(path.name)}.*.tmp"} | {f"{glob.escape(temp_prefix(p))}*.tmp" for p in sides}
    try:
        candidates = {tmp for pattern in patterns for tmp in path.parent.glob(pattern)}
        target = write_target(path)
        if target != path:  # a draft kept as a link: its saves were written beside the target
            candidates |= set(target.parent.glob(f"{glob.escape(temp_prefix(target))}*.tmp"))
    except OSError:
        return 0
    for tmp in candidates:
        with contextlib.suppress(OSError):
            info = tmp.lstat()
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime >= older_than:
                tmp.unlink()
                removed += 1
    return removed

"""One window per draft: a lock file beside the draft says who has it open.

``NAME.dossier.json.lock`` holds JSON ``{pid, host, user, started}`` and is created with
``O_EXCL`` (and ``O_NOFOLLOW`` where it exists), so two windows cannot both think they
own it. :func:`acquire` returns a :class:`Lock` when this process now holds it, or a
:class:`Holder` describing who does. A holder on this machine whose process is gone is
*stale* (the program was killed): the official is offered to take the draft over.
The lock is removed on a clean exit.

No Textual import here.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import stat
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from dossier.core.i18n import N_, _
from dossier.storage.names import LOCK_SUFFIX, companion
from dossier.storage.reading import UnreadableFile, read_regular

MAX_LOCK_BYTES = 4096
"""A lock file dossier writes is about 120 bytes; anything larger is not one of ours."""
MAX_PID = 2**31 - 1
"""Process ids are positive 32-bit numbers everywhere dossier runs; a larger one is garbage."""

GARBAGE = N_("unreadable (it does not hold what dossier writes in a lock, so it cannot be read)")
"""The problem of a lock file whose whole content is not a lock: stale at once, never "process 0"."""

UNREADABLE_GRACE_S = 10.0
"""A lock file with no readable content younger than this may be a window writing it right now."""


def lock_path(draft_path: Path) -> Path:
    """``NAME.dossier.json.lock`` beside the draft."""
    return companion(draft_path, LOCK_SUFFIX)


def _host() -> str:
    try:
        return socket.gethostname()
    except OSError:
        return ""


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getpass raises various errors when no user name is known
        return ""


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (errs towards True)."""
    if pid <= 0 or pid > MAX_PID:
        return False
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() == 5  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True  # someone else's process
    except OSError:
        return True
    return True


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds a draft's lock, as the lock file says."""

    lock_file: Path
    pid: int
    host: str
    user: str
    started: str
    raw: bytes
    stale: bool
    problem: str = ""
    """Why the lock file could not be read (a pipe, a folder, too large…), when it could not."""

    def describe(self) -> str:
        """One plain sentence for the lock warning."""
        user = self.user or _("someone")
        who = _("{user} on {host}").format(user=user, host=self.host) if self.host else user
        with contextlib.suppress(ValueError, OverflowError, OSError):  # year 1 or 9999 in the file
            when = datetime.fromisoformat(self.started)
            who = _("{who} since {time}").format(who=who, time=f"{when.astimezone():%Y-%m-%d %H:%M}")
        if self.stale:
            if self.pid:
                return _(
                    "This draft was left open by {who}, but that window (process {pid}) "
                    "has ended without closing it, probably in a crash."
                ).format(who=who, pid=self.pid)
            if self.problem:
                return _(
                    "This draft's lock file {name} is {problem}, so it is not a lock "
                    "dossier wrote; it is treated as a stale lock."
                ).format(name=self.lock_file.name, problem=self.problem)
            return _(
                "This draft has a lock file that cannot be read; a window may have crashed while opening it."
            )
        if not self.pid:
            return _(
                "This draft has a lock file that cannot be read yet; "
                "another window may be opening it right now."
            )
        return _("This draft is already open in another window: {who} (process {pid}).").format(
            who=who, pid=self.pid
        )


class Lock:
    """This process's hold on a draft; :meth:`release` it on a clean exit."""

    def __init__(self, draft_path: Path, lock_file: Path | None, *, reason: str = "") -> None:
        self.draft_path = Path(draft_path)
        self.lock_file = lock_file
        self.reason = reason
        """Why no lock file could be made (read-only folder…), when ``held`` is False."""
        self._content = b""

    @property
    def held(self) -> bool:
        return self.lock_file is not None

    def release(self) -> None:
        """Remove the lock file if it is still ours; never raises."""
        if self.lock_file is None:
            return
        with contextlib.suppress(OSError):
            if _read_lock(self.lock_file) == self._content:
                self.lock_file.unlink()
        self.lock_file = None

    def __repr__(self) -> str:
        return f"Lock({str(self.draft_path)!r}, held={self.held})"


def _payload() -> bytes:
    info = {
        "pid": os.getpid(),
        "host": _host(),
        "user": _user(),
        "started": datetime.now(UTC).replace(microsecond=0).isoformat(),
    }
    return (json.dumps(info, ensure_ascii=False) + "\n").encode("utf-8")


def _read_lock(target: Path) -> bytes:
    """The lock file's bytes; never follows a link, never blocks, never reads more than a lock holds."""
    return read_regular(target, MAX_LOCK_BYTES, follow_links=False)


def _no_constant(token: str) -> object:
    raise ValueError(token)  # NaN and Infinity are not what a lock holds


def read_holder(draft_path: Path) -> Holder | None:
    """Who holds the lock now, or None if nobody does.

    Never raises and never hangs: a lock file that is not a small regular file holding
    the JSON dossier writes (a FIFO, a device or a link to one, a folder, a huge file,
    garbage, a pid out of range) is a stale, unreadable lock.
    """
    target = lock_path(draft_path)
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError:
        return Holder(target, 0, "", "", "", b"", stale=False)
    age = time.time() - info.st_mtime
    try:
        raw = _read_lock(target)
    except FileNotFoundError:
        return None
    except UnreadableFile as exc:
        return Holder(target, 0, "", "", "", b"", stale=True, problem=exc.reason)
    except OSError:
        raw = b""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    if raw.strip() and not text.lstrip().startswith("{"):
        # not the beginning of what a window writes: garbage now, garbage in ten seconds
        return Holder(target, 0, "", "", "", raw, stale=True, problem=_(GARBAGE))
    try:
        info_ = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        # empty or cut short: perhaps a window writing it right now
        return Holder(target, 0, "", "", "", raw, stale=age > UNREADABLE_GRACE_S)
    try:
        if not isinstance(info_, dict):
            raise ValueError
        pid = info_.get("pid", 0)
        if isinstance(pid, bool) or not isinstance(pid, int) or not 0 < pid <= MAX_PID:
            raise ValueError
        host, user, started = (str(info_.get(k, ""))[:200] for k in ("host", "user", "started"))
    except (ValueError, TypeError):
        return Holder(target, 0, "", "", "", raw, stale=True, problem=_(GARBAGE))
    stale = host == _host() and (not pid_alive(pid) or pid == os.getpid())
    return Holder(target, pid, host, user, started, raw, stale=stale)


def acquire(draft_path: Path) -> Lock | Holder:
    """Take the draft's lock, or say who holds it.

    When the folder cannot hold a lock file (read-only medium, no permission) a
    :class:`Lock` with ``held`` False and a ``reason`` is returned: the draft can still
    be read, and saving will report its own error.
    """
    target = lock_path(draft_path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for _attempt in range(3):
        try:
            fd = os.open(target, flags, 0o600)
        except FileExistsError:
            holder = read_holder(draft_path)
            if holder is None:
                continue  # released between our attempt and the read: try again
            return holder
        except OSError as exc:
            return Lock(draft_path, None, reason=_no_lock(exc))
        content = _payload()
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
        except OSError as exc:
            with contextlib.suppress(OSError):
                target.unlink()
            return Lock(draft_path, None, reason=_no_lock(exc))
        lock = Lock(draft_path, target)
        lock._content = content
        return lock
    return Lock(draft_path, None, reason=_("the lock file kept changing"))


def _no_lock(exc: OSError) -> str:
    return _("no lock file could be made ({reason})").format(reason=exc.strerror or exc)


def take_over(draft_path: Path, holder: Holder) -> Lock | Holder:
    """Remove ``holder``'s lock (only if the file still says the same) and acquire it."""
    with contextlib.suppress(OSError):
        if holder.problem:
            # not a lock dossier wrote (a pipe, a link, a huge file): remove it, never a folder
            if not stat.S_ISDIR(os.lstat(holder.lock_file).st_mode):
                holder.lock_file.unlink()
        elif _read_lock(holder.lock_file) == holder.raw:
            holder.lock_file.unlink()
    return acquire(draft_path)

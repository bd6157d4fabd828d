"""The life of one open draft file: lock, fingerprint, edits, saves, recovery copy, close.

The editor holds one :class:`OpenDraft` and asks it to do things; it never sets its
fields. Everything here is plain Python (no Textual), so the rules of keeping a draft
safe can be read, and tested, in one place:

* the lock tells a second window that the draft is in use, and is released exactly once;
* every edit bumps a generation: the draft is clean when the saved generation equals it;
* a save writes a snapshot (taken on the UI thread) from a worker thread, then
  :meth:`OpenDraft.saved` records it; "save as" moves the lock and tidies the old file's
  recovery copy;
* the recovery copy holds unsaved typing and is removed once nothing is unsaved.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from dossier.core.i18n import _
from dossier.core.model import Dossier
from dossier.storage import lock as locks
from dossier.storage.atomic import remove_leftovers
from dossier.storage.drafts import Fingerprint, LoadedDraft, dumps, save_draft, touch
from dossier.storage.names import same_file
from dossier.storage.recovery import (
    discard_recovery,
    recovery_copies,
    recovery_offers,
    retire_recovery,
    write_recovery,
)

NEWER_VERSION = "it was written by a newer version of dossier; update dossier to edit it"
OPEN_ELSEWHERE = "it is open in another window"
LOCK_STUCK = "its lock file cannot be replaced"


@dataclass(frozen=True, slots=True)
class SaveJob:
    """One save, prepared on the UI thread and written by :meth:`OpenDraft.write`."""

    draft: Dossier
    """A deep copy: typing may go on while the worker writes."""
    path: Path
    expect: Fingerprint | None
    """The file as this window last knew it; a different file on disk is a conflict."""
    force: bool
    generation: int
    force_read_only: bool = False
    """The official confirmed overwriting a file marked read-only."""


@dataclass(frozen=True, slots=True)
class Written:
    """A finished save: the file as written, and what its version history had to say."""

    fingerprint: Fingerprint
    note: str | None = None
    """Plain sentences when the history could not record this version, or the file could not
    keep its owner (the draft is saved)."""


@dataclass(frozen=True, slots=True)
class RecoveryJob:
    """One recovery copy to write from a worker thread."""

    text: str
    path: Path
    generation: int
    window: str = ""
    """Empty for the window that opened the draft first; a second one ("Edit anyway") has its own copy."""


class OpenDraft:
    """One draft file opened for editing (or for reading only)."""

    def __init__(self, loaded: LoadedDraft) -> None:
        self._path = Path(loaded.path)
        self._draft = loaded.draft
        self._fingerprint = loaded.fingerprint
        self.notes: tuple[str, ...] = tuple(loaded.notes)
        self._read_only_reason = NEWER_VERSION if loaded.read_only else ""
        self._lock: locks.Lock | None = None
        self._generation = 0
        self._saved_generation = 0
        self._recovery_generation = 0
        self._window = ""

    # -- what the editor reads
    @property
    def path(self) -> Path:
        return self._path

    @property
    def draft(self) -> Dossier:
        """The draft being edited; widgets change its fields and then call :meth:`edited`."""
        return self._draft

    @property
    def read_only(self) -> bool:
        return bool(self._read_only_reason)

    @property
    def read_only_reason(self) -> str:
        return self._read_only_reason

    @property
    def dirty(self) -> bool:
        return self._generation != self._saved_generation

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def locked(self) -> bool:
        """This window holds the lock (nobody else is told the draft is free)."""
        return self._lock is not None and self._lock.held

    def edited(self) -> None:
        self._generation += 1

    # -- the lock
    def lock(self) -> locks.Holder | str | None:
        """Take the lock. The other window's :class:`~locks.Holder` when one has it (ask the
        official), a sentence when the draft cannot be protected (say it), else None."""
        if self.read_only:
            return None
        result = locks.acquire(self._path)
        if isinstance(result, locks.Holder):
            return result
        self._lock = result
        if result.held:
            remove_leftovers(self._path)  # temporary files of a save that was killed
            return None
        return _("The draft is not protected against a second window: {reason}.").format(reason=result.reason)

    def take_over(self, holder: locks.Holder) -> locks.Holder | None:
        """Take the lock from a window that seems gone. None when taken; else the holder that
        kept it (another window was quicker, or the lock file cannot be replaced), and the
        draft is open read-only."""
        result = locks.take_over(self._path, holder)
        if not holder.stale:  # "Edit anyway": that window goes on writing its own recovery copy
            self._window = str(os.getpid())
        if isinstance(result, locks.Holder):
            self.open_read_only(LOCK_STUCK if result.problem else OPEN_ELSEWHERE)
            return result
        self._lock = result
        return None

    def open_read_only(self, reason: str = OPEN_ELSEWHERE) -> None:
        self._read_only_reason = reason

    # -- the recovery copy
    def has_recovery(self) -> bool:
        return bool(recovery_copies(self._path))

    def recovery_offers(self) -> list[tuple[Path, Dossier, datetime | None]]:
        """Every window's recovery copy newer than the draft and different from it, newest
        first: where it is, its draft and its time."""
        offers: list[tuple[Path, Dossier, datetime | None]] = []
        for copy, offered in recovery_offers(self._path, self._draft):
            try:
                when: datetime | None = datetime.fromtimestamp(copy.stat().st_mtime)
            except OSError:
                when = None
            offers.append((copy, offered, when))
        return offers

    def recovery_offer(self) -> tuple[Dossier, datetime | None] | None:
        """The newest recovery copy newer than the draft and different from it, with its time."""
        offers = self.recovery_offers()
        return (offers[0][1], offers[0][2]) if offers else None

    def recover(self, offered: Dossier) -> None:
        """Edit the recovered draft: unsaved until the official saves it, and already in its
        recovery copy."""
        self.replace(offered)
        self._recovery_generation = self._generation

    def discard_recovery(self, copy: Path | None = None) -> None:
        """Remove a recovery copy (``copy``, default this window's)."""
        if copy is None:
            discard_recovery(self._path, self._window)
        else:
            with contextlib.suppress(OSError):
                copy.unlink()

    def replace(self, draft: Dossier) -> None:
        """Edit ``draft`` instead (a version brought back from the history): unsaved, and its
        recovery copy is written as for any typing."""
        self._draft = draft
        self.edited()

    def retire_recovery(self, now: datetime, copy: Path | None = None) -> Path | None:
        """Set a recovery copy that is not offered aside (never deleted); where it went."""
        return retire_recovery(self._path, self._draft, now, copy)

    def recovery_job(self) -> RecoveryJob | None:
        """The recovery copy to write now, or None when there is no unsaved typing not yet in it."""
        if self.read_only or not self.dirty or self._generation == self._recovery_generation:
            return None
        return RecoveryJob(dumps(self._draft), self._path, self._generation, self._window)

    @staticmethod
    def write_recovery(job: RecoveryJob) -> None:
        """Write a recovery copy (from a worker thread); raises DraftError."""
        write_recovery(job.text, job.path, job.window)

    def recovery_written(self, job: RecoveryJob) -> None:
        self._recovery_generation = max(self._recovery_generation, job.generation)
        if not self.dirty or not same_file(job.path, self._path):
            discard_recovery(job.path, job.window)  # a save finished while this copy was being written

    # -- saving
    def save_job(
        self, now: datetime, *, target: Path | None = None, force: bool = False, force_read_only: bool = False
    ) -> SaveJob:
        """Stamp the draft and take the snapshot a worker will write (to ``target`` for "save as")."""
        touch(self._draft, now)
        moving = target is not None and not same_file(target, self._path)
        return SaveJob(
            draft=self._draft.model_copy(deep=True),
            path=target if target is not None else self._path,
            expect=None if (force or moving) else self._fingerprint,
            force=force or moving,
            generation=self._generation,
            force_read_only=force_read_only,
        )

    @staticmethod
    def write(job: SaveJob) -> Written:
        """Write a save atomically and record it as a version (from a worker thread: both wait
        for the disk); raises DraftError, DraftConflictError. The history never fails a save."""
        notes: list[str] = []
        fingerprint = save_draft(
            job.draft,
            job.path,
            expect=job.expect,
            force=job.force,
            force_read_only=job.force_read_only,
            notes=notes,
        )
        from dossier.storage.history import record_save  # sqlite3 is imported on the first save

        history_note = record_save(job.path, job.draft)
        if history_note:
            notes.append(history_note)
        return Written(fingerprint, " ".join(notes) or None)

    def saved(self, job: SaveJob, written: Written) -> None:
        """Record a finished save; after "save as" this object edits the new file."""
        if not same_file(job.path, self._path):
            self._move_to(job.path)
        self._fingerprint = written.fingerprint
        self._saved_generation = job.generation
        if not self.dirty:
            discard_recovery(self._path, self._window)
            self._recovery_generation = job.generation

    def _move_to(self, target: Path) -> None:
        old = self._path
        result = locks.acquire(target)
        self._release()
        self._lock = result if isinstance(result, locks.Lock) else None
        discard_recovery(old, self._window)
        self._window = ""
        self._path = target

    # -- leaving
    def close(self, *, discard: bool = False) -> None:
        """Leave the draft: its recovery copy goes when nothing unsaved is kept; the lock is released."""
        if not self.read_only and (discard or not self.dirty):
            discard_recovery(self._path, self._window)
        self._release()

    def shutdown(self) -> None:
        """Last words on any exit (error, closed terminal): unsaved typing to the recovery copy."""
        job = self.recovery_job()
        if job is not None:
            with contextlib.suppress(Exception):  # the process is ending; the lock must still go
                self.write_recovery(job)
                self._recovery_generation = job.generation
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

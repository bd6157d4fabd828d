"""Every version of a draft, kept beside it in ``NAME.dossier.history.sqlite``.

Why one SQLite file (Python's own ``sqlite3``, nothing to install):

* **Crash safety comes from SQLite's journal.** Each version is one transaction, written
  in WAL mode with ``synchronous=FULL``: a kill or a power cut at any instant leaves the
  history as it was before that version or with the whole version, never half of one.
  (Where the folder cannot do WAL, a network share for instance, SQLite's rollback
  journal gives the same guarantee.)
* **One file travels with the draft.** After each version the journal is folded back
  into the file, so copying, mailing or syncing ``NAME.dossier.history.sqlite`` with the
  draft takes the whole history along.
* **Content is stored once.** The draft is cut into its parts (basic information, the
  introduction, each of the six sections with its table, the attachments, and ``rest``
  for the draft's settings and anything else); each part's JSON is stored once, under its
  SHA-256, zlib-compressed, in ``blobs``. A version is a row of ``versions`` whose
  ``manifest`` names the blob of each part, so a save where one section changed costs
  that section, not the draft.
* **Listing is fast.** ``versions`` is keyed by its id, newest first is a walk down that
  index, and the list reads neither manifests nor blobs.

``PRAGMA user_version`` holds :data:`SCHEMA` (for future migrations) and
``application_id`` marks the file as dossier's. A history that cannot be read never stops
the draft from opening: it is renamed ``….damaged-<time>`` (kept, for whoever wants to
look into it) and a new one started, with a plain note for the official. If no history
can be kept at all (a read-only folder), versions are kept in memory for the session and
the note says so.

No Textual import here.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import json
import os
import sqlite3
import stat
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, cast, get_args

from pydantic import ValidationError

from dossier.core import form
from dossier.core.diff import REST, VOLATILE_META
from dossier.core.i18n import _
from dossier.core.invalid import explain_validation_error
from dossier.core.model import SCHEMA_VERSION, Dossier
from dossier.storage import names, recent
from dossier.storage.migrations import migrate, schema_version_of

Kind = Literal["save", "outside", "restore", "migration", "import"]
KINDS: tuple[str, ...] = get_args(Kind)

SCHEMA = 1
"""Layout of the history file; bump it and migrate in :meth:`History._prepare` when it changes."""
APPLICATION_ID = 0x44535348  # "DSSH": a dossier history, as ``file(1)`` and SQLite tools show
PARTS: tuple[str, ...] = form.PART_IDS
"""The parts a draft is cut into, besides ``rest`` (its settings and anything else)."""
BUSY_TIMEOUT_S = 5.0
"""Another window writing a version holds the file this long at most."""

_SCHEMA_SQL = """
CREATE TABLE versions (
    id INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    author TEXT,
    label TEXT,
    kind TEXT NOT NULL,
    parts TEXT NOT NULL,
    manifest TEXT NOT NULL
);
CREATE TABLE blobs (
    hash TEXT PRIMARY KEY,
    data BLOB NOT NULL
) WITHOUT ROWID;
"""
_EXPORTS_SQL = """
CREATE TABLE IF NOT EXISTS exports (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL,
    time TEXT NOT NULL,
    author TEXT,
    file TEXT NOT NULL
)
"""
"""Which version each export showed. Made with the first export (an older dossier ignores it)."""


class HistoryError(Exception):
    """A history could not be read or written; the message is one plain sentence."""

    def __init__(self, message: str, *, damaged: bool = False) -> None:
        super().__init__(message)
        self.damaged = damaged


class _Damaged(Exception):
    """The file is not a readable history (internal: it gets set aside)."""


@dataclass(frozen=True, slots=True)
class Version:
    """One recorded version of a draft (without its content: see :meth:`History.get`)."""

    id: int
    time: datetime
    author: str | None
    label: str | None
    kind: Kind
    parts: tuple[str, ...]
    """The parts that changed since the version before (every part for the first one)."""
    exported: tuple[str, ...] = ()
    """The names of the documents exported from this version, oldest first."""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "time": self.time.isoformat(),
            "author": self.author,
            "label": self.label,
            "kind": self.kind,
            "parts": list(self.parts),
            "exported": list(self.exported),
        }


def history_path(draft_path: Path) -> Path:
    """``NAME.dossier.history.sqlite`` beside ``NAME.dossier.json`` (else ``FILE.history.sqlite``)."""
    return names.history_path(draft_path)


AUTHOR_PREFERENCE = "author"
"""The settings key (:func:`dossier.storage.recent.preferences`) of the name recorded with each save."""


def set_author(name: str) -> bool:
    """Record ``name`` with every save from now on (an empty name: the computer's user name again)."""
    return recent.set_preference(AUTHOR_PREFERENCE, " ".join(name.split()) or None)


def default_author() -> str | None:
    """The name set in the settings, else the operating system's name for the person at the
    keyboard, or None if it has none."""
    chosen = recent.preferences().get(AUTHOR_PREFERENCE)
    if isinstance(chosen, str) and chosen.strip():
        return chosen.strip()
    try:
        return getpass.getuser() or None
    except Exception:  # getpass raises various errors when no user name is known
        return None


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def split_draft(draft: Dossier) -> dict[str, bytes]:
    """The draft's JSON cut into its parts (see :data:`PARTS`) plus ``rest``."""
    parts, rest = form.cut(draft.model_dump(mode="json"))
    parts[REST] = rest
    return {name: _canonical(value) for name, value in parts.items()}


def with_part(draft: Dossier, source: Dossier, part: str) -> Dossier:
    """``draft`` with its ``part`` (a part id of the form) taken from ``source``."""
    parts, rest = form.cut(draft.model_dump(mode="json"))
    theirs, _rest = form.cut(source.model_dump(mode="json"))
    parts[part] = theirs[part]
    return Dossier.model_validate(form.assemble(parts, rest))


def join_draft(parts: Mapping[str, Any]) -> Dossier:
    """The draft made of parts as :func:`split_draft` cut them (an older layout is migrated)."""
    data = form.assemble(parts, parts[REST])
    version = schema_version_of(data)
    if version is not None and version < SCHEMA_VERSION:
        data = migrate(data, version, SCHEMA_VERSION)
    return Dossier.model_validate(data)


def _rest_key(rest: bytes) -> str:
    """A hash of ``rest`` without the settings every save changes (revision, modified time)."""
    value = json.loads(rest.decode("utf-8", "surrogatepass"))
    meta = value.get(form.META.path)
    if isinstance(meta, dict):
        value[form.META.path] = {k: v for k, v in meta.items() if k not in VOLATILE_META}
    return hashlib.sha256(_canonical(value)).hexdigest()


def _is_damage(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return (isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)) or (
        "malformed" in text or "not a database" in text
    )


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def set_aside(path: Path) -> Path:
    """Rename a damaged history (and its journal files) out of the way; returns the new name."""
    stamp = _stamp()
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists() or target.is_symlink():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    os.replace(path, target)
    for extra in ("-wal", "-shm", "-journal"):  # a stale journal must never be replayed into the new file
        journal = path.with_name(path.name + extra)
        if journal.exists() or journal.is_symlink():
            os.replace(journal, target.with_name(target.name + extra))
    return target


class History:
    """The versions of one draft. Open with :meth:`open`; :meth:`close` when done."""

    def __init__(self, draft_path: Path, conn: sqlite3.Connection, *, file: Path | None) -> None:
        self.draft_path = Path(draft_path)
        self.file = file
        """The history file, or None when versions are only kept in memory."""
        self.note: str | None = None
        """A plain sentence for the official when something was wrong with the history."""
        self.read_only = False
        """The history comes from a newer dossier: it can be listed and read, not added to."""
        self._conn = conn

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, draft_path: Path, *, create: bool = True) -> History:
        """The history of ``draft_path``; never raises for a damaged or unreachable file.

        A damaged history is set aside and a fresh one started; one that cannot be made
        at all is kept in memory. Either way :attr:`note` says so in plain words. With
        ``create`` False a missing history is not created (it reads as empty).
        """
        draft_path = Path(draft_path)
        path = history_path(draft_path)
        try:
            info: os.stat_result | None = path.stat()
        except FileNotFoundError:
            info = None
        except OSError as exc:
            return cls._in_memory(
                draft_path, _("it cannot be read ({reason})").format(reason=exc.strerror or exc)
            )
        if info is None and not create:
            return cls._in_memory(draft_path, None)
        damaged = info is not None and not stat.S_ISREG(info.st_mode)
        if not damaged:
            try:
                return cls._connect(draft_path, path)
            except _Damaged:
                damaged = True
            except (sqlite3.Error, OSError) as exc:
                return cls._in_memory(draft_path, _("it cannot be opened ({reason})").format(reason=exc))
        try:
            aside = set_aside(path)
            history = cls._connect(draft_path, path)
        except (sqlite3.Error, OSError, _Damaged) as exc:
            reason = _("it is damaged and could not be replaced ({reason})").format(reason=exc)
            return cls._in_memory(draft_path, reason)
        history.note = _(
            "The version history of {name} was damaged; it was set aside as {aside} "
            "and a new history started. Your draft itself is not affected."
        ).format(name=draft_path.name, aside=aside.name)
        return history

    @classmethod
    def _in_memory(cls, draft_path: Path, reason: str | None) -> History:
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        conn.executescript(_SCHEMA_SQL)
        history = cls(draft_path, conn, file=None)
        if reason is not None:
            history.note = _(
                "The version history of {name} ({file}) cannot be used: {reason}. "
                "Versions are kept only until you close the draft."
            ).format(name=draft_path.name, file=history_path(draft_path).name, reason=reason)
        return history

    @classmethod
    def _connect(cls, draft_path: Path, path: Path) -> History:
        if not path.exists():
            # made with the draft's permissions before SQLite sees it (its journal files follow
            # the file's): an unpublished dossier's text is never more readable in its history
            try:
                mode = stat.S_IMODE(draft_path.stat().st_mode)
            except OSError:
                mode = 0o600
            with contextlib.suppress(FileExistsError):
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode))
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        try:
            history = cls(draft_path, conn, file=path)
            history._prepare()
        except sqlite3.Error as exc:
            conn.close()
            if _is_damage(exc):
                raise _Damaged(str(exc)) from exc
            raise
        except _Damaged:
            conn.close()
            raise
        return history

    def _prepare(self) -> None:
        conn = self._conn
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if app_id not in (0, APPLICATION_ID):
            raise _Damaged("not a dossier history")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        if version == 0 and not tables:
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _SCHEMA_SQL.split(";"):  # executescript would commit half-way
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {SCHEMA}")
                conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise
            return
        if version > SCHEMA:
            self.read_only = True
            self.note = _(
                "The version history of {name} was written by a newer dossier; "
                "it can be read, but new versions are not recorded until you update dossier."
            ).format(name=self.draft_path.name)
        elif not {"versions", "blobs"} <= tables:
            raise _Damaged("tables missing")
        result = conn.execute("PRAGMA quick_check").fetchall()
        if result != [("ok",)]:
            raise _Damaged(str(result[0][0]) if result else "quick_check failed")

    def close(self) -> None:
        """Close the file (SQLite folds its journal back in when the last user closes)."""
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ reading

    def _error(self, exc: sqlite3.Error, doing: str) -> HistoryError:
        name = self.file.name if self.file is not None else _("the version history")
        if doing == "read":
            message = _("Could not read {name}: {reason}.")
        else:
            message = _("Could not write to {name}: {reason}.")
        return HistoryError(message.format(name=name, reason=exc), damaged=_is_damage(exc))

    def versions(self) -> list[Version]:
        """Every version, newest first (without content: cheap for thousands)."""
        try:
            rows = self._conn.execute(
                "SELECT id, time, author, label, kind, parts FROM versions ORDER BY id DESC"
            ).fetchall()
        except sqlite3.Error as exc:
            raise self._error(exc, "read") from exc
        exports = self._exports()
        return [_version(row, exports) for row in rows]

    def _exports(self) -> dict[int, tuple[str, ...]]:
        """The documents exported from each version (none before the first export)."""
        try:
            if not self._conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'exports'"
            ).fetchone():
                return {}
            rows = self._conn.execute("SELECT version, file FROM exports ORDER BY id").fetchall()
        except sqlite3.Error as exc:
            raise self._error(exc, "read") from exc
        out: dict[int, tuple[str, ...]] = {}
        for version_id, name in rows:
            out[int(version_id)] = (*out.get(int(version_id), ()), str(name))
        return out

    def version(self, version_id: int) -> Version:
        """One version's details; :class:`HistoryError` if there is no such version."""
        row = self._row(version_id, "id, time, author, label, kind, parts")
        return _version(row, self._exports())

    def latest(self) -> Version | None:
        """The newest version, or None when nothing is recorded yet."""
        try:
            row = self._conn.execute(
                "SELECT id, time, author, label, kind, parts FROM versions ORDER BY id DESC LIMIT 1"
            ).fetchone()
        except sqlite3.Error as exc:
            raise self._error(exc, "read") from exc
        return None if row is None else _version(row)

    def _row(self, version_id: int, columns: str) -> tuple[Any, ...]:
        try:
            row = self._conn.execute(f"SELECT {columns} FROM versions WHERE id = ?", (version_id,)).fetchone()
        except sqlite3.Error as exc:
            raise self._error(exc, "read") from exc
        if row is None:
            raise HistoryError(
                _("There is no version {version} in the history of {name}.").format(
                    version=version_id, name=self.draft_path.name
                )
            )
        return cast(tuple[Any, ...], row)

    def _blob(self, digest: str) -> bytes:
        try:
            row = self._conn.execute("SELECT data FROM blobs WHERE hash = ?", (digest,)).fetchone()
        except sqlite3.Error as exc:
            raise self._error(exc, "read") from exc
        if row is None:
            raise HistoryError(
                _("The version history of {name} is missing a part.").format(name=self.draft_path.name),
                damaged=True,
            )
        try:
            data = zlib.decompress(row[0])
        except zlib.error as exc:
            raise HistoryError(
                _("A part in the version history of {name} cannot be read.").format(
                    name=self.draft_path.name
                ),
                damaged=True,
            ) from exc
        if hashlib.sha256(data).hexdigest() != digest:
            raise HistoryError(
                _("A part in the version history of {name} is damaged.").format(name=self.draft_path.name),
                damaged=True,
            )
        return data

    def manifest(self, version_id: int) -> dict[str, str]:
        """Which stored content makes up each part of a version (part id → hash)."""
        (raw,) = self._row(version_id, "manifest")
        return cast(dict[str, str], json.loads(raw))

    def get(self, version_id: int) -> Dossier:
        """The draft exactly as it was at that version."""
        manifest = self.manifest(version_id)
        parts = {
            name: json.loads(self._blob(digest).decode("utf-8", "surrogatepass"))
            for name, digest in manifest.items()
        }
        try:
            return join_draft(parts)
        except (KeyError, TypeError, ValidationError) as exc:
            reason: object = exc
            if isinstance(exc, ValidationError):  # in our words, not pydantic's English
                reason = explain_validation_error(exc, _("the draft"))
            raise HistoryError(
                _("Version {version} in the history of {name} cannot be read ({reason}).").format(
                    version=version_id, name=self.draft_path.name, reason=reason
                ),
                damaged=True,
            ) from exc

    # ------------------------------------------------------------------ writing

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        if self.read_only:
            raise HistoryError(self.note or _("This version history cannot be added to."))
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._error(exc, "write to") from exc
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise self._error(exc, "write to") from exc
            raise

    def _changed(self, conn: sqlite3.Connection, hashes: dict[str, str], rest: bytes) -> list[str] | None:
        """The parts that differ from the newest version (None: nothing, not worth a version)."""
        row = conn.execute("SELECT manifest FROM versions ORDER BY id DESC LIMIT 1").fetchone()
        if row is None:
            return [*PARTS, REST]
        last = json.loads(row[0])
        changed = [p for p in PARTS if last.get(p) != hashes[p]]
        if last.get(REST) != hashes[REST] and _rest_key(self._blob(last[REST])) != _rest_key(rest):
            changed.append(REST)
        return changed or None

    def _record(self, draft: Dossier, kind: Kind, author: str | None, label: str | None) -> Version | None:
        if kind not in KINDS:
            raise ValueError(f"unknown kind of version: {kind!r}")
        blobs = split_draft(draft)
        hashes = {name: hashlib.sha256(data).hexdigest() for name, data in blobs.items()}
        when = _now()
        with self._transaction() as conn:
            changed = self._changed(conn, hashes, blobs[REST])
            if changed is None:
                return None
            for name, data in blobs.items():
                digest = hashes[name]
                if conn.execute("SELECT 1 FROM blobs WHERE hash = ?", (digest,)).fetchone() is None:
                    conn.execute(
                        "INSERT INTO blobs (hash, data) VALUES (?, ?)", (digest, zlib.compress(data))
                    )
            cursor = conn.execute(
                "INSERT INTO versions (time, author, label, kind, parts, manifest) VALUES (?, ?, ?, ?, ?, ?)",
                (when, author, label or None, kind, json.dumps(changed), json.dumps(hashes)),
            )
            new_id = cursor.lastrowid
        self._fold_journal()
        assert new_id is not None
        return Version(new_id, datetime.fromisoformat(when), author, label or None, kind, tuple(changed))

    def _fold_journal(self) -> None:
        """Copy the journal into the file now, so the file alone holds every version (sync, copy)."""
        with contextlib.suppress(sqlite3.Error):
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def record(
        self, draft: Dossier, *, kind: Kind = "save", author: str | None = None, label: str | None = None
    ) -> Version | None:
        """Record ``draft`` as a new version (None when nothing changed since the newest one).

        ``author`` defaults to the operating system's user name. Changes to the revision
        number and modified time alone are not a new version.
        """
        return self._record(draft, kind, author if author is not None else default_author(), label)

    def record_outside_change(self, draft: Dossier) -> Version | None:
        """Record a draft another program changed (author unknown); None if it did not change."""
        return self._record(draft, "outside", None, None)

    def check_outside(self, disk_draft: Dossier) -> Version | None:
        """Compare the draft on disk with the newest version before saving over it.

        If another program changed it, its text is recorded as a version of kind
        ``outside``, so a save over it loses nothing. With no version yet, the draft as
        found becomes the first version (kind ``import``).
        """
        if self.latest() is None:
            return self._record(disk_draft, "import", None, None)
        return self.record_outside_change(disk_draft)

    def version_of(self, draft: Dossier) -> Version | None:
        """The newest version if ``draft`` is exactly it (its revision and time aside), else None:
        the draft holds unsaved text, or was changed outside dossier since."""
        latest = self.latest()
        if latest is None:
            return None
        blobs = split_draft(draft)
        hashes = {name: hashlib.sha256(data).hexdigest() for name, data in blobs.items()}
        try:
            changed = self._changed(self._conn, hashes, blobs[REST])
        except sqlite3.Error as exc:
            raise self._error(exc, "read") from exc
        return latest if changed is None else None

    def record_export(self, version_id: int, file_name: str, *, author: str | None = None) -> Version:
        """Note that a document named ``file_name`` was exported from version ``version_id``."""
        self._row(version_id, "id")
        who = author if author is not None else default_author()
        with self._transaction() as conn:
            conn.execute(_EXPORTS_SQL)
            conn.execute(
                "INSERT INTO exports (version, time, author, file) VALUES (?, ?, ?, ?)",
                (version_id, _now(), who, file_name),
            )
        self._fold_journal()
        return self.version(version_id)

    def label(self, version_id: int, text: str) -> Version:
        """Name a version ("sent to the vice-mayor"); an empty text removes the name."""
        self._row(version_id, "id")
        with self._transaction() as conn:
            conn.execute("UPDATE versions SET label = ? WHERE id = ?", (text.strip() or None, version_id))
        self._fold_journal()
        return self.version(version_id)


def _version(row: tuple[Any, ...], exports: Mapping[int, tuple[str, ...]] | None = None) -> Version:
    vid, when, author, label, kind, parts = row
    exported = (exports or {}).get(int(vid), ())
    return Version(
        int(vid), datetime.fromisoformat(when), author, label, kind, tuple(json.loads(parts)), exported
    )


def exported_version(draft_path: Path, draft: Dossier) -> tuple[int | None, str | None]:
    """The version ``draft`` is in the history of ``draft_path`` (None: not a recorded version),
    and a note when the history had a problem or has versions but not this text. Reads only;
    never raises."""
    try:
        with History.open(draft_path, create=False) as history:
            found = history.version_of(draft)
            if found is not None or history.latest() is None:  # no history yet: nothing to say
                return (found.id if found is not None else None), history.note
            differs = _(
                "The exported text is not the last version recorded in the history of {name} "
                "(the draft was changed outside dossier since), so the document names no version."
            ).format(name=draft_path.name)
            return None, " ".join(n for n in (history.note, differs) if n)
    except HistoryError as exc:
        return None, str(exc)


def record_export(draft_path: Path, version_id: int, out: Path) -> str | None:
    """Record that ``out`` was exported from version ``version_id``; a note if that failed. Never raises."""
    try:
        with History.open(draft_path, create=False) as history:
            if history.file is None:
                return None
            history.record_export(version_id, Path(out).name)
    except (HistoryError, OSError) as exc:
        return _("The export was not recorded in the version history ({reason}).").format(reason=exc)
    return None


def _read_previous(draft_path: Path, draft: Dossier) -> Dossier | None:
    """The draft as it was on disk just before this save: the backup the save kept, if it is this draft's."""
    from dossier.storage.drafts import DraftError, backup_path, read_draft

    backup = backup_path(draft_path)
    try:
        if not backup.is_file():
            return None
        previous = read_draft(backup).draft
    except (DraftError, OSError):
        return None
    return previous if previous.meta.draft_id == draft.meta.draft_id else None


def record_save(
    draft_path: Path, draft: Dossier, *, kind: Kind = "save", label: str | None = None
) -> str | None:
    """Record a save that just succeeded; returns a note to show if the history had a problem.

    Call it after every successful save of ``draft`` to ``draft_path`` (off the UI thread:
    it waits for the disk). The save's backup (``NAME.dossier.json.bak``) is what was on
    disk before: if another program had changed it since the newest version, that text is
    recorded first as a version "changed outside dossier". Never raises: the draft is
    saved whatever happens to its history.
    """
    draft_path = Path(draft_path)
    notes: list[str] = []
    try:
        history = History.open(draft_path)
        try:
            if history.note:
                notes.append(history.note)
            if history.read_only:
                return " ".join(notes) or None
            try:
                _record_with(history, draft_path, draft, kind, label)
            except HistoryError as exc:
                if not exc.damaged or history.file is None:
                    raise
                history.close()
                aside = set_aside(history.file)
                history = History.open(draft_path)
                notes.append(
                    _(
                        "The version history of {name} was damaged; it was set aside as {aside} "
                        "and a new history started. Your draft itself is not affected."
                    ).format(name=draft_path.name, aside=aside.name)
                )
                _record_with(history, draft_path, draft, kind, label)
        finally:
            history.close()
    except Exception as exc:  # the draft is saved; its history must never turn that into a failure
        notes.append(
            _(
                "Your draft was saved, but its version could not be recorded in the history ({reason})."
            ).format(reason=exc)
        )
    return " ".join(notes) or None


def _record_with(history: History, draft_path: Path, draft: Dossier, kind: Kind, label: str | None) -> None:
    previous = _read_previous(draft_path, draft)
    if previous is not None:
        history.check_outside(previous)
    history.record(draft, kind=kind, label=label)

"""Draft files: one UTF-8 JSON file per application, ``NAME.dossier.json``.

The file is indented, keeps the model's key order (so it diffs well in git) and keeps
Chinese readable (no ``\\u`` escapes). Saving goes through :func:`atomic_write`, which
keeps the previous version as ``NAME.dossier.json.bak``. Loading never raises anything
but :class:`DraftError`, whose message names the file and the problem.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from dossier.core.i18n import _, follow
from dossier.core.invalid import explain_validation_error
from dossier.core.model import SCHEMA_VERSION, Dossier
from dossier.storage.atomic import WriteError, atomic_write, explain_os_error
from dossier.storage.migrations import changes_layout, migrate
from dossier.storage.names import DRAFT_SUFFIX
from dossier.storage.raw import (  # re-exported: the light half of reading a draft
    MAX_DRAFT_BYTES as MAX_DRAFT_BYTES,
)
from dossier.storage.raw import DraftError as DraftError
from dossier.storage.raw import RawDraft as RawDraft
from dossier.storage.raw import backup_path as backup_path
from dossier.storage.raw import read_json as read_json
from dossier.storage.raw import rescue_hint as rescue_hint
from dossier.storage.reading import read_regular


class DraftNewerError(DraftError):
    """The draft comes from a newer dossier: it can be shown, but saving could lose data."""

    def __init__(self, message: str, loaded: LoadedDraft) -> None:
        super().__init__(message)
        self.loaded = loaded


class DraftReadOnlyFileError(DraftError):
    """The draft file has no write permission for its owner (0400): someone meant it to stay as it is."""


class DraftConflictError(DraftError):
    """The file changed on disk since it was opened: saving would overwrite someone's work."""


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What a file looked like when we last read or wrote it."""

    size: int
    mtime_ns: int
    sha256: str


@dataclass(slots=True)
class LoadedDraft:
    """A draft as read from disk, with what had to change on the way in."""

    draft: Dossier
    path: Path
    fingerprint: Fingerprint | None
    notes: list[str] = field(default_factory=list)
    migrated_from: int | None = None
    read_only: bool = False


def dumps(draft: Dossier) -> str:
    """The exact text of the file for ``draft``."""
    data = draft.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _fingerprint(path: Path, data: bytes) -> Fingerprint:
    st = path.stat()
    return Fingerprint(st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())


def current_fingerprint(path: Path) -> Fingerprint | None:
    """The file's fingerprint now, or None if it is gone."""
    try:
        return _fingerprint(path, read_regular(path, MAX_DRAFT_BYTES))
    except OSError:
        return None


def touch(draft: Dossier, when: datetime | None = None) -> None:
    """Mark a user's save: bump the revision and the modified time."""
    draft.meta.revision += 1
    draft.meta.modified = (when or datetime.now(UTC)).replace(microsecond=0)


def save_draft(
    draft: Dossier,
    path: Path,
    *,
    expect: Fingerprint | None = None,
    force: bool = False,
    backup: bool = True,
    force_read_only: bool = False,
    notes: list[str] | None = None,
) -> Fingerprint:
    """Write ``draft`` to ``path`` atomically, keeping the previous version as a backup.

    ``expect`` is the fingerprint from when the file was opened: if the file has changed
    since (another window, a colleague, a sync tool) a :class:`DraftConflictError` is
    raised instead of overwriting, unless ``force`` is set. A file its owner made read-only
    raises :class:`DraftReadOnlyFileError` unless ``force_read_only`` is set. What could
    not be kept (the file's owner) is added to ``notes`` as plain sentences. Returns the
    new fingerprint.
    """
    path = Path(path)
    if not force_read_only:
        try:
            mode = os.stat(path).st_mode
        except OSError:
            mode = None
        if mode is not None and stat.S_ISREG(mode) and not mode & stat.S_IWUSR:
            raise DraftReadOnlyFileError(
                _(
                    "{path} is marked read-only (no one may write it); "
                    "dossier does not overwrite it unless you confirm."
                ).format(path=path)
            )
    if expect is not None and not force:
        now = current_fingerprint(path)
        if now is not None and now.sha256 != expect.sha256:
            raise DraftConflictError(
                _(
                    "{path} was changed by another program since you opened it; "
                    "saving now would overwrite those changes."
                ).format(path=path)
            )
    data = dumps(draft).encode("utf-8")
    try:
        kept = atomic_write(path, data, backup=backup_path(path) if backup else None)
    except WriteError as exc:
        raise DraftError(str(exc)) from exc
    if notes is not None:
        notes.extend(kept)
    return _fingerprint(path, data)


def read_draft(path: Path, *, allow_newer: bool = False) -> LoadedDraft:
    """Read a draft, migrating an old one; raises :class:`DraftError` for any bad file.

    A draft from a newer dossier raises :class:`DraftNewerError` (which carries the
    draft, to be shown read-only) unless ``allow_newer`` is set.
    """
    return validate_draft(read_json(path), allow_newer=allow_newer)


def validate_draft(read: RawDraft, *, allow_newer: bool = False) -> LoadedDraft:
    """The draft of a file read by :func:`read_json`: pydantic validates it (the costly half)."""
    path, raw, data, version, notes = read.path, read.raw, read.data, read.version, list(read.notes)
    migrated_from = None
    if version < SCHEMA_VERSION:
        raw = migrate(raw, version, SCHEMA_VERSION, notes)
        migrated_from = version
        if changes_layout(version, SCHEMA_VERSION):
            notes.append(
                _("Upgraded from the layout of an older dossier (schema {version}).").format(version=version)
            )
    try:
        draft = Dossier.model_validate(raw)
    except ValidationError as exc:
        problem = explain_validation_error(exc, _("the draft"))
        raise DraftError(
            follow(_("{path}: {problem}.").format(path=path, problem=problem), rescue_hint(path))
        ) from None
    except RecursionError:
        raise DraftError(
            _("{path}: the JSON is nested too deeply to be a draft.").format(path=path)
        ) from None
    loaded = LoadedDraft(draft, path, _fingerprint(path, data), notes, migrated_from)
    if version > SCHEMA_VERSION:
        loaded.read_only = True
        message = _(
            "{path} was written by a newer version of dossier (schema {version}; this one "
            "knows {known}). Update dossier to edit it."
        ).format(path=path, version=version, known=SCHEMA_VERSION)
        if not allow_newer:
            raise DraftNewerError(message, loaded)
        loaded.notes.append(message)
    return loaded


def load_draft(path: Path) -> Dossier:
    """Read a draft for editing; see :func:`read_draft`."""
    return read_draft(path).draft


def default_draft_path(folder: Path, city: str) -> Path:
    """A file name for a new draft named after the city."""
    stem = re.sub(r"[^\w\-]+", "-", city.strip().casefold()).strip("-") or "dossier"
    return folder / f"{stem}{DRAFT_SUFFIX}"


def with_draft_suffix(path: Path) -> Path:
    """``path`` named as a draft: ``linchuan2`` → ``linchuan2.dossier.json``.

    A name ending in plain ``.json`` (``linchuan.json``) becomes ``linchuan.dossier.json``
    rather than ``linchuan.json.dossier.json``: the official meant a JSON draft, and only
    ``*.dossier.json`` files are offered when a draft is opened. Any other ending is kept
    and the suffix added (``bid.v2`` → ``bid.v2.dossier.json``).
    """
    path = Path(path)
    name = path.name
    if not name or name.casefold().endswith(DRAFT_SUFFIX) or path.is_dir():
        return path  # a folder is refused by create_new with its own message
    if name.casefold().endswith(".json"):
        name = name[: -len(".json")]
    return path.with_name(name + DRAFT_SUFFIX)


def create_new(path: Path, draft: Dossier) -> Fingerprint:
    """Write a new draft; refuse (DraftError) if anything already exists at ``path``."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        raise DraftError(
            _("{path} already exists; dossier never overwrites a draft. Choose another name.").format(
                path=path
            )
        ) from None
    except OSError as exc:
        raise DraftError(explain_os_error(exc, path)) from None
    os.close(fd)  # the empty file reserves the name; the atomic save fills it
    try:
        return save_draft(draft, path, backup=False)
    except DraftError:
        path.unlink(missing_ok=True)
        raise

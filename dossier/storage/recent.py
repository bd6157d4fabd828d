"""The list of recently opened drafts and a few user preferences, in the user's data folder.

``dossier`` with no argument reopens the most recent draft at the part the official
was working on, so the list also keeps where they were (the part and the cursor).
The file is small JSON written atomically; a damaged or missing file is treated as an
empty list, because losing it costs a click, never any text.

No Textual import here: the CLI and the tests use it too.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dossier.storage.atomic import WriteError, atomic_write

ENV_DATA_DIR = "DOSSIER_DATA_DIR"
"""Set this to use another data folder (tests and snapshots point it at a temporary one)."""

MAX_RECENT = 12
_FILE = "recent.json"
_FORMAT = 1


def data_dir() -> Path:
    """The folder for dossier's own small files (not the drafts, which live where the user puts them)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("dossier", appauthor=False))


def _file() -> Path:
    return data_dir() / _FILE


def _load() -> dict[str, Any]:
    try:
        raw = json.loads(_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"format": _FORMAT, "drafts": [], "prefs": {}}
    if not isinstance(raw, dict):
        raw = {}
    drafts = raw.get("drafts")
    prefs = raw.get("prefs")
    return {
        "format": _FORMAT,
        "drafts": [d for d in drafts if isinstance(d, dict) and isinstance(d.get("path"), str)]
        if isinstance(drafts, list)
        else [],
        "prefs": prefs if isinstance(prefs, dict) else {},
    }


def _store(data: dict[str, Any]) -> bool:
    """Write the file; False (and nothing else) when the data folder cannot be written."""
    target = _file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    except (OSError, WriteError):
        return False
    return True


def _key(path: Path) -> str:
    try:
        return str(Path(path).expanduser().resolve())
    except (OSError, RuntimeError):  # RuntimeError: ~nosuchuser/…
        return str(Path(path).absolute())


@dataclass(frozen=True)
class RecentDraft:
    """One entry of the recent list, and whether the file is still where it was opened."""

    path: Path
    exists: bool


def _is_file(path: Path) -> bool:
    """True when ``path`` is a regular file; False for anything unreadable or odd, never an error."""
    try:
        return path.is_file()
    except (OSError, ValueError):  # a folder we may not look into, a name too long, a NUL
        return False


def recent_entries() -> list[RecentDraft]:
    """Every draft opened before, most recent first, including those that are gone.

    The start screen shows the missing ones greyed, so that a draft that was renamed
    or moved is reported as such instead of silently disappearing from the list.
    """
    return [RecentDraft(Path(entry["path"]), _is_file(Path(entry["path"]))) for entry in _load()["drafts"]]


def last_draft() -> RecentDraft | None:
    """The draft opened last, whether or not it still exists (None when the list is empty)."""
    entries = recent_entries()
    return entries[0] if entries else None


def recent_drafts() -> list[Path]:
    """Drafts opened before, most recent first, only those that still exist."""
    return [entry.path for entry in recent_entries() if entry.exists]


def remember(path: Path, *, place: dict[str, Any] | None = None) -> bool:
    """Put ``path`` first in the recent list, optionally with where the official was in it."""
    data = _load()
    key = _key(path)
    old = next((d for d in data["drafts"] if d["path"] == key), None)
    entry: dict[str, Any] = {"path": key, "opened": datetime.now(UTC).replace(microsecond=0).isoformat()}
    if place is not None:
        entry["place"] = place
    elif old is not None and isinstance(old.get("place"), dict):
        entry["place"] = old["place"]
    data["drafts"] = [entry, *(d for d in data["drafts"] if d["path"] != key)][:MAX_RECENT]
    return _store(data)


def forget(path: Path) -> bool:
    """Drop ``path`` from the recent list (it was moved, or the official asked)."""
    data = _load()
    key = _key(path)
    data["drafts"] = [d for d in data["drafts"] if d["path"] not in (key, str(path))]
    return _store(data)


def forget_missing() -> bool:
    """Drop every draft that is no longer where it was opened (asked for on the start screen)."""
    data = _load()
    data["drafts"] = [d for d in data["drafts"] if _is_file(Path(d["path"]))]
    return _store(data)


def last_place(path: Path) -> dict[str, Any] | None:
    """Where the official was in ``path`` last time (e.g. ``{"part": "strategy", "cursor": [3, 10]}``)."""
    key = _key(path)
    for entry in _load()["drafts"]:
        if entry["path"] == key and isinstance(entry.get("place"), dict):
            return dict(entry["place"])
    return None


def preferences() -> dict[str, Any]:
    """The user's interface preferences (guidance language and visibility)."""
    return dict(_load()["prefs"])


def set_preference(name: str, value: Any) -> bool:
    return set_preferences({name: value})


def set_preferences(values: Mapping[str, Any]) -> bool:
    """Remember several settings in one write; False if they could not be saved."""
    data = _load()
    data["prefs"].update(values)
    return _store(data)

"""A draft file read and its JSON parsed, without pydantic: the cheap half of reading a draft.

The editor shows its first screen from this (the text of the part it opens on) while the
draft is validated in the background; :mod:`dossier.storage.drafts` does the rest
(upgrade, validation) and re-exports what is here. Imports nothing heavier than the form.
"""

from __future__ import annotations

import contextlib
import functools
import glob
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dossier.core import form
from dossier.core.i18n import _, follow, ngettext
from dossier.storage.migrations import schema_version_of
from dossier.storage.names import BACKUP_SUFFIX, RECOVERY_SUFFIX, companion, history_path
from dossier.storage.reading import UnreadableFile, read_regular

MAX_DRAFT_BYTES = 16 * 1024 * 1024
"""A real dossier is well under 1 MB; a file over 16 MB is refused before it is read
(parsing and checking 50 MB would take half a minute and a gigabyte of memory)."""

_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


class DraftError(Exception):
    """A draft could not be read or written; the message is one plain sentence."""


def backup_path(path: Path) -> Path:
    """``NAME.dossier.json.bak`` beside the draft."""
    return companion(path, BACKUP_SUFFIX)


class _NotANumber(ValueError):
    """A JSON number that cannot be saved back as it was read (NaN, Infinity, 1e999, 10**5000)."""


MAX_DIGITS = 1000
"""Longer whole numbers are refused (Python itself stops at 4300 digits, with a traceback)."""


def _whole(token: str) -> int:
    if len(token) > MAX_DIGITS:
        raise _NotANumber(f"{token[:12]}… ({len(token)} digits)")
    return int(token)


def _only_finite(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):
        raise _NotANumber(token)
    return value


class _DuplicateKey(ValueError):
    """One JSON object names the same key twice: a loader would silently keep only the last."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def rescue_hint(path: Path) -> str:
    """Where a lost or damaged draft's text may still be: its recovery copies (newest first)
    and its version history, as one or two plain sentences (empty when there is neither), to
    set after a message with :func:`~dossier.core.i18n.follow`."""
    path = Path(path)
    plain = companion(path, RECOVERY_SUFFIX)
    found = [plain] if plain.is_file() else []
    with contextlib.suppress(OSError):
        found += sorted(
            (c for c in path.parent.glob(f"{glob.escape(plain.name)}-window-*") if c.is_file()),
            key=lambda c: -c.stat().st_mtime,
        )
    hints: list[str] = []
    if found:
        copies = _(" and ").join(str(c) for c in found[:3])
        hints.append(
            _("Unsaved typing was kept in {copies}: open it with dossier, then save it as the draft.").format(
                copies=copies
            )
        )
    if history_path(path).is_file():
        hints.append(
            _(
                "Every saved version is in its history: `dossier history {path}` lists them and "
                "`dossier restore {path} VERSION` brings one back."
            ).format(path=path)
        )
    return functools.reduce(follow, hints, "")


def _json_error(path: Path, text: str, exc: json.JSONDecodeError) -> str:
    start = text.lstrip()[:1]
    if not text.strip():
        problem = _("the file is empty")
    elif start not in ("{", "["):
        shown = json.dumps(text.lstrip()[:20], ensure_ascii=False)
        problem = _("it is not JSON at all (it begins {start}); a draft is a .dossier.json file").format(
            start=shown
        )
    else:
        problem = _("it is not valid JSON at line {line}, column {column} ({reason})").format(
            line=exc.lineno, column=exc.colno, reason=exc.msg
        )
        if not text.rstrip().endswith(("}", "]")):
            problem = _("{problem}; the file seems to have been cut short").format(problem=problem)
    backup = backup_path(path)
    message = _("{path}: {problem}.").format(path=path, problem=problem)
    if backup.is_file():
        message = follow(message, _("The previous version is in {backup}.").format(backup=backup))
    return follow(message, rescue_hint(path))


def _scrub_surrogates(value: Any, notes: list[str], where: str = "") -> Any:
    """Replace lone surrogates (from ``\\udXXX`` escapes) by U+FFFD: they cannot be saved as UTF-8."""
    if isinstance(value, str):
        if _LONE_SURROGATE.search(value):
            count = len(_LONE_SURROGATE.findall(value))
            notes.append(
                ngettext(
                    "{where}: {count} broken character (an unpaired UTF-16 surrogate) replaced by �.",
                    "{where}: {count} broken characters (unpaired UTF-16 surrogates) replaced by �.",
                    count,
                ).format(where=where or _("a value"), count=count)
            )
            return _LONE_SURROGATE.sub("\ufffd", value)
        return value
    if isinstance(value, dict):
        return {k: _scrub_surrogates(v, notes, f"{where}.{k}" if where else str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub_surrogates(v, notes, f"{where}[{i}]") for i, v in enumerate(value)]
    return value


@dataclass
class RawDraft:
    """A draft file read and its JSON parsed, not yet upgraded nor validated."""

    path: Path
    raw: dict[str, Any]
    data: bytes
    """The file's bytes, for the fingerprint of what was read."""
    version: int
    notes: list[str]


def read_json(path: Path) -> RawDraft:
    """Read a draft file and parse its JSON; :class:`DraftError` for a file that is not a draft.

    The cheap half of :func:`dossier.storage.drafts.read_draft`, without pydantic: the editor
    shows a first screen from it while the draft is validated (``validate_draft``), which also
    upgrades an old draft.
    """
    path = Path(path)
    try:
        # never hangs on a pipe, never reads a device or a huge file into memory
        data = read_regular(path, MAX_DRAFT_BYTES)
    except UnreadableFile as exc:
        if exc.size is not None:
            message = _("{path}: {reason} for a draft; is it the right file?")
            raise DraftError(message.format(path=path, reason=exc.reason)) from None
        message = _("{path} is {kind}; a draft is a .dossier.json file.")
        raise DraftError(message.format(path=path, kind=exc.reason)) from None
    except FileNotFoundError:
        raise DraftError(follow(_("{path}: no such file.").format(path=path), rescue_hint(path))) from None
    except PermissionError:
        raise DraftError(_("{path}: you are not allowed to read this file.").format(path=path)) from None
    except OSError as exc:
        message = _("{path}: cannot be read ({reason}).")
        raise DraftError(message.format(path=path, reason=exc.strerror or exc)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DraftError(
            _(
                "{path}: not a UTF-8 text file (unreadable byte at position {position}); "
                "is it a draft saved by dossier?"
            ).format(path=path, position=exc.start)
        ) from None
    try:
        # NaN, Infinity and endless numbers are not JSON a save could write back: refuse them
        raw = json.loads(
            text,
            parse_constant=_only_finite,
            parse_float=_only_finite,
            parse_int=_whole,
            object_pairs_hook=_no_duplicates,
        )
    except _DuplicateKey as exc:
        shown = json.dumps(str(exc), ensure_ascii=False)
        raise DraftError(
            _(
                "{path}: the key {key} appears twice in the same place, so one of its two values "
                "would be lost; remove one in a text editor."
            ).format(path=path, key=shown)
        ) from None
    except _NotANumber as exc:
        raise DraftError(
            _(
                "{path}: it holds the number “{number}”, which dossier cannot keep as it is; "
                "correct or remove it in a text editor."
            ).format(path=path, number=exc)
        ) from None
    except json.JSONDecodeError as exc:
        raise DraftError(_json_error(path, text, exc)) from None
    except RecursionError:
        raise DraftError(
            _("{path}: the JSON is nested too deeply to be a draft.").format(path=path)
        ) from None
    if not isinstance(raw, dict) or not (form.META.path in raw or "schema_version" in raw):
        raise DraftError(
            _("{path}: this JSON file is not a dossier draft (it has no 'meta' part).").format(path=path)
        )
    version = schema_version_of(raw)
    if version is None or version < 1:
        raise DraftError(_("{path}: the draft does not say which schema version it uses.").format(path=path))
    notes: list[str] = []
    raw = _scrub_surrogates(raw, notes)
    return RawDraft(path, raw, data, version, notes)

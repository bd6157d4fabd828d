"""Recovery copies: the unsaved text of a draft, written a few seconds after typing stops.

The recovery file sits beside the draft as ``NAME.dossier.json.recovery``. It is never
the draft itself: the official's Save writes the draft, and only then is the recovery
copy removed. If the program dies in between (killed, laptop battery, SSH dropped),
the next open finds a recovery copy newer than the draft and different from it, and
offers it back explicitly.

No Textual import here.
"""

from __future__ import annotations

import contextlib
import glob
import os
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dossier.core import form
from dossier.core.form import TEXT_PARTS
from dossier.core.i18n import _, interface_language, ngettext
from dossier.core.model import Dossier
from dossier.core.profiles import Profile, ProfileError, load_profile
from dossier.core.rules import part_label
from dossier.core.wordcount import count_words
from dossier.storage.atomic import WriteError, atomic_write
from dossier.storage.drafts import DraftError, dumps, read_draft
from dossier.storage.names import RECOVERY_SUFFIX, companion

WINDOW_INFIX = "-window-"
"""A second window editing the same draft ("Edit anyway") keeps its own copy:
``NAME.dossier.json.recovery-window-<pid>``, so a crash loses neither window's typing."""


def recovery_path(draft_path: Path, window: str = "") -> Path:
    """``NAME.dossier.json.recovery`` beside the draft (``…recovery-window-ID`` for a second window)."""
    return companion(draft_path, f"{RECOVERY_SUFFIX}{WINDOW_INFIX}{window}" if window else RECOVERY_SUFFIX)


def recovery_copies(draft_path: Path) -> list[Path]:
    """Every window's recovery copy of the draft that exists, newest first."""
    plain = recovery_path(draft_path)
    found = [plain]
    with contextlib.suppress(OSError):
        found += plain.parent.glob(f"{glob.escape(plain.name)}{WINDOW_INFIX}*")
    dated = [(_mtime(copy), copy) for copy in found if copy.is_file()]
    return [copy for when, copy in sorted(dated, key=lambda pair: -(pair[0] or 0.0)) if when is not None]


def _mode_of(draft_path: Path) -> int:
    """The draft's permissions (owner-only if unknown): an unpublished dossier's text is never
    more readable in its recovery copy than in the draft itself."""
    try:
        return stat.S_IMODE(draft_path.stat().st_mode)
    except OSError:
        return 0o600


def write_recovery(draft: Dossier | str, draft_path: Path, window: str = "") -> Path:
    """Write the recovery copy atomically (no backup); raises :class:`DraftError` if it fails.

    ``draft`` may be the JSON text already made by :func:`dumps`, so a background
    thread can write a snapshot taken on the UI thread.
    """
    target = recovery_path(draft_path, window)
    text = draft if isinstance(draft, str) else dumps(draft)
    try:
        # no empty placeholder first: a kill or a full disk must leave no copy or a whole one
        atomic_write(target, text.encode("utf-8"), new_mode=_mode_of(Path(draft_path)), recovery=True)
    except WriteError as exc:
        raise DraftError(str(exc)) from exc
    except OSError as exc:
        raise DraftError(
            _("Could not write the recovery copy {path}: {reason}.").format(
                path=target, reason=exc.strerror or exc
            )
        ) from exc
    return target


def read_recovery(draft_path: Path, copy: Path | None = None) -> Dossier | None:
    """The recovery copy's draft (``copy``, default the first window's), or None if there is
    none or it cannot be read."""
    target = copy if copy is not None else recovery_path(draft_path)
    if not target.is_file():
        return None
    try:
        return read_draft(target).draft
    except DraftError:
        return None


def _content(draft: Dossier) -> dict[str, Any]:
    """The draft without what a save changes by itself (revision and time stamps)."""
    data = draft.model_dump(mode="json")
    meta = data.get(form.META.path, {})
    for key in ("revision", "modified"):
        meta.pop(key, None)
    return data


def same_content(a: Dossier, b: Dossier) -> bool:
    return _content(a) == _content(b)


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except OSError:
        return None


def recovery_offer(draft_path: Path, saved: Dossier, copy: Path | None = None) -> Dossier | None:
    """The recovery copy to offer back: only one newer than the draft AND different from it."""
    target = copy if copy is not None else recovery_path(draft_path)
    copy_time = _mtime(target)
    if copy_time is None:
        return None
    draft_time = _mtime(Path(draft_path))
    if draft_time is not None and copy_time <= draft_time:
        return None
    recovered = read_recovery(draft_path, target)
    if recovered is None or same_content(recovered, saved):
        return None
    return recovered


def recovery_offers(draft_path: Path, saved: Dossier) -> list[tuple[Path, Dossier]]:
    """Every window's recovery copy worth offering back, newest first."""
    offers = []
    for copy in recovery_copies(draft_path):
        offered = recovery_offer(draft_path, saved, copy)
        if offered is not None:
            offers.append((copy, offered))
    return offers


def discard_recovery(draft_path: Path, window: str = "") -> None:
    """Remove the recovery copy (after a successful save, or when the official discards it).

    Best effort, never raises: on a read-only disk even a missing copy gives EROFS, and
    this runs on the way out of a save or a quit, which must not fail because of it.
    """
    with contextlib.suppress(OSError):
        recovery_path(draft_path, window).unlink()


def retire_recovery(
    draft_path: Path, saved: Dossier, when: datetime | None = None, copy: Path | None = None
) -> Path | None:
    """Deal with a recovery copy that is not offered, before autosave overwrites it.

    A copy equal to the draft is removed. A different one that is *older* than the
    draft (someone saved the draft after that session died) may still hold typing
    nobody saved: it is renamed ``NAME.dossier.json.recovery-YYYYmmdd-HHMMSS`` and its
    path returned so the official can be told. Unreadable copies are set aside too.
    """
    target = copy if copy is not None else recovery_path(draft_path)
    if not target.is_file():
        return None
    recovered = read_recovery(draft_path, target)
    if recovered is not None and same_content(recovered, saved):
        with contextlib.suppress(OSError):
            target.unlink()
        return None
    stamp = (when or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    aside = companion(Path(draft_path), f"{RECOVERY_SUFFIX}-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = companion(Path(draft_path), f"{RECOVERY_SUFFIX}-{stamp}-{n}")
    try:
        os.replace(target, aside)
    except OSError:
        return None
    return aside


def _label(part: str, profile: Profile | None) -> str:
    """The rules' name for a part; without a readable profile, the part's id names a section."""
    return part_label(part, profile)


def _words(n: int) -> str:
    return ngettext("{count} word", "{count} words", n).format(count=n)


def _field_name(key: str) -> str:
    """A basic-information field by its label in the interface language (``area_km2`` → Area (km²))."""
    spec = next((f for f in form.BASIC_FIELDS if f.name == key), None)
    if spec is None:
        return key.replace("_", " ")
    language = interface_language()
    label = spec.label(language)
    return label if language == "zh" else label[:1].lower() + label[1:]


def compare(saved: Dossier, recovered: Dossier, profile: Profile | None = None) -> list[str]:
    """Plain lines, one per part that differs, e.g. ``2. Development strategy: 312 → 340 words``."""
    if profile is None:
        with contextlib.suppress(ProfileError):
            profile = load_profile(saved.meta.profile)
    lines: list[str] = []
    a_basic, b_basic = saved.basic.model_dump(mode="json"), recovered.basic.model_dump(mode="json")
    if a_basic != b_basic:
        changed = [key for key in b_basic if a_basic.get(key) != b_basic.get(key)]
        lines.append(
            _("{part}: {fields} changed").format(
                part=_label(form.BASIC.id, profile), fields=", ".join(_field_name(k) for k in changed)
            )
        )
    for part in TEXT_PARTS:
        old, new = saved.part(part).text, recovered.part(part).text
        if old != new:
            a, b = count_words(old), count_words(new)
            if a == b:
                lines.append(
                    _("{part}: text changed ({words})").format(part=_label(part, profile), words=_words(b))
                )
            else:
                lines.append(
                    _("{part}: {before} → {words}").format(
                        part=_label(part, profile), before=a, words=_words(b)
                    )
                )
    old_targets = [t.model_dump() for t in saved.sections.sdg_goals.targets]
    new_targets = [t.model_dump() for t in recovered.sections.sdg_goals.targets]
    if old_targets != new_targets:
        lines.append(
            _("{part}: goals {before} → {after}").format(
                part=_label(form.SDGS.id, profile), before=len(old_targets), after=len(new_targets)
            )
        )
    old_plan = [i.model_dump() for i in saved.sections.contribution.initiatives]
    new_plan = [i.model_dump() for i in recovered.sections.contribution.initiatives]
    if old_plan != new_plan:
        after = ngettext("{count} initiative", "{count} initiatives", len(new_plan)).format(
            count=len(new_plan)
        )
        lines.append(
            _("{part}: action plan {before} → {after}").format(
                part=_label(form.PLAN.id, profile), before=len(old_plan), after=after
            )
        )
    a_att = {k: v.model_dump() for k, v in saved.attachments.items()}
    b_att = {k: v.model_dump() for k, v in recovered.attachments.items()}
    if a_att != b_att:
        changed_ids = sorted(k for k in set(a_att) | set(b_att) if a_att.get(k) != b_att.get(k))
        lines.append(
            ngettext("{part}: {count} changed", "{part}: {count} changed", len(changed_ids)).format(
                part=_label(form.ATTACHMENTS.id, profile), count=len(changed_ids)
            )
        )
    if not lines and not same_content(saved, recovered):
        lines.append(_("Other details of the draft differ."))
    return lines

"""What the CLI and the TUI both do with a draft: open it with its profile, check it, start one.

Kept apart from both front ends so they cannot drift: the same draft gives the same
findings in ``dossier validate``, in the sidebar and on the export's status page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from dossier.core.files import FileInfo, inspect, resolve
from dossier.core.form import Language
from dossier.core.i18n import Wording, _
from dossier.core.model import Attachment, Dossier
from dossier.core.profiles import Profile, ProfileError, Stage, load_profile
from dossier.core.rules import Report, validate
from dossier.core.translation import set_working_language
from dossier.storage.drafts import LoadedDraft, RawDraft, read_draft, validate_draft


def attachment_sizer(folder: Path) -> Callable[[str], int | None]:
    """A function giving an attachment's size in bytes (None if missing), relative to ``folder``."""

    def size(path: str) -> int | None:
        try:
            target = Path(path).expanduser()
        except RuntimeError:  # ~nosuchuser/…: no such user here, so no such file either
            return None
        if not target.is_absolute():
            target = folder / target
        try:
            return target.stat().st_size if target.is_file() else None
        except OSError:
            return None

    return size


def profile_for(draft: Dossier, folder: Path, override: str | None = None) -> Profile:
    """The call profile a draft names (a bundled id, or a file next to the draft)."""
    return load_profile(override or draft.meta.profile, base_dir=folder)


def open_draft(
    path: Path, *, profile: str | None = None, allow_newer: bool = False
) -> tuple[LoadedDraft, Profile]:
    """Read a draft and its profile; raises DraftError or ProfileError with plain messages."""
    loaded = read_draft(path, allow_newer=allow_newer)
    return loaded, profile_for(loaded.draft, Path(path).parent, profile)


def validate_opened(read: RawDraft, *, profile: str | None = None) -> tuple[LoadedDraft, Profile]:
    """The second half of :func:`open_draft` (newer drafts allowed): validate a draft file
    already read and parsed (``storage.raw.read_json``), and find its profile."""
    loaded = validate_draft(read, allow_newer=True)
    return loaded, profile_for(loaded.draft, read.path.parent, profile)


def attachment_inspector(folder: Path) -> Callable[[str], FileInfo | None]:
    """A function giving an attachment's size and format by content (None if missing),
    relative to ``folder``."""

    def info(path: str) -> FileInfo | None:
        target = resolve(path, folder)
        return inspect(target) if target is not None else None

    return info


def check(
    draft: Dossier,
    profile: Profile,
    folder: Path | None,
    *,
    now: datetime | None = None,
    stage: Stage = "draft",
    wording: Wording | None = None,
) -> Report:
    """Every finding for ``draft`` at ``stage``; attachment files are looked up beside the draft.

    The messages are in ``wording``'s language, the interface's by default; a report for the
    Word export is asked for in the dossier's (``wording(draft.meta.language)``).
    """
    inspector = attachment_inspector(folder) if folder is not None else None
    return validate(draft, profile, now=now, file_info=inspector, stage=stage, wording=wording)


def new_dossier(
    *,
    city: str,
    country: str,
    field: str,
    profile: Profile,
    language: Language = "en",
    working_language: str | None = None,
) -> Dossier:
    """A fresh draft with the attachments the call asks for, all still missing; with a
    ``working_language`` (a BCP 47 tag, checked by the caller), every text part has an
    empty working text beside its submission text."""
    spec = profile.field(field) or next(
        (f for f in profile.fields if field.casefold() in {f.en.casefold(), f.fr.casefold(), f.zh}),
        None,
    )
    if spec is None:
        offered = ", ".join(f.id for f in profile.fields)
        raise ProfileError(
            _("“{field}” is not a creative field of {profile}; choose one of: {offered}.").format(
                field=field, profile=profile.id, offered=offered
            )
        )
    draft = Dossier()
    draft.meta.profile = profile.id
    draft.meta.language = language
    draft.basic.city = city
    draft.basic.country = country
    draft.basic.field = spec.id
    draft.attachments = {a.id: Attachment() for a in profile.attachments if not a.generated}
    if working_language is not None:
        set_working_language(draft, working_language)
    return draft

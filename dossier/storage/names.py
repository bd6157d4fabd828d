"""How a draft and the files beside it are named; pure path arithmetic, no disk access.

Kept apart from :mod:`dossier.storage.drafts` so the exporter can keep its output away
from every file storage owns (the draft, its ``.bak``, ``.recovery`` and ``.lock``)
without importing the loader, the lock or the recovery code.
"""

from __future__ import annotations

from pathlib import Path

DRAFT_SUFFIX = ".dossier.json"
"""A draft is ``NAME.dossier.json``."""
BACKUP_SUFFIX = ".bak"
"""The previous version, kept by every save: ``NAME.dossier.json.bak``."""
RECOVERY_SUFFIX = ".recovery"
"""The editor's unsaved work, written while typing: ``NAME.dossier.json.recovery``."""
LOCK_SUFFIX = ".lock"
"""Who has the draft open: ``NAME.dossier.json.lock``."""
COMPANION_SUFFIXES = (BACKUP_SUFFIX, RECOVERY_SUFFIX, LOCK_SUFFIX)
"""Every suffix storage adds to a draft's file name for a file of its own."""


def draft_name(path: Path) -> str:
    """The draft's name without the ``.dossier.json`` suffix."""
    name = Path(path).name
    return name[: -len(DRAFT_SUFFIX)] if name.endswith(DRAFT_SUFFIX) else Path(path).stem


def companion(draft_path: Path, suffix: str) -> Path:
    """The file beside the draft whose name is the draft's plus ``suffix``."""
    draft_path = Path(draft_path)
    return draft_path.with_name(draft_path.name + suffix)

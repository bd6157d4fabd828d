"""Where an export may write: the same rules for ``dossier export`` and the editor.

The default output is beside the draft with the same name and ``.docx``
(``hangzhou.dossier.json`` -> ``hangzhou.docx``) and is never replaced unless the
caller says so (``force``); a path the user named is their explicit choice and may be
replaced. Whatever the caller says, an export never writes over the draft itself, its
``.bak``, ``.recovery`` or ``.lock`` companions, a folder, nor any file that is not a
``.docx``.
"""

from __future__ import annotations

from pathlib import Path

from dossier.core.i18n import N_, _, ngettext
from dossier.export.result import ExportError
from dossier.storage.names import (
    BACKUP_SUFFIX,
    COMPANION_SUFFIXES,
    LOCK_SUFFIX,
    NAME_MAX,
    RECOVERY_SUFFIX,
    companion,
    draft_name,
    name_bytes,
    same_file,
)

_NOT_OVER: dict[str, str] = {
    "": N_("{path} is the draft itself; choose another output file."),
    BACKUP_SUFFIX: N_("{path} is the draft's .bak file (its previous version); choose another output file."),
    RECOVERY_SUFFIX: N_(
        "{path} is the draft's .recovery file (its recovery copy); choose another output file."
    ),
    LOCK_SUFFIX: N_("{path} is the draft's .lock file; choose another output file."),
}
"""What the export refuses to write over, one whole sentence each (translated when raised)."""
_NOT_OVER_ANY = N_("{path} is one of the draft's own files ({suffix}); choose another output file.")
"""For a companion file storage may add later and that has no sentence of its own yet."""

REVIEW_SUFFIX = "-bilingual"
"""Added to the name of a review copy, so it never takes the submission document's place."""


def default_output(draft_path: Path, *, review: bool = False) -> Path:
    """``NAME.docx`` beside ``NAME.dossier.json`` (``NAME-bilingual.docx`` for a review copy)."""
    draft_path = Path(draft_path)
    return draft_path.with_name(f"{draft_name(draft_path)}{REVIEW_SUFFIX if review else ''}.docx")


def check_output(out: Path, draft_path: Path, *, named: bool, force: bool) -> None:
    """Raise :class:`ExportError` if writing ``out`` could destroy something.

    ``named``: the user chose ``out`` (it may replace a document); ``force``: replace an
    existing document at the default output too.
    """
    out, draft_path = Path(out), Path(draft_path)
    size = name_bytes(out.name)
    if size > NAME_MAX:
        if named:
            message = ngettext(
                "The file name {name}… is too long for this system ({count} byte, at most {limit}); "
                "choose a shorter name.",
                "The file name {name}… is too long for this system ({count} bytes, at most {limit}); "
                "choose a shorter name.",
                size,
            )
        else:
            message = ngettext(
                "The file name {name}… is too long for this system ({count} byte, at most {limit}); "
                "choose a shorter name with -o.",
                "The file name {name}… is too long for this system ({count} bytes, at most {limit}); "
                "choose a shorter name with -o.",
                size,
            )
        raise ExportError(message.format(name=out.name[:40], count=size, limit=NAME_MAX))
    if out.suffix.casefold() != ".docx":
        raise ExportError(_("{path}: the output must be a Word document ending in .docx.").format(path=out))
    for suffix in ("", *COMPANION_SUFFIXES):
        if same_file(out, companion(draft_path, suffix)):
            raise ExportError(_(_NOT_OVER.get(suffix, _NOT_OVER_ANY)).format(path=out, suffix=suffix))
    if out.is_dir():
        raise ExportError(_("{path} is a folder; give a file name ending in .docx.").format(path=out))
    if not named and not force and out.exists():
        raise ExportError(
            _("{path} already exists; add --force to replace it, or choose another file with -o.").format(
                path=out
            )
        )

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

from dossier.export.result import ExportError
from dossier.storage.names import COMPANION_SUFFIXES, NAME_MAX, companion, draft_name, name_bytes, same_file

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
    if name_bytes(out.name) > NAME_MAX:
        raise ExportError(
            f"The file name {out.name[:40]}… is too long for this system ({name_bytes(out.name)} bytes, "
            f"at most {NAME_MAX}); choose a shorter name{' with -o' if not named else ''}."
        )
    if out.suffix.casefold() != ".docx":
        raise ExportError(f"{out}: the output must be a Word document ending in .docx.")
    for suffix in ("", *COMPANION_SUFFIXES):
        if same_file(out, companion(draft_path, suffix)):
            what = "the draft itself" if not suffix else f"the draft's {suffix} file"
            raise ExportError(f"{out} is {what}; choose another output file.")
    if out.is_dir():
        raise ExportError(f"{out} is a folder; give a file name ending in .docx.")
    if not named and not force and out.exists():
        raise ExportError(f"{out} already exists; add --force to replace it, or choose another file with -o.")

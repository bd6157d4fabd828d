"""Export a draft as a Word document (.docx) for the mayor's office, reviewers and the
National Commission.

A library, called the same way by ``dossier export`` and the editor; the callers open
and check the draft, and say what went wrong in their own way (exit codes and lines on
stderr for the CLI, notifications in the editor). Importing this package is cheap:
python-docx is imported only when a document is actually written, so ``dossier --help``,
``validate`` and the TUI start fast.

* :func:`export_draft` guards the output path and writes the document: the one call
  both front ends make.
* :func:`default_output` and :func:`check_output` are the output rules on their own,
  for asking before any work is done (never over the draft, its ``.bak``/``.recovery``/
  ``.lock``, a folder, a non-.docx, or an unnamed existing file).
* :func:`export_docx` writes one document atomically and :func:`render_docx` builds it
  in memory, with no path rules. All return an :class:`ExportResult` or raise
  :class:`ExportError`, never anything else for an expected failure.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.export.output import check_output, default_output
from dossier.export.result import ExportError, ExportResult
from dossier.export.sanitize import xml_safe

if TYPE_CHECKING:
    from dossier.core.model import Dossier
    from dossier.core.profiles import Profile
    from dossier.core.rules import Report

__all__ = [
    "ExportError",
    "ExportResult",
    "check_output",
    "default_output",
    "export_docx",
    "export_draft",
    "render_docx",
    "xml_safe",
]


def render_docx(
    draft: Dossier,
    profile: Profile,
    report: Report,
    *,
    template: Path | None = None,
    when: datetime | None = None,
    version: int | None = None,
    bilingual: bool = False,
) -> tuple[bytes, list[tuple[str, int]], int]:
    """The document as bytes, with (removed characters by location, comment count).

    ``version`` is the number of the history version ``draft`` is, written in the
    document's properties (the caller looks it up: this package does not read histories).
    Everything happens in memory; nothing is written. Raises :class:`ExportError`.
    ``bilingual`` makes the review copy of a draft with a working language (each part's
    working text beside its submission text, marked "not for submission"); the default is
    the submission document, in the dossier's language only.
    """
    from dossier.export.docx_writer import DocxWriter
    from dossier.export.package import reproducible
    from dossier.export.reviewed import capture, embed_base
    from dossier.export.sanitize import Cleaner
    from dossier.export.template import open_template, resolve_styles

    document, where = open_template(template)
    styles = resolve_styles(document, where)
    cleaner = Cleaner()
    moment = when or datetime.now().astimezone()
    comments = DocxWriter(
        document, styles, draft, profile, report, moment, cleaner, version, bilingual=bilingual
    ).write()
    embed_base(document, capture(document, profile))  # what a reviewed copy is compared with
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible(buffer.getvalue()), cleaner.report(), comments


def export_docx(
    draft: Dossier,
    profile: Profile,
    report: Report,
    out: Path,
    *,
    template: Path | None = None,
    when: datetime | None = None,
    version: int | None = None,
    bilingual: bool = False,
) -> ExportResult:
    """Write ``draft`` as a Word document at ``out``, replacing any file there atomically.

    The document is built in memory, then written to a temporary file in the target
    folder and renamed over ``out``: a failure (template missing a style, unwritable
    folder, full disk) raises :class:`ExportError` with a plain message and leaves an
    existing document untouched. ``when`` is the export time shown on the cover and
    status page (default: now). Safe to call from a worker thread.
    """
    from dossier.storage.atomic import WriteError, atomic_write

    out = Path(out)
    data, removed, comments = render_docx(
        draft, profile, report, template=template, when=when, version=version, bilingual=bilingual
    )
    existed = out.is_file()
    try:
        atomic_write(out, data)
    except WriteError as exc:
        raise ExportError(str(exc)) from None
    return ExportResult(path=out, removed=removed, comments=comments, replaced=existed, version=version)


def export_draft(
    draft: Dossier,
    profile: Profile,
    report: Report,
    draft_path: Path,
    out: Path | None = None,
    *,
    force: bool = False,
    template: Path | None = None,
    when: datetime | None = None,
    version: int | None = None,
    bilingual: bool = False,
) -> ExportResult:
    """Export the draft saved at ``draft_path``: to ``out``, or beside it as ``NAME.docx``.

    The output rules of :func:`check_output` are applied first: an ``out`` the user named
    may replace a document, the default output only with ``force``. Then as
    :func:`export_docx`. Raises :class:`ExportError`. Safe to call from a worker thread.
    """
    draft_path = Path(draft_path)
    target = default_output(draft_path, review=bilingual) if out is None else Path(out)
    check_output(target, draft_path, named=out is not None, force=force)
    return export_docx(
        draft, profile, report, target, template=template, when=when, version=version, bilingual=bilingual
    )

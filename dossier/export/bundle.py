"""The submission package: one zip holding the application, its PDF and every attachment.

``dossier bundle`` and the editor's "Bundle for submission" call :func:`write_bundle`. The
zip holds, under numbered names in the order of the form:

* ``Application - CITY.docx`` and, when LibreOffice is installed, ``Application - CITY.pdf``
  (its contents' page numbers filled in by LibreOffice, see :mod:`dossier.export.pdf`);
* ``Attachment 01 - List of all documents.docx``: UNESCO's first attachment, written here
  from what the package holds;
* ``Attachment 02 - ….pdf`` and so on: each file the draft points to, in the profile's order.

Before anything is written, :func:`bundle_problems` lists what UNESCO would refuse (a
required file missing, a photo over its limit or not a JPEG, a package over 20 MB); the
bundle refuses on any of them unless the caller asks for a partial bundle.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.core.files import FileInfo, inspect, resolve
from dossier.core.i18n import N_, _, wording
from dossier.export.result import ExportError

if TYPE_CHECKING:
    from dossier.core.model import Dossier
    from dossier.core.profiles import AttachmentSpec, Profile
    from dossier.core.rules import Report

Progress = Callable[[str, float], None]
"""Told what the bundle is doing and how far it is (0 to 1), for a progress display."""

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


class BundleRefused(ExportError):
    """The package would be refused by UNESCO; ``problems`` says why, one sentence each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(slots=True)
class BundleEntry:
    """One document of the package."""

    number: int
    """Its attachment number (0 for the application itself)."""
    label: str
    name: str
    """Its name in the zip."""
    source: Path | None = None
    """The file it is copied from (None for documents the bundle writes)."""
    size: int = 0


@dataclass(slots=True)
class BundleResult:
    path: Path
    entries: list[BundleEntry] = field(default_factory=list)
    pdf: bool = False
    notes: list[str] = field(default_factory=list)
    """What the official should know: the PDF is missing and how to add it, what is left out."""

    def summary(self) -> str:
        return _("Wrote {path} ({count} documents).").format(path=self.path, count=len(self.entries))


def safe_name(text: str, limit: int = 80) -> str:
    """A file name from a label: no path separators or characters Windows refuses, no
    parenthesised remark, at most ``limit`` characters."""
    text = re.sub(r"\s*\(.*?\)\s*", " ", text)
    text = _UNSAFE.sub(" ", text)
    text = " ".join(text.split()).strip(" .")
    return text[:limit].rstrip(" .") or "document"


def _suffix(info: FileInfo | None, path: str) -> str:
    known = {"pdf": ".pdf", "docx": ".docx", "jpeg": ".jpg", "png": ".png"}
    if info is not None and info.format in known:
        return known[info.format]
    return Path(path).suffix.casefold() or ""


def _attachment_label(spec: AttachmentSpec, language: str) -> str:
    return spec.label(language)


def bundle_problems(draft: Dossier, profile: Profile, folder: Path) -> list[str]:
    """Why UNESCO would refuse the package as it stands, one sentence each (empty: none)."""
    rules = profile.attachment_rules
    language = draft.meta.language
    problems: list[str] = []
    total = 0
    for number, spec in enumerate(profile.attachments, start=1):
        if spec.generated:
            continue
        label = _attachment_label(spec, language)
        item = draft.attachments.get(spec.id)
        if item is None or not item.path:
            problems.append(
                _("Attachment {number} ({label}): no file given.").format(number=number, label=label)
            )
            continue
        target = resolve(item.path, folder)
        info = inspect(target) if target is not None else None
        if info is None:
            problems.append(
                _("Attachment {number} ({label}): the file “{path}” cannot be found.").format(
                    number=number, label=label, path=item.path
                )
            )
            continue
        total += info.size
        if spec.kind == "photo":
            if info.format != "jpeg":
                problems.append(
                    _("Attachment {number} ({label}): “{path}” is not a JPEG file.").format(
                        number=number, label=label, path=item.path
                    )
                )
            if info.size > rules.photo_max_mb * 1_000_000:
                problems.append(
                    _("Attachment {number} ({label}): {size} MB, above the limit of {limit} MB.").format(
                        number=number,
                        label=label,
                        size=f"{info.size / 1_000_000:.1f}",
                        limit=f"{rules.photo_max_mb:g}",
                    )
                )
    if total > rules.total_max_mb * 1_000_000:
        problems.append(_total_problem(total, rules.total_max_mb))
    return problems


def _total_problem(total: int, limit: float) -> str:
    return _("The package weighs {size} MB, above the limit of {limit} MB.").format(
        size=f"{total / 1_000_000:.1f}", limit=f"{limit:g}"
    )


def document_list(draft: Dossier, entries: list[BundleEntry], when: datetime) -> bytes:
    """Attachment 1: the list of all documents in the file, as a Word document of its own."""
    import docx

    words = wording(draft.meta.language)
    document = docx.Document()
    document.add_heading(words(N_("List of all documents in the file")), level=1)
    city = draft.basic.city.strip()
    if city:
        document.add_paragraph(city)
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    head = table.rows[0].cells
    head[0].text, head[1].text, head[2].text = words(N_("No.")), words(N_("Document")), words(N_("File"))
    for entry in entries:
        cells = table.add_row().cells
        cells[0].text = str(entry.number) if entry.number else "—"
        cells[1].text = entry.label
        cells[2].text = entry.name
    document.core_properties.created = when
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_bundle(
    draft: Dossier,
    profile: Profile,
    report: Report,
    draft_path: Path,
    out: Path,
    *,
    partial: bool = False,
    progress: Progress | None = None,
    soffice: str | None = None,
    use_pdf: bool = True,
    when: datetime | None = None,
    version: int | None = None,
) -> BundleResult:
    """Write the submission package of ``draft`` to ``out`` (a .zip, replaced atomically).

    Raises :class:`BundleRefused` when UNESCO would refuse it and ``partial`` is False, and
    :class:`ExportError` when a file cannot be read or written. ``use_pdf=False`` skips the
    PDF (as if LibreOffice were missing). Safe to call from a worker thread.
    """
    from dossier.export import export_docx
    from dossier.export.pdf import INSTALL_HINT, PdfError, docx_to_pdf, find_soffice
    from dossier.storage.atomic import WriteError, atomic_write

    def tell(step: str, done: float) -> None:
        if progress is not None:
            progress(step, done)

    draft_path = Path(draft_path)
    out = Path(out)
    folder = draft_path.parent
    moment = when or datetime.now().astimezone()
    language = draft.meta.language
    words = wording(language)  # the package's own names are in the dossier's language
    tell(_("Checking the attachments"), 0.05)
    problems = bundle_problems(draft, profile, folder)
    if problems and not partial:
        raise BundleRefused(problems)
    result = BundleResult(out)
    city = safe_name(draft.basic.city or draft_path.name.split(".")[0], 40)
    files: list[tuple[BundleEntry, bytes]] = []
    with tempfile.TemporaryDirectory(prefix="dossier-bundle-") as scratch:
        tell(_("Writing the Word document"), 0.1)
        docx_path = Path(scratch) / f"{city}.docx"
        export_docx(draft, profile, report, docx_path, when=moment, version=version)
        application = words(N_("Application"))
        files.append((BundleEntry(0, application, f"{application} - {city}.docx"), docx_path.read_bytes()))
        command = soffice or (find_soffice() if use_pdf else None)
        if not use_pdf:
            result.notes.append(_("No PDF in the package: it was left out on request."))
        elif command is None:
            result.notes.append(
                _("No PDF in the package: LibreOffice is not installed; {hint}.").format(hint=INSTALL_HINT)
            )
        else:
            tell(_("Making the PDF with LibreOffice (this takes a few seconds)"), 0.3)
            try:
                made = docx_to_pdf(docx_path, Path(scratch) / f"{city}.pdf", command)
            except PdfError as exc:
                result.notes.append(
                    _("No PDF in the package: {problem}; {hint}.").format(problem=exc, hint=INSTALL_HINT)
                )
            else:
                result.pdf = True
                if not made.contents_updated:
                    result.notes.append(
                        _(
                            "The PDF's table of contents has no page numbers "
                            "(LibreOffice could not update it)."
                        )
                    )
                files.append(
                    (
                        BundleEntry(0, application + " (PDF)", f"{application} - {city}.pdf"),
                        made.path.read_bytes(),
                    )
                )
    tell(_("Adding the attachments"), 0.8)
    attachment = words(N_("Attachment"))
    listed: list[BundleEntry] = []
    list_entry: BundleEntry | None = None
    for number, spec in enumerate(profile.attachments, start=1):
        label = _attachment_label(spec, language)
        if spec.generated:
            list_entry = BundleEntry(number, label, f"{attachment} {number:02d} - {safe_name(label)}.docx")
            listed.append(list_entry)
            continue
        item = draft.attachments.get(spec.id)
        target = resolve(item.path, folder) if item is not None and item.path else None
        info = inspect(target) if target is not None else None
        if target is None or info is None or item is None or item.path is None:
            result.notes.append(
                _("Left out: attachment {number} ({label}), no file.").format(number=number, label=label)
            )
            continue
        entry = BundleEntry(
            number, label, f"{attachment} {number:02d} - {safe_name(label)}{_suffix(info, item.path)}", target
        )
        try:
            data = target.read_bytes()
        except OSError as exc:
            raise ExportError(
                _("Could not read {path}: {problem}.").format(path=target, problem=exc.strerror or exc)
            ) from None
        entry.size = len(data)
        listed.append(entry)
        files.append((entry, data))
    everything = [entry for entry, _data in files if entry.number == 0] + listed
    if list_entry is not None:
        files.append((list_entry, document_list(draft, everything, moment)))
    for entry, data in files:
        entry.size = len(data)
    total = sum(entry.size for entry, _data in files)
    limit = profile.attachment_rules.total_max_mb
    if total > limit * 1_000_000:
        if not partial:
            raise BundleRefused([_total_problem(total, limit)])
        result.notes.append(_total_problem(total, limit))
    tell(_("Writing the package"), 0.9)
    buffer = io.BytesIO()
    stamp = moment.timetuple()[:6]
    order = {id(entry): i for i, entry in enumerate(everything)}
    with zipfile.ZipFile(buffer, "w") as archive:
        for entry, data in sorted(files, key=lambda pair: order.get(id(pair[0]), 0)):
            member = zipfile.ZipInfo(entry.name, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(member, data)
    try:
        atomic_write(out, buffer.getvalue())
    except WriteError as exc:
        raise ExportError(str(exc)) from None
    result.entries = everything
    tell(_("Done"), 1.0)
    return result

"""A PDF of the Word draft through headless LibreOffice, with the table of contents filled in.

``soffice --convert-to pdf`` alone leaves the contents without page numbers: LibreOffice
reads the table as Word saved it and does not update fields on conversion (checked with
LibreOffice 7 and ``pdftotext``). So the conversion runs a tiny LibreOffice Basic macro
instead: open the document hidden, update every index (LibreOffice's own "Update index"),
store it as PDF. The macro lives in a private, throw-away LibreOffice user profile, so an
official's own LibreOffice settings are never touched and two conversions never share one.
No Python bridge to LibreOffice (UNO) is needed.

When LibreOffice is missing, :func:`find_soffice` says None and the caller tells the official
how to add it; when the macro route fails, a plain conversion is tried and the result says
the contents have no page numbers.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from dossier.core.i18n import _

TIMEOUT = 240
"""Seconds a conversion may take (the first start of LibreOffice is the slow part)."""

INSTALL_HINT = _(
    "install LibreOffice (for example: apt install libreoffice-writer-nogui, or from "
    "libreoffice.org) and run dossier bundle again, or save the .docx as PDF from Word"
)

_MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" \
script:language="StarBasic">
Sub ToPdf(source As String, target As String)
    Dim load(0) As New com.sun.star.beans.PropertyValue
    load(0).Name = &quot;Hidden&quot;
    load(0).Value = True
    doc = StarDesktop.loadComponentFromURL(ConvertToURL(source), &quot;_blank&quot;, 0, load())
    indexes = doc.getDocumentIndexes()
    For i = 0 To indexes.getCount() - 1
        indexes.getByIndex(i).update()
    Next i
    doc.refresh()
    Dim store(0) As New com.sun.star.beans.PropertyValue
    store(0).Name = &quot;FilterName&quot;
    store(0).Value = &quot;writer_pdf_Export&quot;
    doc.storeToURL(ConvertToURL(target), store())
    doc.close(True)
End Sub
</script:module>
"""


@dataclass(frozen=True, slots=True)
class PdfResult:
    path: Path
    contents_updated: bool
    """The table of contents was updated by LibreOffice (it has page numbers)."""


class PdfError(Exception):
    """LibreOffice could not make the PDF; the message says why in plain words."""


def find_soffice() -> str | None:
    """The LibreOffice command on PATH (``soffice`` or ``libreoffice``), None when not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _seed_profile(command: str, user: str, profile: Path) -> None:
    """A fresh LibreOffice user profile whose Basic ``Standard.Module1`` is the conversion macro.

    LibreOffice fills a new profile with its presets on its first start (a module written
    before that start is replaced), so the profile is created first, then the module written.
    """
    _run([command, user, "--headless", "--norestore", "--terminate_after_init"])
    module = profile / "user/basic/Standard/Module1.xba"
    if not module.parent.is_dir():
        raise PdfError(_("LibreOffice did not create its settings folder"))
    module.write_text(_MODULE, "utf-8")


def _basic_string(text: str) -> str:
    """``text`` as a quoted string argument of a macro URL (Basic doubles its quotes)."""
    return '"' + text.replace('"', '""') + '"'


def _run(command: list[str]) -> None:
    try:
        subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=TIMEOUT,
            check=False,
            env={**os.environ, "SAL_USE_VCLPLUGIN": "svp"},
        )
    except subprocess.TimeoutExpired:
        raise PdfError(
            _("LibreOffice took more than {seconds} s and was stopped").format(seconds=TIMEOUT)
        ) from None
    except OSError as exc:
        raise PdfError(_("LibreOffice could not be started ({problem})").format(problem=exc)) from None


def docx_to_pdf(docx: Path, pdf: Path, soffice: str | None = None) -> PdfResult:
    """Convert ``docx`` to ``pdf`` (written in ``pdf``'s folder), the contents' page numbers
    updated by LibreOffice. Raises :class:`PdfError`."""
    command = soffice or find_soffice()
    if command is None:
        raise PdfError(_("LibreOffice is not installed"))
    docx, pdf = docx.absolute(), pdf.absolute()
    with tempfile.TemporaryDirectory(prefix="dossier-lo-") as scratch:
        profile = Path(scratch) / "profile"
        user = f"-env:UserInstallation={profile.as_uri()}"
        _seed_profile(command, user, profile)
        macro = f"macro:///Standard.Module1.ToPdf({_basic_string(str(docx))},{_basic_string(str(pdf))})"
        _run([command, user, "--headless", "--invisible", "--norestore", macro])
        if pdf.is_file() and pdf.stat().st_size > 0:
            return PdfResult(pdf, contents_updated=True)
        # the macro route failed (a locked-down LibreOffice): a plain conversion, without page numbers
        out_dir = Path(scratch) / "out"
        out_dir.mkdir()
        _run(
            [
                command,
                user,
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                str(docx),
            ]
        )
        made = out_dir / (docx.stem + ".pdf")
        if not made.is_file():
            raise PdfError(_("LibreOffice did not write the PDF"))
        shutil.move(str(made), pdf)
        return PdfResult(pdf, contents_updated=False)

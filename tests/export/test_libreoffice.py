"""LibreOffice opens every export and renders it: all the text, Chinese in a Chinese face.

One soffice run converts every document to PDF (each start costs about two seconds),
with its own profile folder and a timeout; a second run converts the Chinese example to
flat ODT to see which fonts and language LibreOffice assigned to it.

About ``pdffonts``: LibreOffice 7.4 names a font embedded from a TrueType collection
after the collection's first face. Debian's Noto CJK ships as collections whose first
face is the Japanese one, so the PDF lists ``NotoSerifCJKjp-Regular`` even when the
text was shaped as Simplified Chinese (checked by rendering: with zh-CN the full-width
colon sits low left as in Chinese, with ja-JP it is centred). The test therefore asks
pdffonts for a CJK face, serif for body (SimSun) and sans for headings (SimHei), and
asks LibreOffice's own reading of the document for SimSun with language zh-CN.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest

from dossier.core.form import TEXT_PARTS
from dossier.core.wordcount import paragraphs
from dossier.export import xml_safe

from support.export import Case

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(
        SOFFICE is None, reason="LibreOffice (soffice) is not on PATH; install libreoffice-writer-nogui"
    ),
]
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"


def soffice(files: list[Path], fmt: str, workdir: Path, *, timeout: float = 240) -> Path:
    """Convert ``files`` to ``fmt`` in one run; returns the output folder."""
    out = workdir / f"out-{fmt}"
    done = subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={(workdir / 'lo-profile').resolve().as_uri()}",
            "--convert-to",
            fmt,
            "--outdir",
            str(out),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "error" not in done.stderr.casefold(), done.stderr
    for path in files:
        assert (out / f"{path.stem}.{fmt}").is_file(), f"soffice did not convert {path.name}:\n{done.stdout}"
    return out


def _tool(name: str, *args: str) -> str:
    if shutil.which(name) is None:
        pytest.skip(f"{name} is not installed (apt-get install poppler-utils)")
    return subprocess.run([name, *args], capture_output=True, text=True, timeout=60, check=True).stdout


def body_text(pdf: Path, case: Case) -> str:
    """The PDF's text without page headers and footers, all white space removed.

    Removing white space lets paragraphs that the layout wrapped (Chinese lines break
    anywhere) be found whole; NFKC undoes typographic ligatures.
    """
    city = xml_safe(case.draft.basic.city)[0].strip()
    kept: list[str] = []
    for page in _tool("pdftotext", "-enc", "UTF-8", str(pdf), "-").split("\f"):
        for line in page.splitlines():
            stripped = line.strip()
            if stripped == "Draft" or re.fullmatch(r"Page \d+ of \d+", stripped):
                continue
            if city and stripped.startswith(f"{city} ·") and len(stripped) < 80:
                continue
            kept.append(stripped)
    return squeeze("".join(kept))


def squeeze(text: str) -> str:
    """NFKC, without white space and hyphens (pdftotext joins "Design-" + "First")."""
    return re.sub(r"[\s\-\u00ad]+", "", unicodedata.normalize("NFKC", text))


def test_libreoffice_converts_every_export(
    cases: dict[str, Case], chinese_case: Case, tmp_path: Path
) -> None:
    chosen = list(cases.values())
    inputs = tmp_path / "in"
    inputs.mkdir()
    files = []
    for case in chosen:
        files.append(inputs / case.path.name)
        shutil.copy(case.path, files[-1])
    pdfs = soffice(files, "pdf", tmp_path)
    for case in chosen:
        pdf = pdfs / f"{case.path.stem}.pdf"
        text = body_text(pdf, case)
        position = 0
        for part_id in TEXT_PARTS:
            heading = squeeze(case.profile.section(part_id).heading("en"))
            position = text.index(heading, position)  # every part, in order
            if case.name in ("hostile", "empty"):
                continue  # PDF text of emoji and right-to-left runs is not text as typed
            for paragraph in paragraphs(xml_safe(case.draft.part(part_id).text)[0]):
                found = text.find(squeeze(paragraph), position)
                assert found >= 0, f"{case.name}/{part_id}: {paragraph[:60]!r} not in the PDF"
                position = found
        pages = int(re.search(r"Pages:\s+(\d+)", _tool("pdfinfo", str(pdf))).group(1))
        assert pages >= 4, case.name
        assert f"Page {pages} of {pages}" in _tool(
            "pdftotext", "-f", str(pages), "-l", str(pages), str(pdf), "-"
        )

    fonts = _tool("pdffonts", str(pdfs / f"{chinese_case.path.stem}.pdf"))
    cjk = [
        line.split()[0]
        for line in fonts.splitlines()[2:]
        if re.search(r"CJK|Song|Hei|Sim|Ming|Kai|Fang|WenQuanYi|UMing|UKai", line)
    ]
    assert any("Serif" in name or "Song" in name or "Sim" in name for name in cjk), fonts
    assert any("Sans" in name or "Hei" in name for name in cjk), fonts

    flat = soffice([inputs / chinese_case.path.name], "fodt", tmp_path)
    xml = (flat / f"{chinese_case.path.stem}.fodt").read_text(encoding="utf-8")
    assert re.search(r'style:font-name-asian="SimSun"', xml)
    assert re.search(r'style:language-asian="zh"\s+style:country-asian="CN"', xml)
    assert not re.search(r'style:language-asian="ja"', xml)


def test_docx_files_are_zip_packages(cases: dict[str, Case]) -> None:
    """Cheap guard so a failure above is not a broken archive in disguise."""
    for case in cases.values():
        with zipfile.ZipFile(case.path) as archive:
            assert archive.testzip() is None

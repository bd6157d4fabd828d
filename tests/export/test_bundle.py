"""dossier bundle: the submission package (contents, numbering, list of documents, refusals, PDF)."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest

from dossier.cli import main
from dossier.core.model import Dossier
from dossier.core.profiles import Profile
from dossier.export.bundle import safe_name
from dossier.export.pdf import find_soffice
from dossier.storage.drafts import save_draft

from support.files import docx_letter, jpeg_bytes, pdf_bytes, png_bytes, write

SOFFICE = find_soffice()


def _with_files(draft: Dossier, profile: Profile, folder: Path, photo_size: int = 0) -> Path:
    """Give every attachment of ``draft`` a real file in ``folder``; returns the saved draft."""
    for spec in profile.attachments:
        if spec.generated:
            continue
        if spec.kind == "photo":
            name = write(folder / f"{spec.id}.jpg", jpeg_bytes(photo_size))
        elif spec.id.startswith("support"):
            name = docx_letter(folder / f"{spec.id}.docx", spec.en)
        else:
            name = write(folder / f"{spec.id}.pdf", pdf_bytes(spec.id))
        draft.attachments[spec.id].path = name.name
    path = folder / "westmere.dossier.json"
    save_draft(draft, path)
    return path


def _names(zip_path: Path) -> list[str]:
    with zipfile.ZipFile(zip_path) as archive:
        return archive.namelist()


def test_the_package_holds_everything_numbered(
    tmp_path: Path, complete: Dossier, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _with_files(complete, profile, tmp_path)
    assert main(["bundle", str(path), "--no-pdf"]) == 0
    out = tmp_path / "westmere-bundle.zip"
    names = _names(out)
    assert names[0] == "Application - Westmere.docx"
    attachments = [n for n in names if n.startswith("Attachment ")]
    assert len(attachments) == len(profile.attachments)
    assert attachments[0] == "Attachment 01 - List of all documents in the file.docx"
    assert attachments[1] == "Attachment 02 - Letter from the Mayor presenting the application.pdf"
    assert [n.split(" - ")[0] for n in attachments] == [f"Attachment {i:02d}" for i in range(1, 12)]
    assert "Attachment 06 - Photo 1 of the city in its creative field.jpg" in names
    assert "Attachment 04 - Letter of support 1.docx" in names
    with zipfile.ZipFile(out) as archive:
        assert archive.read("Attachment 06 - Photo 1 of the city in its creative field.jpg") == jpeg_bytes()
    captured = capsys.readouterr()
    assert "No PDF" in captured.err


def test_the_list_of_documents_names_every_document(
    tmp_path: Path, complete: Dossier, profile: Profile
) -> None:
    import docx

    path = _with_files(complete, profile, tmp_path)
    assert main(["bundle", str(path), "--no-pdf", "-o", str(tmp_path / "p.zip")]) == 0
    with zipfile.ZipFile(tmp_path / "p.zip") as archive:
        listing = archive.read("Attachment 01 - List of all documents in the file.docx")
    (tmp_path / "list.docx").write_bytes(listing)
    document = docx.Document(str(tmp_path / "list.docx"))
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows[0] == ["No.", "Document", "File"]
    files = [row[2] for row in rows[1:]]
    assert files == _names(tmp_path / "p.zip")
    assert rows[2][0] == "1" and rows[-1][0] == "11"


def test_refusals_one_line_per_problem(
    tmp_path: Path, complete: Dossier, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _with_files(complete, profile, tmp_path)
    write(tmp_path / "photo_1.jpg", png_bytes())  # a PNG renamed .jpg
    write(tmp_path / "photo_2.jpg", jpeg_bytes(3_100_000))  # a 3.1 MB photo
    complete.attachments["mayor_letter"].path = None  # a required file missing
    save_draft(complete, path)
    capsys.readouterr()
    assert main(["bundle", str(path), "--no-pdf"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 4
    assert "Attachment 2 " in err[0] and "no file" in err[0]
    assert "Attachment 6 " in err[1] and "not a JPEG" in err[1]
    assert "Attachment 8 " in err[2] and "3.1 MB" in err[2]
    assert "--draft" in err[3]
    assert not (tmp_path / "westmere-bundle.zip").exists()
    assert main(["bundle", str(path), "--no-pdf", "--draft"]) == 0
    names = _names(tmp_path / "westmere-bundle.zip")
    assert not any(n.startswith("Attachment 02") for n in names)
    assert any(n.startswith("Attachment 03") for n in names)


def test_a_package_over_20_mb_is_refused(
    tmp_path: Path, complete: Dossier, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _with_files(complete, profile, tmp_path)
    for spec in ("mayor_letter", "national_commission_endorsement"):
        big = pdf_bytes() + b"%" + bytes(range(256)) * 40_000  # 10 MB that do not compress away
        write(tmp_path / f"{spec}.pdf", big)
    capsys.readouterr()
    assert main(["bundle", str(path), "--no-pdf"]) == 1
    [line, hint] = capsys.readouterr().err.strip().splitlines()
    assert "above the limit of 20 MB" in line and "weighs 20.6 MB" in line and "--draft" in hint


def test_output_rules(
    tmp_path: Path, complete: Dossier, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _with_files(complete, profile, tmp_path)
    assert main(["bundle", str(path), "--no-pdf", "-o", str(tmp_path / "p.docx")]) == 2
    assert main(["bundle", str(path), "--no-pdf"]) == 0
    assert main(["bundle", str(path), "--no-pdf"]) == 2  # never replaced behind one's back
    assert "--force" in capsys.readouterr().err
    assert main(["bundle", str(path), "--no-pdf", "--force"]) == 0


@pytest.mark.parametrize(
    ("label", "name"),
    [
        (
            "Photo 1 of the city in its creative field (JPEG, at most 3 MB)",
            "Photo 1 of the city in its creative field",
        ),
        ("Lettre: a/b\\c*?", "Lettre a b c"),
        ("市长推荐信", "市长推荐信"),
        ("(  )", "document"),
    ],
)
def test_safe_names(label: str, name: str) -> None:
    assert safe_name(label) == name


def test_without_libreoffice_the_package_says_how_to_add_the_pdf(
    tmp_path: Path,
    complete: Dossier,
    profile: Profile,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = _with_files(complete, profile, tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert main(["bundle", str(path)]) == 0
    err = capsys.readouterr().err
    assert "LibreOffice is not installed" in err and "libreoffice" in err.casefold()
    assert not any(
        n.endswith(".pdf") and n.startswith("Application") for n in _names(tmp_path / "westmere-bundle.zip")
    )


@pytest.mark.libreoffice
@pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not on PATH; install libreoffice-writer-nogui"
)
def test_the_pdf_has_page_numbers_in_its_contents(
    tmp_path: Path, complete: Dossier, profile: Profile
) -> None:
    path = _with_files(complete, profile, tmp_path)
    assert main(["bundle", str(path)]) == 0
    with zipfile.ZipFile(tmp_path / "westmere-bundle.zip") as archive:
        pdf = archive.read("Application - Westmere.pdf")
    assert pdf.startswith(b"%PDF-")
    (tmp_path / "a.pdf").write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "a.pdf"), "-"], capture_output=True, text=True
    ).stdout
    contents = text.split("Contents", 1)[1].split("\f", 1)[0]
    heading = profile.section(profile.sections[1].id).heading("en")
    [line] = [line for line in contents.splitlines() if heading in line]
    assert line.rstrip()[-1].isdigit(), line  # "5. Opportunities and challenges....... 4"

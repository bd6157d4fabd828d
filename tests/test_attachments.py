"""Attachments are files: existence, format by content, photo size, a cession-of-rights form per photo."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from dossier.core.files import inspect, sniff
from dossier.core.model import Dossier
from dossier.core.profiles import Profile
from dossier.core.rules import Report
from dossier.workspace import check

from support.files import docx_letter, jpeg_bytes, pdf_bytes, png_bytes, write


def _run(draft: Dossier, profile: Profile, folder: Path, now: datetime, stage: str = "draft") -> Report:
    return check(draft, profile, folder, now=now, stage=stage)  # type: ignore[arg-type]


def _codes(report: Report, attachment: str) -> set[tuple[str, str]]:
    return {(f.code, f.severity) for f in report.findings if f.location == f"attachments.{attachment}"}


def test_formats_are_told_by_content(tmp_path: Path) -> None:
    assert sniff(jpeg_bytes()) == "jpeg" and sniff(png_bytes()) == "png" and sniff(pdf_bytes()) == "pdf"
    assert inspect(write(tmp_path / "photo.jpg", png_bytes())).format == "png"  # type: ignore[union-attr]
    assert inspect(docx_letter(tmp_path / "letter.docx")).format == "docx"  # type: ignore[union-attr]
    assert inspect(write(tmp_path / "other.docx", b"PK\x03\x04 not really a zip")).format == "other"  # type: ignore[union-attr]
    assert inspect(tmp_path / "nowhere.pdf") is None
    assert inspect(tmp_path) is None


def test_good_files_pass(complete: Dossier, profile: Profile, tmp_path: Path, fixed_now: datetime) -> None:
    write(tmp_path / "mayor.pdf", pdf_bytes("Mayor"))
    docx_letter(tmp_path / "support.docx")
    write(tmp_path / "photo1.jpg", jpeg_bytes(2_000_000))
    write(tmp_path / "rights1.pdf", pdf_bytes("Rights"))
    complete.attachments["mayor_letter"].path = "mayor.pdf"
    complete.attachments["support_letter_1"].path = str(tmp_path / "support.docx")
    complete.attachments["photo_1"].path = "photo1.jpg"
    complete.attachments["photo_1_rights"].path = "rights1.pdf"
    assert _run(complete, profile, tmp_path, fixed_now, "submission").findings == []


def test_a_png_renamed_jpg_is_refused(
    complete: Dossier, profile: Profile, tmp_path: Path, fixed_now: datetime
) -> None:
    write(tmp_path / "photo1.jpg", png_bytes())
    complete.attachments["photo_1"].path = "photo1.jpg"
    report = _run(complete, profile, tmp_path, fixed_now)
    assert ("photo-format", "error") in _codes(report, "photo_1")
    [finding] = [f for f in report.findings if f.code == "photo-format"]
    assert "PNG" in finding.message


def test_a_photo_over_3_mb_is_refused(
    complete: Dossier, profile: Profile, tmp_path: Path, fixed_now: datetime
) -> None:
    write(tmp_path / "big.jpg", jpeg_bytes(3_100_000))
    complete.attachments["photo_2"].path = "big.jpg"
    report = _run(complete, profile, tmp_path, fixed_now)
    assert ("photo-size", "error") in _codes(report, "photo_2")
    assert any("3.1 MB" in f.message for f in report.findings if f.code == "photo-size")


def test_a_letter_that_is_neither_pdf_nor_word(
    complete: Dossier, profile: Profile, tmp_path: Path, fixed_now: datetime
) -> None:
    write(tmp_path / "mayor.pdf", jpeg_bytes())
    complete.attachments["mayor_letter"].path = "mayor.pdf"
    assert ("attachment-format", "warning") in _codes(
        _run(complete, profile, tmp_path, fixed_now), "mayor_letter"
    )
    submission = _run(complete, profile, tmp_path, fixed_now, "submission")
    assert ("attachment-format", "error") in _codes(submission, "mayor_letter")


def test_a_missing_file(complete: Dossier, profile: Profile, tmp_path: Path, fixed_now: datetime) -> None:
    complete.attachments["mayor_letter"].path = "gone.pdf"
    assert ("attachment-file", "warning") in _codes(
        _run(complete, profile, tmp_path, fixed_now), "mayor_letter"
    )
    submission = _run(complete, profile, tmp_path, fixed_now, "submission")
    assert ("attachment-file", "error") in _codes(submission, "mayor_letter")


def test_each_photo_needs_its_cession_of_rights_form(
    complete: Dossier, profile: Profile, tmp_path: Path, fixed_now: datetime
) -> None:
    write(tmp_path / "photo3.jpg", jpeg_bytes())
    complete.attachments["photo_3"].path = "photo3.jpg"
    complete.attachments["photo_3_rights"].status = "in_progress"
    report = _run(complete, profile, tmp_path, fixed_now, "submission")
    assert ("photo-rights", "error") in _codes(report, "photo_3_rights")
    complete.attachments["photo_3_rights"].status = "ready"
    report = _run(complete, profile, tmp_path, fixed_now, "submission")
    assert not [f for f in report.findings if f.code == "photo-rights"]


def test_every_rights_form_of_the_profiles_covers_a_photo(profile: Profile) -> None:
    photos = [a.id for a in profile.attachments if a.kind == "photo"]
    assert sorted(a.for_photo for a in profile.attachments if a.kind == "rights_form") == sorted(photos)
    assert profile.attachments[0].kind == "document_list" and profile.attachments[0].generated


def test_the_list_of_documents_is_not_asked_of_the_official(profile: Profile) -> None:
    from dossier.workspace import new_dossier

    draft = new_dossier(city="X", country="France", field="design", profile=profile)
    assert profile.attachments[0].id not in draft.attachments

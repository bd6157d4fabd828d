"""The two exports of a bilingual draft: the submission document and the review copy.

The default export is what UNESCO reads: the submission texts only, in the dossier's
language. ``--bilingual`` makes the review copy for the city's leaders: each part in a
two-column table (working paragraphs | submission paragraphs), Chinese in SimSun with
its East Asian language declared, out-of-date rows marked, and a cover saying it is not
for submission. Both are read back with docx2python, checked with the Open XML SDK rules
and rendered by LibreOffice.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from docx2python import docx2python

from dossier.cli import main
from dossier.core.form import TEXT_PARTS
from dossier.core.wordcount import paragraphs
from dossier.export import export_docx
from dossier.workspace import check, open_draft

from support.export import WHEN
from support.ooxml_validator import unavailable, validate
from support.paths import EXAMPLES_DIR

HAN = re.compile(r"[\u4e00-\u9fff]")
READY = EXAMPLES_DIR / "lanjiang-music-zh.dossier.json"
MIDWAY = EXAMPLES_DIR / "lanjiang-music-translating.dossier.json"


def _export(source: Path, folder: Path, now: datetime, *, bilingual: bool) -> Path:
    loaded, profile = open_draft(source)
    report = check(loaded.draft, profile, None, now=now)
    out = folder / f"{source.name.removesuffix('.dossier.json')}{'-review' if bilingual else ''}.docx"
    export_docx(loaded.draft, profile, report, out, when=WHEN, bilingual=bilingual)
    return out


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bilingual")
    now = datetime(2026, 11, 28, 9, 0, tzinfo=WHEN.tzinfo)
    return {
        "ready": _export(READY, folder, now, bilingual=False),
        "ready-review": _export(READY, folder, now, bilingual=True),
        "midway-review": _export(MIDWAY, folder, now, bilingual=True),
    }


def _text(path: Path) -> str:
    with docx2python(path) as document:
        return document.text


def _part_table(path: Path, part_id: str) -> list[list[str]]:
    """The rows (cells as text) of the part's two-column table (header: Chinese | English).

    The review copy has one such table per text part, in the form's order.
    """
    with docx2python(path) as document:
        body = document.body
    tables = [
        [["\n".join(p for p in cell if p) for cell in row] for row in table]
        for table in body
        if len(table) > 1 and len(table[0]) == 2
    ]
    ours = [table for table in tables if table[0] == ["Chinese", "English"]]
    assert len(ours) == len(TEXT_PARTS)
    return ours[TEXT_PARTS.index(part_id)]


def test_default_export_is_the_submission_only(exports: dict[str, Path]) -> None:
    text = _text(exports["ready"])
    assert not HAN.search(text), HAN.findall(text)[:10]  # not one Chinese character
    loaded, _ = open_draft(READY)
    for part_id, body in loaded.draft.texts().items():
        for paragraph in paragraphs(body):
            assert paragraph in text, part_id
    assert "not for submission" not in text


def test_review_copy_sets_each_paragraph_beside_its_translation(exports: dict[str, Path]) -> None:
    path = exports["ready-review"]
    text = _text(path)
    assert "not for submission" in text and "UNESCO receives the English text alone" in text
    loaded, _ = open_draft(READY)
    section = loaded.draft.sections.strategy
    rows = _part_table(path, "strategy")
    assert rows[0] == ["Chinese", "English"]
    pairs = list(zip(paragraphs(section.working_text or ""), paragraphs(section.text), strict=True))
    assert [tuple(row) for row in rows[1:]] == pairs
    assert "Changed since the translation" not in text and "Not translated yet" not in text


def test_review_copy_marks_what_is_behind(exports: dict[str, Path]) -> None:
    path = exports["midway-review"]
    opportunities = _part_table(path, "opportunities")
    first = opportunities[1]
    assert first[0].endswith("⚠ Changed since the translation was made") and "2025年" in first[0]
    assert "In 2024" in first[1]
    assert not any("⚠" in cell for row in opportunities[2:] for cell in row)
    strategy = _part_table(path, "strategy")
    assert strategy[-1][0].endswith("⚠ Not translated yet") and strategy[-1][1] == "not given"
    assets = _part_table(path, "assets")
    assert len(assets) == 5 and all(row[0].endswith("Not translated yet") for row in assets[1:])


def test_chinese_cells_are_simsun_zh_cn(exports: dict[str, Path]) -> None:
    with zipfile.ZipFile(exports["ready-review"]) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    runs = re.findall(r"<w:r>(?:(?!</w:r>).)*澜江(?:(?!</w:r>).)*</w:r>", xml)
    assert runs
    for run in runs:
        assert 'w:eastAsia="SimSun"' in run and 'w:eastAsia="zh-CN"' in run, run[:300]


def test_cli_bilingual_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "lanjiang.dossier.json"
    shutil.copy(READY, draft)
    assert main(["export", str(draft), "--bilingual"]) == 0
    assert (tmp_path / "lanjiang-bilingual.docx").is_file()
    assert main(["export", str(draft)]) == 0  # the submission document keeps its own name
    assert (tmp_path / "lanjiang.docx").is_file()
    plain = tmp_path / "plain.dossier.json"
    shutil.copy(EXAMPLES_DIR / "westmere-design.dossier.json", plain)
    capsys.readouterr()
    assert main(["export", str(plain), "--bilingual"]) == 2
    err = capsys.readouterr().err
    assert "no working language" in err and err.count("\n") == 1
    assert not (tmp_path / "plain-bilingual.docx").exists()


def test_open_xml_sdk_rules_report_nothing(exports: dict[str, Path]) -> None:
    reason = unavailable()
    if reason:
        pytest.skip(reason)
    results = validate(list(exports.values()))
    assert {str(p): f for p, f in results.items() if f} == {}
    assert len(results) == len(exports)


@pytest.mark.libreoffice
def test_libreoffice_renders_both(exports: dict[str, Path], tmp_path: Path) -> None:
    from tests.export.test_libreoffice import SOFFICE, _tool, soffice, squeeze

    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not on PATH")
    files = list(exports.values())
    pdfs = soffice(files, "pdf", tmp_path)
    loaded, _ = open_draft(READY)
    for path in (exports["ready"], exports["ready-review"]):
        text = squeeze(_tool("pdftotext", "-enc", "UTF-8", str(pdfs / f"{path.stem}.pdf"), "-"))
        for paragraph in paragraphs(loaded.draft.sections.assets.text):
            # a long table row may break across pages (the page footer and the repeated
            # column titles then sit inside it): its beginning and its end are both there
            squeezed = squeeze(paragraph)
            assert squeezed[:60] in text and squeezed[-60:] in text, path.name
        review = path.stem.endswith("-review")
        chinese = squeeze(paragraphs(loaded.draft.sections.assets.working_text or "")[0])
        assert (chinese in text) is review, path.name
    fonts = _tool("pdffonts", str(pdfs / "lanjiang-music-zh-review.pdf"))
    assert re.search(r"CJK|Song|Sim", fonts), fonts


def test_review_copy_speaks_the_dossiers_language(tmp_path: Path) -> None:
    """A French dossier's review copy, made from a Chinese interface, says everything of its
    own in French: the cover, the column titles and the marks."""
    from dossier.core import i18n
    from dossier.export import labels as L

    loaded, profile = open_draft(MIDWAY)
    draft = loaded.draft
    draft.meta.language = "fr"
    out = tmp_path / "fr-review.docx"
    before = i18n.interface_language()
    try:
        i18n.set_interface_language("zh")
        report = check(draft, profile, None, wording=i18n.wording("fr"))
        export_docx(draft, profile, report, out, when=WHEN, bilingual=True)
    finally:
        i18n.set_interface_language(before)
    text = _text(out)
    french, english, chinese = (i18n.wording(lang) for lang in ("fr", "en", "zh"))
    for label in (L.REVIEW_KICKER, L.REVIEW_OUTDATED, L.REVIEW_MISSING):
        assert french(label) in text, label
        assert english(label) not in text and chinese(label) not in text, label
    assert french(L.REVIEW_NOTE).split("{language}")[0] in text
    assert "not for submission" not in text


def test_a_note_on_a_paragraph_sits_on_its_submission_cell(tmp_path: Path) -> None:
    from dossier.core.model import Note

    loaded, profile = open_draft(READY)
    draft = loaded.draft
    draft.notes.append(Note(part="strategy", paragraph=1, author="Li Wei", text="Which fund?"))
    out = tmp_path / "noted.docx"
    export_docx(draft, profile, check(draft, profile, None), out, when=WHEN, bilingual=True)
    with docx2python(out) as document:
        ours = [c for c in document.comments if c[1] == "Li Wei"]
    assert len(ours) == 1
    assert ours[0][0] == paragraphs(draft.sections.strategy.text)[1]
    assert ours[0][3] == "Which fund?"


def _review_tables(document: object, part_id: str) -> object:
    """The python-docx table of ``part_id`` in a review copy (one per text part, in order)."""
    tables = [t for t in document.tables if len(t.columns) == 2 and t.rows[0].cells[0].text == "Chinese"]  # type: ignore[attr-defined]
    assert len(tables) == len(TEXT_PARTS)
    return tables[TEXT_PARTS.index(part_id)]


def test_dossier_import_reads_a_review_copy_unchanged(
    exports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Read back with no edit, the review copy changes nothing: neither column, no part emptied."""
    import json

    from dossier.export.reviewed import read_reviewed

    reviewed = read_reviewed(exports["midway-review"])
    assert reviewed.working and reviewed.parts
    draft = tmp_path / "lanjiang.dossier.json"
    shutil.copy(MIDWAY, draft)
    before = draft.read_bytes()
    capsys.readouterr()
    assert main(["import", str(exports["midway-review"]), str(draft), "--dry-run", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(not part["changes"] for part in data["parts"]), data["parts"]
    assert draft.read_bytes() == before


def test_dossier_import_applies_an_edit_in_each_column_of_a_review_copy(
    exports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import docx

    from dossier.export.reviewed import read_reviewed
    from dossier.storage.drafts import load_draft

    loaded, _profile = open_draft(MIDWAY)
    section = loaded.draft.sections.strategy
    working_before = paragraphs(section.working_text or "")
    text_before = paragraphs(section.text)
    assert working_before and text_before
    edited = tmp_path / "edited.docx"
    document = docx.Document(str(exports["midway-review"]))
    row = _review_tables(document, "strategy").rows[1]  # type: ignore[attr-defined]
    row.cells[0].paragraphs[0].runs[0].text = working_before[0] + "（已修改）"
    row.cells[1].paragraphs[0].runs[0].text = text_before[0] + " Revised [bold]."
    document.save(str(edited))
    draft = tmp_path / "lanjiang.dossier.json"
    shutil.copy(MIDWAY, draft)
    capsys.readouterr()
    assert main(["import", str(edited), str(draft)]) == 0
    out = capsys.readouterr().out
    assert "working text" in out
    after = load_draft(draft).sections.strategy
    assert paragraphs(after.working_text or "") == [working_before[0] + "（已修改）", *working_before[1:]]
    assert paragraphs(after.text) == [text_before[0] + " Revised [bold].", *text_before[1:]]
    saved = load_draft(draft)
    for other in TEXT_PARTS:  # every other part untouched, in both columns
        if other != "strategy":
            assert saved.part(other) == loaded.draft.part(other), other
    assert not read_reviewed(exports["ready"]).working  # the submission document has no working column

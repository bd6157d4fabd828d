"""The Word round trip inside table cells: the review copy's two columns, the SDG and
action-plan tables.

Tracked changes (``w:ins``/``w:del``) in the review copy's working column are proposals
like those of the submission column, each its own; so is each tracked change in a table
cell. Comments anchored in any of those cells become notes on the part (and, in the
review copy, the paragraph) they are about.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import RGBColor

from dossier.core.form import PLAN, SDGS, TEXT_PARTS
from dossier.core.wordcount import paragraphs
from dossier.export import render_docx
from dossier.export.merge import apply_plan, build_plan
from dossier.export.reviewed import read_reviewed
from dossier.export.tables import PLAN_TABLE
from dossier.storage.drafts import load_draft
from dossier.workspace import check, open_draft
from export.test_roundtrip import _table, edit, libreoffice_save, run

from support.paths import EXAMPLES_DIR

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
READY = EXAMPLES_DIR / "lanjiang-music-zh.dossier.json"


def propose(paragraph, cut: int, insert: str, author: str, ident: int) -> str:
    """Make the paragraph's first ``cut`` characters a tracked deletion followed by the
    tracked insertion ``insert`` (the rest kept as it was); returns the text it had."""
    text = paragraph.text
    for r in list(paragraph._p.findall(qn("w:r"))):
        paragraph._p.remove(r)
    stamp = 'w:date="2026-12-01T09:00:00Z"'
    if cut:
        paragraph._p.append(
            parse_xml(
                f'<w:del xmlns:w="{W}" w:id="{ident}" w:author="{author}" {stamp}>'
                f"<w:r><w:delText>{text[:cut]}</w:delText></w:r></w:del>"
            )
        )
    if insert:
        paragraph._p.append(
            parse_xml(
                f'<w:ins xmlns:w="{W}" w:id="{ident + 1}" w:author="{author}" {stamp}>'
                f'<w:r><w:t xml:space="preserve">{insert}</w:t></w:r></w:ins>'
            )
        )
    if text[cut:]:
        paragraph.add_run(text[cut:])
    return text


def review_tables(document, part_id: str):
    """The python-docx table of ``part_id`` in a review copy (one per text part, in order)."""
    tables = [t for t in document.tables if len(t.columns) == 2 and t.rows[0].cells[0].text == "Chinese"]
    assert len(tables) == len(TEXT_PARTS)
    return tables[TEXT_PARTS.index(part_id)]


@pytest.fixture
def review_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A bilingual draft ready for submission and its review copy."""
    path = tmp_path / "lanjiang.dossier.json"
    shutil.copy(READY, path)
    loaded, profile = open_draft(path)
    data, _, _ = render_docx(loaded.draft, profile, check(loaded.draft, profile, None), bilingual=True)
    out = tmp_path / "lanjiang-review.docx"
    out.write_bytes(data)
    return path, out


def _working_proposal(out: Path) -> str:
    """A reviewer's tracked change in the first working paragraph of "strategy": the first
    two characters deleted, "我市" inserted. Returns the paragraph as exported."""
    texts: list[str] = []

    def change(document) -> None:
        cell = review_tables(document, "strategy").rows[1].cells[0]
        texts.append(propose(cell.paragraphs[0], 2, "我市", "王芳", 801))

    edit(out, change)
    return texts[0]


# ----------------------------------------------------------------------------- the working column


def test_formatting_in_the_working_column_is_reported_not_dropped(review_copy, capsys, monkeypatch) -> None:
    """Bold and a colour a reviewer put on the working text are said, in the official's language."""
    path, out = review_copy

    def emphasise(document) -> None:
        run = review_tables(document, "strategy").rows[1].cells[0].paragraphs[0].runs[0]
        run.bold = True
        run.font.color.rgb = RGBColor(0xC0, 0, 0)

    edit(out, emphasise)
    code, stdout, err = run(capsys, "import", out, path, "--dry-run")
    assert code == 0, err
    assert "Formatting not kept (the draft holds plain text): bold, colour." in stdout
    monkeypatch.setenv("DOSSIER_UI_LANGUAGE", "zh")
    code, stdout, err = run(capsys, "import", out, path, "--dry-run")
    assert code == 0, err
    assert "加粗、字体颜色" in stdout


def test_an_unedited_review_copy_reports_no_formatting(review_copy, capsys) -> None:
    path, out = review_copy
    code, stdout, err = run(capsys, "import", out, path, "--dry-run", "--json")
    assert code == 0, err
    assert [p["formatting_not_kept"] for p in json.loads(stdout)["parts"]] == []


def test_tracked_changes_in_the_working_column_are_listed_not_applied(review_copy, capsys) -> None:
    path, out = review_copy
    was = _working_proposal(out)
    before = path.read_bytes()
    code, stdout, err = run(capsys, "import", out, path)
    assert code == 0, err
    assert "Tracked changes (proposals, not applied" in stdout
    assert f"deleted by 王芳: {was[:2]} (working text)" in stdout
    assert "inserted by 王芳: 我市 (working text)" in stdout
    assert path.read_bytes() == before


def test_tracked_changes_in_the_working_column_in_json(review_copy, capsys) -> None:
    path, out = review_copy
    was = _working_proposal(out)
    code, stdout, err = run(capsys, "import", out, path, "--dry-run", "--json")
    assert code == 0, err
    (part,) = [p for p in json.loads(stdout)["parts"] if p["part"] == "strategy"]
    assert [
        (t["kind"], t["author"], t["text"], t["column"], t["accepted"]) for t in part["tracked_changes"]
    ] == [
        ("deleted", "王芳", was[:2], "working", False),
        ("inserted", "王芳", "我市", "working", False),
    ]
    assert part["changes"] == []


def test_accept_changes_applies_the_working_columns(review_copy, capsys) -> None:
    path, out = review_copy
    was = _working_proposal(out)
    before = load_draft(path).sections.strategy
    code, _stdout, err = run(capsys, "import", out, path, "--accept-changes")
    assert code == 0, err
    after = load_draft(path).sections.strategy
    working = paragraphs(before.working_text or "")
    assert working[0] == was
    assert paragraphs(after.working_text or "") == ["我市" + was[2:], *working[1:]]
    assert after.text == before.text


def test_reject_changes_ignores_the_working_columns(review_copy, capsys) -> None:
    path, out = review_copy
    _working_proposal(out)
    before = path.read_bytes()
    code, stdout, err = run(capsys, "import", out, path, "--reject-changes")
    assert code == 0, err
    assert "(ignored)" in stdout and "我市" in stdout
    assert path.read_bytes() == before


def test_one_working_proposal_taken_alone(review_copy) -> None:
    path, out = review_copy
    was = _working_proposal(out)
    draft = load_draft(path)
    reviewed = read_reviewed(out)
    pending = build_plan(draft, reviewed)
    (part,) = [p for p in pending.parts if p.part == "strategy"]
    insertion = next(t for t in part.tracked if t.kind == "inserted")
    assert insertion.column == "working"
    plan = build_plan(draft, reviewed, accepted={"strategy": {insertion.number}})
    new, messages, count = apply_plan(draft, plan)
    assert (messages, count) == ([], 1)
    assert paragraphs(new.sections.strategy.working_text or "")[0] == was[:2] + "我市" + was[2:]
    assert new.sections.strategy.text == draft.sections.strategy.text


# ----------------------------------------------------------------------------- table cells


def _two_cell_proposals(document) -> None:
    """In the action plan: the first row's partners replaced (a deletion and an insertion),
    the second row's title lengthened (an insertion)."""
    plan = _table(document, "Initiative")
    partners = plan.rows[1].cells[3].paragraphs[0]
    propose(partners, len(partners.text), "Academy of Arts", "Li Wei", 911)
    title = plan.rows[2].cells[0].paragraphs[0]
    propose(title, 0, "Neighbourhood ", "Zhang Min", 921)


def test_each_tracked_change_in_a_cell_is_listed_on_its_own(tmp_path, profile, capsys) -> None:
    from dossier.storage.drafts import save_draft
    from export.test_roundtrip import export

    from support.core import make_complete

    draft = make_complete(profile)
    path = tmp_path / "w.dossier.json"
    save_draft(draft, path)
    out = edit(export(draft, profile, tmp_path / "w.docx"), _two_cell_proposals)
    code, stdout, err = run(capsys, "import", out, path, "--dry-run")
    assert code == 0, err
    assert "deleted by Li Wei: Design university (row 1)" in stdout
    assert "inserted by Li Wei: Academy of Arts (row 1)" in stdout
    assert "inserted by Zhang Min: Neighbourhood  (row 2)" in stdout
    code, stdout, err = run(capsys, "import", out, path, "--dry-run", "--json")
    found = json.loads(stdout)["table_tracked_changes"][PLAN_TABLE]
    assert [(t["kind"], t["row"], t["number"], t["accepted"]) for t in found] == [
        ("deleted", 1, 0, False),
        ("inserted", 1, 1, False),
        ("inserted", 2, 2, False),
    ]


def test_formatting_in_a_table_cell_is_reported_under_its_part(tmp_path, profile, capsys) -> None:
    """A reviewer's bold in the action plan is said under the part the table belongs to."""
    from dossier.storage.drafts import save_draft
    from export.test_roundtrip import export

    from support.core import make_complete

    def emphasise(document) -> None:
        _table(document, "Initiative").rows[1].cells[0].paragraphs[0].runs[0].bold = True

    draft = make_complete(profile)
    path = tmp_path / "w.dossier.json"
    save_draft(draft, path)
    out = export(draft, profile, tmp_path / "w.docx")
    code, stdout, err = run(capsys, "import", out, path, "--dry-run", "--json")
    assert code == 0, err
    assert json.loads(stdout)["parts"] == []  # the export's own tables hold no such formatting
    edit(out, emphasise)
    code, stdout, err = run(capsys, "import", out, path, "--dry-run", "--json")
    assert code == 0, err
    parts = {p["part"]: p["formatting_not_kept"] for p in json.loads(stdout)["parts"]}
    assert parts == {PLAN.id: ["bold"]}


def test_a_cells_tracked_changes_are_taken_one_by_one(tmp_path, profile) -> None:
    from export.test_roundtrip import export

    from support.core import make_complete

    draft = make_complete(profile)
    out = edit(export(draft, profile, tmp_path / "w.docx"), _two_cell_proposals)
    reviewed = read_reviewed(out)
    plan = build_plan(draft, reviewed, accepted={PLAN_TABLE: {2}})
    assert plan.accepted[PLAN_TABLE] == {2}
    new, _messages, count = apply_plan(draft, plan)
    assert count == 1
    week, cafes = new.sections.contribution.initiatives
    assert cafes.title == "Neighbourhood Repair cafés"
    assert week.partners == draft.sections.contribution.initiatives[0].partners
    plan = build_plan(draft, reviewed, accepted={PLAN_TABLE: {0, 1}})
    new, _messages, _count = apply_plan(draft, plan)
    week, cafes = new.sections.contribution.initiatives
    assert (week.partners, cafes.title) == ("Academy of Arts", "Repair cafés")


# ----------------------------------------------------------------------------- comments in cells


def test_comments_in_the_review_copys_cells_become_notes_on_their_paragraph(review_copy, capsys) -> None:
    path, out = review_copy
    before = load_draft(path)

    def change(document) -> None:
        table = review_tables(document, "strategy")
        working = table.rows[1].cells[0].paragraphs[0]
        document.add_comment(working.runs, "这句要改 [b]", author="王芳", initials="WF")
        submission = table.rows[2].cells[1].paragraphs[0]
        document.add_comment(submission.runs, "Cite the fund [bold]", author="Li Wei", initials="LW")

    edit(out, change)
    code, stdout, err = run(capsys, "import", out, path, "--dry-run", "--json")
    assert code == 0, err
    found = {c["author"]: (c["part"], c["paragraph"], c["anchor"]) for c in json.loads(stdout)["comments"]}
    working = paragraphs(before.sections.strategy.working_text or "")
    text = paragraphs(before.sections.strategy.text)
    assert found == {"王芳": ("strategy", 0, working[0]), "Li Wei": ("strategy", 1, text[1])}
    columns = {c["author"]: c["column"] for c in json.loads(stdout)["comments"]}
    assert columns == {"王芳": "working", "Li Wei": "text"}
    code, stdout, err = run(capsys, "import", out, path)
    assert code == 0, err
    notes = {(n.author, n.part, n.paragraph, n.column, n.text) for n in load_draft(path).notes}
    assert notes == {
        ("王芳", "strategy", 0, "working", "这句要改 [b]"),
        ("Li Wei", "strategy", 1, "text", "Cite the fund [bold]"),
    }
    # the next review copy puts each back on its own column, and reading it adds no note
    loaded, profile = open_draft(path)
    draft = loaded.draft
    data, _, _ = render_docx(draft, profile, check(draft, profile, None), bilingual=True)
    again = out.with_name("round2.docx")
    again.write_bytes(data)
    comments = {c.author: c for c in read_reviewed(again, profile).comments if c.author in ("王芳", "Li Wei")}
    assert (comments["王芳"].column, comments["王芳"].paragraph) == ("working", 0)
    assert (comments["Li Wei"].column, comments["Li Wei"].paragraph) == ("text", 1)
    code, stdout, _ = run(capsys, "import", again, path)
    assert code == 0 and len(load_draft(path).notes) == 2


def test_comments_in_table_cells_become_notes_on_the_tables_part(tmp_path, profile, capsys) -> None:
    from dossier.storage.drafts import save_draft
    from export.test_roundtrip import export

    from support.core import make_complete

    draft = make_complete(profile)
    path = tmp_path / "w.dossier.json"
    save_draft(draft, path)

    def change(document) -> None:
        partners = _table(document, "Initiative").rows[2].cells[3].paragraphs[0]
        document.add_comment(partners.runs, "Which schools?", author="Li Wei", initials="LW")
        outcome = _table(document, "Goal").rows[1].cells[2].paragraphs[0]
        document.add_comment(outcome.runs, "Measurable?", author="Zhang Min", initials="ZM")

    out = edit(export(draft, profile, tmp_path / "w.docx"), change)
    code, _stdout, err = run(capsys, "import", out, path)
    assert code == 0, err
    notes = {(n.author, n.part, n.paragraph, n.anchor) for n in load_draft(path).notes}
    assert notes == {
        ("Li Wei", PLAN.id, None, draft.sections.contribution.initiatives[1].partners),
        ("Zhang Min", SDGS.id, None, draft.sections.sdg_goals.targets[1].outcome),
    }


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not on PATH")
def test_libreoffice_keeps_the_cells_proposals_and_comments(review_copy, tmp_path, capsys) -> None:
    """A review copy saved again by LibreOffice: the working column's tracked change and a
    comment in a submission cell come back as before."""
    path, out = review_copy
    was = _working_proposal(out)

    def change(document) -> None:
        submission = review_tables(document, "strategy").rows[2].cells[1].paragraphs[0]
        document.add_comment(submission.runs, "Cite the fund", author="Li Wei", initials="LW")

    edit(out, change)
    code, stdout, err = run(capsys, "import", libreoffice_save(out, tmp_path), path, "--dry-run", "--json")
    assert code == 0, err
    data = json.loads(stdout)
    (part,) = [p for p in data["parts"] if p["part"] == "strategy"]
    assert [(t["kind"], t["text"], t["column"]) for t in part["tracked_changes"]] == [
        ("deleted", was[:2], "working"),
        ("inserted", "我市", "working"),
    ]
    assert [(c["author"], c["part"], c["paragraph"]) for c in data["comments"]] == [("Li Wei", "strategy", 1)]

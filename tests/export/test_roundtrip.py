"""The Word round trip: export, edit as a reviewer would (python-docx, LibreOffice), import.

Each edit is made the way an editor writes it into the file (a changed run, a new or
removed ``w:p``, a comment, ``w:ins``/``w:del``), and the report and the draft after
``dossier import`` are checked against what the reviewer did.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.cli import main
from dossier.core.form import TEXT_PARTS
from dossier.core.model import Dossier
from dossier.core.profiles import Profile
from dossier.core.wordcount import paragraphs
from dossier.export import render_docx, xml_safe
from dossier.export.merge import apply_plan, build_plan
from dossier.export.reviewed import read_document, read_reviewed
from dossier.storage.drafts import load_draft, save_draft
from dossier.storage.history import History
from dossier.workspace import check, new_dossier

from support.core import make_complete

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HOSTILE = "中文段落 with emoji 🎨👩‍👩‍👧, [bold] and [/x] markup, a\ttab"


# ----------------------------------------------------------------------------- helpers


def export(draft: Dossier, profile: Profile, out: Path) -> Path:
    data, _, _ = render_docx(draft, profile, check(draft, profile, None))
    out.write_bytes(data)
    return out


def part_paragraphs(document: docx.document.Document, part_id: str) -> list:
    """The body paragraphs of a text part in the document (after its bookmarked heading)."""
    found: list = []
    inside = False
    for paragraph in document.paragraphs:
        marks = [b.get(qn("w:name")) for b in paragraph._p.iter(qn("w:bookmarkStart"))]
        if part_id in marks:
            inside = True
            continue
        if inside:
            if paragraph.style.name.startswith("Heading"):
                break
            if paragraph.style.name not in ("Dossier Placeholder", "Dossier Word Count"):  # count: above
                found.append(paragraph)
    return found


def edit(path: Path, change: Callable[[docx.document.Document], None]) -> Path:
    document = docx.Document(str(path))
    change(document)
    document.save(str(path))
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def setup(tmp_path: Path, profile: Profile) -> tuple[Path, Path, Dossier]:
    """A saved complete draft (with a version in its history) and its export."""
    draft = make_complete(profile)
    path = tmp_path / "westmere.dossier.json"
    save_draft(draft, path)
    from dossier.storage.history import record_save

    record_save(path, draft)
    out = export(load_draft(path), profile, tmp_path / "westmere.docx")
    return path, out, load_draft(path)


def libreoffice_save(out: Path, tmp_path: Path) -> Path:
    """``out`` opened and saved again as .docx by headless LibreOffice: the copy's path."""
    assert SOFFICE is not None
    converted = tmp_path / "lo"
    profile_dir = (tmp_path / "lo-profile").resolve().as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile_dir}", "--headless", "--convert-to", "docx", "--outdir",
         str(converted), str(out)],
        capture_output=True, timeout=240, check=True,
    )  # fmt: skip
    return converted / out.name


def versions(path: Path) -> int:
    with History.open(path, create=False) as history:
        return len(history.versions())


# ----------------------------------------------------------------------------- no edit


def test_export_read_back_without_edit_is_no_change(setup, capsys) -> None:
    path, out, _ = setup
    before = path.read_bytes()
    code, stdout, err = run(capsys, "import", out, path)
    assert code == 0, err
    assert "No change" in stdout
    assert path.read_bytes() == before


def test_hostile_and_example_exports_read_back_without_change(cases) -> None:
    for case in cases.values():
        reviewed = read_reviewed(case.path, case.profile)
        plan = build_plan(case.draft, reviewed)
        assert plan.nothing, (case.name, plan.as_data())


# ----------------------------------------------------------------------------- edits


def test_changed_word_new_and_deleted_paragraph_are_applied(setup, capsys) -> None:
    path, out, draft = setup
    strategy = paragraphs(draft.sections.strategy.text)
    assets = paragraphs(draft.sections.assets.text)

    def change(document) -> None:
        first = part_paragraphs(document, "strategy")[0]
        first.runs[0].text = first.runs[0].text.replace("Westmere", "Westmère", 1)
        first.insert_paragraph_before(HOSTILE)
        gone = part_paragraphs(document, "assets")[1]
        gone._p.getparent().remove(gone._p)

    edit(out, change)
    n = versions(path)
    code, stdout, err = run(capsys, "import", out, path)
    assert code == 0, err
    assert "[-Westmere-]{+Westmère+}" in stdout
    assert "Applied 2 changes" in stdout
    now = load_draft(path)
    assert paragraphs(now.sections.strategy.text) == [
        HOSTILE,
        strategy[0].replace("Westmere", "Westmère", 1),
        *strategy[1:],
    ]
    assert paragraphs(now.sections.assets.text) == [assets[0], *assets[2:]]
    assert now.sections.opportunities.text == draft.sections.opportunities.text  # untouched, to the byte
    assert now.meta.revision == draft.meta.revision + 1
    assert versions(path) == n + 1
    assert path.with_name(path.name + ".bak").is_file()


def test_dry_run_and_json_change_nothing(setup, capsys) -> None:
    path, out, _ = setup
    edit(out, lambda d: part_paragraphs(d, "strategy")[0].insert_paragraph_before("New words"))
    before = path.read_bytes()
    code, stdout, _ = run(capsys, "import", out, path, "--dry-run", "--json")
    assert code == 0
    data = json.loads(stdout)
    assert data["parts"][0]["part"] == "strategy"
    assert data["parts"][0]["changes"][0]["reviewer"][0] == "New words"
    assert path.read_bytes() == before


def test_line_break_within_a_paragraph_becomes_a_line(setup, capsys) -> None:
    path, out, _ = setup

    def change(document) -> None:
        para = part_paragraphs(document, "introduction")[0]
        new = para.insert_paragraph_before("before the break")
        new.add_run().add_break()
        new.add_run("after the break")

    edit(out, change)
    code, _, err = run(capsys, "import", out, path)
    assert code == 0, err
    assert paragraphs(load_draft(path).introduction.text)[:2] == ["before the break", "after the break"]


def test_reviewer_comment_is_listed_and_dossier_findings_are_not(tmp_path, profile, capsys) -> None:
    draft = make_complete(profile)
    draft.sections.assets.text = ""  # a finding, hence a "dossier check" comment
    path = tmp_path / "d.dossier.json"
    save_draft(draft, path)
    out = export(draft, profile, tmp_path / "d.docx")

    def change(document) -> None:
        para = part_paragraphs(document, "strategy")[0]
        document.add_comment(para.runs, "Please cite the council vote.", author="Li Wei", initials="LW")

    edit(out, change)
    _code, stdout, _ = run(capsys, "import", out, path, "--dry-run", "--json")
    data = json.loads(stdout)
    assert [c["author"] for c in data["comments"]] == ["Li Wei"]
    comment = data["comments"][0]
    assert comment["text"] == "Please cite the council vote."
    assert comment["part"] == "strategy" and comment["paragraph"] == 0
    assert comment["anchor"] == paragraphs(draft.sections.strategy.text)[0]


def _tracked(document, part: str) -> str:
    """Insert a tracked insertion and a tracked deletion in the part's first paragraph."""
    para = part_paragraphs(document, part)[0]
    text = para.text
    word = text.split()[0]
    rest = text[len(word) :]
    for r in list(para._p.findall(qn("w:r"))):
        para._p.remove(r)
    para._p.append(
        parse_xml(
            f'<w:del xmlns:w="{W}" w:id="901" w:author="Zhang Min" w:date="2026-12-01T09:00:00Z">'
            f"<w:r><w:delText>{word}</w:delText></w:r></w:del>"
        )
    )
    para._p.append(
        parse_xml(
            f'<w:ins xmlns:w="{W}" w:id="902" w:author="Zhang Min" w:date="2026-12-01T09:00:00Z">'
            f"<w:r><w:t>Our</w:t></w:r></w:ins>"
        )
    )
    run_ = para.add_run(rest)
    assert run_.text == rest
    return word


def test_tracked_changes_are_listed_not_applied_by_default(setup, capsys) -> None:
    path, out, _draft = setup
    word = _tracked_edit(out)
    before = path.read_bytes()
    code, stdout, _ = run(capsys, "import", out, path)
    assert code == 0
    assert "Tracked changes (proposals, not applied" in stdout
    assert f"deleted by Zhang Min: {word}" in stdout
    assert "inserted by Zhang Min: Our" in stdout
    assert path.read_bytes() == before  # nothing else changed: nothing written


def _tracked_edit(out: Path) -> str:
    words: list[str] = []
    edit(out, lambda d: words.append(_tracked(d, "strategy")))
    return words[0]


def test_accept_changes_applies_tracked_changes(setup, capsys) -> None:
    path, out, draft = setup
    word = _tracked_edit(out)
    code, _, err = run(capsys, "import", out, path, "--accept-changes")
    assert code == 0, err
    first = paragraphs(load_draft(path).sections.strategy.text)[0]
    assert first == "Our" + paragraphs(draft.sections.strategy.text)[0][len(word) :]


def test_reject_changes_ignores_them(setup, capsys) -> None:
    path, out, _ = setup
    _tracked_edit(out)
    before = path.read_bytes()
    code, stdout, _ = run(capsys, "import", out, path, "--reject-changes")
    assert code == 0 and "(ignored)" in stdout
    assert path.read_bytes() == before


def test_formatting_not_kept_is_reported(setup, capsys) -> None:
    path, out, _ = setup
    edit(out, lambda d: setattr(part_paragraphs(d, "assets")[0].runs[0], "bold", True))
    _code, stdout, _ = run(capsys, "import", out, path, "--dry-run")
    assert "Formatting not kept" in stdout and "bold" in stdout


def test_text_outside_any_part_is_reported(setup, capsys) -> None:
    path, out, _ = setup
    edit(out, lambda d: d.paragraphs[0].insert_paragraph_before("Reviewer's note on the cover"))
    _code, stdout, _ = run(capsys, "import", out, path, "--dry-run")
    assert "Text outside every part" in stdout and "Reviewer's note on the cover" in stdout


# ----------------------------------------------------------------------------- headings


def _heading(document, part_id: str):
    for paragraph in document.paragraphs:
        if part_id in [b.get(qn("w:name")) for b in paragraph._p.iter(qn("w:bookmarkStart"))]:
            return paragraph
    raise AssertionError(part_id)


def test_renamed_heading_is_reported_and_still_found_by_bookmark(setup, capsys) -> None:
    path, out, _ = setup

    def change(document) -> None:
        heading = _heading(document, "strategy")
        heading.runs[0].text = "Our strategy"
        part_paragraphs(document, "strategy")[0].insert_paragraph_before("Added")

    edit(out, change)
    _code, stdout, _ = run(capsys, "import", out, path)
    assert "was renamed “Our strategy”" in stdout
    assert paragraphs(load_draft(path).sections.strategy.text)[0] == "Added"


def _drop_bookmarks(document) -> None:
    for mark in list(document.element.body.iter(qn("w:bookmarkStart"), qn("w:bookmarkEnd"))):
        mark.getparent().remove(mark)


def test_without_bookmarks_parts_are_found_by_their_headings(setup, capsys) -> None:
    path, out, _ = setup

    def change(document) -> None:
        _drop_bookmarks(document)

    edit(out, change)
    reviewed = read_reviewed(out, None)  # the headings the export kept in the document
    assert set(reviewed.parts) == set(TEXT_PARTS)
    assert {p.found_by for p in reviewed.parts.values()} == {"heading"}
    _code, stdout, _ = run(capsys, "import", out, path, "--dry-run")
    assert "No change" in stdout


def test_renamed_heading_without_bookmark_is_reported_and_left(setup, capsys) -> None:
    path, out, draft = setup

    def change(document) -> None:
        heading = _heading(document, "strategy")
        _drop_bookmarks(document)
        heading.runs[0].text = "Something else"
        part_paragraphs_by_next(heading).insert_paragraph_before("Would be lost if guessed")

    def part_paragraphs_by_next(heading):
        return docx.text.paragraph.Paragraph(heading._p.getnext(), heading._parent)

    edit(out, change)
    code, stdout, _ = run(capsys, "import", out, path)
    assert code == 0
    assert "was not found (renamed or deleted)" in stdout
    assert load_draft(path).sections.strategy.text == draft.sections.strategy.text


def test_moved_part_is_reported(setup, capsys) -> None:
    path, out, _ = setup

    def change(document) -> None:
        heading = _heading(document, "introduction")
        moved = [heading._p]
        node = heading._p.getnext()
        while node is not None and _heading_of(node) is None:
            moved.append(node)
            node = node.getnext()
        status = _heading(document, "draft_status")._p
        for element in moved:
            status.addprevious(element)

    def _heading_of(node):
        names = [b.get(qn("w:name")) for b in node.iter(qn("w:bookmarkStart"))]
        return names[0] if names else None

    edit(out, change)
    _code, stdout, _ = run(capsys, "import", out, path, "--dry-run")
    assert "Parts were moved" in stdout


# ----------------------------------------------------------------------------- refusals


def test_document_of_another_draft_is_refused_unless_forced(tmp_path, setup, profile, capsys) -> None:
    path, _, _ = setup
    other = new_dossier(city="Elsewhere", country="France", field="design", profile=profile)
    other.sections.strategy.text = "Entirely other text."
    out = export(other, profile, tmp_path / "other.docx")
    before = path.read_bytes()
    code, _, err = run(capsys, "import", out, path)
    assert code == 2
    assert err.count("\n") == 1 and "exported from another draft" in err and "--force" in err
    assert path.read_bytes() == before
    code, stdout, err = run(capsys, "import", out, path, "--force", "--dry-run")
    assert code == 0, err
    assert "Entirely other text." in stdout


def test_damaged_zip_is_refused_in_one_line(setup, capsys) -> None:
    path, out, _ = setup
    data = out.read_bytes()
    out.write_bytes(data[: len(data) // 2])
    code, _, err = run(capsys, "import", out, path)
    assert code == 2 and err.count("\n") == 1
    assert "damaged or not a .docx" in err


def test_docm_with_macros_is_refused(setup, capsys) -> None:
    path, out, _ = setup
    docm = out.with_suffix(".docm")
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(docm, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
                )
            target.writestr(info, data)
        target.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macros")
    code, _, err = run(capsys, "import", docm, path)
    assert code == 2 and err.count("\n") == 1
    assert "macros (.docm)" in err


def test_fifty_megabyte_docx_is_refused_before_reading(setup, capsys) -> None:
    path, out, _ = setup
    big = out.with_name("big.docx")
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(big, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr(zipfile.ZipInfo("word/media/image1.png"), os.urandom(50 * 1024 * 1024))
    assert big.stat().st_size > 50 * 1024 * 1024
    code, _, err = run(capsys, "import", big, path)
    assert code == 2 and err.count("\n") == 1
    assert "50 MB" in err and "not read" in err


def test_plain_file_is_refused(setup, tmp_path, capsys) -> None:
    path, _, _ = setup
    text = tmp_path / "notes.docx"
    text.write_text("not a zip")
    code, _, err = run(capsys, "import", text, path)
    assert code == 2 and "not a .docx" in err


# ----------------------------------------------------------------------------- three-way


def test_three_way_keeps_edits_made_in_dossier_meanwhile(setup, capsys) -> None:
    path, out, draft = setup
    strategy = paragraphs(draft.sections.strategy.text)
    assert len(strategy) >= 3
    # meanwhile in dossier: the last paragraph of strategy changes, and the first one too
    now = load_draft(path)
    lines = now.sections.strategy.text.split("\n\n")
    lines[-1] = lines[-1] + " Added in dossier."
    lines[0] = "Rewritten in dossier."
    now.sections.strategy.text = "\n\n".join(lines)
    now.meta.revision += 1
    save_draft(now, path)

    def change(document) -> None:
        paras = part_paragraphs(document, "strategy")
        paras[1].runs[0].text = "Reviewer changed the second paragraph."
        paras[0].runs[0].text = "Reviewer changed the first paragraph."

    edit(out, change)
    code, stdout, err = run(capsys, "import", out, path)
    assert code == 0, err
    assert "edits made in dossier meanwhile are kept" in stdout
    assert "conflict" in stdout
    result = paragraphs(load_draft(path).sections.strategy.text)
    assert result[0] == "Rewritten in dossier."  # the conflict is left as the draft has it
    assert result[1] == "Reviewer changed the second paragraph."
    assert result[-1].endswith("Added in dossier.")


# ----------------------------------------------------------------------------- every character


def test_hostile_characters_survive_the_trip(setup, capsys) -> None:
    path, out, _ = setup
    text = "第二段：中文、emoji 😀、[bold]、[/x]、\ttab, and a trailing part"
    edit(out, lambda d: part_paragraphs(d, "preparation")[0].insert_paragraph_before(text))
    code, _, err = run(capsys, "import", out, path)
    assert code == 0, err
    assert paragraphs(load_draft(path).sections.preparation.text)[0] == text


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not on PATH")
def test_libreoffice_round_trip_without_edit_is_no_change(setup, tmp_path, capsys) -> None:
    path, out, _ = setup
    # one edit through python-docx first, then LibreOffice opens and saves the document
    edit(out, lambda d: part_paragraphs(d, "assets")[0].insert_paragraph_before(HOSTILE))
    saved = libreoffice_save(out, tmp_path)
    code, stdout, err = run(capsys, "import", saved, path, "--json", "--dry-run")
    assert code == 0, err
    data = json.loads(stdout)
    assert data["problems"] == [] and data["outside_parts"] == [] and data["comments"] == []
    assert [p["part"] for p in data["parts"]] == ["assets"]
    assert data["parts"][0]["changes"][0]["reviewer"] == [HOSTILE]
    # and a document LibreOffice saved without any edit says "no change"
    export(load_draft(path), load_profile_of(path), out)
    libreoffice_save(out, tmp_path)
    code, stdout, err = run(capsys, "import", saved, path)
    assert code == 0, err
    assert "No change" in stdout


def load_profile_of(path: Path) -> Profile:
    from dossier.core.profiles import load_profile

    return load_profile(load_draft(path).meta.profile)


# ----------------------------------------------------------------------------- random edits

_WORDS = st.sampled_from(
    ["city", "design", "[bold]", "中文", "😀", "Westmère", "a\tb", "[/x]", "2,000.5", "«quote»"]
)
_PARA = st.lists(_WORDS, min_size=1, max_size=6).map(" ".join)


@st.composite
def _edits(draw: st.DrawFn) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    parts = draw(st.lists(st.sampled_from(TEXT_PARTS), min_size=1, max_size=3, unique=True))
    before = {p: draw(st.lists(_PARA, min_size=0, max_size=4)) for p in parts}
    after = {}
    for p, paras in before.items():
        edited = list(paras)
        for _ in range(draw(st.integers(0, 3))):
            action = draw(st.sampled_from(["replace", "insert", "delete"]))
            if action == "insert" or not edited:
                edited.insert(draw(st.integers(0, len(edited))), draw(_PARA))
            elif action == "delete":
                del edited[draw(st.integers(0, len(edited) - 1))]
            else:
                edited[draw(st.integers(0, len(edited) - 1))] = draw(_PARA)
        after[p] = edited
    return before, after


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(_edits(), st.sampled_from(["\n", "\n\n"]))
def test_random_edits_of_random_drafts_round_trip_exactly(profile, edits, sep) -> None:
    before, after = edits
    draft = new_dossier(city="Random", country="Nowhere", field="design", profile=profile)
    for part, paras in before.items():
        draft.part(part).text = sep.join(paras)
    data, _, _ = render_docx(draft, profile, check(draft, profile, None))
    document = docx.Document(io.BytesIO(data))
    for part, paras in after.items():
        existing = part_paragraphs(document, part)
        anchor = existing[0] if existing else None
        if anchor is None:  # an empty part: its placeholder is followed by the count line
            heading = _heading(document, part)
            anchor = docx.text.paragraph.Paragraph(heading._p.getnext(), heading._parent)
            anchor = docx.text.paragraph.Paragraph(anchor._p.getnext(), heading._parent)
        for text in paras:
            anchor.insert_paragraph_before(text)
        for old in existing:
            old._p.getparent().remove(old._p)
    buffer = io.BytesIO()
    document.save(buffer)
    reviewed = read_document(docx.Document(io.BytesIO(buffer.getvalue())), profile)
    new, notes, _ = apply_plan(draft, build_plan(draft, reviewed))
    assert notes == []
    for part in TEXT_PARTS:
        expected = after.get(part, before.get(part, []))
        assert paragraphs(new.part(part).text) == expected, part
    again = build_plan(new, read_document(docx.Document(io.BytesIO(_render(new, profile))), profile))
    assert again.nothing


def _render(draft: Dossier, profile: Profile) -> bytes:
    return render_docx(draft, profile, check(draft, profile, None))[0]


# ----------------------------------------------------------------------------- notes


def test_comments_become_notes_and_go_back_to_word(setup, profile, capsys) -> None:
    path, out, draft = setup

    def change(document) -> None:
        para = part_paragraphs(document, "strategy")[1]
        document.add_comment(para.runs, "Cite the [bold] council vote 中文.", author="Li Wei", initials="LW")

    edit(out, change)
    code, stdout, err = run(capsys, "import", out, path)
    assert code == 0, err
    assert "1 comment kept as a note" in stdout
    assert "texts of" in stdout and "are unchanged" in stdout and "Applied 0" not in stdout
    notes = load_draft(path).notes
    assert len(notes) == 1
    note = notes[0]
    assert (note.author, note.text, note.part, note.paragraph) == (
        "Li Wei",
        "Cite the [bold] council vote 中文.",
        "strategy",
        1,
    )
    assert note.anchor == paragraphs(draft.sections.strategy.text)[1]
    assert note.date is not None and not note.resolved and note.source == out.name
    # the next export shows it in the margin, on that paragraph, under the reviewer's name
    again = export(load_draft(path), profile, out.with_name("round2.docx"))
    document = docx.Document(str(again))
    ours = [c for c in document.comments if c.author == "Li Wei"]
    assert [c.text for c in ours] == ["Cite the [bold] council vote 中文."]
    reviewed = read_reviewed(again, profile)
    anchored = [c for c in reviewed.comments if c.author == "Li Wei"]
    assert anchored[0].part == "strategy" and anchored[0].paragraph == 1
    # and importing that export again adds no second note
    code, stdout, _ = run(capsys, "import", again, path)
    assert "No change" in stdout
    assert len(load_draft(path).notes) == 1


def test_resolved_notes_are_not_exported(setup, profile) -> None:
    from dossier.core.model import Note

    _path, _, draft = setup
    draft.notes = [Note(part="assets", text="done already", author="A", resolved=True)]
    data, _, _ = render_docx(draft, profile, check(draft, profile, None))
    assert not [c for c in docx.Document(io.BytesIO(data)).comments if c.author == "A"]


def test_document_not_made_by_dossier_is_matched_by_headings(setup, profile, tmp_path, capsys) -> None:
    path, _, _draft = setup
    document = docx.Document()
    document.add_heading(profile.section("strategy").heading("en"), 1)
    document.add_paragraph("A strategy written in Word from scratch.")
    plain = tmp_path / "plain.docx"
    document.save(str(plain))
    code, stdout, err = run(capsys, "import", plain, path, "--dry-run", "--json")
    assert code == 0, err
    data = json.loads(stdout)
    changed = [p for p in data["parts"] if p["changes"]]
    assert [p["part"] for p in changed] == ["strategy"]
    assert changed[0]["found_by"] == "heading"
    assert changed[0]["changes"][0]["reviewer"] == ["A strategy written in Word from scratch."]
    assert any("“General introduction” was not found" in p for p in data["problems"])  # said, not guessed
    nothing = docx.Document()
    nothing.add_paragraph("Unrelated minutes of a meeting.")
    nothing.save(str(plain))
    code, _, err = run(capsys, "import", plain, path)
    assert code == 2 and "has none of the draft's parts" in err


def _table(document, first_header: str):
    """The table whose header row starts with ``first_header``."""
    for table in document.tables:
        if table.rows and table.rows[0].cells[0].text == first_header:
            return table
    raise AssertionError(f"no table headed {first_header}")


def _set(cell, text: str) -> None:
    """What a reviewer typing over a cell leaves: one run with the new text."""
    paragraph = cell.paragraphs[0]
    for r in list(paragraph._p.findall(qn("w:r"))):
        paragraph._p.remove(r)
    paragraph.add_run(text)


def test_changed_cells_of_existing_rows_are_applied(setup, capsys) -> None:
    path, out, draft = setup

    def change(document) -> None:
        sdg = _table(document, "Goal")
        # the export lists goals in order: goal 4 (the draft's second target) comes first
        assert sdg.rows[1].cells[2].text == draft.sections.sdg_goals.targets[1].outcome
        _set(sdg.rows[1].cells[2], "Design taught in every school, [bold] 中文")
        _set(sdg.rows[2].cells[1], "Long term")
        plan = _table(document, "Initiative")
        _set(plan.rows[1].cells[0], "Westmère design week")
        _set(plan.rows[1].cells[2], "2027–2031")
        _set(plan.rows[2].cells[3], "Libraries\tand schools")
        _set(plan.rows[2].cells[4], "45,500.50 EUR")
        _set(plan.rows[2].cells[1], "International")

    edit(out, change)
    code, stdout, err = run(capsys, "import", out, path)
    assert code == 0, err
    assert "Row changed 1 (applied)" in stdout
    now = load_draft(path)
    goals = now.sections.sdg_goals.targets
    assert [t.goal for t in goals] == [11, 4]
    assert goals[1].outcome == "Design taught in every school, [bold] 中文"
    assert goals[0].horizon == "long" and goals[0].outcome == draft.sections.sdg_goals.targets[0].outcome
    week, cafes = now.sections.contribution.initiatives
    assert (week.title, week.start_year, week.end_year) == ("Westmère design week", 2027, 2031)
    assert week.budget == 250_000 and week.partners == "Design university"
    assert (cafes.partners, cafes.budget, cafes.currency, cafes.scope) == (
        "Libraries\tand schools",
        45_500.5,
        "EUR",
        "international",
    )
    assert cafes.title == "Repair cafés"
    again = build_plan(
        now, read_document(docx.Document(io.BytesIO(_render(now, load_profile_of(path)))), None)
    )
    assert again.rows == []


def test_row_added_at_the_end_and_row_deleted_are_applied(setup, capsys) -> None:
    path, out, _draft = setup

    def change(document) -> None:
        plan = _table(document, "Initiative")
        first = plan.rows[1]._tr
        first.getparent().remove(first)  # "Design week" deleted
        row = plan.add_row()  # after the total rows, as python-docx and Word's last-row tab add it
        for cell, text in zip(
            row.cells,
            ["Night market of makers", "Local", "from 2028", "Chamber of commerce", "1,250,000 USD"],
            strict=True,
        ):
            cell.text = text
        sdg = _table(document, "Goal")
        row = sdg.add_row()
        for cell, text in zip(
            row.cells, ["SDG 8", "Medium term (about four years)", "Jobs in design"], strict=True
        ):
            cell.text = text

    edit(out, change)
    code, stdout, err = run(capsys, "import", out, path, "--json")
    assert code == 0, err
    data = json.loads(stdout)
    kinds = sorted((r["table"], r["kind"], r["status"]) for r in data["rows"])
    assert kinds == [
        ("action_plan", "added", "apply"),
        ("action_plan", "removed", "apply"),
        ("sdg_targets", "added", "apply"),
    ]
    now = load_draft(path)
    titles = [
        (i.title, i.scope, i.start_year, i.end_year, i.budget) for i in now.sections.contribution.initiatives
    ]
    assert titles == [
        ("Repair cafés", "local", 2027, 2028, 40_000),
        ("Night market of makers", "local", 2028, None, 1_250_000),
    ]
    assert now.sections.contribution.initiatives[1].currency == "USD"
    assert [(t.goal, t.horizon, t.outcome) for t in now.sections.sdg_goals.targets][-1] == (
        8,
        "medium",
        "Jobs in design",
    )


def test_french_budget_is_read_in_the_dossiers_language(tmp_path, profile, capsys) -> None:
    from dossier.core.i18n import wording

    draft = make_complete(profile)
    draft.meta.language = "fr"
    path = tmp_path / "lyon.dossier.json"
    save_draft(draft, path)
    out = export(load_draft(path), profile, tmp_path / "lyon.docx")
    fr = wording("fr")

    def change(document) -> None:
        plan = _table(document, fr("Initiative"))
        assert plan.rows[1].cells[4].text == "250\u202f000 USD"  # as the export writes it
        _set(plan.rows[1].cells[4], "1\u202f250\u202f000,50 EUR")
        _set(plan.rows[2].cells[2], "2027–2029")

    edit(out, change)
    code, _out, err = run(capsys, "import", out, path)
    assert code == 0, err
    week, cafes = load_draft(path).sections.contribution.initiatives
    assert (week.budget, week.currency) == (1_250_000.5, "EUR")
    assert (cafes.start_year, cafes.end_year) == (2027, 2029)


def test_unparseable_budget_is_reported_not_applied(setup, capsys) -> None:
    path, out, _draft = setup

    def change(document) -> None:
        plan = _table(document, "Initiative")
        _set(plan.rows[1].cells[4], "about a million")
        _set(plan.rows[1].cells[3], "Design university and the port")

    edit(out, change)
    code, stdout, err = run(capsys, "import", out, path)
    assert code == 0, err
    assert "Not applied, Budget “about a million”: not an amount dossier can read" in stdout
    week = load_draft(path).sections.contribution.initiatives[0]
    assert (week.budget, week.currency) == (250_000, "USD")  # the budget is left as it was
    assert week.partners == "Design university and the port"  # the row's readable cell is taken


def test_row_changed_in_dossier_since_the_export_is_a_conflict(setup, capsys) -> None:
    path, out, _draft = setup
    now = load_draft(path)
    now.sections.contribution.initiatives[0].partners = "Changed in dossier"
    now.meta.revision += 1
    save_draft(now, path)

    def change(document) -> None:
        plan = _table(document, "Initiative")
        _set(plan.rows[1].cells[3], "Changed in Word")  # the same row: a conflict
        _set(plan.rows[2].cells[0], "Repair cafés everywhere")  # another row: applied

    edit(out, change)
    code, stdout, err = run(capsys, "import", out, path)
    assert code == 0, err
    assert "conflict" in stdout and "The draft now reads, against the document:" in stdout
    assert "[-Design university-]{+Changed in Word+}" in stdout  # the export's row against the document
    assert "Changed in [-dossier-]{+Word+}" in stdout  # and the draft's row now against the document
    week, cafes = load_draft(path).sections.contribution.initiatives
    assert week.partners == "Changed in dossier"
    assert cafes.title == "Repair cafés everywhere"


def _tracked_cell(document) -> None:
    """A tracked deletion and insertion in the action plan's first partners cell."""
    cell = _table(document, "Initiative").rows[1].cells[3]
    para = cell.paragraphs[0]
    for r in list(para._p.findall(qn("w:r"))):
        para._p.remove(r)
    para._p.append(
        parse_xml(
            f'<w:del xmlns:w="{W}" w:id="911" w:author="Li Wei" w:date="2026-12-01T09:00:00Z">'
            f"<w:r><w:delText>Design university</w:delText></w:r></w:del>"
        )
    )
    para._p.append(
        parse_xml(
            f'<w:ins xmlns:w="{W}" w:id="912" w:author="Li Wei" w:date="2026-12-01T09:00:00Z">'
            f"<w:r><w:t>Academy of Arts</w:t></w:r></w:ins>"
        )
    )


@pytest.mark.parametrize("option", ["", "--accept-changes", "--reject-changes"])
def test_tracked_changes_in_table_cells_follow_the_options(setup, capsys, option) -> None:
    path, out, _draft = setup
    edit(out, _tracked_cell)
    before = path.read_bytes()
    code, stdout, err = run(capsys, "import", out, path, *([option] if option else []))
    assert code == 0, err
    assert (
        "deleted by Li Wei: Design university" in stdout and "inserted by Li Wei: Academy of Arts" in stdout
    )
    if option == "--accept-changes":
        assert load_draft(path).sections.contribution.initiatives[0].partners == "Academy of Arts"
    else:
        assert ("(ignored)" in stdout) == (option == "--reject-changes")
        assert path.read_bytes() == before


def test_hostile_corpus_drafts_round_trip_keeping_every_character(tmp_path, profile) -> None:
    """Every loadable hostile draft: no edit is no change; a paragraph added at the top of each
    part goes in, and the rest of the part's text is kept to the character (control
    characters, CR line ends, line separators the export had to drop included)."""
    from dossier.storage.drafts import read_draft

    from support.corpus import LOADABLE

    for case in LOADABLE:
        if case.name == "many-rows":  # 10,000 plan rows: the export alone takes a minute; no text
            continue
        draft = read_draft(case.write(tmp_path)).draft
        data = _render(draft, profile)
        reviewed = read_document(docx.Document(io.BytesIO(data)), profile)
        assert build_plan(draft, reviewed).nothing, case.name
        document = docx.Document(io.BytesIO(data))
        for part in TEXT_PARTS:
            existing = part_paragraphs(document, part)
            if existing:
                existing[0].insert_paragraph_before(HOSTILE)
        buffer = io.BytesIO()
        document.save(buffer)
        plan = build_plan(draft, read_document(docx.Document(io.BytesIO(buffer.getvalue())), profile))
        new, notes, _ = apply_plan(draft, plan)
        assert notes == [], case.name
        for part in TEXT_PARTS:
            old, now = draft.part(part).text, new.part(part).text
            if paragraphs(xml_safe(old)[0]):
                assert now.endswith(old[len(old) - len(old.lstrip()) :]) or old in now, (case.name, part)
                assert paragraphs(now)[0] == HOSTILE, (case.name, part)
            else:
                assert now == old, (case.name, part)


def test_comment_marked_done_in_word_becomes_a_resolved_note(setup, capsys) -> None:
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    path, out, _ = setup
    w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    w15 = "http://schemas.microsoft.com/office/word/2012/wordml"

    def change(document) -> None:
        para = part_paragraphs(document, "assets")[0]
        comment = document.add_comment(para.runs, "Fixed, thanks.", author="Wang Fang", initials="WF")
        comment._comment_elm.findall(qn("w:p"))[-1].set(f"{{{w14}}}paraId", "1A2B3C4D")
        extended = (
            f'<w15:commentsEx xmlns:w15="{w15}"><w15:commentEx w15:paraId="1A2B3C4D" w15:done="1"/>'
            "</w15:commentsEx>"
        ).encode()
        part = Part(
            PackURI("/word/commentsExtended.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml",
            extended,
            document.part.package,
        )
        document.part.relate_to(
            part, "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
        )

    edit(out, change)
    code, _, err = run(capsys, "import", out, path)
    assert code == 0, err
    notes = load_draft(path).notes
    assert [(n.author, n.resolved, n.part, n.paragraph) for n in notes] == [("Wang Fang", True, "assets", 0)]


def _edit_list(draw: st.DrawFn, paras: list[str]) -> list[str]:
    edited = list(paras)
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(["replace", "insert", "delete"]))
        if action == "insert" or not edited:
            edited.insert(draw(st.integers(0, len(edited))), draw(_PARA))
        elif action == "delete":
            del edited[draw(st.integers(0, len(edited) - 1))]
        else:
            edited[draw(st.integers(0, len(edited) - 1))] = draw(_PARA)
    return edited


@st.composite
def _three(draw: st.DrawFn) -> tuple[list[str], list[str], list[str]]:
    base = draw(st.lists(_PARA, max_size=6))
    return base, _edit_list(draw, base), _edit_list(draw, base)


@settings(max_examples=200)
@given(_three(), st.sampled_from(["\n", "\n\n"]))
def test_three_way_merge_never_loses_the_drafts_edits(texts, sep) -> None:
    from dossier.export.merge import replace_paragraphs, three_way

    base, mine, theirs = texts
    changes = three_way("strategy", base, theirs, mine)
    edits = [(c.at[0], c.at[1], c.theirs) for c in changes if c.status == "apply"]
    result = replace_paragraphs(sep.join(mine), edits)
    assert result is not None
    merged = paragraphs(result)
    if theirs == base:
        assert merged == mine
    if mine == base:
        assert merged == theirs
    if not any(c.status == "conflict" for c in changes) and mine != base and theirs != base:
        assert set(merged) <= set(mine) | set(theirs)
    for change in changes:  # a conflict shows the draft's text as it is now
        if change.status == "conflict":
            assert change.mine == mine[change.at[0] : change.at[1]]


def test_draft_rows_are_the_rows_the_export_writes(cases, profile) -> None:
    """merge compares the reviewer's rows with the draft's as the export writes them: the
    two writings must not drift apart (French digit groups, placeholders, goal order)."""
    from dossier.export.tables import PLAN_TABLE, SDG_TABLE, draft_rows, item_rows

    drafts = [(c.draft, c.path) for c in cases.values()]
    french = make_complete(profile)
    french.meta.language = "fr"
    french.sections.contribution.initiatives[1].budget = 0  # "not given"
    french.sections.contribution.initiatives[1].end_year = None  # "à partir de 2027"
    drafts.append((french, None))
    for draft, _path in drafts:
        base = read_document(docx.Document(io.BytesIO(_render(draft, profile))), profile).tables
        for table in (SDG_TABLE, PLAN_TABLE):
            written = item_rows(base[table], table) if table in base else []
            assert [r.cells for r in draft_rows(draft, table)] == written, (draft.basic.city, table)


_TITLE = st.sampled_from(["Design week", "中文 工坊", "[bold] fair", "Atelier «ouvert»", "Makers 😀"])


@st.composite
def _table_edits(draw: st.DrawFn) -> tuple[str, list[dict], list[tuple]]:
    """A draft's action plan in English or French and random reviewer edits of its table."""
    language = draw(st.sampled_from(["en", "fr"]))
    rows = [
        {
            "title": f"{draw(_TITLE)} {n}",
            "scope": draw(st.sampled_from(["local", "international"])),
            "start_year": 2026 + draw(st.integers(0, 2)),
            "end_year": 2029 + draw(st.integers(0, 2)),
            "partners": draw(st.sampled_from(["", "City hall", "Université\tLyon"])),
            "budget": float(draw(st.integers(0, 3_000_000))),
            "currency": "USD",
        }
        for n in range(draw(st.integers(0, 4)))
    ]
    edits: list[tuple] = []
    for k in range(len(rows)):  # each row kept, renamed, given a new budget or deleted
        action = draw(st.sampled_from(["keep", "title", "budget", "delete"]))
        if action == "title":
            edits.append(("title", k, f"Renamed {draw(_TITLE)} {k}"))
        elif action == "budget":
            edits.append(("budget", k, float(draw(st.integers(1, 9_999_999)))))
        elif action == "delete":
            edits.append(("delete", k))
    for n in range(draw(st.integers(0, 2))):  # and rows added at the end
        edits.append(("add", f"New {draw(_TITLE)} {n}", float(draw(st.integers(1, 9_999_999)))))
    return language, rows, edits


@settings(
    max_examples=20,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(_table_edits())
def test_random_table_edits_round_trip_exactly(profile, case) -> None:
    from dossier.core.i18n import wording
    from dossier.core.model import Initiative

    language, rows, edits = case
    w = wording(language)
    draft = new_dossier(city="Random", country="Nowhere", field="design", profile=profile)
    draft.meta.language = language
    draft.sections.contribution.initiatives = [Initiative(**r) for r in rows]
    document = docx.Document(io.BytesIO(_render(draft, profile)))
    expected: list[dict | None] = [dict(r) for r in rows]
    table = _table(document, w("Initiative")) if rows else None
    data_rows = list(table.rows[1 : 1 + len(rows)]) if table is not None else []
    added: list[tuple[str, float]] = []
    for edit_ in edits:
        if edit_[0] == "add":
            added.append((edit_[1], edit_[2]))
            continue
        k = edit_[1]
        if edit_[0] == "delete":
            row = data_rows[k]._tr
            row.getparent().remove(row)
            expected[k] = None
        elif edit_[0] == "title":
            _set(data_rows[k].cells[0], edit_[2])
            expected[k]["title"] = edit_[2]
        else:
            _set(data_rows[k].cells[4], f"{w.number(edit_[2], 0)} USD")
            expected[k]["budget"] = edit_[2]
    expected = [e for e in expected if e is not None]
    if added and table is None:  # no table was written: the reviewer's own table is not read
        added = []
    for title, budget in added:
        row = table.add_row()  # type: ignore[union-attr]
        for cell, text in zip(
            row.cells, [title, w("Local"), "2027–2029", "", f"{w.number(budget, 0)} USD"], strict=True
        ):
            cell.text = text
        expected.append(
            {"title": title, "scope": "local", "start_year": 2027, "end_year": 2029, "partners": ""}
            | {"budget": budget, "currency": "USD"}
        )
    buffer = io.BytesIO()
    document.save(buffer)
    reviewed = read_document(docx.Document(io.BytesIO(buffer.getvalue())), profile)
    new, notes, _ = apply_plan(draft, build_plan(draft, reviewed))
    assert notes == []
    assert [i.model_dump() for i in new.sections.contribution.initiatives] == expected
    again = build_plan(new, read_document(docx.Document(io.BytesIO(_render(new, profile))), profile))
    assert again.nothing


@pytest.mark.parametrize("name", ["missing.docx", "folder.docx"])
def test_a_reviewed_file_the_system_refuses_is_one_plain_line(setup, capsys, name) -> None:
    path, out, _ = setup
    target = out.with_name(name)
    if name == "folder.docx":
        target.mkdir()
    code, _, err = run(capsys, "import", target, path)
    assert code == 2 and err.count("\n") == 1
    assert str(target) in err and "cannot be read" in err and "Traceback" not in err

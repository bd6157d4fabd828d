"""The reviewed Word file in the editor: notes in the overview, the import review screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from dossier.core.model import Note
from dossier.storage.drafts import load_draft, save_draft
from dossier.tui.app import DossierApp
from dossier.tui.screens.overview import OverviewScreen

from support.tui import Tui

Make = Callable[..., DossierApp]


async def _review(app: DossierApp, pilot, tui: Tui, out: Path):  # type: ignore[no-untyped-def]
    """Open the review screen of ``out`` with f4, as the official does."""
    from dossier.tui.dialogs.path_prompt import PathDialog
    from dossier.tui.inputs import FieldInput
    from dossier.tui.screens.review_import import ReviewImportScreen

    await tui.ready(pilot)
    await pilot.press("f4")
    await tui.wait_for_screen(pilot, PathDialog)
    field = app.screen.query_one("#path-input", FieldInput)
    field.value = str(out)
    field.focus()
    await pilot.press("enter")
    await tui.wait_for_screen(pilot, ReviewImportScreen)
    screen = app.screen
    assert isinstance(screen, ReviewImportScreen)
    return screen


async def test_overview_lists_reviewers_notes(draft_path: Path, make: Make, tui: Tui) -> None:
    draft = load_draft(draft_path)
    draft.notes = [
        Note(
            part="strategy",
            paragraph=0,
            author="Li Wei [b]",
            text="Cite the vote [bold]",
            date=datetime(2026, 11, 30, tzinfo=UTC),
        ),
        Note(part="meta", author="Zhang", text="Cover looks good", resolved=True),
    ]
    save_draft(draft, draft_path)
    app = make(draft_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await tui.ready(pilot)
        await pilot.press("f2")
        await tui.wait_for_screen(pilot, OverviewScreen)
        notes = str(app.screen.query_one("#overview-notes").content)  # type: ignore[attr-defined]
        assert "Li Wei [b] · 30 Nov 2026 · " in notes and "paragraph 1" in notes
        assert "Cite the vote [bold]" in notes
        assert "Zhang" in notes and "(resolved)" in notes


def _export_and_edit(draft_path: Path) -> tuple[Path, list[str]]:
    """Export the draft beside it and make two edits in Word's place: returns (docx, strategy paragraphs)."""
    import docx
    from docx.oxml.ns import qn

    from dossier.core.wordcount import paragraphs
    from dossier.export import render_docx
    from dossier.workspace import check, open_draft

    loaded, profile = open_draft(draft_path)
    data, _, _ = render_docx(loaded.draft, profile, check(loaded.draft, profile, None))
    out = draft_path.with_name(draft_path.name.removesuffix(".dossier.json") + ".docx")
    out.write_bytes(data)
    document = docx.Document(str(out))
    heads = {}
    for n, para in enumerate(document.paragraphs):
        for mark in para._p.iter(qn("w:bookmarkStart")):
            heads[mark.get(qn("w:name"))] = n
    strategy = document.paragraphs[heads["strategy"] + 1]
    strategy.insert_paragraph_before("Taken: a new first paragraph [bold] 中文.")
    assets = document.paragraphs[heads["assets"] + 1]
    assets.insert_paragraph_before("Left: the official says no.")
    document.save(str(out))
    return out, paragraphs(loaded.draft.sections.strategy.text)


async def test_import_review_takes_some_changes_saves_once_and_undoes(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    from textual.widgets import OptionList

    from dossier.core.wordcount import paragraphs
    from dossier.storage.history import History, record_save
    from dossier.tui.screens.main import MainScreen

    record_save(draft_path, load_draft(draft_path))
    out, strategy = _export_and_edit(draft_path)
    before_assets = load_draft(draft_path).sections.assets.text
    with History.open(draft_path, create=False) as history:
        versions = len(history.versions())
    app = make(draft_path)
    async with app.run_test(size=(110, 34), notifications=True) as pilot:
        screen = await _review(app, pilot, tui, out)
        text = tui.screen_text(app)
        assert "2 changes to review" in text and "Taken: a new first paragraph [bold] 中文." in text
        assert "struck red in the draft, not in the document; underlined green in the document" in text
        assert draft_path.read_text("utf-8").count("Taken:") == 0  # nothing written yet
        options = screen.query_one("#review-changes", OptionList)
        rows = [row[1] for row in screen.rows]
        left = next(i for i, c in enumerate(rows) if c is not None and c.theirs[0].startswith("Left:"))
        options.highlighted = left
        await pilot.press("space")  # leave that one
        await pilot.press("a")
        await tui.wait_for_screen(pilot, MainScreen)
        await tui.settle(pilot)
        saved = load_draft(draft_path)
        assert paragraphs(saved.sections.strategy.text) == [
            "Taken: a new first paragraph [bold] 中文.",
            *strategy,
        ]
        assert saved.sections.assets.text == before_assets
        with History.open(draft_path, create=False) as history:
            assert len(history.versions()) == versions + 1
        assert "Imported" in tui.notices(app)
        await app.action_undo_restore()
        assert app.session is not None
        assert "Taken:" not in app.session.draft.sections.strategy.text


async def test_import_review_cancel_writes_nothing(draft_path: Path, make: Make, tui: Tui) -> None:
    from dossier.tui.screens.main import MainScreen

    out, _ = _export_and_edit(draft_path)
    before = draft_path.read_bytes()
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _review(app, pilot, tui, out)
        await pilot.press("escape")
        await tui.wait_for_screen(pilot, MainScreen)
        await tui.settle(pilot)
        assert draft_path.read_bytes() == before
        assert app.session is not None and not app.session.dirty


async def test_the_review_screens_keys_follow_the_interface_language(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    from dossier.tui.screens.main import MainScreen

    out, _ = _export_and_edit(draft_path)
    app = make(draft_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.ui_language = "fr"
        await _review(app, pilot, tui, out)  # in French first: the screen's module is loaded then
        assert "Appliquer" in tui.screen_text(app).splitlines()[-1]
        await pilot.press("escape")
        await tui.wait_for_screen(pilot, MainScreen)
        app.ui_language = "en"
        await _review(app, pilot, tui, out)
        footer = tui.screen_text(app).splitlines()[-1]
        assert "Apply" in footer and "Appliquer" not in footer, footer


async def test_each_tracked_change_is_taken_or_left_on_its_own(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    import docx
    from export.test_roundtrip import _tracked

    from dossier.core.wordcount import paragraphs
    from dossier.export import render_docx
    from dossier.tui.screens.main import MainScreen
    from dossier.workspace import check, open_draft

    loaded, profile = open_draft(draft_path)
    first = paragraphs(loaded.draft.sections.strategy.text)[0]
    data, _, _ = render_docx(loaded.draft, profile, check(loaded.draft, profile, None))
    out = draft_path.with_name("tracked.docx")
    out.write_bytes(data)
    document = docx.Document(str(out))
    word = _tracked(document, "strategy")  # deletes the first word, inserts "Our"
    document.save(str(out))
    app = make(draft_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _review(app, pilot, tui, out)
        assert not screen.plan.changes()  # proposals only: nothing to take yet
        text = tui.screen_text(app)
        assert f"deleted by Zhang Min: {word}" in text and "inserted by Zhang Min: Our" in text
        options = screen.query_one("#review-changes")
        insertion = next(
            i for i, row in enumerate(screen.rows) if row[2] is not None and row[2].kind == "inserted"
        )
        options.highlighted = insertion  # type: ignore[attr-defined]
        await pilot.press("space")  # take the insertion, leave the deletion
        assert len(screen.plan.changes()) == 1
        await pilot.press("a")
        await tui.wait_for_screen(pilot, MainScreen)
        await tui.settle(pilot)
        assert (
            paragraphs(load_draft(draft_path).sections.strategy.text)[0] == word + "Our" + first[len(word) :]
        )


async def test_table_rows_are_listed_and_taken_or_left_like_text(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    import docx
    from export.test_roundtrip import _set, _table

    from dossier.export import render_docx
    from dossier.tui.screens.main import MainScreen
    from dossier.tui.screens.review_import import TableGroup
    from dossier.workspace import check, open_draft

    loaded, profile = open_draft(draft_path)
    before = [i.title for i in loaded.draft.sections.contribution.initiatives]
    data, _, _ = render_docx(loaded.draft, profile, check(loaded.draft, profile, None))
    out = draft_path.with_name("tables.docx")
    out.write_bytes(data)
    document = docx.Document(str(out))
    plan = _table(document, "Initiative")
    _set(plan.rows[1].cells[0], "Design Pathways [bold] 中文")
    row = plan.add_row()
    for cell, text in zip(row.cells, ["Left out", "Local", "2028", "Nobody", "5,000 USD"], strict=True):
        cell.text = text
    document.save(str(out))
    app = make(draft_path)
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await _review(app, pilot, tui, out)
        text = tui.screen_text(app)
        assert "2 changes to review" in text and "Action plan" in text
        assert "Design Pathways [bold] 中文" in text
        added = next(
            i
            for i, (group, change, _t) in enumerate(screen.rows)
            if isinstance(group, TableGroup) and change is not None and change.kind == "added"  # type: ignore[union-attr]
        )
        screen.query_one("#review-changes").highlighted = added  # type: ignore[attr-defined]
        await pilot.press("space")  # leave the added row
        await pilot.press("a")
        await tui.wait_for_screen(pilot, MainScreen)
        await tui.settle(pilot)
        assert app.session is not None
        titles = [i.title for i in app.session.draft.sections.contribution.initiatives]
        assert titles == ["Design Pathways [bold] 中文", *before[1:]]
        saved = [i.title for i in load_draft(draft_path).sections.contribution.initiatives]
        assert saved == titles  # saved as one version, the row left out


async def test_import_review_of_a_bilingual_review_copy(tmp_path: Path, make: Make, tui: Tui) -> None:
    """f4 takes the review copy too: an edit in its working column shows as a change to the
    working text and, taken, lands in the draft's working text."""
    import shutil

    import docx

    from dossier.core.wordcount import paragraphs
    from dossier.export import render_docx
    from dossier.tui.screens.main import MainScreen
    from dossier.workspace import check, open_draft

    from support.paths import EXAMPLES_DIR

    draft_path = tmp_path / "lanjiang.dossier.json"
    shutil.copy(EXAMPLES_DIR / "lanjiang-music-translating.dossier.json", draft_path)
    loaded, profile = open_draft(draft_path)
    working = paragraphs(loaded.draft.sections.strategy.working_text or "")
    data, _, _ = render_docx(loaded.draft, profile, check(loaded.draft, profile, None), bilingual=True)
    out = tmp_path / "review.docx"
    out.write_bytes(data)
    document = docx.Document(str(out))
    tables = [t for t in document.tables if len(t.columns) == 2 and t.rows[0].cells[0].text == "Chinese"]
    table = tables[[t.rows[1].cells[0].text for t in tables].index(working[0])]
    table.rows[1].cells[0].paragraphs[0].runs[0].text = working[0] + "（审阅意见 [b]）"
    document.save(str(out))
    app = make(draft_path)
    async with app.run_test(size=(110, 34)) as pilot:
        await _review(app, pilot, tui, out)
        assert "to the working text" in tui.screen_text(app)
        await pilot.press("a")
        await tui.wait_for_screen(pilot, MainScreen)
        await tui.settle(pilot)
    saved = load_draft(draft_path)
    assert paragraphs(saved.sections.strategy.working_text or "") == [
        working[0] + "（审阅意见 [b]）",
        *working[1:],
    ]
    assert saved.sections.strategy.text == loaded.draft.sections.strategy.text


async def test_a_tracked_change_in_the_review_copys_working_column_is_taken_alone(
    tmp_path: Path, make: Make, tui: Tui
) -> None:
    import shutil

    import docx
    from export.test_roundtrip_cells import propose, review_tables

    from dossier.core.wordcount import paragraphs
    from dossier.export import render_docx
    from dossier.tui.screens.main import MainScreen
    from dossier.workspace import check, open_draft

    from support.paths import EXAMPLES_DIR

    draft_path = tmp_path / "lanjiang.dossier.json"
    shutil.copy(EXAMPLES_DIR / "lanjiang-music-zh.dossier.json", draft_path)
    loaded, profile = open_draft(draft_path)
    data, _, _ = render_docx(loaded.draft, profile, check(loaded.draft, profile, None), bilingual=True)
    out = tmp_path / "review.docx"
    out.write_bytes(data)
    document = docx.Document(str(out))
    was = propose(review_tables(document, "strategy").rows[1].cells[0].paragraphs[0], 2, "我市", "王芳", 801)
    document.save(str(out))
    app = make(draft_path)
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await _review(app, pilot, tui, out)
        assert not screen.plan.changes()  # proposals only
        assert "inserted by 王芳: 我市 (working text)" in tui.screen_text(app)
        insertion = next(
            i for i, row in enumerate(screen.rows) if row[2] is not None and row[2].kind == "inserted"
        )
        screen.query_one("#review-changes").highlighted = insertion  # type: ignore[attr-defined]
        await pilot.press("space")  # take the insertion, leave the deletion
        assert [c.column for c in screen.plan.changes()] == ["working"]
        await pilot.press("a")
        await tui.wait_for_screen(pilot, MainScreen)
        await tui.settle(pilot)
    saved = load_draft(draft_path).sections.strategy
    assert paragraphs(saved.working_text or "")[0] == was[:2] + "我市" + was[2:]
    assert saved.text == loaded.draft.sections.strategy.text


async def test_each_tracked_change_in_a_table_cell_is_taken_on_its_own(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    import docx
    from export.test_roundtrip_cells import _two_cell_proposals

    from dossier.export import render_docx
    from dossier.export.tables import PLAN_TABLE
    from dossier.tui.screens.main import MainScreen
    from dossier.tui.screens.review_import import TableGroup
    from dossier.workspace import check, open_draft

    loaded, profile = open_draft(draft_path)
    before = loaded.draft.sections.contribution.initiatives
    assert len(before) >= 2
    data, _, _ = render_docx(loaded.draft, profile, check(loaded.draft, profile, None))
    out = draft_path.with_name("cells.docx")
    out.write_bytes(data)
    document = docx.Document(str(out))
    _two_cell_proposals(document)
    document.save(str(out))
    app = make(draft_path)
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await _review(app, pilot, tui, out)
        proposals = [
            i
            for i, (group, _c, t) in enumerate(screen.rows)
            if isinstance(group, TableGroup) and t is not None
        ]
        assert len(proposals) == 3  # one line each: a deletion and an insertion in row 1, one in row 2
        options = screen.query_one("#review-changes")
        options.highlighted = proposals[0]  # type: ignore[attr-defined]
        await pilot.press("t")  # the table's all at once, as before
        assert screen.plan.accepted == {PLAN_TABLE: {0, 1, 2}} and len(screen.plan.rows) == 2
        await pilot.press("t")
        assert screen.plan.accepted == {} and screen.plan.rows == []
        options.highlighted = proposals[2]  # type: ignore[attr-defined]
        await pilot.press("space")  # take the second row's insertion only
        assert [r.kind for r in screen.plan.rows] == ["changed"]
        await pilot.press("a")
        await tui.wait_for_screen(pilot, MainScreen)
        await tui.settle(pilot)
    first, second, *rest = load_draft(draft_path).sections.contribution.initiatives
    assert second.title == "Neighbourhood " + before[1].title
    assert first == before[0] and rest == before[2:]


async def test_the_import_dialog_offers_the_drafts_last_export_under_its_own_name(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    """The short list above the folder holds the export beside the draft, not "recent drafts"."""
    from textual.widgets import OptionList

    from dossier.export.output import default_output
    from dossier.tui.dialogs.path_prompt import PathDialog

    beside = default_output(draft_path)
    beside.write_bytes(b"PK")  # only its presence matters here
    app = make(draft_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await tui.ready(pilot)
        await pilot.press("f4")
        await tui.wait_for_screen(pilot, PathDialog)
        recent = app.screen.query_one("#path-recent", OptionList)
        assert str(recent.border_title) == "This draft's last export"
        assert beside.name in str(recent.get_option_at_index(0).prompt)

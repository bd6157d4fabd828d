"""The history screen (f3): versions listed, the diff against the text now, restore a part or
all and undo it, label a version, name the author."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from dossier.core import form
from dossier.core.rules import part_label
from dossier.storage.drafts import load_draft
from dossier.storage.history import History
from dossier.tui.app import DossierApp
from dossier.tui.dialogs.text_prompt import TextDialog
from dossier.tui.screens.history import HistoryScreen
from dossier.tui.screens.main import MainScreen
from dossier.tui.widgets.section_editor import SectionEditor

from support.tui import Tui

Make = Callable[..., DossierApp]
INTRO = form.TEXT_PARTS[0]  # the introduction, where the test draft opens


async def _save_twice(pilot: Pilot[Any], tui: Tui) -> None:
    """Two saves from the editor: the introduction ends with "harbour", then with "lighthouse"."""
    await tui.ready(pilot)
    await pilot.press("ctrl+end", "enter", *"harbour")
    await pilot.press("ctrl+s")
    await tui.settle(pilot)
    await pilot.press(*["backspace"] * len("harbour"), *"lighthouse")
    await pilot.press("ctrl+s")
    await tui.settle(pilot)


async def _open_history(pilot: Pilot[Any], tui: Tui) -> HistoryScreen:
    await pilot.press("f3")
    await tui.wait_for_screen(pilot, HistoryScreen)
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    await tui.until(pilot, lambda: screen.compared is not None or screen.versions == [], "the history read")
    return screen


async def _choose(pilot: Pilot[Any], tui: Tui, screen: HistoryScreen, version_id: int) -> None:
    assert screen.versions is not None
    screen.version_list.highlighted = [v.id for v in screen.versions].index(version_id)
    await tui.until(
        pilot,
        lambda: screen.compared is not None and screen.compared.version.id == version_id,
        f"version {version_id} compared",
    )
    await pilot.pause()


def _diff_shown(screen: HistoryScreen) -> str:
    return str(screen.diff_text.content)


def _intro(app: DossierApp) -> str:
    assert app.session is not None
    return app.session.draft.introduction.text


def _editor_text(app: DossierApp) -> str:
    screen = app.main_screen
    assert screen is not None
    pane = screen.pane(INTRO)
    assert isinstance(pane, SectionEditor)
    return pane.editor.text


async def test_lists_versions_after_two_saves_and_shows_the_changed_word(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _save_twice(pilot, tui)
        screen = await _open_history(pilot, tui)
        assert screen.versions is not None
        kinds = [v.kind for v in screen.versions]
        assert kinds == ["save", "save", "import"]  # newest first; the draft as found first
        shown = tui.screen_text(app)
        assert "History of westmere.dossier.json" in shown
        assert "saved" in shown and "first recorded" in shown
        newest, previous = screen.versions[0].id, screen.versions[1].id
        await _choose(pilot, tui, screen, newest)
        assert "the same as the text in the editor" in _diff_shown(screen)
        await _choose(pilot, tui, screen, previous)
        diff = screen.diff_text.content
        assert "harbour" in str(diff) and "lighthouse" in str(diff)
        styles = {str(span.style) for span in diff.spans}  # type: ignore[union-attr]
        assert any("strike" in s for s in styles) and any("underline" in s for s in styles)
        assert app.session is not None
        label = part_label(INTRO, app.session.profile)
        assert str(screen.part_list.get_option_at_index(0).prompt) == label
        await pilot.press("escape")
        await tui.wait_for_screen(pilot, MainScreen)


async def test_restore_a_part_then_undo_puts_back_exactly_what_was_there(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _save_twice(pilot, tui)
        await pilot.press("enter", *"unsaved words")
        await tui.settle(pilot)
        before = _intro(app)
        screen = await _open_history(pilot, tui)
        assert screen.versions is not None
        await _choose(pilot, tui, screen, screen.versions[1].id)
        await pilot.press("r")
        await tui.until(pilot, lambda: _intro(app).endswith("harbour"), "the part restored")
        assert app.session is not None and app.session.dirty
        assert _editor_text(app) == _intro(app)  # the editor shows the restored text
        assert "Restored" in tui.notices(app)
        await tui.until(pilot, lambda: "the same as the text" in _diff_shown(screen), "the diff refreshed")
        await pilot.press("u")
        await tui.until(pilot, lambda: _intro(app) == before, "the restore undone")
        assert _editor_text(app) == before
        assert not app.can_undo_restore
        await pilot.press("escape")
        await pilot.press("ctrl+s")  # the save records the version as usual
        await tui.settle(pilot)
    with History.open(draft_path, create=False) as history:
        assert history.get(history.versions()[0].id).introduction.text == before


async def test_restore_all_brings_every_part_back_and_is_saved_as_a_version(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    original = load_draft(draft_path)
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _save_twice(pilot, tui)
        screen = await _open_history(pilot, tui)
        assert screen.versions is not None
        await _choose(pilot, tui, screen, screen.versions[-1].id)  # the draft as first found
        await pilot.press("a")
        await tui.until(pilot, lambda: _intro(app) == original.introduction.text, "the draft restored")
        await pilot.press("escape")
        await tui.wait_for_screen(pilot, MainScreen)
        assert _editor_text(app) == original.introduction.text
        await pilot.press("ctrl+end", *" Z")  # the cursor is back in the editor, with the restored text
        await tui.until(pilot, lambda: _intro(app) == original.introduction.text + " Z", "typing after")
        await pilot.press("backspace", "backspace")
        await pilot.press("ctrl+s")
        await tui.settle(pilot)
    assert load_draft(draft_path).introduction.text == original.introduction.text


async def test_label_a_version(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _save_twice(pilot, tui)
        screen = await _open_history(pilot, tui)
        await pilot.press("l")
        await tui.wait_for_screen(pilot, TextDialog)
        app.screen.query_one(Input).value = "sent to [b]vice-mayor[/b]"
        await pilot.press("enter")
        await tui.wait_for_screen(pilot, HistoryScreen)
        await tui.until(pilot, lambda: bool(screen.versions and screen.versions[0].label), "the label shown")
        assert "“sent to [b]vice-mayor[/b]”" in tui.screen_text(app)  # shown as typed, never markup
    with History.open(draft_path, create=False) as history:
        assert history.versions()[0].label == "sent to [b]vice-mayor[/b]"


async def test_no_history_yet_is_said_plainly_and_read_only_drafts_only_view(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        screen = await _open_history(pilot, tui)
        assert "No versions of westmere.dossier.json are recorded yet" in tui.screen_text(app)
        assert app.session is not None
        app.session.file.open_read_only()
        app.refresh_bindings()
        await pilot.press("a", "r", "u")
        await pilot.pause()
        assert not app.session.dirty
        assert isinstance(app.screen, HistoryScreen) and not screen.check_action("restore_all", ())


async def test_author_set_from_the_palette_is_recorded_with_the_next_save(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        app.action_set_author()
        await tui.wait_for_screen(pilot, TextDialog)
        app.screen.query_one(Input).value = "Li Wei"
        await pilot.press("enter")
        await tui.wait_for_screen(pilot, MainScreen)
        await pilot.press("ctrl+end", "enter", *"harbour", "ctrl+s")
        await tui.settle(pilot)
    with History.open(draft_path, create=False) as history:
        assert history.versions()[0].author == "Li Wei"


async def _export(pilot: Pilot[Any], tui: Tui) -> None:
    from dossier.tui.dialogs.path_prompt import PathDialog

    await pilot.press("ctrl+e")
    await tui.wait_for_screen(pilot, PathDialog)
    await pilot.press("enter")
    await tui.wait_for_screen(pilot, MainScreen)
    await tui.settle(pilot)


async def test_export_of_a_saved_draft_names_its_version_and_is_in_the_history(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    from docx import Document

    from dossier.export import markers
    from dossier.export.ooxml import custom_properties

    app = make(draft_path)
    out = draft_path.with_name("westmere.docx")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await _save_twice(pilot, tui)
        await _export(pilot, tui)
        assert "It shows version 3 of the draft." in tui.notices(app)
        screen = await _open_history(pilot, tui)
        assert "(exported to westmere.docx)" in tui.screen_text(app)
        assert screen.versions is not None and screen.versions[0].exported == ("westmere.docx",)
    assert custom_properties(Document(str(out)))[markers.PROP_HISTORY_VERSION] == "3"


async def test_export_of_unsaved_text_says_so_and_records_nothing(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    from docx import Document

    from dossier.export import markers
    from dossier.export.ooxml import custom_properties

    app = make(draft_path)
    out = draft_path.with_name("westmere.docx")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await _save_twice(pilot, tui)
        await pilot.press(*" unsaved")
        await _export(pilot, tui)
        assert "It shows unsaved text" in tui.notices(app)
    assert markers.PROP_HISTORY_VERSION not in custom_properties(Document(str(out)))
    with History.open(draft_path, create=False) as history:
        assert all(not v.exported for v in history.versions())


async def _palette(pilot: Pilot[Any], tui: Tui, query: str, command: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    await tui.until(pilot, lambda: command in tui.screen_text(pilot.app), f"“{command}” in the palette")
    await pilot.press("enter")


async def test_the_palette_opens_the_history_and_undoes_a_restore(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _save_twice(pilot, tui)
        before = _intro(app)
        await _palette(pilot, tui, "history", "View: History…")
        await tui.wait_for_screen(pilot, HistoryScreen)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        await tui.until(pilot, lambda: screen.compared is not None, "the newest version compared")
        await _choose(pilot, tui, screen, 1)
        await pilot.press("a")
        await tui.until(pilot, lambda: _intro(app) != before, "the draft restored")
        await pilot.press("escape")
        await tui.wait_for_screen(pilot, MainScreen)
        await _palette(pilot, tui, "undo restore", "Draft: Undo restore")
        await tui.until(pilot, lambda: _intro(app) == before, "the restore undone from the palette")
        assert _editor_text(app) == before

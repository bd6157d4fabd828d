"""Writing a part: live counts and statuses, findings, saving and coming back to the same text."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Select

from dossier.storage import recent
from dossier.storage.drafts import load_draft
from dossier.storage.lock import lock_path
from dossier.storage.recovery import recovery_path
from dossier.tui.app import DossierApp
from dossier.tui.dialogs.quit import QuitDialog
from dossier.tui.screens.help import HelpScreen
from dossier.tui.screens.main import MainScreen
from dossier.tui.screens.overview import OverviewScreen
from dossier.tui.widgets.basic_form import BasicInfoForm
from dossier.tui.widgets.inputs import FieldInput, ProseArea
from dossier.tui.widgets.section_editor import SectionEditor

from support.tui import Tui

Make = Callable[..., DossierApp]


def main(app: DossierApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen), app.screen
    return app.screen


async def test_opens_at_the_introduction_ready_to_type(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.ready(pilot)
        screen = main(app)
        assert screen.current_entry == "introduction"
        assert isinstance(app.focused, ProseArea)
        assert app.focused.cursor_location == app.focused.document.end
        text = tui.screen_text(app)
        assert "Westmere · Design · UCCN call 2027 · 64 days to UNESCO deadline" in text
        assert "✓ saved" in text
        assert lock_path(draft_path).exists()


async def test_typing_updates_the_count_and_status(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.ready(pilot)
        screen = main(app)
        await screen.go_to("strategy")  # 120 words: in progress, under the advised minimum
        await pilot.pause()
        session = app.session
        assert session is not None
        before = session.words["strategy"]
        assert session.state("strategy").status == "progress"
        await pilot.press("space", *"three", "space", *"more", "space", *"words")
        assert session.words["strategy"] == before + 3
        pane = screen.current_pane
        assert isinstance(pane, SectionEditor)
        assert str(pane.count_line.content).startswith(f"{before + 3} of 500 words")
        assert "● unsaved" in tui.screen_text(app)
        assert f"{before + 3}/500 words" in tui.screen_text(app)
        # going over the limit: error colour and an error finding, the text is never cut
        editor = pane.editor
        editor.insert(" word" * (500 - before))
        await tui.settle(pilot, delay=0.6)
        assert session.words["strategy"] == 503
        assert session.state("strategy").status == "error"
        assert "3 over the limit: shorten it" in str(pane.count_line.content)
        assert any(f.code == "over-limit" for f in screen.findings.findings)
        assert editor.text.endswith("word word word")
        assert "✗ 2. Development strategy" in tui.screen_text(app)
        # near the limit (90 %): a warning, not an error
        editor.undo()
        editor.insert(" word" * (455 - before - 3))
        await tui.settle(pilot, delay=0.6)
        assert session.state("strategy").level == "near"
        assert session.state("strategy").status == "complete"
        assert any(f.code == "near-limit" and not f.is_error for f in screen.findings.findings)


async def test_validation_is_debounced_not_per_keystroke(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    calls: list[int] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        original = app._check_worker
        app._check_worker = lambda *a, **k: (calls.append(1), original(*a, **k))[1]  # type: ignore[method-assign]
        await pilot.press(*"abcdefgh")
        assert calls == []
        await tui.settle(pilot, delay=0.7)
        assert len(calls) == 1


async def test_save_writes_the_file_and_a_reopened_app_shows_the_same_text(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.ready(pilot)
        await pilot.press("enter", *"Saved by the test.")
        await pilot.press("ctrl+s")
        await tui.settle(pilot)
        assert f"Saved: {draft_path}" in tui.notices(app)
        assert "✓ saved" in tui.screen_text(app)
        on_disk = load_draft(draft_path)
        assert on_disk.introduction.text.endswith("\nSaved by the test.")
        assert on_disk.meta.revision == 43
        assert not recovery_path(draft_path).exists()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert not lock_path(draft_path).exists()
    assert recent.recent_drafts() == [draft_path.resolve()]

    again = make(draft_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        editor = main(again).current_pane.editor  # type: ignore[union-attr]
        assert editor.text.endswith("\nSaved by the test.")


async def test_coming_back_opens_the_same_part_at_the_same_place(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        await main(app).go_to("assets")
        editor = main(app).current_pane.editor  # type: ignore[union-attr]
        editor.move_cursor((2, 5))
        await pilot.press("ctrl+q")
    again = make(None, reopen_recent=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        screen = main(again)
        assert screen.current_entry == "assets"
        assert screen.current_pane.editor.cursor_location == (2, 5)  # type: ignore[union-attr]
        assert isinstance(again.focused, ProseArea)


async def test_quitting_with_unsaved_changes_asks(draft_path: Path, make: Make, tui: Tui) -> None:
    original = draft_path.read_bytes()
    app = make(draft_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.ready(pilot)
        await pilot.press(*"unsaved words")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitDialog)
        await pilot.press("escape")  # cancel: back to the editor, nothing lost
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert main(app).current_pane.editor.text.endswith("unsaved words")  # type: ignore[union-attr]
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitDialog)
        await pilot.press("d")  # discard
        await pilot.pause()
    assert app.return_code == 0
    assert draft_path.read_bytes() == original
    assert not recovery_path(draft_path).exists() and not lock_path(draft_path).exists()


async def test_quit_dialog_can_save(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        await pilot.press(*" kept")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("s")
        await tui.settle(pilot)
    assert app.return_code == 0
    assert load_draft(draft_path).introduction.text.endswith(" kept")


async def test_global_keys_work_while_an_editor_has_focus(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        screen = main(app)
        assert isinstance(app.focused, ProseArea)
        await pilot.press("ctrl+down")
        await pilot.pause()
        assert screen.current_entry == "opportunities"
        assert isinstance(app.focused, ProseArea) and app.focused.id == "text-opportunities"
        await pilot.press("ctrl+up", "ctrl+up")
        await pilot.pause()
        assert screen.current_entry == "basic"
        assert isinstance(app.focused, FieldInput) and app.focused.id == "f-basic-city"
        await pilot.press("ctrl+up")  # wraps round to the attachments
        await pilot.pause()
        assert screen.current_entry == "attachments"
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        # the key and what it does, on one row of the help (not the footer's "^s Save" behind it)
        assert re.search(r"ctrl\+s +Save the draft \(a backup", tui.screen_text(app)), tui.screen_text(app)
        await pilot.press("escape", "f2")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_guidance_toggles_and_switches_to_chinese(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await tui.ready(pilot)
        pane = main(app).current_pane
        assert isinstance(pane, SectionEditor)
        assert not pane.guidance.collapsed
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert "总体介绍" in tui.screen_text(app)
        assert "用几段文字介绍城市" in tui.screen_text(app)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert pane.guidance.collapsed
        assert isinstance(app.focused, ProseArea)
    assert recent.preferences() == {"guidance_language": "zh", "guidance_shown": False}


async def test_basic_form_validates_and_updates_the_header(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await tui.ready(pilot)
        screen = main(app)
        await screen.go_to("basic")
        pane = screen.current_pane
        assert isinstance(pane, BasicInfoForm)
        city = pane.query_one("#f-basic-city", FieldInput)
        city.value = ""
        await pilot.pause()
        assert city.has_class("-invalid")
        city.value = "Westmere-on-Lake"
        await pilot.pause()
        assert "Westmere-on-Lake · Design" in tui.screen_text(app)
        email = pane.query_one("#f-basic-contacts-main_contact-email", FieldInput)
        assert email.value == "priya.raman(at)westmere"
        email.focus()
        await pilot.press("end", "x")
        await pilot.pause()
        assert email.has_class("-invalid")
        assert "E-mail address is not an e-mail address." in tui.screen_text(app)
        population = pane.query_one("#f-basic-population", FieldInput)
        population.value = "420 000"
        await pilot.pause()
        assert app.session.draft.basic.population == 420_000  # type: ignore[union-attr]
        field = pane.query_one("#f-basic-field", Select)
        field.value = "music"
        await tui.settle(pilot, delay=0.6)
        assert app.session.draft.basic.field == "music"  # type: ignore[union-attr]
        assert "Westmere-on-Lake · Music" in tui.screen_text(app)
        await pilot.press("ctrl+s")
        await tui.settle(pilot)
    saved = json.loads(draft_path.read_text(encoding="utf-8"))
    assert saved["basic"]["city"] == "Westmere-on-Lake"
    assert saved["basic"]["population"] == 420_000

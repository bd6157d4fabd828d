"""Writing a part: live counts and statuses, findings, saving and coming back to the same text."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import Select, Static

from dossier.core.form import TEXT_PARTS
from dossier.core.profiles import DEFAULT_PROFILE, load_profile
from dossier.storage import recent
from dossier.storage.drafts import create_new, load_draft
from dossier.storage.lock import lock_path
from dossier.storage.recovery import recovery_path
from dossier.tui.app import DossierApp
from dossier.tui.dialogs.quit import QuitDialog
from dossier.tui.inputs import FieldInput, ProseArea
from dossier.tui.screens.help import HelpScreen
from dossier.tui.screens.main import MainScreen
from dossier.tui.screens.overview import OverviewScreen
from dossier.tui.widgets.basic_form import BasicInfoForm
from dossier.tui.widgets.section_editor import SectionEditor
from dossier.workspace import new_dossier

from support.tui import Tui, copy_test_draft

Make = Callable[..., DossierApp]


def main(app: DossierApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen), app.screen
    return app.screen


async def test_opens_where_work_is_needed_ready_to_type(tmp_path: Path, make: Make, tui: Tui) -> None:
    """No remembered place: the first part with an error (section 4 is empty; the parts before are done)."""
    draft_path = copy_test_draft(tmp_path, left_at=None)
    app = make(draft_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.ready(pilot)
        screen = main(app)
        assert screen.current_entry == "preparation"
        assert isinstance(app.focused, ProseArea)
        assert app.focused.cursor_location == app.focused.document.end
        text = tui.screen_text(app)
        assert "Westmere · Design · UCCN call 2027 · 64 days to UNESCO deadline" in text
        assert "✓ saved" in text
        assert lock_path(draft_path).exists()


async def test_a_new_draft_opens_on_its_basic_information(tmp_path: Path, make: Make, tui: Tui) -> None:
    """A new draft has blank required fields (mayor, contact): it starts there, not on the introduction."""
    path = tmp_path / "linchuan.dossier.json"
    profile = load_profile(DEFAULT_PROFILE)
    create_new(path, new_dossier(city="Linchuan", country="China", field="music", profile=profile))
    app = make(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        screen = main(app)
        assert screen.current_entry == "basic"
        assert app.session is not None and app.session.state("basic").errors == 6
        # the cursor waits in the first blank required field
        assert isinstance(app.focused, FieldInput) and app.focused.id == "f-basic-contacts-mayor-family_name"


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
        assert "3 over the limit set in the call profile: shorten it" in str(pane.count_line.content)
        assert any(f.code == "over-limit" for f in screen.findings.findings)
        assert editor.text.endswith("word word word")
        assert "✗ 6. Development strategy" in tui.screen_text(app)
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
        await pilot.press("ctrl+l", "ctrl+l")  # English, then French, then Chinese
        await pilot.pause()
        assert "总体介绍" in tui.screen_text(app)
        assert "用几段文字介绍城市" in tui.screen_text(app)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert pane.guidance.collapsed
        assert isinstance(app.focused, ProseArea)
    # the choice, with the DOSSIER_UI_LANGUAGE it was made over (the test fixture sets "en")
    assert recent.preferences() == {"ui_language": "zh", "ui_language_over": "en", "guidance_shown": False}


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
        hint = str(pane.query_one("#basic-hint").content)
        assert hint == "“priya.raman(at)westmerex” is not a valid e-mail address (example: name@city.gov.cn)."
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


async def test_entering_a_field_keeps_its_value_and_leaving_shows_its_start(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    """The first key after entering a field adds to it; a field left scrolled shows its start."""
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        screen = main(app)
        await screen.go_to("basic")
        pane = screen.current_pane
        assert isinstance(pane, BasicInfoForm)
        country = pane.query_one("#f-basic-country", FieldInput)
        before = country.value
        country.focus()
        await pilot.pause()
        assert country.selection.is_empty and country.cursor_position == len(before)
        await pilot.press("x")
        assert country.value == before + "x"
        address = pane.query_one("#f-basic-contacts-mayor-address", FieldInput)
        address.value = "Office of the Mayor, City Hall, 1 Lakeshore Promenade, Westmere, Ontario, Canada"
        address.focus()
        await pilot.press("end")
        await pilot.pause()
        assert address.scroll_x > 0  # the end of a long address is in view while typing
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is not address
        assert address.scroll_x == 0  # left: its beginning shows again
        address.focus()
        await pilot.pause()
        assert address.cursor_position == len(address.value) and address.scroll_x > 0  # back at the end


async def test_guidance_title_says_what_ctrl_g_does_now(draft_path: Path, make: Make, tui: Tui) -> None:
    """Hidden guidance says "ctrl+g shows", not "ctrl+g hides"."""
    app = make(draft_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await tui.ready(pilot)
        pane = main(app).current_pane
        assert isinstance(pane, SectionEditor)
        assert "ctrl+g hides" in str(pane.guidance.title)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert pane.guidance.collapsed
        assert "ctrl+g shows" in str(pane.guidance.title) and "hides" not in str(pane.guidance.title)
        assert "ctrl+g shows" in tui.screen_text(app)
        await pilot.press("ctrl+down")  # a part built while hidden says the same
        await pilot.pause()
        other = main(app).current_pane
        assert isinstance(other, SectionEditor) and "ctrl+g shows" in str(other.guidance.title)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert "ctrl+g hides" in str(other.guidance.title)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_long_guidance_is_never_cut_silently(
    draft_path: Path, make: Make, size: tuple[int, int], tui: Tui
) -> None:
    """Guidance longer than its box scrolls, with a scroll bar showing there is more; none is cut unseen."""
    app = make(draft_path)
    async with app.run_test(size=size) as pilot:
        await tui.ready(pilot)
        screen = main(app)
        cut = 0
        for language in ("en", "zh"):
            screen.set_language(language)
            for entry in TEXT_PARTS:
                await screen.go_to(entry)
                await pilot.pause()
                pane = screen.current_pane
                assert isinstance(pane, SectionEditor)
                text = pane.query_one("#guidance-text", Static)
                width = text.content_size.width
                needed = text.get_content_height(text.size, app.size, width)
                assert text.content_size.height >= needed, (entry, language)  # every line is laid out
                box = text.parent
                assert isinstance(box, Widget)
                if box.content_size.height < needed:  # shown in part: the rest is a scroll away
                    cut += 1
                    assert box.show_vertical_scrollbar and box.max_scroll_y > 0, (entry, language)
                    assert box.allow_focus()  # and reachable from the keyboard
        if size == (80, 24):
            assert cut > 0  # the small terminal does cut some guidance: the check above ran


async def test_a_saved_notice_leaves_the_count_and_findings_in_view(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    """At 80x24 the "Saved" notice must not cover the count line nor the findings while it shows."""
    app = make(draft_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.ready(pilot)
        screen = main(app)
        await screen.go_to("strategy")  # a count under the advised minimum and a warning about it
        await pilot.press("space", *"more")
        await tui.settle(pilot, delay=0.6)
        pane = screen.current_pane
        assert isinstance(pane, SectionEditor)
        count = str(pane.count_line.content)
        finding = screen.findings.findings[0].message
        assert count.startswith("121 of 500 words") and finding.startswith("121 words")
        before = tui.screen_text(app)
        assert count in before and finding[:40] in before
        await pilot.press("ctrl+s")
        await tui.settle(pilot)
        assert "Saved" in tui.notices(app)
        shown = tui.screen_text(app)
        assert "Saved" in shown  # the notice is on screen…
        assert count in shown and finding[:40] in shown  # …and the count and the finding too

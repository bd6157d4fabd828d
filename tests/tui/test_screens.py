"""Overview, palette, the structured editors (SDGs, action plan, attachments), start, new draft, export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import Label, ProgressBar, Select, SelectionList, Static, Tabs

from dossier.core import i18n
from dossier.storage import recent
from dossier.storage.drafts import load_draft
from dossier.tui.app import DossierApp
from dossier.tui.dialogs.confirm import ConfirmDialog
from dossier.tui.dialogs.initiative import InitiativeDialog, parse_amount
from dossier.tui.dialogs.path_prompt import PathDialog
from dossier.tui.dialogs.quit import QuitDialog
from dossier.tui.inputs import FieldInput, ProseArea
from dossier.tui.screens.main import MainScreen
from dossier.tui.screens.new_draft import NewDraftScreen
from dossier.tui.screens.overview import OverviewScreen
from dossier.tui.screens.start import StartScreen
from dossier.tui.session import entry_for
from dossier.tui.widgets.action_plan import ActionPlanTable
from dossier.tui.widgets.attachments import AttachmentsChecklist
from dossier.tui.widgets.section_editor import SectionEditor

from support.tui import Tui

Make = Callable[..., DossierApp]


async def test_overview_shows_readiness_and_jumps_to_a_finding(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 34), notifications=True) as pilot:
        await tui.ready(pilot)
        await pilot.press("f2")
        await tui.wait_for_screen(pilot, OverviewScreen)
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        text = tui.screen_text(app)
        assert "Overall: 5 of 9 parts complete" in text
        assert "errors" in text and "warnings" in text
        findings = screen.findings.findings
        email = next(i for i, f in enumerate(findings) if f.location == "basic.contacts.main_contact.email")
        screen.findings.highlighted = email
        await pilot.press("enter")
        await tui.wait_for_screen(pilot, MainScreen)
        assert app.screen.current_entry == "basic"  # type: ignore[attr-defined]
        assert app.focused is not None and app.focused.id == "f-basic-contacts-main_contact-email"
        # and to a text part: the cursor lands in its editor
        await pilot.press("f2")
        await tui.wait_for_screen(pilot, OverviewScreen)
        findings = app.screen.findings.findings  # type: ignore[attr-defined]
        empty = next(i for i, f in enumerate(findings) if f.part == "preparation" and f.code == "empty")
        app.screen.findings.highlighted = empty  # type: ignore[attr-defined]
        await pilot.press("enter")
        await tui.wait_for_screen(pilot, MainScreen)
        assert isinstance(app.focused, ProseArea) and app.focused.id == "text-preparation"
        await pilot.press(*"Now written.")
        assert app.session.words["preparation"] == 2  # type: ignore[union-attr]


async def test_overview_timeline_and_attachments_at_80x24(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        await pilot.press("f2")
        await tui.wait_for_screen(pilot, OverviewScreen)
        timeline = str(app.screen.query_one("#overview-timeline").content)  # type: ignore[attr-defined]
        assert "31 Jan 2027" in timeline and "in 64 days" in timeline
        assert "passed" not in timeline.split("\n")[0]
        attachments = str(app.screen.query_one("#overview-attachments").content)  # type: ignore[attr-defined]
        assert "Letter from the Mayor presenting the application · ready" in attachments
        await pilot.press("escape")
        await tui.wait_for_screen(pilot, MainScreen)


@pytest.mark.parametrize(
    ("language", "provisional", "expected_words"),
    [
        ("en", "(provisional)", ("expected", "typical")),
        ("fr", "(provisoire)", ("prévue", "habituelle")),
        ("zh", "（暂定）", ("预计", "常见")),
    ],
)
async def test_the_timeline_says_provisional_once_in_the_interface_language(
    draft_path: Path,
    make: Make,
    tui: Tui,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    provisional: str,
    expected_words: tuple[str, ...],
) -> None:
    """The profile's labels name the milestone; whether its date is sure is said once, by us."""
    monkeypatch.setenv(i18n.UI_LANGUAGE_VARIABLE, language)
    app = make(draft_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await tui.ready(pilot)
        await pilot.press("f2")
        await tui.wait_for_screen(pilot, OverviewScreen)
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        timeline = str(screen.query_one("#overview-timeline", Static).content)
        labels = [line for line in timeline.split("\n") if not line.startswith("    ")]
        provisional_count = sum(m.provisional for m in screen.session.profile.timeline)
        assert len(labels) == len(screen.session.profile.timeline) and provisional_count >= 3
        assert sum(label.count(provisional) for label in labels) == provisional_count
        for word in expected_words:
            assert word not in timeline
        verdict = str(screen.query_one("#overview-verdict", Static).content)
        assert provisional in verdict and not any(word in verdict for word in expected_words)


async def test_palette_goes_to_a_section_ready_to_type(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"comparative")
        await pilot.pause(0.3)
        assert "Go to: 9. Comparative assets" in tui.screen_text(app)
        await pilot.press("enter")
        await tui.until(pilot, lambda: isinstance(app.focused, ProseArea) and app.focused.id == "text-assets")
        assert app.screen.current_entry == "assets"  # type: ignore[attr-defined]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"overview")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await tui.wait_for_screen(pilot, OverviewScreen)


async def test_the_action_plan_is_removed_like_any_widget(draft_path: Path, make: Make, tui: Tui) -> None:
    """Removing an initiative has its own name: ``remove()`` is Textual's, taking the widget away
    (it used to open the "Remove initiative" question instead)."""
    app = make(draft_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await tui.ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await screen.go_to("contribution", "sections.contribution.initiatives[0]")
        await pilot.pause()
        plan = screen.query_one(ActionPlanTable)
        count = len(plan.initiatives)
        await plan.remove()
        await pilot.pause()
        assert not plan.is_attached and not screen.query(ActionPlanTable)
        assert isinstance(app.screen, MainScreen)  # no question was asked
        assert len(app.session.draft.sections.contribution.initiatives) == count  # type: ignore[union-attr]


async def test_action_plan_add_edit_remove_with_a_running_total(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await tui.ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await screen.go_to("contribution", "sections.contribution.initiatives[0]")
        await pilot.pause()
        plan = screen.query_one(ActionPlanTable)
        count = len(plan.initiatives)
        totals = app.session.draft.sections.contribution.budget_totals()  # type: ignore[union-attr]
        assert "Total budget:" in str(plan.query_one("#plan-total").content)
        await pilot.press("a")
        await tui.wait_for_screen(pilot, InitiativeDialog)
        await pilot.press(*"Night design market")
        app.screen.query_one("#ini-budget", FieldInput).value = "12 500"
        app.screen.query_one("#ini-start", FieldInput).value = "2027"
        await pilot.press("enter")
        await tui.wait_for_screen(pilot, MainScreen)
        assert len(plan.initiatives) == count + 1
        assert plan.initiatives[-1].title == "Night design market"
        assert plan.initiatives[-1].budget == 12_500
        currency = plan.initiatives[-1].currency
        new_total = totals.get(currency, 0) + 12_500
        assert f"{new_total:,.0f} {currency}" in str(plan.query_one("#plan-total").content)
        assert app.session.dirty  # type: ignore[union-attr]
        # edit the new row
        await pilot.press("e")
        await tui.wait_for_screen(pilot, InitiativeDialog)
        title = app.screen.query_one("#ini-title-input", FieldInput)
        title.value = "Night design market (all districts)"
        await pilot.press("ctrl+j")
        await tui.wait_for_screen(pilot, MainScreen)
        assert plan.initiatives[-1].title == "Night design market (all districts)"
        # remove it, after a confirmation
        await pilot.press("d")
        await tui.wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("y")
        await tui.wait_for_screen(pilot, MainScreen)
        assert len(plan.initiatives) == count
        # an initiative without a title is refused by the dialog, with a reason
        await pilot.press("a")
        await tui.wait_for_screen(pilot, InitiativeDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InitiativeDialog)
        assert "Give the initiative a title." in tui.screen_text(app)
        await pilot.press("escape")
        await tui.wait_for_screen(pilot, MainScreen)
        assert len(plan.initiatives) == count


def test_budget_parsing_accepts_what_officials_type() -> None:
    assert parse_amount("250 000") == 250_000
    assert parse_amount("250,000") == 250_000
    assert parse_amount("3 000,50") == 3000.5
    assert parse_amount("") == 0
    assert parse_amount("lots") is None


async def test_sdg_picker_ticks_goals_and_edits_the_outcome(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await tui.ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        targets = app.session.draft.sections.sdg_goals.targets  # type: ignore[union-attr]
        goals = {t.goal for t in targets}
        free = next(g for g in range(1, 18) if g not in goals)
        await screen.go_to("sdg_goals", "sections.sdg_goals.targets[0]")
        await pilot.pause()
        picker = screen.query_one("#sdg-goals", SelectionList)
        assert set(picker.selected) == goals
        picker.highlighted = free - 1
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        sdg = app.session.draft.sections.sdg_goals  # type: ignore[union-attr]
        assert any(t.goal == free for t in sdg.targets)
        outcome = screen.query_one("#sdg-outcome", FieldInput)
        assert not outcome.disabled
        outcome.focus()
        await pilot.press(*"More jobs")
        horizon = screen.query_one("#sdg-horizon", Select)
        horizon.value = "long"
        await pilot.pause()
        target = next(t for t in sdg.targets if t.goal == free)
        assert (target.outcome, target.horizon) == ("More jobs", "long")
        picker.focus()
        await pilot.press("space")  # untick: the target goes
        await pilot.pause()
        assert all(t.goal != free for t in sdg.targets)


async def test_attachments_checklist_sets_status_and_path(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await tui.ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await screen.go_to("attachments", "attachments.photo_1")
        await pilot.pause()
        pane = screen.current_pane
        assert isinstance(pane, AttachmentsChecklist)
        index = [a.id for a in app.session.profile.attachments].index("photo_1")  # type: ignore[union-attr]
        assert app.focused is not None and app.focused.id == f"att-status-{index}"
        pane.query_one(f"#att-status-{index}", Select).value = "ready"
        pane.query_one(f"#att-path-{index}", FieldInput).value = "photos/lake.jpg"
        await tui.settle(pilot, delay=0.6)
        item = app.session.draft.attachments["photo_1"]  # type: ignore[union-attr]
        assert (item.status, item.path) == ("ready", "photos/lake.jpg")
        # the check looks for the file beside the draft and says it is missing
        assert any(
            "photos/lake.jpg" in f.message
            for f in app.session.findings_for("attachments")  # type: ignore[union-attr]
        )


async def test_start_screen_creates_a_new_draft_and_opens_it(
    tmp_path: Path, make: Make, monkeypatch: object, tui: Tui
) -> None:
    app = make(None, reopen_recent=True)  # nothing to reopen: the start screen
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.wait_for_screen(pilot, StartScreen)
        await pilot.press("ctrl+n")
        await tui.wait_for_screen(pilot, NewDraftScreen)
        app.screen.query_one("#new-city", FieldInput).value = "蓝江"
        await pilot.pause()
        path_field = app.screen.query_one("#new-path", FieldInput)
        assert path_field.value.endswith("蓝江.dossier.json")
        target = tmp_path / "lanjiang.dossier.json"
        path_field.value = str(target)
        app.screen.query_one("#new-country", FieldInput).value = "China"
        app.screen.query_one("#new-field", Select).value = "music"
        await pilot.pause()
        app.screen.query_one("#new-path", FieldInput).focus()
        await pilot.press("enter")
        await tui.wait_for_screen(pilot, MainScreen)
        await tui.ready(pilot)
        assert app.session is not None and app.session.path == target
        draft = load_draft(target)
        assert (draft.basic.city, draft.basic.country, draft.basic.field) == ("蓝江", "China", "music")
        assert "蓝江 · Music" in tui.screen_text(app)
        assert recent.recent_drafts() == [target.resolve()]


async def test_open_another_draft_asks_to_save_first(draft_path: Path, make: Make, tui: Tui) -> None:
    other = draft_path.with_name("second.dossier.json")
    other.write_bytes(draft_path.read_bytes())
    app = make(draft_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await tui.ready(pilot)
        await pilot.press(*"x", "ctrl+o")
        await tui.until(pilot, lambda: isinstance(app.screen, PathDialog))
        field = app.screen.query_one("#path-input", FieldInput)
        field.value = str(other)
        field.focus()  # the recent drafts and the folder tree come first; the path is typed here
        await pilot.press("enter")
        await tui.wait_for_screen(pilot, QuitDialog)
        await pilot.press("s")
        await tui.until(pilot, lambda: app.session is not None and app.session.path == other)
        await tui.ready(pilot)
        assert load_draft(draft_path).introduction.text.endswith("x")
        assert not (draft_path.with_name(draft_path.name + ".lock")).exists()


async def test_open_dialog_refuses_a_missing_file(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await tui.ready(pilot)
        await pilot.press("ctrl+o")
        await tui.until(pilot, lambda: isinstance(app.screen, PathDialog))
        field = app.screen.query_one("#path-input", FieldInput)
        field.value = str(draft_path.with_name("nope.dossier.json"))
        field.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        assert "There is no file" in tui.screen_text(app)
        await pilot.press("escape")
        await tui.wait_for_screen(pilot, MainScreen)


async def test_export_to_word_says_where_the_file_went(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.ready(pilot)
        await pilot.press(*" exported", "ctrl+e")
        await tui.wait_for_screen(pilot, PathDialog)
        out = draft_path.with_name("westmere.docx")
        assert app.screen.query_one("#path-input", FieldInput).value == str(out)
        await pilot.press("enter")
        await tui.wait_for_screen(pilot, MainScreen)
        await tui.settle(pilot)
        assert out.is_file()
        assert f"Wrote {out}" in tui.notices(app)
        from docx import Document

        text = "\n".join(p.text for p in Document(str(out)).paragraphs)
        assert " exported" in text  # the text on screen, not only what was saved
        assert app.session is not None and app.session.dirty  # exporting is not saving
        # again: the existing document is only replaced after a question
        await pilot.press("ctrl+e")
        await tui.wait_for_screen(pilot, PathDialog)
        await pilot.press("enter")
        await tui.wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("escape")
        await tui.wait_for_screen(pilot, MainScreen)


async def test_export_refuses_the_draft_itself_with_a_plain_message(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.ready(pilot)
        before = draft_path.read_bytes()
        await pilot.press("ctrl+e")
        await tui.wait_for_screen(pilot, PathDialog)
        field = app.screen.query_one("#path-input", FieldInput)
        field.value = str(draft_path)
        field.focus()
        await pilot.press("enter")
        await pilot.pause()
        # not a .docx: the dialog says so and stays open (the exporter would refuse it too)
        assert isinstance(app.screen, PathDialog)
        assert "ends in .docx; westmere.dossier.json does not" in tui.screen_text(app)
        await pilot.press("escape")
        await tui.wait_for_screen(pilot, MainScreen)
        await tui.settle(pilot)
        assert draft_path.read_bytes() == before


async def test_export_runs_the_library_export_and_knows_its_errors_by_class(
    draft_path: Path, make: Make, monkeypatch: pytest.MonkeyPatch, tui: Tui
) -> None:
    """The editor exports through ``export_draft``, as ``dossier export`` does, and an
    ``ExportError`` of any kind is told in its own words, not as an unexpected error."""
    import dossier.export

    class TemplateLacksStyle(dossier.export.ExportError):
        pass

    calls: list[tuple[Path, Path | None]] = []

    def failing_export(draft, profile, report, path, out=None, **kwargs):  # type: ignore[no-untyped-def]
        calls.append((path, out))
        raise TemplateLacksStyle("The template has no Heading 1 style.")

    monkeypatch.setattr(dossier.export, "export_draft", failing_export)
    app = make(draft_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.ready(pilot)
        await pilot.press("ctrl+e")
        await tui.until(pilot, lambda: isinstance(app.screen, PathDialog))
        await pilot.press("enter")
        await tui.until(pilot, lambda: isinstance(app.screen, MainScreen))
        await tui.settle(pilot)
        assert calls == [(draft_path, draft_path.with_name("westmere.docx"))]
        assert "The template has no Heading 1 style." in tui.notices(app)
        assert "Unexpected error" not in tui.notices(app)
        assert not draft_path.with_name("westmere.docx").exists()


async def test_the_text_editor_is_a_soft_wrapping_textarea_with_undo(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        pane = app.screen.current_pane  # type: ignore[attr-defined]
        assert isinstance(pane, SectionEditor)
        editor = pane.editor
        assert editor.soft_wrap
        before = editor.text
        await pilot.press(*" oops")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert editor.text == before
        assert app.session.draft.introduction.text == before  # type: ignore[union-attr]


async def test_palette_finds_a_part_by_what_it_is_about(draft_path: Path, make: Make, tui: Tui) -> None:
    """An official types "sdg" to find the goals, though the section's title does not contain it."""
    app = make(draft_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await tui.ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"sdg")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await tui.until(pilot, lambda: app.screen.current_entry == "sdg_goals")  # type: ignore[attr-defined]


async def test_choosing_the_action_plan_tab_by_keyboard_puts_its_keys_to_work(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tui.ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await screen.go_to("contribution")
        await tui.until(pilot, lambda: isinstance(app.focused, ProseArea))
        await pilot.press("shift+tab", "right")
        await tui.until(pilot, lambda: app.focused is screen.query_one(ActionPlanTable).table)
        await pilot.press("a")
        await tui.wait_for_screen(pilot, InitiativeDialog)
        await pilot.press("escape")
        await tui.wait_for_screen(pilot, MainScreen)
        screen.query_one(Tabs).focus()  # back on the tab row, left returns to the text, ready to type
        await pilot.press("left")
        await tui.until(pilot, lambda: isinstance(app.focused, ProseArea))


async def test_the_action_plan_fits_the_pane_without_scrolling_sideways(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    for size, partners in (((80, 24), False), ((140, 40), True)):
        app = make(draft_path)
        async with app.run_test(size=size) as pilot:
            await tui.ready(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            await screen.go_to("contribution", "sections.contribution.initiatives[0]")
            await pilot.pause()
            table = screen.query_one(ActionPlanTable).table
            assert table.virtual_size.width <= table.scrollable_content_region.width
            assert ("Partners" in tui.screen_text(app)) is partners
            assert "Budget" in tui.screen_text(app)


async def test_new_draft_hint_follows_the_fields(tmp_path: Path, make: Make, tui: Tui) -> None:
    """Once Create was refused, the hint says what is still missing as the fields fill, then goes."""
    app = make(None, reopen_recent=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await tui.until(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.press("ctrl+n")
        await tui.until(pilot, lambda: isinstance(app.screen, NewDraftScreen))
        dialog = app.screen

        def hint() -> str:
            return str(dialog.query_one("#new-error", Static).content)

        await pilot.press("enter")
        await pilot.pause()
        assert hint() == "Enter the city and the country."
        await pilot.press(*"Linchuan")
        await pilot.pause()
        assert hint() == "Enter the country."
        await pilot.press("tab", *"China")
        await pilot.pause()
        assert hint() == "Choose the creative field."
        dialog.query_one("#new-field", Select).value = "music"
        await pilot.pause()
        assert hint() == ""
        dialog.query_one("#new-path", FieldInput).value = str(tmp_path / "linchuan2")
        await pilot.pause()
        assert hint() == ""
        dialog.query_one("#new-path", FieldInput).focus()
        await pilot.press("enter")
        await tui.until(pilot, lambda: isinstance(app.screen, MainScreen))
        await tui.ready(pilot)
        assert app.session is not None and app.session.path == tmp_path / "linchuan2.dossier.json"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_basic_form_labels_fit(draft_path: Path, make: Make, size: tuple[int, int], tui: Tui) -> None:
    """Every label of the form shows whole ("Institution or function" was cut at every width)."""
    app = make(draft_path)
    async with app.run_test(size=size) as pilot:
        await tui.ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await screen.go_to("basic")
        await pilot.pause()
        labels = list(screen.query(".row > Label").results(Label))
        assert len(labels) > 30
        for label in labels:
            text = str(label.content)
            assert cell_len(text) <= label.content_size.width, (text, label.content_size.width)


async def test_overview_marks_a_part_with_errors_incomplete_and_enter_jumps_at_once(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    """Basic information has every required field but an invalid e-mail: its bar is not full.
    The first finding is highlighted on open, so enter goes to it without ↓ first."""
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.ready(pilot)
        assert app.session is not None
        state = app.session.state("basic")
        assert (state.done, state.total, state.status) == (9, 9, "error")
        await pilot.press("f2")
        await tui.until(pilot, lambda: isinstance(app.screen, OverviewScreen))
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        bar = screen.query_one("#progress-basic", ProgressBar)
        assert bar.percentage is not None and bar.percentage < 1
        assert screen.query_one("#progress-introduction", ProgressBar).percentage == 1  # complete: full
        assert screen.findings.has_focus and screen.findings.highlighted == 0
        first = screen.findings.findings[0]
        await pilot.press("enter")
        await tui.until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert app.screen.current_entry == entry_for(first.part)  # type: ignore[attr-defined]

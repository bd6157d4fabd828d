"""Small things a person hits in the first hour (issue 10, item 7): the SDG picker and the action plan."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual._xterm_parser import XTermParser
from textual.app import App, ComposeResult
from textual.widgets import Button, SelectionList, Static, Tabs
from textual.widgets.selection_list import Selection

from dossier.core.model import Initiative
from dossier.core.reference import _bundled, currency_for, normalise_name
from dossier.tui.app import DossierApp
from dossier.tui.dialogs.initiative import InitiativeDialog, amount_text, parse_amount
from dossier.tui.inputs import FieldInput
from dossier.tui.screens.main import MainScreen
from dossier.tui.widgets.action_plan import ActionPlanTable
from dossier.tui.widgets.sdg_picker import SdgPicker

from support.tui import Tui

Make = Callable[..., DossierApp]


async def open_goals(app: DossierApp, pilot, tui: Tui) -> SdgPicker:  # type: ignore[no-untyped-def]
    await tui.ready(pilot)
    screen = app.screen
    assert isinstance(screen, MainScreen)
    await screen.go_to("sdg_goals", "sections.sdg_goals.targets[0]")
    await pilot.pause()
    return screen.query_one(SdgPicker)


# --------------------------------------------------------------------------- SDG picker


async def test_unticking_a_goal_keeps_its_outcome_until_it_is_ticked_again(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 34), notifications=True) as pilot:
        picker = await open_goals(app, pilot, tui=tui)
        sdg = app.session.draft.sections.sdg_goals  # type: ignore[union-attr]
        before = [t.model_dump() for t in sdg.targets if t.goal == 11]
        assert len(before) == 2  # medium and long term
        picker.goal_list.highlighted = 10
        picker.goal_list.focus()
        await pilot.press("space")  # untick SDG 11
        await pilot.pause()
        assert all(t.goal != 11 for t in sdg.targets), "an unticked goal is not in the application"
        assert "SDG 11" in tui.notices(app) and "tick it again" in tui.notices(app)
        outcome = picker.query_one("#sdg-outcome", FieldInput)
        assert outcome.disabled and outcome.value == ""
        await pilot.press("space")  # tick it again: both targets come back as they were
        await pilot.pause()
        assert [t.model_dump() for t in sdg.targets if t.goal == 11] == before
        assert outcome.value == before[0]["outcome"] and not outcome.disabled


async def test_a_set_aside_goal_is_not_saved_and_ticking_inserts_in_goal_order(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 34)) as pilot:
        picker = await open_goals(app, pilot, tui=tui)
        picker.goal_list.highlighted = 3  # SDG 4
        picker.goal_list.focus()
        await pilot.press("space")
        await pilot.pause()
        picker.goal_list.highlighted = 0  # SDG 1, newly ticked
        await pilot.press("space")
        await pilot.pause()
        goals = [t.goal for t in app.session.draft.sections.sdg_goals.targets]  # type: ignore[union-attr]
        assert goals[0] == 1 and 4 not in goals
        await pilot.press("ctrl+s")
        await tui.settle(pilot)
    saved = json.loads(draft_path.read_text(encoding="utf-8"))
    assert 4 not in [t["goal"] for t in saved["sections"]["sdg_goals"]["targets"]]


def _row_texts(goal_list: SelectionList[int]) -> dict[int, str]:
    return {
        goal_list.get_option_at_index(y).value: goal_list.render_line(y).text
        for y in range(goal_list.option_count)
    }


async def test_ticked_and_unticked_goals_differ_without_colour(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 40)) as pilot:
        picker = await open_goals(app, pilot, tui=tui)
        rows = _row_texts(picker.goal_list)
        ticked, unticked = rows[4], rows[1]
        assert ticked.split(".")[0].replace("4", "") != unticked.split(".")[0].replace("1", ""), (
            ticked,
            unticked,
        )
        marks = {text[:3] for goal, text in rows.items() if goal in picker.goal_list.selected}
        blanks = {text[:3] for goal, text in rows.items() if goal not in picker.goal_list.selected}
        assert len(marks) == 1 and len(blanks) == 1 and marks != blanks


class _Plain(App[None]):
    def compose(self) -> ComposeResult:
        yield SelectionList[int](Selection("one", 1, True), Selection("two", 2, False))


async def test_textual_still_marks_a_ticked_row_by_colour_only() -> None:
    """When this fails, Textual draws ticks itself and ``GoalList.render_line`` can go."""
    async with _Plain().run_test() as pilot:
        await pilot.pause()
        rows = _row_texts(pilot.app.query_one(SelectionList))
        assert rows[1][:3] == rows[2][:3]


async def test_goal_fields_say_which_goal_they_belong_to(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        picker = await open_goals(app, pilot, tui=tui)
        picker.goal_list.highlighted = 3
        await pilot.pause()
        assert "SDG 4 · Quality Education" in tui.screen_text(app)
        picker.goal_list.highlighted = 6
        await pilot.pause()
        assert "SDG 7 · Affordable and Clean Energy" in tui.screen_text(app)


async def test_the_tab_calls_the_goals_goals(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await open_goals(app, pilot, tui=tui)
        labels = [str(tab.label) for tab in app.screen.query_one("#tabs").query(Tabs).first().query("Tab")]
        assert "Sustainable Development Goals" in labels, labels
        assert "SDG targets" not in tui.screen_text(app)


# --------------------------------------------------------------------------- action plan


async def open_plan(app: DossierApp, pilot, tui: Tui) -> ActionPlanTable:  # type: ignore[no-untyped-def]
    await tui.ready(pilot)
    screen = app.screen
    assert isinstance(screen, MainScreen)
    await screen.go_to("contribution", "sections.contribution.initiatives[0]")
    await pilot.pause()
    return screen.query_one(ActionPlanTable)


LONG_TITLE = "Mill District Makers' Fund: four hundred studios at capped rents for young designers"


async def test_titles_are_shown_whole_at_120_columns(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(120, 40)) as pilot:
        plan = await open_plan(app, pilot, tui=tui)
        shown = tui.screen_text(app)
        for item in plan.initiatives:
            for word in item.title.split():
                assert word in shown, (word, item.title)
        widths = {str(c.key.value): c.width for c in plan.table.columns.values()}
        assert widths["Title"] > widths["Partners"], widths


async def test_a_title_too_long_for_three_lines_ends_with_an_ellipsis(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(120, 40)) as pilot:
        plan = await open_plan(app, pilot, tui=tui)
        plan.initiatives[0].title = " ".join([LONG_TITLE] * 3)
        plan.refresh_rows()
        await pilot.pause()
        assert plan.table.rows[plan.table.coordinate_to_cell_key((0, 0)).row_key].height == 3
        assert plan.table.get_cell_at((0, 0)).plain.endswith("…")


async def test_an_empty_budget_is_not_shown_as_zero_and_not_counted(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(120, 40)) as pilot:
        plan = await open_plan(app, pilot, tui=tui)
        section = app.session.draft.sections.contribution  # type: ignore[union-attr]
        section.initiatives = [*section.initiatives, Initiative(title="Not costed yet")]
        plan.refresh_rows()
        await pilot.pause()
        last = len(section.initiatives) - 1
        budget = plan.table.get_cell_at((last, len(plan.table.columns) - 1)).plain
        assert "0" not in budget and budget.strip() == "—"
        total = str(plan.query_one("#plan-total").content)
        assert "4,350,000 USD" in total
        assert f"({len(section.initiatives)} initiatives; 1 has no budget yet)" in total, total


async def test_a_chinese_city_budgets_in_yuan(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 34)) as pilot:
        plan = await open_plan(app, pilot, tui=tui)
        app.session.draft.basic.country = "China"  # type: ignore[union-attr]
        await pilot.press("a")
        await tui.until(pilot, lambda: isinstance(app.screen, InitiativeDialog))
        assert app.screen.query_one("#ini-currency", FieldInput).value == "CNY"
        await pilot.press(*"Porcelain lanes")
        await pilot.press("enter")
        await tui.until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert plan.initiatives[-1].currency == "CNY"


def test_default_currency_follows_the_country() -> None:
    assert currency_for("China") == "CNY"
    assert currency_for("中国") == "CNY"
    assert currency_for("People's Republic of China") == "CNY"
    assert currency_for(" france ") == "EUR"
    assert currency_for("Italia") == "EUR"
    assert currency_for("Canada") == "CAD"
    assert currency_for("Atlantis") == "USD"
    assert currency_for("") == "USD"


def _keys_a_plain_terminal_sends() -> set[str]:
    """Key names Textual makes of the bytes any terminal sends (no kitty keyboard protocol)."""
    names = set()
    for byte in [*(chr(c) for c in range(1, 32)), "\x7f"]:
        names |= {event.key for event in XTermParser().feed(byte) if isinstance(event, events.Key)}
    return names


async def test_the_initiative_dialog_names_a_done_key_that_terminals_send(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 34)) as pilot:
        plan = await open_plan(app, pilot, tui=tui)
        count = len(plan.initiatives)
        await pilot.press("a")
        await tui.until(pilot, lambda: isinstance(app.screen, InitiativeDialog))
        label = str(app.screen.query_one("#ini-ok", Button).label)
        key = label[label.index("(") + 1 : label.index(")")]
        assert key in _keys_a_plain_terminal_sends(), label
        await pilot.press(*"Lantern fair")
        app.screen.query_one("#ini-budget", FieldInput).focus()
        await pilot.press(*"5000", key)
        await tui.until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert len(plan.initiatives) == count + 1 and plan.initiatives[-1].budget == 5000


async def test_the_initiative_dialog_reason_goes_once_the_title_is_typed(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await open_plan(app, pilot, tui=tui)
        await pilot.press("a")
        await tui.until(pilot, lambda: isinstance(app.screen, InitiativeDialog))
        await pilot.press("enter")  # refused: no title
        error = app.screen.query_one("#ini-error", Static)
        await tui.until(pilot, lambda: str(error.content) == "Give the initiative a title.", "the reason")
        await pilot.press(*"Lantern fair")
        await tui.until(pilot, lambda: str(error.content) == "", "the reason to go")
        assert isinstance(app.screen, InitiativeDialog)


def test_a_budget_is_shown_back_as_typed() -> None:
    assert amount_text(1_600_000) == "1600000"
    assert amount_text(3000.5) == "3000.5"
    assert amount_text(0) == ""
    assert parse_amount(amount_text(1_600_000)) == 1_600_000


def test_the_currency_table_gives_each_country_one_code() -> None:
    seen: dict[str, str] = {}
    for row in _bundled()["currencies"]:
        assert re.fullmatch(r"[A-Z]{3}", row["code"]), row["code"]
        for name in row["countries"]:
            assert seen.setdefault(normalise_name(name), row["code"]) == row["code"], name

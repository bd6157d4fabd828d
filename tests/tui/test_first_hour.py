"""Small things a person hits in the first hour (issue 10, item 7): the SDG picker and the action plan."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import SelectionList, Tabs
from textual.widgets.selection_list import Selection

from dossier.tui.app import DossierApp
from dossier.tui.screens.main import MainScreen
from dossier.tui.widgets.inputs import FieldInput
from dossier.tui.widgets.sdg_picker import SdgPicker

from .conftest import notices, ready, screen_text, settle

Make = Callable[..., DossierApp]


async def until(pilot, condition: Callable[[], bool], tries: int = 60) -> None:  # type: ignore[no-untyped-def]
    for _ in range(tries):
        await pilot.pause()
        if condition():
            return
    raise AssertionError(f"condition never met; screen is {pilot.app.screen!r}")


async def open_goals(app: DossierApp, pilot) -> SdgPicker:  # type: ignore[no-untyped-def]
    await ready(pilot)
    screen = app.screen
    assert isinstance(screen, MainScreen)
    await screen.go_to("sdg_goals", "sections.sdg_goals.targets[0]")
    await pilot.pause()
    return screen.query_one(SdgPicker)


# --------------------------------------------------------------------------- SDG picker


async def test_unticking_a_goal_keeps_its_outcome_until_it_is_ticked_again(
    draft_path: Path, make: Make
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 34), notifications=True) as pilot:
        picker = await open_goals(app, pilot)
        sdg = app.session.draft.sections.sdg_goals  # type: ignore[union-attr]
        before = [t.model_dump() for t in sdg.targets if t.goal == 11]
        assert len(before) == 2  # medium and long term
        picker.goal_list.highlighted = 10
        picker.goal_list.focus()
        await pilot.press("space")  # untick SDG 11
        await pilot.pause()
        assert all(t.goal != 11 for t in sdg.targets), "an unticked goal is not in the application"
        assert "SDG 11" in notices(app) and "tick it again" in notices(app)
        outcome = picker.query_one("#sdg-outcome", FieldInput)
        assert outcome.disabled and outcome.value == ""
        await pilot.press("space")  # tick it again: both targets come back as they were
        await pilot.pause()
        assert [t.model_dump() for t in sdg.targets if t.goal == 11] == before
        assert outcome.value == before[0]["outcome"] and not outcome.disabled


async def test_a_set_aside_goal_is_not_saved_and_ticking_inserts_in_goal_order(
    draft_path: Path, make: Make
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 34)) as pilot:
        picker = await open_goals(app, pilot)
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
        await settle(pilot)
    saved = json.loads(draft_path.read_text(encoding="utf-8"))
    assert 4 not in [t["goal"] for t in saved["sections"]["sdg_goals"]["targets"]]


def _row_texts(goal_list: SelectionList[int]) -> dict[int, str]:
    return {
        goal_list.get_option_at_index(y).value: goal_list.render_line(y).text
        for y in range(goal_list.option_count)
    }


async def test_ticked_and_unticked_goals_differ_without_colour(draft_path: Path, make: Make) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 40)) as pilot:
        picker = await open_goals(app, pilot)
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


async def test_goal_fields_say_which_goal_they_belong_to(draft_path: Path, make: Make) -> None:
    app = make(draft_path)
    async with app.run_test(size=(80, 24)) as pilot:
        picker = await open_goals(app, pilot)
        picker.goal_list.highlighted = 3
        await pilot.pause()
        assert "SDG 4 · Quality Education" in screen_text(app)
        picker.goal_list.highlighted = 6
        await pilot.pause()
        assert "SDG 7 · Affordable and Clean Energy" in screen_text(app)


async def test_the_tab_calls_the_goals_goals(draft_path: Path, make: Make) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await open_goals(app, pilot)
        labels = [str(tab.label) for tab in app.screen.query_one("#tabs").query(Tabs).first().query("Tab")]
        assert "Sustainable Development Goals" in labels, labels
        assert "SDG targets" not in screen_text(app)

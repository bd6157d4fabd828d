"""The SDG targets: a pick list of the 17 goals, with the horizon and outcome of the highlighted one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label, Select, SelectionList
from textual.widgets.selection_list import Selection

from dossier.core.model import SdgTarget
from dossier.core.reference import sdgs
from dossier.tui.inputs import FieldInput
from dossier.tui.messages import PartEdited
from dossier.tui.session import Session

HORIZONS = [(Content("medium term (about 4 years)"), "medium"), (Content("long term"), "long")]


class SdgPicker(Vertical):
    """Space ticks a goal (adds a target); the fields below edit the highlighted goal's target."""

    DEFAULT_CSS = """
    SdgPicker { height: 1fr; }
    SdgPicker SelectionList { height: 1fr; min-height: 4; }
    SdgPicker .sdg-row { height: 1; margin-top: 1; }
    SdgPicker .sdg-row Label { width: 10; }
    SdgPicker .sdg-row Select { width: 1fr; }
    SdgPicker .sdg-row FieldInput { width: 1fr; }
    SdgPicker #sdg-hint { color: $text-muted; height: 1; }
    """

    def __init__(self, session: Session, language: str = "en", **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._session = session
        self._language = language
        self._goal: int | None = None

    @property
    def targets(self) -> list[SdgTarget]:
        return self._session.draft.sections.sdg_goals.targets

    def compose(self) -> ComposeResult:
        chosen = {t.goal for t in self.targets}
        yield SelectionList[int](
            *(
                Selection(Content(f"{goal:>2}. {sdg.label(self._language)}"), goal, goal in chosen)
                for goal, sdg in sdgs().items()
            ),
            id="sdg-goals",
            disabled=self._session.read_only,
        )
        yield Label("Space ticks a goal; then give its horizon and expected outcome.", id="sdg-hint")
        with Horizontal(classes="sdg-row"):
            yield Label("Horizon")
            yield Select(HORIZONS, allow_blank=False, value="medium", id="sdg-horizon", compact=True)
        with Horizontal(classes="sdg-row"):
            yield Label("Outcome")
            yield FieldInput(placeholder="what the city expects for this goal", id="sdg-outcome")

    def on_mount(self) -> None:
        self._show_goal(next(iter(sdgs())))

    @property
    def goal_list(self) -> SelectionList[int]:
        return self.query_one("#sdg-goals", SelectionList)

    def _first_target(self, goal: int) -> SdgTarget | None:
        return next((t for t in self.targets if t.goal == goal), None)

    def _show_goal(self, goal: int) -> None:
        """Load the highlighted goal's target into the detail fields (disabled when not ticked)."""
        self._goal = goal
        target = self._first_target(goal)
        horizon = self.query_one("#sdg-horizon", Select)
        outcome = self.query_one("#sdg-outcome", FieldInput)
        with horizon.prevent(Select.Changed):
            horizon.value = target.horizon if target else "medium"
        outcome.load(target.outcome if target else "")
        editable = target is not None and not self._session.read_only
        horizon.disabled = not editable
        outcome.disabled = not editable

    def select_target(self, index: int) -> None:
        """Highlight the goal of target ``index`` (a finding points there)."""
        if 0 <= index < len(self.targets):
            goal = self.targets[index].goal
            goals = list(sdgs())
            if goal in goals:
                self.goal_list.highlighted = goals.index(goal)
                self._show_goal(goal)
        self.goal_list.focus()

    @on(SelectionList.SelectionHighlighted, "#sdg-goals")
    def _highlighted(self, event: SelectionList.SelectionHighlighted[int]) -> None:
        event.stop()
        self._show_goal(event.selection.value)

    @on(SelectionList.SelectionToggled, "#sdg-goals")
    def _toggled(self, event: SelectionList.SelectionToggled[int]) -> None:
        event.stop()
        goal = event.selection.value
        section = self._session.draft.sections.sdg_goals
        if goal in event.selection_list.selected:
            if self._first_target(goal) is None:
                section.targets = [*section.targets, SdgTarget(goal=goal)]
        else:
            section.targets = [t for t in section.targets if t.goal != goal]
        self._session.edited()
        self._show_goal(goal)
        self.post_message(PartEdited("sdg_goals"))

    @on(Select.Changed, "#sdg-horizon")
    def _horizon(self, event: Select.Changed) -> None:
        event.stop()
        if event.value != event.select.value:
            return  # a stale message from before the fields were loaded
        target = self._first_target(self._goal) if self._goal is not None else None
        if target is not None and event.value in ("medium", "long") and target.horizon != event.value:
            target.horizon = event.value
            self._session.edited()
            self.post_message(PartEdited("sdg_goals"))

    @on(FieldInput.Changed, "#sdg-outcome")
    def _outcome(self, event: FieldInput.Changed) -> None:
        event.stop()
        if event.value != event.input.value or (
            isinstance(event.input, FieldInput) and not event.input.touched
        ):
            return  # a stale message, or the field showing what it was loaded with
        target = self._first_target(self._goal) if self._goal is not None else None
        if target is not None and target.outcome != event.value:
            target.outcome = event.value
            self._session.edited()
            self.post_message(PartEdited("sdg_goals"))

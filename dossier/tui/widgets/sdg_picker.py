"""The Sustainable Development Goals: a pick list of the 17 goals, with the horizon and outcome
of the highlighted one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from dossier.core import form
from dossier.core.i18n import N_, _
from dossier.core.model import SdgTarget
from dossier.core.reference import sdgs
from dossier.tui.inputs import FieldInput
from dossier.tui.messages import PartEdited
from dossier.tui.session import Session

HORIZON_WORDS = {"medium": N_("medium term (about 4 years)"), "long": N_("long term")}


def horizons() -> list[tuple[Content, str]]:
    """The horizon choices in the interface language."""
    return [(Content(_(words)), value) for value, words in HORIZON_WORDS.items()]


TAB_LABEL = N_("Sustainable Development Goals")
"""The tab's name: the form's own words for what the list holds (goals, not targets)."""


class GoalList(SelectionList[int]):
    """The 17 goals; a ticked goal has an X in its box, an unticked one an empty box.

    Textual draws the same "X" in every row and tells ticked from unticked by colour
    alone, which a monochrome terminal, a screen reader's text or a colour-blind
    official cannot see. Only the box's inner character is changed here;
    ``test_textual_still_marks_a_ticked_row_by_colour_only`` says when Textual no
    longer needs this.
    """

    TICKED = "X"
    UNTICKED = " "

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        index = self.scroll_offset.y + y
        if len(segments) < 3 or not 0 <= index < self.option_count:
            return strip
        ticked = self.get_option_at_index(index).value in self._selected
        text, style, control = segments[1]
        if len(text) != 1:  # not the box's inner cell: leave the line as Textual drew it
            return strip
        segments[1] = type(segments[1])(self.TICKED if ticked else self.UNTICKED, style, control)
        return Strip(segments, strip.cell_length)


class SdgPicker(Vertical):
    """Space ticks a goal (adds a target); the fields below edit the highlighted goal's target.

    Unticking a goal takes its targets out of the draft, so they are neither saved nor
    exported, but keeps them aside for the rest of the session: an official who unticks by
    mistake gets the horizon and outcome back by ticking again, and one who meant it sees
    the goal leave the application. A notice says so when there was something to keep.
    """

    DEFAULT_CSS = """
    SdgPicker { height: 1fr; }
    SdgPicker SelectionList { height: 1fr; min-height: 4; }
    SdgPicker .sdg-row { height: 1; margin-top: 1; }
    SdgPicker .sdg-row Label { width: 10; }
    SdgPicker .sdg-row Select { width: 1fr; }
    SdgPicker .sdg-row FieldInput { width: 1fr; }
    SdgPicker #sdg-goal { height: 1; text-style: bold; text-wrap: nowrap; text-overflow: ellipsis; }
    SdgPicker #sdg-hint { color: $text-muted; height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
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
        yield GoalList(
            *(Selection(self._goal_prompt(goal), goal, goal in chosen) for goal in sdgs()),
            id="sdg-goals",
            disabled=self._session.read_only,
        )
        yield Static("", id="sdg-goal", markup=False)
        yield Static("", id="sdg-hint", markup=False)
        with Horizontal(classes="sdg-row"):
            yield Label(_("Horizon"), id="sdg-horizon-label")
            yield Select(horizons(), allow_blank=False, value="medium", id="sdg-horizon", compact=True)
        with Horizontal(classes="sdg-row"):
            yield Label(_("Outcome"), id="sdg-outcome-label")
            yield FieldInput(placeholder=_("what the city expects for this goal"), id="sdg-outcome")

    def _goal_prompt(self, goal: int) -> Content:
        sdg = sdgs()[goal]
        return Content(f"{goal:>2}. {sdg.label(self._language)}")

    def set_language(self, language: str) -> None:
        """Goals, labels, choices and hints in ``language``; nothing in the draft changes."""
        self._language = language
        goals = self.goal_list
        for index, goal in enumerate(sdgs()):
            goals.replace_option_prompt_at_index(index, self._goal_prompt(goal))
        self.query_one("#sdg-horizon-label", Label).update(_("Horizon"))
        self.query_one("#sdg-outcome-label", Label).update(_("Outcome"))
        horizon = self.query_one("#sdg-horizon", Select)
        value = horizon.value
        with horizon.prevent(Select.Changed):
            horizon.set_options(horizons())
            horizon.value = value
        self.query_one("#sdg-outcome", FieldInput).placeholder = _("what the city expects for this goal")
        if self._goal is not None:
            self._show_goal(self._goal)

    def on_mount(self) -> None:
        self._show_goal(next(iter(sdgs())))

    @property
    def goal_list(self) -> SelectionList[int]:
        return self.query_one("#sdg-goals", SelectionList)

    def _first_target(self, goal: int) -> SdgTarget | None:
        return next((t for t in self.targets if t.goal == goal), None)

    def goal_name(self, goal: int) -> str:
        """``SDG 4 · Quality Education``: how the fields below the list name their goal."""
        sdg = sdgs().get(goal)
        number = _("SDG {number}").format(number=goal)
        return f"{number} · {sdg.label(self._language)}" if sdg else number

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
        if target is not None:
            hint = _("Ticked · space unticks it")
        elif goal in self._session.unticked_goals:
            hint = _("Not ticked · space brings its outcome back")
        else:
            hint = _("Not ticked · space ticks it")
        self.query_one("#sdg-goal", Static).update(Content(self.goal_name(goal)))
        self.query_one("#sdg-hint", Static).update(Content(hint))

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

    def _tick(self, goal: int) -> None:
        """List ``goal``: what was set aside when it was unticked, or a new target, in goal order."""
        section = self._session.draft.sections.sdg_goals
        if self._first_target(goal) is not None:
            return
        restored = self._session.unticked_goals.pop(goal, None) or [SdgTarget(goal=goal)]
        targets = list(section.targets)
        at = next((i for i, t in enumerate(targets) if t.goal > goal), len(targets))
        section.targets = [*targets[:at], *restored, *targets[at:]]

    def _untick(self, goal: int) -> None:
        """Take ``goal``'s targets out of the draft, keeping them aside for this session."""
        section = self._session.draft.sections.sdg_goals
        removed = [t for t in section.targets if t.goal == goal]
        section.targets = [t for t in section.targets if t.goal != goal]
        if any(t.outcome.strip() or t.horizon != "medium" for t in removed):
            self._session.unticked_goals[goal] = removed
            self.app.notify(
                _(
                    "{goal} is no longer in the application. Its horizon and outcome "
                    "are kept until you close dossier: tick it again to bring them back."
                ).format(goal=self.goal_name(goal)),
                title=_("Goal unticked"),
                markup=False,
            )

    @on(SelectionList.SelectionToggled, "#sdg-goals")
    def _toggled(self, event: SelectionList.SelectionToggled[int]) -> None:
        event.stop()
        goal = event.selection.value
        if goal in event.selection_list.selected:
            self._tick(goal)
        else:
            self._untick(goal)
        self._session.edited()
        self._show_goal(goal)
        self.post_message(PartEdited(form.SDGS.id))

    @on(Select.Changed, "#sdg-horizon")
    def _horizon(self, event: Select.Changed) -> None:
        event.stop()
        if event.value != event.select.value:
            return  # a stale message from before the fields were loaded
        target = self._first_target(self._goal) if self._goal is not None else None
        if target is not None and event.value in ("medium", "long") and target.horizon != event.value:
            target.horizon = event.value
            self._session.edited()
            self.post_message(PartEdited(form.SDGS.id))

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
            self.post_message(PartEdited(form.SDGS.id))

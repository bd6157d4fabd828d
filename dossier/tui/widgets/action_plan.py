"""The action plan: a table of initiatives with add / edit / remove dialogs and a running budget total."""

from __future__ import annotations

from typing import ClassVar

from rich.console import JustifyMethod
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, DataTable, Static

from dossier.core.model import Initiative
from dossier.tui.dialogs.confirm import ConfirmDialog
from dossier.tui.dialogs.initiative import InitiativeDialog
from dossier.tui.messages import PartEdited
from dossier.tui.session import Session
from dossier.tui.text import clean, literal

COLUMNS = ("Title", "Scope", "Years", "Partners", "Budget")
NARROW = 70
"""Below this width the table drops Partners and abbreviates the scope (the dialog shows all)."""


def column_widths(available: int) -> dict[str, int]:
    """Widths that fit ``available`` cells, so the table never needs scrolling sideways."""
    fixed = (
        {"Scope": 13, "Years": 9, "Budget": 16}
        if available >= NARROW
        else {"Scope": 5, "Years": 9, "Budget": 13}
    )
    padding = 2 * (len(fixed) + (2 if available >= NARROW else 1))  # one cell of padding each side
    rest = max(10, available - padding - sum(fixed.values()))
    if available < NARROW:
        return {"Title": rest, **fixed}
    title = max(10, rest * 3 // 5)
    return {
        "Title": title,
        "Scope": fixed["Scope"],
        "Years": fixed["Years"],
        "Partners": max(10, rest - title),
        "Budget": fixed["Budget"],
    }


def years(item: Initiative) -> str:
    start = "" if item.start_year is None else str(item.start_year)
    end = "" if item.end_year is None else str(item.end_year)
    return f"{start}–{end}" if start or end else ""


def cell(value: str, *, right: bool = False) -> Text:
    """A table cell from user text: a Rich ``Text`` is literal (never markup) and the table can measure it."""
    justify: JustifyMethod = "right" if right else "left"
    return Text(clean(value, one_line=True), no_wrap=True, overflow="ellipsis", justify=justify)


def money(amount: float) -> str:
    return f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"


class PlanTable(DataTable[Text]):
    """The table itself; its keys show in the footer while it has focus."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a,insert", "add", "Add", id="plan-add"),
        Binding("e", "edit", "Edit", id="plan-edit"),
        Binding("d,delete", "remove", "Remove", id="plan-remove"),
    ]

    @property
    def plan(self) -> ActionPlanTable:
        return self.query_ancestor(ActionPlanTable)

    def action_add(self) -> None:
        self.plan.add()

    def action_edit(self) -> None:
        self.plan.edit()

    def action_remove(self) -> None:
        self.plan.remove_initiative()


class ActionPlanTable(Vertical):
    """Initiatives of section 6; changes go straight into the draft."""

    DEFAULT_CSS = """
    ActionPlanTable { height: 1fr; }
    ActionPlanTable PlanTable { height: 1fr; min-height: 4; }
    ActionPlanTable #plan-total { height: auto; padding: 0 1; text-style: bold; }
    ActionPlanTable #plan-buttons { height: 1; }
    ActionPlanTable #plan-buttons Button { margin-right: 1; }
    """

    def __init__(self, session: Session, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._session = session

    @property
    def initiatives(self) -> list[Initiative]:
        return self._session.draft.sections.contribution.initiatives

    @property
    def table(self) -> PlanTable:
        return self.query_one(PlanTable)

    def compose(self) -> ComposeResult:
        yield PlanTable(cursor_type="row", zebra_stripes=True, id="plan-table")
        yield Static(id="plan-total")
        with Horizontal(id="plan-buttons"):
            yield Button("Add… (a)", id="plan-add", compact=True, disabled=self._session.read_only)
            yield Button("Edit… (e)", id="plan-edit", compact=True, disabled=self._session.read_only)
            yield Button("Remove… (d)", id="plan-remove", compact=True, disabled=self._session.read_only)

    def on_mount(self) -> None:
        self._fitted_to = 0
        self._fit_columns()

    def on_resize(self) -> None:
        self._fit_columns()

    def _fit_columns(self) -> None:
        """(Re)build the columns for the width on screen; the rows are refilled from the draft."""
        available = self.table.scrollable_content_region.width or self.size.width
        if available == self._fitted_to and self.table.columns:
            return
        self._fitted_to = available
        table = self.table
        table.clear(columns=True)
        widths = column_widths(available)
        for name in COLUMNS:
            if name in widths:
                table.add_column(name, width=widths[name], key=name)
        self.refresh_rows()

    def refresh_rows(self, cursor: int | None = None) -> None:
        """Rebuild the table and the total from the draft."""
        table = self.table
        row = table.cursor_row if cursor is None else cursor
        table.clear()
        shown = [str(key.value) for key in table.columns]
        short = "Partners" not in shown
        for i, item in enumerate(self.initiatives):
            values = {
                "Title": cell(item.title or "(no title)"),
                "Scope": cell(
                    ("int'l" if item.scope == "international" else item.scope) if short else item.scope
                ),
                "Years": cell(years(item)),
                "Partners": cell(item.partners),
                "Budget": cell(f"{money(item.budget)} {item.currency}", right=True),
            }
            table.add_row(*(values[name] for name in shown), key=str(i))
        if self.initiatives:
            table.move_cursor(row=max(0, min(row, len(self.initiatives) - 1)))
        totals = self._session.draft.sections.contribution.budget_totals()
        if totals:
            summed = " + ".join(f"{money(amount)} {currency}" for currency, amount in totals.items())
            total = Content.assemble("Total budget: ", literal(summed, one_line=True))
            count = len(self.initiatives)
            total = Content.assemble(total, f"  ({count} initiative{'s' if count != 1 else ''})")
        else:
            total = Content("No initiative yet: press a to add one.").stylize("$text-muted")
        self.query_one("#plan-total", Static).update(total)

    def select_row(self, index: int) -> None:
        if 0 <= index < len(self.initiatives):
            self.table.move_cursor(row=index)
        self.table.focus()

    def _changed(self, cursor: int | None = None) -> None:
        self._session.edited()
        self.refresh_rows(cursor)
        self.post_message(PartEdited("contribution"))

    @work(exclusive=True, group="plan")
    async def add(self) -> None:
        if self._session.read_only:
            return
        item = await self.app.push_screen_wait(InitiativeDialog())
        if item is not None:
            section = self._session.draft.sections.contribution
            section.initiatives = [*section.initiatives, item]
            self._changed(len(section.initiatives) - 1)
        self.table.focus()

    @work(exclusive=True, group="plan")
    async def edit(self) -> None:
        if self._session.read_only or not self.initiatives:
            return
        index = self.table.cursor_row
        item = await self.app.push_screen_wait(InitiativeDialog(self.initiatives[index]))
        if item is not None:
            section = self._session.draft.sections.contribution
            items = list(section.initiatives)
            items[index] = item
            section.initiatives = items
            self._changed(index)
        self.table.focus()

    @work(exclusive=True, group="plan")
    async def remove_initiative(self) -> None:
        if self._session.read_only or not self.initiatives:
            return
        index = self.table.cursor_row
        title = self.initiatives[index].title or f"number {index + 1}"
        answer = await self.app.push_screen_wait(
            ConfirmDialog(
                "Remove initiative", f"Remove the initiative “{title}” from the action plan?", yes="Remove"
            )
        )
        if answer == "yes":
            section = self._session.draft.sections.contribution
            section.initiatives = [x for i, x in enumerate(section.initiatives) if i != index]
            self._changed(index)
        self.table.focus()

    @on(Button.Pressed, "#plan-add")
    def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.add()

    @on(Button.Pressed, "#plan-edit")
    def _edit_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.edit()

    @on(Button.Pressed, "#plan-remove")
    def _remove_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.remove_initiative()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.edit()

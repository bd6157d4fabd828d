"""The action plan: a table of initiatives with add / edit / remove dialogs and a running budget total."""

from __future__ import annotations

import math
from typing import ClassVar

from rich.cells import cell_len
from rich.console import Console, JustifyMethod
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, DataTable, Static

from dossier.core import form
from dossier.core.i18n import N_, _, interface_language, ngettext, pgettext
from dossier.core.model import Initiative
from dossier.core.reference import currency_for
from dossier.tui.dialogs.confirm import ConfirmDialog
from dossier.tui.dialogs.initiative import InitiativeDialog
from dossier.tui.messages import PartEdited
from dossier.tui.session import Session
from dossier.tui.text import clean, literal

COLUMNS = (N_("Title"), N_("Scope"), N_("Years"), N_("Partners"), N_("Budget"))
"""The columns' keys, which are also their English headers (shown translated)."""
NARROW = 70
"""Below this width the table drops Partners (the dialog shows all)."""
COMPACT = 100
"""Below this width the scope is abbreviated ("int'l"), leaving the title more room."""
TITLE_LINES = 3
"""A title wraps onto at most this many lines; a longer one ends with "…" (the dialog shows all).
In a narrow table it keeps to one line, so that several initiatives still fit on screen."""
NO_BUDGET = "—"
"""An initiative whose budget is not given yet (0 in the draft): never shown as "0 USD"."""


def column_widths(available: int, content: dict[str, int] | None = None) -> dict[str, int]:
    """Widths that fit ``available`` cells, so the table never needs scrolling sideways.

    Scope, Years and Budget are as wide as what they show (``content``: the widest cell of
    each, by name); the title takes the free width, Partners at most a quarter of it.
    """
    content = content or {}
    narrow = available < NARROW
    fixed = {name: max(cell_len(_(name)), content.get(name, 0)) for name in ("Scope", "Years", "Budget")}
    padding = 2 * (len(fixed) + (1 if narrow else 2))  # one cell of padding each side
    free = max(10, available - padding - sum(fixed.values()))
    if narrow:
        return {"Title": free, **fixed}
    partners = max(8, min(content.get("Partners", free) or 8, free // 4))
    title = max(10, free - partners)
    return {
        "Title": title,
        "Scope": fixed["Scope"],
        "Years": fixed["Years"],
        "Partners": partners,
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


def title_cell(value: str, width: int, console: Console, max_lines: int = TITLE_LINES) -> Text:
    """A title wrapped to ``width``, on at most ``max_lines`` lines, the last cut with "…"."""
    text = Text(clean(value, one_line=True), overflow="fold")
    if max_lines <= 1:
        return Text(text.plain, no_wrap=True, overflow="ellipsis")
    lines = text.wrap(console, max(1, width), overflow="fold")
    if len(lines) <= max_lines:
        return text
    kept = list(lines)[:max_lines]
    last = Text(kept[-1].plain.rstrip())
    last.truncate(max(0, width - 1))  # by cells, so a wide character is never split
    last.append("…")
    return Text("\n").join([*kept[:-1], last])


def money(amount: float) -> str:
    if not math.isfinite(amount):
        return _("too large to add up")
    shown = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"
    if interface_language() == "fr":  # 1 250 000,50 as a French official writes it
        return shown.replace(",", "\u202f").replace(".", ",")
    return shown


def budget_text(item: Initiative) -> str:
    """``950,000 USD``, or :data:`NO_BUDGET` when no budget is given yet."""
    return f"{money(item.budget)} {item.currency}" if item.budget else NO_BUDGET


def scope_text(item: Initiative, short: bool) -> str:
    """The initiative's scope in the interface language, abbreviated in a compact table."""
    if item.scope == "international":
        return pgettext("scope, abbreviated", "int'l") if short else pgettext("scope", "international")
    return pgettext("scope", "local") if item.scope == "local" else item.scope


class PlanTable(DataTable[Text]):
    """The table itself; its keys show in the footer while it has focus."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a,insert", "add", N_("Add"), id="plan-add"),
        Binding("e", "edit", N_("Edit"), id="plan-edit"),
        Binding("d,delete", "remove", N_("Remove"), id="plan-remove"),
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


BUTTONS = {"plan-add": N_("Add… (a)"), "plan-edit": N_("Edit… (e)"), "plan-remove": N_("Remove… (d)")}


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
            for button_id, label in BUTTONS.items():
                yield Button(_(label), id=button_id, compact=True, disabled=self._session.read_only)

    def set_language(self, language: str) -> None:
        """Headers, scopes, buttons and the total in the interface language (already switched)."""
        for button_id, label in BUTTONS.items():
            self.query_one(f"#{button_id}", Button).label = _(label)
        if self.is_mounted and self.table.columns:
            self.refresh_rows()

    def on_mount(self) -> None:
        self._fitted_to = 0
        self._fit_columns()

    def on_resize(self) -> None:
        self._fit_columns()

    def _content_widths(self, short: bool) -> dict[str, int]:
        """The widest cell of each column that fits its content (headers included by the caller)."""
        items = self.initiatives
        return {
            "Scope": max((cell_len(scope_text(i, short)) for i in items), default=0),
            "Years": max((cell_len(years(i)) for i in items), default=0),
            "Budget": max((cell_len(clean(budget_text(i), one_line=True)) for i in items), default=0),
            "Partners": max((cell_len(clean(i.partners, one_line=True)) for i in items), default=0),
        }

    def _fit_columns(self, *, force: bool = False) -> None:
        """(Re)build the columns for the width on screen; the rows are refilled from the draft."""
        available = self.table.scrollable_content_region.width or self.size.width
        if available == self._fitted_to and self.table.columns and not force:
            return
        self._fitted_to = available
        table = self.table
        table.clear(columns=True)
        widths = column_widths(available, self._content_widths(short=available < COMPACT))
        for name in COLUMNS:
            if name in widths:
                table.add_column(_(name), width=widths[name], key=name)
        self._fill_rows()

    def refresh_rows(self, cursor: int | None = None) -> None:
        """Rebuild the table and the total from the draft (columns refitted to the new content)."""
        table = self.table
        row = table.cursor_row if cursor is None else cursor
        self._fit_columns(force=True)
        if self.initiatives:
            table.move_cursor(row=max(0, min(row, len(self.initiatives) - 1)))

    def _fill_rows(self) -> None:
        table = self.table
        table.clear()
        shown = [str(key.value) for key in table.columns]
        short = self._fitted_to < COMPACT
        title_width = next((c.width for c in table.columns.values() if str(c.key.value) == "Title"), 10)
        for i, item in enumerate(self.initiatives):
            values = {
                "Title": title_cell(
                    item.title or _("(no title)"),
                    title_width,
                    self.app.console,
                    1 if self._fitted_to < NARROW else TITLE_LINES,
                ),
                "Scope": cell(scope_text(item, short)),
                "Years": cell(years(item)),
                "Partners": cell(item.partners),
                "Budget": cell(budget_text(item), right=True),
            }
            table.add_row(*(values[name] for name in shown), key=str(i), height=None)
        self._show_total()

    def _show_total(self) -> None:
        section = self._session.draft.sections.contribution
        totals = section.budget_totals()
        count = len(self.initiatives)
        unset = section.unset_budgets()
        if not count:
            total = Content(_("No initiative yet: press a to add one.")).stylize("$text-muted")
        else:
            if totals:
                shown = " + ".join(f"{money(amount)} {currency}" for currency, amount in totals.items())
                total = Content.assemble(_("Total budget: "), literal(shown, one_line=True))
            else:
                total = Content(_("Total budget: none given yet"))
            detail = ngettext("{count} initiative", "{count} initiatives", count).format(count=count)
            if unset:
                detail = ngettext(
                    "{initiatives}; {count} has no budget yet",
                    "{initiatives}; {count} have no budget yet",
                    unset,
                ).format(initiatives=detail, count=unset)
            total = Content.assemble(total, f"  ({detail})")
        self.query_one("#plan-total", Static).update(total)

    def select_row(self, index: int) -> None:
        if 0 <= index < len(self.initiatives):
            self.table.move_cursor(row=index)
        self.table.focus()

    def _changed(self, cursor: int | None = None) -> None:
        self._session.edited()
        self.refresh_rows(cursor)
        self.post_message(PartEdited(form.PLAN.id))

    @work(exclusive=True, group="plan")
    async def add(self) -> None:
        if self._session.read_only:
            return
        country = self._session.draft.basic.country
        item = await self.app.push_screen_wait(InitiativeDialog(currency=currency_for(country)))
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
        title = self.initiatives[index].title or _("number {number}").format(number=index + 1)
        answer = await self.app.push_screen_wait(
            ConfirmDialog(
                _("Remove initiative"),
                _("Remove the initiative “{title}” from the action plan?").format(title=title),
                yes=_("Remove"),
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

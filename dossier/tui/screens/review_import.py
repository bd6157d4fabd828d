"""Review a reviewed Word file before any of it goes into the draft.

The list names every change the document makes, part by part (✓ taken, ✗ left); the
pane shows the highlighted one word by word, deleted text struck through in red and
inserted text underlined in green (readable without colour). Space (or enter) takes or
leaves a change or one tracked change, ``p`` every change of a part, ``t`` every tracked
change of a part (they start left: they are proposals). The SDG and action-plan tables
follow the parts: each row added, removed or changed is taken or left the same way, and
their tracked changes are taken or left together (``t``). Nothing is written until ``a``
(apply): the screen then returns the draft with the changes taken (and the reviewers'
comments as notes), which the app puts in the editor as one step that "Undo restore"
takes back, and saves as one version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from dossier.core.diff import PartDiff
from dossier.core.i18n import _, ngettext
from dossier.core.model import Dossier
from dossier.export.merge import (
    Change,
    ImportPlan,
    PartPlan,
    RowEdit,
    apply_plan,
    build_plan,
    comment_notes,
    table_title,
)
from dossier.export.reviewed import Reviewed, TrackedChange
from dossier.export.tables import PLAN_TABLE, SDG_TABLE
from dossier.tui.base import DossierScreen
from dossier.tui.screens.history import ADDED, REMOVED, diff_content
from dossier.tui.text import literal

Key = tuple[str, int, frozenset[int]]
"""A change: (part or table, number, its tracked changes taken when it was numbered)."""


@dataclass(frozen=True, slots=True)
class TableGroup:
    """The heading of one table's rows in the list."""

    table: str
    title: str


Entry = tuple[PartPlan | TableGroup, Change | RowEdit | None, TrackedChange | None]
"""One line of the list: its part or table, and the change or tracked change on it (None: the heading)."""


class ReviewImportScreen(DossierScreen):
    """Every change of a reviewed Word file, to take or leave one by one; dismisses with the
    new draft (``a``) or None (escape). (ctrl+s stays the app's save, which saves nothing new here.)"""

    DEFAULT_CSS = """
    ReviewImportScreen { layout: vertical; }
    ReviewImportScreen #review-title { height: auto; padding: 0 1; background: $boost; text-style: bold; }
    ReviewImportScreen #review-key { height: 1; padding: 0 1; color: $text-muted; }
    ReviewImportScreen #review-body { height: 1fr; }
    ReviewImportScreen #review-changes { width: 40%; height: 1fr; border: none; }
    ReviewImportScreen #review-diff { width: 1fr; height: 1fr; padding: 0 1; }
    ReviewImportScreen OptionList { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="cancel"),
        Binding("space", "take", _("Take/leave"), id="take"),
        Binding("p", "toggle_part", _("Whole part"), id="toggle_part"),
        Binding("t", "tracked", _("Tracked changes"), id="tracked"),
        Binding("a", "confirm", _("Apply"), id="confirm"),
    ]

    def __init__(self, draft: Dossier, reviewed: Reviewed, titles: dict[str, str], name: str) -> None:
        super().__init__()
        self.draft = draft
        self.reviewed = reviewed
        self.titles = titles
        self.name_ = name
        self.accepted: dict[str, set[int]] = {}
        """Per part, the tracked changes taken (by number); none at first: they are proposals."""
        self.plan = self._build()
        self.taken: dict[Key, bool] = {}
        """Choices made; a change not in it is taken when it applies cleanly."""
        self.rows: list[Entry] = []
        self._done = False

    def _build(self) -> ImportPlan:
        return build_plan(self.draft, self.reviewed, titles=self.titles, accepted=self.accepted)

    # ------------------------------------------------------------------ the plan shown
    def key(self, part: str, change: Change | RowEdit) -> Key:
        return (part, change.number, frozenset(self.accepted.get(part, set())))

    def is_taken(self, part: str, change: Change | RowEdit) -> bool:
        return self.taken.get(self.key(part, change), change.status == "apply")

    def tracked_taken(self, part: str, tracked: TrackedChange) -> bool:
        return tracked.number in self.accepted.get(part, set())

    def table_rows(self, table: str) -> list[RowEdit]:
        return [r for r in self.plan.rows if r.table == table]

    def compose(self) -> ComposeResult:
        plan = self.plan
        changes = len(plan.changes()) + len(plan.rows)
        summary = ngettext(
            "{name}: {count} change to review", "{name}: {count} changes to review", changes
        ).format(name=self.name_, count=changes)
        if plan.comments:
            summary += " · " + ngettext(
                "{count} comment becomes a note", "{count} comments become notes", len(plan.comments)
            ).format(count=len(plan.comments))
        problems = [*plan.problems, *plan.outside]
        title = literal(summary, one_line=True)
        if problems:
            title = Content.assemble(
                title, *(Content.assemble("\n", literal(p, "$text-warning", one_line=True)) for p in problems)
            )
        yield Static(title, id="review-title")
        yield Static(
            Content.assemble(
                (_("struck red"), REMOVED),
                " " + _("in the draft, not in the document;") + " ",
                (_("underlined green"), ADDED),
                " " + _("in the document"),
            ),
            id="review-key",
        )
        with Horizontal(id="review-body"):
            yield OptionList(id="review-changes")
            with VerticalScroll(id="review-diff"):
                yield Static(Content(""), id="review-diff-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_list()
        self.query_one("#review-changes", OptionList).focus()

    def refresh_list(self) -> None:
        options = self.query_one("#review-changes", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        self.rows = []
        shown: list[Option] = []
        for plan in self.plan.parts:
            if not plan.has_news:
                continue
            self.rows.append((plan, None, None))
            shown.append(Option(literal(plan.title, "bold", one_line=True)))
            for change in plan.changes:
                mark = "✓" if self.is_taken(plan.part, change) else "✗"
                status = {
                    "apply": "",
                    "already": " " + _("(already in the draft)"),
                    "conflict": " " + _("(conflict)"),
                    "rejected": "",
                }[change.status]
                first = (change.theirs or change.base or [""])[0]
                self.rows.append((plan, change, None))
                shown.append(
                    Option(
                        Content.assemble(
                            f"  {mark} ",
                            literal(first, one_line=True),
                            (status, "$text-warning" if change.status == "conflict" else "$text-muted"),
                        )
                    )
                )
            for tracked in plan.tracked:
                mark = "✓" if self.tracked_taken(plan.part, tracked) else "·"
                who = tracked.author or _("(no name)")
                line = (
                    _("inserted by {author}: {text}")
                    if tracked.kind == "inserted"
                    else _("deleted by {author}: {text}")
                ).format(author=who, text=tracked.text)
                self.rows.append((plan, None, tracked))
                shown.append(
                    Option(
                        Content.assemble(
                            f"  {mark} ",
                            literal(line, ADDED if tracked.kind == "inserted" else REMOVED, one_line=True),
                        )
                    )
                )
        for table in (SDG_TABLE, PLAN_TABLE):
            rows = self.table_rows(table)
            tracked_rows = self.plan.table_tracked.get(table, [])
            if not rows and not tracked_rows:
                continue
            group = TableGroup(table, table_title(table))
            self.rows.append((group, None, None))
            shown.append(Option(literal(group.title, "bold", one_line=True)))
            for row in rows:
                mark = "✓" if self.is_taken(table, row) else "✗"
                status = {
                    "apply": "",
                    "already": " " + _("(already in the draft)"),
                    "conflict": " " + _("(conflict)"),
                    "rejected": " " + _("(cannot be read)"),
                }[row.status]
                sign = {"added": "+", "removed": "−", "changed": "~"}[row.kind]
                self.rows.append((group, row, None))
                shown.append(
                    Option(
                        Content.assemble(
                            f"  {mark} {sign} ",
                            literal(" | ".join(row.new or row.old), one_line=True),
                            (status, "$text-warning" if row.status != "apply" else "$text-muted"),
                        )
                    )
                )
            for tracked in tracked_rows:
                mark = "✓" if table in self.plan.tables_accepted else "·"
                line = (
                    _("inserted by {author}: {text}")
                    if tracked.kind == "inserted"
                    else _("deleted by {author}: {text}")
                ).format(author=tracked.author or _("(no name)"), text=tracked.text)
                self.rows.append((group, None, tracked))
                shown.append(
                    Option(
                        Content.assemble(
                            f"  {mark} ",
                            literal(line, ADDED if tracked.kind == "inserted" else REMOVED, one_line=True),
                        )
                    )
                )
        if not shown:
            shown.append(Option(Content(_("No change in the text.")), disabled=True))
        options.add_options(shown)
        if self.rows:
            options.highlighted = min(highlighted or 0, len(self.rows) - 1)
            self.show_row(options.highlighted or 0)

    @on(OptionList.OptionHighlighted, "#review-changes")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_row(event.option_index)

    def show_row(self, index: int) -> None:
        if not 0 <= index < len(self.rows):
            return
        plan, change, tracked_row = self.rows[index]
        if isinstance(plan, TableGroup):
            self.show_table(plan, change if isinstance(change, RowEdit) else None, tracked_row)
            return
        assert not isinstance(change, RowEdit)
        out: list[Content] = []
        if tracked_row is not None:
            state = _("taken") if self.tracked_taken(plan.part, tracked_row) else _("left")
            out.append(Content.styled(_("Tracked change: {state}").format(state=state), "bold"))
            out.append(literal(tracked_row.text, ADDED if tracked_row.kind == "inserted" else REMOVED))
            self.query_one("#review-diff-text", Static).update(Content("\n").join(out))
            return
        changes = [change] if change is not None else plan.changes
        for item in changes:
            out.append(
                Content.styled(
                    (
                        _("Change {number} to the working text: {state}")
                        if item.column == "working"
                        else _("Change {number}: {state}")
                    ).format(
                        number=item.number,
                        state=_("taken") if self.is_taken(plan.part, item) else _("left"),
                    ),
                    "bold",
                )
            )
            out.append(diff_content(PartDiff(plan.part, text=tuple(item.chunks()))))
            if item.status == "conflict":
                out.append(
                    Content.styled(
                        _("The draft now reads (struck) against the document (underlined):"), "$text-warning"
                    )
                )
                out.append(diff_content(PartDiff(plan.part, text=tuple(item.conflict_chunks()))))
        if change is None:
            for tracked in plan.tracked:
                who = tracked.author or _("(no name)")
                line = (
                    _("inserted by {author}: {text}")
                    if tracked.kind == "inserted"
                    else _("deleted by {author}: {text}")
                ).format(author=who, text=tracked.text)
                out.append(literal(line, ADDED if tracked.kind == "inserted" else REMOVED, one_line=True))
            if plan.formatting:
                out.append(
                    literal(
                        _("Formatting not kept (the draft holds plain text): {what}.").format(
                            what=", ".join(plan.formatting)
                        ),
                        "$text-warning",
                    )
                )
            if plan.problem:
                out.append(literal(plan.problem, "$text-warning"))
        self.query_one("#review-diff-text", Static).update(Content("\n").join(out) if out else Content(""))

    def show_table(self, group: TableGroup, row: RowEdit | None, tracked: TrackedChange | None) -> None:
        """A table's row edit (or all of them), cell by cell, word by word."""
        out: list[Content] = []
        if tracked is not None:
            taken = group.table in self.plan.tables_accepted
            out.append(
                Content.styled(
                    _("Tracked change in the table: {state}").format(
                        state=_("taken") if taken else _("left")
                    ),
                    "bold",
                )
            )
            out.append(literal(tracked.text, ADDED if tracked.kind == "inserted" else REMOVED))
        shown = [row] if row is not None else self.table_rows(group.table) if tracked is None else []
        for item in shown:
            kind = {"added": _("Row added"), "removed": _("Row removed"), "changed": _("Row changed")}[
                item.kind
            ]
            state = _("taken") if self.is_taken(group.table, item) else _("left")
            out.append(
                Content.styled(
                    _("{kind} {number}: {state}").format(kind=kind, number=item.number, state=state), "bold"
                )
            )
            out.append(diff_content(PartDiff(group.table, text=tuple(item.chunks()))))
            if item.status == "conflict":
                out.append(
                    Content.styled(
                        _("The draft now reads (struck) against the document (underlined):"), "$text-warning"
                    )
                )
                out.append(diff_content(PartDiff(group.table, text=tuple(item.conflict_chunks()))))
            for reason in item.unread:
                out.append(literal(_("Not applied, {reason}").format(reason=reason), "$text-warning"))
        self.query_one("#review-diff-text", Static).update(Content("\n").join(out) if out else Content(""))

    # ------------------------------------------------------------------ choosing
    @on(OptionList.OptionSelected, "#review-changes")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_take()

    def _current(self) -> Entry | None:
        index = self.query_one("#review-changes", OptionList).highlighted
        if index is None or not 0 <= index < len(self.rows):
            return None
        return self.rows[index]

    def action_take(self) -> None:
        current = self._current()
        if current is None:
            return
        plan, change, tracked = current
        if isinstance(plan, TableGroup):
            if tracked is not None:  # a table's tracked changes are taken together
                self.action_tracked()
                return
            if change is None:
                self.action_toggle_part()
                return
            self.taken[self.key(plan.table, change)] = not self.is_taken(plan.table, change)
            self.refresh_list()
            return
        if tracked is not None:
            self.accepted.setdefault(plan.part, set()).symmetric_difference_update({tracked.number})
            self.plan = self._build()
        elif change is None:
            self.action_toggle_part()
            return
        elif isinstance(change, Change):
            self.taken[self.key(plan.part, change)] = not self.is_taken(plan.part, change)
        self.refresh_list()

    def action_toggle_part(self) -> None:
        current = self._current()
        if current is None:
            return
        plan = current[0]
        if isinstance(plan, TableGroup):
            rows = self.table_rows(plan.table)
            every = not all(self.is_taken(plan.table, r) for r in rows)
            for row in rows:
                self.taken[self.key(plan.table, row)] = every
            self.refresh_list()
            return
        take = not all(self.is_taken(plan.part, c) for c in plan.changes)
        for change in plan.changes:
            self.taken[self.key(plan.part, change)] = take
        self.refresh_list()

    def action_tracked(self) -> None:
        """Take all of the part's tracked changes, or leave them all."""
        current = self._current()
        if current is None:
            return
        plan = current[0]
        if isinstance(plan, TableGroup):
            if not self.plan.table_tracked.get(plan.table):
                return
            self.accepted[plan.table] = set() if self.accepted.get(plan.table) else {0}
            self.plan = self._build()
            self.refresh_list()
            return
        if not plan.tracked:
            return
        every = {t.number for t in plan.tracked}
        self.accepted[plan.part] = set() if self.accepted.get(plan.part) == every else every
        self.plan = self._build()
        self.refresh_list()

    def action_confirm(self) -> None:
        if self._done:  # keys queued behind the first "a" (or escape) find the screen leaving
            return
        self._done = True
        plan = self.plan
        chosen = {(p.part, c.number) for p in plan.parts for c in p.changes if self.is_taken(p.part, c)}
        chosen |= {(r.table, r.number) for r in plan.rows if self.is_taken(r.table, r)}
        new, messages, _count = apply_plan(
            self.draft, plan, chosen, notes=comment_notes(self.draft, plan, self.name_)
        )
        for message in messages:
            self.app.notify(message, severity="warning", markup=False)
        self.dismiss(new)

    def action_cancel(self) -> None:
        if self._done:
            return
        self._done = True
        self.dismiss(None)

"""Review a reviewed Word file before any of it goes into the draft.

The list names every change the document makes, part by part (✓ taken, ✗ left); the
pane shows the highlighted one word by word, deleted text struck through in red and
inserted text underlined in green (readable without colour). Space (or enter) takes or
leaves a change or one tracked change, ``p`` every change of a part, ``t`` every tracked
change of a part (they start left: they are proposals), in either column of a bilingual
review copy. The SDG and action-plan tables follow the parts: each row added, removed or
changed, and each tracked change in a cell, is taken or left the same way (``p``, ``t``:
all of the table's). Nothing is written until ``a``
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
from dossier.core.i18n import N_, _, gap, ngettext
from dossier.core.model import Dossier
from dossier.export.merge import (
    Change,
    ImportPlan,
    PartPlan,
    RowEdit,
    apply_plan,
    build_plan,
    comment_notes,
    formatting_line,
    proposal_line,
    table_title,
)
from dossier.export.reviewed import Reviewed, TrackedChange
from dossier.export.tables import PLAN_TABLE, SDG_TABLE
from dossier.tui.base import DossierScreen
from dossier.tui.screens.history import ADDED, REMOVED, diff_content
from dossier.tui.text import assemble, literal

Key = tuple[str, int, frozenset[int]]
"""A change: (part or table, number, its tracked changes taken when it was numbered)."""


@dataclass(frozen=True, slots=True)
class TableGroup:
    """The heading of one table's rows in the list."""

    table: str
    title: str


Group = PartPlan | TableGroup
Entry = tuple[Group, Change | RowEdit | None, TrackedChange | None]
"""One line of the list: its part or table, and the change or tracked change on it (None: the heading)."""


def where_of(group: Group) -> str:
    """The part's or table's id: what changes are numbered in and tracked changes taken by."""
    return group.part if isinstance(group, PartPlan) else group.table


def title_of(group: Group) -> str:
    return group.title


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
        Binding("escape", "cancel", N_("Cancel"), id="cancel"),
        Binding("space", "take", N_("Take/leave"), id="take"),
        Binding("p", "toggle_part", N_("Whole part"), id="toggle_part"),
        Binding("t", "tracked", N_("Tracked changes"), id="tracked"),
        Binding("a", "confirm", N_("Apply"), id="confirm"),
    ]

    def __init__(self, draft: Dossier, reviewed: Reviewed, titles: dict[str, str], name: str) -> None:
        super().__init__()
        self.draft = draft
        self.reviewed = reviewed
        self.titles = titles
        self.name_ = name
        self.accepted: dict[str, set[int]] = {}
        """Per part or table, the tracked changes taken (by number); none at first: they are proposals."""
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

    def groups(self) -> list[tuple[Group, list[Change] | list[RowEdit], list[TrackedChange]]]:
        """The parts with something to show, then the tables: each with its changes and proposals."""
        out: list[tuple[Group, list[Change] | list[RowEdit], list[TrackedChange]]] = [
            (plan, plan.changes, plan.tracked) for plan in self.plan.parts if plan.has_news
        ]
        for table in (SDG_TABLE, PLAN_TABLE):
            rows, proposals = self.table_rows(table), self.plan.table_tracked.get(table, [])
            if rows or proposals:
                out.append((TableGroup(table, table_title(table)), rows, proposals))
        return out

    def proposals(self, group: Group) -> list[TrackedChange]:
        return group.tracked if isinstance(group, PartPlan) else self.plan.table_tracked.get(group.table, [])

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
            assemble(
                # Translators: the key to the diff's colours ("struck red", "underlined green")
                _("{removed} in the draft, not in the document; {added} in the document"),
                removed=Content.styled(_("struck red"), REMOVED),
                added=Content.styled(_("underlined green"), ADDED),
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
        for group, changes, proposals in self.groups():
            where = where_of(group)
            self.rows.append((group, None, None))
            shown.append(Option(literal(title_of(group), "bold", one_line=True)))
            for change in changes:
                self.rows.append((group, change, None))
                shown.append(Option(self._change_option(where, change)))
            for proposal in proposals:
                mark = "✓" if self.tracked_taken(where, proposal) else "·"
                line = proposal_line(proposal, in_table=isinstance(group, TableGroup))
                self.rows.append((group, None, proposal))
                shown.append(
                    Option(
                        Content.assemble(
                            f"  {mark} ",
                            literal(line, ADDED if proposal.kind == "inserted" else REMOVED, one_line=True),
                        )
                    )
                )
        if not shown:
            shown.append(Option(Content(_("No change in the text.")), disabled=True))
        options.add_options(shown)
        if self.rows:
            options.highlighted = min(highlighted or 0, len(self.rows) - 1)
            self.show_row(options.highlighted or 0)

    def _change_option(self, where: str, change: Change | RowEdit) -> Content:
        """A change's line in the list: taken or not, its first words, what keeps it back."""
        mark = "✓" if self.is_taken(where, change) else "✗"
        status = {
            "apply": "",
            "already": _("(already in the draft)"),
            "conflict": _("(conflict)"),
            "rejected": _("(cannot be read)"),
        }[change.status]
        if isinstance(change, RowEdit):
            sign = {"added": "+", "removed": "−", "changed": "~"}[change.kind]
            first = f"{sign} " + " | ".join(change.new or change.old)
            style = "$text-warning" if change.status != "apply" else "$text-muted"
        else:
            first = (change.theirs or change.base or [""])[0]
            style = "$text-warning" if change.status == "conflict" else "$text-muted"
        return Content.assemble(
            f"  {mark} ", literal(first, one_line=True), (gap(first, status) + status, style)
        )

    @on(OptionList.OptionHighlighted, "#review-changes")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_row(event.option_index)

    def show_row(self, index: int) -> None:
        """The highlighted line's detail: one change or proposal, or a whole part or table."""
        if not 0 <= index < len(self.rows):
            return
        group, change, proposal = self.rows[index]
        where = where_of(group)
        out: list[Content] = []
        if proposal is not None:
            state = _("taken") if self.tracked_taken(where, proposal) else _("left")
            heading = (
                _("Tracked change in the table: {state}")
                if isinstance(group, TableGroup)
                else _("Tracked change: {state}")
            )
            out.append(Content.styled(heading.format(state=state), "bold"))
            out.append(literal(proposal_line(proposal, in_table=isinstance(group, TableGroup))))
            out.append(literal(proposal.text, ADDED if proposal.kind == "inserted" else REMOVED))
        else:
            changes: list[Change] | list[RowEdit]
            if change is not None:
                changes = [change]  # type: ignore[assignment]
            elif isinstance(group, PartPlan):
                changes = group.changes
            else:
                changes = self.table_rows(group.table)
            for item in changes:
                out.extend(self._change_detail(where, item))
            if change is None:
                for tracked in self.proposals(group):
                    out.append(
                        literal(
                            proposal_line(tracked, in_table=isinstance(group, TableGroup)),
                            ADDED if tracked.kind == "inserted" else REMOVED,
                            one_line=True,
                        )
                    )
                if isinstance(group, PartPlan) and group.formatting:
                    out.append(literal(formatting_line(group.formatting), "$text-warning"))
                if isinstance(group, PartPlan) and group.problem:
                    out.append(literal(group.problem, "$text-warning"))
        self.query_one("#review-diff-text", Static).update(Content("\n").join(out) if out else Content(""))

    def _change_detail(self, where: str, item: Change | RowEdit) -> list[Content]:
        """One change word by word (a row cell by cell), and for a conflict the draft's side."""
        state = _("taken") if self.is_taken(where, item) else _("left")
        if isinstance(item, RowEdit):
            kind = {"added": _("Row added"), "removed": _("Row removed"), "changed": _("Row changed")}[
                item.kind
            ]
            heading = _("{kind} {number}: {state}").format(kind=kind, number=item.number, state=state)
        else:
            heading = (
                _("Change {number} to the working text: {state}")
                if item.column == "working"
                else _("Change {number}: {state}")
            ).format(number=item.number, state=state)
        out = [
            Content.styled(heading, "bold"),
            diff_content(PartDiff(where, text=tuple(item.chunks()))),
        ]
        if item.status == "conflict":
            out.append(
                Content.styled(
                    _("The draft now reads (struck) against the document (underlined):"), "$text-warning"
                )
            )
            out.append(diff_content(PartDiff(where, text=tuple(item.conflict_chunks()))))
        if isinstance(item, RowEdit):
            for reason in item.unread:
                out.append(literal(_("Not applied, {reason}").format(reason=reason), "$text-warning"))
        return out

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
        """Take or leave the highlighted change or proposal (on a heading: the whole part or table)."""
        current = self._current()
        if current is None:
            return
        group, change, proposal = current
        where = where_of(group)
        if proposal is not None:
            self.accepted.setdefault(where, set()).symmetric_difference_update({proposal.number})
            self.plan = self._build()
        elif change is None:
            self.action_toggle_part()
            return
        else:
            self.taken[self.key(where, change)] = not self.is_taken(where, change)
        self.refresh_list()

    def action_toggle_part(self) -> None:
        current = self._current()
        if current is None:
            return
        group = current[0]
        where = where_of(group)
        changes = group.changes if isinstance(group, PartPlan) else self.table_rows(group.table)
        take = not all(self.is_taken(where, c) for c in changes)
        for change in changes:
            self.taken[self.key(where, change)] = take
        self.refresh_list()

    def action_tracked(self) -> None:
        """Take all of the part's (or table's) tracked changes, or leave them all."""
        current = self._current()
        if current is None:
            return
        group = current[0]
        proposals = self.proposals(group)
        if not proposals:
            return
        where = where_of(group)
        every = {t.number for t in proposals}
        self.accepted[where] = set() if self.accepted.get(where) == every else every
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

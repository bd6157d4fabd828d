"""Readiness at a glance: progress per part and overall, findings with a jump, attachments, timeline."""

from __future__ import annotations

from datetime import UTC
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, ProgressBar, Static

from dossier.core import form
from dossier.core.i18n import _
from dossier.core.model import Attachment
from dossier.core.rules import part_label
from dossier.tui.base import DossierScreen
from dossier.tui.session import ENTRIES, Session, entry_for
from dossier.tui.text import literal
from dossier.tui.widgets.findings import FindingsList
from dossier.tui.widgets.header import DossierHeader
from dossier.tui.widgets.sidebar import MARK_STYLES, MARKS, STATUS_WORDS

ATTACHMENT_MARKS = {
    "missing": ("✗", "$text-error"),
    "in_progress": ("◐", "$text-warning"),
    "ready": ("✓", "$text-success"),
}


def days_phrase(days: int) -> str:
    if days < 0:
        return f"passed {-days} day{'s' if days != -1 else ''} ago"
    if days == 0:
        return "today"
    return f"in {days} day{'s' if days != 1 else ''}"


class OverviewScreen(DossierScreen):
    """What is done and what is missing; enter on a finding goes to it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back to editing", id="back")]
    # Textual 8 annotates this "ClassVar[...] | None", which type checkers read as an instance
    # variable: annotated the same way here, so mypy accepts the override.
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012

    def __init__(self, session: Session, *, language: str = "en") -> None:
        super().__init__()
        self.session = session
        self.language = language

    @property
    def findings(self) -> FindingsList:
        return self.query_one("#overview-findings", FindingsList)

    def compose(self) -> ComposeResult:
        session = self.session
        states = {entry: session.state(entry) for entry in ENTRIES}
        errors, warnings = session.totals()
        complete = sum(state.status == "complete" for state in states.values())
        yield DossierHeader(id="header")
        with Horizontal(id="overview-columns"):
            with VerticalScroll(id="overview-left", classes="overview-column"):
                yield Static(Content("Readiness"), classes="overview-heading")
                with Horizontal(classes="progress-row overall"):
                    yield Static(
                        Content(f"Overall: {complete} of {len(ENTRIES)} parts complete"),
                        classes="progress-label",
                    )
                    yield ProgressBar(total=100, show_eta=False, id="overall-progress")
                yield Static(
                    Content.assemble(
                        (
                            f"{errors} error{'s' if errors != 1 else ''}",
                            "$text-error bold" if errors else "$text-success",
                        ),
                        ", ",
                        (
                            f"{warnings} warning{'s' if warnings != 1 else ''}",
                            "$text-warning" if warnings else "",
                        ),
                        " (the list below goes to each one)" if errors or warnings else ": nothing flagged",
                    ),
                    id="overview-counts",
                )
                for entry, state in states.items():
                    unit = "required" if entry == form.BASIC.id else "ready"
                    detail = (
                        f"{state.words}/{state.max_words} words"
                        if state.words is not None
                        else f"{state.done}/{state.total} {unit}"
                    )
                    with Horizontal(classes=f"progress-row -{state.status}"):
                        yield Static(
                            Content.assemble(
                                (MARKS[state.status], MARK_STYLES[state.status]),
                                " ",
                                literal(session.label(entry, self.language), one_line=True),
                            ),
                            classes="progress-label",
                        )
                        yield ProgressBar(total=100, show_eta=False, id=f"progress-{entry}")
                        behind = " · " + _("translation out of date") if state.translation_behind else ""
                        yield Static(
                            Content.assemble(
                                detail,
                                (f" · {STATUS_WORDS[state.status]}", "$text-muted"),
                                (behind, "$text-warning"),
                            ),
                            classes="progress-detail",
                        )
                yield Static(Content("Findings (enter goes to one)"), classes="overview-heading")
                yield FindingsList(
                    id="overview-findings", empty_text="Nothing flagged: the draft passes every check."
                )
            with VerticalScroll(id="overview-right", classes="overview-column"):
                yield Static(Content("Attachments"), classes="overview-heading")
                yield Static(self._attachments(), id="overview-attachments")
                yield Static(Content("Timeline"), classes="overview-heading")
                yield Static(self._timeline(), id="overview-timeline")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        session = self.session
        self.query_one(DossierHeader).show(session)
        states = {entry: session.state(entry) for entry in ENTRIES}
        self.query_one("#overall-progress", ProgressBar).update(
            progress=round(100 * sum(s.fraction for s in states.values()) / len(states))
        )
        for entry, state in states.items():
            self.query_one(f"#progress-{entry}", ProgressBar).update(progress=round(100 * state.fraction))
        findings = [f for entry in ENTRIES for f in session.findings_for(entry)]
        profile = session.profile
        self.findings.show(findings, prefix=lambda f: f"{part_label(f.part, profile, self.language)}: ")
        self.findings.focus()

    def _attachments(self) -> Content:
        lines: list[Content] = []
        for spec in self.session.profile.attachments:
            item = self.session.draft.attachments.get(spec.id) or Attachment()
            mark, style = ATTACHMENT_MARKS.get(item.status, ("?", ""))
            line = Content.assemble(
                (mark, style),
                " ",
                literal(spec.label(self.language), one_line=True),
                (f" · {item.status.replace('_', ' ')}", "$text-muted"),
            )
            if item.path:
                line = Content.assemble(
                    line, ("\n    ", ""), literal(item.path, "$text-muted", one_line=True)
                )
            lines.append(line)
        return Content("\n").join(lines)

    def _timeline(self) -> Content:
        now = self.session.clock()
        lines: list[Content] = []
        for milestone in self.session.profile.timeline:
            days = (milestone.date.astimezone(UTC).date() - now.astimezone(UTC).date()).days
            style = "$text-muted" if days < 0 else ("$text-warning bold" if days <= 30 else "")
            lines.append(
                Content.assemble(
                    (f"{milestone.date:%d %b %Y}", "bold"),
                    "  ",
                    literal(milestone.label(self.language), one_line=True),
                    (" (provisional)" if milestone.provisional else "", "$text-muted"),
                    "\n    ",
                    (days_phrase(days), style),
                )
            )
        return Content("\n").join(lines)

    @on(FindingsList.Chosen)
    async def _chosen(self, message: FindingsList.Chosen) -> None:
        message.stop()
        finding = message.finding
        await self.app.go_to_part(entry_for(finding.part), finding.location)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        if self.is_active:  # a second escape in the same burst must not close the editor below
            self.app.pop_screen()

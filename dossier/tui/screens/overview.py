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
from dossier.core.i18n import N_, _, gap, ngettext
from dossier.core.model import Attachment
from dossier.core.rules import next_stage, part_label
from dossier.tui.base import DossierScreen
from dossier.tui.session import ENTRIES, Session, entry_for
from dossier.tui.text import assemble, format_date, literal
from dossier.tui.typeset import Typeset, TypesetStatic
from dossier.tui.widgets.findings import FindingsList
from dossier.tui.widgets.header import DossierHeader
from dossier.tui.widgets.sidebar import MARK_STYLES, MARKS, STATUS_WORDS, progress_text
from dossier.workspace import check

ATTACHMENT_WORDS = {"missing": N_("missing"), "in_progress": N_("in progress"), "ready": N_("ready")}
"""An attachment's status in words (English msgids: translate where shown)."""
ATTACHMENT_MARKS = {
    "missing": ("✗", "$text-error"),
    "in_progress": ("◐", "$text-warning"),
    "ready": ("✓", "$text-success"),
}


def days_phrase(days: int) -> str:
    if days < 0:
        return ngettext("passed {count} day ago", "passed {count} days ago", -days).format(count=-days)
    if days == 0:
        return _("today")
    return ngettext("in {count} day", "in {count} days", days).format(count=days)


class OverviewScreen(DossierScreen):
    """What is done and what is missing; enter on a finding goes to it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", N_("Back to editing"), id="back")]
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
                yield Static(Content(_("Readiness")), classes="overview-heading")
                with Horizontal(classes="progress-row overall"):
                    yield Static(
                        Content(
                            _("Overall: {complete} of {total} parts complete").format(
                                complete=complete, total=len(ENTRIES)
                            )
                        ),
                        classes="progress-label",
                    )
                    yield ProgressBar(total=100, show_eta=False, id="overall-progress")
                yield TypesetStatic(Typeset(self._counts(errors, warnings)), id="overview-counts")
                yield TypesetStatic(Typeset(self._verdict()), id="overview-verdict")
                for entry, state in states.items():
                    detail = (
                        _("{words}/{limit} words").format(words=state.words, limit=state.max_words)
                        if state.words is not None
                        else _("{done}/{total} required").format(done=state.done, total=state.total)
                        if entry == form.BASIC.id
                        else progress_text(entry, state.done, state.total)
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
                                (f" · {_(STATUS_WORDS[state.status])}", "$text-muted"),
                                (behind, "$text-warning"),
                            ),
                            classes="progress-detail",
                        )
                yield Static(Content(_("Findings (enter goes to one)")), classes="overview-heading")
                yield FindingsList(
                    id="overview-findings", empty_text=N_("Nothing flagged: the draft passes every check.")
                )
            with VerticalScroll(id="overview-right", classes="overview-column"):
                yield Static(Content(_("Attachments")), classes="overview-heading")
                yield Static(self._attachments(), id="overview-attachments")
                yield Static(Content(_("Timeline")), classes="overview-heading")
                yield Static(self._timeline(), id="overview-timeline")
                if session.draft.notes:
                    yield Static(Content(_("Reviewers' notes")), classes="overview-heading")
                    # a note is often Chinese: its rows break as Chinese is set
                    yield TypesetStatic(Typeset(self._notes()), id="overview-notes")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._fill()

    async def language_changed(self, language: str) -> None:
        """Everything on the overview in ``language`` (the findings follow the check the app reruns)."""
        self.language = language
        await self.recompose()
        self._fill()

    def _fill(self) -> None:
        session = self.session
        self.query_one(DossierHeader).show(session, language=self.language)
        states = {entry: session.state(entry) for entry in ENTRIES}
        self.query_one("#overall-progress", ProgressBar).update(
            progress=round(100 * sum(s.fraction for s in states.values()) / len(states))
        )
        for entry, state in states.items():
            self.query_one(f"#progress-{entry}", ProgressBar).update(progress=round(100 * state.fraction))
        self.show_findings()
        self.findings.focus()

    def show_findings(self) -> None:
        """Every finding of the draft (again after a check, which may have reworded them)."""
        session = self.session
        findings = [f for entry in ENTRIES for f in session.findings_for(entry)]
        profile = session.profile
        self.findings.show(
            findings, prefix=lambda f: _("{part}: ").format(part=part_label(f.part, profile, self.language))
        )

    @staticmethod
    def _counts(errors: int, warnings: int) -> Content:
        """How many errors and warnings the draft has, coloured by how grave they are."""
        return Content.assemble(
            (
                ngettext("{count} error", "{count} errors", errors).format(count=errors),
                "$text-error bold" if errors else "$text-success",
            ),
            _(", "),
            (
                ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
                "$text-warning" if warnings else "",
            ),
            _(" (the list below goes to each one)") if errors or warnings else _(": nothing flagged"),
        )

    def _verdict(self) -> Content:
        """Whether the draft is ready for the next milestone of the call (pre-selection, then the
        UNESCO deadline), judged at the stage that milestone asks for."""
        session = self.session
        profile = session.profile
        stage, milestone_id = next_stage(profile, session.clock())
        report = check(session.draft, profile, session.path.parent, now=session.clock(), stage=stage)
        milestone = profile.milestone(milestone_id) if milestone_id else None
        when = (
            _("Next: {milestone}, {date}").format(
                milestone=milestone.label(self.language)
                + (_(" (provisional)") if milestone.provisional else ""),
                date=format_date(milestone.date),
            )
            if milestone is not None
            else _("Every milestone of this call has passed; judged for submission")
        )
        count = len(report.errors)
        if count:
            verdict = ngettext(
                "not ready ({count} error at this stage)", "not ready ({count} errors at this stage)", count
            ).format(count=count)
            style = "$text-error bold"
        else:
            verdict, style = _("ready as far as the rules can tell"), "$text-success"
        # Translators: the next milestone of the call and whether the draft is ready for it
        return assemble(
            _("{when}: {verdict}"), when=literal(when, one_line=True), verdict=Content.styled(verdict, style)
        )

    def _attachments(self) -> Content:
        lines: list[Content] = []
        for spec in self.session.profile.attachments:
            if spec.generated:
                lines.append(
                    Content.assemble(
                        ("•", "$text-muted"),
                        " ",
                        literal(spec.label(self.language), one_line=True),
                        (_(" · written by dossier bundle"), "$text-muted"),
                    )
                )
                continue
            item = self.session.draft.attachments.get(spec.id) or Attachment()
            mark, style = ATTACHMENT_MARKS.get(item.status, ("?", ""))
            line = Content.assemble(
                (mark, style),
                " ",
                literal(spec.label(self.language), one_line=True),
                (f" · {_(ATTACHMENT_WORDS.get(item.status, item.status))}", "$text-muted"),
            )
            if item.path:
                line = Content.assemble(
                    line, ("\n    ", ""), literal(item.path, "$text-muted", one_line=True)
                )
            lines.append(line)
        return Content("\n").join(lines)

    def _notes(self) -> Content:
        """Each reviewer's note with its author, date and part; resolved ones muted."""
        lines: list[Content] = []
        profile = self.session.profile
        for note in self.session.draft.notes:
            where = (
                part_label(note.part, profile, self.language)
                if note.part != form.META.id
                else _("Outside the parts")
            )
            if note.paragraph is not None:
                where = (
                    _("{part}, paragraph {number} of the working text")
                    if note.column == "working"
                    else _("{part}, paragraph {number}")
                ).format(part=where, number=note.paragraph + 1)
            heading = Content.assemble(
                ("✓ " if note.resolved else "✎ ", "$text-muted" if note.resolved else "$text-warning"),
                literal(note.author or _("(no name)"), "bold", one_line=True),
                (f" · {format_date(note.date)}" if note.date else "", "$text-muted"),
                " · ",
                literal(where, one_line=True),
                (gap(where, _("(resolved)")) + _("(resolved)") if note.resolved else "", "$text-muted"),
            )
            lines.append(Content.assemble(heading, "\n    ", literal(note.text, one_line=True)))
        return Content("\n").join(lines)

    def _timeline(self) -> Content:
        now = self.session.clock()
        lines: list[Content] = []
        for milestone in self.session.profile.timeline:
            days = (milestone.date.astimezone(UTC).date() - now.astimezone(UTC).date()).days
            style = "$text-muted" if days < 0 else ("$text-warning bold" if days <= 30 else "")
            lines.append(
                Content.assemble(
                    (format_date(milestone.date), "bold"),
                    "  ",
                    literal(milestone.label(self.language), one_line=True),
                    (_(" (provisional)") if milestone.provisional else "", "$text-muted"),
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

"""The editor screen: header, the sidebar of parts, the current part's editor and its findings.

Only the current part's pane is composed; the others are mounted on first visit, so
opening a draft costs one TextArea, not eight (and the 35-field contact form is
built only when the official goes there).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import ContentSwitcher, Footer, OptionList

from dossier.core import form
from dossier.core.i18n import N_, _
from dossier.core.rules import Finding, part_label
from dossier.tui.base import DossierScreen, Preferences
from dossier.tui.messages import PartEdited
from dossier.tui.session import ENTRIES, Session, entry_for
from dossier.tui.widgets.findings import FindingsList
from dossier.tui.widgets.header import DossierHeader
from dossier.tui.widgets.notes import NotesList
from dossier.tui.widgets.pane import PartPane
from dossier.tui.widgets.section_editor import SectionEditor
from dossier.tui.widgets.sidebar import Sidebar


class MainScreen(DossierScreen):
    """Where the official writes. The app owns the file; this screen owns what is on screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+down", "next_part", N_("Next"), priority=True, id="next_part", key_display="^↓"),
        Binding("ctrl+up", "previous_part", N_("Prev"), priority=True, id="previous_part", key_display="^↑"),
        Binding("ctrl+g", "toggle_guidance", N_("Guidance"), priority=True, id="toggle_guidance", show=False),
    ]
    AUTO_FOCUS = None
    # Textual 8 annotates these "ClassVar[...] | None", which type checkers read as an instance
    # variable: annotated the same way here, so mypy accepts the override.
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-short"), (34, "-tall")]  # noqa: RUF012

    def __init__(
        self,
        session: Session,
        *,
        language: str = "en",
        guidance: bool = True,
        place: dict[str, Any] | None = None,
        on_edit: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.language = language
        """Follows the app's ``ui_language`` (see :meth:`on_mount`)."""
        self.guidance_shown = guidance
        """Follows the app's ``guidance_shown``."""
        self._on_edit = on_edit
        """The app's scheduling of the full check and the recovery copy after an edit."""
        self._place = place or {}
        self._entry: str | None = None
        self._shown_dirty: bool | None = None

    # -- typed accessors
    @property
    def header(self) -> DossierHeader:
        return self.query_one(DossierHeader)

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one(Sidebar)

    @property
    def panes(self) -> ContentSwitcher:
        return self.query_one("#panes", ContentSwitcher)

    @property
    def findings(self) -> FindingsList:
        return self.query_one("#findings", FindingsList)

    @property
    def notes(self) -> NotesList:
        return self.query_one("#notes", NotesList)

    @property
    def current_entry(self) -> str | None:
        return self._entry

    def pane(self, entry: str) -> PartPane | None:
        for child in self.panes.children:
            if isinstance(child, PartPane) and child.entry == entry:
                return child
        return None

    @property
    def current_pane(self) -> PartPane | None:
        return self.pane(self._entry) if self._entry else None

    def compose(self) -> ComposeResult:
        yield DossierHeader(id="header")
        with Horizontal(id="body"):
            yield Sidebar(self.session, self.language, id="sidebar")
            with Vertical(id="main"):
                first = self._make_pane(self._first_entry())
                yield ContentSwitcher(first, id="panes", initial=first.id)
                yield FindingsList(id="findings", empty_text=N_("No findings for this part."))
                yield NotesList(id="notes")
        yield Footer(compact=True)

    def _first_entry(self) -> str:
        """Where the official left off, or else where work is needed first."""
        entry = self._place.get("part")
        return entry if entry in ENTRIES else self.session.first_needing_work()

    async def on_mount(self) -> None:
        # the interface language and the guidance are the app's reactives, shared by every screen
        if hasattr(self.app, "guidance_shown"):
            self.watch(self.app, "guidance_shown", self.set_guidance, init=False)
        self.refresh_header(force=True)
        await self.show_entry(self._first_entry())  # composed already: only selects it
        pane = self.current_pane
        if pane is not None and self._place:
            pane.restore(self._place)
        if pane is None or (self._place.get("field") and self.focused):
            return
        basic = pane.entry == form.BASIC.id and not self._place
        blank = self.session.first_blank_required() if basic else None
        if blank:
            self.call_after_refresh(pane.focus_location, blank)  # the first field to fill in
        else:
            self.call_after_refresh(pane.focus_editor)

    # -- showing parts
    def _make_pane(self, entry: str) -> PartPane:
        # the form and the checklist bring Select and many inputs: imported on first visit
        kind = form.part(entry).kind
        if kind == "info":
            from dossier.tui.widgets.basic_form import BasicInfoForm

            return BasicInfoForm(self.session, language=self.language)
        if kind == "checklist":
            from dossier.tui.widgets.attachments import AttachmentsChecklist

            return AttachmentsChecklist(self.session, language=self.language)
        return SectionEditor(
            self.session, entry, self.language, guidance=self.guidance_shown, show_edit=self.show_edit
        )

    async def show_entry(self, entry: str) -> PartPane:
        """Show ``entry``'s pane (mounting it on first visit) and its findings."""
        pane = self.pane(entry)
        if pane is None:
            pane = self._make_pane(entry)
            await self.panes.add_content(pane, set_current=True)
        elif self.panes.current != pane.id:
            self.panes.current = pane.id
        self._entry = entry
        sidebar = self.sidebar
        if sidebar.current_entry != entry:
            sidebar.select_entry(entry)
        self.show_findings()
        self.show_notes()
        return pane

    async def go_to(self, entry: str, location: str | None = None) -> None:
        """Show a part and put the cursor in its editor (or on the field ``location`` names)."""
        pane = await self.show_entry(entry)
        if location:
            pane.focus_location(location)
        else:
            pane.focus_editor()

    async def go_to_finding(self, finding: Finding) -> None:
        await self.go_to(entry_for(finding.part), finding.location)

    def show_findings(self) -> None:
        if self._entry is None:
            return
        entry = self._entry
        profile = self.session.profile
        self.findings.show(
            self.session.findings_for(entry),
            prefix=(lambda f: _("{part}: ").format(part=part_label(f.part, profile, self.language)))
            if entry == form.BASIC.id
            else None,
        )

    def show_notes(self) -> None:
        """The reviewers' open notes on the current part (the list hides itself when none)."""
        if self._entry is not None:
            self.notes.show(self.session.open_notes(self._entry))

    def resolve_note(self, note_id: str) -> bool:
        """Mark a note resolved: an edit like any other (the header shows it unsaved)."""
        if self.session.read_only:
            self.app.notify(
                _("The draft is open read-only: the note stays open."), severity="warning", markup=False
            )
            return False
        if not self.session.resolve_note(note_id):
            return False
        self.app.notify(_("Note marked resolved: it will not go into the next Word export."), markup=False)
        had_focus = self.notes.has_focus
        self.show_notes()
        if self._entry is not None:
            self.show_edit(self._entry)
        if had_focus and not self.notes.display and self.current_pane is not None:
            self.current_pane.focus_editor()  # the last note went: back to the text
        return True

    def action_resolve_note(self) -> None:
        """Mark the highlighted open note of this part resolved (the palette's command)."""
        note = self.notes.selected
        if note is not None:
            self.resolve_note(note.id)

    def refresh_header(self, *, force: bool = False, saving: bool = False) -> None:
        """Redraw the header when the saved state changed (or always, if ``force``)."""
        dirty = self.session.dirty
        if force or saving or dirty != self._shown_dirty:
            self._shown_dirty = None if saving else dirty
            self.header.show(self.session, saving=saving, language=self.language)

    def show_report(self) -> None:
        """A full check finished (the session holds its report): refresh every mark and finding."""
        self.sidebar.update_all()
        self.show_findings()
        pane = self.current_pane
        if isinstance(pane, SectionEditor):
            pane.update_count()

    async def reload(self) -> None:
        """The session's draft was replaced (a restore from the history): show it afresh.

        The panes are built again from the draft (the one on screen now, the others on
        their next visit); the sidebar, findings and header follow, and the app schedules
        the check and the recovery copy as after any edit.
        """
        entry = self._entry or self._first_entry()
        had_focus = self.focused is not None and self.focused is not self.sidebar
        self.panes.current = None  # else the new pane, with the same id, is never shown
        await self.panes.remove_children()
        pane = self._make_pane(entry)
        await self.panes.add_content(pane, set_current=True)
        self._entry = entry
        self.sidebar.update_all()
        self.show_notes()
        self.show_edit(entry, header=True)
        if had_focus or self.focused is None:  # the editor that had the cursor is gone: the new one gets it
            pane.focus_editor()

    def place(self) -> dict[str, Any]:
        pane = self.current_pane
        return pane.place() if pane is not None else {}

    # -- edits: the one path every change takes
    def show_edit(self, entry: str, *, header: bool = False) -> None:
        """A part changed: show it in the sidebar, the findings and the header, and have the
        app schedule the full check and the recovery copy.

        The section editor calls this in its keystroke handler (a message would reach the
        screen only after the next repaint); every other pane posts :class:`PartEdited`.
        """
        self.sidebar.update_entry(entry)
        if entry == self._entry:
            self.show_findings()
        self.refresh_header(force=header)
        if self._on_edit is not None:
            self._on_edit()

    @on(PartEdited)
    def _part_edited(self, message: PartEdited) -> None:
        message.stop()
        self.show_edit(message.entry, header=message.header)

    @on(OptionList.OptionHighlighted, "#sidebar")
    async def _sidebar_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        # only the official moving in the list switches the pane (not programmatic highlights)
        stale = event.option_index != self.sidebar.highlighted
        if not stale and event.option.id and event.option.id != self._entry and self.sidebar.has_focus:
            await self.show_entry(event.option.id)

    @on(OptionList.OptionSelected, "#sidebar")
    async def _sidebar_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            await self.go_to(event.option.id)

    @on(NotesList.Resolve)
    def _note_resolved(self, message: NotesList.Resolve) -> None:
        message.stop()
        self.resolve_note(message.note.id)

    @on(FindingsList.Chosen)
    async def _finding_chosen(self, message: FindingsList.Chosen) -> None:
        message.stop()
        await self.go_to_finding(message.finding)

    # -- actions
    async def action_next_part(self) -> None:
        index = ENTRIES.index(self._entry) if self._entry in ENTRIES else -1
        await self.go_to(ENTRIES[(index + 1) % len(ENTRIES)])

    async def action_previous_part(self) -> None:
        index = ENTRIES.index(self._entry) if self._entry in ENTRIES else 0
        await self.go_to(ENTRIES[(index - 1) % len(ENTRIES)])

    @property
    def preferences(self) -> Preferences:
        return cast(Preferences, self.app)

    def action_toggle_guidance(self) -> None:
        self.preferences.guidance_shown = not self.guidance_shown

    def set_guidance(self, shown: bool) -> None:
        self.guidance_shown = shown
        for child in self.panes.children:
            if isinstance(child, PartPane):
                child.set_guidance(shown)

    async def language_changed(self, language: str) -> None:
        self.set_language(language)

    def set_language(self, language: str) -> None:
        """Show everything in ``language`` now: header, sidebar, every pane, the findings.

        (The footer recomposes when the app refreshes the bindings; the findings are
        reworded again when the check the app starts has run.)
        """
        self.language = language
        self.refresh_header(force=True)
        self.sidebar.set_language(language)
        for child in self.panes.children:
            if isinstance(child, PartPane):
                child.set_language(language)
        self.findings.reword()
        self.show_findings()
        self.notes.reword()
        self.show_notes()

    def entry_titles(self) -> list[tuple[str, str]]:
        """(entry, heading) for the palette's "go to" commands."""
        return [(entry, self.session.label(entry, self.language)) for entry in ENTRIES]

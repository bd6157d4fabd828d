"""One narrative part: its title, the profile's guidance, the editor and the live word count.

The typing path is here: on every ``TextArea.Changed`` the text goes into the model,
the part is recounted (``count_words`` is fast) and the count line is redrawn only if
the number changed. Everything heavier (the full check, the recovery copy) is
debounced by the app after :class:`PartEdited` bubbles up.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Collapsible, Static, TabbedContent, TabPane, Tabs, TextArea
from textual.widgets.text_area import Selection

from dossier.core import form
from dossier.core.form import PartKind
from dossier.core.i18n import N_, _
from dossier.core.rules import NOTHING_TO_REPORT, NOTHING_TO_REPORT_IN, is_no_information
from dossier.tui.inputs import ProseArea
from dossier.tui.messages import PartEdited
from dossier.tui.session import Session
from dossier.tui.text import literal, removed_summary, strip_controls
from dossier.tui.typeset import Typeset, TypesetStatic
from dossier.tui.widgets.bilingual import BilingualTexts, submission_title, working_count, working_title
from dossier.tui.widgets.pane import PartPane
from dossier.tui.widgets.sidebar import LEVEL_STYLES

_INDEX = re.compile(r"\[(\d+)\]")
EXTRA_TABS: dict[PartKind, str] = {
    "text_sdgs": N_("Sustainable Development Goals"),
    "text_plan": N_("Action plan"),
}
"""The second tab of a text part that carries a table, by the part's kind (translated where shown)."""

OTHER_LANGUAGE = {"en": "Français", "fr": "中文", "zh": "English"}
"""What ctrl+l switches to from each interface language, in that language's own name."""


def guidance_title(language: str, shown: bool = True) -> Content:
    """The guidance box's title: what ctrl+g does now (hides it, or shows it when hidden)."""
    if not shown:
        return Content(_("Guidance · ctrl+g shows"))
    other = OTHER_LANGUAGE.get(language, "English")
    return Content(_("Guidance · ctrl+g hides · ctrl+l {language}").format(language=other))


class GuidanceScroll(VerticalScroll):
    """The guidance, cut to a few lines with a scroll bar when longer (never silently cut).

    It takes the focus (tab / shift+tab, then ↑ ↓) only when there is more to read.
    """

    DEFAULT_CSS = """
    GuidanceScroll { height: auto; max-height: 4; scrollbar-size-vertical: 1; }
    GuidanceScroll:focus { background: $boost; }
    """

    def allow_focus(self) -> bool:
        return self.max_scroll_y > 0


def _working_placeholder() -> str:
    return _("The working text: what the city writes and approves before translating it.")


class SectionEditor(PartPane):
    """Editor of the introduction or one of the six sections (with its targets or action plan).

    In a draft with a working language, the part shows the working text beside the
    submission text (:class:`BilingualTexts`); ctrl+t says the translation still holds.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "confirm_translation", N_("Translation holds"), id="confirm_translation"),
    ]

    DEFAULT_CSS = """
    SectionEditor .part-title { text-style: bold; color: $text-primary; height: auto; padding: 0 1; }
    SectionEditor Collapsible { padding-bottom: 0; border-top: none; }
    SectionEditor Collapsible Contents { padding: 0 0 0 1; }
    SectionEditor #guidance-text { height: auto; color: $text-muted; }
    SectionEditor ProseArea { height: 1fr; min-height: 3; }
    SectionEditor TabbedContent { height: 1fr; }
    SectionEditor TabbedContent ContentSwitcher { height: 1fr; }
    SectionEditor TabPane { height: 1fr; padding: 0; }
    SectionEditor .count { height: 1; padding: 0 1; }
    SectionEditor .part-note { height: auto; padding: 0 1; color: $text-warning; }
    """

    def __init__(
        self,
        session: Session,
        entry: str,
        language: str = "en",
        *,
        guidance: bool = True,
        show_edit: Callable[[str], None] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(session, entry, language, **kwargs)
        self._guidance_shown = guidance
        self._show_edit = show_edit
        """The screen's update of sidebar, findings and header, called in the keystroke itself:
        a message climbing to the screen would arrive only after the next repaint."""
        stored = session.draft.part(entry).text
        self._initial = strip_controls(stored)
        self._removed = removed_summary(stored)
        """What the editor could not take from the stored text; said before an edit drops it."""
        self._typed = False
        self.bilingual = session.bilingual
        """Composed with a working text beside the submission text (fixed for the pane's life:
        gaining or dropping the working language builds the panes again)."""
        working = session.draft.part(entry).working_text or ""
        self._initial_working = strip_controls(working)
        self._removed_working = removed_summary(working) if self.bilingual else None
        self._typed_working = False
        self._shown_working: str | None = None
        self._shown_count: tuple[int, str, bool] | None = None
        self._visited = False
        self._in_working = False
        """The official was last in the working text (a bilingual part): go back there."""

    # -- typed accessors
    @property
    def kind(self) -> PartKind:
        return form.part(self.entry).kind

    @property
    def editor(self) -> ProseArea:
        """The submission text's editor (the part's only one in a monolingual draft)."""
        return self.query_one(f"#text-{self.entry}", ProseArea)

    @property
    def working_editor(self) -> ProseArea | None:
        """The working text's editor, in a draft with a working language."""
        try:
            return self.query_one(f"#working-{self.entry}", ProseArea)
        except NoMatches:
            return None

    @property
    def guidance(self) -> Collapsible:
        return self.query_one("#guidance", Collapsible)

    @property
    def count_line(self) -> Static:
        return self.query_one("#count", Static)

    def compose(self) -> ComposeResult:
        spec = self.session.profile.section(self.entry)
        yield Static(literal(spec.heading(self.language)), classes="part-title", id="part-title")
        with (
            Collapsible(
                # Textual 8 types the title as str, but passes it on as Content; a Content is
                # never parsed as markup, which a str would be
                title=guidance_title(self.language, self._guidance_shown),  # type: ignore[arg-type]
                collapsed=not self._guidance_shown,
                id="guidance",
            ),
            GuidanceScroll(id="guidance-scroll"),
        ):
            yield TypesetStatic(Typeset(literal(spec.guidance(self.language))), id="guidance-text")
        area = ProseArea(
            self._initial,
            id=f"text-{self.entry}",
            read_only=self.session.read_only,
            placeholder=self._placeholder(),
        )
        area.take_change = self._take_change
        texts: ProseArea | BilingualTexts = area
        if self.bilingual:
            draft = self.session.draft
            working = ProseArea(
                self._initial_working,
                id=f"working-{self.entry}",
                read_only=self.session.read_only,
                placeholder=_working_placeholder(),
            )
            working.take_change = self._take_change
            texts = BilingualTexts(
                working,
                area,
                titles=(
                    working_title(draft.meta.working_language or "", self.language),
                    submission_title(draft.meta.language, self.language),
                ),
            )
        if self.kind in EXTRA_TABS:
            with TabbedContent(id="tabs"):
                with TabPane(_("Text"), id="tab-text"):
                    yield texts
                with TabPane(_(EXTRA_TABS[self.kind]), id="tab-extra"):
                    # imported here: only two sections need a table or a pick list
                    if self.kind == "text_sdgs":
                        from dossier.tui.widgets.sdg_picker import SdgPicker

                        yield SdgPicker(self.session, self.language, id="sdg-picker")
                    else:
                        from dossier.tui.widgets.action_plan import ActionPlanTable

                        yield ActionPlanTable(self.session, id="action-plan")
        else:
            yield texts
        if self._removed_working:
            yield Static(
                Content(
                    _(
                        "The editor cannot show the working text exactly as stored: {what}. "
                        "The file keeps them as they are until your first change there."
                    ).format(what=self._removed_working)
                ),
                id="removed-working-note",
                classes="part-note",
            )
        if self._removed:
            yield Static(
                Content(
                    _(
                        "The editor cannot show this part exactly as stored: {what}. "
                        "The file keeps them as they are until your first change here."
                    ).format(what=self._removed)
                ),
                id="removed-note",
                classes="part-note",
            )
        if not self.bilingual:
            yield Static(id="count", classes="count")

    def on_mount(self) -> None:
        # a draft opened just before the app closes: its pane may be pruned, children first,
        # before this Mount arrives; there is nothing left to count then
        with contextlib.suppress(NoMatches):
            self.update_count()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "confirm_translation":
            return self.bilingual and not self.session.read_only
        return True

    def _placeholder(self) -> str:
        return _(
            "Write this part here. The count below follows as you type; "
            "if there is nothing to say, write “{nothing}”."
        ).format(nothing=NOTHING_TO_REPORT_IN.get(self.session.draft.meta.language, NOTHING_TO_REPORT))

    # -- the typing path
    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        """A change the editor did not hand over itself (see ``ProseArea.take_change``)."""
        event.stop()
        if isinstance(event.text_area, ProseArea):
            self._take_change(event.text_area)

    def _take_change(self, area: ProseArea) -> None:
        """The text changed: into the model, recounted, and shown, all before the next repaint."""
        if self.session.read_only:
            return
        text = area.text
        if area.id == f"working-{self.entry}":
            self._working_changed(text)
            return
        if not self._typed:
            if text == self._initial:
                return  # the editor announcing the text it was loaded with
            self._typed = True
            if self._removed:
                self._tell_removed()
        self.session.set_text(self.entry, text, area.document.lines)
        self.update_count()
        if self._show_edit is not None:
            self._show_edit(self.entry)
        else:
            self.post_message(PartEdited(self.entry))

    def _working_changed(self, text: str) -> None:
        if not self._typed_working:
            if text == self._initial_working:
                return  # the editor announcing the text it was loaded with
            self._typed_working = True
            if self._removed_working:
                self._tell_removed(working=True)
        self.session.set_working_text(self.entry, text)
        self.update_working_count()
        if self._show_edit is not None:
            self._show_edit(self.entry)
        else:
            self.post_message(PartEdited(self.entry))

    def action_confirm_translation(self) -> None:
        """The official read both texts: the translation still holds after the working text changed."""
        label = self.session.label(self.entry, self.language)
        if not self.session.confirm_translation(self.entry):
            self.app.notify(
                _("Nothing to confirm: the translation of “{part}” is not out of date.").format(part=label),
                markup=False,
            )
            return
        self.app.notify(
            _("Confirmed: the translation of “{part}” still holds.").format(part=label), markup=False
        )
        if self._show_edit is not None:
            self._show_edit(self.entry)
        else:
            self.post_message(PartEdited(self.entry))

    @on(TabbedContent.TabActivated)
    def _tab_chosen(self, event: TabbedContent.TabActivated) -> None:
        """Choosing a tab from its label puts the focus in it, so its keys (a, e, d…) work at once."""
        event.stop()
        if not isinstance(self.app.focused, Tabs):
            return  # switched by code (go to a finding), which places the focus itself
        if event.pane.id == "tab-text":
            self.editor.focus()
            return
        target = next((w for w in event.pane.query("*") if w.focusable), None)
        if target is not None:
            target.focus()

    def _tell_removed(self, *, working: bool = False) -> None:
        label = self.session.label(self.entry, self.language)
        if working:
            label = _("{part}, working text").format(part=label)
        removed = self._removed_working if working else self._removed
        self.app.notify(
            _(
                "Your edit of “{part}” changed characters the editor cannot hold: {what}. "
                "Everything you can see is kept (Word files cannot hold control characters either)."
            ).format(part=label, what=removed),
            title=_("Characters changed"),
            severity="warning",
            markup=False,
            timeout=15,
        )
        if working:
            self._removed_working = None
        else:
            self._removed = None
        with contextlib.suppress(NoMatches):
            self.query_one("#removed-working-note" if working else "#removed-note", Static).remove()

    def update_working_count(self) -> None:
        """Redraw the working text's count (information only: the limit is the submission's)."""
        if not self.bilingual:
            return
        words = self.session.working_words.get(self.entry, 0)
        shown = working_count(self.session.draft.meta.working_language or "", words)
        if shown != self._shown_working:
            self._shown_working = shown
            self.query_one(BilingualTexts).show_working_count(shown)

    def update_count(self) -> None:
        """Redraw the count line if the count or its level changed."""
        self.update_working_count()
        state = self.session.state(self.entry)
        words = self.session.words[self.entry]
        text = self.session.draft.part(self.entry).text
        nothing = len(text) < 100 and is_no_information(text)
        if self._shown_count == (words, state.level, nothing):
            return
        self._shown_count = (words, state.level, nothing)
        spec = self.session.profile.section(self.entry)
        parts: list[Content | str | tuple[str, str]] = [
            (f"{words}", LEVEL_STYLES[state.level] or "bold"),
            _(" of {limit} words").format(limit=spec.max_words),
        ]
        if state.level == "over":
            over = (
                _(" · {count} over UNESCO's limit: shorten it")
                if spec.limit_is_unesco
                else _(" · {count} over the limit set in the call profile: shorten it")
            )
            parts.append((over.format(count=words - spec.max_words), "$text-error bold"))
        elif state.level == "near":
            percent = round(100 * words / spec.max_words)
            parts.append((_(" · close to the limit ({percent} %)").format(percent=percent), "$text-warning"))
        elif nothing:
            parts.append((_(" · “No relevant information to provide”: counted as an answer"), "$text-muted"))
        elif words < spec.min_words:
            parts.append((_(" · about {count} or more advised").format(count=spec.min_words), "$text-muted"))
        self.count_line.update(Content.assemble(*parts), layout=False)  # one line, fixed height

    def _last_editor(self) -> ProseArea:
        """The text the official was last in: the working text or the submission text."""
        working = self.working_editor if self._in_working else None
        return working or self.editor

    @on(events.DescendantFocus)
    def _editor_focused(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, ProseArea):
            self._in_working = event.widget is self.working_editor

    # -- method calls from the screen
    def focus_editor(self) -> None:
        if self.kind in EXTRA_TABS:
            self.query_one(TabbedContent).active = "tab-text"
        editor = self._last_editor()
        if not self._visited:
            self._visited = True
            editor.move_cursor(editor.document.end)  # ready to continue writing
        editor.focus()

    def focus_location(self, location: str) -> None:
        index = _INDEX.search(location)
        if location.startswith(form.SDG_TARGETS) and self.kind == "text_sdgs":
            from dossier.tui.widgets.sdg_picker import SdgPicker

            self.query_one(TabbedContent).active = "tab-extra"
            self.query_one(SdgPicker).select_target(int(index.group(1)) if index else 0)
        elif location.startswith(form.INITIATIVES) and self.kind == "text_plan":
            from dossier.tui.widgets.action_plan import ActionPlanTable

            self.query_one(TabbedContent).active = "tab-extra"
            self.query_one(ActionPlanTable).select_row(int(index.group(1)) if index else 0)
        else:
            self.focus_editor()

    def set_language(self, language: str) -> None:
        super().set_language(language)
        spec = self.session.profile.section(self.entry)
        self.query_one("#part-title", Static).update(literal(spec.heading(language)))
        self.query_one("#guidance-text", Static).update(Typeset(literal(spec.guidance(language))))
        self.guidance.title = guidance_title(language, not self.guidance.collapsed)  # type: ignore[assignment]
        self.editor.placeholder = self._placeholder()
        if self.bilingual:
            draft = self.session.draft
            if (working := self.working_editor) is not None:
                working.placeholder = _working_placeholder()
            self._shown_working = None  # the working count is worded in the interface language
            self.query_one(BilingualTexts).set_titles(
                working_title(draft.meta.working_language or "", language),
                submission_title(draft.meta.language, language),
            )
        if self.kind in EXTRA_TABS:
            tabs = self.query_one(TabbedContent)
            tabs.get_tab("tab-text").label = Content(_("Text"))
            tabs.get_tab("tab-extra").label = Content(_(EXTRA_TABS[self.kind]))
            for child in self.query("SdgPicker, ActionPlanTable"):
                child.set_language(language)  # type: ignore[attr-defined]
        self._shown_count = None
        self.update_count()

    def set_guidance(self, shown: bool) -> None:
        self.guidance.collapsed = not shown
        self.guidance.title = guidance_title(self.language, shown)  # type: ignore[assignment]

    @on(Collapsible.Collapsed)
    @on(Collapsible.Expanded)
    def _guidance_toggled(self, event: Collapsible.Collapsed | Collapsible.Expanded) -> None:
        """Opened or closed with the mouse: the title follows."""
        event.stop()
        self.guidance.title = guidance_title(self.language, not self.guidance.collapsed)  # type: ignore[assignment]

    def place(self) -> dict[str, object]:
        row, column = self._last_editor().cursor_location
        place: dict[str, object] = {"part": self.entry, "cursor": [row, column]}
        if self._in_working and self.working_editor is not None:
            place["text"] = "working"
        return place

    def restore(self, place: dict[str, object]) -> None:
        self._in_working = place.get("text") == "working" and self.working_editor is not None
        cursor = place.get("cursor")
        if isinstance(cursor, list) and len(cursor) == 2 and all(isinstance(n, int) for n in cursor):
            editor = self._last_editor()
            editor.selection = Selection.cursor(editor.clamp_visitable((cursor[0], cursor[1])))
            editor.scroll_cursor_visible(center=True, animate=False)
            self._visited = True

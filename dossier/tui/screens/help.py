"""Every key, generated from the bindings themselves so the list cannot drift from the code."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.widgets import Static

from dossier.core.i18n import N_, _
from dossier.tui.base import DossierModal
from dossier.tui.typeset import Typeset, TypesetStatic

LONG = {
    "save": N_("Save the draft (a backup of the previous version is kept as .bak)"),
    "export": N_("Export the draft to a Word document (.docx)"),
    "open": N_("Open another draft file"),
    "new": N_("Create a new draft"),
    "overview": N_("Overview: readiness, every finding, attachments and timeline"),
    "history": N_("History: every saved version; compare, restore, label"),
    "import_reviewed": N_("Import a reviewed Word file: take or leave each change, then apply"),
    "restore_part": N_("History: restore the highlighted part from the chosen version"),
    "restore_all": N_("History: restore the whole draft from the chosen version"),
    "undo_restore": N_("History: undo the last restore"),
    "label": N_("History: label the chosen version"),
    "author": N_("History: your name, recorded with each save"),
    "help": N_("This help"),
    "quit": N_("Quit (asks to save unsaved changes)"),
    "next_part": N_("Next part (basic information, introduction, the six questions, attachments)"),
    "previous_part": N_("Previous part"),
    "toggle_guidance": N_("Show or hide the guidance above the editor"),
    "next_language": N_("Interface language: English, French, Chinese (in turn)"),
    "add": N_("Action plan: add an initiative"),
    "edit": N_("Action plan: edit the selected initiative (also enter)"),
    "remove": N_("Action plan: remove the selected initiative"),
    "confirm_translation": N_("Bilingual part: the translation still holds after the working text changed"),
    "resolve": N_("Reviewers' notes under the findings: mark the highlighted note resolved"),
    "take": N_("Importing a reviewed Word file: take or leave the highlighted change"),
    "toggle_part": N_("Importing a reviewed Word file: take or leave a whole part"),
    "tracked": N_("Importing a reviewed Word file: take or leave a part's tracked changes"),
    "confirm": N_("Importing a reviewed Word file: apply what is taken and save"),
    "forget": N_("Start screen: remove the highlighted draft from the list (the file stays)"),
    "parent": N_("Choosing a file: the folder above"),
    "home": N_("Choosing a file: your home folder"),
    "ok": N_("Initiative dialog: done (enter does the same)"),
}
"""What each action does, in full; the footer shows the bindings' short descriptions."""

NOT_LISTED = frozenset({"close", "cancel", "back", "focus_next_at_once", "focus_previous_at_once"})
"""Escape and tab: :data:`EDITING` says once what they do."""

KEY_NAMES = {"delete": "del", "tilde": "~"}

EDITING = [
    ("ctrl+p", N_("Command palette: every action, and “Go to” any part")),
    ("tab / shift+tab", N_("Next / previous field or list")),
    ("shift+tab, ←/→", N_("Sections 3 and 6: switch between the text and the SDG list / action plan")),
    ("ctrl+z / ctrl+y", N_("Undo / redo in the text editor")),
    ("ctrl+x/c/v", N_("Cut / copy / paste")),
    ("shift+arrows", N_("Select text; f6 selects the line, f7 everything")),
    ("home / end", N_("Start / end of the line (ctrl+e is export, not end of line)")),
    ("enter", N_("In the sidebar or a findings list: go there")),
    ("space", N_("In the SDG list: tick or untick a goal")),
    ("escape", N_("Close a dialog or the overview")),
]


def help_sources(app: type[App[object]]) -> tuple[list[type[DOMNode]], list[type[DOMNode]]]:
    """The classes whose keys the help lists, in its order: the app, the editor and its widgets
    (then :data:`EDITING`); then the other screens and dialogs. ``tests/tui/test_help.py``
    fails when a class of ``dossier.tui`` declares a key that is not here."""
    from dossier.tui.dialogs.initiative import InitiativeDialog
    from dossier.tui.dialogs.path_prompt import DraftTree
    from dossier.tui.screens.history import HistoryScreen
    from dossier.tui.screens.main import MainScreen
    from dossier.tui.screens.review_import import ReviewImportScreen
    from dossier.tui.screens.start import StartScreen
    from dossier.tui.widgets.action_plan import PlanTable
    from dossier.tui.widgets.notes import NotesList
    from dossier.tui.widgets.section_editor import SectionEditor

    editor: list[type[DOMNode]] = [app, MainScreen, SectionEditor, NotesList, PlanTable]
    elsewhere: list[type[DOMNode]] = [
        HistoryScreen,
        ReviewImportScreen,
        StartScreen,
        DraftTree,
        InitiativeDialog,
    ]
    return editor, elsewhere


def _rows_of(sources: Iterable[type[DOMNode]]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for source in sources:
        for binding in source.BINDINGS:
            if isinstance(binding, Binding) and binding.action not in NOT_LISTED:
                keys = " / ".join(KEY_NAMES.get(key, key) for key in binding.key.split(","))
                rows.append((keys, _(LONG.get(binding.action, binding.description))))
    return rows


def help_rows(app: type[App[object]]) -> list[tuple[str, str]]:
    """(keys, what they do), translated: the editor's keys as its classes declare them, the
    typing keys of :data:`EDITING`, then the keys of the other screens and dialogs."""
    editor, elsewhere = help_sources(app)
    return _rows_of(editor) + [(keys, _(text)) for keys, text in EDITING] + _rows_of(elsewhere)


class HelpScreen(DossierModal[None]):
    """A scrollable list of keys; escape or f1 closes it (never a letter: the official types them)."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > #help {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary 80%; background: $surface; padding: 0 1;
    }
    HelpScreen #help-title { text-style: bold; margin-bottom: 1; }
    HelpScreen #help-scroll { height: auto; max-height: 100%; }
    HelpScreen #help-keys {
        layout: grid;
        grid-size: 2;
        grid-columns: 20 1fr;
        grid-rows: auto;
        grid-gutter: 0 1;
        height: auto;
    }
    HelpScreen .help-key { text-style: bold; color: $text-accent; }
    HelpScreen .help-section { column-span: 2; text-style: bold; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", N_("Close"), id="close")]
    """F1 closes it too: the app's own f1 binding (priority) toggles the help."""

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(Content(_("Keys (escape closes)")), id="help-title")
            with VerticalScroll(id="help-scroll"), Container(id="help-keys"):
                for key, text in self._rows():
                    yield Static(Content(key), classes="help-key")
                    yield TypesetStatic(Typeset(Content(text)), classes="help-text")

    async def language_changed(self, language: str) -> None:
        await self.recompose()

    def _rows(self) -> list[tuple[str, str]]:
        return help_rows(type(self.app))

    def action_close(self) -> None:
        self.dismiss(None)

"""Every key, generated from the bindings themselves so the list cannot drift from the code."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from dossier.core.i18n import N_, _
from dossier.tui.base import DossierModal

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
    "next_part": N_("Next part (basic information, introduction, sections 1–6, attachments)"),
    "previous_part": N_("Previous part"),
    "toggle_guidance": N_("Show or hide the guidance above the editor"),
    "next_language": N_("Interface language: English, French, Chinese (in turn)"),
    "add": N_("Action plan: add an initiative"),
    "edit": N_("Action plan: edit the selected initiative (also enter)"),
    "remove": N_("Action plan: remove the selected initiative"),
}

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


class HelpScreen(DossierModal[None]):
    """A scrollable list of keys; escape, f1 or q closes it."""

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

    BINDINGS: ClassVar[list[BindingType]] = [("escape,q", "close", N_("Close"))]

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(Content(_("Keys (escape closes)")), id="help-title")
            with VerticalScroll(id="help-scroll"), Container(id="help-keys"):
                for key, text in self._rows():
                    yield Static(Content(key), classes="help-key")
                    yield Static(Content(text), classes="help-text")

    async def language_changed(self, language: str) -> None:
        await self.recompose()

    def _help_bindings(self) -> Iterable[Binding]:
        from dossier.tui.screens.history import HistoryScreen
        from dossier.tui.screens.main import MainScreen
        from dossier.tui.widgets.action_plan import PlanTable

        history = [b for b in HistoryScreen.BINDINGS if isinstance(b, Binding) and b.action != "close"]
        for source in (type(self.app).BINDINGS, MainScreen.BINDINGS, PlanTable.BINDINGS, history):
            for binding in source:
                if isinstance(binding, Binding):
                    yield binding

    def _rows(self) -> list[tuple[str, str]]:
        """(keys, what they do): the bindings of the app, the editor screen and the action plan."""
        rows: list[tuple[str, str]] = []
        for binding in self._help_bindings():
            keys = " / ".join(key.replace("delete", "del") for key in binding.key.split(","))
            rows.append((keys, _(LONG.get(binding.action, binding.description))))
        return rows + [(keys, _(text)) for keys, text in EDITING]

    def action_close(self) -> None:
        self.dismiss(None)

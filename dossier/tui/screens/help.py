"""Every key, generated from the bindings themselves so the list cannot drift from the code."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from dossier.tui.base import DossierModal

LONG = {
    "save": "Save the draft (a backup of the previous version is kept as .bak)",
    "export": "Export the draft to a Word document (.docx)",
    "open": "Open another draft file",
    "new": "Create a new draft",
    "overview": "Overview: readiness, every finding, attachments and timeline",
    "history": "History: every saved version; compare, restore, label",
    "restore_part": "History: restore the highlighted part from the chosen version",
    "restore_all": "History: restore the whole draft from the chosen version",
    "undo_restore": "History: undo the last restore",
    "label": "History: label the chosen version",
    "author": "History: your name, recorded with each save",
    "help": "This help",
    "quit": "Quit (asks to save unsaved changes)",
    "next_part": "Next part (basic information, introduction, the six questions, attachments)",
    "previous_part": "Previous part",
    "toggle_guidance": "Show or hide the guidance above the editor",
    "guidance_language": "Guidance and titles in Chinese or English",
    "add": "Action plan: add an initiative",
    "edit": "Action plan: edit the selected initiative (also enter)",
    "remove": "Action plan: remove the selected initiative",
}

EDITING = [
    ("ctrl+p", "Command palette: every action, and “Go to” any part"),
    ("tab / shift+tab", "Next / previous field or list"),
    ("shift+tab, ←/→", "Sections 3 and 6: switch between the text and the SDG list / action plan"),
    ("ctrl+z / ctrl+y", "Undo / redo in the text editor"),
    ("ctrl+x/c/v", "Cut / copy / paste"),
    ("shift+arrows", "Select text; f6 selects the line, f7 everything"),
    ("home / end", "Start / end of the line (ctrl+e is export, not end of line)"),
    ("enter", "In the sidebar or a findings list: go there"),
    ("space", "In the SDG list: tick or untick a goal"),
    ("escape", "Close a dialog or the overview"),
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

    BINDINGS: ClassVar[list[BindingType]] = [("escape,q", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(Content("Keys (escape closes)"), id="help-title")
            with VerticalScroll(id="help-scroll"), Container(id="help-keys"):
                for key, text in self._rows():
                    yield Static(Content(key), classes="help-key")
                    yield Static(Content(text), classes="help-text")

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
            rows.append((keys, LONG.get(binding.action, binding.description)))
        return rows + EDITING

    def action_close(self) -> None:
        self.dismiss(None)

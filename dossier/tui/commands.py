"""The command palette (ctrl+p): every action, and "Go to" each part of the form.

Every hit is built with ``Content`` from plain text: section titles come from a
profile file and paths from the disk, so nothing here is ever parsed as markup
(``Matcher.highlight`` would). Help strings *are* parsed as markup by Textual, so
they are fixed texts written here, never user text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from dossier.core import form
from dossier.core.i18n import _
from dossier.tui.screens.main import MainScreen
from dossier.tui.text import highlight, literal

Command = tuple[str, Callable[[], Any], str]


class PaletteHost(Protocol):
    """What the palette asks of the app (the app imports this module, not the reverse)."""

    @property
    def main_screen(self) -> MainScreen | None: ...
    async def go_to_part(self, entry: str, location: str | None = None) -> None: ...
    def action_save(self) -> None: ...
    def action_save_as(self) -> None: ...
    def action_export(self) -> None: ...
    def action_overview(self) -> None: ...
    def action_history(self) -> None: ...
    @property
    def can_undo_restore(self) -> bool: ...
    async def action_undo_restore(self) -> None: ...
    def action_set_author(self) -> None: ...
    def action_working_language(self) -> None: ...
    def run_check(self) -> None: ...
    def action_open(self) -> None: ...
    def action_new(self) -> None: ...
    def action_help(self) -> None: ...
    async def action_quit(self) -> None: ...


class DossierCommands(Provider):
    """Go to a part; save, export, open, new; overview, help, guidance."""

    @property
    def _app(self) -> PaletteHost:
        return cast(PaletteHost, self.app)

    def _commands(self) -> list[Command]:
        app = self._app
        self._keywords: dict[str, str] = {}
        commands: list[Command] = []
        screen = app.main_screen
        if screen is not None:
            for entry, title in screen.entry_titles():
                commands.append(
                    (f"Go to: {title}", partial(app.go_to_part, entry), "Put the cursor in this part")
                )
                self._keywords[f"Go to: {title}"] = (
                    f"go to {entry.replace('_', ' ')} {form.part(entry).keywords}"
                )
            commands += [
                ("File: Save", app.action_save, "Save the draft (ctrl+s)"),
                ("File: Save as…", app.action_save_as, "Save the draft under another name"),
                ("File: Export to Word", app.action_export, "Write a .docx of the draft (ctrl+e)"),
                ("View: Overview", app.action_overview, "Readiness, findings, attachments, timeline (f2)"),
                ("View: History…", app.action_history, "Every saved version; compare and restore (f3)"),
                *(
                    [("Draft: Undo restore", app.action_undo_restore, "Put back the text before the restore")]
                    if app.can_undo_restore
                    else []
                ),
                ("View: Next part", screen.action_next_part, "ctrl+down"),
                ("View: Previous part", screen.action_previous_part, "ctrl+up"),
                ("View: Show or hide guidance", screen.action_toggle_guidance, "ctrl+g"),
                ("View: Guidance in Chinese / English", screen.action_guidance_language, "ctrl+l"),
                ("Draft: Check now", app.run_check, "Run every rule now"),
                (
                    (
                        _("Draft: Drop the working language…"),
                        app.action_working_language,
                        _("Keep only the texts for UNESCO (the working texts stay in the history)"),
                    )
                    if screen.session.bilingual
                    else (
                        _("Draft: Add a working language…"),
                        app.action_working_language,
                        _("Write each part in the city's language first, beside the text for UNESCO"),
                    )
                ),
            ]
        commands += [
            ("File: Open…", app.action_open, "Open another draft (ctrl+o)"),
            ("File: New draft…", app.action_new, "Create a new draft (ctrl+n)"),
            ("Settings: Your name in the history", app.action_set_author, "The name recorded with each save"),
            ("Help: Keys", app.action_help, "Every key (f1)"),
            ("File: Quit", app.action_quit, "Quit, asking to save changes (ctrl+q)"),
        ]
        return commands

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(literal(text, one_line=True), callback, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = max(matcher.match(text), matcher.match(self._keywords.get(text, "")))
            if score > 0:
                yield Hit(score, highlight(matcher, text), callback, text=text, help=help_text)

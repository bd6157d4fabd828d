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

from dossier.core import form, i18n
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
    def action_bundle(self) -> None: ...
    def action_overview(self) -> None: ...
    def action_history(self) -> None: ...
    def action_import_reviewed(self) -> None: ...
    @property
    def can_undo_restore(self) -> bool: ...
    async def action_undo_restore(self) -> None: ...
    def action_set_author(self) -> None: ...
    def action_working_language(self) -> None: ...
    def action_next_language(self) -> None: ...
    def set_language(self, language: str) -> None: ...
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
                text = _("Go to: {part}").format(part=title)
                commands.append((text, partial(app.go_to_part, entry), _("Put the cursor in this part")))
                # the part's keywords in English, French and Chinese (a Chinese official may type 预算)
                self._keywords[text] = f"go to {entry.replace('_', ' ')} {form.part(entry).keywords}"
            commands += [
                (_("File: Save"), app.action_save, _("Save the draft (ctrl+s)")),
                (_("File: Save as…"), app.action_save_as, _("Save the draft under another name")),
                (_("File: Export to Word"), app.action_export, _("Write a .docx of the draft (ctrl+e)")),
                (
                    _("File: Submission package…"),
                    app.action_bundle,
                    _("The .docx, its PDF and every attachment in one zip, as UNESCO receives them"),
                ),
                (
                    _("View: Overview"),
                    app.action_overview,
                    _("Readiness, findings, attachments, timeline (f2)"),
                ),
                (_("View: History…"), app.action_history, _("Every saved version; compare and restore (f3)")),
                (
                    _("File: Import reviewed Word file…"),
                    app.action_import_reviewed,
                    _("Bring a reviewer's .docx back, change by change (f4)"),
                ),
                *(
                    [
                        (
                            _("Draft: Undo restore"),
                            app.action_undo_restore,
                            _("Put back the text before the restore"),
                        )
                    ]
                    if app.can_undo_restore
                    else []
                ),
                (_("View: Next part"), screen.action_next_part, "ctrl+down"),
                (_("View: Previous part"), screen.action_previous_part, "ctrl+up"),
                (_("View: Show or hide guidance"), screen.action_toggle_guidance, "ctrl+g"),
                *(
                    [
                        (
                            _("Notes: Mark the selected note resolved"),
                            screen.action_resolve_note,
                            _("The reviewer's note under the editor (r in the list of notes)"),
                        )
                    ]
                    if screen.notes.selected is not None
                    else []
                ),
                (_("Draft: Check now"), app.run_check, _("Run every rule now")),
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
        for language in i18n.INTERFACE_LANGUAGES:
            # each language by its own name, so an official who cannot read the interface finds it
            name = form.language_name(language, language)
            name = name[:1].upper() + name[1:]
            text = _("Interface language: {language}").format(language=name)
            commands.append(
                (
                    text,
                    partial(app.set_language, language),
                    _("Menus, messages and guidance in {language} (ctrl+l cycles)").format(language=name),
                )
            )
            self._keywords[text] = f"interface language langue interface 界面语言 语言 {language} {name}"
        commands += [
            (_("File: Open…"), app.action_open, _("Open another draft (ctrl+o)")),
            (_("File: New draft…"), app.action_new, _("Create a new draft (ctrl+n)")),
            (
                _("Settings: Your name in the history"),
                app.action_set_author,
                _("The name recorded with each save"),
            ),
            (_("Help: Keys"), app.action_help, _("Every key (f1)")),
            (_("File: Quit"), app.action_quit, _("Quit, asking to save changes (ctrl+q)")),
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

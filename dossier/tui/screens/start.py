"""Shown when no draft is open: create one, open a file, or pick a recent draft."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from dossier.tui.screens.base import DossierScreen
from dossier.tui.text import literal

INTRO = (
    "Prepare your city's application to the UNESCO Creative Cities Network: write each part "
    "with its guidance and word limit, fix what the checks flag, and export it to Word."
)


class StartScreen(DossierScreen):
    """The first screen when there is no draft to reopen."""

    def __init__(self, recents: Sequence[Path] = ()) -> None:
        super().__init__()
        self._recents = list(recents)

    def compose(self) -> ComposeResult:
        with Vertical(id="start"):
            yield Static(Content("dossier"), id="start-title")
            yield Static(Content(INTRO), id="start-intro")
            options = [
                Option(Content("Create a new draft…           ctrl+n"), id="new"),
                Option(Content("Open a draft file…            ctrl+o"), id="open"),
            ]
            options += [
                Option(Content.assemble("Open  ", literal(str(p), one_line=True)), id=f"recent-{i}")
                for i, p in enumerate(self._recents[:8])
            ]
            options.append(Option(Content("Quit                          ctrl+q"), id="quit"))
            yield OptionList(*options, id="start-actions")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#start-actions", OptionList).focus()

    @on(OptionList.OptionSelected, "#start-actions")
    async def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = event.option.id or ""
        app = self.app
        if choice == "new":
            app.action_new()  # type: ignore[attr-defined]
        elif choice == "open":
            app.action_open()  # type: ignore[attr-defined]
        elif choice == "quit":
            await app.action_quit()
        elif choice.startswith("recent-"):
            app.open_draft_flow(self._recents[int(choice.removeprefix("recent-"))])  # type: ignore[attr-defined]

"""A long task's progress (the submission bundle: its PDF takes seconds): a step and a bar."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import ProgressBar, Static

from dossier.tui.base import DossierModal
from dossier.tui.text import literal


class ProgressDialog(DossierModal[None]):
    """Shows what a worker is doing; the flow that pushed it dismisses it when the work ends."""

    DEFAULT_CSS = """
    ProgressDialog { align: center middle; }
    ProgressDialog > #dialog {
        width: 64; max-width: 100%; height: auto;
        border: thick $primary 80%; background: $surface; padding: 0 1;
    }
    ProgressDialog #progress-title { text-style: bold; margin-bottom: 1; }
    ProgressDialog #progress-step { height: auto; color: $text-muted; }
    ProgressDialog ProgressBar { margin-top: 1; }
    """

    def __init__(self, title: str) -> None:
        super().__init__()
        self._title = title

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(literal(self._title), id="progress-title")
            yield Static(Content(""), id="progress-step")
            yield ProgressBar(total=100, show_eta=False, id="progress-bar")

    def advance(self, step: str, done: float) -> None:
        """Say the current step and how far the work is (0 to 1)."""
        self.query_one("#progress-step", Static).update(literal(step + "…"))
        self.query_one("#progress-bar", ProgressBar).update(progress=round(100 * max(0.0, min(done, 1.0))))

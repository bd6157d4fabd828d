"""One line of text to type: a version's label, the name recorded in the history."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from dossier.core.i18n import _
from dossier.tui.dialogs.form import FormDialog
from dossier.tui.text import literal, strip_controls

MAX_LENGTH = 200
"""A label or a name is one short line."""


class TextDialog(FormDialog[str]):
    """Dismisses with the text typed (spaces tidied; may be empty), or None when cancelled."""

    DEFAULT_CSS = """
    TextDialog { align: center middle; }
    TextDialog > #dialog {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary 80%; background: $surface; padding: 0 1;
    }
    TextDialog #text-title { text-style: bold; margin-bottom: 1; }
    TextDialog #text-message { margin-bottom: 1; }
    TextDialog #text-value { margin-bottom: 1; }
    TextDialog #text-buttons { height: auto; align-horizontal: right; }
    TextDialog #text-buttons Button { margin-left: 1; }
    """

    def __init__(self, title: str, message: str, value: str = "", *, ok: str | None = None) -> None:
        """``title``, ``message`` and ``ok`` come translated (``ok`` defaults to "Save")."""
        super().__init__()
        self._title = title
        self._message = message
        self._value = value
        self._ok_word = ok or _("Save")

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(literal(self._title), id="text-title")
            yield Static(literal(self._message), id="text-message")
            yield Input(self._value, id="text-value", max_length=MAX_LENGTH)
            with Horizontal(id="text-buttons"):
                yield Button(
                    literal(_("{answer} (enter)").format(answer=self._ok_word)),
                    variant="primary",
                    classes="form-ok",
                )
                yield Button(literal(_("Cancel (esc)")), classes="form-cancel")

    def action_ok(self) -> None:
        text = strip_controls(self.query_one("#text-value", Input).value)
        self.dismiss(" ".join(text.split()))

"""A question with a few answers, each on a button and a key: the base of the yes/no-style dialogs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Key
from textual.widgets import Button, Static

from dossier.core.i18n import N_, _
from dossier.tui.base import DossierModal
from dossier.tui.text import literal


class Choice(NamedTuple):
    id: str
    label: str
    key: str
    variant: str = "default"


class ChoiceDialog(DossierModal[str]):
    """Shows a title, a message (user text allowed: shown literally), optional detail lines and buttons.

    Dismisses with the chosen answer's id; escape gives :attr:`CANCEL`.
    """

    DEFAULT_CSS = """
    ChoiceDialog { align: center middle; }
    ChoiceDialog > #dialog {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary 80%;
        background: $surface;
        padding: 0 1;
    }
    ChoiceDialog.-warning > #dialog { border: thick $warning; }
    ChoiceDialog.-error > #dialog { border: thick $error; }
    ChoiceDialog #dialog-title { text-style: bold; margin-bottom: 1; }
    ChoiceDialog #dialog-message { margin-bottom: 1; }
    ChoiceDialog #dialog-details { height: auto; max-height: 10; margin-bottom: 1; background: $boost; }
    ChoiceDialog #dialog-details.-hidden { display: none; }
    ChoiceDialog #dialog-buttons { height: auto; align-horizontal: right; }
    ChoiceDialog #dialog-buttons Button { margin-left: 1; min-width: 10; }
    """

    CANCEL: ClassVar[str] = "cancel"
    CHOICES: ClassVar[Sequence[Choice]] = (Choice("ok", N_("OK (enter)"), "enter", "primary"),)
    """The buttons of a subclass, labels marked with ``N_`` (translated when the dialog is built)."""
    TITLE_TEXT: ClassVar[str] = ""
    """A subclass's title, marked with ``N_``; ``title=`` (already translated) overrides it."""
    TONE: ClassVar[str] = ""

    def __init__(
        self,
        message: str | Content = "",
        *,
        title: str | None = None,
        details: Sequence[str] = (),
        details_shown: bool = True,
        choices: Sequence[Choice] | None = None,
    ) -> None:
        super().__init__(classes=f"-{self.TONE}" if self.TONE else None)
        self._message = message
        self._title = title if title is not None else (_(self.TITLE_TEXT) if self.TITLE_TEXT else "")
        self._details = list(details)
        self._details_shown = details_shown
        self._choices = (
            list(choices) if choices is not None else [c._replace(label=_(c.label)) for c in self.CHOICES]
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(literal(self._title), id="dialog-title")
            message = self._message if isinstance(self._message, Content) else literal(self._message)
            yield Static(message, id="dialog-message")
            with VerticalScroll(id="dialog-details", classes="" if self._details_shown else "-hidden"):
                yield Static(literal("\n".join(self._details)), id="dialog-details-text")
            with Horizontal(id="dialog-buttons"):
                for choice in self._choices:
                    yield Button(choice.label, id=f"choice-{choice.id}", variant=choice.variant)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        if not self._details:
            self.query_one("#dialog-details").display = False
        self.query_one("#dialog-buttons Button", Button).focus()

    def show_details(self, lines: Sequence[str]) -> None:
        self._details = list(lines)
        self.query_one("#dialog-details-text", Static).update(literal("\n".join(lines)))
        details = self.query_one("#dialog-details")
        details.display = True
        details.remove_class("-hidden")

    def choose(self, choice_id: str) -> None:
        """Answer with ``choice_id``; subclasses may handle some answers without closing."""
        self.dismiss(choice_id)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id and event.button.id.startswith("choice-"):
            self.choose(event.button.id.removeprefix("choice-"))

    def on_key(self, event: Key) -> None:
        if not self.is_active:
            return  # closed already: DossierModal sends the key on to what is shown now
        if event.key == "escape":
            event.stop()
            event.prevent_default()  # handled here: not a key to send on once the dialog is closed
            self.dismiss(self.CANCEL)
            return
        for choice in self._choices:
            if choice.key and choice.key != "enter" and event.key == choice.key:
                event.stop()
                event.prevent_default()
                self.choose(choice.id)
                return

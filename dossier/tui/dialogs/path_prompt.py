"""Ask for a file path (open, save as, export), with completion and recent drafts to pick from."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from dossier.tui.inputs import FieldInput
from dossier.tui.text import literal

Mode = Literal["open", "save", "export"]


class PathSuggester(Suggester):
    """Completes the last part of a path from the folder's entries (drafts and folders first)."""

    def __init__(self, suffix: str = "") -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._suffix = suffix

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        expanded = os.path.expanduser(value)
        folder, _, stem = expanded.rpartition(os.sep)
        base = Path(folder or ".") if folder or not expanded.startswith(os.sep) else Path(os.sep)
        try:
            names = sorted(os.listdir(base))
        except OSError:
            return None
        matches = [n for n in names if n.startswith(stem) and n != stem and not n.startswith(".")]
        if not matches:
            return None
        matches.sort(key=lambda n: (not (n.endswith(self._suffix) or (base / n).is_dir()), n))
        best = matches[0] + (os.sep if (base / matches[0]).is_dir() else "")
        return value[: len(value) - len(stem)] + best


def check_path(text: str, mode: Mode) -> tuple[Path | None, str]:
    """The chosen path, or None and a plain reason."""
    text = text.strip()
    if not text:
        return None, "Type a file path."
    path = Path(os.path.expanduser(text))
    if not path.is_absolute():
        path = Path.cwd() / path
    if path.is_dir():
        return None, f"{path} is a folder; add a file name."
    if mode == "open":
        if not path.is_file():
            return None, f"There is no file {path}."
        return path, ""
    if not path.parent.is_dir():
        return None, f"The folder {path.parent} does not exist."
    return path, ""


class PathDialog(ModalScreen[Path | None]):
    """Dismisses with the chosen path (checked for the mode) or None."""

    DEFAULT_CSS = """
    PathDialog { align: center middle; }
    PathDialog > #dialog {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary 80%; background: $surface; padding: 0 1;
    }
    PathDialog #path-title { text-style: bold; margin-bottom: 1; }
    PathDialog #path-input { margin-bottom: 0; }
    PathDialog #path-error { color: $text-error; height: auto; }
    PathDialog #path-recent { height: auto; max-height: 8; margin-top: 1; }
    PathDialog #path-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    PathDialog #path-buttons Button { margin-left: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        initial: Path | str = "",
        *,
        mode: Mode = "open",
        recent: Sequence[Path] = (),
        suffix: str = ".dossier.json",
        action: str = "OK",
    ) -> None:
        super().__init__()
        self._title = title
        self._initial = str(initial)
        self._mode: Mode = mode
        self._recent = list(recent)
        self._suffix = suffix
        self._action = action

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(literal(self._title), id="path-title")
            yield FieldInput(
                self._initial,
                id="path-input",
                compact=False,
                suggester=PathSuggester(self._suffix),
                placeholder="path of the file, e.g. ~/dossiers/city.dossier.json",
            )
            yield Static("", id="path-error")
            if self._recent:
                recent = OptionList(
                    *(Option(literal(str(p), one_line=True), id=str(i)) for i, p in enumerate(self._recent)),
                    id="path-recent",
                )
                recent.border_title = Content("Recent drafts")
                yield recent
            with Horizontal(id="path-buttons"):
                yield Button(Content(f"{self._action} (enter)"), id="path-ok", variant="primary")
                yield Button("Cancel (esc)", id="path-cancel")

    def on_mount(self) -> None:
        field = self.query_one("#path-input", FieldInput)
        field.focus()
        field.cursor_position = len(field.value)

    def _submit(self, text: str) -> None:
        path, problem = check_path(text, self._mode)
        if path is None:
            self.query_one("#path-error", Static).update(literal(problem))
            return
        self.dismiss(path)

    @on(Input.Submitted, "#path-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit(event.value)

    @on(Button.Pressed, "#path-ok")
    def _ok(self, event: Button.Pressed) -> None:
        event.stop()
        self._submit(self.query_one("#path-input", FieldInput).value)

    @on(Button.Pressed, "#path-cancel")
    def _cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    @on(OptionList.OptionSelected, "#path-recent")
    def _recent_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self._submit(str(self._recent[int(event.option.id)]))

    def action_cancel(self) -> None:
        self.dismiss(None)

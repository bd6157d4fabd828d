"""Thin subclasses of Textual's editors: pasted control characters are dropped, blink follows the app.

Textual draws ESC and other control characters straight to the terminal, so text
pasted from a web page or a chat must not bring them into the draft. Tests and
snapshots turn the cursor blink off through the app (``make_app(cursor_blink=False)``).

Kept beside ``text.py``, below both ``dialogs`` and ``widgets``, which both use them
(a form pane opens a dialog, so the two packages must not import each other).
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

from dossier.tui.text import removed_summary, strip_controls


def _blink(widget: Input | TextArea) -> bool:
    return bool(getattr(widget.app, "cursor_blink", True))


class ProseArea(TextArea):
    """The soft-wrapping editor of a narrative part (undo with ctrl+z, redo with ctrl+y)."""

    def __init__(self, text: str = "", **kwargs: object) -> None:
        kwargs.setdefault("soft_wrap", True)
        kwargs.setdefault("tab_behavior", "focus")
        kwargs.setdefault("highlight_cursor_line", False)
        super().__init__(strip_controls(text), **kwargs)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        self.cursor_blink = _blink(self)

    async def _on_paste(self, event: events.Paste) -> None:
        event.text = strip_controls(event.text)
        await super()._on_paste(event)


def _one_line(value: str | None) -> str:
    return strip_controls(value or "").replace("\n", " ").replace("\t", " ")


def _one_line_changes(value: str | None) -> str | None:
    """In words, what showing ``value`` on one line changes, or None when nothing."""
    value = value or ""
    changes = [removed_summary(value) or ""]
    if "\n" in value or "\r" in value or "\t" in value:
        changes.append("line breaks or tabs (made spaces: the field has one line)")
    return " and ".join(c for c in changes if c) or None


class FieldInput(Input):
    """A one-line form field.

    ``touched`` turns True at the first change that did not come from loading: a
    value whose control characters were stripped for display must not count as an
    edit (nor overwrite the stored value) until the official really changes it.
    """

    def __init__(self, value: str | None = None, **kwargs: object) -> None:
        kwargs.setdefault("compact", True)
        kwargs.setdefault("select_on_focus", False)  # entering a field must not let one key replace it
        self._loaded = _one_line(value)
        self._changes = _one_line_changes(value)
        self.touched = False
        super().__init__(self._loaded, **kwargs)  # type: ignore[arg-type]

    def load(self, value: str | None) -> None:
        """Show ``value`` as loaded from the draft (not an edit)."""
        self._loaded = _one_line(value)
        self._changes = _one_line_changes(value)
        self.touched = False
        with self.prevent(Input.Changed):
            self.value = self._loaded

    def on_focus(self, event: events.Focus) -> None:
        """Enter at the end of the value, with the end in view (a mouse click then places the cursor)."""
        self.cursor_position = len(self.value)
        self.scroll_to(x=self.max_scroll_x, animate=False, force=True)

    def on_blur(self, event: events.Blur) -> None:
        """Show the start again: a field left scrolled to its end looks as if its beginning were lost."""
        self.scroll_to(x=0, animate=False, force=True)

    def _on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self and event.value != self._loaded and not self.touched:
            self.touched = True
            if self._changes:
                self.app.notify(
                    f"This field held {self._changes}; editing it stores what you see.",
                    title="Field changed",
                    severity="warning",
                    markup=False,
                    timeout=12,
                )

    def on_mount(self) -> None:
        self.cursor_blink = _blink(self)

    def _on_paste(self, event: events.Paste) -> None:
        event.text = strip_controls(event.text)
        super()._on_paste(event)

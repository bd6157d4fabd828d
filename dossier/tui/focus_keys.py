"""Tab and shift+tab that move the focus before the next key is handed on.

Textual 8.2.8 hands each key to the widget focused *when the app reads the key*, and a
plain tab binding moves the focus only later, when the focused field handles the tab.
Keys typed in one burst after a tab (a fast typist, keys sent together by the terminal)
therefore went to the field being left: Link 1 lost its first "h", "Mr." went half
into Link 4. A priority binding is run by the app itself, at once, so every key after
the tab goes to the new field. ``tests/tui/test_fast_typing.py`` keeps a test that says
when Textual stops needing this.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from dossier.core.i18n import N_

TAB_AT_ONCE: list[BindingType] = [
    Binding("tab", "focus_next_at_once", N_("Next field"), show=False, priority=True),
    Binding("shift+tab", "focus_previous_at_once", N_("Previous field"), show=False, priority=True),
]


class TabAtOnce:
    """The actions of :data:`TAB_AT_ONCE`; the class using it also lists those bindings in its
    own ``BINDINGS`` (Textual collects bindings only from widget classes, not from mixins)."""

    def action_focus_next_at_once(self) -> None:
        self.app.screen.focus_next()  # type: ignore[attr-defined]

    def action_focus_previous_at_once(self) -> None:
        self.app.screen.focus_previous()  # type: ignore[attr-defined]

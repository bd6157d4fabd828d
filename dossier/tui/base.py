"""What every screen and dialog of the editor shares: the footer's key order, and closing only once."""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from textual import events
from textual.await_complete import AwaitComplete
from textual.binding import ActiveBinding
from textual.screen import ModalScreen, Screen

FOOTER_ORDER = ("save", "export", "next_part", "previous_part", "overview", "help", "quit")
"""The file keys first, then moving around, then quit; keys of the focused widget come before all."""

ResultType = TypeVar("ResultType")


class Preferences(Protocol):
    """The interface state every screen shares, held by the app as reactives (and remembered)."""

    ui_language: str
    guidance_shown: bool


class DossierScreen(Screen[Any]):
    """A screen whose footer shows the global keys in :data:`FOOTER_ORDER`."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        bindings = super().active_bindings
        rank = {action: i for i, action in enumerate(FOOTER_ORDER)}
        return dict(sorted(bindings.items(), key=lambda item: rank.get(item[1].binding.action, -1)))


class DossierModal(ModalScreen[ResultType]):
    """A dialog that closes once, however many keys arrive after the one that closed it.

    Textual 8.2.8's ``Screen.dismiss`` pops the app's *top* screen, whichever it is. Keys
    typed in a burst ("ddd" in the unsaved-changes dialog, enter pressed twice) are
    queued behind the one that closed the dialog and still reach it afterwards: each
    extra dismiss closed the editor below, then raised ``ScreenStackError``. Here a
    dialog that is no longer the active screen ignores further dismissals.
    ``tests/tui/test_stray_keys.py`` keeps a test that says when Textual stops needing this.
    """

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        if not self.is_active:
            return AwaitComplete.nothing()
        return super().dismiss(result)

    def on_key(self, event: events.Key) -> None:
        """A key typed after the one that closed the dialog belongs to what is shown now: send it on.

        (Textual handed it to this dialog because it was still focused when the key was read.)
        """
        if not self.is_active and self.app.is_running:
            event.stop()
            event.prevent_default()
            self.app.post_message(events.Key(event.key, event.character))

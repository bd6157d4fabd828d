"""What every screen and dialog of the editor shares: the footer's key order, and closing only once."""

from __future__ import annotations

import dataclasses
from typing import Any, Protocol, TypeVar

from textual import events, on
from textual.await_complete import AwaitComplete
from textual.binding import ActiveBinding
from textual.screen import ModalScreen, Screen

from dossier.core.i18n import _, pgettext

FOOTER_ORDER = ("save", "export", "next_part", "previous_part", "overview", "help", "quit")
"""The file keys first, then moving around, then quit; keys of the focused widget come before all."""

ResultType = TypeVar("ResultType")


class Preferences(Protocol):
    """The interface state every screen shares, held by the app as reactives (and remembered)."""

    ui_language: str
    guidance_shown: bool


def footer_words() -> dict[str, str]:
    """The footer's own wording of some binding descriptions, in the interface language.

    The seven global keys must fit an 80-column footer in every language (French words are
    longer), so the footer may say less than the same word elsewhere ("Enreg." for the
    footer's "Save", "Enregistrer" on a button); and Textual's own palette key is worded here.
    """
    return {
        "Save": pgettext("footer", "Save"),
        "Export": pgettext("footer", "Export"),
        "Next": pgettext("footer", "Next"),
        "Prev": pgettext("footer", "Prev"),
        "Overview": pgettext("footer", "Overview"),
        "Help": pgettext("footer", "Help"),
        "Quit": pgettext("footer", "Quit"),
        "palette": pgettext("footer", "palette"),
        "Open the command palette": _("Open the command palette"),
    }


def _in_language(text: str, words: dict[str, str] | None = None) -> str:
    if not text:
        return text  # gettext("") is the catalogue's header
    return (words or {}).get(text) or _(text)


def translated(bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """``bindings`` with their descriptions and tooltips in the interface language.

    Binding descriptions are class attributes, written once at import in English (marked
    with ``N_``). Textual's ``Footer`` (and its keys panel) read them from
    ``screen.active_bindings`` each time they are composed, so translating here, when they
    are read, follows a language switch as soon as the footer recomposes
    (``refresh_bindings``).
    """
    words = footer_words()
    shown: dict[str, ActiveBinding] = {}
    for key, active in bindings.items():
        binding = active.binding
        binding = dataclasses.replace(
            binding,
            description=_in_language(binding.description, words),
            tooltip=_in_language(binding.tooltip, words),
        )
        shown[key] = active._replace(binding=binding, tooltip=_in_language(active.tooltip, words))
    return shown


class DossierScreen(Screen[Any]):
    """A screen whose footer shows the global keys in :data:`FOOTER_ORDER`, in the interface language.

    It follows the app's ``ui_language``: :meth:`language_changed` redraws it (by default,
    composed again) when the official switches language.
    """

    @on(events.Mount)
    def _follow_language(self, event: events.Mount) -> None:
        if hasattr(self.app, "ui_language"):
            self.watch(self.app, "ui_language", self.language_changed, init=False)

    async def language_changed(self, language: str) -> None:
        """The interface now speaks ``language`` (``_`` already follows it): show it."""
        await self.recompose()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        bindings = super().active_bindings
        rank = {action: i for i, action in enumerate(FOOTER_ORDER)}
        ordered = dict(sorted(bindings.items(), key=lambda item: rank.get(item[1].binding.action, -1)))
        return translated(ordered)


class DossierModal(ModalScreen[ResultType]):
    """A dialog that closes once, however many keys arrive after the one that closed it.

    Textual 8.2.8's ``Screen.dismiss`` pops the app's *top* screen, whichever it is. Keys
    typed in a burst ("ddd" in the unsaved-changes dialog, enter pressed twice) are
    queued behind the one that closed the dialog and still reach it afterwards: each
    extra dismiss closed the editor below, then raised ``ScreenStackError``. Here a
    dialog that is no longer the active screen ignores further dismissals.
    ``tests/tui/test_stray_keys.py`` keeps a test that says when Textual stops needing this.
    """

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated(super().active_bindings)

    @on(events.Mount)
    def _follow_language(self, event: events.Mount) -> None:
        if hasattr(self.app, "ui_language"):
            self.watch(self.app, "ui_language", self.language_changed, init=False)

    async def language_changed(self, language: str) -> None:
        """The interface now speaks ``language``: a dialog that can show it again does so here
        (most are answered in a moment and keep the words they opened with)."""

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

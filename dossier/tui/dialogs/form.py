"""What every modal form shares: enter in a field or the OK button submits, escape or Cancel closes."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual import on
from textual.binding import BindingType
from textual.widgets import Button, Input

from dossier.core.i18n import N_
from dossier.tui.base import DossierModal
from dossier.tui.focus_keys import TAB_AT_ONCE, TabAtOnce

ResultType = TypeVar("ResultType")


class FormDialog(TabAtOnce, DossierModal[ResultType | None]):
    """A form that dismisses with its result, or None when cancelled.

    Subclasses compose their fields and two buttons with the classes ``form-ok`` and
    ``form-cancel``, and implement :meth:`action_ok` (check, then ``dismiss`` or say why not).
    """

    BINDINGS: ClassVar[list[BindingType]] = [*TAB_AT_ONCE, ("escape", "cancel", N_("Cancel"))]

    def action_ok(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_ok()

    @on(Button.Pressed, ".form-ok")
    def _ok(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_ok()

    @on(Button.Pressed, ".form-cancel")
    def _cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

"""Unsaved changes: save, discard or cancel (before quitting or opening another draft)."""

from __future__ import annotations

from dossier.core.i18n import N_, _
from dossier.tui.dialogs.choice import Choice, ChoiceDialog


class QuitDialog(ChoiceDialog):
    """Dismisses with "save", "discard" or "cancel"."""

    TITLE_TEXT = N_("Unsaved changes")
    TONE = "warning"
    CHOICES = (
        Choice("save", N_("Save (s)"), "s", "primary"),
        Choice("discard", N_("Discard (d)"), "d", "error"),
        Choice("cancel", N_("Cancel (esc)"), ""),
    )

    def __init__(self, name: str, *, doing: str = "quit") -> None:
        """``doing`` is "quit" or "open" (another draft): what the official is about to do."""
        if doing == "open":
            question = _("{name} has changes that are not saved. Save them before opening another draft?")
        else:
            question = _("{name} has changes that are not saved. Save them before quitting?")
        super().__init__(
            question.format(name=name) + "\n" + _("Discard throws away everything typed since the last save.")
        )

"""Unsaved changes: save, discard or cancel (before quitting or opening another draft)."""

from __future__ import annotations

from dossier.tui.dialogs.choice import Choice, ChoiceDialog


class QuitDialog(ChoiceDialog):
    """Dismisses with "save", "discard" or "cancel"."""

    TITLE_TEXT = "Unsaved changes"
    TONE = "warning"
    CHOICES = (
        Choice("save", "Save (s)", "s", "primary"),
        Choice("discard", "Discard (d)", "d", "error"),
        Choice("cancel", "Cancel (esc)", ""),
    )

    def __init__(self, name: str, *, doing: str = "quitting") -> None:
        super().__init__(
            f"{name} has changes that are not saved. Save them before {doing}?\n"
            "Discard throws away everything typed since the last save."
        )

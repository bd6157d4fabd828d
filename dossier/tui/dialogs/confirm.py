"""A yes/no question for destructive steps (remove an initiative, replace a file)."""

from __future__ import annotations

from dossier.tui.dialogs.choice import Choice, ChoiceDialog


class ConfirmDialog(ChoiceDialog):
    """Dismisses with "yes" or "cancel"."""

    TONE = "warning"

    def __init__(self, title: str, message: str, *, yes: str = "Yes") -> None:
        super().__init__(
            message,
            title=title,
            choices=(Choice("yes", f"{yes} (y)", "y", "error"), Choice("cancel", "Cancel (esc)", "")),
        )

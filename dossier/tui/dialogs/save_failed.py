"""Saving failed: say why in plain words and offer to save somewhere else. The text stays on screen."""

from __future__ import annotations

from dossier.core.i18n import N_, _
from dossier.tui.dialogs.choice import Choice, ChoiceDialog


class SaveFailedDialog(ChoiceDialog):
    """Dismisses with "save_as", "retry" or "cancel"."""

    TITLE_TEXT = N_("The draft was not saved")
    TONE = "error"
    CHOICES = (
        Choice("save_as", N_("Save as… (a)"), "a", "primary"),
        Choice("retry", N_("Retry (r)"), "r"),
        Choice("cancel", N_("Close (esc)"), ""),
    )

    def __init__(self, message: str) -> None:
        super().__init__(
            message
            + "\n\n"
            + _(
                "Nothing is lost: your text is still here, and a recovery copy is kept "
                "when the folder allows it. Save it to another folder, or fix the problem and retry."
            )
        )

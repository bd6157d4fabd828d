"""The draft changed on disk since it was opened: overwrite, save as, or cancel."""

from __future__ import annotations

from dossier.core.i18n import N_, _
from dossier.tui.dialogs.choice import Choice, ChoiceDialog


class ConflictDialog(ChoiceDialog):
    """Dismisses with "overwrite", "save_as" or "cancel"."""

    TITLE_TEXT = N_("The file changed on disk")
    TONE = "warning"
    CHOICES = (
        Choice("save_as", N_("Save as… (a)"), "a", "primary"),
        Choice("overwrite", N_("Overwrite (o)"), "o", "error"),
        Choice("cancel", N_("Cancel (esc)"), ""),
    )

    def __init__(self, message: str) -> None:
        super().__init__(
            message
            + "\n\n"
            + _(
                "Save as another file to keep both, or overwrite the file on disk with "
                "what is on screen (its previous version stays in the .bak file)."
            )
        )

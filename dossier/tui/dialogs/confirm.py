"""A yes/no question for destructive steps (remove an initiative, replace a file)."""

from __future__ import annotations

from dossier.core.i18n import _
from dossier.tui.dialogs.choice import Choice, ChoiceDialog


class ConfirmDialog(ChoiceDialog):
    """Dismisses with "yes" or "cancel"."""

    TONE = "warning"

    def __init__(self, title: str, message: str, *, yes: str | None = None) -> None:
        """``title``, ``message`` and ``yes`` come translated (``yes`` defaults to "Yes")."""
        super().__init__(
            message,
            title=title,
            choices=(
                Choice("yes", _("{answer} (y)").format(answer=yes or _("Yes")), "y", "error"),
                Choice("cancel", _("Cancel (esc)"), ""),
            ),
        )

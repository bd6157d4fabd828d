"""The draft is already open in another window (or a crashed one left its lock)."""

from __future__ import annotations

from dossier.storage.lock import Holder
from dossier.tui.dialogs.choice import Choice, ChoiceDialog


class LockDialog(ChoiceDialog):
    """Dismisses with "take_over", "read_only" or "cancel"."""

    TITLE_TEXT = "This draft is in use"
    TONE = "warning"

    def __init__(self, holder: Holder) -> None:
        if holder.stale:
            advice = "Take over to edit it here (nothing of that window can still be saved)."
            choices = (
                Choice("take_over", "Take over (t)", "t", "primary"),
                Choice("read_only", "Read-only (r)", "r"),
                Choice("cancel", "Cancel (esc)", ""),
            )
        else:
            advice = (
                "Editing it in two windows makes one window's save overwrite the other's. "
                "Open it read-only here, or take over if that window is really closed."
            )
            choices = (
                Choice("read_only", "Read-only (r)", "r", "primary"),
                Choice("take_over", "Edit anyway (e)", "e", "error"),
                Choice("cancel", "Cancel (esc)", ""),
            )
        super().__init__(f"{holder.describe()}\n{advice}", choices=choices)

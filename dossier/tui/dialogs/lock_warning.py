"""The draft is already open in another window (or a crashed one left its lock)."""

from __future__ import annotations

from dossier.core.i18n import N_, _
from dossier.storage.lock import Holder
from dossier.tui.dialogs.choice import Choice, ChoiceDialog


class LockDialog(ChoiceDialog):
    """Dismisses with "take_over", "read_only" or "cancel"."""

    TITLE_TEXT = N_("This draft is in use")
    TONE = "warning"

    def __init__(self, holder: Holder) -> None:
        if holder.stale:
            advice = _("Take over to edit it here (nothing of that window can still be saved).")
            choices = (
                Choice("take_over", _("Take over (t)"), "t", "primary"),
                Choice("read_only", _("Read-only (r)"), "r"),
                Choice("cancel", _("Cancel (esc)"), ""),
            )
        else:
            advice = _(
                "Editing it in two windows makes one window's save overwrite the other's. "
                "Open it read-only here, or take over if that window is really closed."
            )
            choices = (
                Choice("read_only", _("Read-only (r)"), "r", "primary"),
                Choice("take_over", _("Edit anyway (e)"), "e", "error"),
                Choice("cancel", _("Cancel (esc)"), ""),
            )
        super().__init__(f"{holder.describe()}\n{advice}", choices=choices)

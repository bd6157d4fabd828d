"""A recovery copy newer than the draft was found: recover it, discard it, or compare first."""

from __future__ import annotations

from collections.abc import Sequence

from dossier.core.i18n import N_, _
from dossier.tui.dialogs.choice import Choice, ChoiceDialog


class RecoveryDialog(ChoiceDialog):
    """Dismisses with "recover", "discard" or "cancel" (keep it aside, decide later); compare stays open."""

    TITLE_TEXT = N_("Recover unsaved changes?")
    TONE = "warning"
    CHOICES = (
        Choice("recover", N_("Recover (r)"), "r", "primary"),
        Choice("compare", N_("Compare (c)"), "c"),
        Choice("discard", N_("Discard (d)"), "d", "error"),
    )

    def __init__(self, name: str, when: str, differences: Sequence[str]) -> None:
        super().__init__(
            _(
                "{name} has a recovery copy from {when} with changes that were never saved "
                "(the program was probably closed by a crash or a lost connection)."
            ).format(name=name, when=when)
            + "\n"
            + _(
                "Recover puts them back in the editor (save to keep them); Discard deletes the copy; "
                "Escape keeps it aside as a separate file."
            ),
            details_shown=False,
        )
        self._differences = list(differences) or [_("The copy differs from the draft.")]

    def choose(self, choice_id: str) -> None:
        if choice_id == "compare":
            self.show_details(
                [_("What the recovery copy changes:"), *(f"  • {d}" for d in self._differences)]
            )
            return
        self.dismiss(choice_id)

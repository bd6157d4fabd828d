"""What every editor pane in the main area offers the screen (method calls down)."""

from __future__ import annotations

from textual.containers import Vertical

from dossier.tui.session import Session


class PartPane(Vertical):
    """Base of the panes: one per sidebar entry, mounted on first visit."""

    DEFAULT_CSS = """
    PartPane { height: 1fr; }
    """

    def __init__(self, session: Session, entry: str, language: str = "en", **kwargs: object) -> None:
        super().__init__(id=f"pane-{entry}", **kwargs)  # type: ignore[arg-type]
        self.session = session
        self.entry = entry
        self.language = language

    def focus_editor(self) -> None:
        """Put the cursor where the official types (called after "go to section")."""
        self.focus()

    def focus_location(self, location: str) -> None:
        """Focus the field a finding's location points to (default: the editor)."""
        self.focus_editor()

    def set_language(self, language: str) -> None:
        """Show titles, guidance and the pane's own words in ``language`` ("en", "fr" or "zh")."""
        self.language = language

    def set_guidance(self, shown: bool) -> None:
        """Show or hide the guidance (panes without guidance ignore it)."""

    def place(self) -> dict[str, object]:
        """Where the official is in this pane, to come back to it next time."""
        return {"part": self.entry}

    def restore(self, place: dict[str, object]) -> None:
        """Go back to a place saved by :meth:`place`."""

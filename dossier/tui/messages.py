"""Messages the editors send up to the main screen (past tense: something happened)."""

from __future__ import annotations

from textual.message import Message


class PartEdited(Message):
    """The official changed something in one sidebar entry (text, a field, a target…)."""

    def __init__(self, entry: str, *, header: bool = False) -> None:
        super().__init__()
        self.entry = entry
        self.header = header
        """True when the change shows in the header too (city, field)."""

"""The first screen of a draft being opened: the text of the part it opens on, while it is checked.

Reading the file and parsing its JSON takes a few milliseconds; importing pydantic and
validating the draft, then building the sidebar, findings and footer, take several
times that. This screen shows the editor's text as soon as the JSON is parsed, with the
cursor where the official left it; keys typed meanwhile are held by the app and typed
into the real editor once the draft has been validated (:class:`~dossier.tui.app.DossierApp`
replaces this screen by the main one). Nothing here can change the draft: the editor is
read-only, and saving or exporting is refused until the draft has been validated.

Imports nothing heavier than Textual: no pydantic, no rules, no profile.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from dossier.core import form
from dossier.core.i18n import _
from dossier.storage.raw import RawDraft
from dossier.tui.inputs import ProseArea


def opening_part(place: dict[str, Any] | None) -> str:
    """The text part a draft is likely to open on: where the official left it, else the introduction."""
    part = (place or {}).get("part")
    return part if isinstance(part, str) and part in form.TEXT_PARTS else form.TEXT_PARTS[0]


def part_text(raw: dict[str, Any], part: str) -> str:
    """The text of ``part`` in a parsed draft, or "" where the JSON is not shaped as expected
    (an old layout, a damaged file: validation says what is wrong, this screen only shows)."""
    value: Any = raw
    for name in form.part(part).path.split("."):
        value = value.get(name) if isinstance(value, dict) else None
    text = value.get("text") if isinstance(value, dict) else None
    return text if isinstance(text, str) else ""


class OpeningScreen(Screen[None]):
    """The text of the part the draft opens on, read-only, while the draft is validated."""

    DEFAULT_CSS = """
    OpeningScreen #opening-title { height: 1; padding: 0 1; text-style: bold; }
    OpeningScreen ProseArea { height: 1fr; }
    """
    AUTO_FOCUS = "ProseArea"

    def __init__(self, read: RawDraft, place: dict[str, Any] | None) -> None:
        super().__init__()
        self._read = read
        self._place = place
        self._part = opening_part(place)

    def compose(self) -> ComposeResult:
        title = _("{name} · opening…").format(name=self._read.path.name)
        yield Static(Content(title), id="opening-title")
        yield ProseArea(part_text(self._read.raw, self._part), read_only=True, id="opening-text")

    def on_mount(self) -> None:
        area = self.query_one(ProseArea)
        cursor = (self._place or {}).get("cursor") if (self._place or {}).get("part") == self._part else None
        if isinstance(cursor, list) and len(cursor) == 2 and all(isinstance(n, int) for n in cursor):
            area.move_cursor(area.clamp_visitable((cursor[0], cursor[1])))
        else:
            area.move_cursor(area.document.end)

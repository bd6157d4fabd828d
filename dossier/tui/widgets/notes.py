"""The reviewers' open notes on the part being edited, under its findings.

A note came from a comment in the margin of a reviewed Word file; the official reads it
beside the text it is about and marks it resolved once dealt with (a resolved note is
kept in the draft but no longer shown here nor exported again as a Word comment).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dossier.core.i18n import N_, _, ngettext
from dossier.core.model import Note
from dossier.tui.text import fit, format_date, literal
from dossier.tui.typeset import Typeset

ANCHOR_WIDTH = 40
"""Cells of the anchored text shown: enough to recognise the sentence, no more."""


def note_prompt(note: Note) -> Typeset:
    """Who, when and which paragraph; then the note itself; then (muted) the text it is anchored
    to. The note comes second so that a short terminal, showing two lines, still shows it.
    Set as Chinese is set: a Chinese note starts beside its indent, not a row below."""
    heading = Content.assemble(
        ("✎ ", "$text-warning"),
        literal(note.author or _("(no name)"), "bold", one_line=True),
        (f" · {format_date(note.date)}" if note.date else "", "$text-muted"),
        (
            " · "
            + (
                _("paragraph {number} of the working text")
                if note.column == "working"
                else _("paragraph {number}")
            ).format(number=note.paragraph + 1)
            if note.paragraph is not None
            else "",
            "$text-muted",
        ),
    )
    lines = [heading, Content.assemble("  ", literal(note.text, one_line=True))]
    if note.anchor.strip():
        anchor = fit(" ".join(note.anchor.split()), ANCHOR_WIDTH)
        lines.append(Content.assemble("  ", literal(_("“{text}”").format(text=anchor), "$text-muted italic")))
    return Typeset(Content("\n").join(lines))


class NotesList(OptionList):
    """The open notes of one part; ``r`` (or the palette) marks the highlighted one resolved.

    Hidden when the part has none, so a draft without notes looks as before.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "resolve", N_("Resolved"), id="resolve_note"),
    ]

    class Resolve(Message):
        """The official marked a note resolved."""

        def __init__(self, note: Note) -> None:
            super().__init__()
            self.note = note

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._notes: list[Note] = []
        self._key: tuple[tuple[str, str, str], ...] | None = None

    @property
    def notes(self) -> list[Note]:
        return list(self._notes)

    @property
    def selected(self) -> Note | None:
        """The highlighted note (the first when none is highlighted), or None when there are none."""
        if not self._notes:
            return None
        index = self.highlighted if self.highlighted is not None else 0
        return self._notes[min(index, len(self._notes) - 1)]

    def reword(self) -> None:
        """The interface language changed: draw the list again on the next :meth:`show`."""
        self._key = None

    def show(self, notes: Sequence[Note]) -> None:
        """Replace the list (a no-op when the same notes are shown already)."""
        key = tuple((n.id, n.author, n.text) for n in notes)
        if key == self._key:
            return
        self._key = key
        highlighted = self.highlighted
        self._notes = list(notes)
        self.set_options(Option(note_prompt(n), id=n.id) for n in notes)
        if notes and highlighted is not None:
            self.highlighted = min(highlighted, len(notes) - 1)
        self.display = bool(notes)
        count = len(notes)
        self.border_title = Content(
            ngettext("{count} reviewer's note", "{count} reviewers' notes", count).format(count=count)
        )
        self.border_subtitle = Content(_("r: resolved"))

    def on_focus(self) -> None:
        """Entering the list highlights its first note, so ``r`` acts on it at once."""
        if self.highlighted is None and self._notes:
            self.highlighted = 0

    def action_resolve(self) -> None:
        note = self.selected
        if note is not None:
            self.post_message(self.Resolve(note))

"""Interface text set the way Chinese is set: rows break between Chinese characters too.

Textual wraps a Content at spaces only, so a Chinese sentence is one long word to it: after a
mark ("✗ ") it is moved whole to the next row, and it is cut at whatever character meets the
edge, inside a Latin word ("Aucun|e") or before a "，". :class:`Typeset` breaks its rows with
:func:`~dossier.tui.kinsoku.row_breaks` instead, and can hold a mark in a column of its own
with the text's later rows under its first (a hanging indent). For short interface texts
(findings, guidance); the section editors have their own wrap (``ProseWrap``).
"""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Offset
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import Static

from dossier.tui.kinsoku import row_breaks


class Typeset(Visual):
    """``body`` broken into rows as Chinese is set, beside an optional ``mark`` (✗, !)."""

    def __init__(self, body: Content, *, mark: Content | None = None) -> None:
        self.mark = mark or Content("")
        self.body = body
        self._indent = self.mark.cell_length
        self._rows: tuple[int, list[tuple[int, int]], Content] = (-1, [], Content(""))

    def __str__(self) -> str:
        return self.plain

    @property
    def plain(self) -> str:
        return self.mark.plain + self.body.plain

    def _layout(self, width: int) -> tuple[list[tuple[int, int]], Content]:
        """Each row's (start in the body, spaces added before it), and the rows as one
        Content, one row per line.

        A line of the body that starts with spaces keeps them as a hanging indent: its
        later rows start under its text, not at the left edge.
        """
        inner = max(1, width - self._indent)
        if self._rows[0] != inner:
            places: list[tuple[int, int]] = []
            rows: list[Content] = []
            base = 0
            lines = self.body.split("\n", allow_blank=True)
            if len(lines) > 1 and not lines[-1].plain:
                lines.pop()  # a text that ends with a line break has no empty row after it
            for line in lines:
                lead = len(line.plain) - len(line.plain.lstrip(" "))
                lead = lead if lead < inner // 2 else 0  # an indent that leaves room to write
                head, rest = line[:lead], line[lead:]
                breaks = row_breaks(rest.plain, inner - lead)
                for number, (piece, start) in enumerate(zip(rest.divide(breaks), [0, *breaks], strict=True)):
                    if number == 0:
                        rows.append(head + piece.rstrip())
                        places.append((base, 0))
                    else:
                        rows.append(Content(" " * lead) + piece.rstrip())
                        places.append((base + lead + start, lead))
                base += len(line.plain) + 1
            self._rows = (inner, places, Content("\n").join(rows))
        return self._rows[1], self._rows[2]

    def rows(self, width: int) -> list[Content]:
        """The body's rows at ``width`` cells in all (the mark's column included)."""
        return self._layout(width)[1].split(allow_blank=True)

    def selected_text(self, selection: Selection, width: int) -> str:
        """The body's text between two places on screen (row, column in the row), as typed:
        the rows' breaks and their hanging indents are not part of the text."""
        places, rows = self._layout(width)
        lines = rows.plain.split("\n")

        def offset(place: Offset | None, default: int) -> int:
            if place is None:
                return default
            row = min(max(place.y, 0), len(lines) - 1)
            start, added = places[row]
            return start + min(max(place.x - added, 0), len(lines[row]) - added)

        return self.body.plain[offset(selection.start, 0) : offset(selection.end, len(self.body.plain))]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self._indent + self.body.get_optimal_width(rules, container_width - self._indent)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.rows(width))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        # the rows as one Content, one row a line: each fits, so nothing wraps again, and a
        # selection's places (row, column) are the ones selected_text reads back
        lines = self._layout(width)[1].render_strips(max(1, width - self._indent), height, style, options)
        if not self._indent:
            return lines
        rich_style = style.rich_style
        gutter = Strip.blank(self._indent, rich_style)
        drawn_mark = self.mark.render_strips(self._indent, 1, style, options)[:1]
        first = drawn_mark[0].extend_cell_length(self._indent, rich_style) if drawn_mark else gutter
        return [Strip.join([first if index == 0 else gutter, line]) for index, line in enumerate(lines)]


class TypesetStatic(Static):
    """A Static showing a :class:`Typeset`, whose text can still be selected and copied."""

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        visual = self.visual
        if not isinstance(visual, Typeset):
            return super().get_selection(selection)
        return visual.selected_text(selection, self.content_region.width), "\n"

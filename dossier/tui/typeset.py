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
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from dossier.tui.kinsoku import row_breaks


class Typeset(Visual):
    """``body`` broken into rows as Chinese is set, beside an optional ``mark`` (✗, !)."""

    def __init__(self, body: Content, *, mark: Content | None = None) -> None:
        self.mark = mark or Content("")
        self.body = body
        self._indent = self.mark.cell_length
        self._rows: tuple[int, list[Content]] = (-1, [])

    def __str__(self) -> str:
        return self.plain

    @property
    def plain(self) -> str:
        return self.mark.plain + self.body.plain

    def rows(self, width: int) -> list[Content]:
        """The body's rows at ``width`` cells in all (the mark's column included)."""
        inner = max(1, width - self._indent)
        if self._rows[0] != inner:
            pieces = self.body.divide(row_breaks(self.body.plain, inner))
            self._rows = (inner, [piece.rstrip() for piece in pieces])
        return self._rows[1]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self._indent + self.body.get_optimal_width(rules, container_width - self._indent)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.rows(width))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        rich_style = style.rich_style
        inner = max(1, width - self._indent)
        gutter = Strip.blank(self._indent, rich_style)
        if self._indent:
            drawn_mark = self.mark.render_strips(self._indent, 1, style, options)[:1]
            first = drawn_mark[0].extend_cell_length(self._indent, rich_style) if drawn_mark else gutter
        else:
            first = gutter
        strips: list[Strip] = []
        for index, row in enumerate(self.rows(width)[:height]):
            drawn = row.render_strips(inner, 1, style, options)[:1] if row else []
            line = drawn[0] if drawn else Strip.blank(0)
            strips.append(Strip.join([first if index == 0 else gutter, line]) if self._indent else line)
        return strips

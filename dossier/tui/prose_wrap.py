"""The soft wrap of a narrative part: Textual's wrapped document, kept up to date per key.

Textual 8.2.8 wraps a whole line again after each key and measures each character of it;
a Chinese paragraph has no spaces, so it wraps into many rows and a key in it cost about
a millisecond of wrapping alone. :class:`ProseWrap` gives Textual's rows, except that a
row of Chinese text obeys the line-breaking rules of :mod:`dossier.tui.kinsoku` (no row
starts with "，" or ends with "（"), at the cost of the row or two the key changed; the
Hypothesis tests in ``tests/tui/test_keystroke_path.py`` compare it with a plain reference
wrap. Only the section editors (``ProseArea``) use it: other inputs keep Textual's wrap.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections import deque
from itertools import pairwise

from rich.cells import get_character_cell_size, load_cell_table
from rich.control import STRIP_CONTROL_CODES, strip_control_codes
from textual._cells import cell_len
from textual._wrap import compute_wrap_offsets
from textual._wrap import re_chunk as _CHUNK
from textual.document._document import Location
from textual.document._wrapped_document import WrappedDocument
from textual.expand_tabs import get_tab_widths
from textual.geometry import clamp

from dossier.tui.kinsoku import RULED, allowed_break

_STRIPPED = re.compile("[" + "".join(map(chr, STRIP_CONTROL_CODES)) + "]")
"""What rich's ``strip_control_codes`` removes (a rich ``Text`` removes them from its text)."""


@functools.cache
def _wide_run() -> re.Pattern[str]:
    """A run of characters that rich draws two cells wide (``get_character_cell_size`` is 2),
    from the same table rich measures with; compiled when first needed, not at start-up.
    ``test_wide_run_is_what_rich_measures_two_cells`` checks every code point."""
    table = load_cell_table("auto").widths
    ranges = "".join(
        f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high, cells in table if cells == 2
    )
    return re.compile(f"[{ranges}]+")


def _width_upto(line: str, start: int, end: int, width: int) -> int:
    """The cells of ``line[start:end]``, exactly when at most ``width``; else some figure above it
    (measuring only the first ``width + 1`` characters of a long chunk, which is enough
    unless some are zero-width)."""
    if end - start > width + 1:
        head = cell_len(line[start : start + width + 1])
        if head > width:
            return head
    return cell_len(line[start:end])


def _wrap_from(line: str, restart: int, width: int, old: list[int], shift: int, edit_end: int) -> list[int]:
    """The breaks of ``line`` after ``restart``, where a row starts, as :func:`ruled_wrap`
    puts them, for a line without tabs and rows of 2 cells or more: Textual's greedy wrap
    (``compute_wrap_offsets(line[restart:])``, moved by ``restart``), each break moved back
    by :func:`~dossier.tui.kinsoku.allowed_break` where the line-breaking rules ask, and the
    rest of the line wrapped afresh from a break so moved.

    Wrapping from a row's start depends only on the text from there on (the rules look only
    inside the row they end). So once a row starts at or after the edit (which ends at
    ``edit_end``) at a place where one started before the edit (in ``old``, the line's breaks
    then; the edit moved the text after it by ``shift``), every later row is the old one
    moved: a key in the middle of a 2,000-character Chinese paragraph wraps a row or two, not
    the other thousand characters (Textual's ``compute_wrap_offsets`` measures and folds each
    of them, about 1 ms a key). ``test_prose_wrap_rewraps_a_line_as_a_fresh_wrap`` compares
    it with the reference wrap of the tests.
    """
    breaks: list[int] = []

    def settled(at: int) -> list[int] | None:
        """The old rows after ``at`` moved by ``shift``, if a row started at ``at`` before the edit."""
        if at < edit_end:
            return None
        index = bisect_left(old, at - shift)
        if index < len(old) and old[index] == at - shift:
            return [offset + shift for offset in old[index + 1 :]]
        return None

    row = origin = restart  # where the current row starts; where the wrap last started afresh
    used = 0  # cells of the current row
    position, length = restart, len(line)
    while position < length:
        chunk = _CHUNK.match(line, position)
        assert chunk is not None  # the pattern matches any non-empty text
        start, end = chunk.span()
        cells = _width_upto(line, start, end, width)
        if cells <= width - used:
            used += cells
            position = end
            continue
        if cells <= width or start != origin:  # a break before the chunk
            row = allowed_break(line, row, start)
            breaks.append(row)
            if (rest := settled(row)) is not None:
                return breaks + rest
            if row != start:  # moved back: the rest of the line wraps afresh from there
                position = origin = row
                used = 0
                continue
            if cells <= width:  # fits on the new row
                used = cells
                position = end
                continue
        # a chunk wider than a row: folded, character by character, on new rows; a break the
        # rules move back stays in the chunk (the row started in it), and the fold goes on from
        # there just as a fresh wrap of the rest of the line would
        used, index, per_row, run_end = 0, start, width // 2, start
        while index < end:
            if used == 0:  # a row starts at index (or at zero-width characters before it)
                if index >= run_end:  # the run of wide characters index is in, found once per run
                    run = _wide_run().match(line, index, end)
                    run_end = run.end() if run is not None else index
                # a row of characters two cells wide holds width // 2 of them, and the next
                # one, as wide, starts a row: no need to measure them one by one
                while index + per_row < run_end:
                    row = index = allowed_break(line, row, index + per_row)
                    breaks.append(row)
                    if (rest := settled(row)) is not None:
                        return breaks + rest
            size = get_character_cell_size(line[index])
            if used + size > width:
                row = index = allowed_break(line, row, index)
                breaks.append(row)
                if (rest := settled(row)) is not None:
                    return breaks + rest
                used = 0  # the character starts the new row: measured again there
                continue
            used += size
            index += 1
        position = end
    return breaks


def _greedy_end(line: str, row: int, width: int) -> int:
    """Where Textual's greedy wrap of ``line[row:]`` puts its first break (``len(line)`` if
    the rest fits one row), for a line without tabs and rows of 2 cells or more."""
    used, position, length = 0, row, len(line)
    while position < length:
        chunk = _CHUNK.match(line, position)
        assert chunk is not None  # the pattern matches any non-empty text
        start, end = chunk.span()
        cells = _width_upto(line, start, end, width)
        if cells <= width - used:
            used += cells
            position = end
            continue
        if start != row:
            return start
        run = _wide_run().match(line, start, end)
        if run is not None and start + width // 2 < run.end():
            return start + width // 2
        for index in range(start, end):
            size = get_character_cell_size(line[index])
            if used + size > width:
                return index
            used += size
        return end  # not reached: the chunk is wider than the row
    return length


def ruled_wrap(
    line: str, width: int, tab_width: int, tab_sections: list[tuple[str, int]] | None = None
) -> list[int]:
    """The breaks of one line in a section editor: Textual's greedy wrap, obeying the
    line-breaking rules of :mod:`dossier.tui.kinsoku`.

    A line without any character the rules name gets exactly Textual's breaks; one without
    tabs, at 2 cells or more, is wrapped in one pass by :func:`_wrap_from`; any other
    (tabs, a row of one cell) the plain way: Textual's wrap, then the first break the rules
    move, and Textual's wrap of the rest from there, until none moves.
    """
    if not width:
        return []
    if tab_sections is None:
        tab_sections = get_tab_widths(line, tab_width)
    if not _ruled().search(line):
        return compute_wrap_offsets(line, width, tab_width, precomputed_tab_sections=tab_sections)
    if width >= 2 and "\t" not in line:
        return _wrap_from(line, 0, width, [], 0, 0)
    breaks = compute_wrap_offsets(line, width, tab_width, precomputed_tab_sections=tab_sections)
    index = 0
    while index < len(breaks):
        moved = allowed_break(line, breaks[index - 1] if index else 0, breaks[index])
        if moved != breaks[index]:
            rest_sections = get_tab_widths(line[moved:], tab_width)  # as Textual measures a line
            rest = compute_wrap_offsets(
                line[moved:], width, tab_width, precomputed_tab_sections=rest_sections
            )
            breaks[index:] = [moved, *(moved + offset for offset in rest)]
        index += 1
    return breaks


@functools.cache
def _ruled() -> re.Pattern[str]:
    """Any character of the line-breaking rules."""
    return re.compile("[" + re.escape(RULED) + "]")


class ProseWrap(WrappedDocument):
    """Textual's wrapped view of a document, with its height known at once, wrapped by
    :func:`ruled_wrap` (the line-breaking rules of Chinese) in ``wrap`` and ``wrap_range``.

    Textual 8.2.8 works ``WrappedDocument.height`` out by summing over every line of the
    document, and ``TextArea`` asks for it on every screen row it draws and after every
    edit: in a 2 MB section (about 10,000 lines) that was 40 rows x 10,000 lines per
    repaint, 350 ms. Each row of the wrapped document has one entry in
    ``_offset_to_line_info`` (``wrap`` and ``wrap_range`` keep it so), so its length is
    the same figure. ``test_prose_wrap_is_textual_wrap`` compares the two after
    random edits, and fails if Textual renames what this reads.
    """

    @property
    def height(self) -> int:
        return len(self._offset_to_line_info)

    def wrap(self, width: int, tab_width: int | None = None) -> None:
        """Wrap every line (at start, on a resize) as Textual does, obeying the line-breaking rules.

        Textual 8.2.8's ``wrap`` with :func:`ruled_wrap` in place of ``compute_wrap_offsets``:
        a row of Chinese text never starts with a closing mark nor ends with an opening one.
        """
        self._width = width
        if tab_width:
            self._tab_width = tab_width
        offsets: list[list[int]] = []
        tab_widths: list[list[int]] = []
        for line in self.document.lines:
            sections = get_tab_widths(line, self._tab_width)
            tab_widths.append([cells for _, cells in sections])
            offsets.append(ruled_wrap(line, width, self._tab_width, sections))
        self._wrap_offsets = offsets
        self._tab_width_cache = tab_widths
        self._reindex(0)

    def _reindex(self, first: int) -> None:
        """Number the screen rows again from line ``first`` on, after its rows changed."""
        info = self._offset_to_line_info
        by_line = self._line_index_to_offsets
        y = by_line[first - 1][-1] + 1 if first else 0
        del info[y:]
        del by_line[first:]
        for index in range(first, len(self._wrap_offsets)):
            count = len(self._wrap_offsets[index]) + 1
            info.extend((index, section) for section in range(count))
            by_line.append(list(range(y, y + count)))
            y += count

    def _rewrap(self, start: Location, old_end: Location, new_end: Location) -> None:
        """Textual's ``wrap_range`` (every line the edit touched, wrapped again), then those
        lines wrapped again by :func:`ruled_wrap` where the rules move a break."""
        old_last = len(self._line_index_to_offsets) - 1
        super().wrap_range(start, old_end, new_end)
        if not self._width:
            return
        new_last = self.document.line_count - 1
        # the lines Textual wrapped again, as its wrap_range works them out
        first_line = clamp(start[0], 0, min(old_last, new_last))
        top = min(first_line, clamp(old_end[0], 0, old_last))
        bottom = max(first_line, clamp(new_end[0], 0, new_last))
        first = None
        for index in range(top, bottom + 1):
            line = self.document[index]
            if not _ruled().search(line):
                continue
            ruled = ruled_wrap(line, self._width, self._tab_width)
            if ruled != self._wrap_offsets[index]:
                if first is None and len(ruled) != len(self._wrap_offsets[index]):
                    first = index
                self._wrap_offsets[index] = ruled
        if first is not None:
            self._reindex(first)

    def wrap_range(self, start: Location, old_end: Location, new_end: Location) -> None:
        """After an edit, wrap again what it changed: within one line, only from the row before it.

        Textual 8.2.8 wraps every line an edit touched again from its start: 0.5 ms a key in
        a 2,000-character Chinese paragraph, most of the wrap of a key. Wrapping is greedy,
        chunk by chunk (a word and the spaces after it), and a chunk wider than the row is
        folded character by character; a break the line-breaking rules move is moved back
        within its row, looking only at that row. So a break stays where it was when the
        greedy break it came from (the end of the row's text, ``_greedy_end``) did not look
        at the edit: it lies before the chunk holding the character before the edit, or
        before the edit itself when that chunk was already wider than a row before it.
        From the last such break, where a row starts afresh, ``_wrap_from`` wraps the rest
        of the line. An edit over several lines, a tab or a row of one cell takes Textual's
        way (then the rules). ``test_prose_wrap_rewraps_a_line_as_a_fresh_wrap`` compares
        the breaks with a fresh wrap after random edits.
        """
        row = start[0]
        width = self._width
        offsets = self._wrap_offsets
        if not (width >= 2 and row == old_end[0] == new_end[0] and 0 <= row < len(offsets)):
            self._rewrap(start, old_end, new_end)
            return
        line = self.document[row]
        column = min(start[1], len(line))
        if "\t" in line or column < 1:
            self._rewrap(start, old_end, new_end)
            return
        old = offsets[row]
        last = deque(_CHUNK.finditer(line, 0, column), maxlen=1)
        chunk_start = last[0].start() if last else 0  # the chunk of the character before the edit
        # the chunk was wider than a row before the edit too: its folds up to the edit stay
        folded = _width_upto(line, chunk_start, column, width) > width
        index = bisect_right(old, column - 1)
        while index:
            greedy = _greedy_end(line, old[index - 2] if index > 1 else 0, width)
            if greedy < chunk_start or (folded and greedy < column):
                break
            index -= 1
        restart = old[index - 1] if index else 0
        new = old[:index] + _wrap_from(line, restart, width, old, new_end[1] - old_end[1], new_end[1])
        offsets[row] = new
        self._tab_width_cache[row] = [0] if line else []
        if len(new) != len(old):
            self._reindex(row)  # a row more or less: rows below move

    def get_sections(self, line_index: int) -> list[str]:
        """The rows of one line, as Textual cuts them, without building a rich ``Text`` per row.

        Textual 8.2.8 makes a ``Text`` of the whole line and divides it (a new ``Text`` per
        row, each cleaned of control codes again), twice per key to place the cursor: about
        2 ms a key in a 2,000-character Chinese paragraph. The same strings come from
        slicing the line, cleaned once as ``Text`` cleans it (``strip_control_codes``), when
        it holds one of the characters that cleaning removes.
        ``test_prose_wrap_is_textual_wrap`` compares the two.
        """
        line = self.document[line_index]
        if _STRIPPED.search(line):  # rare: a search, in C, costs less than a copy of the line
            line = strip_control_codes(line)
        bounds = [0, *self._wrap_offsets[line_index], len(line)]
        return [line[start:end] for start, end in pairwise(bounds)]

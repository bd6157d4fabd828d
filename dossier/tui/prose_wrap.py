"""The soft wrap of a narrative part: Textual's wrapped document, kept up to date per key.

Textual 8.2.8 wraps a whole line again after each key and measures each character of it;
a Chinese paragraph has no spaces, so it wraps into many rows and a key in it cost about
a millisecond of wrapping alone. :class:`ProseWrap` gives the same rows (compared with
Textual's by Hypothesis tests in ``tests/tui/test_keystroke_path.py``) at the cost of the
row or two the key changed.
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
    """The breaks of ``line`` after ``restart``, where a row starts, as Textual's
    ``compute_wrap_offsets(line[restart:])`` puts them (moved by ``restart``), for a line
    without tabs and rows of 2 cells or more.

    Greedy wrapping from a row's start depends only on the text from there on. So once a row
    starts at or after the edit (which ends at ``edit_end``) at a place where one started
    before the edit (in ``old``, the line's breaks then; the edit moved the text after it by
    ``shift``), every later row is the old one moved: a key in the middle of a 2,000-character
    Chinese paragraph wraps a row or two, not the other thousand characters (Textual's
    ``compute_wrap_offsets`` measures and folds each of them, about 1 ms a key).
    ``test_prose_wrap_rewraps_a_line_as_a_fresh_wrap`` compares it with a fresh wrap.
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

    used = 0  # cells of the current row
    position, length = restart, len(line)
    while position < length:
        chunk = _CHUNK.match(line, position)
        assert chunk is not None  # the pattern matches any non-empty text
        start, end = chunk.span()
        cells = _width_upto(line, start, end, width)
        if cells <= width - used:
            used += cells
        elif cells > width:  # a chunk wider than a row: folded, character by character, on new rows
            if start != restart:
                breaks.append(start)
                if (rest := settled(start)) is not None:
                    return breaks + rest
            used, index, per_row = 0, start, width // 2
            while index < end:
                if used == 0 and (run := _wide_run().match(line, index, end)) is not None:
                    # a row of characters two cells wide holds width // 2 of them, and the next
                    # one, as wide, starts a row: no need to measure them one by one
                    while index + per_row < run.end():
                        index += per_row
                        breaks.append(index)
                        if (rest := settled(index)) is not None:
                            return breaks + rest
                size = get_character_cell_size(line[index])
                if used + size > width:
                    breaks.append(index)
                    if (rest := settled(index)) is not None:
                        return breaks + rest
                    used = 0  # the character starts the new row: measured again there
                    continue
                used += size
                index += 1
        else:  # fits on the next row
            breaks.append(start)
            if (rest := settled(start)) is not None:
                return breaks + rest
            used = cells
        position = end
    return breaks


class ProseWrap(WrappedDocument):
    """Textual's wrapped view of a document, with its height known at once.

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

    def wrap_range(self, start: Location, old_end: Location, new_end: Location) -> None:
        """After an edit, wrap again what it changed: within one line, only from the row before it.

        Textual 8.2.8 wraps every line an edit touched again from its start: 0.5 ms a key in
        a 2,000-character Chinese paragraph, most of the wrap of a key. Wrapping is greedy,
        chunk by chunk (a word and the spaces after it), and a chunk wider than the row is
        folded character by character; so every break before the first chunk the edit can
        change (the one holding the character before the edit) stays where it was, and so
        do the breaks inside that chunk before the edit when it is folded before and after.
        From the last such break, where a row starts afresh, Textual's own
        ``compute_wrap_offsets`` wraps the rest of the line. An edit over several lines, a
        tab, or a row more or less takes Textual's way. ``test_prose_wrap_is_textual_wrap``
        compares the breaks with a fresh wrap after random edits.
        """
        row = start[0]
        width = self._width
        offsets = self._wrap_offsets
        if not (width and row == old_end[0] == new_end[0] and 0 <= row < len(offsets)):
            super().wrap_range(start, old_end, new_end)
            return
        line = self.document[row]
        column = min(start[1], len(line))
        if "\t" in line or column < 1:
            super().wrap_range(start, old_end, new_end)
            return
        old = offsets[row]
        last = deque(_CHUNK.finditer(line, 0, column), maxlen=1)
        chunk_start = last[0].start() if last else 0  # the chunk of the character before the edit
        chunk = _CHUNK.match(line, chunk_start)
        folded = chunk is not None and _width_upto(line, chunk_start, chunk.end(), width) > width
        index = bisect_right(old, column - 1) if folded else bisect_left(old, chunk_start)
        if folded and (index == 0 or old[index - 1] <= chunk_start):
            index = bisect_left(old, chunk_start)  # no break inside the chunk before the edit
        restart = old[index - 1] if index else 0
        if width >= 2:  # no character is wider than the row: _wrap_from folds as Textual does
            new = old[:index] + _wrap_from(line, restart, width, old, new_end[1] - old_end[1], new_end[1])
        else:
            rest = compute_wrap_offsets(line[restart:], width, self._tab_width)
            new = old[:index] + [restart + offset for offset in rest]
        if len(new) != len(old):
            super().wrap_range(start, old_end, new_end)  # a row more or less: rows below move
            return
        offsets[row] = new
        self._tab_width_cache[row] = [0] if line else []

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

"""Where a soft-wrapped row of Chinese text may not break (line-breaking rules, 禁则 / "kinsoku").

Chinese typesetting, as the national standard on punctuation usage (GB/T 15834) describes
it and as Word and WPS apply it, keeps a mark that closes something (a full stop, a comma,
the second half of quotation marks, brackets or title marks, the ellipsis and the dash,
the middle dot, the range tilde) off the start of a line, and a mark that opens something
(the first half of quotation marks, brackets and title marks) off its end: the character
before it moves to the next line with it. The two sets below are that list, in the
full-width forms a Chinese text uses, plus the curly quotation marks and the ellipsis and
dash a Chinese keyboard types. ASCII punctuation is left out on purpose: an English text
wraps at its spaces, as Textual wraps it.

Display only: nothing here changes the text, only where :class:`~dossier.tui.prose_wrap.ProseWrap`
(the section editors) and :func:`row_breaks` (findings and guidance, through
:class:`~dossier.tui.typeset.Typeset`) break their rows.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size

NO_ROW_START = frozenset(
    "，。、；：？！"  # full stop, commas, semicolon, colon, question and exclamation marks
    "…—～〜·・"  # ellipsis, dash, range tilde, middle dots: never split, never first
    "）］｝〕〗〙〛】》〉」』”’"  # the closing half of brackets, title marks and quotes
)
"""Characters a row never starts with (unless the row before would be left empty)."""

NO_ROW_END = frozenset(
    "（［｛〔〖〘〚【《〈「『“‘"  # the opening half of brackets, title marks and quotes
)
"""Characters a row never ends with (unless the row before would be left empty)."""

RULED = "".join(sorted(NO_ROW_START | NO_ROW_END))
"""Every character the rules name: a line without any of them wraps exactly as Textual wraps it."""


def allowed_break(line: str, row_start: int, greedy: int) -> int:
    """Where the row ``line[row_start:greedy]`` ends once it obeys the rules.

    ``greedy`` (a break, so ``row_start < greedy < len(line)``) if the next row would not start
    with a character of :data:`NO_ROW_START` nor this one end with one of :data:`NO_ROW_END`;
    else the break moves back one character at a time (the characters before it go to the
    next row, as Word does) to the first place that obeys, never before ``row_start + 1``
    and never before a zero-width character (a combining accent stays with its letter);
    where no place in the row obeys, ``greedy`` (a row of closing marks longer than a row).
    """
    for at in range(greedy, row_start, -1):
        if line[at] in NO_ROW_START or line[at - 1] in NO_ROW_END:
            continue
        if at != greedy and get_character_cell_size(line[at]) == 0:
            continue
        return at
    return greedy


def row_breaks(text: str, width: int) -> list[int]:
    """Where a short interface text (a finding) breaks into rows of ``width`` cells.

    Textual wraps only at spaces, so a Chinese sentence glued to a Latin word ("请填写“Aucune")
    is one long word, cut at whatever character meets the edge. Here a row may also end
    between two characters when either is drawn two cells wide, as Chinese is set, obeying
    the rules above; a space ends a row and hangs past its edge; a word longer than a row is
    cut; a line break always breaks. Returns the offsets where rows start, like Textual's
    ``compute_wrap_offsets``.
    """
    breaks: list[int] = []
    row_start = used = 0
    opportunity = 0  # the last place after row_start where a row may start
    for index, character in enumerate(text):
        if index > row_start and _may_start_row(text, index):
            opportunity = index
        if character == "\n":
            if index + 1 < len(text):
                breaks.append(index + 1)
            row_start, used, opportunity = index + 1, 0, index + 1
            continue
        size = get_character_cell_size(character)
        if not size or _breaking_space(character) or used + size <= width or index == row_start:
            used += size
            continue
        moved = cell_len(text[opportunity : index + 1]) if opportunity > row_start else width + 1
        # the last place the rules allow, unless what it carries down is wider than a row
        row_start = opportunity if moved <= width else index
        breaks.append(row_start)
        used = cell_len(text[row_start : index + 1])
    return breaks


def _may_start_row(text: str, index: int) -> bool:
    """May a row start at ``text[index]`` (``index`` > 0)?"""
    before, after = text[index - 1], text[index]
    if _breaking_space(after) or after in NO_ROW_START or before in NO_ROW_END:
        return False
    if get_character_cell_size(after) == 0:
        return False  # a combining accent stays with its letter
    if _breaking_space(before):
        return True
    if before in NO_BREAK_SPACES or after in NO_BREAK_SPACES:
        return False
    return get_character_cell_size(before) == 2 or get_character_cell_size(after) == 2


NO_BREAK_SPACES = frozenset("\u00a0\u202f\u2007")
"""Spaces a row never breaks at: French puts them before ":" and "»", and between digits."""


def _breaking_space(character: str) -> bool:
    return character.isspace() and character not in NO_BREAK_SPACES

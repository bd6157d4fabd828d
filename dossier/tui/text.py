"""Showing user text literally: never as markup, never as terminal control sequences.

Everything a user typed or a file contained (city names, section texts, findings that
quote them, paths, profile titles) goes through :func:`literal` before it reaches a
widget. ``Content`` is never parsed as markup, and :func:`clean` turns control
characters into visible symbols, because Textual passes ESC through to the terminal
even with ``markup=False`` (an OSC 52 sequence in a pasted text could write the
clipboard). Stored text is left as it is: this is display only.
"""

from __future__ import annotations

import re
import string
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.content import Content

from dossier.core.i18n import _, interface_language, ngettext, pgettext

if TYPE_CHECKING:
    from datetime import date

    from textual.fuzzy import Matcher

# C0 except tab and newline, DEL, C1, and the bidi overrides that can reorder a line.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_NO_NEWLINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟, ␛ for ESC
    if code == 0x7F:
        return "␡"
    return "\ufffd"


def clean(text: str, *, one_line: bool = False) -> str:
    """``text`` with control characters shown as symbols (and, if ``one_line``, no line breaks)."""
    if one_line:
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
        return _CONTROL_NO_NEWLINE.sub(_visible, text)
    return _CONTROL.sub(_visible, text.replace("\r\n", "\n"))


_LINE_SEPARATORS = "\u2028\u2029\x85"
"""Unicode line and paragraph separators and NEL: the editor makes them ordinary line breaks."""
_BREAKS = str.maketrans(dict.fromkeys(_LINE_SEPARATORS, "\n"))
_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _breaks(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_BREAKS)


def strip_controls(text: str) -> str:
    """What an editor can hold of ``text``: control characters removed, every line break a newline."""
    return _CONTROL.sub("", _breaks(text))


def removed_summary(text: str) -> str | None:
    """In words, what :func:`strip_controls` changes in ``text``, or None when nothing.

    The editors cannot hold these characters as they are, so the official is told before
    an edit changes them in the draft (CR LF line ends need no word: they stay line breaks).
    """
    found = _CONTROL.findall(_breaks(text))
    direction = sum(1 for char in found if _DIRECTION.match(char))
    control = len(found) - direction
    separators = sum(text.count(char) for char in _LINE_SEPARATORS)
    parts = []
    if control:
        parts.append(
            ngettext(
                "{count} invisible control character (removed)",
                "{count} invisible control characters (removed)",
                control,
            ).format(count=control)
        )
    if direction:
        parts.append(
            ngettext(
                "{count} text-direction mark (removed)", "{count} text-direction marks (removed)", direction
            ).format(count=direction)
        )
    if separators:
        parts.append(
            ngettext(
                "{count} Unicode line separator (made ordinary line breaks)",
                "{count} Unicode line separators (made ordinary line breaks)",
                separators,
            ).format(count=separators)
        )
    # Translators: joins two or three counts of removed characters ("3 … (removed) and 1 …").
    return _(" and ").join(parts) or None


def literal(text: str, style: str = "", *, one_line: bool = False) -> Content:
    """User text as a Content that is never parsed as markup."""
    content = Content(clean(text, one_line=one_line))
    return content.stylize(style) if style else content


def highlight(matcher: Matcher, text: str) -> Content:
    """Like ``Matcher.highlight`` but without parsing ``text`` as markup (it does)."""
    shown = clean(text, one_line=True)
    content = Content(shown)
    score, offsets = matcher.fuzzy_search.match(matcher.query, shown)
    if not score:
        return content
    for offset in offsets:
        if not shown[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _month(number: int) -> str:
    names = (
        pgettext("month", "Jan"),
        pgettext("month", "Feb"),
        pgettext("month", "Mar"),
        pgettext("month", "Apr"),
        pgettext("month", "May"),
        pgettext("month", "Jun"),
        pgettext("month", "Jul"),
        pgettext("month", "Aug"),
        pgettext("month", "Sep"),
        pgettext("month", "Oct"),
        pgettext("month", "Nov"),
        pgettext("month", "Dec"),
    )
    return names[number - 1]


def format_date(when: date) -> str:
    """A date as the interface language writes it: 12 Jan 2027, 12 janv. 2027, 2027年1月12日.

    Not ``strftime("%b")``, whose month names are the C locale's (English) whatever the interface.
    """
    day = f"{when.day:02d}" if interface_language() == "en" else str(when.day)  # "05 Feb", "5 févr."
    # Translators: a date; {month} is the abbreviated month of context "month". Reorder freely.
    return _("{day} {month} {year}").format(day=day, month=_month(when.month), year=when.year)


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells, ending with "…" when cut; never in the middle of
    a wide (Chinese) character, which takes two cells."""
    if cell_len(text) <= width:
        return text
    if width <= 0:
        return ""
    kept = ""
    used = 0
    for char in text:
        size = cell_len(char)
        if used + size > width - 1:
            break
        kept += char
        used += size
    return kept + "…"


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` terminal cells (a Chinese character takes two)."""
    return text + " " * max(1, width - cell_len(text))


def assemble(template: str, **values: Content) -> Content:
    """A translated ``template`` ("The draft {name} is gone") with each ``{field}`` replaced by
    the Content given for it: the words come from the catalogue, the values (user text, paths)
    stay literal and keep their style."""
    pieces: list[Content] = []
    for literal_text, field, _spec, _conversion in string.Formatter().parse(template):
        if literal_text:
            pieces.append(Content(literal_text))
        if field is not None:
            pieces.append(values[field])
    return Content("").join(pieces)

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
from typing import TYPE_CHECKING

from textual.content import Content

if TYPE_CHECKING:
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
        parts.append(f"{control} invisible control character{'s' if control != 1 else ''} (removed)")
    if direction:
        parts.append(f"{direction} text-direction mark{'s' if direction != 1 else ''} (removed)")
    if separators:
        parts.append(
            f"{separators} Unicode line separator{'s' if separators != 1 else ''} (made ordinary line breaks)"
        )
    return " and ".join(parts) or None


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

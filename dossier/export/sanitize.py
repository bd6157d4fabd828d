"""Make user text safe for XML without losing anything a reader could see.

XML 1.0 cannot hold most C0 control characters, lone surrogates, U+FFFE or U+FFFF, and
python-docx raises ValueError the moment such a string is assigned. Drafts get them
from pasted text (NUL from a broken clipboard, VT from Word's soft line break, FF from
LaTeX or PDF text). They are removed here and counted, so the export can say how many
it dropped and where, instead of crashing or silently changing the text.

Two of them carry meaning: VT (Word's manual line break) and FF (a page break) become
a line break, so the words on each side do not run together; they still count as
removed characters. CRLF and a lone CR become LF first: python-docx would turn CRLF
into two line breaks. Tabs and line feeds are kept. Pure: no python-docx import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Everything XML 1.0 forbids: C0 controls but TAB, LF, CR; surrogates; U+FFFE, U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("[\x0b\x0c]")
_NEWLINES = re.compile(r"\r\n?")


def xml_safe(text: str) -> tuple[str, int]:
    """``text`` with line ends normalised to LF and XML-forbidden characters removed.

    Returns (clean text, number of characters removed). VT and FF are replaced by a
    line feed (and counted); every other forbidden character is dropped.
    """
    text = _NEWLINES.sub("\n", text)
    removed = len(_FORBIDDEN.findall(text))
    if removed:
        text = _FORBIDDEN.sub("", _LINE_BREAKS.sub("\n", text))
    return text, removed


@dataclass(slots=True)
class Cleaner:
    """Runs :func:`xml_safe` on every string of one export and remembers where it removed.

    A location is a dotted path into the draft (``sections.strategy.text``), the same
    form the validation findings use. The same field may be written twice (the city is
    on the cover and in the table), so each location is counted once.
    """

    removed: dict[str, int] = field(default_factory=dict)

    def __call__(self, text: str, location: str | None = None) -> str:
        clean, count = xml_safe(text)
        if count and location is not None:
            self.removed[location] = count
        return clean

    def report(self) -> list[tuple[str, int]]:
        """(location, count) pairs in the order they were met."""
        return list(self.removed.items())

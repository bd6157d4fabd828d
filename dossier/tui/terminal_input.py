"""Reading the terminal: a bracketed paste that holds an ESC still arrives as one paste.

Textual 8.2.8's key reader (``XTermParser``) treats every ESC as the start of a key
sequence, even inside a bracketed paste (``ESC[200~ … ESC[201~``). Text copied from
coloured terminal output or a chat holds such ESCs: the reader then ended the paste
there, sent the rest as typed keys (a ctrl+q or ctrl+s inside the text could run its
command) and pasted the beginning last. Here every ESC *inside* a paste is replaced by
SUB (U+001A, the character meant to stand for a character that cannot be kept) before
Textual reads it, so the paste arrives whole; the editors then drop SUB with the other
control characters and say so.

Only the posix driver reads the terminal through this parser; ``DossierApp`` uses
:class:`PasteSafeDriver` there. ``tests/tui/test_paste_and_typing.py`` keeps a test that
fails once Textual keeps such pastes whole by itself, so this can go.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
SUB = "\x1a"


class PasteSafeParser(XTermParser):
    """Textual's reader, fed with ESCs inside a bracketed paste made SUB."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._in_paste = False
        self._held = ""
        """Inside a paste: the end of the data read so far that may be the start of PASTE_END."""
        self._tail = ""
        """Outside a paste: the last characters passed on, to see a PASTE_START cut in two."""

    def feed(self, data: str) -> Iterable[Any]:
        text = self._rewrite(data)
        if data and not text:  # all held back (a possible end of paste): "" would mean end of input
            return []
        return super().feed(text)

    def _rewrite(self, data: str) -> str:
        text, out, i = self._held + data, [], 0
        self._held = ""
        while i < len(text):
            if not self._in_paste:
                seen = self._tail + text[i:]
                start = seen.find(PASTE_START)
                if start < 0:
                    out.append(text[i:])
                    self._tail = seen[-(len(PASTE_START) - 1) :]
                    break
                begin = i + start - len(self._tail) + len(PASTE_START)  # just after the marker
                out.append(text[i:begin])
                self._in_paste, self._tail, i = True, "", begin
                continue
            end = text.find(PASTE_END, i)
            if end < 0:
                body = text[i:]
                keep = next((n for n in range(len(PASTE_END) - 1, 0, -1) if body.endswith(PASTE_END[:n])), 0)
                self._held = body[len(body) - keep :] if keep else ""
                out.append(body[: len(body) - keep].replace("\x1b", SUB))
                break
            out.append(text[i:end].replace("\x1b", SUB) + PASTE_END)
            self._in_paste, i = False, end + len(PASTE_END)
        return "".join(out)


class PasteSafeDriver(LinuxDriver):
    """The posix terminal driver, reading keys with :class:`PasteSafeParser`."""

    def run_input_thread(self) -> None:
        # LinuxDriver makes its parser from the name XTermParser in its own module: that name
        # is pointed at ours (the process runs one app, whose only terminal reader this is).
        import textual.drivers.linux_driver as linux_driver

        linux_driver.XTermParser = PasteSafeParser  # type: ignore[misc]
        super().run_input_thread()
